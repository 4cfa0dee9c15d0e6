import math

import numpy as np

from grader.testing import call_unmodified, expect_array, expect_scalar, expect_tuple, test_case


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


def _problem(seed, n, d=4, h1=8, h2=5, k=3, scale=1.0):
    rng = np.random.default_rng(seed)
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


def _run_forward(student, X, params, label):
    out = call_unmodified(student.actor_critic_forward, X, params)
    return expect_tuple(out, 2, name=f"actor_critic_forward(X, params) {label}")


def _run_losses(student, X, params, returns, actions, label):
    out = call_unmodified(student.actor_critic_losses, X, params, returns, actions)
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
    """Random networks of several widths: values (N,) and logits (N, K) match the equations."""
    for seed, n, d, h1, h2, k in [(11, 7, 4, 8, 5, 3), (12, 16, 3, 6, 6, 4), (13, 5, 8, 3, 9, 2)]:
        X, params, _, _ = _problem(seed, n, d, h1, h2, k)
        want_v, want_l = _forward(X, params)
        shapes = f"X {X.shape}, hidden {h1} and {h2}, K = {k}"
        values, logits = _run_forward(student, X, params, f"for {shapes}")
        expect_array(values, want_v, name=f"values for {shapes}")
        expect_array(logits, want_l, name=f"logits for {shapes}")


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
    """MSE and cross-entropy on random batches match the formulas."""
    for seed, n, k in [(31, 8, 3), (32, 20, 5), (33, 3, 2)]:
        X, params, returns, actions = _problem(seed, n, k=k)
        want = _losses(X, params, returns, actions)
        got = _run_losses(student, X, params, returns, actions, f"for N = {n}, K = {k}")
        expect_scalar(got[0], want[0], name=f"value_loss for a random batch (N = {n})")
        expect_scalar(got[1], want[1], name=f"policy_loss for a random batch (N = {n}, K = {k})")


@test_case(points=1)
def value_loss_compares_each_state_with_its_return(student):
    """The value loss pairs value i with return i (no (N, 1) - (N,) broadcast)."""
    X, params, returns, actions = _problem(41, 6)
    values, _ = _forward(X, params)
    want = _losses(X, params, returns, actions)[0]
    every_pair = float(np.mean((values[:, None] - returns[None, :]) ** 2))
    value_loss, _ = _run_losses(student, X, params, returns, actions, "for N = 6")
    got = float(value_loss) if type(value_loss) in (float, np.float64) else None
    if got is not None and abs(got - every_pair) <= 1e-9 * max(1.0, abs(every_pair)):
        raise AssertionError(
            f"value_loss for N = 6: expected {want!r}, got {got!r}, which is the mean over "
            "every (value, return) pair: an (N, 1) column minus an (N,) vector broadcasts "
            "to an (N, N) matrix. Make the values shape (N,) before subtracting."
        )
    expect_scalar(value_loss, want, name="value_loss for N = 6")


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
    policy_loss = float(got[1]) if type(got[1]) in (float, np.float64) else got[1]
    if type(policy_loss) is float and not math.isfinite(policy_loss):
        raise AssertionError(
            f"policy_loss with logits up to 1e4: expected {1e4 / 3!r}, got {policy_loss!r}. "
            "exp(1e4) overflows and a probability of exp(-1e4) underflows to 0, whose log "
            "is -inf: compute log-softmax directly (subtract each row's max, then the log of "
            "the sum of exps)."
        )
    expect_scalar(got[0], 0.0, name="value_loss with logits up to 1e4")
    expect_scalar(policy_loss, 1e4 / 3, name="policy_loss with logits up to 1e4")


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
        a, b = once[i], twice[i]
        if type(a) in (float, np.float64) and type(b) in (float, np.float64):
            if abs(float(b) - float(a)) > 1e-9 * max(1.0, abs(float(a))):
                raise AssertionError(
                    f"{what}: {float(a)!r} for a batch of 5 samples but {float(b)!r} for the "
                    "same 5 samples repeated twice. The loss is a mean over the batch, and a "
                    "mean over the batch must not change when every sample is repeated; "
                    "divide by N (np.mean) instead of summing."
                )
        expect_scalar(a, want[i], name=f"{what} for N = 5")
        expect_scalar(b, want[i], name=f"{what} for the same batch repeated twice")
