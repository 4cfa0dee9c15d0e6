import numpy as np


def dense_backward(dout, X, W):
    """Gradients of out = X @ W + b: dX (N, D), dW (D, M), db (M,) from dout (N, M)."""
    # TODO: each gradient has the shape of its variable: X, W and b.
    dX = np.zeros(X.shape)
    dW = np.zeros(W.shape)
    db = np.zeros(W.shape[1])
    return dX, dW, db
