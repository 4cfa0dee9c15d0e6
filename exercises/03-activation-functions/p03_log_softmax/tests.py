import math

import numpy as np

from grader.testing import check_cases, expect_array, expect_scalar, test_case


def _lse_ref(x, axis=-1):
    # Independent reference: Python floats and math.fsum, one 1-D slice at a time.
    moved = np.moveaxis(np.asarray(x, dtype=float), axis, -1)
    out = np.empty(moved.shape[:-1])
    for idx in np.ndindex(moved.shape[:-1]):
        row = moved[idx].tolist()
        m = max(row)
        out[idx] = m + math.log(math.fsum(math.exp(v - m) for v in row))
    return out


def _log_softmax_ref(x, axis=-1):
    return x - np.expand_dims(_lse_ref(x, axis), axis)


@test_case(points=2)
def logsumexp_values(student):
    """logsumexp of a 1-D vector (a number) and of a 2-D array along both axes."""
    x = np.array([0.0, math.log(2.0), math.log(5.0)])
    expect_scalar(student.logsumexp(x), math.log(8.0))
    x = np.random.default_rng(361).normal(size=(3, 4)) * 2.0
    check_cases(student.logsumexp, [(x, _lse_ref(x, -1)), ((x,), {"axis": 0}, _lse_ref(x, 0))])


@test_case(points=2)
def logsumexp_large_entries(student):
    """logsumexp is finite and exact for entries of +-1e4."""
    x = np.array([[1e4, 1e4], [-1e4, -1e4], [1e4, -1e4]])
    expect_array(student.logsumexp(x), [1e4 + math.log(2.0), -1e4 + math.log(2.0), 1e4])
    expect_scalar(student.logsumexp(np.array([1000.0, -1000.0])), 1000.0)


@test_case(points=2)
def log_softmax_values(student):
    """log_softmax matches x - logsumexp(x) on 1-D, 2-D (both axes) and 3-D inputs."""
    x = np.array([0.0, math.log(2.0), math.log(5.0)])
    want = [math.log(0.125), math.log(0.25), math.log(0.625)]
    expect_array(student.log_softmax(x), want, dtype="float")
    x = np.random.default_rng(362).normal(size=(2, 3, 4))
    cases = [(x, _log_softmax_ref(x, -1)), ((x,), {"axis": 1}, _log_softmax_ref(x, 1))]
    check_cases(student.log_softmax, cases)


@test_case(points=2)
def log_softmax_never_minus_infinity(student):
    """log_softmax stays finite where softmax underflows to 0."""
    x = np.array([[1e4, 0.0, -1e4], [5.0, 5.0, 5.0]])
    want = np.array([[0.0, -1e4, -2e4], [-math.log(3.0)] * 3])
    check_cases(student.log_softmax, [(np.array([0.0, -1e4]), np.array([0.0, -1e4])), (x, want)])
