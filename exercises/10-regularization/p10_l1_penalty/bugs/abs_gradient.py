# Bug: the gradient of |w| written as |sign(w)|, which loses the direction.
# expect: expected -0.1, got 0.1
import numpy as np


def l1_penalty(params, strength):
    penalty = strength * sum(float(np.sum(np.abs(p))) for p in params if p.ndim >= 2)
    grads = [strength * np.abs(np.sign(p)) if p.ndim >= 2 else np.zeros_like(p) for p in params]
    return penalty, grads
