# Bug: scales by the number of outputs, W.shape[1], instead of the inputs.
# expect: He initialisation divides by the number of INPUTS
import numpy as np


def reset_last_layers(params, k, rng):
    if not 0 <= k <= len(params):
        raise ValueError("bad k")
    keep = len(params) - k
    out = [(W.copy(), b.copy()) for W, b in params[:keep]]
    for W, b in params[keep:]:
        n_in, n_out = W.shape
        out.append((rng.normal(0.0, np.sqrt(2.0 / n_out), size=(n_in, n_out)), np.zeros(n_out)))
    return out
