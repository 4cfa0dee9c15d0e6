import math

import numpy as np

from grader.testing import (
    check_against_reference,
    expect_array,
    expect_scalar,
    expect_tuple,
    test_case,
)


def _q(X, params):
    """Independent reference: ReLU between layers, linear output."""
    A = X
    for W, b in params[:-1]:
        A = np.maximum(A @ W + b, 0.0)
    W, b = params[-1]
    return A @ W + b


def _reference(params, target_params, batch, gamma, huber_delta=None, next_params=None):
    """(loss, td_errors); `next_params` overrides the network used for the next states."""
    q = _q(batch["states"], params)
    q_taken = np.array([q[i, a] for i, a in enumerate(batch["actions"].tolist())])
    next_q = _q(batch["next_states"], target_params if next_params is None else next_params)
    best = next_q.max(axis=1)
    targets = batch["rewards"] + gamma * (1.0 - batch["dones"]) * best
    td = q_taken - targets
    if huber_delta is None:
        per = [d * d for d in td.tolist()]
    else:
        k = huber_delta
        per = [0.5 * d * d if abs(d) <= k else k * (abs(d) - 0.5 * k) for d in td.tolist()]
    return math.fsum(per) / len(per), td


def _net(rng, sizes, scale=1.0):
    return [
        (rng.normal(size=(i, o)) * scale * math.sqrt(2.0 / i), rng.normal(size=o) * 0.5)
        for i, o in zip(sizes[:-1], sizes[1:])
    ]


def _batch(rng, n, d, a, p_done=0.3):
    return {
        "states": rng.normal(size=(n, d)),
        "actions": rng.integers(0, a, size=n).astype(np.int64),
        "rewards": rng.normal(size=n),
        "next_states": rng.normal(size=(n, d)),
        "dones": (rng.random(n) < p_done).astype(np.float64),
    }


def _example():
    batch = {
        "states": np.array([[1.0, 2.0], [3.0, -1.0]]),
        "actions": np.array([1, 0], dtype=np.int64),
        "rewards": np.array([1.0, -1.0]),
        "next_states": np.array([[2.0, 0.0], [0.0, 0.0]]),
        "dones": np.array([0.0, 1.0]),
    }
    return [(np.eye(2), np.zeros(2))], [(2.0 * np.eye(2), np.zeros(2))], batch


def _run(student, params, target_params, batch, gamma, label, **kwargs):
    out = student.dqn_batch_loss(params, target_params, batch, gamma, **kwargs)
    return expect_tuple(out, 2, name=f"dqn_batch_loss(...) {label}")


def _check(student, params, target_params, batch, gamma, label, **kwargs):
    want_loss, want_td = _reference(params, target_params, batch, gamma, **kwargs)
    loss, td = _run(student, params, target_params, batch, gamma, label, **kwargs)
    expect_array(td, want_td, name=f"td_errors {label}", dtype="float")
    expect_scalar(loss, want_loss, name=f"loss {label}")


@test_case(points=2)
def q_network_any_depth(student):
    """One, two and three layers; ReLU between layers only, so Q-values can be negative."""
    rng = np.random.default_rng(61)
    for sizes, n in [([4, 3], 5), ([4, 16, 2], 8), ([6, 32, 32, 3], 10), ([4, 8, 2], 1)]:
        params = _net(rng, sizes)
        X = rng.normal(size=(n, sizes[0]))
        want = _q(X, params)
        got = student.q_network(X, params)
        where = f"q_network(X, params) for layer sizes {sizes}, X {X.shape}"
        if n > 1:
            assert np.any(want < 0), "test setup: expected some negative Q-values"
        expect_array(
            got, want, name=f"{where} (Q-values can be negative: the last layer is linear)"
        )


@test_case(points=2)
def prompt_example(student):
    """The example from the prompt, with the squared error and with Huber (delta 1)."""
    params, target_params, batch = _example()
    loss, td = _run(student, params, target_params, batch, 0.5, "for the prompt example")
    expect_array(td, [-1.0, 4.0], name="td_errors for the prompt example", dtype="float")
    expect_scalar(loss, 8.5, name="loss for the prompt example")
    loss, td = _run(
        student, params, target_params, batch, 0.5, "with huber_delta=1.0", huber_delta=1.0
    )
    expect_array(td, [-1.0, 4.0], name="td_errors for the prompt example with huber_delta=1.0")
    expect_scalar(loss, 2.0, name="loss for the prompt example with huber_delta=1.0 (Huber)")


