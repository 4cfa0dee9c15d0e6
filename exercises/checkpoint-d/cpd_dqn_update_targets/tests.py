"""Hidden tests for cpd_dqn_update_targets: TD targets from the target network with the
done mask, the mean Huber loss, its gradient with respect to the online Q-values, and the
hard target-network update."""

import math

import numpy as np

from grader.testing import (
    check_against_reference,
    expect_array,
    expect_scalar,
    expect_true,
    expect_tuple,
    test_case,
)


def linear_q(obs, W):
    """A one-layer 'network' for hand-checked examples: Q = obs @ W."""
    return obs @ W


def _conv(x, w, b, stride):
    N, C, H, W = x.shape
    F, _, K, _ = w.shape
    OH = (H - K) // stride + 1
    out = np.empty((N, F, OH, OH))
    for r in range(OH):
        for c in range(OH):
            patch = x[:, :, r * stride : r * stride + K, c * stride : c * stride + K]
            out[:, :, r, c] = np.tensordot(patch, w, axes=([1, 2, 3], [1, 2, 3]))
    return out + b.reshape(1, F, 1, 1)


def nature_q(obs, p):
    """The Nature DQN's layers (any input size): the tests use 36x36 stacks for speed."""
    h = obs
    for name, stride in (("conv1", 4), ("conv2", 2), ("conv3", 1)):
        h = np.maximum(_conv(h, p[name + "_w"], p[name + "_b"], stride), 0.0)
    h = np.maximum(h.reshape(h.shape[0], -1) @ p["fc1_w"] + p["fc1_b"], 0.0)
    return h @ p["fc2_w"] + p["fc2_b"]


def _nature_params(rng, n_actions, size=36, frames=4, hidden=64, q_scale=1.0):
    p, channels = {}, frames
    for name, filters, kernel, stride in (
        ("conv1", 32, 8, 4),
        ("conv2", 64, 4, 2),
        ("conv3", 64, 3, 1),
    ):
        fan_in = channels * kernel * kernel
        p[name + "_w"] = rng.normal(
            0.0, math.sqrt(2.0 / fan_in), (filters, channels, kernel, kernel)
        )
        p[name + "_b"] = rng.normal(0.0, 0.1, filters)
        size, channels = (size - kernel) // stride + 1, filters
    flat = channels * size * size
    p["fc1_w"] = rng.normal(0.0, math.sqrt(2.0 / flat), (flat, hidden))
    p["fc1_b"] = rng.normal(0.0, 0.1, hidden)
    p["fc2_w"] = rng.normal(0.0, q_scale / math.sqrt(hidden), (hidden, n_actions))
    p["fc2_b"] = rng.normal(0.0, 0.1 * q_scale, n_actions)
    return p


def _reference(q_fn, params, target_params, batch, gamma, delta=1.0, next_params=None):
    q = q_fn(batch["obs"], params)
    next_q = q_fn(batch["next_obs"], target_params if next_params is None else next_params)
    n = len(batch["actions"])
    td = np.empty(n)
    dq = np.zeros(q.shape)
    per = []
    for i, a in enumerate(batch["actions"].tolist()):
        best = max(next_q[i].tolist())
        y = batch["rewards"][i] + (0.0 if batch["dones"][i] else gamma * best)
        d = q[i, a] - y
        td[i] = d
        per.append(0.5 * d * d if abs(d) <= delta else delta * (abs(d) - 0.5 * delta))
        dq[i, a] = max(-delta, min(delta, d)) / n
    return math.fsum(per) / n, td, dq


def _example():
    batch = {
        "obs": np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]),
        "actions": np.array([1, 0, 0], dtype=np.int64),
        "rewards": np.array([2.5, 0.0, -1.0]),
        "next_obs": np.array([[1.0, 1.0], [2.0, 0.0], [0.0, 3.0]]),
        "dones": np.array([0.0, 0.0, 1.0]),
    }
    return np.array([[1.0, 2.0], [3.0, -1.0]]), np.array([[0.0, 1.0], [2.0, 0.0]]), batch


