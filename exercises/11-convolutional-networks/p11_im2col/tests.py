"""Hidden tests for p11_im2col."""

import numpy as np

from grader.testing import check_against_naive, check_cases, expect_array, test_case


def _naive(x, kh, kw, stride=1, padding=0):
    N, C, H, W = x.shape
    xp = np.zeros((N, C, H + 2 * padding, W + 2 * padding))
    xp[:, :, padding : padding + H, padding : padding + W] = x
    OH, OW = (H + 2 * padding - kh) // stride + 1, (W + 2 * padding - kw) // stride + 1
    rows = []
    for n in range(N):
        for i in range(OH):
            for j in range(OW):
                r, s = i * stride, j * stride
                rows.append(xp[n, :, r : r + kh, s : s + kw].reshape(-1))
    return np.array(rows).reshape(N * OH * OW, C * kh * kw)


def _diagnose(got, x, kh, kw, stride, padding):
    if not isinstance(got, np.ndarray):
        return ""
    want = _naive(x, kh, kw, stride, padding)
    if got.shape != want.shape:
        return ""
    N, C = x.shape[:2]
    # channel-last column order: (u, v, c) instead of (c, u, v)
    other = want.reshape(-1, C, kh, kw).transpose(0, 2, 3, 1).reshape(want.shape)
    if C > 1 and np.allclose(got, other):
        return (
            " Diagnosis: the columns are in the order (row, column, channel). A filter "
            "w[f] of shape (C, KH, KW) flattens channel first, so the columns must too: "
            "transpose the windows to (N, OH, OW, C, KH, KW) before the reshape."
        )
    return ""


def _first(diagnosis, exc):
    """The diagnosis first (a long message is shortened in the middle), then the comparison."""
    if not diagnosis:
        return exc
    return AssertionError(f"{diagnosis.strip()}\n{exc}")


def _check(student, x, kh, kw, stride=1, padding=0):
    got = student.im2col(x, kh, kw, stride=stride, padding=padding)
    try:
        expect_array(got, _naive(x, kh, kw, stride, padding), dtype="float")
    except AssertionError as exc:
        raise _first(_diagnose(got, x, kh, kw, stride, padding), exc) from None
    return got


@test_case(points=2)
def page_toy(student):
    """The page's toy: a 4x4 image, 2x2 windows, stride 1 gives a 9x4 matrix."""
    toy = np.arange(16.0).reshape(1, 1, 4, 4)
    check_cases(
        student.im2col,
        [
            (
                (toy, 2, 2),
                np.array(
                    [toy[0, 0, i : i + 2, j : j + 2].ravel() for i in range(3) for j in range(3)]
                ),
            )
        ],  # fmt: skip
    )


@test_case(points=2)
def channels_and_batch(student):
    """N=2, C=3 with 2x3 windows: rows sample-major, columns channel-major."""
    check_against_naive(
        student.im2col, _naive, lambda rng: (rng.standard_normal((2, 3, 4, 5)), 2, 3)
    )


@test_case(points=2)
def stride_and_padding(student):
    """Stride 2 with padding 1; stride 3 with leftover pixels; DQN-like 8x8/4."""
    rng = np.random.default_rng(142)
    _check(student, rng.standard_normal((2, 2, 5, 6)), 3, 3, stride=2, padding=1)
    _check(student, rng.standard_normal((1, 1, 8, 7)), 2, 2, stride=3)
    _check(student, rng.standard_normal((1, 4, 20, 20)), 8, 8, stride=4)


@test_case(points=2)
def gives_the_convolution(student):
    """cols @ w.reshape(F, -1).T, reshaped, equals a naive convolution."""
    rng = np.random.default_rng(143)
    x, w = rng.standard_normal((2, 3, 6, 5)), rng.standard_normal((4, 3, 3, 2))
    cols = _check(student, x, 3, 2, stride=2, padding=1)
    OH, OW = (6 + 2 - 3) // 2 + 1, (5 + 2 - 2) // 2 + 1
    out = (cols @ w.reshape(4, -1).T).reshape(2, OH, OW, 4).transpose(0, 3, 1, 2)
    want = (_naive(x, 3, 2, 2, 1) @ w.reshape(4, -1).T).reshape(2, OH, OW, 4).transpose(0, 3, 1, 2)
    expect_array(out, want, name="the convolution computed from your im2col matrix")
