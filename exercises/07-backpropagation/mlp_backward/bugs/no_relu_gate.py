# Bug: never applies the ReLU's gate, as if the network were linear.
# expect: a 1-2-1 network
import numpy as np


def mlp_backward(dout, cache, params):
    grads = [None] * len(params)
    dA = dout
    for l in reversed(range(len(params))):
        A_in, Z = cache[l]
        grads[l] = (A_in.T @ dA, dA.sum(axis=0))
        dA = dA @ params[l][0].T
    return grads
