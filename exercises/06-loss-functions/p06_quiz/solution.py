answers = {
    "mse_likelihood": 0,
    "initial_ce": 1.3862943611198906,
    "td_target_value": 5.5,
    "huber_grad": 1.0,
    "semi_gradient": [0, 1, 3],
    "loss_uses": [0, 1, 2, 3],
    "dqn_update_order": [0, 1, 2, 3, 4, 5],
    "why_not_mse_probs": (
        "Through the softmax the squared error's gradient carries a factor p(1 - p) that "
        "vanishes when the model is confidently wrong, so the worst mistakes barely learn; "
        "the cross-entropy gradient w.r.t. the logits is p - y, large exactly then."
    ),
}
