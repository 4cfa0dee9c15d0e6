# Bug: maps weights to the soma and believes positive rescaling changes the outputs.
# expect: you chose C
answers = {
    "weights": 2,
    "weighted_sum_value": 1.0,
    "threshold_to_bias": -3,
    "true_statements": [0, 1, 2],
    "dqn_head_params": 2052,
    "hebb": 1,
    "hebb_learning": "Weights get stronger when neurons fire together.",
}
