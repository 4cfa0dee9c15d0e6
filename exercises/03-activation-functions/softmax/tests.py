import math

import numpy as np

from grader.testing import call_unmodified, expect_array, expect_true, test_case


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
    out = call_unmodified(student.softmax, x)
    expect_array(
        out, [0.125, 0.25, 0.625], name="softmax(x) for x = [0, ln 2, ln 5]", dtype="float"
    )
    x = np.array([1.0, 2.0, 3.0])
    expect_array(
        student.softmax(x),
        [0.09003057317038046, 0.24472847105479764, 0.6652409557748218],
        name="softmax(x) for x = [1, 2, 3]",
    )


@test_case(points=2)
def softmax_rows_of_a_batch(student):
    """For (N, A) logits and the default axis, every row is its own distribution."""
    rng = np.random.default_rng(331)
    x = rng.normal(size=(4, 5)) * 3.0
    out = call_unmodified(student.softmax, x)
    expect_array(
        out, _softmax_ref(x, -1), name="softmax(x) for random x of shape (4, 5)", dtype="float"
    )
    _sums_to_one(out, -1, "softmax(x) for x of shape (4, 5)")


@test_case(points=2)
def softmax_axis_0(student):
    """With axis=0 each column is normalised."""
    rng = np.random.default_rng(332)
    x = rng.normal(size=(3, 4)) * 2.0
    out = call_unmodified(student.softmax, x, axis=0)
    expect_array(out, _softmax_ref(x, 0), name="softmax(x, axis=0) for random x of shape (3, 4)")
    _sums_to_one(out, 0, "softmax(x, axis=0) for x of shape (3, 4)")


@test_case(points=2)
def softmax_3d_and_negative_axes(student):
    """3-D input with axis=1, axis=-2 (the same axis) and the default last axis."""
    rng = np.random.default_rng(333)
    x = rng.normal(size=(2, 3, 4))
    expected = _softmax_ref(x, 1)
    expect_array(
        call_unmodified(student.softmax, x, axis=1),
        expected,
        name="softmax(x, axis=1) for x of shape (2, 3, 4)",
    )
    expect_array(
        call_unmodified(student.softmax, x, axis=-2),
        expected,
        name="softmax(x, axis=-2) for x of shape (2, 3, 4)",
    )
    expect_array(
        call_unmodified(student.softmax, x),
        _softmax_ref(x, -1),
        name="softmax(x) (default axis=-1) for x of shape (2, 3, 4)",
    )


@test_case(points=2)
def softmax_large_entries(student):
    """Entries of +-1e4 give finite, correct probabilities (no overflow, no 0/0)."""
    x = np.array([[1e4, 1e4 - 1.0, 1e4 - 2.0], [-1e4, 0.0, 1e4], [-1e4, -1e4, -1e4 + 1.0]])
    out = call_unmodified(student.softmax, x)
    expect_array(
        out,
        _softmax_ref(x, -1),
        name="softmax(x) for x = [[1e4, 1e4-1, 1e4-2], [-1e4, 0, 1e4], [-1e4, -1e4, -1e4+1]]",
    )
    expect_array(
        call_unmodified(student.softmax, x, axis=0),
        _softmax_ref(x, 0),
        name="softmax(x, axis=0) for the same x",
    )


@test_case(points=1)
def softmax_ties_and_batch_of_one(student):
    """Equal scores give equal probabilities; a batch of one row works."""
    x = np.array([[7.0, 7.0, 7.0, 7.0]])
    out = call_unmodified(student.softmax, x)
    expect_array(out, [[0.25, 0.25, 0.25, 0.25]], name="softmax(x) for x = [[7, 7, 7, 7]]")
    x = np.array([[2.0], [-3.0]])
    expect_array(
        call_unmodified(student.softmax, x),
        [[1.0], [1.0]],
        name="softmax(x) for x = [[2], [-3]] (one action per row)",
    )
    expect_array(
        call_unmodified(student.softmax, np.zeros(3)),
        [1 / 3, 1 / 3, 1 / 3],
        name="softmax(zeros(3))",
    )


@test_case(points=1)
def softmax_shift_invariance(student):
    """Adding a constant to every score does not change the probabilities."""
    rng = np.random.default_rng(334)
    x = rng.normal(size=(3, 6))
    base = call_unmodified(student.softmax, x)
    expect_array(base, _softmax_ref(x, -1), name="softmax(x) for random x of shape (3, 6)")
    for c in (100.0, -500.0, 5000.0):
        expect_array(
            call_unmodified(student.softmax, x + c),
            _softmax_ref(x, -1),
            name=f"softmax(x + {c:g}) (must equal softmax(x))",
        )


@test_case(points=2)
def softmax_input_unchanged(student):
    """softmax returns a new array and does not modify x, for every axis."""
    x = np.array([[1.0, 5.0, 3.0], [0.0, -2.0, 4.0]])
    call_unmodified(student.softmax, x)
    call_unmodified(student.softmax, x, axis=0)
    out = call_unmodified(student.softmax, x.copy())
    expect_array(out, _softmax_ref(x, -1), name="softmax(x) for x = [[1, 5, 3], [0, -2, 4]]")
