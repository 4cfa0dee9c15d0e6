import numpy as np


def tanh(x):
    """Return tanh(x) elementwise, built from exponentials (np.tanh is not allowed here).

    Must be finite for |x| up to 1e4.
    """
    # TODO: this formula gives inf / inf = nan for large |x|. Use a stable form.
    return (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))


def tanh_grad(x):
    """Return the derivative 1 - tanh(x)**2 elementwise."""
    # TODO
    return np.zeros_like(x, dtype=float)
