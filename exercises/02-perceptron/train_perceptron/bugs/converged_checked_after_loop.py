# Bug: always runs max_epochs and then reports converged if the final weights classify everything;
# an extra check epoch beyond max_epochs is counted as convergence.
# expect: expected False, got True
import numpy as np


def train_perceptron(X, y, lr=1.0, max_epochs=100):
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(max_epochs):
        for x_i, y_i in zip(X, y):
            error = y_i - (1 if np.dot(w, x_i) + b >= 0 else 0)
            w = w + lr * error * x_i
            b = b + lr * error
    converged = bool(np.all((X @ w + b >= 0).astype(int) == y))
    return w, b, converged
