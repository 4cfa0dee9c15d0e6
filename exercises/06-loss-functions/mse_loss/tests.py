import math

import numpy as np

from grader.testing import call_unmodified, expect_scalar, test_case


def _mse_ref(pred, target):
    # Independent reference: exact sum of Python floats over every element.
    p = np.asarray(pred, dtype=float).ravel().tolist()
    t = np.asarray(target, dtype=float).ravel().tolist()
    return math.fsum((a - b) ** 2 for a, b in zip(p, t)) / len(p)


def _check(student, pred, target, name):
    out = call_unmodified(student.mse_loss, pred, target)
    if type(out) is np.ndarray and out.ndim > 0:
        raise AssertionError(
            f"{name}: expected one number (the mean over all elements), got an array of shape "
            f"{out.shape}. Average with np.mean and no axis."
        )
    expect_scalar(out, _mse_ref(pred, target), name=name)


@test_case(points=2)
def known_values(student):
    """[1, 2, 3] against [1, 2, 5] gives 4/3; equal arrays give 0."""
    _check(
        student,
        np.array([1.0, 2.0, 3.0]),
        np.array([1.0, 2.0, 5.0]),
        "mse_loss(pred, target) for pred = [1, 2, 3], target = [1, 2, 5]",
    )
    same = np.array([0.5, -2.0, 7.0, 1e3])
    _check(student, same, same.copy(), "mse_loss(x, x) (a perfect prediction)")


@test_case(points=2)
def mean_over_all_elements_of_a_batch(student):
    """For (N, A) arrays the mean runs over all N * A elements, giving one number."""
    rng = np.random.default_rng(601)
    pred = rng.normal(size=(5, 3))
    target = rng.normal(size=(5, 3)) * 2.0
    _check(student, pred, target, "mse_loss(pred, target) for random arrays of shape (5, 3)")
    pred = rng.normal(size=(2, 3, 4))
    target = rng.normal(size=(2, 3, 4))
    _check(student, pred, target, "mse_loss(pred, target) for random arrays of shape (2, 3, 4)")


@test_case(points=2)
def column_vectors_give_a_float(student):
    """Predictions of shape (N, 1), as a critic's output layer gives them, still give one float."""
    pred = np.array([[1.0], [2.0], [4.0], [-1.0]])
    target = np.array([[0.0], [2.5], [4.0], [1.0]])
    _check(student, pred, target, "mse_loss(pred, target) for pred, target of shape (4, 1)")
    pred = np.array([[3.0]])
    _check(student, pred, np.array([[1.0]]), "mse_loss for a batch of one, shape (1, 1)")
    _check(student, np.array([3.0]), np.array([-1.5]), "mse_loss for a batch of one, shape (1,)")


@test_case(points=2)
def integer_inputs(student):
    """Integer arrays (dtype int64) give the exact mean as a float, not a rounded one."""
    pred = np.array([1, 2, 3, 4], dtype=np.int64)
    target = np.array([0, 0, 0, 0], dtype=np.int64)
    _check(student, pred, target, "mse_loss(pred, target) for int64 [1, 2, 3, 4] and [0, 0, 0, 0]")
    pred = np.array([[1, 0], [0, 0]], dtype=np.int64)
    target = np.zeros((2, 2), dtype=np.int64)
    _check(student, pred, target, "mse_loss for int64 [[1, 0], [0, 0]] against zeros (2, 2)")


@test_case(points=1)
def large_and_tiny_magnitudes(student):
    """Returns of size 1e6 and errors of size 1e-6 are handled without loss of precision."""
    pred = np.array([1e6, -2e6, 3.5e6])
    target = np.array([1e6 + 10.0, -2e6, 3.5e6 - 4.0])
    _check(student, pred, target, "mse_loss for values near 1e6 with errors 10, 0, -4")
    pred = np.array([1e-6, 2e-6])
    _check(student, pred, np.zeros(2), "mse_loss for errors of 1e-6 and 2e-6")


@test_case(points=1)
def inputs_unchanged(student):
    """mse_loss does not modify pred or target."""
    pred = np.array([[1.0, -2.0], [3.0, 0.5]])
    target = np.array([[0.0, 1.0], [1.0, 1.0]])
    _check(
        student, pred, target, "mse_loss(pred, target) for [[1, -2], [3, 0.5]], [[0, 1], [1, 1]]"
    )
