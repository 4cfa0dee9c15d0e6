# Bug: believes np.where skips the unused branch and that ReLU saturates; short answer misses the idea.
answers = {
    "neuron_output": 2.0,
    "layer_parameters": 15,
    "sigmoid_slope_from_output": 0.09,
    "softmax_probability": 0.75,
    "heads": 1,
    "saturating": [0, 1, 2, 4],
    "log_prob": 1,
    "stability_facts": [0, 1, 2],
    "why_nonlinear": "so that it can learn faster",
}