def _frames_batch(rng, n, n_actions, size=36, p_done=0.3):
    return {
        "obs": rng.random((n, 4, size, size)),
        "actions": rng.integers(0, n_actions, size=n).astype(np.int64),
        "rewards": rng.choice([-1.0, 0.0, 1.0], size=n),
        "next_obs": rng.random((n, 4, size, size)),
        "dones": (rng.random(n) < p_done).astype(np.float64),
    }


def _run(student, params, target_params, batch, gamma, label, q_fn=linear_q, **kwargs):
    out = student.dqn_update(q_fn, params, target_params, batch, gamma, **kwargs)
    return expect_tuple(out, 3, name=f"dqn_update(...) {label}")


def _dq_diagnosis(got, td, n, delta):
    """Name the usual mistake when dq has the right shape and wrong values."""
    picked = got.sum(axis=1)
    variants = [
        (
            td / n,
            "dq equals td_errors / N without clipping: that is the gradient of "
            "0.5 * td^2, not of Huber, whose slope is clip(td, -delta, delta)",
        ),
        (
            2 * td / n,
            "dq equals 2 * td_errors / N, the gradient of the squared error; Huber's "
            "slope is clip(td, -delta, delta)",
        ),
        (np.clip(td, -delta, delta), "dq is missing the factor 1/N of the mean over the batch"),
        (
            -np.clip(td, -delta, delta) / n,
            "dq has the wrong sign: the loss grows with "
            "Q(s, a) - y, so its slope has the sign of the TD error",
        ),
    ]
    for wrong, why in variants:
        if np.allclose(picked, wrong, rtol=1e-6, atol=1e-12) and not np.allclose(
            wrong, np.clip(td, -delta, delta) / n, rtol=1e-6, atol=1e-12
        ):
            return " Diagnosis: " + why + "."
    return ""


def _check(student, params, target_params, batch, gamma, label, q_fn=linear_q, **kwargs):
    want_loss, want_td, want_dq = _reference(q_fn, params, target_params, batch, gamma, **kwargs)
    loss, td, dq = _run(student, params, target_params, batch, gamma, label, q_fn=q_fn, **kwargs)
    expect_array(td, want_td, name=f"td_errors {label}", dtype="float")
    expect_scalar(loss, want_loss, name=f"loss {label}")
    try:
        expect_array(dq, want_dq, name=f"dq {label}", dtype="float")
    except AssertionError as exc:
        extra = ""
        if isinstance(dq, np.ndarray) and dq.shape == want_dq.shape:
            off = want_dq == 0
            if np.any(dq[off] != 0):
                extra = (
                    " Diagnosis: dq is non-zero at actions that were not taken; only "
                    "Q(s_i, a_i) enters the loss, so every other entry of row i is 0."
                )
            else:
                extra = _dq_diagnosis(dq, want_td, len(want_td), kwargs.get("delta", 1.0))
        raise AssertionError(str(exc) + extra) from None


@test_case(points=3)
def prompt_example(student):
    """The example of the prompt with delta = 1 and delta = 2."""
    W, W_target, batch = _example()
    loss, td, dq = _run(student, W, W_target, batch, 0.5, "for the prompt example")
    expect_array(
        td, np.array([-1.5, 2.0, 5.0]), name="td_errors for the prompt example", dtype="float"
    )
    expect_scalar(loss, 7.0 / 3.0, name="loss for the prompt example (mean Huber, delta 1)")
    _check(student, W, W_target, batch, 0.5, "for the prompt example")
    _check(student, W, W_target, batch, 0.5, "for the prompt example with delta=2.0", delta=2.0)


@test_case(points=2)
def terminal_transitions_have_no_future(student):
    """Where done = 1 the target is the reward alone, however large the target network's Q."""
    rng = np.random.default_rng(31)
    W, W_target = rng.normal(size=(3, 2)), rng.normal(size=(3, 2)) + 1e6
    batch = {
        "obs": rng.normal(size=(5, 3)),
        "actions": np.array([0, 1, 1, 0, 1], dtype=np.int64),
        "rewards": rng.normal(size=5),
        "next_obs": np.abs(rng.normal(size=(5, 3))),
        "dones": np.ones(5),
    }
    _check(student, W, W_target, batch, 0.99, "with every transition terminal (target = reward)")


