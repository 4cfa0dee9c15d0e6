# Bug: forgets to subtract the running mean in the folded bias.
# expect: the running mean is missing from the bias
import numpy as np


def fold_batchnorm(W, b, gamma, beta, running_mean, running_var, eps=1e-5):
    """A dense layer (W', b') equal to dense(W, b) followed by eval-mode batch norm."""
    scale = gamma / np.sqrt(running_var + eps)  # (M,): one factor per output unit
    W_folded = W * scale  # scales column m of W by scale[m]
    b_folded = b * scale + beta
    return W_folded, b_folded
