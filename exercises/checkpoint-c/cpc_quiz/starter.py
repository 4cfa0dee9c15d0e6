# Numbers (or fractions such as "3/4") for numeric questions; the choice index (0 = first)
# for single choice; a list of indices for multiple choice; for the ordering question, the
# letters of its steps in the right order (e.g. ["B", "A", ...]); for the matching question,
# the letter of the right-hand item for each left-hand item, in order; a string for the
# written explanation.
answers = {
    "step_order": None,
    "technique_purpose": None,
    "bias_factor": None,
    "uncorrected_ratio": None,
    "gradient_size": None,
    "gradient_by_hand": None,
    "adam_steps": None,
    "first_loss_35": None,
    "relative_error_094": None,
    "what_a_gradient_check_catches": None,
    "replay_as_dataset": None,
    "why_float64": None,
}
