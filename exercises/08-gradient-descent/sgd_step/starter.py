import numpy as np


def sgd_step(params, grads, lr):
    """One gradient-descent step: a new list with params[i] - lr * grads[i] for every i."""
    # TODO: return a new list of new arrays; do not change params or grads.
    return params
