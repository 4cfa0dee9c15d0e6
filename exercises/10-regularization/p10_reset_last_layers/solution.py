import numpy as np


def reset_last_layers(params, k, rng):
    """Re-initialise the last k layers of an MLP; keep (copies of) the others.

    params: a list of (W, b) pairs, W of shape (n_in, n_out). The reset layers get new
    He-normal weights, std sqrt(2 / n_in), drawn from rng, and zero biases. Returns a new
    list of new (W, b) pairs. ValueError unless 0 <= k <= len(params).
    """
    if not 0 <= k <= len(params):
        raise ValueError(f"k must be between 0 and {len(params)}, got {k}")
    keep = len(params) - k
    out = [(W.copy(), b.copy()) for W, b in params[:keep]]  # copies: the caller may train them
    for W, _b in params[keep:]:
        n_in, n_out = W.shape
        out.append((rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out)), np.zeros(n_out)))
    return out
