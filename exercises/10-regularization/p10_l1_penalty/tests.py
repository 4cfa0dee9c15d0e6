"""Hidden tests for l1_penalty: weights only, sign gradients, 0 at exactly 0."""

import math

import numpy as np

from grader.testing import (
    check_against_reference,
    check_cases,
    gradient_check,
    last_call,
    test_case,
)


def _reference(params, strength):
    total = math.fsum(abs(float(v)) for p in params if np.ndim(p) >= 2 for v in np.ravel(p))
    grads = [
        strength * np.sign(np.asarray(p, float)) if np.ndim(p) >= 2 else np.zeros(np.shape(p))
        for p in params
    ]
    return strength * total, grads


@test_case(points=2)
def small_network_by_hand(student):
    """A weight matrix with a zero entry, a bias, a second matrix: sign gradients, 0 at 0."""
    W1 = np.array([[2.0, -0.5], [0.0, 1.5]])
    b1 = np.array([3.0, -3.0])
    W2 = np.array([[-1.0], [4.0]])
    check_cases(
        student.l1_penalty,
        [
            (
                ([W1, b1, W2], 0.1),
                (
                    0.9,
                    [np.array([[0.1, -0.1], [0.0, 0.1]]), np.zeros(2), np.array([[-0.1], [0.1]])],
                ),
            )
        ],
    )


@test_case(points=2)
def random_networks_and_kernels(student):
    """Random parameter lists with matrices, 4-D kernels and biases."""

    def make(rng):
        params = [
            rng.normal(size=(3, 4)),
            rng.normal(size=4),
            rng.normal(size=(2, 1, 3, 3)),
            rng.normal(size=2),
        ]
        return params, float(rng.uniform(1e-3, 1.0))

    check_against_reference(student.l1_penalty, _reference, make)


@test_case(points=1)
def gradient_matches_central_differences(student):
    """Away from 0, the gradient of each weight matrix matches the numerical gradient."""
    rng = np.random.default_rng(5)
    W = rng.uniform(0.2, 1.0, size=(3, 3)) * rng.choice([-1.0, 1.0], size=(3, 3))
    b = rng.normal(size=3)
    _, grads = student.l1_penalty([W, b], 0.7)
    label = last_call()
    gradient_check(
        lambda x: _reference([x, b], 0.7)[0], W.copy(), grads[0], name=f"grads[0] of {label}"
    )


@test_case(points=1)
def edge_cases(student):
    """Strength 0, an all-zero matrix (gradient 0, not +-1), an empty list, biases only."""
    check_cases(
        student.l1_penalty,
        [
            (
                ([np.array([[1.0, -2.0]]), np.array([5.0])], 0.0),
                (0.0, [np.zeros((1, 2)), np.zeros(1)]),
            ),
            (([np.zeros((2, 2))], 1.0), (0.0, [np.zeros((2, 2))])),
            (([], 0.5), (0.0, [])),
            (([np.array([1.0, -1.0])], 0.5), (0.0, [np.zeros(2)])),
        ],
    )
