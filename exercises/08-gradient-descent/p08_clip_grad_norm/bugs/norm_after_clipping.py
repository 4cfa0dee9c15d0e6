# Bug: returns the norm after clipping instead of before.
# expect: total_norm of [3] and [[4]]
import numpy as np


def clip_grad_norm(grads, max_norm):
    total = float(np.sqrt(sum(float(np.sum(g * g)) for g in grads)))
    c = min(1.0, max_norm / (total + 1e-6))
    out = [c * g for g in grads]
    return out, float(np.sqrt(sum(float(np.sum(g * g)) for g in out)))
