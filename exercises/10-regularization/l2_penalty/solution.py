import numpy as np


def l2_penalty(params, weight_decay):
    """The L2 penalty of a network's weights and its gradient; returns (penalty, grads).

    params: a list of arrays (weight matrices, biases, ...). penalty is the float
    0.5 * weight_decay * (sum of squares of every array with ndim >= 2); grads is a new list
    with one array per entry of params, of its shape (zeros for arrays with ndim < 2).
    """
    penalty = 0.0
    grads = []
    for p in params:
        p = np.asarray(p, dtype=float)
        if p.ndim >= 2:  # weight matrices (and conv kernels): penalised
            penalty += 0.5 * weight_decay * float(np.sum(p * p))
            grads.append(weight_decay * p)  # d/dW of 0.5 * wd * ||W||^2
        else:  # biases (and scalars): not penalised
            grads.append(np.zeros_like(p))
    return penalty, grads
