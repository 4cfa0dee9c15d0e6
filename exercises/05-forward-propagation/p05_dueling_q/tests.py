import math

import numpy as np

from grader.testing import (
    call_unmodified,
    check_against_reference,
    expect_array,
    expect_true,
    test_case,
)


def _reference(value, advantages):
    v = np.asarray(value, dtype=float).reshape(-1).tolist()
    out = []
    for vi, row in zip(v, np.asarray(advantages, dtype=float).tolist()):
        mean = math.fsum(row) / len(row)
        out.append([vi + a - mean for a in row])
    return np.array(out)


def _check(student, value, advantages, label):
    got = call_unmodified(student.dueling_q, value, advantages)
    name = f"dueling_q(value, advantages) for {label}"
    expected = _reference(value, advantages)
    try:
        expect_array(got, expected, name=name, dtype="float")
    except AssertionError as exc:
        hint = ""
        n, a = np.shape(advantages)
        v = np.asarray(value, dtype=float).reshape(-1)
        adv = np.asarray(advantages, dtype=float)
        if isinstance(got, np.ndarray) and got.shape == (n, a) and n == a:
            wrong_v = v[None, :] + adv - adv.mean(axis=1, keepdims=True)
            wrong_mean = v[:, None] + adv - adv.mean(axis=1)[None, :]
            if np.allclose(got, wrong_v):
                hint = (
                    " Diagnosis: V(s_j) was added to action j instead of to state j's row: "
                    "a value of shape (N,) lines up with the action axis. Reshape it to (N, 1)."
                )
            elif np.allclose(got, wrong_mean):
                hint = (
                    " Diagnosis: the mean advantage of state j was subtracted from action j: "
                    "the (N,) mean lines up with the action axis. Use keepdims=True."
                )
        if not hint and isinstance(got, np.ndarray) and got.shape == (n, a):
            means = np.mean(np.asarray(got, dtype=float), axis=1)
            if not np.allclose(means, v):
                hint = (
                    f" Note: the mean of Q(s, .) over the actions must equal V(s); for the "
                    f"first state it is {means[0]:.6g}, but V = {v[0]:.6g}. Subtract the mean "
                    "advantage of each state's row."
                )
        raise AssertionError(str(exc) + hint) from None
    return got


@test_case(points=2)
def known_values(student):
    """Two states, three actions, values given as a column (N, 1)."""
    value = np.array([[10.0], [-5.0]])
    adv = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 3.0]])
    _check(student, value, adv, "value = [[10], [-5]], advantages = [[1, 2, 3], [0, 0, 3]]")


@test_case(points=2)
def value_as_a_flat_vector(student):
    """value of shape (N,) must be treated as one number per state, also when N == A."""
    _check(
        student,
        np.array([100.0, 200.0, 300.0]),
        np.array([[1.0, 0.0, -1.0], [2.0, 2.0, 2.0], [0.0, 3.0, 0.0]]),
        "value = [100, 200, 300] of shape (3,) and 3 actions (N == A)",
    )
    check_against_reference(
        student.dueling_q,
        _reference,
        lambda rng: (rng.standard_normal(5), rng.standard_normal((5, 3))),
        seeds=(571, 572),
        dtype="float",
    )


@test_case(points=2)
def mean_over_each_states_actions(student):
    """Square inputs (N == A) with a column value: the mean runs over each row; mean of Q is V."""
    value = np.array([[1.0], [2.0], [3.0], [4.0]])
    adv = np.array(
        [[4.0, 0.0, 0.0, 0.0], [0.0, 8.0, 0.0, 0.0], [1.0, 1.0, 1.0, 1.0], [-4.0, 0.0, 0.0, 0.0]]
    )
    got = _check(student, value, adv, "4 states x 4 actions")
    expect_true(
        bool(np.allclose(np.mean(np.asarray(got, dtype=float), axis=1), value[:, 0])),
        "dueling_q: the mean of Q(s, .) over the actions must equal V(s) for every state",
    )  # implied by the values above; kept as the property the head is built for


@test_case(points=1)
def single_state_and_single_action(student):
    """A batch of one state, and an environment with one action (Q = V)."""
    _check(student, np.array([[0.5]]), np.array([[1.0, -1.0, 3.0, 0.0]]), "one state, 4 actions")
    _check(student, np.array([[2.0], [-1.0]]), np.array([[7.0], [3.0]]), "one action per state")


@test_case(points=1)
def large_values_and_inputs_unchanged(student):
    """Values of 1e6 and advantages of 1e3 keep their precision; inputs are not modified."""
    rng = np.random.default_rng(572)
    _check(
        student,
        rng.standard_normal((6, 1)) * 1e6,
        rng.standard_normal((6, 2)) * 1e3,
        "V ~ 1e6, A ~ 1e3",
    )
