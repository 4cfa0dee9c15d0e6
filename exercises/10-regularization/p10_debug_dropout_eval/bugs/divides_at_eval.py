# Wrong fix: flips the evaluation factor to 1/(1-p), which inflates the evaluation outputs instead.
# expect: at evaluation the hidden units are divided by (1 - p)
import numpy as np


def q_values(X, params, p, rng, train=True):
    A = X
    for i, (W, b) in enumerate(params):
        Z = A @ W + b
        if i == len(params) - 1:
            return Z
        A = np.maximum(Z, 0.0)
        if train:
            A = A * (rng.random(A.shape) >= p) / (1.0 - p)
        else:
            A = A / (1.0 - p)
