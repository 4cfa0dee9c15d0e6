# Bug: (W >= 0) * 2 - 1 gives the gradient +1 at an exact zero, so a zero weight is pushed negative.
# expect: expected 0.0, got 0.1
import numpy as np


def l1_penalty(params, strength):
    penalty = strength * sum(float(np.sum(np.abs(p))) for p in params if p.ndim >= 2)
    grads = [strength * ((p >= 0) * 2.0 - 1.0) if p.ndim >= 2 else np.zeros_like(p) for p in params]
    return penalty, grads
