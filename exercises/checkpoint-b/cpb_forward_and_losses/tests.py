import math

import numpy as np

from grader.testing import (
    check_against_reference,
    expect_array,
    expect_scalar,
    expect_tuple,
    test_case,
)


def _forward(X, params):
    """Independent reference: the torso and both linear heads."""
    (W1, b1), (W2, b2), (Wv, bv), (Wp, bp) = params
    H = np.maximum(X @ W1 + b1, 0.0)
    H = np.maximum(H @ W2 + b2, 0.0)
    return (H @ Wv + bv).reshape(-1), H @ Wp + bp


def _cross_entropy(logits, actions):
    """Mean of log-sum-exp minus the true logit, one row (and Python floats) at a time."""
    losses = []
    for row, a in zip(logits.tolist(), actions.tolist()):
        m = max(row)
        lse = m + math.log(math.fsum(math.exp(v - m) for v in row))
        losses.append(lse - row[a])
    return math.fsum(losses) / len(losses)


def _losses(X, params, returns, actions):
    values, logits = _forward(X, params)
    mse = math.fsum(((values - returns) ** 2).tolist()) / len(returns)
    return mse, _cross_entropy(logits, actions)


def _problem(seed, n, d=4, h1=8, h2=5, k=3, scale=1.0, rng=None):
    rng = np.random.default_rng(seed) if rng is None else rng
    X = rng.normal(size=(n, d))
    params = [
        (rng.normal(size=(d, h1)) * scale, rng.normal(size=h1)),
        (rng.normal(size=(h1, h2)), rng.normal(size=h2)),
        (rng.normal(size=(h2, 1)), rng.normal(size=1)),
        (rng.normal(size=(h2, k)), rng.normal(size=k)),
    ]
    returns = rng.normal(size=n) * 3.0
    actions = rng.integers(0, k, size=n).astype(np.int64)
    return X, params, returns, actions


def _example():
    X = np.array([[1.0, 2.0], [0.0, -1.0]])
    params = [
        (np.array([[1.0, -1.0], [0.5, 1.0]]), np.array([0.0, -1.0])),
        (np.array([[1.0, 0.0], [-1.0, 2.0]]), np.array([0.0, 0.0])),
        (np.array([[1.0], [-0.5]]), np.array([0.25])),
        (np.array([[1.0, 0.0, -1.0], [0.0, 1.0, 1.0]]), np.array([0.0, 0.0, 0.0])),
    ]
    return X, params, np.array([1.0, 0.0]), np.array([0, 1], dtype=np.int64)


def _random_problem(rng):
    """A batch and a network of random sizes: (X, params, returns, actions)."""
    n, d, h1, h2 = (int(v) for v in rng.integers(2, 17, size=4))
    return _problem(None, n, d, h1, h2, k=int(rng.integers(2, 6)), rng=rng)


def _run_forward(student, X, params, label):
    out = student.actor_critic_forward(X, params)
    return expect_tuple(out, 2, name=f"actor_critic_forward(X, params) {label}")


def _run_losses(student, X, params, returns, actions, label):
    out = student.actor_critic_losses(X, params, returns, actions)
    return expect_tuple(out, 2, name=f"actor_critic_losses(X, params, returns, actions) {label}")


@test_case(points=2)
def prompt_example(student):
    """The example from the prompt: both outputs and both losses."""
    X, params, returns, actions = _example()
    values, logits = _run_forward(student, X, params, "for the prompt example")
    expect_array(values, [2.25, 0.25], name="values for the prompt example", dtype="float")
    expect_array(logits, [[2.0, 0.0, -2.0], [0.0, 0.0, 0.0]], name="logits for the prompt example")
    value_loss, policy_loss = _run_losses(student, X, params, returns, actions, "for the example")
    expect_scalar(value_loss, 0.8125, name="value_loss for the prompt example")
    expect_scalar(
        policy_loss,
        (math.log(1 + math.exp(-2) + math.exp(-4)) + math.log(3)) / 2,
        name="policy_loss for the prompt example",
    )


@test_case(points=2)
def forward_on_random_batches(student):
    """Random networks of random widths: (values (N,), logits (N, K)) match the equations."""
    check_against_reference(
        student.actor_critic_forward,
        _forward,
        lambda rng: _random_problem(rng)[:2],
        seeds=(11, 12, 13, 14),
    )


@test_case(points=1)
def heads_are_linear(student):
    """Negative values and negative logits come out unchanged: no ReLU on the heads."""
    X = np.array([[1.0, 1.0], [2.0, 0.5]])
    eye = np.eye(2)
    params = [
        (eye.copy(), np.zeros(2)),
        (eye.copy(), np.zeros(2)),
        (np.array([[-1.0], [-2.0]]), np.array([-0.5])),
        (np.array([[-1.0, 1.0, 0.0], [0.0, -3.0, 0.0]]), np.array([0.0, 0.0, -1.0])),
    ]
    want_v, want_l = _forward(X, params)
    values, logits = _run_forward(student, X, params, "with negative head weights")
    expect_array(
        values, want_v, name="values with negative head weights (the value head is linear)"
    )
    expect_array(
        logits, want_l, name="logits with negative head weights (the policy head is linear)"
    )


