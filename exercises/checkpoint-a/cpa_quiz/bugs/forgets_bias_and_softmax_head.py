# Bug: forgets the bias in the neuron (answers 3), counts only weights (12) and puts softmax on the DQN head.
# expect: 12 is not the expected value (the exact value is needed)
answers = {
    "neuron_output": 3.0,
    "layer_parameters": 12,
    "sigmoid_slope_from_output": 0.09,
    "perceptron_step": 6,
    "perceptron_convergence": 1,
    "softmax_probability": 0.75,
    "heads": 0,
    "saturating": [0, 1, 4],
    "log_prob": 2,
    "stability_facts": [0, 2],
    "activation_properties": [0, 1, 2, 3],
    "why_nonlinear": "linear layers collapse into one layer",
}
