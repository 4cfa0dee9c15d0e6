answers = {
    "output_width": 32,
    "conv2_params": 32832,
    "receptive_field": 9,
    "dqn_first_output": 0,
    "pooling_facts": [0, 1, 2],
    "im2col_order": [0, 1, 2, 3, 4],
    "layer_shapes": [0, 1, 2, 3],
    "why_no_pooling": (
        "Pooling keeps whether a feature is present but not exactly where; the agent needs the "
        "ball's exact position relative to its paddle, and strided convolutions downsample "
        "with learned weights that can keep it."
    ),
}
