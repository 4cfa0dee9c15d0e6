# Bug: uses the cached Z as scratch space (np.maximum(Z, 0, out=Z)), which rewrites the caller's cache.
# expect: modified its input in place
import numpy as np


def mlp_backward(dout, cache, params):
    L = len(params)
    grads = [None] * L
    dA = dout
    for l in reversed(range(L)):
        A_in, Z = cache[l]
        if l < L - 1:
            np.maximum(Z, 0.0, out=Z)
            dA = dA * (Z > 0)
        grads[l] = (A_in.T @ dA, dA.sum(axis=0))
        dA = dA @ params[l][0].T
    return grads
