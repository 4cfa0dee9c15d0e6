# Bug: gives the Q-values a ReLU, caches the weights and sends ties to the last index.
# expect: pairs are right
answers = {
    "hidden_shape": 1,
    "column_bias": 2,
    "outer_sum_size": 1024,
    "cache_contents": [0, 2],
    "output_heads": [0, 0, 2, 3],
    "acting_steps": [0, 2, 1, 3, 4],
    "tie_action": 2,
    "why_keep_z": "",
}
