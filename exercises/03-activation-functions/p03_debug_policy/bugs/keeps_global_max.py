# Wrong fix: repairs the sum but keeps the global max, so far-below rows underflow to 0/0.
# expect: found NaN
import numpy as np


def policy_probs(logits, temperature=1.0):
    z = logits / temperature
    z = z - np.max(z)
    e = np.exp(z)
    return e / np.sum(e, axis=-1, keepdims=True)
