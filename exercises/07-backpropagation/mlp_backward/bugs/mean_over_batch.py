# Bug: divides the weight and bias gradients by N, although dout already holds the mean's 1/N.
# expect: times too small
import numpy as np


def mlp_backward(dout, cache, params):
    L = len(params)
    N = dout.shape[0]
    grads = [None] * L
    dA = dout
    for l in reversed(range(L)):
        A_in, Z = cache[l]
        dZ = dA if l == L - 1 else np.where(Z > 0, dA, 0.0)
        grads[l] = (A_in.T @ dZ / N, dZ.mean(axis=0))
        dA = dZ @ params[l][0].T
    return grads
