"""Hidden tests for p11_edge_magnitude."""

import math

import numpy as np

from grader.testing import check_against_naive, check_cases, expect_array, test_case

KX = np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])


def _naive(frame):
    H, W = frame.shape
    p = np.zeros((H + 2, W + 2))
    p[1:-1, 1:-1] = frame
    out = np.zeros((H, W))
    for i in range(H):
        for j in range(W):
            win = p[i : i + 3, j : j + 3]
            out[i, j] = math.hypot(float(np.sum(win * KX)), float(np.sum(win * KX.T)))
    return out


def _diagnose(got, frame):
    if not isinstance(got, np.ndarray):
        return ""
    H, W = frame.shape
    if got.shape == (H - 2, W - 2):
        return " Diagnosis: no padding. Pad the frame with one ring of zeros so the map keeps its (H, W) size."
    if got.shape != frame.shape:
        return ""
    want = _naive(frame)
    if np.allclose(got, want**2):
        return " Diagnosis: this is gx**2 + gy**2; the edge strength is its square root."
    flipped = np.zeros_like(want)
    p = np.pad(frame, 1)
    for i in range(H):
        for j in range(W):
            win = p[i : i + 3, j : j + 3]
            flipped[i, j] = abs(float(np.sum(win * KX))) + abs(float(np.sum(win * KX.T)))
    if np.allclose(got, flipped):
        return " Diagnosis: this is |gx| + |gy|; the edge strength is sqrt(gx**2 + gy**2)."
    return ""


def _first(diagnosis, exc):
    """The diagnosis first (a long message is shortened in the middle), then the comparison."""
    if not diagnosis:
        return exc
    return AssertionError(f"{diagnosis.strip()}\n{exc}")


def _check(student, frame):
    got = student.edge_magnitude(frame)
    try:
        expect_array(got, _naive(frame), dtype="float")
    except AssertionError as exc:
        raise _first(_diagnose(got, frame), exc) from None


@test_case(points=2)
def vertical_step(student):
    """A dark left half and a bright right half: strength 4 next to the step, 0 away from it."""
    frame = np.zeros((3, 6))
    frame[:, 3:] = 1.0
    _check(student, frame)


@test_case(points=2)
def padding_makes_border_edges(student):
    """A constant frame: 0 inside, but the zero padding creates edges along the border."""
    frame = np.full((4, 5), 0.2)
    check_cases(student.edge_magnitude, [(frame, _naive(frame))])
    _check(student, frame)


@test_case(points=2)
def pong_frame(student):
    """A Pong-like 20x24 frame with walls, a paddle and a ball."""
    frame = np.full((20, 24), 0.2)
    frame[:2] = frame[-2:] = 0.9
    frame[6:12, 2:4] = 0.6
    frame[9:11, 14:16] = 1.0
    _check(student, frame)


@test_case(points=2)
def random_frames(student):
    """Random frames of several shapes, against a naive loop."""
    check_against_naive(student.edge_magnitude, _naive, lambda rng: rng.random((7, 9)))
    check_against_naive(student.edge_magnitude, _naive, lambda rng: rng.random((1, 1)), seeds=(3,))
