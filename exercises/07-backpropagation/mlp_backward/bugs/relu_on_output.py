# Bug: gates the output layer's gradient with its own Z, as if the output had a ReLU.
# expect: network with negative outputs
import numpy as np


def mlp_backward(dout, cache, params):
    grads = [None] * len(params)
    dA = dout
    for l in reversed(range(len(params))):
        A_in, Z = cache[l]
        dZ = np.where(Z > 0, dA, 0.0)
        grads[l] = (A_in.T @ dZ, dZ.sum(axis=0))
        dA = dZ @ params[l][0].T
    return grads
