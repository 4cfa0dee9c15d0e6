# Bug: differentiates W**2 to 2W but forgets that the 0.5 in front cancels the 2.
# expect: the 0.5 cancels the 2
import numpy as np


def l2_penalty(params, weight_decay):
    penalty = 0.5 * weight_decay * sum(float(np.sum(p * p)) for p in params if p.ndim >= 2)
    grads = [2 * weight_decay * p if p.ndim >= 2 else np.zeros_like(p) for p in params]
    return penalty, grads
