# Bug: feeds the biased variance (1) into the running average: 0.9 * 1 + 0.1 * 1 = 1.
# expect: 1.0 is not within
answers = {
    "eval_statistics": 0,
    "running_mean_value": 0.5,
    "running_var_value": 1.0,
    "which_axis": [0, 1],
    "rl_bugs": [0, 1, 2],
    "deep_gradient": 1048576,
    "why_skip": 0,
    "why_not_batchnorm_rl": "It depends on the batch.",
}
