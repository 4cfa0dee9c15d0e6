"""Page 11 reference solutions against PyTorch (CPU, float64): conv2d with strides, padding,
channels and non-square kernels, max pooling, the convolution's backward pass against autograd,
and the practice items' im2col and max-pool backward."""

from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")
F = torch.nn.functional

PAGE = Path(__file__).resolve().parents[1] / "exercises" / "11-convolutional-networks"


def _solution(exercise: str) -> dict:
    """Execute an exercise's solution.py and return its namespace."""
    path = PAGE / exercise / "solution.py"
    namespace: dict = {"__name__": f"solution_{exercise}"}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    return namespace


def _leaf(a):
    return torch.tensor(a, dtype=torch.float64, requires_grad=True)


# (N, C, H, W, F, KH, KW, stride, padding)
CONV_CASES = [
    (1, 1, 5, 5, 1, 3, 3, 1, 0),
    (2, 3, 7, 6, 4, 3, 2, 1, 0),
    (2, 3, 7, 6, 4, 3, 3, 2, 1),
    (3, 2, 9, 8, 5, 4, 4, 3, 2),
    (2, 4, 36, 36, 8, 8, 8, 4, 0),  # the Nature DQN's first layer on smaller frames
    (2, 8, 9, 9, 6, 4, 4, 2, 0),  # its second layer's geometry
    (1, 6, 7, 7, 3, 3, 3, 1, 1),  # its third layer's geometry, with "same" padding
    (4, 2, 5, 7, 3, 1, 1, 1, 0),  # 1x1 kernels
    (2, 2, 4, 5, 3, 4, 5, 1, 0),  # kernel as large as the input
]


@pytest.mark.parametrize("n,c,h,w,f,kh,kw,stride,padding", CONV_CASES)
def test_conv2d_forward_matches_torch(n, c, h, w, f, kh, kw, stride, padding):
    conv2d_forward = _solution("conv2d_forward")["conv2d_forward"]
    rng = np.random.default_rng(1000 + 7 * h + kh + stride)
    x, wt, b = (
        rng.standard_normal((n, c, h, w)),
        rng.standard_normal((f, c, kh, kw)),
        rng.standard_normal(f),
    )
    want = F.conv2d(
        torch.from_numpy(x),
        torch.from_numpy(wt),
        torch.from_numpy(b),
        stride=stride,
        padding=padding,
    )
    got = conv2d_forward(x, wt, b, stride=stride, padding=padding)
    assert got.shape == tuple(want.shape)
    np.testing.assert_allclose(got, want.numpy(), rtol=1e-12, atol=1e-12)


def test_conv2d_forward_matches_nn_conv2d_on_a_dqn_batch():
    """nn.Conv2d with our weights copied in: same (F, C, KH, KW) layout, no transpose."""
    conv2d_forward = _solution("conv2d_forward")["conv2d_forward"]
    rng = np.random.default_rng(11)
    x = rng.random((32, 4, 84, 84))
    layer = torch.nn.Conv2d(4, 32, kernel_size=8, stride=4).double()
    w, b = layer.weight.detach().numpy().copy(), layer.bias.detach().numpy().copy()
    with torch.no_grad():
        want = layer(torch.from_numpy(x)).numpy()
    np.testing.assert_allclose(conv2d_forward(x, w, b, stride=4), want, rtol=1e-10, atol=1e-12)


def test_conv2d_forward_leaves_inputs_alone():
    conv2d_forward = _solution("conv2d_forward")["conv2d_forward"]
    rng = np.random.default_rng(12)
    x, w, b = (
        rng.standard_normal((2, 2, 5, 5)),
        rng.standard_normal((3, 2, 3, 3)),
        rng.standard_normal(3),
    )
    copies = [a.copy() for a in (x, w, b)]
    conv2d_forward(x, w, b, stride=2, padding=1)
    for before, after in zip(copies, (x, w, b)):
        np.testing.assert_array_equal(before, after)


@pytest.mark.parametrize(
    "shape,kernel,stride",
    [((2, 3, 6, 8), 2, 2), ((1, 2, 7, 7), 3, 2), ((2, 1, 5, 4), 2, 1), ((1, 2, 9, 6), 3, 3),
     ((2, 2, 5, 7), 2, 2), ((32, 32, 20, 20), 2, 2)],
)  # fmt: skip
def test_max_pool2d_matches_torch(shape, kernel, stride):
    max_pool2d = _solution("max_pool2d")["max_pool2d"]
    rng = np.random.default_rng(sum(shape) + kernel)
    x = rng.standard_normal(shape)
    want = F.max_pool2d(torch.from_numpy(x), kernel, stride)
    got = max_pool2d(x, kernel=kernel, stride=stride)
    assert got.shape == tuple(want.shape)
    np.testing.assert_array_equal(got, want.numpy())


def test_max_pool2d_all_negative_and_ties():
    max_pool2d = _solution("max_pool2d")["max_pool2d"]
    for x in (-1.0 - np.random.default_rng(3).random((1, 2, 4, 6)), np.full((2, 1, 4, 4), -3.0)):
        np.testing.assert_array_equal(
            max_pool2d(x), F.max_pool2d(torch.from_numpy(x), 2, 2).numpy()
        )


