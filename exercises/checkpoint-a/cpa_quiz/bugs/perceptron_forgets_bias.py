# Bug: updates the perceptron's weights but forgets the bias (new sum 5.5 instead of 6), and
# believes the number of mistakes does not depend on the order of the samples.
# expect: 5.5 is not the expected value
answers = {
    "neuron_output": 2.0,
    "layer_parameters": 15,
    "sigmoid_slope_from_output": 0.09,
    "perceptron_step": 5.5,
    "perceptron_convergence": 2,
    "softmax_probability": 0.75,
    "heads": 1,
    "saturating": [0, 1, 4],
    "log_prob": 2,
    "stability_facts": [0, 2],
    "activation_properties": [0, 1, 2, 3],
    "why_nonlinear": "Stacked linear layers collapse into one linear layer.",
}
