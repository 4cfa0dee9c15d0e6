# Wrong fix: removes the 1/(1-p) from training and keeps (1-p) at evaluation: the original dropout,
# consistent on average, but evaluation is no longer the plain network.
# expect: That is the evaluation rule of the ORIGINAL dropout
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
        else:
            A = A * (1.0 - p)
