import numpy as np


def adam_step(params, grads, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    """One Adam step (t counts from 1); returns (new_params, new_m, new_v).

    new_m and new_v are the running averages themselves, not the bias-corrected values.
    """
    new_params, new_m, new_v = [], [], []
    # TODO: for every array: update m and v, correct them for their zero start, then step.
    return new_params, new_m, new_v
