"""Hidden tests for clip_grad_norm."""

import math

import numpy as np

from grader.testing import check_against_reference, expect_tuple, expect_value, test_case


def _reference(grads, max_norm):
    total = math.sqrt(math.fsum(float(np.sum(np.asarray(g, float) ** 2)) for g in grads))
    c = min(1.0, max_norm / (total + 1e-6))
    return [c * np.asarray(g, float) for g in grads], total


@test_case(points=2)
def the_prompt_example(student):
    """[3] and [[4]] have norm 5; clipped to 1 they become about [0.6] and [[0.8]]."""
    result = student.clip_grad_norm([np.array([3.0]), np.array([[4.0]])], 1.0)
    clipped, total = expect_tuple(result, 2)
    expect_value(total, 5.0, name="total_norm of [3] and [[4]]")
    try:
        expect_value(
            clipped,
            _reference([np.array([3.0]), np.array([[4.0]])], 1.0)[0],
            name="clipped gradients",
        )
    except AssertionError as exc:
        hint = ""
        if type(clipped) in (list, tuple) and len(clipped) == 2 and type(clipped[0]) is np.ndarray:
            if np.allclose(np.asarray(clipped[0], float), 1.0):
                hint = (
                    " Diagnosis: each array was clipped by its own norm (both became 1). Use one "
                    "factor for all arrays, from the norm of all of them together: the direction "
                    "of the whole gradient must not change."
                )
        raise AssertionError(str(exc) + hint) from None


@test_case(points=2)
def network_gradients(student):
    """Random [W1, b1, W2, b2] gradients above and below max_norm match torch's rule."""

    def make(rng):
        scale = float(rng.choice([0.01, 1.0, 50.0]))
        shapes = [(4, 8), (8,), (8, 2), (2,)]
        return [scale * rng.standard_normal(s) for s in shapes], float(rng.choice([0.5, 10.0]))

    check_against_reference(student.clip_grad_norm, _reference, make, seeds=(0, 1, 2, 3, 4, 5))


@test_case(points=1)
def short_gradient_unchanged(student):
    """A gradient shorter than max_norm comes back with the same values."""
    g = [np.array([[0.1, -0.2]]), np.array([0.05])]
    clipped, total = expect_tuple(student.clip_grad_norm(g, 10.0), 2)
    expect_value(clipped, [x.copy() for x in g], name="gradients shorter than max_norm=10")
    expect_value(total, math.sqrt(0.01 + 0.04 + 0.0025), name="their total_norm")


@test_case(points=1)
def zero_gradient(student):
    """All zeros: the norm is 0.0 and the result is zeros (no division by zero)."""
    clipped, total = expect_tuple(student.clip_grad_norm([np.zeros((2, 3)), np.zeros(3)], 0.5), 2)
    expect_value(total, 0.0, name="total_norm of a zero gradient")
    expect_value(clipped, [np.zeros((2, 3)), np.zeros(3)], name="clipped zero gradient")


@test_case(points=1)
def returns_new_arrays(student):
    """New arrays even when nothing is clipped; the input list is unchanged."""
    g = [np.array([[0.1, -0.2]]), np.array([0.05])]
    clipped, _ = expect_tuple(student.clip_grad_norm(g, 10.0), 2)
    for i, r in enumerate(clipped):
        for j, a in enumerate(g):
            if type(r) is np.ndarray and np.shares_memory(r, a):
                raise AssertionError(
                    f"clip_grad_norm: clipped[{i}] is grads[{j}] itself (or a view of it). Return new "
                    "arrays: the optimiser may change them in place later."
                )
