# Bug: updates the parameters before recording the loss, counts the gradients per sample (N = 32 times 450), and believes t restarts every epoch (16).
# expect: 14400 is not
answers = {
    "step_order": ["C", "F", "G", "E", "B", "D", "A"],
    "technique_purpose": ["B", "E", "A", "D", "C"],
    "bias_factor": 10,
    "uncorrected_ratio": 3.1623,
    "gradient_size": 14400,
    "gradient_by_hand": -2,
    "adam_steps": 16,
    "first_loss_35": 0,
    "relative_error_094": 1,
    "what_a_gradient_check_catches": [0, 1, 5],
    "replay_as_dataset": 0,
    "why_float64": "float32 is too imprecise",
}
