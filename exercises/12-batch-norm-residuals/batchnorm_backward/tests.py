"""Hidden tests for batchnorm_backward."""

import math

import numpy as np

from grader.testing import (
    check_against_reference,
    expect_array,
    expect_tuple,
    gradient_check,
    test_case,
)


def _forward(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=0)
    return gamma * (x - mean) / np.sqrt(x.var(axis=0) + eps) + beta


def _ref(dout, x, gamma, eps=1e-5):
    """Step by step through the graph (mean, centred, variance, scale), with exact sums."""
    N, D = x.shape
    dx, dgamma, dbeta = np.zeros((N, D)), np.zeros(D), np.zeros(D)
    for j in range(D):
        col, g = x[:, j], dout[:, j]
        mu = math.fsum(col) / N
        c = col - mu
        var = math.fsum(c * c) / N
        s = math.sqrt(var + eps)
        x_hat = c / s
        dbeta[j] = math.fsum(g)
        dgamma[j] = math.fsum(g * x_hat)
        dxhat = g * gamma[j]
        dvar = math.fsum(dxhat * c) * (-0.5) * (var + eps) ** -1.5
        dc = dxhat / s + dvar * 2.0 * c / N
        dx[:, j] = dc - math.fsum(dc) / N
    return dx, dgamma, dbeta


def _wrong_variants(dout, x, gamma, eps):
    N = x.shape[0]
    mean, var = x.mean(axis=0), x.var(axis=0)
    inv = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mean) * inv
    dgamma = (dout * x_hat).sum(axis=0)
    dbeta = dout.sum(axis=0)
    return {
        "dx": [
            (
                dout * gamma * inv,
                "dx treats the batch mean and variance as constants. They are computed from "
                "x, so every sample also moves the mean and the variance: dx needs the two "
                "correction terms, sum(dout) and x_hat * sum(dout * x_hat)",
            ),
            (
                (inv / N) * (N * dout - dbeta - x_hat * dgamma),
                "dx is missing the factor gamma: out = gamma * x_hat + beta, so the gradient "
                "reaching x_hat is gamma * dout",
            ),
            (
                (gamma * inv / N) * (N * dout - dbeta),
                "dx only corrects for the mean. The variance depends on x too: subtract "
                "x_hat * sum(dout * x_hat) as well",
            ),
        ],
        "dgamma": [
            (
                dbeta,
                "dgamma is sum(dout), which is dbeta. gamma multiplies x_hat, so its gradient "
                "is sum(dout * x_hat) over the batch",
            ),
            (
                (dout * (x - mean)).sum(axis=0),
                "dgamma uses x - mean instead of x_hat: gamma multiplies the NORMALISED "
                "input x_hat = (x - mean) / sqrt(var + eps)",
            ),
        ],
        "dbeta": [
            (
                dout.mean(axis=0),
                "dbeta is N times too small: beta is added to every row, so its gradient is "
                "the SUM of dout over the batch",
            ),
        ],
    }


def _check(student, dout, x, gamma, label, **kwargs):
    got = expect_tuple(student.batchnorm_backward(dout, x, gamma, **kwargs), 3)
    want = _ref(dout, x, gamma, **kwargs)
    variants = _wrong_variants(dout, x, gamma, kwargs.get("eps", 1e-5))
    for part, g, w in zip(("dx", "dgamma", "dbeta"), got, want):
        try:
            expect_array(g, w, name=f"{part} of batchnorm_backward for {label}", dtype="float")
        except AssertionError as exc:
            first, _, rest = str(exc).partition("\n")
            diagnosis = ""
            if isinstance(g, np.ndarray):
                for wrong, message in variants[part]:
                    if wrong.shape == g.shape and np.allclose(g, wrong, rtol=1e-7, atol=1e-10):
                        diagnosis = " Diagnosis: " + message + "."
                        break
            raise AssertionError(first + diagnosis + ("\n" + rest if rest else "")) from None
    return got


@test_case(points=2)
def small_batch(student):
    """A batch of 3 samples with 2 features, gamma = [2, -1]."""
    x = np.array([[1.0, 0.0], [2.0, 4.0], [6.0, 2.0]])
    dout = np.array([[1.0, 0.5], [0.0, -1.0], [-2.0, 0.25]])
    _check(student, dout, x, np.array([2.0, -1.0]), "a batch of 3")


@test_case(points=4)
def gradient_check_through_the_statistics(student):
    """For L = sum(G * batchnorm(x)), dx and dgamma agree with central differences."""
    rng = np.random.default_rng(1250)
    x = rng.normal(1.0, 2.0, size=(5, 3))
    gamma, beta = rng.uniform(0.5, 2.0, 3), rng.normal(size=3)
    G = rng.standard_normal((5, 3))
    dx, dgamma, dbeta = expect_tuple(student.batchnorm_backward(G, x, gamma), 3)
    try:
        gradient_check(
            lambda v: float(np.sum(G * _forward(v, gamma, beta))), x, dx,
            name="dx of batchnorm_backward",
        )  # fmt: skip
    except AssertionError as exc:
        naive = G * gamma / np.sqrt(x.var(axis=0) + 1e-5)
        extra = ""
        if isinstance(dx, np.ndarray) and dx.shape == naive.shape and np.allclose(dx, naive):
            extra = (
                " Diagnosis: you treated the batch mean and variance as constants; moving one "
                "sample moves them too, and the numerical gradient sees that."
            )
        raise AssertionError(str(exc) + extra) from None
    gradient_check(
        lambda g: float(np.sum(G * _forward(x, g, beta))), gamma, dgamma,
        name="dgamma of batchnorm_backward",
    )  # fmt: skip
    gradient_check(
        lambda b: float(np.sum(G * _forward(x, gamma, b))), beta, dbeta,
        name="dbeta of batchnorm_backward",
    )  # fmt: skip


@test_case(points=3)
def random_batches(student):
    """Random batches of 2, 16 and 64 samples against a step-by-step reference."""
    for seed, (N, D) in enumerate([(2, 3), (16, 5), (64, 4)]):
        rng = np.random.default_rng(1260 + seed)
        x = rng.normal(-1.0, 3.0, size=(N, D))
        _check(student, rng.standard_normal((N, D)), x, rng.uniform(-2.0, 2.0, D),
               f"a random batch of {N} samples with {D} features")  # fmt: skip


@test_case(points=2)
def eps_and_large_scale(student):
    """eps = 1e-2 passed by keyword and a feature with a tiny variance; inputs near 1e3."""
    rng = np.random.default_rng(1270)
    x = np.column_stack([1e3 + 50.0 * rng.standard_normal(6), 0.01 * rng.standard_normal(6)])
    dout = rng.standard_normal((6, 2))
    _check(student, dout, x, np.array([1.5, 3.0]), "eps=1e-2 and a tiny variance", eps=1e-2)


@test_case(points=1)
def matches_a_loop_reference_on_more_seeds(student):
    """Seeds 0, 1, 2: batches of 8 with 6 features."""
    check_against_reference(
        student.batchnorm_backward,
        _ref,
        lambda rng: (rng.standard_normal((8, 6)), rng.normal(2.0, 1.5, (8, 6)), rng.normal(size=6)),
    )
