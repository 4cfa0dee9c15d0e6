import math

import numpy as np

from grader.testing import expect_array, expect_scalar, last_call, test_case


def _dist(X, w, b):
    norm = math.sqrt(sum(float(v) ** 2 for v in w))
    return np.array(
        [(sum(float(a) * float(c) for a, c in zip(row, w)) + float(b)) / norm for row in X]
    )


def _margin(X, y, w, b):
    d = _dist(X, w, b)
    return min((2 * int(t) - 1) * float(di) for t, di in zip(y, d))


@test_case(points=2)
def example_distances(student):
    """The prompt's example: distances -1/sqrt(2) and +1/sqrt(2)."""
    X = np.array([[0.0, 0.0], [1.0, 1.0]])
    r = 1 / math.sqrt(2)
    expect_array(student.signed_distances(X, np.array([1.0, 1.0]), -1.0), [-r, r], dtype="float")


@test_case(points=2)
def distances_ignore_scale(student):
    """Random 3-D data; multiplying w and b by 100 gives the same distances."""
    rng = np.random.default_rng(801)
    X, w, b = rng.normal(size=(12, 3)), rng.normal(size=3), 0.4
    expect_array(student.signed_distances(X, w, b), _dist(X, w, b), dtype="float")
    out = student.signed_distances(X, 100 * w, 100 * b)
    name = f"{last_call()} (w and b scaled by 100: the distances must not change)"
    expect_array(out, _dist(X, w, b), name=name, dtype="float")


@test_case(points=2)
def margin_of_a_separating_line(student):
    """Example margin 1/sqrt(2), and an AND line with margin 0.5/sqrt(2)."""
    X = np.array([[0.0, 0.0], [1.0, 1.0]])
    out = student.margin(X, np.array([0, 1], dtype=np.int64), np.array([1.0, 1.0]), -1.0)
    expect_scalar(out, 1 / math.sqrt(2))
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0, 0, 0, 1], dtype=np.int64)
    expect_scalar(student.margin(X, y, np.array([1.0, 1.0]), -1.5), 0.5 / math.sqrt(2))


@test_case(points=2)
def misclassified_gives_negative_margin(student):
    """A line that gets some points wrong has a negative margin (random data, two lines)."""
    rng = np.random.default_rng(802)
    X = rng.normal(size=(20, 2))
    y = (X[:, 0] > 0).astype(np.int64)
    w, b = np.array([0.2, 1.0]), 0.1
    expect_scalar(student.margin(X, y, w, b), _margin(X, y, w, b))
