answers = {
    "forward_order": None,
    "component_purpose": None,
    "conv1_side": None,
    "fc1_share": None,
    "epsilon_at": None,
    "hard_update": None,
    "why_not_markov": None,
}
