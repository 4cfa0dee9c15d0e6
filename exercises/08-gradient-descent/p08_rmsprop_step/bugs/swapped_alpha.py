# Bug: alpha weighs the new squared gradient instead of the old average.
# expect: new sq after one step from 0
import numpy as np


def rmsprop_step(params, grads, sq, lr=0.01, alpha=0.99, eps=1e-8):
    new_sq = [(1 - alpha) * s + alpha * g * g for s, g in zip(sq, grads)]
    new_params = [p - lr * g / (np.sqrt(s) + eps) for p, g, s in zip(params, grads, new_sq)]
    return new_params, new_sq
