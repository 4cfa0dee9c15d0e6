"""Hidden tests for p07_debug_q_head."""

import numpy as np

from grader.testing import expect_array, expect_tuple, gradient_check, test_case


def _ref(features, W, b, actions, targets):
    N = features.shape[0]
    rows = np.arange(N)
    q = features @ W + b
    dq = np.zeros(q.shape)
    dq[rows, actions] = 2.0 * (q[rows, actions] - targets) / N
    return features.T @ dq, dq.sum(axis=0)


def _loss(features, W, b, actions, targets):
    q = features @ W + b
    return float(np.mean((q[np.arange(len(actions)), actions] - targets) ** 2))


def _batch(seed, N, D, A):
    rng = np.random.default_rng(seed)
    return (
        rng.standard_normal((N, D)),
        rng.standard_normal((D, A)) * 0.5,
        rng.standard_normal(A) * 0.1,
        rng.integers(0, A, size=N).astype(np.int64),
        rng.standard_normal(N),
    )


def _check(student, args, label):
    got = expect_tuple(student.q_head_grads(*args), 2)
    N = args[0].shape[0]
    for name, g, want in zip(("dW", "db"), got, _ref(*args)):
        try:
            expect_array(g, want, name=f"{name} of q_head_grads for {label}", dtype="float")
        except AssertionError as exc:
            hint = ""
            if isinstance(g, np.ndarray) and g.shape == want.shape and N > 1:
                if np.allclose(g, N * want):
                    hint = (
                        f" Diagnosis: {N} times too large, one factor N = batch size. The loss is a "
                        "mean over the batch, so every transition's gradient carries 1/N; without "
                        "it you get the gradient of the sum, and the learning rate silently "
                        "scales with the batch size. A test with N = 1 cannot see this."
                    )
            elif isinstance(g, np.ndarray) and name == "dW" and g.shape == want.shape[::-1]:
                hint = (
                    " Diagnosis: dW has the shape of W.T. A gradient has the shape of its "
                    "variable: W is (D, A), and features (N, D) with dq (N, A) give it as "
                    "features.T @ dq, a sum over the batch."
                )
            raise AssertionError(str(exc) + hint) from None


@test_case(points=2)
def one_transition_two_by_two(student):
    """The teammate's case: N = 1, D = A = 2, now checked by value."""
    _check(student, _batch(100, 1, 2, 2), "one transition, D = A = 2")


@test_case(points=4)
def replay_batch(student):
    """A replay batch of 32 with 64 features and 2 actions (N, D, A all different)."""
    _check(student, _batch(101, 32, 64, 2), "a batch of 32, D = 64, A = 2")


@test_case(points=2)
def square_head_batch(student):
    """N = 5 with D = A = 3: the shapes alone cannot catch a transposed dW."""
    _check(student, _batch(102, 5, 3, 3), "a batch of 5, D = A = 3")


@test_case(points=2)
def gradient_check_of_the_head(student):
    """dW and db against central differences of the DQN loss (batch of 4, D = 3, A = 2)."""
    features, W, b, actions, targets = _batch(103, 4, 3, 2)
    dW, db = expect_tuple(student.q_head_grads(features, W, b, actions, targets), 2)
    gradient_check(
        lambda w: _loss(features, w, b, actions, targets), W, dW, name="dW of q_head_grads"
    )
    gradient_check(
        lambda c: _loss(features, W, c, actions, targets), b, db, name="db of q_head_grads"
    )
