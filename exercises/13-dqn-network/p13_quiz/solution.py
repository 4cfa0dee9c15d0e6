answers = {
    "forward_order": [0, 1, 2, 3, 4, 5, 6, 7, 8],
    "component_purpose": [0, 1, 2, 3, 4, 5],
    "conv1_side": 20,
    "fc1_share": 95.3,
    "epsilon_at": 0.775,
    "hard_update": 0,
    "why_not_markov": (
        "One frame shows where the ball is but not where it is going; four frames show its "
        "motion, so the stacked state tells the network its velocity."
    ),
}
