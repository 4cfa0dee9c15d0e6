answers = {
    "stability_limit": None,
    "loss_curve_symptoms": None,
    "momentum_first_step": None,
    "momentum_constant_gradient": None,
    "adam_scale": None,
    "uncorrected_m": None,
    "agent_optimisers": None,
    "update_order": None,
    "why_large_eps": None,
}
