import numpy as np


def batchnorm_forward(
    x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True
):
    """Batch norm over a batch x (N, D); returns (out, new running_mean, new running_var)."""
    if training:
        # TODO: normalise with the batch's mean and (biased) variance, then update the
        # running statistics (with the unbiased variance) into NEW arrays.
        # A batch of one sample cannot be normalised: raise ValueError.
        out = np.array(x, dtype=float)
        return out, running_mean, running_var
    # TODO: evaluation mode: normalise with the running statistics.
    out = np.array(x, dtype=float)
    return out, running_mean, running_var
