"""Hidden tests for cpd_dqn_from_layers: the student's own conv2d, relu and dense layers,
composed into the Nature DQN (a 44x44 version with the same layers, and one full-size
84x84 observation)."""

import numpy as np

from grader.testing import (
    check_against_reference,
    check_cases,
    expect_array,
    expect_true,
    last_call,
    test_case,
)

LAYERS = [("conv1", 32, 8, 4), ("conv2", 64, 4, 2), ("conv3", 64, 3, 1)]


def _conv(x, w, b, stride):
    """Loop over output positions (independent of any student approach)."""
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    OH, OW = (H - KH) // stride + 1, (W - KW) // stride + 1
    out = np.empty((N, F, OH, OW))
    for r in range(OH):
        for c in range(OW):
            patch = x[:, :, r * stride : r * stride + KH, c * stride : c * stride + KW]
            out[:, :, r, c] = np.tensordot(patch, w, axes=([1, 2, 3], [1, 2, 3]))
    return out + b.reshape(1, F, 1, 1)


def _params(rng, size, n_actions, frames=4):
    """He-scaled weights and small random biases for a Nature-DQN-shaped network."""
    params, channels = {}, frames
    for name, filters, kernel, stride in LAYERS:
        fan_in = channels * kernel * kernel
        params[name + "_w"] = rng.normal(
            0.0, np.sqrt(2.0 / fan_in), (filters, channels, kernel, kernel)
        )
        params[name + "_b"] = rng.normal(0.0, 0.1, filters)
        size, channels = (size - kernel) // stride + 1, filters
    flat = channels * size * size
    params["fc1_w"] = rng.normal(0.0, np.sqrt(2.0 / flat), (flat, 512))
    params["fc1_b"] = rng.normal(0.0, 0.1, 512)
    params["fc2_w"] = rng.normal(0.0, np.sqrt(1.0 / 512), (512, n_actions))
    params["fc2_b"] = rng.normal(0.0, 0.1, n_actions)
    return params


def _features(obs, p, relu=True):
    h = obs
    for name, _, _, stride in LAYERS:
        h = _conv(h, p[name + "_w"], p[name + "_b"], stride)
        h = np.maximum(h, 0.0) if relu else h
    return h


def _head(flat, p, relu_out=False):
    h = np.maximum(flat @ p["fc1_w"] + p["fc1_b"], 0.0)
    q = h @ p["fc2_w"] + p["fc2_b"]
    return np.maximum(q, 0.0) if relu_out else q


def _diagnose(got, obs, p):
    n = obs.shape[0]
    feats = _features(obs, p)
    variants = [
        (
            _head(_features(obs, p, relu=False).reshape(n, -1), p),
            "your Q-values match a network without a ReLU after the convolutions; without it "
            "conv1 to conv3 collapse into one linear map",
        ),
        (
            _head(feats.transpose(0, 2, 3, 1).reshape(n, -1), p),
            "your Q-values equal a flatten in (row, column, channel) order, channels last. "
            "C order keeps all values of channel 0 first: reshape the (N, 64, h, w) array "
            "directly, without a transpose",
        ),
        (
            _head(feats.reshape(n, -1), p, relu_out=True),
            "your Q-values are never negative: the last layer has a ReLU. Q-values are returns "
            "and can be negative; fc2 is linear",
        ),
    ]
    for wrong, why in variants:
        if got.shape == wrong.shape and np.allclose(got, wrong, rtol=1e-6, atol=1e-8):
            return " Diagnosis: " + why + "."
    return ""


def _check_forward(student, obs, p):
    got = student.dqn_forward(obs, p)
    label = last_call()
    want = _head(_features(obs, p).reshape(obs.shape[0], -1), p)
    try:
        expect_array(got, want, name=label, dtype="float")
    except AssertionError as exc:
        extra = ""
        if isinstance(got, np.ndarray) and got.shape == want.shape:
            extra = _diagnose(np.asarray(got, dtype=np.float64), obs, p)
        raise AssertionError(str(exc) + extra) from None
    return got, want