@test_case(points=1)
def batch_of_one(student):
    """One state: values has shape (1,), logits (1, K), and the losses still work."""
    X, params, returns, actions = _problem(21, 1, k=4)
    want_v, want_l = _forward(X, params)
    values, logits = _run_forward(student, X, params, "for a batch of one state")
    expect_array(values, want_v, name="values for a batch of one state, X (1, 4)")
    expect_array(logits, want_l, name="logits for a batch of one state, X (1, 4)")
    want = _losses(X, params, returns, actions)
    got = _run_losses(student, X, params, returns, actions, "for a batch of one state")
    expect_scalar(got[0], want[0], name="value_loss for a batch of one state")
    expect_scalar(got[1], want[1], name="policy_loss for a batch of one state")


@test_case(points=2)
def losses_on_random_batches(student):
    """(value_loss, policy_loss) on random batches match the MSE and the cross-entropy."""
    check_against_reference(
        student.actor_critic_losses, _losses, _random_problem, seeds=(31, 32, 33, 34)
    )


def _number(value):
    """A student's loss as a Python float, or None if it is not a plain float."""
    return float(value) if type(value) in (float, np.float64) else None


def _close(a, b):
    return a is not None and abs(a - b) <= 1e-9 * max(1.0, abs(b))


@test_case(points=1)
def each_sample_is_paired_with_its_own_target(student):
    """Value i meets return i and row i meets label i: no (N, N) broadcast or block."""
    X, params, returns, actions = _problem(41, 6, k=4)
    values, logits = _forward(X, params)
    want = _losses(X, params, returns, actions)
    every_value_pair = float(np.mean((values[:, None] - returns[None, :]) ** 2))
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    every_label_pair = float(-np.mean(log_probs[:, actions]))
    value_loss, policy_loss = _run_losses(student, X, params, returns, actions, "for N = 6")
    if _close(_number(value_loss), every_value_pair):
        raise AssertionError(
            f"value_loss for N = 6: expected {want[0]!r}, got {_number(value_loss)!r}, which is "
            "the mean over every (value, return) pair: an (N, 1) column minus an (N,) vector "
            "broadcasts to an (N, N) matrix. Make the values shape (N,) before subtracting."
        )
    if _close(_number(policy_loss), every_label_pair):
        raise AssertionError(
            f"policy_loss for N = 6: expected {want[1]!r}, got {_number(policy_loss)!r}, which "
            "averages every row's log-probability of every label: log_probs[:, actions] picks "
            "an (N, N) block. Pick one entry per row with log_probs[np.arange(N), actions]."
        )
    expect_scalar(value_loss, want[0], name="value_loss for N = 6")
    expect_scalar(policy_loss, want[1], name="policy_loss for N = 6")


@test_case(points=2)
def cross_entropy_is_stable_for_large_logits(student):
    """Logits of +-1e4: the policy loss is finite and exact (log-softmax, not log(softmax))."""
    X = np.array([[1.0, 0.0], [0.0, 1.0], [2.0, 0.0]])
    eye = np.eye(2)
    params = [
        (eye.copy(), np.zeros(2)),
        (eye.copy(), np.zeros(2)),
        (np.array([[1.0], [1.0]]), np.array([0.0])),
        (np.array([[5000.0, -5000.0, 0.0], [-5000.0, 5000.0, 0.0]]), np.zeros(3)),
    ]
    returns = np.array([1.0, 1.0, 2.0])
    actions = np.array([1, 1, 0], dtype=np.int64)  # row 0: a logit 1e4 below the max
    got = _run_losses(student, X, params, returns, actions, "with logits up to 1e4")
    policy_loss = _number(got[1])
    if policy_loss is not None and not math.isfinite(policy_loss):
        raise AssertionError(
            f"policy_loss with logits up to 1e4: expected {1e4 / 3!r}, got {policy_loss!r}. "
            "exp(1e4) overflows and a probability of exp(-1e4) underflows to 0, whose log "
            "is -inf: compute log-softmax directly (subtract each row's max, then the log of "
            "the sum of exps)."
        )
    expect_scalar(got[0], 0.0, name="value_loss with logits up to 1e4")
    expect_scalar(got[1], 1e4 / 3, name="policy_loss with logits up to 1e4")


@test_case(points=1)
def losses_are_means_over_the_batch(student):
    """Repeating every sample of a batch twice leaves both losses unchanged."""
    X, params, returns, actions = _problem(51, 5, k=4)
    once = _run_losses(student, X, params, returns, actions, "for N = 5")
    twice = _run_losses(
        student,
        np.concatenate([X, X]),
        params,
        np.concatenate([returns, returns]),
        np.concatenate([actions, actions]),
        "for the same batch repeated (N = 10)",
    )
    want = _losses(X, params, returns, actions)
    for i, what in enumerate(("value_loss", "policy_loss")):
        a, b = _number(once[i]), _number(twice[i])
        if a is not None and b is not None and not _close(b, a):
            raise AssertionError(
                f"{what}: {a!r} for a batch of 5 samples but {b!r} for the "
                "same 5 samples repeated twice. The loss is a mean over the batch, and a "
                "mean over the batch must not change when every sample is repeated; "
                "divide by N (np.mean) instead of summing."
            )
        expect_scalar(once[i], want[i], name=f"{what} for N = 5")
        expect_scalar(twice[i], want[i], name=f"{what} for the same batch repeated twice")
