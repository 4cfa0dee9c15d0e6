import numpy as np

from grader.testing import call_unmodified, expect_array, expect_true, test_case


def _net(sizes, seed, out_bias):
    rng = np.random.default_rng(seed)
    layers = [
        (rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out)), rng.normal(0.0, 0.1, n_out))
        for n_in, n_out in zip(sizes[:-1], sizes[1:])
    ]
    W, _ = layers[-1]
    layers[-1] = (W, np.asarray(out_bias, dtype=float))
    return layers


def _reference(X, params):
    A = np.array(X, dtype=float)
    for i, (W, b) in enumerate(params):
        A = A @ W + b
        if i < len(params) - 1:
            A = np.where(A > 0, A, 0.0)
    return A


def _mountaincar_states(n, seed):
    rng = np.random.default_rng(seed)
    return np.column_stack([rng.uniform(-1.2, 0.6, n), rng.uniform(-0.07, 0.07, n)])


def _check(student, X, params, label, extra=""):
    got = call_unmodified(student.q_forward, X, params)
    expected = _reference(X, params)
    name = f"q_forward(X, params) for {label}"
    if isinstance(got, np.ndarray) and got.shape == expected.shape and np.any(expected < 0):
        g = np.asarray(got, dtype=float)
        i, j = (int(k) for k in np.argwhere(expected < 0)[0])
        expect_true(
            not bool(np.all(g >= 0)),
            f"{name}: q_forward never returns a negative number, but this network has negative "
            f"Q-values (row {i}, action {j}: {expected[i, j]:.4g}; you returned {g[i, j]:.4g}). "
            "Q-values estimate returns, and with a reward of -1 per step every return is "
            "negative: the output layer must be linear, with no ReLU (or other clipping) after it.",
        )
    try:
        expect_array(got, expected, name=name, dtype="float")
    except AssertionError as exc:
        raise AssertionError(str(exc) + extra) from None
    return got


@test_case(points=3)
def negative_q_values(student):
    """A MountainCar Q-network (2-64-64-3) whose Q-values are all negative returns them."""
    params = _net([2, 64, 64, 3], 581, out_bias=[-40.0, -38.0, -42.0])
    _check(student, _mountaincar_states(16, 582), params, "16 MountainCar states (Q around -40)")


@test_case(points=2)
def hidden_layers_keep_their_relu(student):
    """Only the output layer is linear: every hidden layer still applies its ReLU."""
    params = _net([2, 16, 16, 16, 3], 583, out_bias=[0.5, -0.5, 0.0])
    _check(
        student,
        _mountaincar_states(10, 584) * 10.0,
        params,
        "a 2-16-16-16-3 network",
        extra=(
            " The hidden layers still need their ReLU (without it the whole network collapses "
            "into one linear map); only the output layer is linear."
        ),
    )


@test_case(points=2)
def greedy_actions_are_not_stuck(student):
    """With negative Q-values the greedy action depends on the state (no more all-zero ties)."""
    params = _net([2, 64, 64, 3], 585, out_bias=[-30.0, -30.0, -30.0])
    X = _mountaincar_states(200, 586)
    got = call_unmodified(student.q_forward, X, params)
    expected = _reference(X, params)
    expect_true(
        isinstance(got, np.ndarray) and got.shape == expected.shape,
        f"q_forward(X, params) for 200 MountainCar states: expected an array of shape "
        f"{expected.shape}, got {getattr(got, 'shape', type(got).__name__)}",
    )
    got_actions = np.argmax(np.asarray(got, dtype=float), axis=1)
    want_actions = np.argmax(expected, axis=1)
    counts = np.bincount(got_actions, minlength=3).tolist()
    expect_true(
        bool(np.array_equal(got_actions, want_actions)),
        f"q_forward(X, params) for 200 MountainCar states: the greedy actions of your Q-values "
        f"differ from the network's in {int(np.sum(got_actions != want_actions))} states "
        f"(your actions 0/1/2 were chosen {counts} times, the network's "
        f"{np.bincount(want_actions, minlength=3).tolist()} times). Rows of equal (clipped) "
        "Q-values all tie, and ties go to action 0: that is the 'always push left' agent.",
    )


@test_case(points=1)
def positive_q_values_and_one_layer(student):
    """CartPole-like positive Q-values still come out right; a single layer is a linear map."""
    rng = np.random.default_rng(587)
    _check(
        student,
        rng.standard_normal((5, 4)),
        _net([4, 32, 2], 588, out_bias=[20.0, 21.0]),
        "positive Q-values",
    )
    W = np.array([[1.0, -2.0], [0.5, 0.0]])
    _check(
        student,
        np.array([[1.0, 1.0], [-1.0, 2.0]]),
        [(W, np.array([0.0, -1.0]))],
        "a single linear layer",
    )


@test_case(points=1)
def batch_of_one(student):
    """One state gives one row of Q-values."""
    params = _net([2, 64, 64, 3], 589, out_bias=[-10.0, -12.0, -11.0])
    _check(student, np.array([[-0.5, 0.01]]), params, "one MountainCar state")


@test_case(points=1)
def inputs_unchanged(student):
    """X and params are unchanged after the call."""
    params = _net([2, 8, 3], 590, out_bias=[-1.0, 1.0, 0.0])
    _check(student, _mountaincar_states(4, 591), params, "a 2-8-3 network")
    expect_true(len(params) == 2, "q_forward must not add or remove layers of params")
