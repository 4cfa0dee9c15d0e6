answers = {
    "output_shape": None,
    "lunar_lander_params": None,
    "zero_init": None,
    "he_std": None,
    "universal_approximation": None,
    "collapsed_params": None,
    "linear_collapse": None,
    "xavier_vs_he": None,
    "layer_order": None,
}
