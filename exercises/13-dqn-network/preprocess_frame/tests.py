"""Hidden tests for preprocess_frame."""

import numpy as np

from grader.testing import expect_array, expect_true, last_call, test_case

ROWS = [i * 210 // 84 for i in range(84)]
COLS = [j * 160 // 84 for j in range(84)]


def _reference(frame):
    out = np.zeros((84, 84))
    for i, r in enumerate(ROWS):
        for j, c in enumerate(COLS):
            R, G, B = (float(v) for v in frame[r, c])
            out[i, j] = (0.299 * R + 0.587 * G + 0.114 * B) / 255.0
    return out.astype(np.float32)


def _random_frame(rng):
    return rng.integers(0, 256, size=(210, 160, 3)).astype(np.uint8)


def _diagnose(frame, got):
    """Name the likely mistake when a float (84, 84) result is wrong."""
    f = frame.astype(np.float64)
    gray = 0.299 * f[:, :, 0] + 0.587 * f[:, :, 1] + 0.114 * f[:, :, 2]
    rows, cols = np.array(ROWS), np.array(COLS)
    candidates = [
        (
            f.mean(axis=2)[rows][:, cols] / 255.0,
            "this is the plain mean of R, G and B: use "
            "the luminance weights 0.299, 0.587, 0.114 (green counts most)",
        ),
        (gray[rows][:, cols], "the values are not divided by 255 (expected [0, 1])"),
        (
            gray[np.linspace(0, 209, 84).astype(int)][:, np.linspace(0, 159, 84).astype(int)]
            / 255.0,
            "the rows and columns come from np.linspace: take row i * 210 // 84 and column "
            "j * 160 // 84",
        ),
        (
            (0.299 * f[:, :, 2] + 0.587 * f[:, :, 1] + 0.114 * f[:, :, 0])[rows][:, cols] / 255.0,
            "the weights are applied in BGR order (blue first, as OpenCV stores images): "
            "channel 0 is red, so 0.299 * frame[..., 0]",
        ),
    ]
    for cand, why in candidates:
        if np.allclose(got, cand, rtol=1e-5, atol=1e-6):
            return " Diagnosis: " + why + "."
    return ""


def _check(student, frame):
    got = student.preprocess_frame(frame)
    label = last_call()
    want = _reference(frame)
    try:
        expect_array(got, want, name=label, dtype=np.float32, rtol=1e-5, atol=1e-6)
    except AssertionError as exc:
        extra = ""
        if isinstance(got, np.ndarray) and got.shape == (84, 84):
            extra = _diagnose(frame, np.asarray(got, dtype=np.float64))
        raise AssertionError(str(exc) + extra) from None


@test_case(points=2)
def one_bright_pixel(student):
    """A black frame with one coloured pixel at row 5, column 3: it lands at [2, 2]."""
    frame = np.zeros((210, 160, 3), dtype=np.uint8)
    frame[5, 3] = (200, 100, 50)  # 2 * 210 // 84 = 5, 2 * 160 // 84 = 3
    _check(student, frame)
    frame = np.zeros((210, 160, 3), dtype=np.uint8)
    frame[4, 3] = (255, 255, 255)  # row 4 is never sampled: the output stays black
    _check(student, frame)


@test_case(points=2)
def white_and_pure_colours(student):
    """White becomes 1.0; pure red, green and blue become 0.299, 0.587 and 0.114."""
    for colour in ((255, 255, 255), (255, 0, 0), (0, 255, 0), (0, 0, 255)):
        frame = np.zeros((210, 160, 3), dtype=np.uint8)
        frame[:, :] = colour
        _check(student, frame)


@test_case(points=3)
def random_frames(student):
    """Random uint8 frames: every output pixel, shape (84, 84), dtype float32."""
    for seed in (0, 1):
        _check(student, _random_frame(np.random.default_rng(seed)))


@test_case(points=2)
def range_and_dtype(student):
    """The result is float32 in [0, 1] (uint8 arithmetic must not wrap around)."""
    frame = np.full((210, 160, 3), 250, dtype=np.uint8)
    got = student.preprocess_frame(frame)
    label = last_call()
    expect_true(
        isinstance(got, np.ndarray), f"{label}: expected a NumPy array, got {type(got).__name__}"
    )
    expect_true(
        got.dtype == np.float32,
        f"{label}: expected dtype float32 (half the memory of "
        f"float64, what the network is fed), got {got.dtype}",
    )
    values = np.asarray(got, dtype=np.float64)
    expect_true(
        bool(np.all((values >= 0) & (values <= 1))),
        f"{label}: every value must be in [0, 1], got values from {values.min():.4g} "
        f"to {values.max():.4g}",
    )
    _check(student, frame)
