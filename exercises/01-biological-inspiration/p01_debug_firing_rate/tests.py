import numpy as np

from grader.testing import expect_scalar, test_case


def _rate(X, w, b):
    n = X.shape[0]
    fired = 0
    for row in X:
        z = sum(float(a) * float(c) for a, c in zip(row, w)) + float(b)
        fired += 1 if z >= 0 else 0
    return fired / n


@test_case(points=2)
def tall_batch(student):
    """More samples than features: 5 rows of 2 features, all firing."""
    expect_scalar(student.firing_rate(np.ones((5, 2)), np.ones(2), 0.0), 1.0)


@test_case(points=2)
def wide_batch(student):
    """Fewer samples than features: 2 rows of 4 features, one of which fires."""
    X = np.array([[1.0, 2.0, 3.0, 4.0], [-1.0, -2.0, -3.0, -4.0]])
    expect_scalar(student.firing_rate(X, np.ones(4), 0.5), 0.5)


@test_case(points=1)
def single_sample_and_tie(student):
    """A batch of one sample whose weighted sum is exactly 0 fires (rate 1.0)."""
    out = student.firing_rate(np.array([[1.0, -1.0, 2.0]]), np.array([1.0, 1.0, 0.0]), 0.0)
    expect_scalar(out, 1.0)


@test_case(points=2)
def random_batch(student):
    """A random batch of 40 samples with 3 features."""
    rng = np.random.default_rng(501)
    X, w, b = rng.normal(size=(40, 3)), rng.normal(size=3), 0.3
    expect_scalar(student.firing_rate(X, w, b), _rate(X, w, b))


@test_case(points=1)
def square_batch_still_right(student):
    """A square batch (3x3) where only the first row fires."""
    X = np.array([[1.0, 1.0, 1.0], [-1.0, 0.0, 0.0], [0.0, -2.0, 0.0]])
    expect_scalar(student.firing_rate(X, np.ones(3), -0.5), 1.0 / 3.0)
