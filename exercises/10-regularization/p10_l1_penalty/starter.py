import numpy as np


def l1_penalty(params, strength):
    """The L1 penalty strength * sum |W| over the arrays with ndim >= 2, and its (sub)gradient.

    Returns (penalty, grads): grads has one array per entry of params (zeros for biases),
    and the gradient at a weight that is exactly 0 is 0.
    """
    # TODO
    return 0.0, []
