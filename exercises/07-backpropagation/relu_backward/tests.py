"""Hidden tests for relu_backward."""

import numpy as np

from grader.testing import check_against_reference, check_cases, gradient_check, test_case


def _ref(dout, Z):
    out = np.zeros(np.shape(Z))
    for idx in np.ndindex(out.shape):
        out[idx] = dout[idx] if Z[idx] > 0 else 0.0
    return out


@test_case(points=2)
def by_hand(student):
    """The prompt's example, and negative upstream gradients through active units."""
    check_cases(
        student.relu_backward,
        [
            (
                (np.array([[1.0, -2.0, 3.0]]), np.array([[0.5, 1.0, -1.0]])),
                np.array([[1.0, -2.0, 0.0]]),
            ),
            (
                (
                    np.array([[-1.0, -1.0], [2.0, 0.5], [4.0, -3.0]]),
                    np.array([[2.0, -2.0], [-0.1, 0.1], [3.0, 7.0]]),
                ),
                np.array([[-1.0, 0.0], [0.0, 0.5], [4.0, -3.0]]),
            ),
        ],
    )


@test_case(points=1)
def zero_is_inactive(student):
    """Z == 0 blocks the gradient (relu'(0) = 0, as in PyTorch)."""
    check_cases(
        student.relu_backward,
        [
            (
                (np.array([[5.0, 5.0, 5.0]]), np.array([[0.0, -0.0, 1e-300]])),
                np.array([[0.0, 0.0, 5.0]]),
            )
        ],
    )


@test_case(points=2)
def random_batches_any_shape(student):
    """Random (N, M) batches, a batch of 1, and a 3-D array; the result has Z's shape."""
    check_against_reference(
        student.relu_backward,
        _ref,
        lambda rng: (rng.standard_normal((7, 5)), rng.standard_normal((7, 5))),
    )
    check_against_reference(
        student.relu_backward,
        _ref,
        lambda rng: (rng.standard_normal((1, 64)), rng.standard_normal((1, 64))),
        seeds=(3,),
    )
    check_against_reference(
        student.relu_backward,
        _ref,
        lambda rng: (rng.standard_normal((2, 3, 4)), rng.standard_normal((2, 3, 4))),
        seeds=(4,),
    )


@test_case(points=2)
def gradient_check_of_a_relu_layer(student):
    """For L = sum(G * relu(Z)), dL/dZ is relu_backward(G, Z), checked by finite differences."""
    rng = np.random.default_rng(73)
    Z = rng.uniform(0.1, 2.0, size=(4, 3)) * rng.choice([-1.0, 1.0], size=(4, 3))  # away from 0
    G = rng.standard_normal((4, 3))
    analytic = student.relu_backward(G, Z)
    gradient_check(lambda z: float(np.sum(G * np.maximum(z, 0.0))), Z, analytic)
