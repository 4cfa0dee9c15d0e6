# Bug: Adam with weight_decay * p added to the gradient (what torch.optim.Adam(weight_decay=...) does),
# not AdamW: the decay is rescaled by 1/sqrt(v_hat) per parameter.
# expect: Your step is Adam with weight_decay * p added to the gradient
import numpy as np


def adamw_step(params, grads, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01):
    new_p, new_m, new_v = [], [], []
    for p, g, m_i, v_i in zip(params, grads, m, v):
        g = g + weight_decay * p
        m_i = beta1 * m_i + (1 - beta1) * g
        v_i = beta2 * v_i + (1 - beta2) * g * g
        new_p.append(p - lr * (m_i / (1 - beta1**t)) / (np.sqrt(v_i / (1 - beta2**t)) + eps))
        new_m.append(m_i)
        new_v.append(v_i)
    return new_p, new_m, new_v
