# Bug: picks ReLU for the DQN output (Q-values can be negative) and thinks softmax outputs are independent.
# expect: you chose A
answers = {
    "sigmoid_max_slope": 0.25,
    "tanh_slope_at_zero": 1.0,
    "ten_sigmoid_layers": 0.25**10,
    "dqn_output_activation": 0,
    "softmax_facts": [0, 1, 2, 3],
    "dead_relu": 0,
    "zero_centred": 1,
    "max_shift_effect": 1,
    "why_subtract_max": "to avoid overflow in exp; the result is unchanged",
}
