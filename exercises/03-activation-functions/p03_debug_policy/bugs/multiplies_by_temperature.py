# Wrong fix: per-row max and sum are right, but the logits are multiplied by the temperature.
# expect: at index (0, 0): expected 0.999954602131, got 0.377978140982
import numpy as np


def policy_probs(logits, temperature=1.0):
    z = logits * temperature
    z = z - np.max(z, axis=-1, keepdims=True)
    e = np.exp(z)
    return e / np.sum(e, axis=-1, keepdims=True)
