"""Hidden tests for p12_fold_batchnorm."""

import numpy as np

from grader.testing import expect_array, expect_tuple, test_case


def _layer(rng, D, M):
    return (
        rng.normal(0.0, 1.0, (D, M)),
        rng.normal(0.0, 0.5, M),
        rng.uniform(0.5, 2.0, M),
        rng.normal(0.0, 1.0, M),
        rng.normal(0.0, 1.0, M),
        rng.uniform(0.2, 3.0, M),
    )


def _ref(W, b, gamma, beta, rm, rv, eps=1e-5):
    scale = gamma / np.sqrt(rv + eps)
    return W * scale, (b - rm) * scale + beta


def _diagnose(W, b, gamma, beta, rm, rv, eps, Wf, bf):
    scale = gamma / np.sqrt(rv + eps)
    right_W, right_b = _ref(W, b, gamma, beta, rm, rv, eps)
    checks = [
        (
            Wf,
            W * scale[:, None] if W.shape[0] == W.shape[1] else None,
            "W was scaled by rows. Each OUTPUT unit m has its own factor, so column m of W is "
            "scaled: W * scale broadcasts scale (M,) along the rows",
        ),
        (
            bf,
            b * scale + beta,
            "the running mean is missing from the bias: batch norm subtracts it from z = x @ W + b "
            "before scaling, so b' = (b - running_mean) * scale + beta",
        ),
        (bf, (b - rm) * scale, "beta is missing from the bias: batch norm adds beta after scaling"),
        (
            Wf,
            W * gamma / (rv + eps),
            "the scale divides by the variance; it divides by the standard deviation, "
            "sqrt(running_var + eps)",
        ),
    ]
    for got, wrong, message in checks:
        if wrong is None or not isinstance(got, np.ndarray) or got.shape != wrong.shape:
            continue
        right = right_W if got is Wf else right_b
        if np.allclose(got, wrong, rtol=1e-9) and not np.allclose(wrong, right, rtol=1e-9):
            return " Diagnosis: " + message + "."
    return ""


def _check(student, args, label, x):
    got = expect_tuple(student.fold_batchnorm(*args), 2)
    W, b, gamma, beta, rm, rv = args
    want = _ref(*args)
    for part, g, w in zip(("W_folded", "b_folded"), got, want):
        try:
            expect_array(g, w, name=f"{part} of fold_batchnorm for {label}", dtype="float")
        except AssertionError as exc:
            first, _, rest = str(exc).partition("\n")
            first += _diagnose(*args, 1e-5, *got)
            raise AssertionError(first + ("\n" + rest if rest else "")) from None
    z = x @ W + b
    bn = gamma * (z - rm) / np.sqrt(rv + 1e-5) + beta
    expect_array(x @ got[0] + got[1], bn, name=f"x @ W_folded + b_folded for {label} "
                 "(must equal eval-mode batch norm of x @ W + b)")  # fmt: skip


@test_case(points=2)
def worked_example(student):
    """One input, two units: W = [[2, -1]], b = [1, 0], gamma = [1, 2], beta = [0, 1]."""
    args = (np.array([[2.0, -1.0]]), np.array([1.0, 0.0]), np.array([1.0, 2.0]),
            np.array([0.0, 1.0]), np.array([1.0, -1.0]), np.array([4.0, 1.0]))  # fmt: skip
    _check(student, args, "the worked example", np.array([[1.0], [-2.0], [0.5]]))


@test_case(points=3)
def layers_of_several_shapes(student):
    """Dense layers 6 -> 6 (square), 4 -> 6 and 64 -> 2, checked on a batch of inputs."""
    for seed, (D, M) in enumerate([(6, 6), (4, 6), (64, 2)]):
        rng = np.random.default_rng(1340 + seed)
        args = _layer(rng, D, M)
        _check(student, args, f"a {D} -> {M} layer", rng.normal(0.0, 2.0, (9, D)))


@test_case(points=1)
def large_variances(student):
    """Running variances up to 1e6 and a batch norm that undoes the layer's offset."""
    rng = np.random.default_rng(1350)
    W, b, gamma, beta, rm, _ = _layer(rng, 3, 4)
    rv = np.array([1e6, 1e-2, 1.0, 250.0])
    _check(student, (W, b, gamma, beta, b.copy(), rv), "large variances", rng.normal(size=(5, 3)))
