import numpy as np


def adamw_step(params, grads, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01):
    """One step of AdamW (torch.optim.AdamW); returns (new_params, new_m, new_v).

    First decay every parameter, p <- p * (1 - lr * weight_decay); then an ordinary Adam
    step with the bias-corrected moments. t is the 1-based step number.
    """
    # TODO: new lists of new arrays; the inputs must not change.
    return params, m, v
