# Bug: returns gradients for the weight matrices only, so the list no longer lines up with params.
# expect: Biases get a gradient too
import numpy as np


def l2_penalty(params, weight_decay):
    penalty = 0.5 * weight_decay * sum(float(np.sum(p * p)) for p in params if p.ndim >= 2)
    grads = [weight_decay * p for p in params if p.ndim >= 2]
    return penalty, grads