@test_case(points=2)
def next_states_use_the_target_network(student):
    """Q(s, a) comes from params; max Q(s', .) from target_params only."""
    rng = np.random.default_rng(41)
    W, W_target = rng.normal(size=(4, 3)), 3.0 * rng.normal(size=(4, 3))
    batch = {
        "obs": rng.normal(size=(6, 4)),
        "actions": rng.integers(0, 3, size=6).astype(np.int64),
        "rewards": rng.normal(size=6),
        "next_obs": rng.normal(size=(6, 4)),
        "dones": np.zeros(6),
    }
    online_loss, online_td, _ = _reference(linear_q, W, W_target, batch, 0.9, next_params=W)
    loss, td, _ = _run(student, W, W_target, batch, 0.9, "with distinct target weights")
    if isinstance(td, np.ndarray) and td.shape == online_td.shape and np.allclose(td, online_td):
        raise AssertionError(
            "td_errors with distinct online and target weights equal what the online network "
            "gives for the next states. max Q(s', .) must come from target_params (the target "
            "network); only Q(s, a) uses params."
        )
    _check(student, W, W_target, batch, 0.9, "with distinct target weights")


@test_case(points=2)
def huber_gradient_is_clipped(student):
    """TD errors on both sides of delta (0.5 and 3): dq is clip(td, -delta, delta) / N at the taken actions."""
    rng = np.random.default_rng(51)
    W, W_target = 2.0 * rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    batch = {
        "obs": rng.normal(size=(12, 3)),
        "actions": rng.integers(0, 4, size=12).astype(np.int64),
        "rewards": 3.0 * rng.normal(size=12),
        "next_obs": rng.normal(size=(12, 3)),
        "dones": (rng.random(12) < 0.3).astype(np.float64),
    }
    _, td, _ = _reference(linear_q, W, W_target, batch, 0.99)
    assert np.any(np.abs(td) < 0.5) and np.any(np.abs(td) > 3.0), "test setup: spread of errors"
    for delta in (0.5, 3.0):
        _check(student, W, W_target, batch, 0.99, f"with delta={delta}", delta=delta)


def _frames_case(rng):
    n_actions = int(rng.integers(2, 7))
    params = _nature_params(rng, n_actions, q_scale=3.0)
    target_params = _nature_params(rng, n_actions, q_scale=3.0)
    batch = _frames_batch(rng, int(rng.integers(1, 6)), n_actions)
    return (nature_q, params, target_params, batch, float(rng.choice([0.9, 0.99]))), {}


@test_case(points=2)
def frame_stacks_through_conv_networks(student):
    """Replay batches of 36x36 frame stacks through Nature-shaped online and target networks."""
    check_against_reference(student.dqn_update, _reference, _frames_case, seeds=(61, 62, 63))


@test_case(points=3)
def sync_target_copies_every_period(student):
    """sync_target: the target is kept between copies and becomes a copy (new arrays) at multiples of period."""
    rng = np.random.default_rng(71)
    online = {"fc_w": rng.normal(size=(3, 2)), "fc_b": rng.normal(size=2)}
    target = {"fc_w": rng.normal(size=(3, 2)), "fc_b": rng.normal(size=2)}
    for n_updates, period, synced in [
        (1, 4, False),
        (3, 4, False),
        (4, 4, True),
        (5, 4, False),
        (8, 4, True),
        (10000, 10000, True),
        (9999, 10000, False),
        (7, 1, True),
    ]:
        got = student.sync_target(target, online, n_updates, period)
        want = online if synced else target
        expect_true(
            isinstance(got, dict) and set(got) == set(want),
            f"sync_target(target, online, n_updates={n_updates}, period={period}): "
            f"expected a dict with keys {sorted(want)}, got {got!r:.120}",
        )
        what = "a copy of online" if synced else "target unchanged"
        for key in want:
            expect_array(
                got[key],
                want[key],
                name=f"sync_target(..., n_updates={n_updates}, period={period})['{key}'] "
                f"(expected {what})",
            )
        if synced:
            shared = [k for k in online if np.shares_memory(got[k], online[k])]
            expect_true(
                not shared,
                f"sync_target(..., n_updates={n_updates}, period={period}) returned the "
                f"online network's own arrays for {shared}: the target would then move "
                "with every in-place optimiser step. Copy the arrays (np.copy).",
            )
