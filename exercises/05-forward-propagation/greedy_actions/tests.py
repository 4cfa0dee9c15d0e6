import numpy as np

from grader.testing import (
    call_unmodified,
    check_against_reference,
    expect_array,
    expect_true,
    test_case,
)


def _greedy_ref(q):
    # Independent reference: a Python loop with a strict comparison (first maximum wins).
    out = []
    for row in np.asarray(q, dtype=float).tolist():
        best = 0
        for a in range(1, len(row)):
            if row[a] > row[best]:
                best = a
        out.append(best)
    return np.array(out, dtype=np.int64)


def _check(student, q, label):
    got = call_unmodified(student.greedy_actions, q)
    expected = _greedy_ref(q)
    name = f"greedy_actions(q_values) for {label}"
    if isinstance(got, np.ndarray) and got.shape == expected.shape and got.dtype.kind in "iu":
        q = np.asarray(q, dtype=float)
        wrong = np.nonzero(got != expected)[0]
        if wrong.size:
            i = int(wrong[0])
            row = q[i].tolist()
            tie = row.count(max(row)) > 1
            hint = (
                f" Row {i} has a tie for the maximum: ties must go to the lowest index."
                if tie and 0 <= int(got[i]) < len(row) and row[int(got[i])] == max(row)
                else ""
            )
            if not hint and max(row) < 0 and int(got[i]) == 0:
                hint = (
                    " Every Q-value in this row is negative: does your running maximum start "
                    "at 0 instead of at the row's first value?"
                )
            raise AssertionError(
                f"{name}: row {i} = {row} should give action {int(expected[i])}, got "
                f"{int(got[i])}.{hint}"
            )
    expect_array(got, expected, name=name, dtype="int", rtol=0, atol=0)


@test_case(points=2)
def known_rows(student):
    """The prompt's example and a batch of CartPole Q-values."""
    _check(student, np.array([[0.1, 0.5], [2.0, -1.0], [-3.0, -3.0]]), "the prompt's example")
    q = np.array([[1.2, 1.5], [0.9, 0.3], [10.0, 10.5], [-0.2, -0.1], [4.0, 3.99]])
    _check(student, q, "5 CartPole states with 2 actions")


@test_case(points=2)
def ties_go_to_the_lowest_index(student):
    """Equal maxima: the first one wins, wherever the tie is and however many actions tie."""
    q = np.array(
        [
            [1.0, 3.0, 3.0],
            [5.0, 5.0, 5.0],
            [0.0, 0.0, -1.0],
            [-2.0, 7.0, 1.0],
            [2.0, 1.0, 2.0],
        ]
    )
    _check(student, q, "rows with ties [[1, 3, 3], [5, 5, 5], [0, 0, -1], [-2, 7, 1], [2, 1, 2]]")
    _check(student, np.zeros((4, 6)), "all-zero Q-values of shape (4, 6)")


@test_case(points=1)
def negative_and_large_values(student):
    """All-negative rows (rewards of -1 per step) and Q-values of +-1e300."""
    q = np.array([[-5.0, -3.0, -4.0], [-100.0, -100.5, -99.5], [-1e300, -1e299, 1e300]])
    _check(student, q, "rows of negative and huge Q-values")
    q = np.array([[1e300, 1e300], [-1e300, -1e300]])
    _check(student, q, "ties at +-1e300")


@test_case(points=1)
def wider_batches(student):
    """Random batches (32, 4) (N > A) and (3, 18) (N < A, the full Atari action set)."""
    for shape in ((32, 4), (3, 18)):
        check_against_reference(
            student.greedy_actions,
            _greedy_ref,
            lambda rng, shape=shape: rng.standard_normal(shape),
            seeds=(531, 532),
            dtype="int",
            rtol=0,
            atol=0,
        )


@test_case(points=1)
def batch_of_one_and_one_action(student):
    """One state gives an array of one action; one action per state gives zeros."""
    _check(student, np.array([[0.3, -0.7, 0.9, 0.1]]), "one state, q_values (1, 4)")
    _check(student, np.array([[2.0], [-1.0], [0.0]]), "a single action, q_values (3, 1)")


@test_case(points=1)
def integer_array_and_input_unchanged(student):
    """The result is an ndarray of integers (usable as an index) and q_values is not modified."""
    q = np.array([[0.5, 0.25], [0.0, 1.0], [3.0, 3.0]])
    got = call_unmodified(student.greedy_actions, q)
    expect_true(
        isinstance(got, np.ndarray),
        "greedy_actions must return a NumPy array of action indices (one per row), got "
        + ("a single NumPy number" if isinstance(got, np.generic) else type(got).__name__),
    )
    expect_true(
        got.dtype.kind in "iu",
        f"greedy_actions must return integer action indices (they index arrays and go to "
        f"env.step), got dtype {got.dtype}",
    )
    _check(student, q, "q_values = [[0.5, 0.25], [0, 1], [3, 3]]")
