# Bug: adds the kernel sizes (5 + 3 - 1 = 7) and ignores the first layer's stride.
# expect: 7 is not the expected value
answers = {
    "output_width": 32,
    "conv2_params": 32832,
    "receptive_field": 7,
    "dqn_first_output": 0,
    "pooling_facts": [0, 1, 2, 3],
    "im2col_order": [0, 1, 2, 3, 4],
    "layer_shapes": [0, 1, 2, 3],
    "why_no_pooling": "It loses positions.",
}
