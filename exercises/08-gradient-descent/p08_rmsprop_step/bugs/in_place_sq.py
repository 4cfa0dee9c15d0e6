# Bug: s *= alpha updates the caller's running averages.
# expect: modified its input in place
import numpy as np


def rmsprop_step(params, grads, sq, lr=0.01, alpha=0.99, eps=1e-8):
    new_params = []
    for p, g, s in zip(params, grads, sq):
        s *= alpha
        s += (1 - alpha) * g * g
        new_params.append(p - lr * g / (np.sqrt(s) + eps))
    return new_params, sq
