import math

import numpy as np

from grader.testing import call_unmodified, expect_array, expect_true, test_case


def _net(sizes, seed):
    rng = np.random.default_rng(seed)
    return [
        (rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out)), rng.normal(0.0, 0.1, n_out))
        for n_in, n_out in zip(sizes[:-1], sizes[1:])
    ]


def _softmax_rows(Z):
    out = np.empty_like(Z)
    for i, row in enumerate(Z.tolist()):  # softmax row by row with Python floats
        m = max(row)
        e = [math.exp(v - m) for v in row]
        s = math.fsum(e)
        out[i] = [v / s for v in e]
    return out


def _reference(X, params, *, relu_logits=False):
    A = np.array(X, dtype=float)
    for i, (W, b) in enumerate(params):
        A = A @ W + b
        if i < len(params) - 1 or relu_logits:
            A = np.where(A > 0, A, 0.0)
    return _softmax_rows(A)


def _check(student, X, params, label):
    got = call_unmodified(student.policy_forward, X, params)
    name = f"policy_forward(X, params) for {label}"
    expected = _reference(X, params)
    if isinstance(got, np.ndarray) and got.shape == expected.shape and got.dtype.kind == "f":
        sums = np.sum(np.asarray(got, dtype=float), axis=-1)
        expect_true(
            bool(np.all(~np.isfinite(sums) | (np.abs(sums - 1.0) < 1e-9))),
            f"{name}: every row (one state) must sum to 1 over its actions; the row sums were "
            f"{np.round(sums[:5], 6).tolist()}. Normalise along the last axis, with keepdims=True.",
        )
    try:
        expect_array(got, expected, name=name, dtype="float")
    except AssertionError as exc:
        hint = ""
        wrong = _reference(X, params, relu_logits=True)
        if isinstance(got, np.ndarray) and got.shape == wrong.shape and np.allclose(got, wrong):
            hint = (
                " Diagnosis: a ReLU was applied to the logits. The last layer is linear: "
                "negative logits are meaningful (they make an action less likely)."
            )
        raise AssertionError(str(exc) + hint) from None


@test_case(points=2)
def one_layer_policy(student):
    """With a single layer the probabilities are softmax(X @ W + b), per row."""
    X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    W = np.array([[math.log(2.0), 0.0, 0.0], [0.0, 0.0, math.log(5.0)]])
    b = np.zeros(3)
    got = call_unmodified(student.policy_forward, X, [(W, b)])
    expect_array(
        got,
        [[0.5, 0.25, 0.25], [1 / 7, 1 / 7, 5 / 7], [2 / 8, 1 / 8, 5 / 8]],
        name="policy_forward(X, [(W, b)]) with logits [[ln 2, 0, 0], [0, 0, ln 5], [ln 2, 0, ln 5]]",
        dtype="float",
    )


@test_case(points=2)
def ppo_sized_networks(student):
    """A 4-64-64-2 CartPole policy and an 8-64-64-4 LunarLander policy on batches of states."""
    rng = np.random.default_rng(541)
    _check(
        student,
        rng.standard_normal((6, 4)),
        _net([4, 64, 64, 2], 542),
        "a 4-64-64-2 policy, X (6, 4)",
    )
    _check(
        student,
        rng.standard_normal((5, 8)),
        _net([8, 64, 64, 4], 543),
        "an 8-64-64-4 policy, X (5, 8)",
    )


@test_case(points=1)
def square_batch_and_batch_of_one(student):
    """A batch whose size equals the number of actions, and a single state."""
    rng = np.random.default_rng(544)
    params = _net([3, 5, 3], 545)
    _check(student, rng.standard_normal((3, 3)), params, "3 states and 3 actions (N == A)")
    _check(student, rng.standard_normal((1, 3)), params, "one state, X (1, 3)")


@test_case(points=1)
def negative_logits_are_kept(student):
    """Logits are linear: a ReLU on them would change the probabilities."""
    X = np.array([[1.0, -1.0], [0.5, 2.0]])
    params = [
        (np.array([[1.0, 0.5, -1.0], [0.0, 1.0, 1.0]]), np.zeros(3)),
        (np.array([[-1.0, -2.0], [-0.5, 1.0], [0.0, -3.0]]), np.array([-0.5, -1.0])),
    ]
    _check(student, X, params, "a 2-3-2 policy whose logits are negative")


@test_case(points=1)
def huge_logits_stay_finite(student):
    """Logits of about 1e4 (large weights) give finite, correct probabilities."""
    X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    params = [(np.array([[1e4, 1e4 - 1.0, -1e4], [1e4 - 3.0, 1e4, 0.0]]), np.zeros(3))]
    _check(student, X, params, "logits near 1e4")
    params = [(np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([-1e4, -1e4 + 2.0]))]
    _check(student, X[:2], params, "logits near -1e4")


@test_case(points=1)
def inputs_unchanged(student):
    """X and the parameters are unchanged after the call."""
    rng = np.random.default_rng(546)
    _check(
        student, rng.standard_normal((4, 4)) * 3, _net([4, 6, 2], 547), "a 4-6-2 policy, X (4, 4)"
    )
