answers = {
    "weights": 1,
    "weighted_sum_value": 1.0,
    "threshold_to_bias": -3,
    "true_statements": [0, 2],
    "dqn_head_params": 2052,
    "hebb": 1,
    "hebb_learning": (
        "When one neuron repeatedly helps to fire another, the connection between them "
        "strengthens. In the artificial neuron that strength is a weight, so learning means "
        "adjusting the weights from experience, as training does."
    ),
}
