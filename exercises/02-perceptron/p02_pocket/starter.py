import numpy as np


def pocket_perceptron(X, y, lr=1.0, max_epochs=100):
    """Run the perceptron and return the pocket: the best (w, b, errors) seen after any epoch."""
    w = np.zeros(X.shape[1])
    b = 0.0
    # TODO: initialise the pocket, run epochs, keep strictly better weights.
    return w, b, 0
