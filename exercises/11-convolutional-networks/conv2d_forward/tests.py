"""Hidden tests for conv2d_forward: small sizes, so that a plain-loop solution passes in time."""

import math

import numpy as np

from grader.testing import check_against_naive, check_cases, expect_array, test_case


def _naive(x, w, b, stride=1, padding=0):
    """The trusted loop: one exactly rounded sum per output value."""
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    xp = np.zeros((N, C, H + 2 * padding, W + 2 * padding))
    xp[:, :, padding : padding + H, padding : padding + W] = x
    OH = (H + 2 * padding - KH) // stride + 1
    OW = (W + 2 * padding - KW) // stride + 1
    out = np.zeros((N, F, OH, OW))
    for n in range(N):
        for f in range(F):
            for i in range(OH):
                for j in range(OW):
                    window = xp[n, :, i * stride : i * stride + KH, j * stride : j * stride + KW]
                    out[n, f, i, j] = math.fsum((window * w[f]).ravel()) + b[f]
    return out


def _diagnose(got, x, w, b, stride, padding):
    """A sentence naming the mistake when the student's output matches a usual one."""
    if not isinstance(got, np.ndarray):
        return ""
    want = _naive(x, w, b, stride, padding)
    if got.shape != want.shape:
        N, F = x.shape[0], w.shape[0]
        if padding and got.shape == _naive(x, w, b, stride, 0).shape:
            return " Diagnosis: the shape of an unpadded output: pad x with `padding` zeros on every side of H and W."
        if stride > 1 and got.shape == _naive(x, w, b, 1, padding).shape:
            return (
                " Diagnosis: the shape of a stride-1 output: windows start every `stride` pixels."
            )
        if got.shape == (N, F, want.shape[2] - 1, want.shape[3] - 1):
            return " Diagnosis: one output row and column short: the number of windows is (size + 2*padding - kernel) // stride + 1."
        return ""
    variants = [
        (
            lambda: _naive(x, w[:, :, ::-1, ::-1], b, stride, padding),
            "this is the true convolution, with the kernel flipped by 180 degrees. Deep-learning "
            "'convolution' (and torch.nn.functional.conv2d) is cross-correlation: window * w, no flip",
        ),
        (
            lambda: _naive(x, w, b, 1, padding)[:, :, : want.shape[2], : want.shape[3]],
            "the output has the right size but the windows start at (i, j) instead of "
            "(i * stride, j * stride): this is the top-left corner of the stride-1 map",
        ),
        (
            lambda: _naive(x, w, np.zeros_like(b), stride, padding),
            "the bias is missing: add b[f] to every value of feature map f",
        ),
        (
            lambda: want - b.reshape(1, -1, 1, 1) + b.reshape(1, -1, 1, 1) * x.shape[1],
            "the bias is added once per channel: add it once per output value, after the sum over channels",
        ),
    ]
    for make, message in variants:
        other = make()
        if not np.allclose(other, want) and np.allclose(got, other):
            return " Diagnosis: " + message + "."
    return ""


def _first(diagnosis, exc):
    """The diagnosis first (a long message is shortened in the middle), then the comparison."""
    if not diagnosis:
        return exc
    return AssertionError(f"{diagnosis.strip()}\n{exc}")


def _check(student, x, w, b, stride=1, padding=0):
    got = student.conv2d_forward(x, w, b, stride=stride, padding=padding)
    try:
        expect_array(got, _naive(x, w, b, stride, padding), dtype="float")
    except AssertionError as exc:
        raise _first(_diagnose(got, x, w, b, stride, padding), exc) from None


def _random(rng, n, c, h, wd, f, kh, kw, scale=1.0):
    return (
        rng.standard_normal((n, c, h, wd)) * scale,
        rng.standard_normal((f, c, kh, kw)),
        rng.standard_normal(f),
    )


@test_case(points=2)
def worked_example(student):
    """One 3x3 channel, one 2x2 filter [[1, 0], [0, -1]]: every output is x[i, j] - x[i+1, j+1] + b."""
    x = np.arange(1.0, 10.0).reshape(1, 1, 3, 3)
    w = np.array([[[[1.0, 0.0], [0.0, -1.0]]]])
    check_cases(student.conv2d_forward, [((x, w, np.array([0.5])), np.full((1, 1, 2, 2), -3.5))])
    _check(student, x, w, np.array([0.5]))


@test_case(points=2)
def asymmetric_filter_is_not_flipped(student):
    """A 3x3 filter with no symmetry on a 5x6 frame: cross-correlation, not convolution."""
    x = np.array(
        [[[[0, 0, 0, 1, 1, 1], [0, 0, 0, 1, 1, 1], [0, 0, 5, 1, 1, 1], [0, 0, 0, 1, 1, 1],
           [2, 2, 2, 2, 2, 2]]]], dtype=float,
    )  # fmt: skip
    w = np.array([[[[1.0, 2.0, 0.0], [0.0, -1.0, 0.0], [3.0, 0.0, -4.0]]]])
    _check(student, x, w, np.array([0.0]))


@test_case(points=3)
def channels_and_filters(student):
    """N=2, C=3, F=4 (all different) against a naive loop, stride 1, no padding."""
    check_against_naive(
        student.conv2d_forward, _naive, lambda rng: _random(rng, 2, 3, 6, 5, 4, 3, 3)
    )


@test_case(points=2)
def stride(student):
    """Strides 2 and 3, with sizes that leave a row and a column unvisited; DQN-like 8x8/4."""
    rng = np.random.default_rng(111)
    _check(student, *_random(rng, 2, 2, 7, 8, 3, 3, 3), stride=2)
    _check(student, *_random(rng, 1, 3, 8, 8, 2, 2, 3), stride=3)
    _check(
        student, *_random(rng, 1, 4, 20, 20, 2, 8, 8), stride=4
    )  # the first DQN layer's geometry


@test_case(points=2)
def padding(student):
    """Zero padding 1 and 2, alone and with stride 2; non-square kernels."""
    rng = np.random.default_rng(112)
    _check(student, *_random(rng, 2, 2, 5, 5, 3, 3, 3), padding=1)
    _check(student, *_random(rng, 1, 1, 4, 6, 2, 2, 3), padding=2)
    _check(student, *_random(rng, 2, 3, 7, 6, 2, 3, 3), stride=2, padding=1)


@test_case(points=1)
def edge_cases(student):
    """Batch of 1 and 1x1 kernels; a kernel as large as the image (1x1 output); zeros."""
    rng = np.random.default_rng(113)
    _check(student, *_random(rng, 1, 3, 4, 4, 5, 1, 1))
    _check(student, *_random(rng, 3, 2, 4, 5, 2, 4, 5))
    x, w, b = _random(rng, 2, 2, 4, 4, 3, 2, 2)
    _check(student, np.zeros_like(x), w, b)


@test_case(points=1)
def large_magnitudes(student):
    """Pixels of 1e6 and weights of 1e3: still exact to float64 precision."""
    rng = np.random.default_rng(114)
    x, w, b = _random(rng, 2, 2, 5, 5, 2, 3, 3, scale=1e6)
    _check(student, x, w * 1e3, b * 1e6, stride=2, padding=1)
