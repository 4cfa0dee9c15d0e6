"""Hidden tests for p11_debug_feature_map."""

import numpy as np

from grader.testing import check_against_naive, expect_array, test_case


def _naive(frame, kernel, stride=1):
    H, W = frame.shape
    KH, KW = kernel.shape
    OH, OW = (H - KH) // stride + 1, (W - KW) // stride + 1
    out = np.zeros((OH, OW))
    for i in range(OH):
        for j in range(OW):
            total = 0.0
            for u in range(KH):
                for v in range(KW):
                    total += frame[i * stride + u, j * stride + v] * kernel[u, v]
            out[i, j] = total
    return out


def _diagnose(got, frame, kernel, stride):
    if not isinstance(got, np.ndarray):
        return ""
    want = _naive(frame, kernel, stride)
    if got.shape != want.shape:
        return ""
    variants = [
        (kernel[::-1, ::-1], "the true convolution: the kernel was rotated by 180 degrees"),
        (kernel[::-1, :], "the kernel flipped upside down (rows only)"),
        (kernel[:, ::-1], "the kernel flipped left to right (columns only)"),
        (kernel.T, "the transposed kernel"),
    ]
    for other, what in variants:
        if other.shape != kernel.shape:
            continue
        alt = _naive(frame, other, stride)
        if not np.allclose(alt, want) and np.allclose(got, alt):
            return (
                f" Diagnosis: this is the map of {what}. PyTorch's conv2d (like every "
                "deep-learning library) computes cross-correlation, sum(window * kernel) "
                "with the kernel as it is; trained weights only make sense that way. A "
                "symmetric kernel, such as a box blur, cannot show the difference."
            )
    return ""


def _first(diagnosis, exc):
    """The diagnosis first (a long message is shortened in the middle), then the comparison."""
    if not diagnosis:
        return exc
    return AssertionError(f"{diagnosis.strip()}\n{exc}")


def _check(student, frame, kernel, stride=1):
    got = student.feature_map(frame, kernel, stride=stride)
    try:
        expect_array(got, _naive(frame, kernel, stride), dtype="float")
    except AssertionError as exc:
        raise _first(_diagnose(got, frame, kernel, stride), exc) from None


@test_case(points=1)
def box_blur(student):
    """The author's test: a symmetric 3x3 box blur (any flip gives the same map)."""
    rng = np.random.default_rng(161)
    _check(student, rng.random((6, 7)), np.ones((3, 3)) / 9)


@test_case(points=3)
def edge_filter(student):
    """An asymmetric edge filter on a Pong-like crop: the sign of every edge must be right."""
    frame = np.full((8, 10), 0.2)
    frame[2:6, 3:5] = 0.8
    kernel = np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])
    _check(student, frame, kernel)
    _check(student, frame, kernel.T)


@test_case(points=3)
def pytorch_weights(student):
    """Trained-looking asymmetric weights with stride 2 and 4 (a DQN-like first layer)."""
    rng = np.random.default_rng(162)
    _check(student, rng.random((9, 11)), rng.normal(0.0, 0.5, size=(3, 2)), stride=2)
    _check(student, rng.random((20, 20)), rng.normal(0.0, 0.5, size=(8, 8)), stride=4)


@test_case(points=1)
def random_frames(student):
    """Random frames and kernels against a naive loop."""
    check_against_naive(
        student.feature_map, _naive, lambda rng: (rng.random((7, 6)), rng.standard_normal((2, 3)))
    )
