"""Hidden tests for l2_penalty: weights only in the penalty, a gradient for every array."""

import math

import numpy as np

from grader.testing import (
    check_against_reference,
    check_cases,
    expect_true,
    expect_tuple,
    expect_value,
    gradient_check,
    last_call,
    test_case,
)


def _reference(params, weight_decay):
    terms = [float(v) * float(v) for p in params if np.ndim(p) >= 2 for v in np.ravel(p)]
    grads = [
        weight_decay * np.asarray(p, float) if np.ndim(p) >= 2 else np.zeros(np.shape(p))
        for p in params
    ]
    return 0.5 * weight_decay * math.fsum(terms), grads


def _mlp(rng, sizes):
    out = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        out += [rng.normal(size=(n_in, n_out)), rng.normal(size=n_out)]
    return out


def _diagnose(params, weight_decay, penalty):
    """Name the usual mistake from the penalty that came back."""
    try:
        got = float(penalty)
    except (TypeError, ValueError):
        return ""
    weights = math.fsum(float(np.sum(np.square(p))) for p in params if np.ndim(p) >= 2)
    everything = math.fsum(float(np.sum(np.square(p))) for p in params)
    want = 0.5 * weight_decay * weights
    if weights == everything or math.isclose(got, want, rel_tol=1e-6):
        return ""
    if math.isclose(got, 0.5 * weight_decay * everything, rel_tol=1e-6):
        return (
            " Diagnosis: your penalty includes the biases. Only arrays with ndim >= 2 (weight "
            "matrices) are penalised; a bias shifts a unit's output and does not make the "
            "network more sensitive to its inputs."
        )
    if math.isclose(got, weight_decay * weights, rel_tol=1e-6):
        return " Diagnosis: your penalty is twice the expected one: keep the factor 0.5."
    norms = math.fsum(float(np.sqrt(np.sum(np.square(p)))) for p in params if np.ndim(p) >= 2)
    if math.isclose(got, 0.5 * weight_decay * norms, rel_tol=1e-6):
        return (
            " Diagnosis: you added up the norms ||W||; the penalty uses the squared norms "
            "||W||^2 (the sum of the squared entries)."
        )
    return ""


def _check(student, params, weight_decay):
    result = student.l2_penalty(params, weight_decay)
    label = last_call()
    penalty, grads = expect_tuple(result, 2, name=label)
    want_penalty, want_grads = _reference(params, weight_decay)
    try:
        expect_value(penalty, want_penalty, name=f"penalty of {label}")
    except AssertionError as exc:
        raise AssertionError(str(exc) + _diagnose(params, weight_decay, penalty)) from None
    if type(grads) in (list, tuple) and len(grads) != len(params):
        raise AssertionError(
            f"grads of {label}: expected one gradient per entry of params ({len(params)}), got "
            f"{len(grads)}. Biases get a gradient too: an array of zeros of their shape, so that "
            "the list lines up with params in an optimiser step."
        )
    for i, (g, p, w) in enumerate(
        zip(grads if type(grads) in (list, tuple) else [], params, want_grads)
    ):
        if np.ndim(p) < 2 and type(g) is np.ndarray and g.shape == np.shape(p) and np.any(g != 0):
            raise AssertionError(
                f"grads[{i}] of {label}: params[{i}] has ndim {np.ndim(p)} (a bias), so its "
                f"gradient must be zeros, got {g.tolist()}. The penalty does not contain the "
                "biases, so it does not change when they do."
            )
        if (
            np.ndim(p) >= 2
            and type(g) is np.ndarray
            and g.shape == np.shape(p)
            and not np.allclose(g, w)
            and np.allclose(g, 2 * w)
        ):
            raise AssertionError(
                f"grads[{i}] of {label}: your gradient is 2 * weight_decay * W. The derivative of "
                "0.5 * weight_decay * W**2 is weight_decay * W: the 0.5 cancels the 2."
            )
    expect_value(grads, want_grads, name=f"grads of {label}")
    return penalty, grads


