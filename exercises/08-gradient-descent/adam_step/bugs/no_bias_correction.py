# Bug: no bias correction, so the first steps are about 3.2 times too large.
# expect: a ratio of 3.16 is Adam without bias correction
import numpy as np


def adam_step(params, grads, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    new_params, new_m, new_v = [], [], []
    for p, g, m_i, v_i in zip(params, grads, m, v):
        m_i = beta1 * m_i + (1 - beta1) * g
        v_i = beta2 * v_i + (1 - beta2) * g * g
        new_params.append(p - lr * m_i / (np.sqrt(v_i) + eps))
        new_m.append(m_i)
        new_v.append(v_i)
    return new_params, new_m, new_v
