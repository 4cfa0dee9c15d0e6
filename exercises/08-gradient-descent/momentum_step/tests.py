"""Hidden tests for momentum_step: first step, velocities carried over steps, shapes, new arrays."""

import numpy as np

from grader.testing import (
    check_against_reference,
    check_cases,
    expect_true,
    expect_tuple,
    expect_value,
    test_case,
)


def _reference(params, grads, velocities, lr, beta=0.9):
    new_v = [beta * np.asarray(v, float) + np.asarray(g, float) for v, g in zip(velocities, grads)]
    return [np.asarray(p, float) - lr * v for p, v in zip(params, new_v)], new_v


def _layers(rng, sizes=(3, 4, 2)):
    out = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        out += [rng.standard_normal((n_in, n_out)), rng.standard_normal(n_out)]
    return out


def _call(student, *args, **kwargs):
    result = student.momentum_step(*args, **kwargs)
    new_p, new_v = expect_tuple(result, 2)
    return new_p, new_v


def _first_step_diagnosis(p, g, lr, beta, got_p):
    """Name the usual mistake from the size of the first step (from zero velocity)."""
    if type(got_p) not in (list, tuple) or len(got_p) != 1 or type(got_p[0]) is not np.ndarray:
        return ""
    step = np.asarray(got_p[0], float) - p
    want = -lr * g
    if step.shape != want.shape:
        return ""
    if np.allclose(step, (1 - beta) * want):
        return (
            f" Diagnosis: your first step is {1 - beta:g} times the SGD step lr * g. That is "
            "the convention v = beta * v + (1 - beta) * g, an average of the gradients; PyTorch "
            "(and this exercise) use v = beta * v + g, whose first step from zero velocity is "
            "exactly lr * g."
        )
    if np.allclose(step, 0.0):
        return (
            " Diagnosis: the parameter did not move on the first step. The step must use the "
            "new velocity (beta * v + g), not the old one, which is still zero."
        )
    if np.allclose(step, -want):
        return " Diagnosis: the parameter moved uphill; subtract lr * v."
    return ""


@test_case(points=2)
def first_step_is_an_sgd_step(student):
    """From zero velocity the first step is p - lr * g, and the new velocity is g."""
    p, g = np.array([1.0, -2.0, 0.5]), np.array([2.0, 0.5, -4.0])
    new_p, new_v = _call(student, [p], [g], [np.zeros(3)], 0.1, beta=0.9)
    try:
        expect_value(new_p, [p - 0.1 * g], name="new params after one step from zero velocity")
    except AssertionError as exc:
        raise AssertionError(str(exc) + _first_step_diagnosis(p, g, 0.1, 0.9, new_p)) from None
    try:
        expect_value(new_v, [g.copy()], name="new velocities after one step from zero velocity")
    except AssertionError as exc:
        hint = ""
        got = new_v[0] if type(new_v) in (list, tuple) and len(new_v) == 1 else None
        if type(got) is np.ndarray and got.shape == g.shape and np.allclose(got, -0.1 * g):
            hint = (
                " Diagnosis: your velocity is -lr * g, the convention v = beta * v - lr * g, "
                "p = p + v. It moves the parameters the same way for a constant lr, but the "
                "velocities must be PyTorch's momentum buffer, v = beta * v + g, so that a run "
                "can continue with them (and a changing lr means the same thing)."
            )
        raise AssertionError(str(exc) + hint) from None


@test_case(points=2)
def small_cases_by_hand(student):
    """The prompt's two steps, and a weight matrix and bias with nonzero velocities, beta=0.5."""
    first = _call(student, [np.array([1.0])], [np.array([2.0])], [np.array([0.0])], 0.1)
    expect_value(first, ([np.array([0.8])], [np.array([2.0])]))
    check_cases(
        student.momentum_step,
        [
            (
                ([np.array([0.8])], [np.array([2.0])], [np.array([2.0])], 0.1),
                ([np.array([0.42])], [np.array([3.8])]),
            ),
            (
                (
                    [np.array([[1.0, 0.0], [2.0, -1.0]]), np.array([0.5, 0.5])],
                    [np.array([[1.0, 1.0], [0.0, -2.0]]), np.array([-1.0, 2.0])],
                    [np.array([[2.0, -2.0], [4.0, 0.0]]), np.array([0.0, 1.0])],
                    0.5,
                ),
                {"beta": 0.5},
                (
                    [np.array([[0.0, 0.0], [1.0, 0.0]]), np.array([1.0, -0.75])],
                    [np.array([[2.0, 0.0], [2.0, -2.0]]), np.array([-1.0, 2.5])],
                ),
            ),
        ],
    )


