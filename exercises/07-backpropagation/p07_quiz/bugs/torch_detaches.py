# Bug: believes PyTorch detaches the target by itself.
# expect: 1 selected choice(s) are not right
answers = {
    "chain_rule_value": -2,
    "weight_gradient_shape": 0,
    "relative_error_verdict": 0.0476,
    "step_order": [0, 1, 2, 3, 4],
    "local_gradients": [0, 1, 2, 3, 4],
    "dqn_semi_gradient": [0, 1, 2, 3],
    "silent_bug": "It trains anyway.",
}
