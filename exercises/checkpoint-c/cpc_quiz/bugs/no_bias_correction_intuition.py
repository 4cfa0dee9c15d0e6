# Bug: takes the uncorrected first step for the right one (ratio 1), blames the learning rate for a first loss of 32 ln 3, and reads 0.94 as a sign error.
# expect: you chose C
answers = {
    "step_order": ["C", "F", "A", "G", "E", "B", "D"],
    "technique_purpose": ["B", "E", "A", "D", "C"],
    "bias_factor": 0.1,
    "uncorrected_ratio": 1,
    "gradient_size": 450,
    "gradient_by_hand": -2,
    "adam_steps": 80,
    "first_loss_35": 1,
    "relative_error_094": 2,
    "what_a_gradient_check_catches": [0, 1, 5],
    "replay_as_dataset": 0,
    "why_float64": "",
}
