# Bug: always rescales to max_norm, so small gradients are blown up.
# expect: gradients shorter than max_norm=10
import numpy as np


def clip_grad_norm(grads, max_norm):
    total = float(np.sqrt(sum(float(np.sum(g * g)) for g in grads)))
    c = max_norm / (total + 1e-6)
    return [c * g for g in grads], total
