import numpy as np

from grader.testing import check_cases, expect_array, gradient_check, test_case


def _relu_loop(x):
    # Independent reference: one Python comparison per entry.
    flat = [v if v > 0 else 0.0 for v in x.reshape(-1).tolist()]
    return np.array(flat, dtype=float).reshape(x.shape)


def _relu_grad_loop(x):
    flat = [1.0 if v > 0 else 0.0 for v in x.reshape(-1).tolist()]
    return np.array(flat, dtype=float).reshape(x.shape)


@test_case(points=2)
def relu_small_vector(student):
    """relu on a 1-D vector with negative, zero and positive entries."""
    x = np.array([-2.0, -0.5, 0.0, 0.5, 3.0])
    expect_array(student.relu(x), [0.0, 0.0, 0.0, 0.5, 3.0], dtype="float")


@test_case(points=2)
def relu_any_shape(student):
    """relu keeps the shape of 2-D and 3-D inputs, batch of one included."""
    rng = np.random.default_rng(301)
    xs = [rng.normal(size=shape) * 3.0 for shape in [(4, 5), (1, 6), (2, 3, 4)]]
    check_cases(student.relu, [(x, _relu_loop(x)) for x in xs], dtype="float")
    x = np.array([[-1e300, 1e300], [-1e-300, 1e-300]])
    expect_array(student.relu(x), [[0.0, 1e300], [0.0, 1e-300]], rtol=0, atol=0)


@test_case(points=1)
def relu_input_unchanged(student):
    """relu returns a new array and leaves x alone."""
    x = np.array([[-3.0, 2.0], [0.0, -1.0]])
    expect_array(student.relu(x), [[0.0, 2.0], [0.0, 0.0]])


@test_case(points=2)
def relu_grad_small_vector(student):
    """relu_grad is 0 for x <= 0 (including exactly 0) and 1 for x > 0."""
    x = np.array([-2.0, -1e-12, 0.0, 1e-12, 3.0])
    expect_array(
        student.relu_grad(x),
        [0.0, 0.0, 0.0, 1.0, 1.0],
        name="relu_grad(x) for x = [-2, -1e-12, 0, 1e-12, 3] (the kink at 0 gets 0)",
        dtype="float",
    )


@test_case(points=2)
def relu_grad_any_shape(student):
    """relu_grad keeps the shape and matches finite differences away from the kink."""
    rng = np.random.default_rng(302)
    for shape in [(3, 4), (2, 2, 3)]:
        x = rng.normal(size=shape)
        x[np.abs(x) < 0.05] = 0.5  # keep finite differences away from the kink
        out = student.relu_grad(x)
        expect_array(out, _relu_grad_loop(x), dtype="float")
        weights = rng.normal(size=shape)

        def f(z, weights=weights):
            return float(np.sum(np.maximum(z, 0.0) * weights))

        gradient_check(
            f,
            x,
            np.asarray(out, dtype=float) * weights,
            name=f"d/dx sum(relu(x) * v) for shape {shape}, using your relu_grad",
        )


@test_case(points=1)
def relu_grad_zero_vector(student):
    """relu_grad of all zeros is all zeros."""
    expect_array(student.relu_grad(np.zeros((2, 3))), np.zeros((2, 3)), dtype="float")
