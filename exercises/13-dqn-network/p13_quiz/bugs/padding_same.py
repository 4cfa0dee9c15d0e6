# Bug: assumes "same" padding: 84 / 4 = 21.
# expect: 21 is not the expected value
answers = {
    "forward_order": [0, 1, 2, 3, 4, 5, 6, 7, 8],
    "component_purpose": [0, 1, 2, 3, 4, 5],
    "conv1_side": 21,
    "fc1_share": 95.3,
    "epsilon_at": 0.775,
    "hard_update": 0,
    "why_not_markov": "No velocity in one frame.",
}
