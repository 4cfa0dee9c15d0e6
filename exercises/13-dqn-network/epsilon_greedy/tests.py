"""Hidden tests for epsilon_greedy (one state -> one int action).

The contract does not fix how `rng` is used, so the tests judge the statistics of many
seeded calls, and the exact behaviour only at epsilon 0 and 1.
"""

import numpy as np

from grader.testing import check_cases, expect_true, last_call, test_case

CALLS = 200  # each call runs under the grader's guard: keep the total small


def _actions(student, q, epsilon, seed, calls=CALLS):
    rng = np.random.default_rng(seed)
    actions = []
    for _ in range(calls):
        a = student.epsilon_greedy(q, epsilon, rng)
        label = last_call()
        expect_true(
            type(a) is int or isinstance(a, np.integer),
            f"{label}: expected an int action, got {type(a).__name__} {a!r}",
        )
        a = int(a)
        expect_true(0 <= a < len(q), f"{label}: the action must be in 0..{len(q) - 1}, got {a}")
        actions.append(a)
    return np.array(actions), label


def _frequencies(actions, n):
    return np.array([np.mean(actions == a) for a in range(n)])


@test_case(points=2)
def epsilon_zero_is_greedy(student):
    """epsilon = 0: always the argmax, ties to the lowest index, negative values too."""
    rng = np.random.default_rng(0)
    check_cases(
        lambda q: student.epsilon_greedy(q, 0.0, rng),
        [
            (np.array([0.1, 0.5, -0.2]), 1),
            (np.array([-3.0, -1.0, -2.0]), 1),
            (np.array([2.0, 7.0, 7.0, 1.0]), 1),
            (np.array([0.0, 0.0]), 0),
            (np.array([42.0]), 0),
        ],
    )
    actions, label = _actions(student, np.array([0.3, -0.1, 0.9, 0.2]), 0.0, 1, calls=20)
    expect_true(
        bool(np.all(actions == 2)),
        f"{label}: with epsilon = 0 every action must be "
        f"the greedy one (2), got {int(np.sum(actions != 2))} other actions in 20 calls",
    )


@test_case(points=3)
def epsilon_one_is_uniform_over_all_actions(student):
    """epsilon = 1: every action, the greedy one included, about 1/A of the time."""
    q = np.array([0.0, 5.0, 1.0, 2.0])  # greedy action 1
    actions, label = _actions(student, q, 1.0, 2)
    freq = _frequencies(actions, 4)
    expect_true(
        bool(np.all(np.abs(freq - 0.25) < 0.13)),
        f"{label}: with epsilon = 1 over {CALLS} calls each of the 4 actions should appear "
        f"about 25% of the time, got {np.round(freq, 3).tolist()}. The random action is drawn "
        "from all actions, the greedy one included (rng.integers(A): the bound A is excluded).",
    )


@test_case(points=3)
def exploration_rate(student):
    """epsilon = 0.8, 3 actions: greedy 1 - 0.8 + 0.8/3 = 0.467, each other action 0.267."""
    q = np.array([-1.0, -2.0, -0.5])  # greedy action 2, all values negative
    actions, label = _actions(student, q, 0.8, 3)
    freq = _frequencies(actions, 3)
    want = np.array([0.8 / 3, 0.8 / 3, 0.2 + 0.8 / 3])
    advice = ""
    if abs(freq[2] - 0.2) < 0.1:
        advice = (
            " The greedy action comes out only about 20% of the time, 1 - epsilon: the "
            "random draw never picks it. Exploration draws uniformly from all actions, "
            "so the greedy one has probability 1 - epsilon + epsilon / A."
        )
    elif abs(freq[2] - (0.8 + 0.2 / 3)) < 0.1:
        advice = " Is epsilon the probability of exploring (not of exploiting)?"
    expect_true(
        bool(np.all(np.abs(freq - want) < 0.14)),
        f"{label}: over {CALLS} calls expected the frequencies {np.round(want, 3).tolist()} "
        f"(greedy 1 - epsilon + epsilon / A, the others epsilon / A), got "
        f"{np.round(freq, 3).tolist()}." + advice,
    )


@test_case(points=2)
def uses_the_generator_it_is_given(student):
    """Same seed, same actions; another seed, other actions (no global np.random)."""
    q = np.array([0.2, 0.1, 0.4, 0.3, 0.0])
    a, label = _actions(student, q, 0.5, 7, calls=30)
    b, _ = _actions(student, q, 0.5, 7, calls=30)
    c, _ = _actions(student, q, 0.5, 8, calls=30)
    expect_true(
        bool(np.array_equal(a, b)),
        f"{label}: two runs with np.random.default_rng(7) "
        "gave different actions. Draw every random number from rng, not np.random.",
    )
    expect_true(
        not bool(np.array_equal(a, c)),
        f"{label}: seeds 7 and 8 gave the same 30 actions: is rng used at all?",
    )
