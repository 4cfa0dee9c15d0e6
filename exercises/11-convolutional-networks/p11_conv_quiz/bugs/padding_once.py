# Bug: counts the padding on one side only: (96 + 2 - 5) // 3 + 1 = 31.
# expect: 31 is not the expected value
answers = {
    "output_width": 31,
    "conv2_params": 32832,
    "receptive_field": 9,
    "dqn_first_output": 0,
    "pooling_facts": [0, 1, 2],
    "im2col_order": [0, 1, 2, 3, 4],
    "layer_shapes": [0, 1, 2, 3],
    "why_no_pooling": "It loses positions.",
}
