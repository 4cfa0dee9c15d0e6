import numpy as np


def init_state(theta):
    """Adam's state for one parameter array before the first step."""
    return {"m": np.zeros_like(theta), "v": np.zeros_like(theta), "t": 0}


def adam_update(theta, grad, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    """One Adam step for one parameter array; returns (new_theta, new_state).

    state = {"m": ..., "v": ..., "t": number of steps taken so far}.
    """
    t = state["t"] + 1
    m = beta1 * state["m"] + (1 - beta1) * grad
    v = beta2 * state["v"] + (1 - beta2) * grad**2
    new_theta = theta - lr * m / (np.sqrt(v) + eps)
    return new_theta, {"m": m, "v": v, "t": t}
