# Wrong fix: deletes the train/eval distinction, so evaluation drops units too.
# expect: evaluation must not drop anything
import numpy as np


def q_values(X, params, p, rng, train=True):
    A = X
    for i, (W, b) in enumerate(params):
        Z = A @ W + b
        if i == len(params) - 1:
            return Z
        A = np.maximum(Z, 0.0)
        A = A * (rng.random(A.shape) >= p) / (1.0 - p)
