# Wrong fix: sums over the last axis but drops it, so the (N,) sums broadcast against the action axis.
# expect: raised ValueError: operands could not be broadcast together
import numpy as np


def policy_probs(logits, temperature=1.0):
    z = logits / temperature
    z = z - np.max(z, axis=-1, keepdims=True)
    e = np.exp(z)
    return e / np.sum(e, axis=-1)
