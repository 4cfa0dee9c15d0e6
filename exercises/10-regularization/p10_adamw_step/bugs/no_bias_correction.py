# Bug: forgets Adam's bias correction, so the early steps have the wrong size.
# expect: new params of adamw_step
import numpy as np


def adamw_step(params, grads, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01):
    new_p, new_m, new_v = [], [], []
    for p, g, m_i, v_i in zip(params, grads, m, v):
        p = p * (1 - lr * weight_decay)
        m_i = beta1 * m_i + (1 - beta1) * g
        v_i = beta2 * v_i + (1 - beta2) * g * g
        new_p.append(p - lr * m_i / (np.sqrt(v_i) + eps))
        new_m.append(m_i)
        new_v.append(v_i)
    return new_p, new_m, new_v
