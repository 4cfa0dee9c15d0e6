"""Hidden tests for stack_frames."""

import numpy as np

from grader.testing import check_cases, expect_array, expect_true, last_call, test_case


def _frame(value, size=84):
    return np.full((size, size), value, dtype=np.float32)


def _stack(values, size=84):
    return np.stack([_frame(v, size) for v in values])


def _explain(got, want, frame):
    """Say which wrong order or start the result shows."""
    if not isinstance(got, np.ndarray) or got.shape != want.shape:
        return ""
    g = np.asarray(got, dtype=np.float64)
    if np.allclose(g[0], frame) and not np.allclose(g[-1], frame):
        return (
            " Diagnosis: the new frame is first; it must be last (index k - 1), with the "
            "oldest frame at index 0, so that the stack reads oldest to newest."
        )
    if np.all(g[:-1] == 0) and np.allclose(g[-1], frame):
        return " Diagnosis: the start of an episode is k copies of the first frame, not zeros."
    return ""


def _check(student, stack, frame, want, k=None):
    got = (
        student.stack_frames(stack, frame) if k is None else student.stack_frames(stack, frame, k=k)
    )
    label = last_call()
    try:
        expect_array(got, want, name=label, dtype="float")
    except AssertionError as exc:
        raise AssertionError(str(exc) + _explain(got, want, frame)) from None
    return got


@test_case(points=2)
def start_of_episode(student):
    """A None stack becomes k copies of the first frame (k = 4, 2 and 1)."""
    f = np.random.default_rng(0).random((84, 84)).astype(np.float32)
    _check(student, None, f, np.stack([f] * 4))
    _check(student, None, f, np.stack([f] * 2), k=2)
    _check(student, None, f, f[None], k=1)


@test_case(points=3)
def oldest_out_newest_last(student):
    """Frames 1, 2, 3, 4 and a new frame 9 give 2, 3, 4, 9: oldest first, new frame last."""
    _check(student, _stack([1, 2, 3, 4]), _frame(9), _stack([2, 3, 4, 9]))
    _check(student, _stack([5, 6]), _frame(7), _stack([6, 7]), k=2)


@test_case(points=2)
def a_short_episode(student):
    """Five steps from None with frames 0, 1, 2, 3, 4: the stacks a real agent would see."""
    stack = None
    expected = [[0, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 2], [0, 1, 2, 3], [1, 2, 3, 4]]
    for t, want in enumerate(expected):
        stack = _check(student, stack, _frame(t), _stack(want))


@test_case(points=2)
def a_new_array_every_time(student):
    """The old stack and the frame stay unchanged, and the result shares no memory with them."""
    old = _stack([1, 2, 3, 4])
    frame = _frame(9)
    got = student.stack_frames(old, frame)
    label = last_call()
    expect_true(
        isinstance(got, np.ndarray), f"{label}: expected an array, got {type(got).__name__}"
    )
    expect_true(
        not np.shares_memory(got, old) and not np.shares_memory(got, frame),
        f"{label}: the result shares memory with the old stack or the frame. The replay buffer "
        "keeps every stack, so each must be a new array (np.concatenate and np.stack copy).",
    )
    first = student.stack_frames(None, frame)
    label = last_call()
    expect_true(
        isinstance(first, np.ndarray) and not np.shares_memory(first, frame),
        f"{label}: the first stack must be a new array, not a view of the frame",
    )
    check_cases(student.stack_frames, [((_stack([1, 2, 3, 4]), _frame(9)), _stack([2, 3, 4, 9]))])
