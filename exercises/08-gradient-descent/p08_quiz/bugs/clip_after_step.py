# Bug: clips the gradient after the optimiser step, when it no longer has any effect.
# expect: item(s) must move
answers = {
    "stability_limit": 0.5,
    "loss_curve_symptoms": [0, 1, 2],
    "momentum_first_step": 0,
    "momentum_constant_gradient": 10,
    "adam_scale": 1,
    "uncorrected_m": 5,
    "agent_optimisers": [0, 1, 2],
    "update_order": [0, 1, 3, 2, 4],
    "why_large_eps": "It limits the step.",
}
