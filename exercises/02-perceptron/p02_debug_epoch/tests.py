import numpy as np

from grader.testing import expect_array, expect_scalar, expect_tuple, last_call, test_case


def _epoch(X, y, w, b, lr=1.0):
    w = [float(v) for v in w]
    b = float(b)
    mistakes = 0
    for row, t in zip(X, y):
        row = [float(v) for v in row]
        err = int(t) - (1 if sum(a * c for a, c in zip(w, row)) + b >= 0 else 0)
        if err:
            mistakes += 1
            w = [a + lr * err * c for a, c in zip(w, row)]
            b += lr * err
    return np.array(w), b, mistakes


def _check(student, X, y, w, b, **kwargs):
    w_new, b_new, mistakes = expect_tuple(student.perceptron_epoch(X, y, w, b, **kwargs), 3)
    call = last_call()
    want_w, want_b, want_m = _epoch(X, y, w, b, **kwargs)
    expect_scalar(mistakes, want_m, name=f"mistakes of {call}", kind="int")
    expect_array(w_new, want_w, name=f"w_new of {call}", dtype="float")
    expect_scalar(b_new, want_b, name=f"b_new of {call}")


@test_case(points=2)
def repeated_row(student):
    """Two identical class-0 rows from zero weights: the first update already fixes the second row."""
    X, y = np.array([[1.0, 0.0], [1.0, 0.0]]), np.array([0, 0], dtype=np.int64)
    _check(student, X, y, np.zeros(2), 0.0)


@test_case(points=2)
def and_first_epoch(student):
    """The first epoch on the AND data from zero weights."""
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    _check(student, X, np.array([0, 0, 0, 1], dtype=np.int64), np.zeros(2), 0.0)


@test_case(points=2)
def random_data_nonzero_start(student):
    """Random 3-D data from non-zero weights, lr = 0.3."""
    rng = np.random.default_rng(1101)
    X = rng.normal(size=(25, 3))
    y = (X @ np.array([1.0, -2.0, 0.5]) > 0.1).astype(np.int64)
    _check(student, X, y, rng.normal(size=3), 0.2, lr=0.3)


@test_case(points=1)
def no_mistakes_no_change(student):
    """If every row is already right, nothing changes and mistakes is 0."""
    X = np.array([[2.0, 1.0], [-1.0, -3.0]])
    _check(student, X, np.array([1, 0], dtype=np.int64), np.array([1.0, 1.0]), 0.0)


@test_case(points=1)
def integer_weights_stay_safe(student):
    """An integer w from the caller is not changed, and fractional updates are kept."""
    X, y = np.array([[1, 2], [3, -1]], dtype=np.int64), np.array([1, 0], dtype=np.int64)
    _check(student, X, y, np.array([-1, 0], dtype=np.int64), 0, lr=0.5)
