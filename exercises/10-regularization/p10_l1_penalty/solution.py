import numpy as np


def l1_penalty(params, strength):
    """The L1 penalty strength * sum |W| over the arrays with ndim >= 2, and its (sub)gradient.

    Returns (penalty, grads): grads has one array per entry of params (zeros for biases),
    and the gradient at a weight that is exactly 0 is 0.
    """
    penalty, grads = 0.0, []
    for p in params:
        p = np.asarray(p, dtype=float)
        if p.ndim >= 2:
            penalty += strength * float(np.sum(np.abs(p)))
            grads.append(strength * np.sign(p))  # d|w|/dw = sign(w); 0 at w = 0
        else:
            grads.append(np.zeros_like(p))
    return penalty, grads
