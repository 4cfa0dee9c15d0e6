"""Hidden tests for conv2d_backward: small sizes, so that a plain-loop solution passes in time."""

import numpy as np

from grader.testing import (
    check_against_naive,
    expect_array,
    expect_tuple,
    gradient_check,
    test_case,
)


def _forward(x, w, b, stride, padding):
    """The trusted forward loop (for the gradient checks)."""
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    OH, OW = (H + 2 * padding - KH) // stride + 1, (W + 2 * padding - KW) // stride + 1
    out = np.zeros((N, F, OH, OW))
    for i in range(OH):
        for j in range(OW):
            win = xp[:, :, i * stride : i * stride + KH, j * stride : j * stride + KW]
            out[:, :, i, j] = np.tensordot(win, w, axes=([1, 2, 3], [1, 2, 3]))
    return out + b.reshape(1, F, 1, 1)


def _naive(dout, x, w, stride=1, padding=0, *, dx_stride=None, assign=False):
    """The trusted backward loop: every window adds its share to dx, dw and db."""
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    OH, OW = dout.shape[2:]
    step = stride if dx_stride is None else dx_stride
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    dxp, dw = np.zeros(xp.shape), np.zeros(w.shape)
    for n in range(N):
        for f in range(F):
            for i in range(OH):
                for j in range(OW):
                    g = dout[n, f, i, j]
                    r, s = i * stride, j * stride
                    dw[f] += g * xp[n, :, r : r + KH, s : s + KW]
                    r, s = i * step, j * step
                    if assign:  # a known mistake, for the diagnosis only
                        dxp[n, :, r : r + KH, s : s + KW] = (
                            dout[n, :, i, j] @ w.reshape(F, -1)
                        ).reshape(C, KH, KW)
                    else:
                        dxp[n, :, r : r + KH, s : s + KW] += g * w[f]
    db = dout.sum(axis=(0, 2, 3))
    return dxp[:, :, padding : padding + H, padding : padding + W], dw, db


def _diagnose(name, got, dout, x, w, stride, padding):
    if not isinstance(got, np.ndarray):
        return ""
    N, C, H, W = x.shape
    if name == "dx" and padding and got.shape == (N, C, H + 2 * padding, W + 2 * padding):
        return (
            " Diagnosis: this is the gradient of the padded input. The padding zeros are not "
            "inputs: cut the border off, dx[:, :, padding:padding + H, padding:padding + W]."
        )
    if name == "dx" and stride > 1 and got.shape == x.shape:
        wrong = _naive(dout, x, w, stride, padding, dx_stride=1)[0]
        if np.allclose(got, wrong):
            return (
                " Diagnosis: the gradient of window (i, j) was added at rows i.. and columns "
                "j.. instead of i * stride.. and j * stride..: the wrong stride in the backward "
                "pass. Each window sends its gradient back to the pixels it was made of."
            )
    if name == "dx" and got.shape == x.shape:
        if np.allclose(got, _naive(dout, x, w, stride, padding, assign=True)[0]):
            return (
                " Diagnosis: where windows overlap, only one window's gradient arrived. A pixel "
                "in several windows receives the gradient of every one of them: add (+=), "
                "do not assign."
            )
    if name == "dw" and got.shape == w.shape:
        flipped = _naive(dout, x, w, stride, padding)[1][:, :, ::-1, ::-1]
        if np.allclose(got, flipped):
            return (
                " Diagnosis: dw is flipped by 180 degrees (the forward pass is cross-correlation)."
            )
    if name == "db" and got.shape == (w.shape[0],):
        if np.allclose(got, dout.mean(axis=(0, 2, 3))):
            return (
                " Diagnosis: db is the mean of dout: it must be the sum over the batch and all "
                "positions (b[f] is added to every one of them; dout already holds any 1/N)."
            )
    return ""


def _first(diagnosis, exc):
    """The diagnosis first (a long message is shortened in the middle), then the comparison."""
    if not diagnosis:
        return exc
    return AssertionError(f"{diagnosis.strip()}\n{exc}")


