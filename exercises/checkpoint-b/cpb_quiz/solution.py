answers = {
    "forward_order": ["A", "D", "F", "C", "E", "G", "B"],
    "loss_uses": ["D", "A", "B", "C"],
    "param_count": 4610,
    "hidden_size": 2048,
    "uniform_cross_entropy": 1.3863,
    "mse_value": "5/3",
    "td_batch_loss": "13/8",
    "huber_slope": 1,
    "broadcast_shape": 2,
    "cross_entropy_facts": [0, 1, 2],
    "semi_gradient": 0,
    "why_fixed_target": (
        "The target is computed by the network being trained (bootstrapping), so updating "
        "Q(s, a) toward it would move the target too and training chases a moving target, "
        "which can oscillate or diverge. The target network is a frozen copy synced every "
        "few thousand steps, so the targets stay still between syncs and no gradient flows "
        "through them (a semi-gradient)."
    ),
}
