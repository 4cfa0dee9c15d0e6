# Bug: applies the decay to the parameters after the Adam step instead of before it.
# expect: params after step 1
import numpy as np


def adamw_step(params, grads, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01):
    new_p, new_m, new_v = [], [], []
    for p, g, m_i, v_i in zip(params, grads, m, v):
        m_i = beta1 * m_i + (1 - beta1) * g
        v_i = beta2 * v_i + (1 - beta2) * g * g
        p = p - lr * (m_i / (1 - beta1**t)) / (np.sqrt(v_i / (1 - beta2**t)) + eps)
        new_p.append(p * (1 - lr * weight_decay))
        new_m.append(m_i)
        new_v.append(v_i)
    return new_p, new_m, new_v
