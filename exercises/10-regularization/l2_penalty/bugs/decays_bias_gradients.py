# Bug: the penalty skips the biases but their gradients are weight_decay * b, so an optimiser still
# shrinks them.
# expect: so its gradient must be zeros
import numpy as np


def l2_penalty(params, weight_decay):
    penalty = 0.5 * weight_decay * sum(float(np.sum(p * p)) for p in params if p.ndim >= 2)
    grads = [weight_decay * p for p in params]
    return penalty, grads
