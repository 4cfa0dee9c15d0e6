import numpy as np


def train_perceptron(X, y, lr=1.0, max_epochs=100):
    """Train a perceptron with Rosenblatt's rule; return (w, b, converged).

    X: (N, D) inputs, y: (N,) labels 0/1. Starts from zeros, visits the rows in order
    each epoch, and stops after the first epoch without a mistake.
    """
    w = np.zeros(X.shape[1])  # float zeros, even for integer X
    b = 0.0
    for _ in range(max_epochs):
        mistakes = 0
        for x_i, y_i in zip(X, y):
            y_hat = 1 if np.dot(w, x_i) + b >= 0 else 0
            error = y_i - y_hat
            if error != 0:
                mistakes += 1
                w = w + lr * error * x_i
                b = b + lr * error
        if mistakes == 0:
            return w, float(b), True
    return w, float(b), False
