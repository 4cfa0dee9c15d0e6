# Bug: swaps Huber and MSE in the matching, takes the squared error's slope (6) and believes (32, 1) - (32,) is (32,).
# expect: you chose A
answers = {
    "forward_order": [0, 1, 2, 3, 4, 5, 6],
    "loss_uses": [2, 1, 0, 3],
    "param_count": 4610,
    "hidden_size": 2048,
    "uniform_cross_entropy": 1.3863,
    "mse_value": "5/3",
    "td_batch_loss": "13/8",
    "huber_slope": 6,
    "broadcast_shape": 0,
    "cross_entropy_facts": [0, 2, 3],
    "semi_gradient": 1,
    "why_fixed_target": "",
}
