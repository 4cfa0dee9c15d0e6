# Bug: resets the first k layers instead of the last k.
# expect: W of kept layer 0
import numpy as np


def reset_last_layers(params, k, rng):
    if not 0 <= k <= len(params):
        raise ValueError("bad k")
    out = []
    for i, (W, b) in enumerate(params):
        if i < k:
            n_in, n_out = W.shape
            out.append((rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out)), np.zeros(n_out)))
        else:
            out.append((W.copy(), b.copy()))
    return out
