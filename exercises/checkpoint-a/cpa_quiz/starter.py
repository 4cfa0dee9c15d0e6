# Numbers for numeric questions, the choice index (0 = first) for single choice, a list of
# indices for multiple choice, a string for short answers.
answers = {
    "neuron_output": None,
    "layer_parameters": None,
    "sigmoid_slope_from_output": None,
    "softmax_probability": None,
    "heads": None,
    "saturating": None,
    "log_prob": None,
    "stability_facts": None,
    "why_nonlinear": None,
}
