# Bug: shuffles the samples every epoch instead of visiting them in order.
# expect: at index (0,): expected 2.0, got 1.0
import numpy as np


def train_perceptron(X, y, lr=1.0, max_epochs=100):
    rng = np.random.default_rng(0)
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(max_epochs):
        mistakes = 0
        for i in rng.permutation(len(X)):
            error = y[i] - (1 if np.dot(w, X[i]) + b >= 0 else 0)
            if error != 0:
                mistakes += 1
                w = w + lr * error * X[i]
                b = b + lr * error
        if mistakes == 0:
            return w, b, True
    return w, b, False
