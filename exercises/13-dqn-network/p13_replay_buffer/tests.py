"""Hidden tests for ReplayBuffer."""

import numpy as np

from grader.testing import (
    expect_array,
    expect_equal,
    expect_true,
    expect_tuple,
    last_call,
    test_case,
)

SHAPE = (2, 3)


def _transition(i):
    """Transition i: every field says i, so a sample can be checked for consistency."""
    return (np.full(SHAPE, float(i)), i % 3, 0.5 * i, np.full(SHAPE, i + 1.0), i % 4 == 0)


def _fill(student, capacity, n):
    buf = student.ReplayBuffer(capacity, SHAPE)
    for i in range(n):
        buf.add(*_transition(i))
    return buf


def _sample(buf, batch_size, seed):
    out = expect_tuple(buf.sample(batch_size, np.random.default_rng(seed)), 5)
    label = last_call()
    names = ("obs", "actions", "rewards", "next_obs", "dones")
    shapes = (
        (batch_size, *SHAPE),
        (batch_size,),
        (batch_size,),
        (batch_size, *SHAPE),
        (batch_size,),
    )
    arrays = []
    for name, value, shape in zip(names, out, shapes):
        expect_true(
            isinstance(value, np.ndarray),
            f"{label}: {name} should be a NumPy array, got {type(value).__name__}",
        )
        expect_true(
            value.shape == shape, f"{label}: {name} should have shape {shape}, got {value.shape}"
        )
        arrays.append(np.asarray(value, dtype=np.float64))
    expect_true(
        out[1].dtype.kind in "iu",
        f"{label}: actions should be integers (they index Q-values), got dtype {out[1].dtype}",
    )
    return arrays, label


def _consistent(arrays, label):
    obs, actions, rewards, next_obs, dones = arrays
    ids = obs[:, 0, 0]
    for field, got, want in (
        ("actions", actions, ids % 3),
        ("rewards", rewards, 0.5 * ids),
        ("next_obs", next_obs[:, 0, 0], ids + 1),
        ("dones", dones, (ids % 4 == 0).astype(float)),
        ("obs", obs.reshape(len(ids), -1), np.repeat(ids[:, None], 6, axis=1)),
    ):
        expect_array(
            got,
            want,
            name=f"{field} of {label} (row k must come from the same transition as obs[k])",
        )
    return ids


@test_case(points=2)
def length_grows_to_capacity(student):
    """len() counts the stored transitions and stops at the capacity."""
    buf = student.ReplayBuffer(5, SHAPE)
    expect_equal(buf.__len__(), 0, name="len(ReplayBuffer(5, ...)) before any add")
    for i in range(8):
        buf.add(*_transition(i))
        expect_equal(
            buf.__len__(), min(i + 1, 5), name=f"len after {i + 1} add() calls, capacity 5"
        )


@test_case(points=3)
def samples_are_whole_transitions(student):
    """Each sampled row is one stored transition: obs, action, reward, next_obs, done together."""
    buf = _fill(student, 20, 12)
    arrays, label = _sample(buf, 64, 0)
    empty = int(np.sum(arrays[3][:, 0, 0] == 0))  # every stored next_obs is >= 1
    expect_true(
        empty == 0,
        f"{label}: {empty} of 64 sampled rows are all zeros: slots that were "
        "never added (12 transitions in a buffer of capacity 20). Sample only from the "
        "stored transitions, indices 0 .. len - 1.",
    )
    ids = _consistent(arrays, label)
    expect_true(
        bool(np.all((ids >= 0) & (ids < 12))),
        f"{label}: sampled transitions that were "
        f"never added (ids {sorted(set(ids.tolist()) - set(range(12)))})",
    )


@test_case(points=3)
def oldest_overwritten_and_uniform(student):
    """Capacity 10 after 25 adds holds transitions 15..24 only, each sampled about equally."""
    buf = _fill(student, 10, 25)
    arrays, label = _sample(buf, 2000, 1)
    ids = _consistent(arrays, label)
    stale = sorted(set(ids.tolist()) - set(range(15, 25)))
    expect_true(
        not stale,
        f"{label}: after 25 adds to a buffer of capacity 10 only transitions "
        f"15 to 24 remain, but the sample contains {stale}. Once full, each add must "
        "overwrite the oldest transition (a circular index: (i + 1) % capacity).",
    )
    counts = np.array([np.sum(ids == k) for k in range(15, 25)])
    expect_true(
        bool(np.all(np.abs(counts / 2000 - 0.1) < 0.035)),
        f"{label}: each of the 10 "
        f"stored transitions should be drawn about 10% of the time, got counts "
        f"{counts.tolist()} out of 2000. Draw indices uniformly over the stored ones.",
    )


@test_case(points=2)
def stores_copies_and_uses_rng(student):
    """Changing the caller's array after add() does not change the buffer; the same seed gives the same sample."""
    buf = student.ReplayBuffer(4, SHAPE)
    obs, a, r, nxt, d = _transition(7)
    buf.add(obs, a, r, nxt, d)
    obs[:] = -1.0  # the environment reuses its arrays
    nxt[:] = -1.0
    arrays, label = _sample(buf, 3, 2)
    expect_array(
        arrays[0],
        np.full((3, *SHAPE), 7.0),
        name=f"obs of {label} after the caller overwrote its array: add() must store a copy",
    )
    buf.add(*_transition(8))
    buf.add(*_transition(9))
    first, _ = _sample(buf, 30, 5)
    second, _ = _sample(buf, 30, 5)
    expect_true(
        bool(np.array_equal(first[0], second[0])),
        f"{label}: two samples with "
        "np.random.default_rng(5) differ: draw the indices with the rng argument.",
    )
