# Bug: no max subtraction, so exp(1e4) = inf and inf / inf = nan for large logits.
# expect: found NaN
import numpy as np


def softmax(x, axis=-1):
    e = np.exp(x)
    return e / np.sum(e, axis=axis, keepdims=True)
