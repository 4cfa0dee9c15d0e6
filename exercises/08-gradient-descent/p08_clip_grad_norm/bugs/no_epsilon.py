# Bug: divides by the norm without the 1e-6: a zero gradient raises ZeroDivisionError.
# expect: raised ZeroDivisionError
import numpy as np


def clip_grad_norm(grads, max_norm):
    total = float(np.sqrt(sum(float(np.sum(g * g)) for g in grads)))
    c = min(1.0, max_norm / total)
    return [c * g for g in grads], total
