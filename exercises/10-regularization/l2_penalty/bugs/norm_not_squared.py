# Bug: adds up the norms ||W|| instead of the squared norms ||W||^2.
# expect: you added up the norms
import numpy as np


def l2_penalty(params, weight_decay):
    penalty = 0.5 * weight_decay * sum(float(np.linalg.norm(p)) for p in params if p.ndim >= 2)
    grads = [weight_decay * p if p.ndim >= 2 else np.zeros_like(p) for p in params]
    return penalty, grads
