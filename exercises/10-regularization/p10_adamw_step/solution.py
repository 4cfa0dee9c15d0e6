import numpy as np


def adamw_step(
    params, grads, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01
):
    """One step of AdamW (torch.optim.AdamW); returns (new_params, new_m, new_v).

    First decay every parameter, p <- p * (1 - lr * weight_decay); then an ordinary Adam
    step with the bias-corrected moments. t is the 1-based step number.
    """
    new_p, new_m, new_v = [], [], []
    for p, g, m_i, v_i in zip(params, grads, m, v):
        p = p * (1 - lr * weight_decay)  # decoupled decay: outside Adam's normalisation
        m_i = beta1 * m_i + (1 - beta1) * g
        v_i = beta2 * v_i + (1 - beta2) * g * g
        m_hat = m_i / (1 - beta1**t)
        v_hat = v_i / (1 - beta2**t)
        new_p.append(p - lr * m_hat / (np.sqrt(v_hat) + eps))
        new_m.append(m_i)
        new_v.append(v_i)
    return new_p, new_m, new_v
