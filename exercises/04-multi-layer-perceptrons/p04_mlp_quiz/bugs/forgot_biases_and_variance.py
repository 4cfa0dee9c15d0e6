# Bug: counts only the weights (4864, and 32 for the collapsed layer) and answers with the variance 2/512 instead of the std.
# expect: 4864 is not within 0.5
answers = {
    "output_shape": 1,
    "lunar_lander_params": 4864,
    "zero_init": 2,
    "he_std": 0.00390625,
    "universal_approximation": [0, 2, 4],
    "collapsed_params": 32,
    "linear_collapse": "Composing linear maps gives a linear map: the matrices multiply into a single matrix.",
    "xavier_vs_he": 0,
    "layer_order": [0, 1, 2, 3, 4],
}
