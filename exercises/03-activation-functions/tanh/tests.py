import math

import numpy as np

from grader.testing import check_cases, expect_array, gradient_check, test_case


def _tanh_ref(x):
    # Independent reference: Python's math.tanh, one float at a time.
    x = np.asarray(x, dtype=float)
    return np.array([math.tanh(v) for v in x.reshape(-1).tolist()]).reshape(x.shape)


LARGE = np.array([-1e4, -1000.0, -400.0, -20.0, -1.0, 0.0, 1.0, 20.0, 400.0, 1000.0, 1e4])
LARGE_TEXT = "x = [-1e4, -1000, -400, -20, -1, 0, 1, 20, 400, 1000, 1e4]"  # too long for a label


@test_case(points=2)
def tanh_small_vector(student):
    """tanh of a few moderate values, checked against known numbers."""
    x = np.array([-1.0, 0.0, 0.5, 2.0])
    want = [-0.7615941559557649, 0.0, 0.46211715726000974, 0.9640275800758169]
    expect_array(student.tanh(x), want, dtype="float")


@test_case(points=2)
def tanh_any_shape(student):
    """tanh keeps the shape of 2-D and 3-D inputs, batch of one included."""
    rng = np.random.default_rng(321)
    xs = [rng.normal(size=shape) * 2.0 for shape in [(4, 5), (1, 3), (2, 3, 4)]]
    check_cases(student.tanh, [(x, _tanh_ref(x)) for x in xs], dtype="float")


@test_case(points=2)
def tanh_large_inputs_are_finite(student):
    """tanh is finite (no nan) and equals +-1 for |x| up to 1e4."""
    expect_array(student.tanh(LARGE.copy()), _tanh_ref(LARGE), name=f"tanh(x) for {LARGE_TEXT}")


@test_case(points=2)
def tanh_grad_small_vector(student):
    """tanh_grad is 1 at 0 and 1 - tanh(x)**2 elsewhere."""
    x = np.array([-1.0, 0.0, 0.5, 2.0])
    want = [0.41997434161402614, 1.0, 0.7864477329659274, 0.07065082485316443]
    expect_array(student.tanh_grad(x), want, dtype="float")


@test_case(points=2)
def tanh_grad_extremes_and_finite_differences(student):
    """tanh_grad is finite and 0 in the tails, and matches a numerical derivative."""
    t = _tanh_ref(LARGE)
    expect_array(
        student.tanh_grad(LARGE.copy()), 1.0 - t * t, name=f"tanh_grad(x) for {LARGE_TEXT}"
    )
    rng = np.random.default_rng(322)
    x = rng.normal(size=(2, 3, 2)) * 1.5
    v = rng.normal(size=x.shape)
    g = student.tanh_grad(x)
    expect_array(g, 1.0 - _tanh_ref(x) ** 2)

    def f(z):
        return float(np.sum(_tanh_ref(z) * v))

    gradient_check(
        f, x, np.asarray(g, dtype=float) * v, name="d/dx sum(tanh(x) * v), using your tanh_grad"
    )
