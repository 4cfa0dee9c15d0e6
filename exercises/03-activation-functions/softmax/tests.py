import math

import numpy as np

from grader.testing import check_cases, expect_array, expect_true, last_call, test_case


def _softmax_ref(x, axis=-1):
    # Independent reference: loop over every 1-D slice along `axis` with Python floats.
    x = np.asarray(x, dtype=float)
    moved = np.moveaxis(x, axis, -1)
    out = np.empty_like(moved)
    for idx in np.ndindex(moved.shape[:-1]):
        row = moved[idx].tolist()
        m = max(row)
        exps = [math.exp(v - m) for v in row]
        total = math.fsum(exps)
        out[idx] = [e / total for e in exps]
    return np.moveaxis(out, -1, axis)


def _sums_to_one(out, axis, name):
    sums = np.sum(np.asarray(out, dtype=float), axis=axis)
    expect_true(
        bool(np.all(np.abs(sums - 1.0) < 1e-9)),
        f"{name}: the outputs must sum to 1 along axis={axis}; the sums were "
        f"{np.array2string(sums.reshape(-1)[:6], precision=6)}",
    )


@test_case(points=2)
def softmax_1d_known_values(student):
    """softmax of [0, ln 2, ln 5] is [1/8, 2/8, 5/8]; of [1, 2, 3] the textbook values."""
    x = np.array([0.0, math.log(2.0), math.log(5.0)])
    expect_array(student.softmax(x), [0.125, 0.25, 0.625], dtype="float")
    x = np.array([1.0, 2.0, 3.0])
    expect_array(student.softmax(x), [0.09003057317038046, 0.24472847105479764, 0.6652409557748218])


@test_case(points=2)
def softmax_rows_of_a_batch(student):
    """For (N, A) logits and the default axis, every row is its own distribution."""
    x = np.random.default_rng(331).normal(size=(4, 5)) * 3.0
    out = student.softmax(x)
    expect_array(out, _softmax_ref(x, -1), dtype="float")
    _sums_to_one(out, -1, last_call())


@test_case(points=2)
def softmax_axis_0(student):
    """With axis=0 each column is normalised."""
    x = np.random.default_rng(332).normal(size=(3, 4)) * 2.0
    out = student.softmax(x, axis=0)
    expect_array(out, _softmax_ref(x, 0))
    _sums_to_one(out, 0, last_call())


@test_case(points=2)
def softmax_3d_and_negative_axes(student):
    """3-D input with axis=1, axis=-2 (the same axis) and the default last axis."""
    x = np.random.default_rng(333).normal(size=(2, 3, 4))
    cases = [((x,), {"axis": 1}, _softmax_ref(x, 1)), ((x,), {"axis": -2}, _softmax_ref(x, 1))]
    check_cases(student.softmax, cases + [(x, _softmax_ref(x, -1))])


@test_case(points=2)
def softmax_large_entries(student):
    """Entries of +-1e4 give finite, correct probabilities (no overflow, no 0/0)."""
    x = np.array([[1e4, 1e4 - 1.0, 1e4 - 2.0], [-1e4, 0.0, 1e4], [-1e4, -1e4, -1e4 + 1.0]])
    check_cases(
        student.softmax, [(x, _softmax_ref(x, -1)), ((x,), {"axis": 0}, _softmax_ref(x, 0))]
    )


@test_case(points=1)
def softmax_ties_and_batch_of_one(student):
    """Equal scores give equal probabilities; a batch of one row works."""
    cases = [
        (np.array([[7.0, 7.0, 7.0, 7.0]]), np.array([[0.25, 0.25, 0.25, 0.25]])),
        (np.array([[2.0], [-3.0]]), np.array([[1.0], [1.0]])),  # one action per row
        (np.zeros(3), np.array([1 / 3, 1 / 3, 1 / 3])),
    ]
    check_cases(student.softmax, cases)


@test_case(points=1)
def softmax_shift_invariance(student):
    """Adding a constant to every score does not change the probabilities."""
    x = np.random.default_rng(334).normal(size=(3, 6))
    expect_array(student.softmax(x), _softmax_ref(x, -1))
    for c in (100.0, -500.0, 5000.0):
        expect_array(
            student.softmax(x + c),
            _softmax_ref(x, -1),
            name=f"softmax(x + {c:g}) for x of shape (3, 6) (must equal softmax(x))",
        )


@test_case(points=2)
def softmax_input_unchanged(student):
    """softmax returns a new array and does not modify x, for every axis."""
    x = np.array([[1.0, 5.0, 3.0], [0.0, -2.0, 4.0]])
    student.softmax(x)
    student.softmax(x, axis=0)
    expect_array(student.softmax(x.copy()), _softmax_ref(x, -1))