@test_case(points=2)
def conv2d_by_hand(student):
    """A 4x4 image with a 2x2 kernel: stride 1 and stride 2, one channel, then two channels."""
    x = np.arange(16.0).reshape(1, 1, 4, 4)
    w = np.array([[[[1.0, 0.0], [0.0, -1.0]]]])  # top-left minus bottom-right
    b = np.array([0.5])
    two = np.concatenate([x, -x], axis=1)  # channel 1 is minus channel 0
    w2 = np.stack([np.concatenate([w[0], w[0]]), np.concatenate([w[0], -w[0]])])  # (2, 2, 2, 2)
    check_cases(
        student.conv2d,
        [
            ((x, w, b), np.full((1, 1, 3, 3), -4.5)),
            ((x, w, b), {"stride": 2}, np.full((1, 1, 2, 2), -4.5)),
            (
                (x, np.ones((1, 1, 2, 2)), np.zeros(1)),
                {"stride": 2},
                np.array([[[[10.0, 18.0], [42.0, 50.0]]]]),
            ),
            (
                (two, w2, np.array([0.0, 1.0])),
                np.stack([np.zeros((3, 3)), np.full((3, 3), -9.0)])[None],
            ),
        ],
    )


def _conv_case(rng):
    n, c, f = int(rng.integers(1, 4)), int(rng.integers(1, 4)), int(rng.integers(1, 5))
    kh, kw = int(rng.integers(1, 4)), int(rng.integers(1, 4))
    stride = int(rng.integers(1, 4))
    h, w = int(rng.integers(kh, 12)), int(rng.integers(kw, 12))
    return (rng.normal(size=(n, c, h, w)), rng.normal(size=(f, c, kh, kw)), rng.normal(size=f)), {
        "stride": stride
    }


@test_case(points=3)
def conv2d_random_shapes(student):
    """Random batches, channels, filters, rectangular kernels and strides 1-3, against a loop."""
    check_against_reference(student.conv2d, _conv, _conv_case, seeds=(1, 2, 3, 4, 5, 6))
    x = np.random.default_rng(7).normal(size=(2, 3, 9, 7))
    w = np.random.default_rng(8).normal(size=(2, 3, 3, 2))
    b = np.array([1.0, -1.0])
    expect_array(student.conv2d(x, w, b, stride=2), _conv(x, w, b, 2), dtype="float")


@test_case(points=1)
def relu_and_dense(student):
    """relu keeps positives and zeroes the rest; dense maps (N, D) to (N, M), a batch of 1 too."""
    check_cases(
        student.relu,
        [
            (
                np.array([[-2.0, 0.0, 3.5], [1e6, -1e-9, 0.25]]),
                np.array([[0.0, 0.0, 3.5], [1e6, 0.0, 0.25]]),
            )
        ],
    )
    rng = np.random.default_rng(9)
    for n in (1, 5):
        x, W, b = rng.normal(size=(n, 6)), rng.normal(size=(6, 3)), rng.normal(size=3)
        expect_array(student.dense(x, W, b), x @ W + b, dtype="float")


@test_case(points=3)
def small_network_44x44(student):
    """The Nature layers on 44x44 stacks (conv3 output 64x2x2, flatten 256), 3 actions, N = 3."""
    rng = np.random.default_rng(21)
    p = _params(rng, 44, 3)
    obs = rng.random((3, 4, 44, 44))
    got, want = _check_forward(student, obs, p)
    assert np.any(want < 0), "test setup: some Q-values should be negative"


@test_case(points=1)
def small_network_one_observation_two_frames(student):
    """A batch of one, a stack of 2 frames and 5 actions: the shapes come from params."""
    rng = np.random.default_rng(22)
    p = _params(rng, 52, 5, frames=2)
    obs = rng.random((1, 2, 52, 52))
    got, _ = _check_forward(student, obs, p)
    expect_true(got.shape == (1, 5), f"{last_call()}: expected shape (1, 5), got {np.shape(got)}")


@test_case(points=2)
def full_size_84x84(student):
    """One real observation (1, 4, 84, 84), 4 actions: the Nature DQN itself."""
    rng = np.random.default_rng(23)
    p = _params(rng, 84, 4)
    obs = rng.random((1, 4, 84, 84))
    _check_forward(student, obs, p)
