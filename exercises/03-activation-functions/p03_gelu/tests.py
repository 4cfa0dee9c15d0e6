import math

import numpy as np

from grader.testing import check_cases, expect_array, gradient_check, test_case

_C = math.sqrt(2.0 / math.pi)
_K = 0.044715


def _gelu_ref(x):
    def one(v):
        return 0.5 * v * (1.0 + math.tanh(_C * (v + _K * v * v * v)))

    return np.array([one(v) for v in x.reshape(-1).tolist()]).reshape(x.shape)


@test_case(points=2)
def gelu_known_values(student):
    """gelu at a few points (values from torch.nn.functional.gelu(approximate='tanh'))."""
    x = np.array([-3.0, -1.0, 0.0, 0.5, 2.0])
    expect_array(
        student.gelu(x),
        [-0.0036373920817729943, -0.15880800939172324, 0.0, 0.34571400982514394, 1.954597694087775],
        dtype="float",
    )


@test_case(points=2)
def gelu_shapes_and_large_inputs(student):
    """gelu on 2-D/3-D inputs and finite for |x| up to 1e4."""
    rng = np.random.default_rng(351)
    xs = [rng.normal(size=shape) * 2.0 for shape in [(3, 4), (2, 1, 3)]]
    cases = [(x, _gelu_ref(x)) for x in xs]
    check_cases(
        student.gelu,
        cases + [(np.array([-1e4, -50.0, 50.0, 1e4]), np.array([0.0, 0.0, 50.0, 1e4]))],
    )


@test_case(points=2)
def gelu_grad_known_values(student):
    """gelu_grad at a few points (values from torch autograd)."""
    x = np.array([-3.0, -1.0, 0.0, 0.5, 2.0])
    expect_array(
        student.gelu_grad(x),
        [-0.011584166630969648, -0.08296408384578252, 0.5, 0.8673699035346424, 1.0860992566236183],
        dtype="float",
    )


@test_case(points=2)
def gelu_grad_finite_differences_and_tails(student):
    """gelu_grad matches a numerical derivative, and is 0 / 1 far in the tails."""
    rng = np.random.default_rng(352)
    x = rng.normal(size=(3, 3)) * 2.0
    v = rng.normal(size=x.shape)
    g = student.gelu_grad(x)

    def f(z):
        return float(np.sum(_gelu_ref(z) * v))

    gradient_check(
        f, x, np.asarray(g, dtype=float) * v, name="d/dx sum(gelu(x) * v), using your gelu_grad"
    )
    x = np.array([-1e4, -50.0, 50.0, 1e4])
    expect_array(student.gelu_grad(x), [0.0, 0.0, 1.0, 1.0])
