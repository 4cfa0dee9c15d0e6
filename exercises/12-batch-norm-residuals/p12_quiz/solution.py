answers = {
    "eval_statistics": 0,
    "running_mean_value": 0.5,
    "running_var_value": 1.1,
    "which_axis": [0, 1],
    "rl_bugs": [0, 1, 2],
    "deep_gradient": 1048576,
    "why_skip": 0,
    "why_not_batchnorm_rl": (
        "Batch norm makes a state's output depend on its batch and on running statistics of "
        "old data; in DQN the data drifts and online and target networks see different "
        "batches. LayerNorm normalises each sample by itself."
    ),
}
