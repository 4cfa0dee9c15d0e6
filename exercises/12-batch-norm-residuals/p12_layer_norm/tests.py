"""Hidden tests for p12_layer_norm."""

import math

import numpy as np

from grader.testing import check_against_reference, expect_array, test_case


def _ref(x, gamma, beta, eps=1e-5):
    out = np.zeros(x.shape)
    D = x.shape[1]
    for n in range(x.shape[0]):
        mu = math.fsum(x[n]) / D
        var = math.fsum((x[n] - mu) ** 2) / D
        out[n] = gamma * (x[n] - mu) / math.sqrt(var + eps) + beta
    return out


def _wrong(x, gamma, beta, eps):
    return [
        (
            lambda: gamma * (x - x.mean(0)) / np.sqrt(x.var(0) + eps) + beta,
            "you normalised each feature over the batch (axis 0): that is batch norm. Layer "
            "norm normalises each SAMPLE over its own features (axis 1)",
        ),
        (
            lambda: (
                gamma
                * (x - x.mean(1, keepdims=True))
                / np.sqrt(x.var(1, ddof=1, keepdims=True) + eps)
                + beta
            ),
            "you used the unbiased variance (ddof=1); nn.LayerNorm divides by D",
        ),
        (
            lambda: gamma * (x - x.mean(1, keepdims=True)) / (x.std(1, keepdims=True) + eps) + beta,
            "eps is outside the square root; it belongs inside: sqrt(var + eps)",
        ),
    ]


def _check(student, args, label, **kwargs):
    got = student.layer_norm_forward(*args, **kwargs)
    try:
        expect_array(
            got, _ref(*args, **kwargs), name=f"layer_norm_forward for {label}", dtype="float"
        )
    except AssertionError as exc:
        first, _, rest = str(exc).partition("\n")
        diagnosis = ""
        if isinstance(got, np.ndarray):
            for make, message in _wrong(*args, kwargs.get("eps", 1e-5)):
                wrong = make()
                if wrong.shape == got.shape and np.allclose(got, wrong, rtol=1e-9, atol=1e-12):
                    diagnosis = " Diagnosis: " + message + "."
                    break
        raise AssertionError(first + diagnosis + ("\n" + rest if rest else "")) from None


@test_case(points=2)
def worked_example(student):
    """Rows [1, 2, 3] and [10, 20, 30]: each becomes about [-1.22, 0, 1.22]."""
    x = np.array([[1.0, 2.0, 3.0], [10.0, 20.0, 30.0]])
    _check(student, (x, np.ones(3), np.zeros(3)), "two rows")


@test_case(points=2)
def square_batch_and_affine(student):
    """N = D = 4, random gamma and beta: the axis must be right even when shapes agree."""
    rng = np.random.default_rng(1310)
    args = (rng.normal(3.0, 2.0, (4, 4)), rng.uniform(0.5, 2.0, 4), rng.normal(size=4))
    _check(student, args, "a square batch")


@test_case(points=2)
def one_sample_is_independent_of_the_batch(student):
    """A batch of 1 works, and a row's result is the same alone or inside a batch."""
    rng = np.random.default_rng(1320)
    x, gamma, beta = rng.normal(0.0, 3.0, (6, 5)), rng.uniform(0.5, 2.0, 5), rng.normal(size=5)
    _check(student, (x[2:3], gamma, beta), "the third row alone")
    _check(student, (x, gamma, beta), "the whole batch of 6")


@test_case(points=2)
def eps_keyword_and_more_seeds(student):
    """eps = 0.1 passed by keyword, then random batches (seeds 0, 1, 2)."""
    rng = np.random.default_rng(1330)
    args = (rng.normal(0.0, 0.3, (3, 8)), np.ones(8), np.zeros(8))
    _check(student, args, "eps=0.1", eps=0.1)
    check_against_reference(
        student.layer_norm_forward, _ref,
        lambda rng: (rng.normal(1.0, 2.0, (5, 7)), rng.normal(size=7), rng.normal(size=7)),
    )  # fmt: skip
