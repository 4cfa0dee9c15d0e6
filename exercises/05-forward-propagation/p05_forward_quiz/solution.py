answers = {
    "hidden_shape": 1,
    "column_bias": 2,
    "outer_sum_size": 1024,
    "cache_contents": [0, 1],
    "output_heads": [0, 1, 2, 3],
    "acting_steps": [0, 1, 2, 3, 4],
    "tie_action": 1,
    "why_keep_z": (
        "The ReLU's gradient is 1 where Z > 0 and 0 elsewhere, so the backward pass needs the "
        "pre-activation Z; the weight gradient is A_in.T @ delta, so it needs the layer's input."
    ),
}
