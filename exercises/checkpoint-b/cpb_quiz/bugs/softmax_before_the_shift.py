# Bug: puts the log-sum-exp before the max shift, counts only weights (4480), and bootstraps past the terminal transition.
# expect: is not the expected value (the exact value is needed)
answers = {
    "forward_order": [0, 1, 2, 3, 5, 4, 6],
    "loss_uses": [0, 1, 2, 3],
    "param_count": 4480,
    "hidden_size": 2048,
    "uniform_cross_entropy": 1.3863,
    "mse_value": "5/3",
    "td_batch_loss": 7.3,
    "huber_slope": 1,
    "broadcast_shape": 2,
    "cross_entropy_facts": [0, 1, 2],
    "semi_gradient": 0,
    "why_fixed_target": "so that the target does not move",
}
