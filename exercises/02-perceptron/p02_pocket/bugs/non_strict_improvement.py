# Bug: replaces the pocket on ties (<=), so equally good later weights overwrite earlier ones.
# expect: at index (0,): expected 0.0, got -1.0
import numpy as np


def pocket_perceptron(X, y, lr=1.0, max_epochs=100):
    w, b = np.zeros(X.shape[1]), 0.0
    best_w, best_b = w.copy(), b
    best_err = int(np.sum((X @ w + b >= 0).astype(int) != y))
    for _ in range(max_epochs):
        for x_i, y_i in zip(X, y):
            error = y_i - (1 if np.dot(w, x_i) + b >= 0 else 0)
            w = w + lr * error * x_i
            b = b + lr * error
        err = int(np.sum((X @ w + b >= 0).astype(int) != y))
        if err <= best_err:
            best_w, best_b, best_err = w.copy(), b, err
        if err == 0:
            break
    return best_w, best_b, best_err
