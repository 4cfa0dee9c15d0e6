answers = {
    "eval_statistics": None,
    "running_mean_value": None,
    "running_var_value": None,
    "which_axis": None,
    "rl_bugs": None,
    "deep_gradient": None,
    "why_skip": None,
    "why_not_batchnorm_rl": None,
}
