answers = {
    "hidden_shape": None,
    "column_bias": None,
    "outer_sum_size": None,
    "cache_contents": None,
    "output_heads": None,
    "acting_steps": None,
    "tie_action": None,
    "why_keep_z": None,
}
