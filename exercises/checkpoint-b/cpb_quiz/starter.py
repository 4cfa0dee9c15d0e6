# Numbers (or fractions such as "3/4") for numeric questions; the choice index (0 = first)
# for single choice; a list of indices for multiple choice; for the ordering question, the
# letters of its steps in the right order (e.g. ["B", "A", ...]); for the matching question,
# the letter of the right-hand item for each left-hand item, in order; a string for the
# written explanation.
answers = {
    "forward_order": None,
    "loss_uses": None,
    "param_count": None,
    "hidden_size": None,
    "uniform_cross_entropy": None,
    "mse_value": None,
    "td_batch_loss": None,
    "huber_slope": None,
    "broadcast_shape": None,
    "cross_entropy_facts": None,
    "semi_gradient": None,
    "why_fixed_target": None,
}
