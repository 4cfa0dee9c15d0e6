"""Hidden tests for p10_debug_dropout_eval: evaluation is the plain network, training is unbiased."""

import numpy as np

from grader.testing import expect_array, expect_true, last_call, test_case


def _net(rng, sizes):
    return [
        (rng.normal(0.0, np.sqrt(2 / a), size=(a, b)), rng.normal(0.0, 0.1, size=b))
        for a, b in zip(sizes[:-1], sizes[1:])
    ]


def _plain(X, params, hidden_scale=1.0):
    A = X
    for i, (W, b) in enumerate(params):
        Z = A @ W + b
        if i == len(params) - 1:
            return Z
        A = np.maximum(Z, 0.0) * hidden_scale


@test_case(points=4)
def evaluation_is_the_plain_network(student):
    """train=False gives exactly the network without dropout: no mask, no scaling."""
    rng = np.random.default_rng(20)
    params = _net(rng, [4, 16, 16, 2])
    X = rng.normal(size=(5, 4))
    for p in (0.5, 0.2):
        got = student.q_values(X, params, p, np.random.default_rng(1), train=False)
        label = last_call()
        want = _plain(X, params)
        if type(got) is np.ndarray and got.shape == want.shape:
            if np.allclose(got, _plain(X, params, 1 - p)):
                raise AssertionError(
                    f"{label}: the evaluation Q-values are those of a network whose hidden units "
                    f"are all multiplied by (1 - p) = {1 - p:g}. That is the evaluation rule of the "
                    "ORIGINAL dropout, which does not scale during training. This code already "
                    "divides the kept units by (1 - p) during training (inverted dropout), so the "
                    "expected activations match the plain network and evaluation must use the "
                    "activations unchanged. Scaling at both times shrinks every evaluation output."
                )
            if np.allclose(got, _plain(X, params, 1 / (1 - p))):
                raise AssertionError(
                    f"{label}: at evaluation the hidden units are divided by (1 - p). Nothing is "
                    "dropped at evaluation, so nothing must be scaled: use the activations as they are."
                )
        expect_array(got, want, name=f"{label} (evaluation must equal the network without dropout)")


@test_case(points=1)
def evaluation_is_deterministic(student):
    """Two evaluation calls with generators in different states give the same Q-values."""
    rng = np.random.default_rng(21)
    params = _net(rng, [3, 8, 2])
    X = rng.normal(size=(4, 3))
    a = student.q_values(X, params, 0.5, np.random.default_rng(1), train=False)
    b = student.q_values(X, params, 0.5, np.random.default_rng(2), train=False)
    expect_true(
        type(a) is np.ndarray
        and type(b) is np.ndarray
        and a.shape == b.shape
        and bool(np.array_equal(a, b)),
        "q_values(..., train=False) gave different Q-values for two different generators: "
        "evaluation must not drop anything (an agent acting greedily must get the same values "
        "for the same state).",
    )


@test_case(points=3)
def training_outputs_average_to_the_evaluation_output(student):
    """One hidden layer, one state repeated 20,000 times: training outputs average to the evaluation output."""
    rng = np.random.default_rng(22)
    params = _net(rng, [3, 32, 2])
    x = rng.normal(size=(1, 3))
    X = np.repeat(x, 20000, axis=0)
    for p in (0.5, 0.25):
        train = student.q_values(X, params, p, np.random.default_rng(3), train=True)
        label = last_call()
        expect_true(
            type(train) is np.ndarray and train.shape == (20000, 2),
            f"{label}: expected Q-values of shape (20000, 2), got {getattr(train, 'shape', type(train).__name__)}.",
        )
        want = _plain(x, params)[0]
        mean = train.mean(axis=0)
        spread = np.abs(want).max() + 1.0
        expect_true(
            bool(np.all(np.abs(mean - want) < 0.03 * spread)),
            f"{label}: in training mode the Q-values of one state average to {np.round(mean, 4).tolist()}, "
            f"but the network without dropout gives {np.round(want, 4).tolist()}. With inverted dropout "
            "every kept unit is divided by (1 - p) during training, so that the average training "
            "output equals the evaluation output; without that factor the next layer is trained "
            "on inputs (1 - p) times too small.",
        )
        expect_true(
            float(train.std(axis=0).max()) > 1e-6,
            f"{label}: in training mode every copy of the same state got the same Q-values: "
            "dropout must draw a new mask for every sample.",
        )


@test_case(points=1)
def no_dropout_with_p_zero(student):
    """With p = 0, training mode equals evaluation mode."""
    rng = np.random.default_rng(23)
    params = _net(rng, [4, 8, 8, 3])
    X = rng.normal(size=(6, 4))
    got = student.q_values(X, params, 0.0, np.random.default_rng(4), train=True)
    expect_array(got, _plain(X, params), name=f"{last_call()} (p = 0 drops nothing)")
