# Bug: believes a (64, 1) bias is added per unit and that (32,) + (32, 1) has 32 entries.
# expect: is not the expected value (the exact value is needed)
answers = {
    "hidden_shape": 1,
    "column_bias": 1,
    "outer_sum_size": 32,
    "cache_contents": [0, 1],
    "output_heads": [0, 1, 2, 3],
    "acting_steps": [0, 1, 2, 3, 4],
    "tie_action": 1,
    "why_keep_z": "",
}
