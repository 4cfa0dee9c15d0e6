# Bug: returns the caller's arrays for the kept layers, so training the reset network changes the old one.
# expect: is the input array itself
import numpy as np


def reset_last_layers(params, k, rng):
    if not 0 <= k <= len(params):
        raise ValueError("bad k")
    keep = len(params) - k
    out = list(params[:keep])
    for W, b in params[keep:]:
        n_in, n_out = W.shape
        out.append((rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out)), np.zeros(n_out)))
    return out
