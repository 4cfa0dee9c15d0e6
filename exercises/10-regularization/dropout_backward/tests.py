"""Hidden tests for dropout_backward: dX = dout * mask, checked by hand and numerically."""

import numpy as np

from grader.testing import check_cases, expect_array, gradient_check, last_call, test_case


def _mask(rng, shape, p):
    return (rng.random(shape) >= p) / (1.0 - p)


def _diagnose(dout, mask, got):
    """Name the usual mistakes from the values that came back."""
    if type(got) is not np.ndarray or got.shape != np.shape(dout):
        return ""
    nonzero = mask[mask != 0]
    scale = float(nonzero[0]) if nonzero.size else 1.0
    if np.allclose(got, dout):
        return (
            " Your result is dout unchanged: a dropped unit had no effect on the output, so its "
            "gradient must be 0, and a kept one was multiplied by 1/(1-p) in the forward pass."
        )
    if np.allclose(got, dout * (mask != 0)):
        return (
            f" Your result is dout where the unit was kept, without the factor {scale:g}: the "
            "forward pass multiplied every kept input by the mask value 1/(1-p), so the chain "
            "rule multiplies its gradient by the same value."
        )
    if np.allclose(got, dout * mask / scale**2) or np.allclose(got, dout * mask * scale):
        return (
            " The scale is already inside the mask (its kept entries are 1/(1-p)); multiply by "
            "the mask only, without scaling again."
        )
    if np.allclose(got, mask):
        return " Your result is the mask itself: the chain rule multiplies it by dout."
    return ""


def _check(student, dout, mask):
    got = student.dropout_backward(dout, mask)
    label = last_call()
    try:
        expect_array(got, dout * mask, name=label)
    except AssertionError as exc:
        raise AssertionError(str(exc) + _diagnose(dout, mask, got)) from None


@test_case(points=2)
def small_case_by_hand(student):
    """p = 0.5: the gradient is 2 * dout where the unit was kept, 0 where it was dropped."""
    dout = np.array([[1.0, -2.0, 3.0], [0.5, 4.0, -1.0]])
    mask = np.array([[2.0, 0.0, 2.0], [0.0, 2.0, 2.0]])
    check_cases(
        student.dropout_backward, [((dout, mask), np.array([[2.0, 0.0, 6.0], [0.0, 8.0, -2.0]]))]
    )


@test_case(points=3)
def random_masks(student):
    """Masks for p = 0.1, 0.5 and 0.9 on batches of different shapes."""
    rng = np.random.default_rng(70)
    for shape, p in (((8, 16), 0.1), ((32, 4), 0.5), ((5, 7), 0.9)):
        _check(student, rng.normal(size=shape), _mask(rng, shape, p))


@test_case(points=2)
def matches_a_numerical_gradient(student):
    """The gradient of sum(G * (X * mask)) with respect to X, by central differences."""
    rng = np.random.default_rng(71)
    X, G = rng.normal(size=(3, 5)), rng.normal(size=(3, 5))
    mask = _mask(rng, (3, 5), 0.4)
    analytic = student.dropout_backward(G, mask)
    gradient_check(
        lambda x: float(np.sum(G * (x * mask))),
        X,
        analytic,
        name=f"{last_call()} against the numerical gradient of sum(dout * X * mask)",
    )


@test_case(points=1)
def edge_cases(student):
    """A batch of one, a mask of ones (p = 0), a mask of zeros, large gradients."""
    _check(student, np.array([[3.0, -1.0, 2.0]]), np.array([[0.0, 1.25, 1.25]]))
    _check(student, np.array([1.0, -2.0, 0.5]), np.ones(3))
    _check(student, np.array([[7.0, 8.0]]), np.zeros((1, 2)))
    _check(student, np.array([1e150, -1e150]), np.array([4.0, 0.0]))
