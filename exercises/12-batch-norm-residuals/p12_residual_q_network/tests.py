"""Hidden tests for p12_residual_q_network."""

import numpy as np

from grader.testing import check_cases, expect_array, test_case


def _relu(z):
    return np.maximum(z, 0.0)


def _forward(states, params, *, relu_head=False, blocks_on_input=False, no_input_relu=False):
    z = states @ params["W_in"] + params["b_in"]
    h0 = z if no_input_relu else _relu(z)
    h = h0
    for W1, b1, W2, b2 in params["blocks"]:
        src = h0 if blocks_on_input else h
        h = _relu(src + _relu(src @ W1 + b1) @ W2 + b2)
    q = h @ params["W_out"] + params["b_out"]
    return _relu(q) if relu_head else q


_WRONG = [
    (
        {"relu_head": True},
        "a ReLU on the output: Q-values must be able to be negative, the head is linear",
    ),
    (
        {"blocks_on_input": True},
        "every block was applied to the input layer's output; blocks are chained, each one takes the previous block's output",
    ),
    ({"no_input_relu": True}, "the input layer has no ReLU"),
]


def _params(rng, S, D, A, n_blocks, H=None):
    H = H or 2 * D
    return {
        "W_in": rng.normal(0.0, np.sqrt(2.0 / S), (S, D)),
        "b_in": rng.normal(0.0, 0.1, D),
        "blocks": [
            (
                rng.normal(0.0, np.sqrt(2.0 / D), (D, H)),
                rng.normal(0.0, 0.1, H),
                rng.normal(0.0, 0.5 * np.sqrt(2.0 / H), (H, D)),
                rng.normal(0.0, 0.1, D),
            )
            for _ in range(n_blocks)
        ],  # fmt: skip
        "W_out": rng.normal(0.0, 1.0, (D, A)),
        "b_out": rng.normal(0.0, 0.5, A) - 1.0,
    }


def _check(student, states, params, label):
    got = student.residual_q_network(states, params)
    try:
        expect_array(got, _forward(states, params), name=f"Q-values for {label}", dtype="float")
    except AssertionError as exc:
        first, _, rest = str(exc).partition("\n")
        if isinstance(got, np.ndarray):
            for switches, message in _WRONG:
                wrong = _forward(states, params, **switches)
                if wrong.shape == got.shape and np.allclose(got, wrong, rtol=1e-9, atol=1e-12):
                    first += " Diagnosis: " + message + "."
                    break
        raise AssertionError(first + ("\n" + rest if rest else "")) from None


@test_case(points=2)
def cartpole_sized_network(student):
    """4 state features -> 16 units, three residual blocks, 2 actions; a batch of 8 states."""
    rng = np.random.default_rng(1360)
    _check(student, rng.normal(0.0, 1.0, (8, 4)), _params(rng, 4, 16, 2, 3), "a batch of 8")


@test_case(points=2)
def no_blocks_and_zero_branches(student):
    """Without blocks it is a one-hidden-layer MLP; blocks with zero W2, b2 change nothing."""
    rng = np.random.default_rng(1370)
    states = rng.normal(0.0, 1.0, (5, 3))
    params = _params(rng, 3, 6, 4, 0)
    mlp = _relu(states @ params["W_in"] + params["b_in"]) @ params["W_out"] + params["b_out"]
    check_cases(student.residual_q_network, [((states, params), mlp)])
    zero = dict(params)
    zero["blocks"] = [
        (rng.normal(size=(6, 5)), rng.normal(size=5), np.zeros((5, 6)), np.zeros(6))
    ] * 4
    check_cases(student.residual_q_network, [((states, zero), mlp)])


@test_case(points=2)
def one_state_and_a_deep_stack(student):
    """A single state through 12 blocks (H = 3 narrower than D = 8), and a batch of 20."""
    rng = np.random.default_rng(1380)
    params = _params(rng, 5, 8, 3, 12, H=3)
    _check(student, rng.normal(size=(1, 5)), params, "one state")
    _check(student, rng.normal(size=(20, 5)), params, "a batch of 20")
