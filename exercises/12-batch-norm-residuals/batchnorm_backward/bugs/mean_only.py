# Bug: corrects dx for the batch mean but not for the batch variance.
# expect: dx only corrects for the mean
import numpy as np


def batchnorm_backward(dout, x, gamma, eps=1e-5):
    """Gradients of training-mode batch norm: dx (N, D), dgamma (D,), dbeta (D,)."""
    N = x.shape[0]
    mean = x.mean(axis=0)
    inv_std = 1.0 / np.sqrt(x.var(axis=0) + eps)  # (D,)
    x_hat = (x - mean) * inv_std  # (N, D)
    dbeta = dout.sum(axis=0)
    dgamma = (dout * x_hat).sum(axis=0)
    dx = (gamma * inv_std / N) * (N * dout - dbeta)
    return dx, dgamma, dbeta
