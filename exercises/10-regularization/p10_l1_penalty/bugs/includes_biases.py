# Bug: penalises the biases too.
# expect: expected 0.9, got 1.5
import numpy as np


def l1_penalty(params, strength):
    penalty = strength * sum(float(np.sum(np.abs(p))) for p in params)
    grads = [strength * np.sign(p) if p.ndim >= 2 else np.zeros_like(p) for p in params]
    return penalty, grads
