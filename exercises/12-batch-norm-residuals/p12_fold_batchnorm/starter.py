import numpy as np


def fold_batchnorm(W, b, gamma, beta, running_mean, running_var, eps=1e-5):
    """A dense layer (W', b') equal to dense(W, b) followed by eval-mode batch norm."""
    # TODO: write the eval-mode batch norm of z = x @ W + b as x @ W' + b'.
    return W.copy(), b.copy()
