answers = {
    "output_shape": 1,
    "lunar_lander_params": 4996,
    "zero_init": 2,
    "he_std": 0.0625,
    "universal_approximation": [0, 2, 4],
    "collapsed_params": 36,
    "linear_collapse": "Composing linear maps gives a linear map: the ten weight matrices multiply into a single matrix, so the stack equals one linear layer.",
    "xavier_vs_he": 0,
    "layer_order": [0, 1, 2, 3, 4],
}
