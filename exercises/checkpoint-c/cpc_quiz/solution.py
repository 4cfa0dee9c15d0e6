answers = {
    "step_order": ["C", "F", "A", "G", "E", "B", "D"],
    "technique_purpose": ["B", "E", "A", "D", "C"],
    "bias_factor": 10,
    "uncorrected_ratio": 3.1623,
    "gradient_size": 450,
    "gradient_by_hand": -2,
    "adam_steps": 80,
    "first_loss_35": 0,
    "relative_error_094": 1,
    "what_a_gradient_check_catches": [0, 1, 5],
    "replay_as_dataset": 0,
    "why_float64": (
        "The central difference subtracts two nearly equal losses and divides by 2 eps, so "
        "rounding error is magnified by about 1/eps. float64 has about 16 digits, leaving an "
        "error far below any bug's; float32 has about 7 and is wrong in the second or third "
        "digit, as large as a real bug. Read the relative error |a - b| / (|a| + |b|) with a "
        "floor of 1e-8, relative because gradients span many orders of magnitude: about 1e-7 "
        "or less is correct, above 1e-2 is a bug (a missing 1/N gives (N - 1)/(N + 1))."
    ),
}
