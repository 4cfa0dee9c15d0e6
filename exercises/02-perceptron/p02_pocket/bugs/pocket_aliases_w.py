# Bug: stores w itself in the pocket and then updates w in place, so the pocket changes too.
# expect: at index (0,): expected 2.05557583745, got 2.49792937261
import numpy as np


def pocket_perceptron(X, y, lr=1.0, max_epochs=100):
    w, b = np.zeros(X.shape[1]), 0.0
    best_w, best_b = w, b
    best_err = int(np.sum((X @ w + b >= 0).astype(int) != y))
    for _ in range(max_epochs):
        for x_i, y_i in zip(X, y):
            error = y_i - (1 if np.dot(w, x_i) + b >= 0 else 0)
            w += lr * error * x_i
            b = b + lr * error
        err = int(np.sum((X @ w + b >= 0).astype(int) != y))
        if err < best_err:
            best_w, best_b, best_err = w, b, err
        if err == 0:
            break
    return best_w, best_b, best_err
