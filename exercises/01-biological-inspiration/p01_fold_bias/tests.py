import numpy as np

from grader.testing import call_unmodified, expect_array, expect_tuple, test_case


@test_case(points=2)
def fold_bias_example(student):
    """x = [2, -1], w = [0.5, 3], b = -4 becomes [2, -1, 1] and [0.5, 3, -4]."""
    out = student.fold_bias(np.array([2.0, -1.0]), np.array([0.5, 3.0]), -4.0)
    x_aug, w_aug = expect_tuple(out, 2, name="fold_bias(x, w, b)")
    expect_array(x_aug, [2.0, -1.0, 1.0], name="x_aug for x = [2, -1]", dtype="float")
    expect_array(w_aug, [0.5, 3.0, -4.0], name="w_aug for w = [0.5, 3], b = -4", dtype="float")


@test_case(points=2)
def fold_bias_keeps_the_sum(student):
    """For random vectors, w_aug . x_aug equals w . x + b; integer inputs give float arrays."""
    rng = np.random.default_rng(401)
    x, w, b = rng.normal(size=5), rng.normal(size=5), float(rng.normal())
    x_aug, w_aug = expect_tuple(
        call_unmodified(student.fold_bias, x, w, b), 2, name="fold_bias(x, w, b)"
    )
    expect_array(
        x_aug, np.concatenate([x, [1.0]]), name="x_aug for random x of length 5", dtype="float"
    )
    expect_array(
        w_aug, np.concatenate([w, [b]]), name="w_aug for random w of length 5", dtype="float"
    )
    xi, wi = np.array([1, 0, 1], dtype=np.int64), np.array([2, -1, 3], dtype=np.int64)
    x_aug, w_aug = expect_tuple(
        student.fold_bias(xi, wi, 0.5), 2, name="fold_bias(int x, int w, 0.5)"
    )
    expect_array(x_aug, [1.0, 0.0, 1.0, 1.0], name="x_aug for integer x = [1, 0, 1]", dtype="float")
    expect_array(
        w_aug,
        [2.0, -1.0, 3.0, 0.5],
        name="w_aug for integer w = [2, -1, 3], b = 0.5",
        dtype="float",
    )


@test_case(points=2)
def ones_column_example(student):
    """A 3x2 matrix gains a third column of ones."""
    X = np.array([[0.0, 1.0], [2.0, 3.0], [-4.0, 5.0]])
    out = call_unmodified(student.add_ones_column, X)
    expect_array(
        out,
        [[0.0, 1.0, 1.0], [2.0, 3.0, 1.0], [-4.0, 5.0, 1.0]],
        name="add_ones_column(3x2 X)",
        dtype="float",
    )


@test_case(points=2)
def ones_column_batch_sizes(student):
    """Works for a single row and for integer input; X_aug @ w_aug equals X @ w + b."""
    out = student.add_ones_column(np.array([[7.0, -2.0, 0.5]]))
    expect_array(
        out, [[7.0, -2.0, 0.5, 1.0]], name="add_ones_column for one row (1x3)", dtype="float"
    )
    Xi = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.int64)
    out = student.add_ones_column(Xi)
    expect_array(
        out,
        [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]],
        name="add_ones_column for integer 4x2 X",
        dtype="float",
    )
    rng = np.random.default_rng(402)
    X, w, b = rng.normal(size=(6, 3)), rng.normal(size=3), 1.25
    out = student.add_ones_column(X)
    want = np.array([sum(X[n, i] * w[i] for i in range(3)) + b for n in range(6)])
    expect_array(
        out,
        np.concatenate([X, np.ones((6, 1))], axis=1),
        name="add_ones_column for random 6x3 X",
        dtype="float",
    )
    expect_array(
        np.asarray(out) @ np.append(w, b), want, name="add_ones_column(X) @ w_aug versus X @ w + b"
    )
