import numpy as np

from grader.testing import expect_array, expect_scalar, expect_tuple, last_call, test_case


def _update(x, y, w, b, lr):
    z = sum(float(a) * float(c) for a, c in zip(w, x)) + float(b)
    err = int(y) - (1 if z >= 0 else 0)
    return np.array([float(wi) + lr * err * float(xi) for wi, xi in zip(w, x)]), float(b) + lr * err


def _check(student, x, y, w, b, lr):
    w_new, b_new = expect_tuple(student.perceptron_update(x, y, w, b, lr), 2)
    call = last_call()
    want_w, want_b = _update(x, y, w, b, lr)
    expect_array(w_new, want_w, name=f"w_new of {call}", dtype="float")
    expect_scalar(b_new, want_b, name=f"b_new of {call}")


@test_case(points=2)
def false_positive_moves_down(student):
    """The prompt's example: predicted 1, true 0, so w and b decrease by lr * x and lr."""
    _check(student, np.array([1.0, 2.0]), 0, np.array([0.5, 0.5]), 0.0, 0.1)


@test_case(points=2)
def false_negative_moves_up(student):
    """Predicted 0, true 1: w and b increase by lr * x and lr."""
    _check(student, np.array([-1.0, 3.0, 0.5]), 1, np.array([1.0, -1.0, 0.0]), 0.25, 0.5)


@test_case(points=2)
def correct_prediction_changes_nothing(student):
    """Right predictions (of both classes) leave w and b as they were."""
    _check(student, np.array([2.0, 1.0]), 1, np.array([1.0, 1.0]), -1.0, 1.0)
    _check(student, np.array([-2.0, 1.0]), 0, np.array([1.0, 1.0]), -1.0, 1.0)


@test_case(points=2)
def tie_counts_as_class_one(student):
    """With zero weights the sum is exactly 0, so y_hat = 1: a class-0 example triggers an update, a class-1 example does not."""
    _check(student, np.array([1.0, 1.0]), 0, np.zeros(2), 0.0, 1.0)
    _check(student, np.array([1.0, 1.0]), 1, np.zeros(2), 0.0, 1.0)


@test_case(points=2)
def integer_weights_fractional_lr(student):
    """Integer x and w with lr = 0.5 give fractional new weights (a float array)."""
    x, w = np.array([2, 0, -1], dtype=np.int64), np.array([0, 1, 3], dtype=np.int64)
    _check(student, x, 1, w, -4, 0.5)
