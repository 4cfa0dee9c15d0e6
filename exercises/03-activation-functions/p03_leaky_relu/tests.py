import numpy as np

from grader.testing import check_cases, expect_array, gradient_check, test_case


def _leaky_ref(x, alpha):
    flat = [v if v > 0 else alpha * v for v in x.reshape(-1).tolist()]
    return np.array(flat, dtype=float).reshape(x.shape)


def _slope_ref(x, alpha):
    flat = [1.0 if v > 0 else float(alpha) for v in x.reshape(-1).tolist()]
    return np.array(flat, dtype=float).reshape(x.shape)


@test_case(points=2)
def leaky_values_default_alpha(student):
    """leaky_relu with the default alpha = 0.01."""
    x = np.array([-100.0, -1.0, 0.0, 0.5, 4.0])
    expect_array(student.leaky_relu(x), [-1.0, -0.01, 0.0, 0.5, 4.0], dtype="float")


@test_case(points=2)
def leaky_values_other_alpha_and_shapes(student):
    """leaky_relu with alpha = 0.2 and alpha = 0 on 2-D and 3-D inputs."""
    rng = np.random.default_rng(341)
    for alpha, shape in [(0.2, (3, 4)), (0.0, (2, 2, 3)), (0.5, (1, 5))]:
        x = rng.normal(size=shape) * 3.0
        expect_array(student.leaky_relu(x, alpha=alpha), _leaky_ref(x, alpha))


@test_case(points=2)
def leaky_grad_values(student):
    """leaky_relu_grad is 1 on the right, alpha on the left and at exactly 0."""
    x = np.array([-3.0, 0.0, 2.0])
    cases = [(x, np.array([0.01, 0.01, 1.0])), ((x,), {"alpha": 0.3}, np.array([0.3, 0.3, 1.0]))]
    check_cases(student.leaky_relu_grad, cases)


@test_case(points=2)
def leaky_grad_matches_finite_differences(student):
    """leaky_relu_grad matches a numerical derivative away from the kink."""
    rng = np.random.default_rng(342)
    x = rng.normal(size=(2, 3, 2))
    x[np.abs(x) < 0.05] = -0.7
    v = rng.normal(size=x.shape)
    g = student.leaky_relu_grad(x, alpha=0.1)
    expect_array(g, _slope_ref(x, 0.1))

    def f(z):
        return float(np.sum(np.where(z > 0, z, 0.1 * z) * v))

    gradient_check(
        f,
        x,
        np.asarray(g, dtype=float) * v,
        name="d/dx sum(leaky_relu(x, 0.1) * v), using your leaky_relu_grad",
    )
