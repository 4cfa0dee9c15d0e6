# Bug: treats the first layer as the one without a ReLU (and gates the linear output layer instead).
# expect: Gradient check failed
import numpy as np


def mlp_backward(dout, cache, params):
    L = len(params)
    grads = [None] * L
    dA = dout
    for l in reversed(range(L)):
        A_in, Z = cache[l]
        dZ = dA if l == 0 else np.where(Z > 0, dA, 0.0)
        grads[l] = (A_in.T @ dZ, dZ.sum(axis=0))
        dA = dZ @ params[l][0].T
    return grads