@pytest.mark.parametrize("n,c,h,w,f,kh,kw,stride,padding", CONV_CASES)
def test_conv2d_backward_matches_autograd(n, c, h, w, f, kh, kw, stride, padding):
    conv2d_backward = _solution("conv2d_backward")["conv2d_backward"]
    rng = np.random.default_rng(2000 + 7 * h + kh + stride)
    x, wt, b = (
        rng.standard_normal((n, c, h, w)),
        rng.standard_normal((f, c, kh, kw)),
        rng.standard_normal(f),
    )
    tx, tw, tb = _leaf(x), _leaf(wt), _leaf(b)
    out = F.conv2d(tx, tw, tb, stride=stride, padding=padding)
    G = rng.standard_normal(tuple(out.shape))
    out.backward(torch.from_numpy(G))
    dx, dw, db = conv2d_backward(G, x, wt, stride=stride, padding=padding)
    assert dx.shape == x.shape and dw.shape == wt.shape and db.shape == b.shape
    np.testing.assert_allclose(dx, tx.grad.numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(dw, tw.grad.numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(db, tb.grad.numpy(), rtol=1e-10, atol=1e-12)


def test_conv2d_backward_through_a_loss_matches_autograd():
    """A mean loss through conv + ReLU: dout carries the 1/N, our gradients equal torch's."""
    conv2d_forward = _solution("conv2d_forward")["conv2d_forward"]
    conv2d_backward = _solution("conv2d_backward")["conv2d_backward"]
    rng = np.random.default_rng(21)
    x, w, b = rng.random((5, 4, 20, 20)), rng.normal(0, 0.1, (6, 4, 8, 8)), rng.normal(0, 0.1, 6)
    target = rng.standard_normal((5, 6, 4, 4))
    tw, tb = _leaf(w), _leaf(b)
    loss = (
        (torch.relu(F.conv2d(torch.from_numpy(x), tw, tb, stride=4)) - torch.from_numpy(target))
        ** 2
    ).mean()
    loss.backward()
    z = conv2d_forward(x, w, b, stride=4)
    dout = 2 * (np.maximum(z, 0) - target) / z.size * (z > 0)
    _, dw, db = conv2d_backward(dout, x, w, stride=4)
    np.testing.assert_allclose(dw, tw.grad.numpy(), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(db, tb.grad.numpy(), rtol=1e-9, atol=1e-12)


def test_im2col_matches_torch_unfold():
    """F.unfold is im2col with the same column order (channel, ky, kx); rows are its last axis."""
    im2col = _solution("p11_im2col")["im2col"]
    rng = np.random.default_rng(31)
    x = rng.standard_normal((2, 3, 7, 6))
    cols = im2col(x, 3, 2, stride=2, padding=1)
    unfolded = F.unfold(torch.from_numpy(x), (3, 2), stride=2, padding=1)  # (N, C*kh*kw, L)
    np.testing.assert_array_equal(cols, unfolded.transpose(1, 2).reshape(-1, 18).numpy())


@pytest.mark.parametrize(
    "shape,kernel,stride", [((2, 3, 6, 4), 2, 2), ((1, 2, 5, 5), 3, 1), ((2, 1, 7, 7), 3, 2)]
)
def test_max_pool_backward_matches_autograd(shape, kernel, stride):
    max_pool2d_backward = _solution("p11_max_pool_backward")["max_pool2d_backward"]
    rng = np.random.default_rng(41 + kernel)
    x = rng.standard_normal(shape)
    tx = _leaf(x)
    out = F.max_pool2d(tx, kernel, stride)
    G = rng.standard_normal(tuple(out.shape))
    out.backward(torch.from_numpy(G))
    np.testing.assert_allclose(
        max_pool2d_backward(G, x, kernel=kernel, stride=stride),
        tx.grad.numpy(),
        rtol=1e-12,
        atol=1e-12,
    )


def test_max_pool_backward_ties_go_to_the_first_maximum_as_in_torch():
    max_pool2d_backward = _solution("p11_max_pool_backward")["max_pool2d_backward"]
    x = np.array([[[[0.0, 5.0, 5.0], [5.0, 1.0, 5.0], [0.0, 0.0, 0.0]]]])
    G = np.array([[[[1.0, 2.0], [3.0, 4.0]]]])
    tx = _leaf(x)
    F.max_pool2d(tx, 2, 1).backward(torch.from_numpy(G))
    np.testing.assert_array_equal(max_pool2d_backward(G, x, kernel=2, stride=1), tx.grad.numpy())
    flat = np.zeros((1, 1, 4, 4))
    tz = _leaf(flat)
    F.max_pool2d(tz, 2, 2).backward(torch.ones(1, 1, 2, 2, dtype=torch.float64))
    np.testing.assert_array_equal(max_pool2d_backward(np.ones((1, 1, 2, 2)), flat), tz.grad.numpy())


def test_feature_map_fix_matches_torch():
    feature_map = _solution("p11_debug_feature_map")["feature_map"]
    rng = np.random.default_rng(51)
    frame, kernel = rng.random((20, 20)), rng.normal(0.0, 0.5, (8, 8))
    want = F.conv2d(
        torch.from_numpy(frame)[None, None], torch.from_numpy(kernel)[None, None], stride=4
    )
    np.testing.assert_allclose(
        feature_map(frame, kernel, stride=4), want[0, 0].numpy(), rtol=1e-12, atol=1e-12
    )
