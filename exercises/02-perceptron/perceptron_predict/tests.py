import numpy as np

from grader.testing import expect_array, test_case


def _predict(X, w, b):
    out = []
    for row in X:
        z = sum(float(a) * float(c) for a, c in zip(row, w)) + float(b)
        out.append(1 if z >= 0 else 0)
    return np.array(out, dtype=np.int64)


@test_case(points=2)
def worked_example(student):
    """The example from the prompt: predictions [1, 0, 0], with a tie in the first row."""
    X = np.array([[2.0, 1.0], [0.0, 0.0], [-1.0, -1.0]])
    expect_array(student.perceptron_predict(X, np.array([1.0, -1.0]), -1.0), [1, 0, 0], dtype="int")


@test_case(points=2)
def zero_weights_predict_class_one(student):
    """With all-zero weights and bias every sum is exactly 0, so every row is class 1."""
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    expect_array(student.perceptron_predict(X, np.zeros(2), 0.0), [1, 1, 1, 1], dtype="int")


@test_case(points=2)
def random_batch(student):
    """A random batch of 50 rows with 3 features (not square)."""
    rng = np.random.default_rng(601)
    X, w, b = rng.normal(size=(50, 3)), rng.normal(size=3), -0.2
    expect_array(student.perceptron_predict(X, w, b), _predict(X, w, b), dtype="int")


@test_case(points=1)
def single_row(student):
    """A batch of one row still returns shape (1,)."""
    out = student.perceptron_predict(
        np.array([[3.0, -1.0, 2.0, 0.5]]), np.array([-1.0, 0.0, 1.0, 2.0]), 0.5
    )
    expect_array(out, [1], dtype="int")


@test_case(points=1)
def large_magnitudes_and_negatives(student):
    """Inputs around 1e6 with negative weights."""
    rng = np.random.default_rng(602)
    X, w, b = rng.normal(size=(20, 2)) * 1e6, np.array([-0.5, -2.0]), 1e5
    expect_array(student.perceptron_predict(X, w, b), _predict(X, w, b), dtype="int")


@test_case(points=2)
def integer_inputs(student):
    """Integer X and w work and still give an integer array of 0/1."""
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.int64)
    out = student.perceptron_predict(X, np.array([1, 1], dtype=np.int64), -2)
    expect_array(out, [0, 0, 0, 1], dtype="int")
