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
    grads = [(np.zeros(W.shape), np.zeros(b.shape)) for W, b in params]
    # TODO: walk the layers from the last to the first, carrying dLoss/d(layer output):
    # through the ReLU (hidden layers only), then through the dense layer.
    return grads
