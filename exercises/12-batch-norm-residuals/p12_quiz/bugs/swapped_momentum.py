# Bug: treats momentum as the weight of the old value: 0.1 * 0 + 0.9 * 5 = 4.5.
# expect: 4.5 is not within
answers = {
    "eval_statistics": 0,
    "running_mean_value": 4.5,
    "running_var_value": 1.1,
    "which_axis": [0, 1],
    "rl_bugs": [0, 1, 2],
    "deep_gradient": 1048576,
    "why_skip": 0,
    "why_not_batchnorm_rl": "It depends on the batch.",
}
