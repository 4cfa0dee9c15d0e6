# Wrong fix: divides lr by 3.16, which fixes the first step only (the error factor changes with t).
# expect: step 2 had length
import numpy as np


def init_state(theta):
    return {"m": np.zeros_like(theta), "v": np.zeros_like(theta), "t": 0}


def adam_update(theta, grad, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state["t"] + 1
    m = beta1 * state["m"] + (1 - beta1) * grad
    v = beta2 * state["v"] + (1 - beta2) * grad**2
    new_theta = theta - (lr / 3.16227766) * m / (np.sqrt(v) + eps)
    return new_theta, {"m": m, "v": v, "t": t}
