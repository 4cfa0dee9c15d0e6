"""Hidden tests for rmsprop_step."""

import numpy as np

from grader.testing import (
    check_against_reference,
    check_cases,
    expect_tuple,
    expect_value,
    test_case,
)


def _reference(params, grads, sq, lr=0.01, alpha=0.99, eps=1e-8):
    new_s = [
        alpha * np.asarray(s, float) + (1 - alpha) * np.asarray(g, float) ** 2
        for s, g in zip(sq, grads)
    ]
    new_p = [
        np.asarray(p, float) - lr * g / (np.sqrt(s) + eps) for p, g, s in zip(params, grads, new_s)
    ]
    return new_p, new_s


def _layers(rng):
    return [
        rng.standard_normal((3, 4)),
        rng.standard_normal(4),
        rng.standard_normal((4, 2)),
        rng.standard_normal(2),
    ]


@test_case(points=2)
def first_step_by_hand(student):
    """The prompt's example: s = 0.04, the parameter moves by 0.1 (10 times lr)."""
    result = student.rmsprop_step(
        [np.array([1.0])], [np.array([2.0])], [np.array([0.0])], lr=0.01, alpha=0.99
    )
    new_p, new_s = expect_tuple(result, 2)
    expect_value(new_s, [np.array([0.04])], name="new sq after one step from 0 (0.01 * g**2)")
    try:
        expect_value(
            new_p, [np.array([0.9])], name="new params after one step (1 - 0.01 * 2 / 0.2)"
        )
    except AssertionError as exc:
        hint = ""
        got = new_p[0] if type(new_p) in (list, tuple) and len(new_p) == 1 else None
        if type(got) is np.ndarray and got.shape == (1,) and np.isclose(got[0], 0.99):
            hint = " Diagnosis: the step uses the old s (0 + eps), or a bias correction; use the new s, uncorrected."
        raise AssertionError(str(exc) + hint) from None


@test_case(points=3)
def several_steps_in_a_row(student):
    """Fifteen calls in a row, feeding back sq, with a weight matrix and a bias, alpha=0.9."""
    rng = np.random.default_rng(90)
    ours = _layers(rng)
    theirs = [p.copy() for p in ours]
    s_o = [np.zeros_like(p) for p in ours]
    s_t = [np.zeros_like(p) for p in ours]
    for step in range(1, 16):
        grads = [p + 0.3 * rng.standard_normal(p.shape) for p in ours]
        g_t = [q + (g - p) for q, g, p in zip(theirs, grads, ours)]
        ours, s_o = expect_tuple(student.rmsprop_step(ours, grads, s_o, lr=0.02, alpha=0.9), 2)
        theirs, s_t = _reference(theirs, g_t, s_t, lr=0.02, alpha=0.9)
        expect_value(s_o, s_t, name=f"sq after step {step}")
        expect_value(ours, theirs, name=f"params after step {step}")


@test_case(points=1)
def random_inputs_and_zero_gradients(student):
    """Random lists with hyperparameters as keywords; a zero gradient gives no step and no NaN."""

    def make(rng):
        params = _layers(rng)
        grads = [rng.standard_normal(p.shape) for p in params]
        sq = [rng.random(p.shape) for p in params]
        return (params, grads, sq), {
            "lr": float(rng.uniform(1e-4, 0.1)),
            "alpha": float(rng.uniform(0.8, 0.999)),
            "eps": 1e-6,
        }

    check_against_reference(student.rmsprop_step, _reference, make)
    check_cases(
        student.rmsprop_step,
        [
            (
                ([np.array([[1.0, -1.0]])], [np.zeros((1, 2))], [np.zeros((1, 2))]),
                ([np.array([[1.0, -1.0]])], [np.zeros((1, 2))]),
            )
        ],
    )


@test_case(points=1)
def returns_new_arrays(student):
    """New arrays, never the input arrays themselves."""
    rng = np.random.default_rng(91)
    params = _layers(rng)
    grads = [np.zeros_like(p) for p in params]
    sq = [np.zeros_like(p) for p in params]
    new_p, new_s = expect_tuple(student.rmsprop_step(params, grads, sq), 2)
    for out_name, result in (("new params", new_p), ("new sq", new_s)):
        for name, arrays in (("params", params), ("grads", grads), ("sq", sq)):
            for i, r in enumerate(result):
                for j, a in enumerate(arrays):
                    if type(r) is np.ndarray and np.shares_memory(r, a):
                        raise AssertionError(
                            f"rmsprop_step: {out_name}[{i}] is {name}[{j}] itself (or a view of it). Return new arrays."
                        )
