# Bug: takes the best learning rate 1/L (= 0.25) for the stability limit 2/L (= 0.5).
# expect: 0.25 is not the expected value (the exact value is needed)
answers = {
    "stability_limit": 0.25,
    "loss_curve_symptoms": [0, 1, 2],
    "momentum_first_step": 0,
    "momentum_constant_gradient": 10,
    "adam_scale": 0,
    "uncorrected_m": 0.5,
    "agent_optimisers": [0, 1, 2],
    "update_order": [0, 1, 2, 3, 4],
    "why_large_eps": "It limits the step.",
}
