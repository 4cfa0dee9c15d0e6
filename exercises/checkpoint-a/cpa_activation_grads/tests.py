import math

import numpy as np

from grader.testing import (
    check_cases,
    expect_array,
    expect_raises,
    expect_true,
    gradient_check,
    test_case,
)

ACTIVATIONS = ("relu", "sigmoid", "tanh", "linear")


def _grad_ref(z, activation):
    def one(v):
        if activation == "relu":
            return 1.0 if v > 0 else 0.0
        if activation == "sigmoid":
            s = 1 / (1 + math.exp(-v)) if v >= 0 else math.exp(v) / (1 + math.exp(v))
            return s * (1 - s)
        if activation == "tanh":
            return 1.0 - math.tanh(v) ** 2
        return 1.0

    return np.array([one(v) for v in z.reshape(-1).tolist()]).reshape(z.shape)


def _softmax_ref(x):
    m = max(x.tolist())
    exps = [math.exp(v - m) for v in x.tolist()]
    total = math.fsum(exps)
    return np.array([e / total for e in exps])


def _jacobian_ref(x):
    p = _softmax_ref(x)
    k = len(p)
    return np.array(
        [[p[i] * ((1.0 if i == j else 0.0) - p[j]) for j in range(k)] for i in range(k)]
    )


@test_case(points=3)
def elementwise_derivatives(student):
    """activation_grad for relu, sigmoid, tanh and linear on 1-D, 2-D and 3-D inputs."""
    rng = np.random.default_rng(411)
    zs = [np.array([-2.0, 0.0, 0.5, 3.0]), rng.normal(size=(3, 4)) * 2, rng.normal(size=(2, 2, 3))]
    cases = [((z, act), _grad_ref(z, act)) for z in zs for act in ACTIVATIONS]
    check_cases(student.activation_grad, cases)


@test_case(points=1)
def derivatives_at_extremes(student):
    """Derivatives are finite (and about 0 where the function saturates) for |z| up to 1e4."""
    z = np.array([[-1e4, -800.0, 0.0], [800.0, 1e4, 1.0]])
    check_cases(student.activation_grad, [((z, act), _grad_ref(z, act)) for act in ACTIVATIONS])


@test_case(points=2)
def unknown_or_softmax_raises(student):
    """softmax (no elementwise derivative) and unknown names raise ValueError."""
    z = np.array([0.5, -0.5])
    for name in ("softmax", "swish", "step"):
        expect_raises(ValueError, student.activation_grad, z, name)


@test_case(points=2)
def jacobian_known_values(student):
    """softmax_jacobian for x = [0, 0] and x = [0, ln 2, ln 5]; rows sum to 0."""
    out = student.softmax_jacobian(np.array([0.0, 0.0]))
    expect_array(out, [[0.25, -0.25], [-0.25, 0.25]], dtype="float")
    out = student.softmax_jacobian(np.array([0.0, math.log(2.0), math.log(5.0)]))
    p = [0.125, 0.25, 0.625]
    expect_array(out, [[p[i] * ((i == j) - p[j]) for j in range(3)] for i in range(3)])
    rows = np.sum(np.asarray(out, dtype=float), axis=1)
    expect_true(
        bool(np.all(np.abs(rows) < 1e-12)),
        "every row of the softmax Jacobian must sum to 0 (the probabilities sum to 1)",
    )


@test_case(points=2)
def jacobian_matches_finite_differences(student):
    """Each row of the Jacobian matches a numerical derivative of softmax(x)[i]."""
    rng = np.random.default_rng(412)
    x = rng.normal(size=5) * 2.0
    J = student.softmax_jacobian(x)
    expect_array(J, _jacobian_ref(x))
    J = np.asarray(J, dtype=float)
    for i in range(5):
        gradient_check(
            lambda z, i=i: float(_softmax_ref(z)[i]),
            x,
            J[i],
            name=f"row {i} of softmax_jacobian(x) (gradient of softmax(x)[{i}])",
        )


@test_case(points=1)
def jacobian_large_logits(student):
    """softmax_jacobian is finite for logits of +-1e4."""
    x = np.array([1e4, 1e4, -1e4])
    expect_array(student.softmax_jacobian(x), _jacobian_ref(x))
