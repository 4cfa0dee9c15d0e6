# Bug: appends the gradients while walking backwards and forgets to reverse the list.
# expect: your list is in reverse order
import numpy as np


def mlp_backward(dout, cache, params):
    grads, dA = [], dout
    for l in reversed(range(len(params))):
        A_in, Z = cache[l]
        dZ = dA if l == len(params) - 1 else np.where(Z > 0, dA, 0.0)
        grads.append((A_in.T @ dZ, dZ.sum(axis=0)))
        dA = dZ @ params[l][0].T
    return grads
