# Bug: clips each array by its own norm, which bends the direction of the whole gradient.
# expect: each array was clipped by its own norm
import numpy as np


def clip_grad_norm(grads, max_norm):
    out = []
    for g in grads:
        n = float(np.sqrt(np.sum(g * g)))
        out.append(g * min(1.0, max_norm / (n + 1e-6)))
    return out, float(np.sqrt(sum(float(np.sum(g * g)) for g in grads)))
