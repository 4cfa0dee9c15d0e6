# Bug: believes a gradient check catches every bug (a consistent ReLU pair, a summed loss, the optimiser), swaps momentum with the bias correction, and forgets tanh's slope sign in the hand computation.
# expect: selected choice(s) are not right
answers = {
    "step_order": ["C", "F", "A", "G", "E", "B", "D"],
    "technique_purpose": ["E", "B", "A", "D", "C"],
    "bias_factor": 10,
    "uncorrected_ratio": 3.1623,
    "gradient_size": 450,
    "gradient_by_hand": 2,
    "adam_steps": 80,
    "first_loss_35": 0,
    "relative_error_094": 1,
    "what_a_gradient_check_catches": [0, 1, 2, 3, 4, 5],
    "replay_as_dataset": 0,
    "why_float64": "",
}
