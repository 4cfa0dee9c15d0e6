# Bug: a "shortcut" returns the parameter array itself when its gradient is all zeros.
# expect: itself (or a view of it)
import numpy as np


def sgd_step(params, grads, lr):
    out = []
    for p, g in zip(params, grads):
        out.append(p if not np.any(g) else p - lr * g)
    return out
