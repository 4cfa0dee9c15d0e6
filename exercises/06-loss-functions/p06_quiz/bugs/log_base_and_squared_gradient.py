# Bug: uses log base 2 for the initial loss and the squared-error gradient for Huber.
# expect: not within
answers = {
    "mse_likelihood": 0,
    "initial_ce": 2.0,
    "td_target_value": 5.5,
    "huber_grad": 50.0,
    "semi_gradient": [0, 1, 3],
    "loss_uses": [1, 0, 2, 3],
    "dqn_update_order": [1, 0, 2, 3, 4, 5],
    "why_not_mse_probs": "it is slower",
}
