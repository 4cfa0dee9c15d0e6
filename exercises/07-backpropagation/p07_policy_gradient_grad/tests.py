"""Hidden tests for p07_policy_gradient_grad."""

import math

import numpy as np

from grader.testing import check_against_reference, check_cases, gradient_check, test_case


def _ref(logits, actions, advantages):
    rows = np.asarray(logits, dtype=float).tolist()
    N = len(rows)
    out = []
    for row, a, adv in zip(rows, np.asarray(actions).tolist(), np.asarray(advantages).tolist()):
        m = max(row)
        e = [math.exp(v - m) for v in row]
        s = math.fsum(e)
        out.append([adv * (ek / s - (1.0 if k == a else 0.0)) / N for k, ek in enumerate(e)])
    return np.array(out)


def _loss(logits, actions, advantages):
    z = logits - logits.max(axis=1, keepdims=True)
    logp = z - np.log(np.sum(np.exp(z), axis=1, keepdims=True))
    return float(-np.mean(advantages * logp[np.arange(len(actions)), actions]))


@test_case(points=2)
def by_hand(student):
    """Equal logits for 2 actions: rows (A_i / N) * (0.5 - onehot)."""
    logits = np.zeros((2, 2))
    actions = np.array([0, 1], dtype=np.int64)
    advantages = np.array([2.0, -1.0])
    check_cases(
        student.pg_logits_grad,
        [((logits, actions, advantages), np.array([[-0.5, 0.5], [-0.25, 0.25]]))],
    )


@test_case(points=3)
def gradient_check_of_the_loss(student):
    """Against central differences of the policy-gradient loss, N = 3 = K included."""
    rng = np.random.default_rng(95)
    for N, K in ((5, 3), (3, 3)):
        logits = rng.standard_normal((N, K))
        actions = rng.integers(0, K, size=N).astype(np.int64)
        advantages = rng.standard_normal(N) * 2.0
        analytic = student.pg_logits_grad(logits, actions, advantages)
        gradient_check(lambda z, a=actions, w=advantages: _loss(z, a, w), logits, analytic)


@test_case(points=2)
def confident_policy_stays_finite(student):
    """Logits of +-1e4 (a nearly deterministic policy) give finite gradients."""
    logits = np.array([[1e4, 0.0, -1e4], [0.0, 1e4, 1e4]])
    check_cases(
        student.pg_logits_grad,
        [
            (
                (logits, np.array([2, 1], dtype=np.int64), np.array([1.0, 0.5])),
                _ref(logits, [2, 1], [1.0, 0.5]),
            )
        ],
    )


@test_case(points=2)
def random_batches(student):
    """Random batches with int32 actions against a loop reference."""
    check_against_reference(
        student.pg_logits_grad,
        _ref,
        lambda r: (
            r.standard_normal((7, 4)) * 3,
            r.integers(0, 4, size=7).astype(np.int32),
            r.standard_normal(7),
        ),
    )
