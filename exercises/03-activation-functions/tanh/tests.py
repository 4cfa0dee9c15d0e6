import contextlib
import math

import numpy as np

from grader.testing import check_cases, expect_array, expect_true, gradient_check, test_case


def _tanh_ref(x):
    # Independent reference: Python's math.tanh, one float at a time.
    x = np.asarray(x, dtype=float)
    return np.array([math.tanh(v) for v in x.reshape(-1).tolist()]).reshape(x.shape)


@contextlib.contextmanager
def _no_library_tanh(what):
    """Run a block of student calls with numpy.tanh and math.tanh watched; fail if either ran.

    The exercise is to build tanh from exponentials, so the library's tanh is ruled out. The
    wrappers return exactly what the originals return; both are restored afterwards.
    """
    originals = (np.tanh, math.tanh)
    used = []

    def np_tanh(*args, **kwargs):
        used.append("np.tanh")
        return originals[0](*args, **kwargs)

    def math_tanh(v):
        used.append("math.tanh")
        return originals[1](v)

    np.tanh, math.tanh = np_tanh, math_tanh
    try:
        yield
    finally:
        np.tanh, math.tanh = originals
    expect_true(
        not used,
        f"{what} called {used[0] if used else ''}: np.tanh is not allowed in this exercise "
        "(nor math.tanh). Build tanh from exponentials, stably: with t = np.exp(-2 * np.abs(x)) "
        "(never above 1), tanh(x) = sign(x) * (1 - t) / (1 + t).",
    )


LARGE = np.array([-1e4, -1000.0, -400.0, -20.0, -1.0, 0.0, 1.0, 20.0, 400.0, 1000.0, 1e4])
LARGE_TEXT = "x = [-1e4, -1000, -400, -20, -1, 0, 1, 20, 400, 1000, 1e4]"  # too long for a label


@test_case(points=2)
def tanh_small_vector(student):
    """tanh of a few moderate values, checked against known numbers."""
    x = np.array([-1.0, 0.0, 0.5, 2.0])
    want = [-0.7615941559557649, 0.0, 0.46211715726000974, 0.9640275800758169]
    with _no_library_tanh("tanh(x)"):
        out = student.tanh(x)
    expect_array(out, want, dtype="float", name="tanh(x) for x = [-1, 0, 0.5, 2]")


@test_case(points=2)
def tanh_any_shape(student):
    """tanh keeps the shape of 2-D and 3-D inputs, batch of one included."""
    rng = np.random.default_rng(321)
    xs = [rng.normal(size=shape) * 2.0 for shape in [(4, 5), (1, 3), (2, 3, 4)]]
    cases = [(x, _tanh_ref(x)) for x in xs]
    with _no_library_tanh("tanh(x) on a 2-D or 3-D input"):
        check_cases(student.tanh, cases, dtype="float")


@test_case(points=2)
def tanh_large_inputs_are_finite(student):
    """tanh is finite (no nan) and equals +-1 for |x| up to 1e4."""
    want = _tanh_ref(LARGE)
    with _no_library_tanh(f"tanh(x) for {LARGE_TEXT}"):
        out = student.tanh(LARGE.copy())
    expect_array(out, want, name=f"tanh(x) for {LARGE_TEXT}")


@test_case(points=2)
def tanh_grad_small_vector(student):
    """tanh_grad is 1 at 0 and 1 - tanh(x)**2 elsewhere."""
    x = np.array([-1.0, 0.0, 0.5, 2.0])
    want = [0.41997434161402614, 1.0, 0.7864477329659274, 0.07065082485316443]
    with _no_library_tanh("tanh_grad(x)"):
        out = student.tanh_grad(x)
    expect_array(out, want, dtype="float", name="tanh_grad(x) for x = [-1, 0, 0.5, 2]")


@test_case(points=2)
def tanh_grad_extremes_and_finite_differences(student):
    """tanh_grad is finite and 0 in the tails, and matches a numerical derivative."""
    t = _tanh_ref(LARGE)
    rng = np.random.default_rng(322)
    x = rng.normal(size=(2, 3, 2)) * 1.5
    v = rng.normal(size=x.shape)
    with _no_library_tanh(f"tanh_grad(x) for {LARGE_TEXT}"):
        extremes = student.tanh_grad(LARGE.copy())
        g = student.tanh_grad(x)
    expect_array(extremes, 1.0 - t * t, name=f"tanh_grad(x) for {LARGE_TEXT}")
    expect_array(g, 1.0 - _tanh_ref(x) ** 2)

    def f(z):
        return float(np.sum(_tanh_ref(z) * v))

    gradient_check(
        f, x, np.asarray(g, dtype=float) * v, name="d/dx sum(tanh(x) * v), using your tanh_grad"
    )


@test_case(points=2)
def tanh_accurate_near_zero(student):
    """For tiny x, tanh(x) is close to x and has the sign of x (and tanh(0) = 0)."""
    x = np.array([-1e-3, -1e-6, 0.0, 1e-6, 1e-3])
    want = _tanh_ref(x)
    with _no_library_tanh("tanh(x) for x = [-1e-3, -1e-6, 0, 1e-6, 1e-3]"):
        out = student.tanh(x)
    expect_array(
        out, want, rtol=1e-6, atol=1e-15, name="tanh(x) for x = [-1e-3, -1e-6, 0, 1e-6, 1e-3]"
    )