def _check(student, dout, x, w, stride=1, padding=0):
    result = student.conv2d_backward(dout, x, w, stride=stride, padding=padding)
    items = expect_tuple(result, 3)
    for name, got, want in zip(("dx", "dw", "db"), items, _naive(dout, x, w, stride, padding)):
        try:
            expect_array(got, want, name=f"{name} of conv2d_backward", dtype="float")
        except AssertionError as exc:
            raise _first(_diagnose(name, got, dout, x, w, stride, padding), exc) from None
    return items


def _random(rng, n, c, h, wd, f, kh, kw, stride=1, padding=0):
    oh, ow = (h + 2 * padding - kh) // stride + 1, (wd + 2 * padding - kw) // stride + 1
    return (
        rng.standard_normal((n, f, oh, ow)),
        rng.standard_normal((n, c, h, wd)),
        rng.standard_normal((f, c, kh, kw)),
    )


@test_case(points=2)
def worked_example(student):
    """One 3x3 channel, a 2x2 filter, dout all ones: overlapping windows add up in dx."""
    x = np.arange(1.0, 10.0).reshape(1, 1, 3, 3)
    w = np.array([[[[1.0, 2.0], [3.0, 4.0]]]])
    dx, dw, db = _check(student, np.ones((1, 1, 2, 2)), x, w)
    # dw[u, v] = sum of the 4 windows' (u, v) pixels: [[12, 16], [24, 28]]; db = 4;
    # the centre pixel is in all four windows: dx[1, 1] = 1 + 2 + 3 + 4 = 10.


@test_case(points=3)
def channels_and_filters(student):
    """N=2, C=3, F=4 (all different), stride 1, against a naive loop."""
    check_against_naive(
        student.conv2d_backward,
        lambda dout, x, w: _naive(dout, x, w),
        lambda rng: _random(rng, 2, 3, 5, 6, 4, 3, 2),
    )


@test_case(points=3)
def stride(student):
    """Strides 2 and 3; sizes whose last rows are in no window (their gradient is 0)."""
    rng = np.random.default_rng(131)
    _check(student, *_random(rng, 2, 2, 6, 7, 3, 3, 3, stride=2), stride=2)
    _check(student, *_random(rng, 1, 2, 8, 8, 2, 2, 2, stride=3), stride=3)
    _check(student, *_random(rng, 1, 2, 12, 12, 2, 4, 4, stride=4), stride=4)


@test_case(points=2)
def padding(student):
    """Padding 1 (with stride 1 and 2) and 2: dx has the shape of the unpadded x."""
    rng = np.random.default_rng(132)
    _check(student, *_random(rng, 2, 2, 4, 4, 3, 3, 3, padding=1), padding=1)
    _check(student, *_random(rng, 1, 2, 5, 6, 2, 3, 3, stride=2, padding=1), stride=2, padding=1)
    _check(student, *_random(rng, 1, 1, 3, 3, 2, 2, 2, padding=2), padding=2)


@test_case(points=3)
def gradient_check_through_the_layer(student):
    """For L = sum(G * conv2d(x, w, b)), dx, dw and db agree with central differences."""
    rng = np.random.default_rng(133)
    stride, padding = 2, 1
    dout, x, w = _random(rng, 2, 2, 5, 5, 2, 3, 3, stride=stride, padding=padding)
    b = rng.standard_normal(2)
    dx, dw, db = expect_tuple(
        student.conv2d_backward(dout, x, w, stride=stride, padding=padding), 3
    )

    def loss(xx, ww, bb):
        return float(np.sum(dout * _forward(xx, ww, bb, stride, padding)))

    gradient_check(lambda v: loss(v, w, b), x, dx, name="dx of conv2d_backward")
    gradient_check(lambda v: loss(x, v, b), w, dw, name="dw of conv2d_backward")
    gradient_check(lambda v: loss(x, w, v), b, db, name="db of conv2d_backward")


@test_case(points=1)
def edge_cases(student):
    """Batch of 1 with a 1x1 kernel; a kernel covering the whole input; dout all zeros."""
    rng = np.random.default_rng(134)
    _check(student, *_random(rng, 1, 3, 4, 4, 2, 1, 1))
    _check(student, *_random(rng, 2, 2, 3, 4, 3, 3, 4))
    dout, x, w = _random(rng, 2, 2, 4, 4, 2, 2, 2, stride=2)
    _check(student, np.zeros_like(dout), x, w, stride=2)
