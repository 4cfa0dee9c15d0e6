# Bug: loops over the rows of W as if each row were a neuron; this only runs when D == M.
# expect: not aligned
import numpy as np


def step_layer(X, W, b):
    N, M = X.shape[0], W.shape[1]
    out = np.zeros((N, M), dtype=int)
    for n in range(N):
        for m in range(M):
            out[n, m] = 1 if np.dot(X[n], W[m]) + b[m] >= 0 else 0
    return out


def fold_layer_bias(X, W, b):
    X_aug = np.hstack([X, np.ones((X.shape[0], 1))]).astype(float)
    return X_aug, np.vstack([W, b]).astype(float)
