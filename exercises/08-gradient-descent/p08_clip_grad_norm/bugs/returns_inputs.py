# Bug: returns the caller's arrays when no clipping is needed.
# expect: itself (or a view of it)
import numpy as np


def clip_grad_norm(grads, max_norm):
    total = float(np.sqrt(sum(float(np.sum(g * g)) for g in grads)))
    if total <= max_norm:
        return list(grads), total
    c = max_norm / (total + 1e-6)
    return [c * g for g in grads], total
