"""Hidden tests for dqn_forward (the full Nature DQN on 84x84 inputs, batches of 1 and 2)."""

import numpy as np

from grader.testing import expect_array, expect_true, last_call, test_case

SHAPES = {
    "conv1_w": (32, 4, 8, 8), "conv1_b": (32,),
    "conv2_w": (64, 32, 4, 4), "conv2_b": (64,),
    "conv3_w": (64, 64, 3, 3), "conv3_b": (64,),
    "fc1_w": (3136, 512), "fc1_b": (512,),
}  # fmt: skip


def _params(rng, n_actions):
    """He-scaled weights and small random biases (so every ReLU matters)."""
    shapes = dict(SHAPES, fc2_w=(512, n_actions), fc2_b=(n_actions,))
    params = {}
    for key, shape in shapes.items():
        if key.endswith("_w"):
            fan_in = int(np.prod(shape[1:])) if len(shape) == 4 else shape[0]
            params[key] = rng.normal(0.0, np.sqrt(2.0 / fan_in), size=shape)
        else:
            params[key] = rng.normal(0.0, 0.1, size=shape)
    return params


def _conv(x, w, b, stride):
    """A loop over output positions (independent of the starter's im2col)."""
    N, C, H, W = x.shape
    F, _, K, _ = w.shape
    OH = (H - K) // stride + 1
    out = np.empty((N, F, OH, OH))
    for i in range(OH):
        for j in range(OH):
            patch = x[:, :, i * stride : i * stride + K, j * stride : j * stride + K]
            out[:, :, i, j] = np.tensordot(patch, w, axes=([1, 2, 3], [1, 2, 3]))
    return out + b.reshape(1, F, 1, 1)


def _features(obs, p):
    h = np.maximum(_conv(obs, p["conv1_w"], p["conv1_b"], 4), 0.0)
    h = np.maximum(_conv(h, p["conv2_w"], p["conv2_b"], 2), 0.0)
    return np.maximum(_conv(h, p["conv3_w"], p["conv3_b"], 1), 0.0)  # (N, 64, 7, 7)


def _head(flat, p, relu_out=False):
    h = np.maximum(flat @ p["fc1_w"] + p["fc1_b"], 0.0)
    q = h @ p["fc2_w"] + p["fc2_b"]
    return np.maximum(q, 0.0) if relu_out else q


def _linear_features(obs, p):
    h = _conv(obs, p["conv1_w"], p["conv1_b"], 4)
    h = _conv(h, p["conv2_w"], p["conv2_b"], 2)
    return _conv(h, p["conv3_w"], p["conv3_b"], 1)


def _diagnose(got, feats, p, obs):
    n = feats.shape[0]
    if np.allclose(got, _head(_linear_features(obs, p).reshape(n, -1), p), rtol=1e-6, atol=1e-8):
        return (
            " Diagnosis: your Q-values match a network without a ReLU after the "
            "convolutions. Without it, conv1-conv3 collapse into one linear map."
        )
    variants = [
        (
            _head(feats.transpose(0, 2, 3, 1).reshape(n, -1), p),
            "your Q-values equal a flatten in (row, column, channel) order, channels last as in "
            "TensorFlow. C order, as torch.flatten does on (N, C, H, W), keeps all 49 values of "
            "channel 0 first: use h.reshape(N, -1) on the (N, 64, 7, 7) array",
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


def _check(student, obs, p):
    got = student.dqn_forward(obs, p)
    label = last_call()
    feats = _features(obs, p)
    want = _head(feats.reshape(obs.shape[0], -1), p)
    try:
        expect_array(got, want, name=label, dtype="float", rtol=1e-6, atol=1e-8)
    except AssertionError as exc:
        extra = (
            _diagnose(np.asarray(got, dtype=np.float64), feats, p, obs)
            if (isinstance(got, np.ndarray) and got.shape == want.shape)
            else ""
        )
        raise AssertionError(str(exc) + extra) from None
    return got


@test_case(points=2)
def zero_weights_give_the_output_bias(student):
    """With every weight 0 each layer outputs relu(bias), and the Q-values are fc2_b."""
    p = {k: np.zeros(s) for k, s in dict(SHAPES, fc2_w=(512, 3), fc2_b=(3,)).items()}
    p["fc2_b"] = np.array([1.5, -2.0, 0.25])
    obs = np.random.default_rng(1).random((1, 4, 84, 84))
    _check(student, obs, p)


@test_case(points=4)
def one_stack_of_frames(student):
    """A batch of one observation, 4 actions, random He-scaled weights."""
    rng = np.random.default_rng(13)
    p = _params(rng, 4)
    obs = rng.random((1, 4, 84, 84))
    _check(student, obs, p)


@test_case(points=4)
def two_stacks_six_actions(student):
    """A batch of two float32 observations and 6 actions; each row depends on its own input only."""
    rng = np.random.default_rng(14)
    p = _params(rng, 6)
    obs = rng.random((2, 4, 84, 84)).astype(np.float32)
    got = _check(student, obs, p)
    label = last_call()
    expect_true(got.shape == (2, 6), f"{label}: expected shape (2, 6), got {got.shape}")


@test_case(points=2)
def inputs_unchanged(student):
    """obs and every array in params are left as they were."""
    rng = np.random.default_rng(15)
    p = _params(rng, 2)
    obs = rng.random((1, 4, 84, 84))
    student.dqn_forward(obs, p)  # the grader checks obs and params for in-place changes
