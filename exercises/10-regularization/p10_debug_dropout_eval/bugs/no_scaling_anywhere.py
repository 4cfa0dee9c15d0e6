# Wrong fix: removes both scalings, so training outputs are on average (1 - p) times too small.
# expect: the average training output equals the evaluation output
import numpy as np


def q_values(X, params, p, rng, train=True):
    A = X
    for i, (W, b) in enumerate(params):
        Z = A @ W + b
        if i == len(params) - 1:
            return Z
        A = np.maximum(Z, 0.0)
        if train:
            A = A * (rng.random(A.shape) >= p)
