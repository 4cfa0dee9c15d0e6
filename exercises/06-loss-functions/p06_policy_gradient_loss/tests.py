import math

import numpy as np

from grader.testing import call_unmodified, expect_scalar, test_case


def _advised(exc, advice):
    """The helper's message plus our advice: on its own line after a multi-line message."""
    text = str(exc)
    if not advice:
        return AssertionError(text)
    return AssertionError(text + ("\n" if "\n" in text else " ") + advice)


def _ref(logits, actions, advantages, beta=0.0):
    # Independent reference: per row with Python floats and exact sums.
    terms, entropies = [], []
    for row, a, adv in zip(
        np.asarray(logits, dtype=float).tolist(),
        [int(v) for v in np.asarray(actions).tolist()],
        np.asarray(advantages, dtype=float).tolist(),
    ):
        m = max(row)
        lse = m + math.log(math.fsum(math.exp(v - m) for v in row))
        logp = [v - lse for v in row]
        terms.append(adv * logp[a])
        entropies.append(-math.fsum(math.exp(lp) * lp for lp in logp))
    n = len(terms)
    return -math.fsum(terms) / n - beta * math.fsum(entropies) / n


def _check(student, logits, actions, advantages, name, *beta, advice=""):
    out = call_unmodified(student.policy_gradient_loss, logits, actions, advantages, *beta)
    if type(out) is np.ndarray and out.ndim > 0:
        raise AssertionError(f"{name}: expected one number, got an array of shape {out.shape}.")
    want = _ref(logits, actions, advantages, *beta)
    try:
        expect_scalar(out, want, name=name)
    except AssertionError as exc:
        if type(out) in (float, np.float64) and abs(float(out) + want) <= 1e-9 * max(1, abs(want)):
            advice = "Your loss has the opposite sign: minimise -A * log pi(a|s) - beta * H."
        raise _advised(exc, advice) from None


@test_case(points=2)
def known_values(student):
    """Probabilities [1/4, 3/4], action 1, advantage 2: -2 log(3/4)."""
    logits = np.array([[0.0, math.log(3.0)]])
    _check(
        student,
        logits,
        np.array([1], dtype=np.int64),
        np.array([2.0]),
        "policy_gradient_loss for the prompt's example",
    )


@test_case(points=2)
def advantages_weight_each_row(student):
    """A random batch with positive and negative advantages."""
    rng = np.random.default_rng(671)
    logits = rng.normal(size=(5, 3)) * 2.0
    actions = rng.integers(0, 3, size=5).astype(np.int64)
    advantages = np.array([1.5, -2.0, 0.0, 0.3, -0.7])
    _check(
        student,
        logits,
        actions,
        advantages,
        "policy_gradient_loss for a random (5, 3) batch",
        advice="Weight log pi(a_i | s_i) of each row by its own advantage A_i, then average.",
    )


@test_case(points=2)
def entropy_bonus(student):
    """The entropy term is subtracted, scaled by entropy_coef."""
    logits = np.array([[0.0, math.log(3.0)]])
    _check(
        student,
        logits,
        np.array([1], dtype=np.int64),
        np.array([2.0]),
        "policy_gradient_loss for the prompt's example, entropy_coef=0.1",
        0.1,
        advice="Subtract entropy_coef * mean entropy, with H = -sum(p * log p) per row.",
    )
    rng = np.random.default_rng(672)
    logits = rng.normal(size=(4, 5))
    actions = np.array([4, 0, 2, 2], dtype=np.int32)
    _check(
        student,
        logits,
        actions,
        rng.normal(size=4),
        "policy_gradient_loss, random (4, 5), int32 actions, entropy_coef=0.01",
        0.01,
        advice="Subtract entropy_coef * mean entropy, with H = -sum(p * log p) per row.",
    )


@test_case(points=3)
def stable_for_logits_of_1e4(student):
    """A near-deterministic policy: finite values even where a probability underflows to 0."""
    logits = np.array([[1e4, 0.0, -1e4], [-1e4, 1e4, 1e4]])
    actions = np.array([1, 0], dtype=np.int64)
    _check(
        student,
        logits,
        actions,
        np.array([0.5, -1.0]),
        "policy_gradient_loss for logits of +-1e4, entropy_coef=0.01",
        0.01,
        advice="Use log-softmax (z - m - log sum exp(z - m)), never np.log(softmax(z)): "
        "e^-1e4 rounds to 0 and log 0 = -inf.",
    )


@test_case(points=1)
def batch_of_one_and_zero_advantage(student):
    """A batch of one with advantage 0 and no entropy bonus gives 0."""
    _check(
        student,
        np.array([[3.0, -1.0, 0.5]]),
        np.array([2], dtype=np.int64),
        np.array([0.0]),
        "policy_gradient_loss with advantage 0",
    )
