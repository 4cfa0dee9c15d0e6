"""Hidden tests for softmax_ce_grad."""

import math

import numpy as np

from grader.testing import (
    check_against_reference,
    check_cases,
    expect_array,
    gradient_check,
    test_case,
)


def _ref(logits, labels):
    rows = np.asarray(logits, dtype=float).tolist()
    N = len(rows)
    out = []
    for row, y in zip(rows, np.asarray(labels).tolist()):
        m = max(row)
        e = [math.exp(v - m) for v in row]
        s = math.fsum(e)
        out.append([(ek / s - (1.0 if k == y else 0.0)) / N for k, ek in enumerate(e)])
    return np.array(out)


def _ce(logits, labels):
    z = logits - logits.max(axis=1, keepdims=True)
    lse = np.log(np.sum(np.exp(z), axis=1))
    return float(np.mean(lse - z[np.arange(len(labels)), labels]))


def _check(student, logits, labels):
    got = student.softmax_ce_grad(logits, labels)
    want = _ref(logits, labels)
    try:
        expect_array(got, want, dtype="float")
    except AssertionError as exc:
        hint = ""
        N = logits.shape[0]
        if isinstance(got, np.ndarray) and got.shape == want.shape and N > 1:
            if np.allclose(got, want * N, rtol=1e-6, atol=1e-9):
                hint = (
                    f" Diagnosis: your gradient is N = {N} times too large. The loss is the "
                    "mean over the batch, so every example's gradient carries a factor 1/N."
                )
            elif np.allclose(got, -want, rtol=1e-6, atol=1e-9):
                hint = " Diagnosis: the sign is flipped: it is p - onehot, not onehot - p."
        raise AssertionError(str(exc) + hint) from None


@test_case(points=2)
def equal_logits(student):
    """All logits 0, K = 3: each row is (1/3 - onehot) / N."""
    logits = np.zeros((2, 3))
    labels = np.array([0, 2], dtype=np.int64)
    check_cases(
        student.softmax_ce_grad,
        [((logits, labels), np.array([[-1 / 3, 1 / 6, 1 / 6], [1 / 6, 1 / 6, -1 / 3]]))],
    )


@test_case(points=3)
def mean_over_the_batch(student):
    """A batch of 4 with K = 5: the 1/N of the mean is in every entry."""
    rng = np.random.default_rng(77)
    logits = rng.standard_normal((4, 5)) * 2.0
    _check(student, logits, np.array([1, 4, 0, 1], dtype=np.int64))


@test_case(points=1)
def batch_of_one(student):
    """N = 1: the gradient is p - onehot itself."""
    _check(student, np.array([[2.0, 1.0, 0.1]]), np.array([0], dtype=np.int64))


@test_case(points=2)
def large_logits_stay_finite(student):
    """Logits of +-1e4 give finite gradients: a confidently wrong row has about -1/N at its label."""
    logits = np.array([[1e4, 0.0, -1e4], [-1e4, 1e4, 1e4 - 1.0], [5.0, 5.0, 5.0]])
    _check(student, logits, np.array([1, 0, 2], dtype=np.int64))


@test_case(points=1)
def int32_labels(student):
    """Labels as int32 (the browser's default integers) work as well as int64."""
    rng = np.random.default_rng(78)
    logits = rng.standard_normal((6, 4))
    _check(student, logits, np.array([3, 0, 0, 2, 1, 3], dtype=np.int32))


@test_case(points=2)
def gradient_check_of_the_loss(student):
    """Against central differences of the mean cross-entropy, on random batches too."""
    rng = np.random.default_rng(79)
    logits = rng.standard_normal((5, 3))
    labels = np.array([2, 0, 1, 1, 0], dtype=np.int64)
    analytic = student.softmax_ce_grad(logits, labels)
    gradient_check(lambda z: _ce(z, labels), logits, analytic)
    check_against_reference(
        student.softmax_ce_grad,
        _ref,
        lambda rng: (
            rng.standard_normal((8, 4)) * 3.0,
            rng.integers(0, 4, size=8).astype(np.int64),
        ),
    )
