answers = {
    "weights": None,
    "weighted_sum_value": None,
    "threshold_to_bias": None,
    "true_statements": None,
    "dqn_head_params": None,
    "hebb": None,
}
