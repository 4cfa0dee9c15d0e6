# Bug: believes the target changes after every update (that is a soft update, or no target network).
# expect: you chose B
answers = {
    "forward_order": [0, 1, 2, 3, 4, 5, 6, 7, 8],
    "component_purpose": [0, 1, 2, 3, 4, 5],
    "conv1_side": 20,
    "fc1_share": 95.3,
    "epsilon_at": 0.775,
    "hard_update": 1,
    "why_not_markov": "No velocity in one frame.",
}
