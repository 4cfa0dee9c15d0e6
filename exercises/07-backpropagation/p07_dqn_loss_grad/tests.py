"""Hidden tests for p07_dqn_loss_grad."""

import numpy as np

from grader.testing import (
    check_against_reference,
    check_cases,
    expect_array,
    gradient_check,
    test_case,
)


def _ref(q, actions, targets):
    out = np.zeros(q.shape)
    N = q.shape[0]
    for i, a in enumerate(np.asarray(actions).tolist()):
        out[i, a] = 2.0 * (q[i, a] - targets[i]) / N
    return out


def _loss(q, actions, targets):
    return float(np.mean((q[np.arange(len(actions)), actions] - targets) ** 2))


@test_case(points=2)
def by_hand(student):
    """Two transitions, two actions: only the entries of the actions taken are nonzero."""
    q = np.array([[1.0, 3.0], [0.5, -1.0]])
    actions = np.array([1, 0], dtype=np.int64)
    targets = np.array([2.0, 1.5])
    check_cases(
        student.dqn_loss_grad, [((q, actions, targets), np.array([[0.0, 1.0], [-1.0, 0.0]]))]
    )


@test_case(points=2)
def mean_over_the_batch(student):
    """A batch of 5: every entry carries 2/N; a batch of 1 carries 2."""
    rng = np.random.default_rng(92)
    q = rng.standard_normal((5, 3))
    actions = np.array([2, 2, 0, 1, 2], dtype=np.int64)
    targets = rng.standard_normal(5)
    got = student.dqn_loss_grad(q, actions, targets)
    try:
        expect_array(got, _ref(q, actions, targets), dtype="float")
    except AssertionError as exc:
        hint = ""
        if isinstance(got, np.ndarray) and np.allclose(got, 5 * _ref(q, actions, targets)):
            hint = " Diagnosis: 5 times too large. The loss is a mean over the N = 5 transitions: divide by N."
        raise AssertionError(str(exc) + hint) from None
    check_cases(
        student.dqn_loss_grad,
        [
            (
                (np.array([[0.0, 2.0, 1.0]]), np.array([1], dtype=np.int64), np.array([-1.0])),
                np.array([[0.0, 6.0, 0.0]]),
            )
        ],
    )


@test_case(points=3)
def gradient_check_and_random_batches(student):
    """Against central differences of the loss, and random batches with int32 actions."""
    rng = np.random.default_rng(93)
    q = rng.standard_normal((6, 4))
    actions = rng.integers(0, 4, size=6).astype(np.int64)
    targets = rng.standard_normal(6)
    analytic = student.dqn_loss_grad(q, actions, targets)
    gradient_check(lambda v: _loss(v, actions, targets), q, analytic)
    check_against_reference(
        student.dqn_loss_grad,
        _ref,
        lambda r: (
            r.standard_normal((8, 2)),
            r.integers(0, 2, size=8).astype(np.int32),
            r.standard_normal(8),
        ),
    )


@test_case(points=2)
def inputs_unchanged(student):
    """q, actions and targets are unchanged afterwards."""
    rng = np.random.default_rng(94)
    student.dqn_loss_grad(
        rng.standard_normal((4, 2)), np.array([0, 1, 1, 0], dtype=np.int64), rng.standard_normal(4)
    )
