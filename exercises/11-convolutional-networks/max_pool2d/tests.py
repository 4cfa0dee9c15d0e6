"""Hidden tests for max_pool2d."""

import numpy as np

from grader.testing import check_against_naive, check_cases, expect_array, test_case


def _naive(x, kernel=2, stride=2):
    N, C, H, W = x.shape
    OH, OW = (H - kernel) // stride + 1, (W - kernel) // stride + 1
    out = np.empty((N, C, OH, OW))
    for n in range(N):
        for c in range(C):
            for i in range(OH):
                for j in range(OW):
                    r, s = i * stride, j * stride
                    out[n, c, i, j] = max(x[n, c, r : r + kernel, s : s + kernel].ravel().tolist())
    return out


def _diagnose(got, x, kernel, stride):
    if not isinstance(got, np.ndarray):
        return ""
    want = _naive(x, kernel, stride)
    N, C, H, W = x.shape
    if got.shape != want.shape:
        if got.shape == (N, C, -(-(H - kernel) // stride) + 1, -(-(W - kernel) // stride) + 1):
            return (
                " Diagnosis: a window that sticks out past the edge was kept (ceil mode). Like "
                "F.max_pool2d's default, only windows that fit entirely count: (H - kernel) // stride + 1."
            )
        return ""
    if np.all(x < 0) and np.allclose(got, np.maximum(want, 0.0)):
        return (
            " Diagnosis: every pixel here is negative, and you returned 0: a running maximum "
            "that starts at 0 never drops below it. Start from the window's first value (or -inf)."
        )
    if C > 1 and np.allclose(got, np.broadcast_to(want.max(axis=1, keepdims=True), want.shape)):
        return (
            " Diagnosis: every channel got the same map, the maximum over the channels too. "
            "Pooling mixes no channels: reduce over the two spatial axes only."
        )
    OH, OW = want.shape[2:]
    mean = np.zeros_like(want)
    for i in range(OH):
        for j in range(OW):
            window = x[:, :, i * stride : i * stride + kernel, j * stride : j * stride + kernel]
            mean[:, :, i, j] = window.mean(axis=(2, 3))
    if np.allclose(got, mean):
        return " Diagnosis: this is average pooling (the mean of each window), not the maximum."
    return ""


def _first(diagnosis, exc):
    """The diagnosis first (a long message is shortened in the middle), then the comparison."""
    if not diagnosis:
        return exc
    return AssertionError(f"{diagnosis.strip()}\n{exc}")


def _check(student, x, *args, **kwargs):
    kernel = kwargs.get("kernel", args[0] if args else 2)
    stride = kwargs.get("stride", args[1] if len(args) > 1 else 2)
    got = student.max_pool2d(x, *args, **kwargs)
    try:
        expect_array(got, _naive(x, kernel, stride), dtype="float")
    except AssertionError as exc:
        raise _first(_diagnose(got, x, kernel, stride), exc) from None


@test_case(points=2)
def worked_example(student):
    """A 4x4 map with the defaults (2x2 windows, stride 2)."""
    x = np.array([[[[1.0, 3.0, 2.0, 0.0], [4.0, 2.0, 1.0, 5.0], [0.0, 1.0, 7.0, 6.0],
                    [2.0, 8.0, 3.0, 3.0]]]])  # fmt: skip
    check_cases(student.max_pool2d, [(x, np.array([[[[4.0, 5.0], [8.0, 7.0]]]]))])


@test_case(points=2)
def batches_and_channels(student):
    """N=2, C=3 feature maps of 6x8: each channel of each sample is pooled on its own."""
    check_against_naive(student.max_pool2d, _naive, lambda rng: rng.standard_normal((2, 3, 6, 8)))


@test_case(points=2)
def other_kernels_and_strides(student):
    """Overlapping 3x3 windows with stride 2, stride 1, and 3x3 windows with stride 3."""
    rng = np.random.default_rng(121)
    _check(student, rng.standard_normal((1, 2, 7, 7)), kernel=3, stride=2)
    _check(student, rng.standard_normal((2, 1, 5, 4)), kernel=2, stride=1)
    _check(student, rng.standard_normal((1, 2, 9, 6)), 3, 3)


@test_case(points=1)
def odd_sizes_drop_the_edge(student):
    """A 5x7 map with 2x2/2 windows: the last row and column are left out (floor, as PyTorch)."""
    rng = np.random.default_rng(122)
    _check(student, rng.standard_normal((2, 2, 5, 7)))


@test_case(points=2)
def negatives_ties_and_magnitudes(student):
    """All-negative maps, ties (equal values), and values of 1e300."""
    rng = np.random.default_rng(123)
    _check(student, -1.0 - rng.random((1, 2, 4, 6)))
    _check(student, np.full((2, 1, 4, 4), -3.0))
    _check(student, rng.integers(0, 2, size=(1, 1, 6, 6)).astype(float), kernel=3, stride=1)
    _check(student, rng.standard_normal((1, 1, 4, 4)) * 1e300)
