import math

import numpy as np

from grader.testing import call_unmodified, expect_scalar, test_case


def _advised(exc, advice):
    """The helper's message plus our advice: on its own line after a multi-line message."""
    text = str(exc)
    if not advice:
        return AssertionError(text)
    return AssertionError(text + ("\n" if "\n" in text else " ") + advice)


def _bce_ref(logits, targets):
    # Independent reference: per element with Python floats, exact sum.
    parts = []
    for z, y in zip(
        np.asarray(logits, dtype=float).ravel().tolist(),
        np.asarray(targets, dtype=float).ravel().tolist(),
    ):
        softplus = max(z, 0.0) + math.log1p(math.exp(-abs(z)))
        parts.append(softplus - y * z)
    return math.fsum(parts) / len(parts)


def _check(student, logits, targets, name, advice=""):
    out = call_unmodified(student.bce_with_logits, logits, targets)
    if type(out) is np.ndarray and out.ndim > 0:
        raise AssertionError(
            f"{name}: expected one number (the mean), got an array of shape {out.shape}."
        )
    try:
        expect_scalar(out, _bce_ref(logits, targets), name=name)
    except AssertionError as exc:
        raise _advised(exc, advice) from None


@test_case(points=2)
def known_values(student):
    """z = 0 gives log 2 for either target; a mix of logits and hard targets."""
    _check(student, np.array([0.0, 0.0]), np.array([1.0, 0.0]), "bce_with_logits([0, 0], [1, 0])")
    _check(
        student,
        np.array([2.0, -1.0, 0.5, -3.0]),
        np.array([1.0, 0.0, 0.0, 1.0]),
        "bce_with_logits([2, -1, 0.5, -3], [1, 0, 0, 1])",
    )


@test_case(points=2)
def batches_and_soft_targets(student):
    """(N, K) arrays average over all elements; soft targets such as 0.3 are allowed."""
    rng = np.random.default_rng(651)
    logits = rng.normal(size=(4, 3)) * 4.0
    targets = rng.integers(0, 2, size=(4, 3)).astype(float)
    _check(student, logits, targets, "bce_with_logits for random (4, 3) logits, 0/1 targets")
    targets = rng.uniform(size=(4, 3))
    _check(student, logits, targets, "bce_with_logits for random (4, 3) logits, soft targets")


@test_case(points=3)
def stable_for_logits_of_1e4(student):
    """Logits of +-1e4 give exact, finite losses (0 when right, 1e4 when confidently wrong)."""
    _check(
        student,
        np.array([1e4, -1e4, 1e4, -1e4]),
        np.array([1.0, 0.0, 0.0, 1.0]),
        "bce_with_logits([1e4, -1e4, 1e4, -1e4], [1, 0, 0, 1])",
        "log(1 + exp(z)) overflows for z = 1e4 and log(sigmoid(z)) is log 0: use "
        "max(z, 0) + log1p(exp(-|z|)).",
    )
    _check(
        student,
        np.array([40.0, -40.0]),
        np.array([1.0, 0.0]),
        "bce_with_logits([40, -40], [1, 0]) (sigmoid rounds to exactly 1 and 0 here)",
        "log(1 + exp(z)) overflows for z = 1e4 and log(sigmoid(z)) is log 0: use "
        "max(z, 0) + log1p(exp(-|z|)).",
    )


@test_case(points=1)
def one_element_and_inputs_unchanged(student):
    """One element gives one float; the inputs are not modified."""
    _check(student, np.array([[1.5]]), np.array([[0.0]]), "bce_with_logits([[1.5]], [[0]])")
