import numpy as np


def l2_penalty(params, weight_decay):
    """The L2 penalty of a network's weights and its gradient; returns (penalty, grads).

    params: a list of arrays (weight matrices, biases, ...). penalty is the float
    0.5 * weight_decay * (sum of squares of every array with ndim >= 2); grads is a new list
    with one array per entry of params, of its shape (zeros for arrays with ndim < 2).
    """
    # TODO: only the weight matrices (ndim >= 2) are penalised; every array gets a gradient.
    penalty = 0.0
    grads = []
    return penalty, grads
