import math

import numpy as np

from grader.testing import call_unmodified, expect_scalar, test_case


def _advised(exc, advice):
    """The helper's message plus our advice: on its own line after a multi-line message."""
    text = str(exc)
    if not advice:
        return AssertionError(text)
    return AssertionError(text + ("\n" if "\n" in text else " ") + advice)


def _dqn_ref(q, actions, targets):
    # Independent reference: a loop over the batch with Python floats.
    rows = np.asarray(q, dtype=float).tolist()
    acts = [int(a) for a in np.asarray(actions).tolist()]
    ys = np.asarray(targets, dtype=float).tolist()
    return math.fsum((row[a] - y) ** 2 for row, a, y in zip(rows, acts, ys)) / len(ys)


def _diagnose(got, q, actions, targets):
    """Name a known mistake if the student's loss matches it, else ''."""
    q = np.asarray(q, dtype=float)
    wrong = [
        (
            np.mean((q[:, actions] - targets) ** 2),
            "q[:, actions] takes whole columns, an (N, N) array; pick one entry per row with "
            "q[np.arange(N), actions].",
        ),
        (
            np.mean((q.max(axis=1) - targets) ** 2),
            "You compared the best action's Q-value; the loss uses the action that was taken, "
            "q[i, actions[i]].",
        ),
        (
            np.mean((q - targets[:, None]) ** 2),
            "Only the taken action has a target: the other actions' Q-values must not enter "
            "the loss.",
        ),
    ]
    for want, advice in wrong:
        if abs(got - want) <= 1e-9 * max(1.0, abs(want)):
            return advice
    return ""


def _check(student, q, actions, targets, name, advice=""):
    out = call_unmodified(student.dqn_loss, q, actions, targets)
    want = _dqn_ref(q, actions, targets)
    if type(out) is np.ndarray and out.ndim > 0:
        raise AssertionError(
            f"{name}: expected one number (the mean over the batch), got an array of shape "
            f"{out.shape}."
        )
    try:
        expect_scalar(out, want, name=name)
    except AssertionError as exc:
        if type(out) in (float, np.float64) and math.isfinite(float(out)):
            advice = _diagnose(float(out), q, actions, targets) or advice
        raise _advised(exc, advice) from None


@test_case(points=2)
def known_values(student):
    """The prompt's example: Q-values [2, 3] against targets [2.5, 1] give 2.125."""
    _check(
        student,
        np.array([[1.0, 2.0], [3.0, -1.0]]),
        np.array([1, 0], dtype=np.int64),
        np.array([2.5, 1.0]),
        "dqn_loss(q=[[1, 2], [3, -1]], actions=[1, 0], targets=[2.5, 1])",
    )


@test_case(points=3)
def random_batches(student):
    """Random batches with N > A, N < A and N == A."""
    rng = np.random.default_rng(631)
    for n, a in ((6, 3), (2, 5), (4, 4)):
        q = rng.normal(size=(n, a)) * 3.0
        actions = rng.integers(0, a, size=n).astype(np.int64)
        targets = rng.normal(size=n) * 3.0
        _check(
            student,
            q,
            actions,
            targets,
            f"dqn_loss for random q of shape ({n}, {a})",
            "Pick q[i, actions[i]] for every row i, then average the squared errors.",
        )


@test_case(points=2)
def other_actions_do_not_matter(student):
    """Changing the Q-values of actions that were not taken does not change the loss."""
    actions = np.array([2, 0, 1], dtype=np.int64)
    targets = np.array([1.0, -2.0, 0.5])
    q = np.array([[0.0, 0.0, 1.5], [-1.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    _check(student, q, actions, targets, "dqn_loss for q = [[0, 0, 1.5], [-1, 0, 0], [0, 0, 0]]")
    q2 = q.copy()
    q2[0, 0], q2[1, 2], q2[2, 2] = 100.0, -50.0, 7.0  # entries of actions not taken
    _check(
        student,
        q2,
        actions,
        targets,
        "dqn_loss after changing only Q-values of actions not taken",
        "Only the taken action has a target: the other actions' Q-values must not enter the loss.",
    )


@test_case(points=2)
def int32_actions_and_batch_of_one(student):
    """int32 actions (the browser's default) work; a batch of one gives one float."""
    rng = np.random.default_rng(632)
    q = rng.normal(size=(5, 3))
    actions = np.array([0, 2, 2, 1, 0], dtype=np.int32)
    targets = rng.normal(size=5)
    _check(student, q, actions, targets, "dqn_loss for actions of dtype int32")
    _check(
        student,
        np.array([[0.5, -4.0, 2.0]]),
        np.array([1], dtype=np.int64),
        np.array([-1.0]),
        "dqn_loss for a batch of one: q = [[0.5, -4, 2]], actions = [1], targets = [-1]",
    )


@test_case(points=2)
def perfect_fit_and_large_values(student):
    """Zero loss when the taken actions' Q-values equal the targets; returns of size 1e4."""
    q = np.array([[10.0, 3.0], [-2.0, 8.0], [4.0, 4.0]])
    actions = np.array([0, 1, 1], dtype=np.int64)
    _check(
        student, q, actions, np.array([10.0, 8.0, 4.0]), "dqn_loss when Q(s, a) equals the targets"
    )
    q = np.array([[1e4, -1e4], [2.5e4, 0.0]])
    _check(
        student,
        q,
        np.array([1, 0], dtype=np.int64),
        np.array([-1e4 + 3.0, 2.5e4 - 1.0]),
        "dqn_loss for Q-values of size 1e4 with errors 3 and 1",
    )


@test_case(points=1)
def inputs_unchanged(student):
    """dqn_loss does not modify q, actions or targets."""
    _check(
        student,
        np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]),
        np.array([2, 0], dtype=np.int64),
        np.array([0.0, 1.0]),
        "dqn_loss(q=[[1, 2, 3], [4, 5, 6]], actions=[2, 0], targets=[0, 1])",
    )
