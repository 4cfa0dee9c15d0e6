import numpy as np


def train_perceptron(X, y, lr=1.0, max_epochs=100):
    """Train a perceptron with Rosenblatt's rule; return (w, b, converged).

    X: (N, D) inputs, y: (N,) labels 0/1. Starts from zeros, visits the rows in order
    each epoch, and stops after the first epoch without a mistake.
    """
    w = np.zeros(X.shape[1])
    b = 0.0
    # TODO: loop over epochs; in each, visit every row in order, apply the perceptron
    # rule, and count the mistakes. Stop (converged) after an epoch with no mistake.
    return w, b, False
