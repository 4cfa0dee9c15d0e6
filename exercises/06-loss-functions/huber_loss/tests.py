import math

import numpy as np

from grader.testing import call_unmodified, expect_scalar, test_case


def _advised(exc, advice):
    """The helper's message plus our advice: on its own line after a multi-line message."""
    text = str(exc)
    if not advice:
        return AssertionError(text)
    return AssertionError(text + ("\n" if "\n" in text else " ") + advice)


def _huber_ref(pred, target, delta=1.0):
    # Independent reference: the two-piece definition, element by element, exact sum.
    p = np.asarray(pred, dtype=float).ravel().tolist()
    t = np.asarray(target, dtype=float).ravel().tolist()
    parts = []
    for a, b in zip(p, t):
        e = abs(a - b)
        parts.append(0.5 * e * e if e <= delta else delta * (e - 0.5 * delta))
    return math.fsum(parts) / len(parts)


def _variants(pred, target, delta):
    """Losses of known mistakes, each with the advice that explains it."""
    e = np.asarray(pred, dtype=float) - np.asarray(target, dtype=float)
    a = np.abs(e)
    inside = a <= delta
    with np.errstate(over="ignore"):
        return [
            (
                np.mean(np.where(inside, e**2, 2 * delta * a - delta**2)),
                "That is twice the Huber loss: the quadratic piece is 0.5 * e**2.",
            ),
            (
                np.mean(np.where(inside, 0.5 * e**2, delta * a)),
                "The linear piece is delta * (|e| - delta / 2); without the -delta/2 the "
                "pieces do not meet at |e| = delta.",
            ),
            (
                np.mean(np.where(inside, 0.5 * e**2, delta * (a - 0.5 * delta))) / delta,
                "You divided by delta: that is smooth_l1_loss(beta=delta), not huber_loss. They "
                "agree only for delta = 1.",
            ),
            (
                np.mean(np.where(a <= 1.0, 0.5 * e**2, a - 0.5)),
                "The result is the loss for delta = 1: use the delta argument.",
            ),
            (
                np.mean(0.5 * e**2),
                "That is 0.5 * squared error everywhere: errors beyond delta use the linear "
                "piece delta * (|e| - delta / 2).",
            ),
            (
                np.sum(np.where(inside, 0.5 * e**2, delta * (a - 0.5 * delta))),
                "That is the sum over the elements; the loss is their mean.",
            ),
        ]


def _check(student, pred, target, name, *delta):
    d = delta[0] if delta else 1.0
    out = call_unmodified(student.huber_loss, pred, target, *delta)
    if type(out) is np.ndarray and out.ndim > 0:
        raise AssertionError(
            f"{name}: expected one number (the mean over all elements), got an array of shape "
            f"{out.shape}."
        )
    want = _huber_ref(pred, target, d)
    try:
        expect_scalar(out, want, name=name)
    except AssertionError as exc:
        advice = ""
        if type(out) in (float, np.float64) and math.isfinite(float(out)):
            for value, text in _variants(pred, target, d):
                if math.isfinite(value) and abs(float(out) - value) <= 1e-9 * max(1.0, abs(value)):
                    advice = text
                    break
        raise _advised(exc, advice) from None


@test_case(points=2)
def known_values(student):
    """Errors [0.5, -2, 3] with delta = 1 give [0.125, 1.5, 2.5], mean 1.375."""
    _check(
        student,
        np.array([0.5, -2.0, 3.0]),
        np.zeros(3),
        "huber_loss(pred=[0.5, -2, 3], target=[0, 0, 0])",
    )
    _check(
        student,
        np.array([1.2, 0.9, -0.3]),
        np.array([1.0, 1.0, -0.1]),
        "huber_loss for small errors [0.2, -0.1, -0.2] (all quadratic)",
    )


@test_case(points=3)
def delta_parameter(student):
    """delta moves the boundary between the pieces and scales the linear piece."""
    pred = np.array([0.5, -2.0, 3.0, -0.1, 6.0])
    target = np.zeros(5)
    for delta in (2.0, 0.5, 4.0):
        _check(
            student,
            pred,
            target,
            f"huber_loss(pred=[0.5, -2, 3, -0.1, 6], 0, delta={delta})",
            delta,
        )


@test_case(points=2)
def boundary_and_zero_error(student):
    """At |e| = delta both pieces give delta**2 / 2; a perfect prediction gives 0."""
    _check(
        student,
        np.array([1.0, -1.0]),
        np.zeros(2),
        "huber_loss for errors exactly +-delta (delta=1)",
    )
    _check(student, np.array([2.0, -2.0]), np.zeros(2), "huber_loss for errors +-2, delta=2", 2.0)
    x = np.array([3.0, -7.5, 0.25])
    _check(student, x, x.copy(), "huber_loss(x, x) (a perfect prediction)")


@test_case(points=2)
def batches_and_large_errors(student):
    """(N, A) batches average over all elements; errors of 1e200 stay finite."""
    rng = np.random.default_rng(641)
    pred = rng.normal(size=(6, 3)) * 3.0
    target = rng.normal(size=(6, 3))
    _check(student, pred, target, "huber_loss for random arrays of shape (6, 3)")
    _check(student, pred, target, "huber_loss for random arrays of shape (6, 3), delta=1.5", 1.5)
    _check(
        student,
        np.array([1e200, -3e200, 0.5]),
        np.zeros(3),
        "huber_loss for errors [1e200, -3e200, 0.5]",
    )


@test_case(points=2)
def batch_of_one_gives_a_float(student):
    """One element (shape (1,) or (1, 1)) still gives one float."""
    _check(student, np.array([4.0]), np.array([1.0]), "huber_loss for one error of 3, shape (1,)")
    _check(
        student,
        np.array([[0.5]]),
        np.array([[0.0]]),
        "huber_loss for one error of 0.5, shape (1, 1)",
    )


@test_case(points=1)
def inputs_unchanged(student):
    """huber_loss does not modify pred or target."""
    _check(
        student,
        np.array([[2.0, -0.5], [0.0, 9.0]]),
        np.array([[0.0, 0.0], [1.0, 1.0]]),
        "huber_loss for pred [[2, -0.5], [0, 9]], target [[0, 0], [1, 1]]",
    )