@test_case(points=2)
def small_network_by_hand(student):
    """A 2-2-1 network: the penalty counts the weights only; the biases get zero gradients."""
    W1 = np.array([[1.0, -2.0], [0.0, 3.0]])
    b1 = np.array([5.0, -5.0])
    W2 = np.array([[2.0], [-1.0]])
    b2 = np.array([10.0])
    check_cases(
        student.l2_penalty,
        [
            (
                ([W1, b1, W2, b2], 0.1),
                (
                    0.95,
                    [0.1 * W1, np.zeros(2), 0.1 * W2, np.zeros(1)],
                ),
            )
        ],
    )
    _check(student, [W1, b1, W2, b2], 0.1)


@test_case(points=3)
def random_networks(student):
    """Random MLPs of different sizes and weight-decay strengths."""

    def make(rng):
        sizes = [int(rng.integers(1, 6)) for _ in range(int(rng.integers(2, 5)))]
        return _mlp(rng, sizes), float(rng.uniform(1e-4, 1.0))

    for seed in (0, 1, 2):
        params, wd = make(np.random.default_rng(seed))
        _check(student, params, wd)
    check_against_reference(student.l2_penalty, _reference, make, seeds=(3, 4))


@test_case(points=2)
def any_array_of_ndim_two_or_more(student):
    """Conv kernels (4-D) count as weights; 0-d and 1-d arrays do not; the order is kept."""
    rng = np.random.default_rng(90)
    params = [
        rng.normal(size=(2, 1, 3, 3)),  # a conv kernel (F, C, KH, KW)
        rng.normal(size=2),  # its bias
        np.array(1.5),  # a scalar parameter (a learned temperature, say)
        rng.normal(size=(4, 3)),
        rng.normal(size=3),
    ]
    _check(student, params, 0.01)


@test_case(points=2)
def gradient_is_the_derivative_of_the_penalty(student):
    """Each gradient matches central differences of the penalty with respect to that array."""
    rng = np.random.default_rng(91)
    params = _mlp(rng, [3, 4, 2])
    wd = 0.3
    _, grads = _check(student, params, wd)
    for i in range(len(params)):

        def penalty_of(x, i=i):
            trial = [x if j == i else p for j, p in enumerate(params)]
            return float(_reference(trial, wd)[0])

        gradient_check(
            penalty_of,
            params[i].copy(),
            grads[i],
            name=f"grads[{i}] against the numerical gradient of the penalty",
        )


@test_case(points=2)
def edge_cases(student):
    """weight_decay = 0, biases only, an empty list, large weights, large biases."""
    rng = np.random.default_rng(92)
    _check(student, _mlp(rng, [3, 2]), 0.0)
    _check(student, [np.array([1.0, 2.0]), np.array([3.0])], 0.5)
    _check(student, [], 0.1)
    _check(student, [np.array([[1e6, -1e6]]), np.array([1e8])], 1e-4)
    penalty, grads = _check(student, [np.array([[0.0]]), np.array([1e3])], 1.0)
    expect_true(
        all(type(g) is np.ndarray for g in grads),
        f"{last_call()}: every gradient must be a numpy array (zeros for a bias), got "
        f"{[type(g).__name__ for g in grads]}.",
    )


@test_case(points=1)
def gradients_are_new_arrays(student):
    """The gradients are new arrays, not the parameters themselves (weight_decay = 1)."""
    params = [np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([0.5, 0.5])]
    _, grads = _check(student, params, 1.0)
    for i, (g, p) in enumerate(zip(grads, params)):
        expect_true(
            not np.shares_memory(g, p),
            f"{last_call()}: grads[{i}] is params[{i}] itself (or a view of it). Return new "
            "arrays: an optimiser that updates the parameters in place would change it.",
        )
