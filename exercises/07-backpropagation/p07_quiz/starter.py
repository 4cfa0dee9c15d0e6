answers = {
    "chain_rule_value": None,
    "weight_gradient_shape": None,
    "relative_error_verdict": None,
    "step_order": None,
    "local_gradients": None,
    "dqn_semi_gradient": None,
    "silent_bug": None,
}
