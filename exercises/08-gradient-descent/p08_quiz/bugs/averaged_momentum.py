# Bug: thinks in the averaged convention: first step (1 - beta) * lr * g, constant-gradient factor 1.
# expect: you chose B
answers = {
    "stability_limit": 0.5,
    "loss_curve_symptoms": [0, 1, 2],
    "momentum_first_step": 1,
    "momentum_constant_gradient": 1,
    "adam_scale": 0,
    "uncorrected_m": 0.5,
    "agent_optimisers": [0, 1, 2],
    "update_order": [0, 1, 2, 3, 4],
    "why_large_eps": "It limits the step.",
}
