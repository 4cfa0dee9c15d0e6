import numpy as np


def _count_errors(X, y, w, b):
    return int(np.sum((X @ w + b >= 0).astype(int) != y))


def pocket_perceptron(X, y, lr=1.0, max_epochs=100):
    """Run the perceptron and return the pocket: the best (w, b, errors) seen after any epoch."""
    w = np.zeros(X.shape[1])
    b = 0.0
    best_w, best_b, best_err = w.copy(), b, _count_errors(X, y, w, b)
    for _ in range(max_epochs):
        for x_i, y_i in zip(X, y):
            error = y_i - (1 if np.dot(w, x_i) + b >= 0 else 0)
            w = w + lr * error * x_i
            b = b + lr * error
        err = _count_errors(X, y, w, b)
        if err < best_err:
            best_w, best_b, best_err = w.copy(), b, err
        if err == 0:
            break
    return best_w, float(best_b), best_err
