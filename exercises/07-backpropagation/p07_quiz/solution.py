answers = {
    "chain_rule_value": -2,
    "weight_gradient_shape": 0,
    "relative_error_verdict": 0.0476,
    "step_order": [0, 1, 2, 3, 4],
    "local_gradients": [0, 1, 2, 3, 4],
    "dqn_semi_gradient": [0, 1, 2],
    "silent_bug": (
        "Nothing crashes and the direction is right, so the agent learns, only with a 32x "
        "learning rate; a gradient check with N > 1 shows a large relative error."
    ),
}
