answers = {
    "sigmoid_max_slope": 0.25,
    "tanh_slope_at_zero": 1.0,
    "ten_sigmoid_layers": 0.25**10,
    "dqn_output_activation": 3,
    "softmax_facts": [0, 1, 2],
    "dead_relu": 0,
    "zero_centred": 1,
    "max_shift_effect": 1,
    "why_subtract_max": (
        "Without the shift exp of a large logit overflows to inf; subtracting the max "
        "leaves the probabilities unchanged because the factor exp(-m) cancels."
    ),
}
