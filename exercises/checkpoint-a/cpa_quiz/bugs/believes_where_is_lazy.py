# Bug: believes np.where skips the unused branch, that ReLU saturates, and swaps ReLU and leaky ReLU.
# expect: 2 of 4 pairs are right
answers = {
    "neuron_output": 2.0,
    "layer_parameters": 15,
    "sigmoid_slope_from_output": 0.09,
    "perceptron_step": 6,
    "perceptron_convergence": 1,
    "softmax_probability": 0.75,
    "heads": 1,
    "saturating": [0, 1, 2, 4],
    "log_prob": 1,
    "stability_facts": [0, 1, 2],
    "activation_properties": [0, 1, 3, 2],
    "why_nonlinear": "so that it can learn faster",
}
