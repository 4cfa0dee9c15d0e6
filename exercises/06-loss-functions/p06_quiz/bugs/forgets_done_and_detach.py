# Bug: believes terminal states need no mask and that DQN differentiates through the target.
# expect: 2 selected choice(s) are not right
answers = {
    "mse_likelihood": 0,
    "initial_ce": 1.3862943611198906,
    "td_target_value": 5.5,
    "huber_grad": 1.0,
    "semi_gradient": [0, 1, 2, 3, 4],
    "loss_uses": [0, 1, 2, 3],
    "dqn_update_order": [0, 1, 2, 3, 4, 5],
    "why_not_mse_probs": "the gradient vanishes when the softmax saturates",
}
