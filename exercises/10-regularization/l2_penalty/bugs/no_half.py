# Bug: forgets the factor 0.5 in the penalty (the gradient is right, so training would not notice).
# expect: keep the factor 0.5
import numpy as np


def l2_penalty(params, weight_decay):
    penalty = weight_decay * sum(float(np.sum(p * p)) for p in params if p.ndim >= 2)
    grads = [weight_decay * p if p.ndim >= 2 else np.zeros_like(p) for p in params]
    return penalty, grads
