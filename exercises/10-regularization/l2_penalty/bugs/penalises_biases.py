# Bug: penalises every array, biases included.
# expect: your penalty includes the biases
import numpy as np


def l2_penalty(params, weight_decay):
    penalty = 0.5 * weight_decay * sum(float(np.sum(p * p)) for p in params)
    grads = [weight_decay * p if p.ndim >= 2 else np.zeros_like(p) for p in params]
    return penalty, grads
