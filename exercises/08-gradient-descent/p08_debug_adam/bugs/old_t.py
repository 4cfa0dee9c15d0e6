# Wrong fix: corrects with the old t, 0 on the first step: 1 - beta**0 = 0, a division by zero.
# expect: a division by zero: on the first step t must be 1
import numpy as np


def init_state(theta):
    return {"m": np.zeros_like(theta), "v": np.zeros_like(theta), "t": 0}


def adam_update(theta, grad, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state["t"]
    m = beta1 * state["m"] + (1 - beta1) * grad
    v = beta2 * state["v"] + (1 - beta2) * grad**2
    with np.errstate(divide="ignore", invalid="ignore"):
        m_hat = m / (1 - beta1**t)
        v_hat = v / (1 - beta2**t)
        new_theta = theta - lr * m_hat / (np.sqrt(v_hat) + eps)
    return new_theta, {"m": m, "v": v, "t": t + 1}
