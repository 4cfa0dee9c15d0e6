answers = {
    "output_width": None,
    "conv2_params": None,
    "receptive_field": None,
    "dqn_first_output": None,
    "pooling_facts": None,
    "im2col_order": None,
    "layer_shapes": None,
    "why_no_pooling": None,
}
