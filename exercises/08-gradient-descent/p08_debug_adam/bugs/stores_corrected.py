# Wrong fix: stores the corrected averages in the state, so they are corrected again each step.
# expect: the state must keep the running averages themselves
import numpy as np


def init_state(theta):
    return {"m": np.zeros_like(theta), "v": np.zeros_like(theta), "t": 0}


def adam_update(theta, grad, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state["t"] + 1
    m = (beta1 * state["m"] + (1 - beta1) * grad) / (1 - beta1**t)
    v = (beta2 * state["v"] + (1 - beta2) * grad**2) / (1 - beta2**t)
    new_theta = theta - lr * m / (np.sqrt(v) + eps)
    return new_theta, {"m": m, "v": v, "t": t}
