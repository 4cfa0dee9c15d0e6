answers = {
    "neuron_output": 2.0,
    "layer_parameters": 15,
    "sigmoid_slope_from_output": 0.09,
    "perceptron_step": 6,
    "perceptron_convergence": 1,
    "softmax_probability": 0.75,
    "heads": 1,
    "saturating": [0, 1, 4],
    "log_prob": 2,
    "stability_facts": [0, 2],
    "activation_properties": [0, 1, 2, 3],
    "why_nonlinear": (
        "A stack of linear layers is itself a single linear layer (the weight matrices "
        "multiply into one), so without a nonlinearity the extra layers collapse and add "
        "nothing."
    ),
}
