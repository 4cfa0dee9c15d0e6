# The choice index (0 = first) for single choice, a list of indices for multiple choice, a
# number (or a string such as "3/4") for numeric questions, a string for the written one.
answers = {
    "weights": None,
    "weighted_sum_value": None,
    "threshold_to_bias": None,
    "true_statements": None,
    "dqn_head_params": None,
    "hebb": None,
    "hebb_learning": None,
}
