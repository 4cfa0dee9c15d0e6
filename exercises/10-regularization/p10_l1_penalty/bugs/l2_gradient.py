# Bug: uses the L2 gradient strength * W, which shrinks small weights less instead of pushing them to 0.
# expect: expected 0.1, got 0.2
import numpy as np


def l1_penalty(params, strength):
    penalty = strength * sum(float(np.sum(np.abs(p))) for p in params if p.ndim >= 2)
    grads = [strength * p if p.ndim >= 2 else np.zeros_like(p) for p in params]
    return penalty, grads
