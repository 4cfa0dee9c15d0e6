# Bug: log_softmax subtracts the reduced logsumexp (axis removed), which broadcasts against the wrong axis.
# expect: raised ValueError: operands could not be broadcast together
import numpy as np


def logsumexp(x, axis=-1):
    m = np.max(x, axis=axis, keepdims=True)
    return np.squeeze(m, axis=axis) + np.log(np.sum(np.exp(x - m), axis=axis))


def log_softmax(x, axis=-1):
    return x - logsumexp(x, axis=axis)
