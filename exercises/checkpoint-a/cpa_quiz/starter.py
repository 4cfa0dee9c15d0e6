# Numbers for numeric questions, the choice index (0 = first) for single choice, a list of
# indices for multiple choice, for the matching question a list giving, for each left item
# in order, the index of its right item (0 = first pair), and a string for the written answer.
answers = {
    "neuron_output": None,
    "layer_parameters": None,
    "sigmoid_slope_from_output": None,
    "perceptron_step": None,
    "perceptron_convergence": None,
    "softmax_probability": None,
    "heads": None,
    "saturating": None,
    "log_prob": None,
    "stability_facts": None,
    "activation_properties": None,
    "why_nonlinear": None,
}
