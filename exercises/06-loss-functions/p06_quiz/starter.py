# Fill in each answer. Numbers for numeric questions, the choice index (0 = first) for
# single choice, a list of indices for multiple choice; for ordering, the list of item
# indices in your order; for match, for each left item the index of its right item;
# a string for the written answer.
answers = {
    "mse_likelihood": None,
    "initial_ce": None,
    "td_target_value": None,
    "huber_grad": None,
    "semi_gradient": None,
    "loss_uses": None,
    "dqn_update_order": None,
    "why_not_mse_probs": None,
}
