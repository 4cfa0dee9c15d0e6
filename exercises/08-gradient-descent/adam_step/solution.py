import numpy as np


def adam_step(params, grads, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    """One Adam step (t counts from 1); returns (new_params, new_m, new_v).

    new_m and new_v are the running averages themselves, not the bias-corrected values.
    """
    new_params, new_m, new_v = [], [], []
    for p, g, m_i, v_i in zip(params, grads, m, v):
        m_i = beta1 * m_i + (1 - beta1) * g  # first moment: running mean of g
        v_i = beta2 * v_i + (1 - beta2) * g * g  # second moment: running mean of g**2
        m_hat = m_i / (1 - beta1**t)  # both started at 0: undo the pull towards 0
        v_hat = v_i / (1 - beta2**t)
        new_params.append(p - lr * m_hat / (np.sqrt(v_hat) + eps))  # eps as torch adds it
        new_m.append(m_i)
        new_v.append(v_i)
    return new_params, new_m, new_v
