import numpy as np

from grader.testing import expect_array, expect_value, test_case


@test_case(points=2)
def fold_bias_example(student):
    """x = [2, -1], w = [0.5, 3], b = -4 becomes [2, -1, 1] and [0.5, 3, -4] (x_aug, w_aug)."""
    out = student.fold_bias(np.array([2.0, -1.0]), np.array([0.5, 3.0]), -4.0)
    expect_value(out, (np.array([2.0, -1.0, 1.0]), np.array([0.5, 3.0, -4.0])), dtype="float")


@test_case(points=2)
def fold_bias_keeps_the_sum(student):
    """For random vectors, w_aug . x_aug equals w . x + b; integer inputs give float arrays."""
    rng = np.random.default_rng(401)
    x, w, b = rng.normal(size=5), rng.normal(size=5), float(rng.normal())
    want = (np.concatenate([x, [1.0]]), np.concatenate([w, [b]]))
    expect_value(student.fold_bias(x, w, b), want, dtype="float")
    xi, wi = np.array([1, 0, 1], dtype=np.int64), np.array([2, -1, 3], dtype=np.int64)
    want = (np.array([1.0, 0.0, 1.0, 1.0]), np.array([2.0, -1.0, 3.0, 0.5]))
    expect_value(student.fold_bias(xi, wi, 0.5), want, dtype="float")


@test_case(points=2)
def ones_column_example(student):
    """A 3x2 matrix gains a third column of ones."""
    X = np.array([[0.0, 1.0], [2.0, 3.0], [-4.0, 5.0]])
    want = [[0.0, 1.0, 1.0], [2.0, 3.0, 1.0], [-4.0, 5.0, 1.0]]
    expect_array(student.add_ones_column(X), want, dtype="float")


@test_case(points=2)
def ones_column_batch_sizes(student):
    """Works for a single row and for integer input; X_aug @ w_aug equals X @ w + b."""
    out = student.add_ones_column(np.array([[7.0, -2.0, 0.5]]))
    expect_array(out, [[7.0, -2.0, 0.5, 1.0]], dtype="float")
    Xi = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.int64)
    expect_array(
        student.add_ones_column(Xi), [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], dtype="float"
    )
    rng = np.random.default_rng(402)
    X, w, b = rng.normal(size=(6, 3)), rng.normal(size=3), 1.25
    out = student.add_ones_column(X)
    expect_array(out, np.concatenate([X, np.ones((6, 1))], axis=1), dtype="float")
    want = np.array([sum(X[n, i] * w[i] for i in range(3)) + b for n in range(6)])
    expect_array(
        np.asarray(out) @ np.append(w, b), want, name="add_ones_column(X) @ w_aug versus X @ w + b"
    )
