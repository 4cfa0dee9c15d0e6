answers = {
    "stability_limit": 0.5,
    "loss_curve_symptoms": [0, 1, 2],
    "momentum_first_step": 0,
    "momentum_constant_gradient": 10,
    "adam_scale": 0,
    "uncorrected_m": 0.5,
    "agent_optimisers": [0, 1, 2],
    "update_order": [0, 1, 2, 3, 4],
    "why_large_eps": (
        "eps is added to sqrt(v_hat), so when v_hat is tiny the step is no longer a full lr: "
        "noisy small gradients of rarely updated parameters are not amplified."
    ),
}
