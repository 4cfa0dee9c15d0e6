import numpy as np


def rmsprop_step(params, grads, sq, lr=0.01, alpha=0.99, eps=1e-8):
    """One RMSProp step as torch.optim.RMSprop; returns (new_params, new_sq)."""
    new_params, new_sq = [], []
    for p, g, s in zip(params, grads, sq):
        s = alpha * s + (1 - alpha) * g * g  # running mean of the squared gradient
        new_params.append(p - lr * g / (np.sqrt(s) + eps))  # divide by its root
        new_sq.append(s)
    return new_params, new_sq
