# Bug: decays by (1 - weight_decay) instead of (1 - lr * weight_decay).
# expect: PyTorch's AdamW uses (1 - lr * weight_decay)
import numpy as np


def adamw_step(params, grads, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01):
    new_p, new_m, new_v = [], [], []
    for p, g, m_i, v_i in zip(params, grads, m, v):
        p = p * (1 - weight_decay)
        m_i = beta1 * m_i + (1 - beta1) * g
        v_i = beta2 * v_i + (1 - beta2) * g * g
        new_p.append(p - lr * (m_i / (1 - beta1**t)) / (np.sqrt(v_i / (1 - beta2**t)) + eps))
        new_m.append(m_i)
        new_v.append(v_i)
    return new_p, new_m, new_v
