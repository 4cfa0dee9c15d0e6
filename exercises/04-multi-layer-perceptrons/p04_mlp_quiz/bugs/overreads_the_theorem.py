# Bug: believes the theorem also gives the training method, that biases break zero-init symmetry,
# and applies ReLU before adding the bias.
# expect: you chose A
answers = {
    "output_shape": 1,
    "lunar_lander_params": 4996,
    "zero_init": 0,
    "he_std": 0.0625,
    "universal_approximation": [0, 1, 2, 4],
    "collapsed_params": 36,
    "linear_collapse": "Composing linear maps gives a linear map: the matrices multiply into a single matrix.",
    "xavier_vs_he": 0,
    "layer_order": [0, 1, 3, 2, 4],
}
