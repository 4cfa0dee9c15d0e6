# Bug: swaps what the replay buffer and the target network are for.
# expect: 4 of 6 pairs are right
answers = {
    "forward_order": [0, 1, 2, 3, 4, 5, 6, 7, 8],
    "component_purpose": [0, 2, 1, 3, 4, 5],
    "conv1_side": 20,
    "fc1_share": 95.3,
    "epsilon_at": 0.775,
    "hard_update": 0,
    "why_not_markov": "No velocity in one frame.",
}
