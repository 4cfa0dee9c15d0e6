# Bug: takes the bias equal to the threshold (+3) and forgets the 4 biases of the DQN head.
# expect: 2048 is not within 0.001 of the expected value
answers = {
    "weights": 1,
    "weighted_sum_value": 1.0,
    "threshold_to_bias": 3,
    "true_statements": [0, 2],
    "dqn_head_params": 2048,
    "hebb": 1,
}
