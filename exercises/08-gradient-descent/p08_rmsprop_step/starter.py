import numpy as np


def rmsprop_step(params, grads, sq, lr=0.01, alpha=0.99, eps=1e-8):
    """One RMSProp step as torch.optim.RMSprop; returns (new_params, new_sq)."""
    new_params, new_sq = [], []
    # TODO: update each running mean of squared gradients, then take the scaled step.
    return new_params, new_sq
