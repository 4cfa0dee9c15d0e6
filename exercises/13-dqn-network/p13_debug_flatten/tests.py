"""Hidden tests for p13_debug_flatten."""

import numpy as np

from grader.testing import check_against_reference, expect_array, last_call, test_case


def _ref(features, params):
    flat = features.reshape(features.shape[0], -1)
    hidden = np.maximum(flat @ params["fc1_w"] + params["fc1_b"], 0.0)
    return hidden @ params["fc2_w"] + params["fc2_b"]


def _params(rng, n_in, hidden, n_actions):
    return {
        "fc1_w": rng.normal(0, np.sqrt(2 / n_in), (n_in, hidden)), "fc1_b": rng.normal(0, 0.1, hidden),
        "fc2_w": rng.normal(0, np.sqrt(1 / hidden), (hidden, n_actions)),
        "fc2_b": rng.normal(0, 0.1, n_actions),
    }  # fmt: skip


def _check(student, features, params):
    got = student.q_head(features, params)
    label = last_call()
    try:
        expect_array(got, _ref(features, params), name=label, dtype="float")
    except AssertionError as exc:
        n = features.shape[0]
        channels_last = np.transpose(features, (0, 2, 3, 1)).reshape(n, -1)
        wrong = _ref(channels_last.reshape(features.shape), params)
        if isinstance(got, np.ndarray) and got.shape == wrong.shape and np.allclose(got, wrong):
            raise AssertionError(
                f"{exc} Diagnosis: these are the Q-values of a channels-last flatten, "
                "(N, H, W, C) order. The weights came from PyTorch, whose nn.Flatten on an "
                "(N, C, H, W) tensor is C order: row 49c + 7i + j of fc1_w belongs to "
                "channel c at position (i, j). After the transpose, that row meets channel "
                "(49c + 7i + j) % 64 instead: every weight multiplies the wrong feature. "
                "Flatten the (N, C, H, W) array directly."
            ) from None
        raise
    return got


@test_case(points=2)
def one_feature_map_by_hand(student):
    """2 channels of 2 x 2: fc1 is the identity, so the Q-values show the flattened order."""
    features = np.array([[[[1.0, 2.0], [3.0, 4.0]], [[10.0, 20.0], [30.0, 40.0]]]])  # (1, 2, 2, 2)
    params = {"fc1_w": np.eye(8), "fc1_b": np.zeros(8), "fc2_w": np.eye(8), "fc2_b": np.zeros(8)}
    _check(student, features, params)  # C order: [1, 2, 3, 4, 10, 20, 30, 40]


@test_case(points=2)
def nature_dqn_head(student):
    """The real sizes: features (2, 64, 7, 7), fc1 3136 -> 512, fc2 512 -> 4."""
    rng = np.random.default_rng(0)
    _check(student, np.maximum(rng.normal(size=(2, 64, 7, 7)), 0.0), _params(rng, 3136, 512, 4))


@test_case(points=2)
def other_sizes(student):
    """Random feature maps of other sizes (a batch of 1 included)."""
    check_against_reference(
        student.q_head,
        _ref,
        lambda rng: (rng.normal(size=(int(rng.integers(1, 4)), 8, 3, 3)), _params(rng, 72, 16, 3)),
    )
