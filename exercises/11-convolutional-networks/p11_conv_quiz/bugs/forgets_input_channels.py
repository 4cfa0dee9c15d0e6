# Bug: counts 4x4 weights per filter, forgetting that a filter spans all 32 input channels.
# expect: 1088 is not the expected value
answers = {
    "output_width": 32,
    "conv2_params": 1088,
    "receptive_field": 9,
    "dqn_first_output": 0,
    "pooling_facts": [0, 1, 2],
    "im2col_order": [0, 1, 2, 3, 4],
    "layer_shapes": [0, 1, 2, 3],
    "why_no_pooling": "It loses positions.",
}
