"""Hidden tests for p09_replay_buffer."""

import numpy as np

from grader.testing import (
    expect_raises,
    expect_true,
    expect_tuple,
    expect_value,
    last_call,
    test_case,
)


def _transition(k, obs_dim=2):
    """Transition k: obs [k, k, ...], action k % 3, reward k, next_obs [k + 1, ...], done every 5th."""
    return (np.full(obs_dim, float(k)), k % 3, float(k), np.full(obs_dim, k + 1.0), k % 5 == 4)


def _filled(student, capacity, n, obs_dim=2):
    buf = student.ReplayBuffer(capacity, obs_dim)
    for k in range(n):
        buf.add(*_transition(k, obs_dim))
    return buf


def _expected(capacity, n, batch_size, seed, obs_dim=2):
    """The reference: transition k sits in slot k % capacity; indices rng.integers(0, size)."""
    size = min(n, capacity)
    slots = [None] * capacity
    for k in range(n):
        slots[k % capacity] = k
    idx = np.random.default_rng(seed).integers(0, size, size=batch_size)
    ks = [slots[i] for i in idx]
    obs = np.array([np.full(obs_dim, float(k)) for k in ks])
    return (obs, np.array([k % 3 for k in ks], dtype=np.int64), np.array([float(k) for k in ks]),
            obs + 1.0, np.array([float(k % 5 == 4) for k in ks]))  # fmt: skip


def _sample(buf, batch_size, seed):
    result = buf.sample(batch_size, np.random.default_rng(seed))
    call = last_call()
    parts = expect_tuple(result, 5, name=f"{call} (obs, actions, rewards, next_obs, dones)")
    return call, parts


def _check(student, capacity, n, batch_size, seed):
    buf = _filled(student, capacity, n)
    call, parts = _sample(buf, batch_size, seed)
    got_k = [float(v) for v in np.asarray(parts[2], dtype=float)]
    stored = sorted(range(max(0, n - capacity), n))
    next_first = np.asarray(parts[3], dtype=float).reshape(len(got_k), -1)[:, 0]
    hint = ""
    if any(k not in stored for k in got_k) or np.any(next_first == 0.0):
        hint = (
            f" Diagnosis: the batch holds rewards {sorted(set(got_k))} (an all-zero row is an "
            f"empty slot) but the buffer should hold only transitions {stored}: sample indices "
            "from the filled slots only (0 to len - 1), and overwrite the oldest slot when full."
        )
    names = ("obs", "actions", "rewards", "next_obs", "dones")
    for name, got, want in zip(names, parts, _expected(capacity, n, batch_size, seed)):
        try:
            expect_value(
                got,
                want,
                name=f"{name} of {call} after {n} adds to a buffer of capacity {capacity}",
            )
        except AssertionError as exc:
            raise AssertionError(f"{exc}{hint}") from None


@test_case(points=2)
def samples_the_stored_transitions(student):
    """3 transitions in a buffer of 10: a batch of 6 indexed by rng.integers(0, 3, size=6)."""
    buf = _filled(student, 10, 3)
    expect_value(buf.__len__(), 3, name="len(buffer) after 3 adds")
    _check(student, 10, 3, 6, seed=1)


@test_case(points=2)
def overwrites_the_oldest(student):
    """Capacity 4, 6 adds: transitions 2-5 remain (4 in slot 0, 5 in slot 1); len stays 4."""
    buf = _filled(student, 4, 6)
    expect_value(buf.__len__(), 4, name="len(buffer) after 6 adds to a buffer of capacity 4")
    _check(student, 4, 6, 8, seed=2)
    _check(student, 4, 11, 5, seed=3)


@test_case(points=1)
def transitions_stay_whole(student):
    """Every sampled row is one transition: obs, action, reward, next_obs and done belong together."""
    buf = _filled(student, 8, 13)
    call, (obs, actions, rewards, next_obs, dones) = _sample(buf, 32, 4)
    k = np.asarray(rewards, dtype=float)
    expect_true(
        np.array_equal(np.asarray(obs)[:, 0], k)
        and np.array_equal(np.asarray(next_obs)[:, 0], k + 1)
        and np.array_equal(np.asarray(actions), (k % 3).astype(np.int64)),
        f"{call}: each sampled row must be one stored transition (obs, action, reward, next_obs "
        "and done of the same step), but some rows mix transitions. Index every array with the "
        "same indices, drawn once per call.",
    )


@test_case(points=1)
def stores_copies(student):
    """Changing the caller's obs array after add() does not change the stored transition."""
    buf = student.ReplayBuffer(3, 2)
    obs = np.array([1.0, 2.0])
    buf.add(obs, 1, 0.5, obs + 1.0, False)
    obs[:] = 99.0  # an environment may reuse its observation array
    _, (got, *_rest) = _sample(buf, 2, 5)
    try:
        expect_value(
            got,
            np.array([[1.0, 2.0], [1.0, 2.0]]),
            name="the obs sampled after the caller changed its array",
        )
    except AssertionError as exc:
        raise AssertionError(
            f"{exc} The buffer must keep copies: many environments reuse one observation array "
            "and update it in place, so a stored reference would turn every stored state into "
            "the latest one. Assigning into a preallocated array (self.obs[i] = obs) copies."
        ) from None


@test_case(points=1)
def empty_buffer_refuses(student):
    """sample() on an empty buffer raises ValueError."""
    buf = student.ReplayBuffer(5, 2)
    expect_raises(ValueError, buf.sample, 4, np.random.default_rng(0))
