# Bug: re-draws the weights but keeps the old, trained biases of the reset layers.
# expect: biases restart at 0
import numpy as np


def reset_last_layers(params, k, rng):
    if not 0 <= k <= len(params):
        raise ValueError("bad k")
    keep = len(params) - k
    out = [(W.copy(), b.copy()) for W, b in params[:keep]]
    for W, b in params[keep:]:
        n_in, n_out = W.shape
        out.append((rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out)), b.copy()))
    return out