def _random_case(rng):
    """A replay batch, two networks of random sizes, and a discount."""
    n = int(rng.integers(2, 40))
    sizes = [int(v) for v in rng.integers(2, 17, size=3)] + [int(rng.integers(2, 6))]
    params, target_params = _net(rng, sizes), _net(rng, sizes)
    gamma = float(rng.choice([0.9, 0.95, 0.99]))
    return params, target_params, _batch(rng, n, sizes[0], sizes[-1]), gamma


@test_case(points=2)
def random_replay_batches(student):
    """Random batches through random two-hidden-layer Q-networks: (loss, td_errors)."""
    check_against_reference(
        student.dqn_batch_loss, _reference, _random_case, seeds=(71, 72, 73, 74)
    )


@test_case(points=1)
def terminal_transitions_have_no_future(student):
    """Where done = 1 the target is the reward alone, however large the next state's Q."""
    rng = np.random.default_rng(81)
    sizes = [3, 8, 2]
    params, target_params = _net(rng, sizes), _net(rng, sizes, scale=1.0)
    target_params[-1] = (target_params[-1][0], target_params[-1][1] + 1e6)  # huge next Q
    batch = _batch(rng, 6, 3, 2)
    batch["dones"] = np.array([1.0, 0.0, 1.0, 1.0, 0.0, 1.0])
    _check(
        student,
        params,
        target_params,
        batch,
        0.9,
        "with terminal transitions (done = 1: the target is the reward alone)",
    )


@test_case(points=1)
def next_states_use_the_target_network(student):
    """Q(s, a) comes from params, max Q(s', .) from target_params (not the online network)."""
    rng = np.random.default_rng(91)
    sizes = [4, 8, 3]
    params, target_params = _net(rng, sizes), _net(rng, sizes, scale=3.0)
    batch = _batch(rng, 9, 4, 3, p_done=0.0)
    want_loss, _ = _reference(params, target_params, batch, 0.95)
    online_loss, _ = _reference(params, target_params, batch, 0.95, next_params=params)
    loss, td = _run(student, params, target_params, batch, 0.95, "with distinct target weights")
    if type(loss) in (float, np.float64) and abs(float(loss) - online_loss) <= 1e-9 * max(
        1.0, online_loss
    ):
        raise AssertionError(
            f"loss with distinct online and target weights: expected {want_loss!r}, got "
            f"{float(loss)!r}, which is what the online network gives for the next states. "
            "The next-state values max Q(s', .) must come from target_params (the target "
            "network); only Q(s, a) uses params."
        )
    _check(student, params, target_params, batch, 0.95, "with distinct target weights")


@test_case(points=2)
def huber_loss_on_both_sides_of_delta(student):
    """Huber with delta 1 and 2.5 on TD errors both smaller and larger than delta."""
    rng = np.random.default_rng(101)
    sizes = [4, 16, 16, 3]
    params, target_params = _net(rng, sizes, scale=2.0), _net(rng, sizes)
    batch = _batch(rng, 24, 4, 3)
    batch["rewards"] = batch["rewards"] * 3.0
    _, td = _reference(params, target_params, batch, 0.99)
    assert np.any(np.abs(td) < 1.0) and np.any(np.abs(td) > 2.5), "test setup: spread of errors"
    for delta in (1.0, 2.5):
        _check(
            student,
            params,
            target_params,
            batch,
            0.99,
            f"with huber_delta={delta} (0.5 d^2 inside, delta * (|d| - delta / 2) outside)",
            huber_delta=delta,
        )


@test_case(points=1)
def one_transition_and_gamma_zero(student):
    """A batch of one transition; with gamma = 0 the target is the reward."""
    rng = np.random.default_rng(111)
    sizes = [2, 4, 2]
    params, target_params = _net(rng, sizes), _net(rng, sizes)
    batch = _batch(rng, 1, 2, 2, p_done=0.0)
    _check(student, params, target_params, batch, 0.99, "for a batch of one transition")
    _check(student, params, target_params, batch, 0.0, "with gamma = 0 (the target is r)")
