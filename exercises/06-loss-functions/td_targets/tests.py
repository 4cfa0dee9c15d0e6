import numpy as np

from grader.testing import call_unmodified, expect_array, test_case


def _advised(exc, advice):
    """The helper's message plus our advice: on its own line after a multi-line message."""
    text = str(exc)
    if not advice:
        return AssertionError(text)
    return AssertionError(text + ("\n" if "\n" in text else " ") + advice)


def _td_ref(rewards, next_q, dones, gamma):
    # Independent reference: a loop over transitions with Python floats.
    out = []
    for r, row, d in zip(
        np.asarray(rewards, dtype=float).tolist(),
        np.asarray(next_q, dtype=float).tolist(),
        np.asarray(dones).tolist(),
    ):
        out.append(r if bool(d) else r + gamma * max(row))
    return np.array(out)


def _diagnose(out, rewards, next_q, dones, gamma):
    """Name a known mistake if the student's targets match it, else ''."""
    try:
        got = np.array(out, dtype=float)
    except (TypeError, ValueError):
        return ""
    done = np.asarray(dones, dtype=float)
    q = np.asarray(next_q, dtype=float)
    if got.ndim == 2:
        return (
            "Return one target per transition, shape (N,): a max with keepdims=True is (N, 1) "
            "and broadcasts against the (N,) rewards to (N, N)."
        )
    wrong = [
        (
            rewards + gamma * (1.0 - done) * q.max(),
            "np.max(next_q) without an axis is one max over the whole batch; each transition "
            "needs the max over its own actions (axis=1).",
        ),
        (
            rewards + gamma * q.max(axis=1),
            "Your targets bootstrap past terminal states: when done = 1 the episode ended, "
            "so the target is the reward alone.",
        ),
        (
            (rewards + gamma * q.max(axis=1)) * (1.0 - done),
            "Mask only the bootstrap term gamma * max Q(s', .): the reward of the final step "
            "is always kept.",
        ),
        (
            rewards + gamma * (1.0 - done) * q.mean(axis=1),
            "The target uses the best next action: max over axis 1 of next_q, not the mean.",
        ),
    ]
    for want, advice in wrong:
        if got.shape == want.shape and np.allclose(got, want, rtol=1e-9, atol=1e-12):
            return advice
    return ""


def _check(student, rewards, next_q, dones, gamma, name, advice=""):
    out = call_unmodified(student.td_targets, rewards, next_q, dones, gamma)
    try:
        expect_array(out, _td_ref(rewards, next_q, dones, gamma), name=name, dtype="float")
    except AssertionError as exc:
        advice = _diagnose(out, rewards, next_q, dones, gamma) or advice
        raise _advised(exc, advice) from None


TERMINAL = (
    "A terminal transition's target is its reward alone: multiply only gamma * max Q(s', .) "
    "by (1 - done)."
)


@test_case(points=2)
def known_values(student):
    """The page's example: two ordinary transitions and one terminal one."""
    _check(
        student,
        np.array([1.0, 0.0, -1.0]),
        np.array([[0.5, 2.0], [3.0, 1.0], [4.0, 4.0]]),
        np.array([0.0, 0.0, 1.0]),
        0.9,
        "td_targets for the example (r=[1, 0, -1], dones=[0, 0, 1], gamma=0.9)",
    )


@test_case(points=2)
def max_over_actions_of_a_batch(student):
    """Random batches with N != A and N == A; the max runs over each row's actions."""
    rng = np.random.default_rng(621)
    rewards = rng.normal(size=5)
    next_q = rng.normal(size=(5, 3)) * 4.0
    dones = np.array([0.0, 1.0, 0.0, 0.0, 1.0])
    _check(
        student,
        rewards,
        next_q,
        dones,
        0.99,
        "td_targets for a random batch: rewards (5,), next_q (5, 3), gamma=0.99",
        "The max is over the actions of each next state: axis=1 of next_q.",
    )
    rewards = rng.normal(size=4)
    next_q = -np.abs(rng.normal(size=(4, 4))) - 1.0  # all negative: a real max, not 0
    _check(
        student,
        rewards,
        next_q,
        np.zeros(4),
        0.5,
        "td_targets for next_q of shape (4, 4), all entries negative, gamma=0.5",
        "The max is over the actions of each next state: axis=1 of next_q.",
    )


@test_case(points=3)
def terminal_transitions(student):
    """A terminal transition's target is its reward, for float and for boolean done flags."""
    rewards = np.array([1.0, 1.0, 10.0, -5.0])
    next_q = np.array([[7.0, 3.0], [2.0, 9.0], [100.0, 50.0], [1.0, 1.0]])
    dones = np.array([1.0, 0.0, 1.0, 1.0])
    _check(
        student, rewards, next_q, dones, 0.99, "td_targets with float dones [1, 0, 1, 1]", TERMINAL
    )
    _check(
        student,
        rewards,
        next_q,
        np.array([True, False, True, True]),
        0.99,
        "td_targets with boolean dones [True, False, True, True]",
        "dones may be booleans or floats: np.asarray(dones, dtype=float) turns both into 0/1.",
    )
    _check(
        student,
        rewards,
        next_q,
        np.array([False, False, False, False]),
        0.99,
        "td_targets with boolean dones, all False",
        "dones may be booleans or floats: np.asarray(dones, dtype=float) turns both into 0/1.",
    )


@test_case(points=2)
def gamma_zero_and_one(student):
    """gamma = 0 gives the rewards; gamma = 1 adds the undiscounted best next value."""
    rewards = np.array([0.5, -1.0, 2.0])
    next_q = np.array([[1.0, 4.0, 2.0], [0.0, -3.0, 6.0], [5.0, 5.0, 5.0]])
    dones = np.array([0.0, 0.0, 1.0])
    _check(student, rewards, next_q, dones, 0.0, "td_targets with gamma=0.0 (targets = rewards)")
    _check(student, rewards, next_q, dones, 1.0, "td_targets with gamma=1.0")


@test_case(points=2)
def batch_of_one_and_ties(student):
    """One transition gives shape (1,); tied next-state values give that value."""
    _check(
        student,
        np.array([0.25]),
        np.array([[3.0, 3.0]]),
        np.array([0.0]),
        0.9,
        "td_targets for a batch of one transition with tied next_q [[3, 3]]",
        "The result has shape (N,) = (1,): one target per transition.",
    )
    _check(
        student,
        np.array([2.0]),
        np.array([[-1.0, 5.0, -2.0]]),
        np.array([True]),
        0.9,
        "td_targets for a batch of one terminal transition (dones=[True])",
        TERMINAL,
    )


@test_case(points=1)
def inputs_unchanged(student):
    """td_targets does not modify rewards, next_q or dones."""
    _check(
        student,
        np.array([1.0, 2.0]),
        np.array([[0.0, 1.0], [2.0, -1.0]]),
        np.array([0.0, 1.0]),
        0.9,
        "td_targets(rewards=[1, 2], next_q=[[0, 1], [2, -1]], dones=[0, 1], gamma=0.9)",
    )
