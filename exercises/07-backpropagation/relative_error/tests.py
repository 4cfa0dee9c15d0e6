"""Hidden tests for relative_error."""

import math

import numpy as np

from grader.testing import check_against_reference, check_cases, test_case


def _ref(a, b):
    a = np.asarray(a, dtype=float).ravel().tolist()
    b = np.asarray(b, dtype=float).ravel().tolist()
    return max(abs(x - y) / max(1e-8, abs(x) + abs(y)) for x, y in zip(a, b))


@test_case(points=2)
def by_hand(student):
    """Worked out by hand: the worst entry counts, not the average."""
    check_cases(
        student.relative_error,
        [
            ((np.array([1.0, 2.0]), np.array([1.0, 2.2])), 0.2 / 4.2),
            ((np.array([3.0, 1e-4, 10.0]), np.array([3.0, 2e-4, 10.0])), 1e-4 / 3e-4),
            ((np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[1.0, 2.0], [3.0, 4.0]])), 0.0),
        ],
        rtol=1e-9,
        atol=1e-15,
    )


@test_case(points=2)
def zeros_and_the_floor(student):
    """Both zero gives 0 (no nan); tiny numbers are compared against the 1e-8 floor."""
    check_cases(
        student.relative_error,
        [
            ((np.zeros(4), np.zeros(4)), 0.0),
            ((np.array([0.0, 1.0]), np.array([0.0, 1.0 + 1e-9])), 1e-9 / (2.0 + 1e-9)),
            ((np.array([0.0]), np.array([1e-9])), 0.1),
            ((np.array([0.0, 0.0]), np.array([1e-12, -3e-12])), 3e-4),
        ],
        rtol=1e-6,
        atol=1e-15,
    )


@test_case(points=2)
def signs_and_symmetry(student):
    """Opposite signs give 1 (|a| + |b|, not |a + b|); swapping a and b changes nothing."""
    a = np.array([1.0, -2.0, 0.5])
    b = np.array([-1.0, -2.0, 0.5])
    check_cases(
        student.relative_error,
        [((a, b), 1.0), ((b, a), 1.0), ((np.array([-3.0]), np.array([-1.0])), 0.5)],
        rtol=1e-9,
        atol=1e-15,
    )


@test_case(points=2)
def random_gradients(student):
    """Random pairs of shape (4, 5) with small and large scales, compared with a loop."""

    def make(rng):
        a = rng.standard_normal((4, 5)) * 10.0 ** rng.integers(-6, 6, size=(4, 5))
        return a, a * (1 + rng.normal(0, 1e-4, size=a.shape))

    check_against_reference(student.relative_error, _ref, make, rtol=1e-9, atol=1e-15)
    big = np.array([1e200, -3e150])
    check_cases(
        student.relative_error,
        [((big, big * (1 + 1e-6)), 1e-6 / (2 + 1e-6))],
        rtol=1e-6,
        atol=1e-15,
    )
    assert math.isfinite(_ref(big, big))
