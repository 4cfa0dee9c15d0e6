import numpy as np

from grader.testing import expect_array, expect_scalar, expect_tuple, last_call, test_case


def _errors(rows, labels, w, b):
    return sum(
        1
        for row, t in zip(rows, labels)
        if (1 if sum(a * c for a, c in zip(w, row)) + b >= 0 else 0) != t
    )


def _pocket(X, y, lr=1.0, max_epochs=100):
    rows = [[float(v) for v in r] for r in X]
    labels = [int(v) for v in y]
    w, b = [0.0] * len(rows[0]), 0.0
    best = (list(w), b, _errors(rows, labels, w, b))
    for _ in range(max_epochs):
        for row, t in zip(rows, labels):
            err = t - (1 if sum(a * c for a, c in zip(w, row)) + b >= 0 else 0)
            w = [a + lr * err * c for a, c in zip(w, row)]
            b += lr * err
        e = _errors(rows, labels, w, b)
        if e < best[2]:
            best = (list(w), b, e)
        if e == 0:
            break
    return np.array(best[0]), best[1], best[2]


def _noisy(seed, n):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 2))
    y = (X[:, 0] + 0.5 * X[:, 1] > 0).astype(np.int64)
    flip = rng.choice(n, size=n // 8, replace=False)
    y[flip] = 1 - y[flip]  # label noise: no line separates the data any more
    return X, y


def _check(student, X, y, **kwargs):
    w, b, errors = expect_tuple(student.pocket_perceptron(X, y, **kwargs), 3)
    call = last_call()
    want_w, want_b, want_err = _pocket(X, y, **kwargs)
    expect_scalar(errors, want_err, name=f"errors of the pocket of {call}", kind="int")
    expect_array(w, want_w, name=f"pocket w of {call}", dtype="float")
    expect_scalar(b, want_b, name=f"pocket b of {call}")


@test_case(points=2)
def separable_data_reaches_zero_errors(student):
    """On the AND data the pocket ends with zero errors and the perceptron's final weights."""
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    _check(student, X, np.array([0, 0, 0, 1], dtype=np.int64))


@test_case(points=3)
def noisy_data_keeps_the_best(student):
    """On noisy data (12% flipped labels) the pocket holds the best weights seen after any epoch."""
    X, y = _noisy(1001, 40)
    _check(student, X, y, max_epochs=30)


@test_case(points=1)
def xor_pocket(student):
    """On XOR every epoch-end weight vector misclassifies 2 points, so the pocket keeps the zero start (2 errors)."""
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    _check(student, X, np.array([0, 1, 1, 0], dtype=np.int64), max_epochs=10)


@test_case(points=1)
def zero_start_in_pocket(student):
    """If no epoch beats the zero start, the pocket still holds zeros (and their error count)."""
    X, y = _noisy(1002, 24)
    _check(student, X, y, max_epochs=0)


@test_case(points=1)
def learning_rate_and_integers(student):
    """Integer data with lr = 0.5: float weights, same error counts."""
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1], [2, 2]], dtype=np.int64)
    _check(student, X, np.array([0, 1, 1, 1, 0], dtype=np.int64), lr=0.5, max_epochs=8)
