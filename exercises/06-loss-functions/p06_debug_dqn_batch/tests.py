import math

import numpy as np

from grader.testing import call_unmodified, expect_scalar, test_case


def _advised(exc, advice):
    """The helper's message plus our advice: on its own line after a multi-line message."""
    text = str(exc)
    if not advice:
        return AssertionError(text)
    return AssertionError(text + ("\n" if "\n" in text else " ") + advice)


def _ref(q, next_q, actions, rewards, dones, gamma):
    # Independent reference: a loop over the batch with Python floats.
    parts = []
    for row, nrow, a, r, d in zip(
        np.asarray(q, dtype=float).tolist(),
        np.asarray(next_q, dtype=float).tolist(),
        [int(v) for v in np.asarray(actions).tolist()],
        np.asarray(rewards, dtype=float).tolist(),
        np.asarray(dones).tolist(),
    ):
        y = r if bool(d) else r + gamma * max(nrow)
        parts.append((row[a] - y) ** 2)
    return math.fsum(parts) / len(parts)


def _advice(got, q, next_q, actions, rewards, dones, gamma):
    done = np.asarray(dones, dtype=float)
    n = len(actions)
    best = next_q.max(axis=1)
    good_t = rewards + gamma * (1 - done) * best
    no_mask = rewards + gamma * best
    masked_r = (rewards + gamma * best) * (1 - done)
    good_q, cols = q[np.arange(n), actions], q[:, actions]
    variants = [
        (np.mean((good_q - no_mask) ** 2), "The targets bootstrap past terminal states: when "
         "done = 1 the episode ended, so the target is the reward alone."),
        (np.mean((cols - good_t) ** 2), "q[:, actions] is an (N, N) array (every row, every "
         "listed column); pick one entry per row with q[np.arange(N), actions]."),
        (np.mean((cols - no_mask) ** 2), "Two bugs: terminal transitions still bootstrap, and "
         "q[:, actions] is (N, N), not one Q(s_i, a_i) per row."),
        (np.mean((good_q - masked_r) ** 2), "Mask only gamma * max Q(s', .): the reward of the "
         "final step is always kept."),
    ]  # fmt: skip
    for want, text in variants:
        if abs(got - want) <= 1e-9 * max(1.0, abs(want)):
            return text
    return ""


def _check(student, q, next_q, actions, rewards, dones, gamma, name):
    out = call_unmodified(student.dqn_batch_loss, q, next_q, actions, rewards, dones, gamma)
    want = _ref(q, next_q, actions, rewards, dones, gamma)
    try:
        expect_scalar(out, want, name=name)
    except AssertionError as exc:
        advice = ""
        if type(out) in (float, np.float64) and math.isfinite(float(out)):
            advice = _advice(float(out), q, next_q, actions, rewards, dones, gamma)
        raise _advised(exc, advice) from None


@test_case(points=1)
def single_transition(student):
    """One ordinary transition (the teammate's test)."""
    _check(
        student,
        np.array([[1.0, 2.0]]),
        np.array([[0.5, 3.0]]),
        np.array([0], dtype=np.int64),
        np.array([1.0]),
        np.array([0.0]),
        0.9,
        "dqn_batch_loss for one transition",
    )


@test_case(points=3)
def terminal_transitions_use_the_reward(student):
    """When every transition is terminal, the targets are the rewards."""
    _check(
        student,
        np.array([[2.0, 0.5], [0.0, 1.0]]),
        np.array([[10.0, 20.0], [30.0, 5.0]]),
        np.array([0, 1], dtype=np.int64),
        np.array([1.0, -1.0]),
        np.array([1.0, 1.0]),
        0.99,
        "dqn_batch_loss for an all-terminal batch",
    )


@test_case(points=3)
def one_q_value_per_row(student):
    """Several non-terminal transitions, gamma = 0: the loss compares Q(s_i, a_i) with r_i."""
    _check(
        student,
        np.array([[1.0, 5.0, 0.0], [2.0, -1.0, 4.0], [0.0, 0.0, 3.0]]),
        np.array([[0.0, 0.0, 0.0], [1.0, 1.0, 1.0], [2.0, 2.0, 2.0]]),
        np.array([1, 0, 2], dtype=np.int64),
        np.array([4.0, 2.0, 1.0]),
        np.array([0.0, 0.0, 0.0]),
        0.0,
        "dqn_batch_loss for 3 transitions, gamma=0",
    )


@test_case(points=3)
def realistic_batch_with_bool_dones(student):
    """A random replay batch with boolean done flags and int32 actions."""
    rng = np.random.default_rng(681)
    n, a = 8, 2
    dones = np.array([False, False, True, False, False, False, True, False])
    _check(
        student,
        rng.normal(size=(n, a)) * 5.0,
        rng.normal(size=(n, a)) * 5.0,
        rng.integers(0, a, size=n).astype(np.int32),
        np.ones(n),
        dones,
        0.99,
        "dqn_batch_loss for a random batch of 8, boolean dones",
    )
