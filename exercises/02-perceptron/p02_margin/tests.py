import math

import numpy as np

from grader.testing import call_unmodified, expect_array, expect_scalar, test_case


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
    out = student.signed_distances(X, np.array([1.0, 1.0]), -1.0)
    r = 1 / math.sqrt(2)
    expect_array(
        out, [-r, r], name="signed_distances([[0, 0], [1, 1]], w=[1, 1], b=-1)", dtype="float"
    )


@test_case(points=2)
def distances_ignore_scale(student):
    """Random 3-D data; multiplying w and b by 100 gives the same distances."""
    rng = np.random.default_rng(801)
    X, w, b = rng.normal(size=(12, 3)), rng.normal(size=3), 0.4
    out = call_unmodified(student.signed_distances, X, w, b)
    expect_array(out, _dist(X, w, b), name="signed_distances for random 12x3 data", dtype="float")
    out = student.signed_distances(X, 100 * w, 100 * b)
    expect_array(
        out, _dist(X, w, b), name="signed_distances with w and b scaled by 100", dtype="float"
    )


@test_case(points=2)
def margin_of_a_separating_line(student):
    """Example margin 1/sqrt(2), and an AND line with margin 0.5/sqrt(2)."""
    X = np.array([[0.0, 0.0], [1.0, 1.0]])
    out = student.margin(X, np.array([0, 1], dtype=np.int64), np.array([1.0, 1.0]), -1.0)
    expect_scalar(out, 1 / math.sqrt(2), name="margin for the prompt's example")
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0, 0, 0, 1], dtype=np.int64)
    out = call_unmodified(student.margin, X, y, np.array([1.0, 1.0]), -1.5)
    expect_scalar(out, 0.5 / math.sqrt(2), name="margin of w=[1, 1], b=-1.5 on the AND data")


@test_case(points=2)
def misclassified_gives_negative_margin(student):
    """A line that gets some points wrong has a negative margin (random data, two lines)."""
    rng = np.random.default_rng(802)
    X = rng.normal(size=(20, 2))
    y = (X[:, 0] > 0).astype(np.int64)
    w, b = np.array([0.2, 1.0]), 0.1
    out = student.margin(X, y, w, b)
    want = _margin(X, y, w, b)
    expect_scalar(
        out, want, name="margin of a poor line on random data (some points misclassified)"
    )
