# Bug: divides by the old running average, so the first step divides by eps alone.
# expect: new params after one step
import numpy as np


def rmsprop_step(params, grads, sq, lr=0.01, alpha=0.99, eps=1e-8):
    new_params = [p - lr * g / (np.sqrt(s) + eps) for p, g, s in zip(params, grads, sq)]
    new_sq = [alpha * s + (1 - alpha) * g * g for s, g in zip(sq, grads)]
    return new_params, new_sq
