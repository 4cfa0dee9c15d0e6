# Bug: m_i *= beta1 and friends update the caller's moment arrays in place.
# expect: modified its input in place
import numpy as np


def adam_step(params, grads, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    new_params = []
    for p, g, m_i, v_i in zip(params, grads, m, v):
        m_i *= beta1
        m_i += (1 - beta1) * g
        v_i *= beta2
        v_i += (1 - beta2) * g * g
        m_hat = m_i / (1 - beta1**t)
        v_hat = v_i / (1 - beta2**t)
        new_params.append(p - lr * m_hat / (np.sqrt(v_hat) + eps))
    return new_params, m, v
