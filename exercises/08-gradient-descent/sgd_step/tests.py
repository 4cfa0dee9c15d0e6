"""Hidden tests for sgd_step: values, several steps in a row, shapes, new arrays."""

import numpy as np

from grader.testing import (
    check_against_reference,
    check_cases,
    expect_true,
    expect_value,
    test_case,
)


def _reference(params, grads, lr):
    return [
        np.asarray(p, dtype=float) - lr * np.asarray(g, dtype=float) for p, g in zip(params, grads)
    ]


def _layers(rng, sizes=(3, 4, 2)):
    """[W1, b1, W2, b2] of a small network: matrices and vectors side by side."""
    out = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        out += [rng.standard_normal((n_in, n_out)), rng.standard_normal(n_out)]
    return out


def _expect_new_arrays(result, given, fn="sgd_step"):
    """No returned array may be (a view of) an input array; the list must be a new one."""
    for name, arrays in given.items():
        expect_true(
            result is not arrays,
            f"{fn} returned the list `{name}` it was given. Return a new list: the caller "
            "keeps the old one (for example as a target network's parameters).",
        )
        for i, r in enumerate(result):
            for j, a in enumerate(arrays):
                if type(r) is np.ndarray and type(a) is np.ndarray and np.shares_memory(r, a):
                    raise AssertionError(
                        f"{fn}: the array it returned at index {i} is {name}[{j}] itself (or a "
                        "view of it). Return new arrays: if the caller later changes one in "
                        "place, the other changes with it."
                    )


@test_case(points=2)
def small_cases_by_hand(student):
    """One vector, then a weight matrix and a bias, worked out by hand."""
    W = np.array([[1.0, -2.0], [0.5, 0.0]])
    b = np.array([0.25, -1.0])
    gW = np.array([[2.0, 1.0], [-1.0, 4.0]])
    gb = np.array([1.0, -2.0])
    try:
        check_cases(
            student.sgd_step,
            [
                (([np.array([1.0, 2.0])], [np.array([0.5, -1.0])], 0.1), [np.array([0.95, 2.1])]),
                (
                    ([W, b], [gW, gb], 0.5),
                    [np.array([[0.0, -2.5], [1.0, -2.0]]), np.array([-0.25, 0.0])],
                ),
            ],
        )
    except AssertionError as exc:
        got = student.sgd_step([np.array([1.0, 2.0])], [np.array([0.5, -1.0])], 0.1)
        hint = ""
        if type(got) in (list, tuple) and len(got) == 1 and type(got[0]) is np.ndarray:
            if np.allclose(got[0], [1.05, 1.9]):
                hint = (
                    " Diagnosis: you added the gradient. The gradient points uphill; descent "
                    "subtracts it: p - lr * g."
                )
            elif np.allclose(got[0], [0.5, 3.0]):
                hint = " Diagnosis: the step ignores lr (p - g); scale the gradient by lr."
        raise AssertionError(str(exc) + hint) from None


@test_case(points=2)
def random_networks(student):
    """Random [W1, b1, W2, b2] lists of several shapes and learning rates match the rule."""

    def make(rng):
        params = _layers(rng, sizes=(int(rng.integers(2, 6)), 5, int(rng.integers(1, 4))))
        grads = [rng.standard_normal(p.shape) for p in params]
        return params, grads, float(rng.uniform(1e-3, 0.5))

    check_against_reference(student.sgd_step, _reference, make)


@test_case(points=1)
def several_steps_in_a_row(student):
    """Ten steps on the quadratic L = 0.5 * sum(a * theta**2) follow the reference path."""
    rng = np.random.default_rng(81)
    a = [np.array([[1.0, 4.0], [0.5, 2.0]]), np.array([3.0, 0.2])]  # curvatures per entry
    ours = [rng.standard_normal((2, 2)), rng.standard_normal(2)]
    theirs = [p.copy() for p in ours]
    for step in range(1, 11):
        grads = [ai * p for ai, p in zip(a, ours)]
        ours = student.sgd_step(ours, grads, 0.2)
        theirs = _reference(theirs, [ai * p for ai, p in zip(a, theirs)], 0.2)
        expect_value(
            ours, theirs, name=f"params after step {step} of sgd_step(params, grads, lr=0.2)"
        )


@test_case(points=1)
def one_array_and_zero_gradients(student):
    """A list with a single array works; a zero gradient leaves the values where they are."""
    p = np.array([[3.0, -1.0, 0.5]])
    check_cases(
        student.sgd_step,
        [
            (([p], [np.zeros((1, 3))], 0.1), [p.copy()]),
            (([np.array([7.0])], [np.array([2.0])], 1.0), [np.array([5.0])]),
        ],
    )


@test_case(points=2)
def returns_new_arrays(student):
    """A new list of new arrays, even when the gradient is zero; the inputs stay as they were."""
    rng = np.random.default_rng(82)
    params = _layers(rng)
    grads = [rng.standard_normal(p.shape) for p in params]
    result = student.sgd_step(params, grads, 0.1)
    expect_true(
        type(result) in (list, tuple) and len(result) == len(params),
        f"sgd_step must return a list with one array per parameter ({len(params)} here), got "
        f"{type(result).__name__}"
        + (f" of length {len(result)}" if type(result) in (list, tuple) else ""),
    )
    _expect_new_arrays(result, {"params": params, "grads": grads})
    zeros = [np.zeros_like(p) for p in params]
    result = student.sgd_step(params, zeros, 0.1)
    _expect_new_arrays(result, {"params": params, "grads": zeros})
