# Bug: `ndim > 2` instead of `ndim >= 2` leaves out every ordinary weight matrix.
# expect: expected 0.95, got 0.0
import numpy as np


def l2_penalty(params, weight_decay):
    penalty = 0.5 * weight_decay * sum(float(np.sum(p * p)) for p in params if p.ndim > 2)
    grads = [weight_decay * p if p.ndim > 2 else np.zeros_like(p) for p in params]
    return penalty, grads