@test_case(points=3)
def velocities_carried_over_steps(student):
    """Twenty calls in a row on a quadratic, feeding back the returned velocities, follow PyTorch's path."""
    rng = np.random.default_rng(83)
    curv = [np.array([[1.0, 10.0, 0.5], [2.0, 0.1, 4.0]]), np.array([5.0, 0.3, 1.0])]
    ours = [rng.standard_normal((2, 3)), rng.standard_normal(3)]
    theirs = [p.copy() for p in ours]
    v_ours = [np.zeros_like(p) for p in ours]
    v_theirs = [np.zeros_like(p) for p in ours]
    for step in range(1, 21):
        grads = [c * p for c, p in zip(curv, ours)]
        ours, v_ours = _call(student, ours, grads, v_ours, 0.05, beta=0.8)
        theirs, v_theirs = _reference(
            theirs, [c * p for c, p in zip(curv, theirs)], v_theirs, 0.05, 0.8
        )
        expect_value(v_ours, v_theirs, name=f"velocities after step {step} (lr=0.05, beta=0.8)")
        expect_value(ours, theirs, name=f"params after step {step} (lr=0.05, beta=0.8)")


@test_case(points=1)
def beta_zero_is_plain_sgd(student):
    """With beta=0 the velocity is just the gradient and the step is SGD's."""
    rng = np.random.default_rng(84)
    params = _layers(rng)
    grads = [rng.standard_normal(p.shape) for p in params]
    old_v = [rng.standard_normal(p.shape) for p in params]
    new_p, new_v = _call(student, params, grads, old_v, 0.3, beta=0.0)
    expect_value(new_p, [p - 0.3 * g for p, g in zip(params, grads)], name="new params with beta=0")
    expect_value(new_v, [g.copy() for g in grads], name="new velocities with beta=0")


@test_case(points=1)
def random_networks(student):
    """Random networks, velocities, learning rates and betas match the rule."""

    def make(rng):
        params = _layers(rng, sizes=(int(rng.integers(2, 6)), 4, int(rng.integers(1, 4))))
        grads = [rng.standard_normal(p.shape) for p in params]
        vel = [rng.standard_normal(p.shape) for p in params]
        return (params, grads, vel, float(rng.uniform(1e-3, 0.5))), {
            "beta": float(rng.uniform(0.5, 0.99))
        }

    check_against_reference(student.momentum_step, _reference, make)


@test_case(points=1)
def one_array_and_zero_gradients(student):
    """One parameter array; a zero gradient still moves the parameter by the old velocity."""
    p, v = np.array([[3.0, -1.0]]), np.array([[1.0, -2.0]])
    new_p, new_v = _call(student, [p], [np.zeros((1, 2))], [v], 0.1, beta=0.9)
    expect_value(new_v, [np.array([[0.9, -1.8]])], name="new velocities for a zero gradient")
    expect_value(
        new_p,
        [np.array([[2.91, -0.82]])],
        name="new params for a zero gradient (momentum keeps moving)",
    )


@test_case(points=1)
def returns_new_arrays(student):
    """New lists of new arrays, never the input arrays themselves; the inputs stay unchanged."""
    rng = np.random.default_rng(85)
    params = _layers(rng)
    grads = [np.zeros_like(p) for p in params]
    vel = [np.zeros_like(p) for p in params]
    new_p, new_v = _call(student, params, grads, vel, 0.1)
    given = {"params": params, "grads": grads, "velocities": vel}
    for out_name, result in (("new params", new_p), ("new velocities", new_v)):
        expect_true(
            type(result) in (list, tuple) and len(result) == len(params),
            f"momentum_step: {out_name} must be a list with one array per parameter "
            f"({len(params)} here), got {type(result).__name__}",
        )
        for name, arrays in given.items():
            expect_true(
                result is not arrays,
                f"momentum_step returned the list `{name}` it was given as its {out_name}. "
                "Return new lists.",
            )
            for i, r in enumerate(result):
                for j, a in enumerate(arrays):
                    if type(r) is np.ndarray and np.shares_memory(r, a):
                        raise AssertionError(
                            f"momentum_step: {out_name}[{i}] is {name}[{j}] itself (or a view of "
                            "it). Return new arrays: the caller may change one in place later."
                        )
