"""Hidden tests for p11_max_pool_backward."""

import numpy as np

from grader.testing import check_against_naive, check_cases, expect_array, test_case


def _naive(dout, x, kernel=2, stride=2):
    N, C, H, W = x.shape
    OH, OW = dout.shape[2:]
    dx = np.zeros(x.shape)
    for n in range(N):
        for c in range(C):
            for i in range(OH):
                for j in range(OW):
                    best, where = None, None
                    for u in range(kernel):
                        for v in range(kernel):
                            value = x[n, c, i * stride + u, j * stride + v]
                            if best is None or value > best:
                                best, where = value, (i * stride + u, j * stride + v)
                    dx[n, c, where[0], where[1]] += dout[n, c, i, j]
    return dx


def _diagnose(got, dout, x, kernel, stride):
    if not isinstance(got, np.ndarray) or got.shape != x.shape:
        return ""
    want = _naive(dout, x, kernel, stride)
    spread = np.zeros(x.shape)
    OH, OW = dout.shape[2:]
    for i in range(OH):
        for j in range(OW):
            win = x[:, :, i * stride : i * stride + kernel, j * stride : j * stride + kernel]
            mask = win == win.max(axis=(2, 3), keepdims=True)
            spread[:, :, i * stride : i * stride + kernel, j * stride : j * stride + kernel] += (
                mask * dout[:, :, i : i + 1, j : j + 1]
            )
    if not np.allclose(spread, want) and np.allclose(got, spread):
        return (
            " Diagnosis: on a tie every maximal pixel got the gradient, so it counts twice. "
            "Like PyTorch, send it to one pixel only: the first maximum in row-major order (argmax)."
        )
    return ""


def _first(diagnosis, exc):
    """The diagnosis first (a long message is shortened in the middle), then the comparison."""
    if not diagnosis:
        return exc
    return AssertionError(f"{diagnosis.strip()}\n{exc}")


def _check(student, dout, x, kernel=2, stride=2):
    got = student.max_pool2d_backward(dout, x, kernel=kernel, stride=stride)
    try:
        expect_array(got, _naive(dout, x, kernel, stride), dtype="float")
    except AssertionError as exc:
        raise _first(_diagnose(got, dout, x, kernel, stride), exc) from None


@test_case(points=2)
def worked_example(student):
    """The page's 4x4 map: each of the four gradients goes to its window's maximum."""
    x = np.array([[[[1.0, 3.0, 2.0, 0.0], [4.0, 2.0, 1.0, 5.0], [0.0, 1.0, 7.0, 6.0],
                    [2.0, 8.0, 3.0, 3.0]]]])  # fmt: skip
    dout = np.array([[[[10.0, 20.0], [30.0, 40.0]]]])
    want = np.zeros((1, 1, 4, 4))
    want[0, 0, 1, 0], want[0, 0, 1, 3], want[0, 0, 3, 1], want[0, 0, 2, 2] = 10, 20, 30, 40
    check_cases(student.max_pool2d_backward, [((dout, x), want)])


@test_case(points=2)
def batches_and_channels(student):
    """N=2, C=3 maps of 6x4, against a naive loop."""
    check_against_naive(
        student.max_pool2d_backward,
        _naive,
        lambda rng: (rng.standard_normal((2, 3, 3, 2)), rng.standard_normal((2, 3, 6, 4))),
    )


@test_case(points=2)
def overlapping_windows_add_up(student):
    """3x3 windows with stride 1 and 2: a pixel that wins several windows gets all their gradients."""
    rng = np.random.default_rng(151)
    x = rng.standard_normal((1, 2, 5, 5))
    x[0, 0, 2, 2] = 10.0  # the maximum of all nine windows of channel 0
    _check(student, rng.standard_normal((1, 2, 3, 3)), x, kernel=3, stride=1)
    _check(student, rng.standard_normal((2, 1, 3, 3)), rng.standard_normal((2, 1, 7, 7)), 3, 2)


@test_case(points=2)
def ties_go_to_the_first_maximum(student):
    """Equal values: the first maximum in row-major order gets the gradient, as in PyTorch."""
    _check(student, np.ones((1, 1, 2, 2)), np.zeros((1, 1, 4, 4)))
    x = np.array([[[[0.0, 5.0, 5.0], [5.0, 1.0, 5.0], [0.0, 0.0, 0.0]]]])
    _check(student, np.array([[[[1.0, 2.0], [3.0, 4.0]]]]), x, kernel=2, stride=1)


@test_case(points=1)
def edges_and_negatives(student):
    """Odd sizes (the last row and column are in no window: gradient 0); all-negative maps."""
    rng = np.random.default_rng(152)
    _check(student, rng.standard_normal((1, 2, 2, 3)), -1.0 - rng.random((1, 2, 5, 7)))
