# Fill in each answer. Numbers for numeric questions, the choice index (0 = first) for
# single choice, a list of indices for multiple choice, a string for the written answer.
answers = {
    "sigmoid_max_slope": None,
    "tanh_slope_at_zero": None,
    "ten_sigmoid_layers": None,
    "dqn_output_activation": None,
    "softmax_facts": None,
    "dead_relu": None,
    "zero_centred": None,
    "max_shift_effect": None,
    "why_subtract_max": None,
}
