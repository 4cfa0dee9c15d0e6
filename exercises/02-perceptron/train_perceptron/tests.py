import numpy as np

from grader.testing import (
    expect_array,
    expect_equal,
    expect_scalar,
    expect_tuple,
    expect_value,
    last_call,
    test_case,
)

AND_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
AND_Y = np.array([0, 0, 0, 1], dtype=np.int64)
XOR_Y = np.array([0, 1, 1, 0], dtype=np.int64)


def _train(X, y, lr=1.0, max_epochs=100):
    """Independent pure-Python perceptron: returns (w, b, converged, epochs_with_mistakes)."""
    rows = [[float(v) for v in row] for row in X]
    labels = [int(v) for v in y]
    w = [0.0] * len(rows[0])
    b = 0.0
    epochs_with_mistakes = 0
    for _ in range(max_epochs):
        mistakes = 0
        for row, target in zip(rows, labels):
            z = sum(wi * xi for wi, xi in zip(w, row)) + b
            err = target - (1 if z >= 0 else 0)
            if err != 0:
                mistakes += 1
                w = [wi + lr * err * xi for wi, xi in zip(w, row)]
                b = b + lr * err
        if mistakes == 0:
            return np.array(w), b, True, epochs_with_mistakes
        epochs_with_mistakes += 1
    return np.array(w), b, False, epochs_with_mistakes


def _check(student, X, y, **kwargs):
    w, b, converged = expect_tuple(student.train_perceptron(X, y, **kwargs), 3)
    call = last_call()
    want_w, want_b, want_conv, _ = _train(X, y, **kwargs)
    expect_array(w, want_w, name=f"w after {call}", dtype="float")
    expect_scalar(b, want_b, name=f"b after {call}")
    expect_equal(converged, want_conv, name=f"converged flag of {call}")


def _separable(seed, n, d):
    rng = np.random.default_rng(seed)
    w_true, b_true = rng.normal(size=d), 0.3
    X = rng.normal(size=(n, d))
    z = X @ w_true + b_true
    X = X[np.abs(z) > 0.2]  # keep a margin so training ends quickly
    y = (X @ w_true + b_true >= 0).astype(np.int64)
    return X, y


@test_case(points=2)
def learns_and(student):
    """On the AND truth table (lr = 1) it reaches the same weights as the rule applied in order, and converges."""
    _check(student, AND_X, AND_Y)


@test_case(points=2)
def random_separable_data(student):
    """Random linearly separable data in 3-D: same weights as the rule applied in row order, converged."""
    X, y = _separable(701, 60, 3)
    _check(student, X, y)


@test_case(points=2)
def xor_does_not_converge(student):
    """XOR is not linearly separable: after max_epochs=15 converged is False and the weights match the rule's."""
    _check(student, AND_X, XOR_Y, max_epochs=15)


@test_case(points=1)
def separable_at_zero(student):
    """When every label is 1, the zero start already classifies everything (ties are class 1): zeros, 0, converged."""
    X = np.array([[1.0, -2.0], [-3.0, 0.5], [0.0, 0.0]])
    out = student.train_perceptron(X, np.array([1, 1, 1], dtype=np.int64))
    expect_value(out, (np.zeros(2), 0.0, True), dtype="float")


@test_case(points=1)
def learning_rate_scales_weights(student):
    """Starting from zeros, lr = 0.1 gives exactly 0.1 times the lr = 1 weights (same mistakes)."""
    _check(student, AND_X, AND_Y, lr=0.1)
    X, y = _separable(702, 30, 2)
    _check(student, X, y, lr=2.5)


@test_case(points=1)
def max_epochs_boundary(student):
    """converged is True only if a mistake-free epoch happens within max_epochs."""
    _, _, _, k = _train(AND_X, AND_Y)
    _check(student, AND_X, AND_Y, max_epochs=k)
    _check(student, AND_X, AND_Y, max_epochs=k + 1)


@test_case(points=1)
def integer_inputs(student):
    """Integer X and y with lr = 0.5: the weights come back as floats, not truncated integers."""
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.int64)
    _check(student, X, np.array([0, 1, 1, 1], dtype=np.int64), lr=0.5)


@test_case(points=1)
def single_sample(student):
    """One sample of class 0: the first epoch fixes it, the second confirms it."""
    _check(student, np.array([[2.0, -1.0]]), np.array([0], dtype=np.int64))
