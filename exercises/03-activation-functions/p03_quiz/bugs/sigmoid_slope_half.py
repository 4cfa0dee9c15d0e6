# Bug: confuses sigmoid(0) = 0.5 with the derivative, and so the 10-layer bound 0.5**10.
# expect: 0.5 is not within 0.0001 of the expected value
answers = {
    "sigmoid_max_slope": 0.5,
    "tanh_slope_at_zero": 1.0,
    "ten_sigmoid_layers": 0.5**10,
    "dqn_output_activation": 3,
    "softmax_facts": [0, 1, 2],
    "dead_relu": 0,
    "zero_centred": 1,
    "max_shift_effect": 1,
    "why_subtract_max": "exp would overflow to inf; shifting does not change the softmax",
}
