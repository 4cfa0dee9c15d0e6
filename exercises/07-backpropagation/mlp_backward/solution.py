import numpy as np


def mlp_forward(X, params):
    """Page 5's forward pass: ReLU on hidden layers, linear output, one (A_in, Z) per layer."""
    cache = []
    A = X
    for i, (W, b) in enumerate(params):
        Z = A @ W + b
        cache.append((A, Z))
        A = Z if i == len(params) - 1 else np.maximum(Z, 0.0)
    return A, cache


def mlp_backward(dout, cache, params):
    """[(dW_1, db_1), ..., (dW_L, db_L)] for the network of mlp_forward, given dLoss/dOut."""
    L = len(params)
    grads = [None] * L
    dA = dout  # dLoss / d(output of layer i), (N, n_i)
    for i in reversed(range(L)):
        A_in, Z = cache[i]
        W, _ = params[i]
        dZ = dA if i == L - 1 else np.where(Z > 0, dA, 0.0)  # through the ReLU (not the output)
        grads[i] = (A_in.T @ dZ, dZ.sum(axis=0))  # (n_in, n_out), (n_out,)
        dA = dZ @ W.T  # (N, n_in): the upstream gradient of layer i - 1
    return grads
