# Bug: variance as mean(x**2) - mean(x)**2, which loses its digits for large offsets.
# expect: loses most digits; use mean((x - mean)**2)
import numpy as np


def batchnorm_forward(
    x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True
):
    """Batch norm over a batch x (N, D); returns (out, new running_mean, new running_var)."""
    if training:
        N = x.shape[0]
        if N < 2:
            raise ValueError("batch norm in training mode needs more than 1 sample per feature")
        mean = x.mean(axis=0)  # (D,)
        var = (x**2).mean(axis=0) - mean**2
        x_hat = (x - mean) / np.sqrt(var + eps)  # (N, D)
        unbiased = var * N / (N - 1)
        new_mean = (1.0 - momentum) * running_mean + momentum * mean
        new_var = (1.0 - momentum) * running_var + momentum * unbiased
    else:
        x_hat = (x - running_mean) / np.sqrt(running_var + eps)
        new_mean = np.array(running_mean, dtype=float)  # unchanged values, new arrays
        new_var = np.array(running_var, dtype=float)
    return gamma * x_hat + beta, new_mean, new_var
