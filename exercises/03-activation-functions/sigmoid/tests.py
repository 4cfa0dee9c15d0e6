import math

import numpy as np

from grader.testing import expect_array, expect_true, gradient_check, last_call, test_case


def _sigmoid_ref(x):
    # Independent reference, one Python float at a time; only exp of values <= 0.
    def one(v):
        if v >= 0:
            return 1.0 / (1.0 + math.exp(-v))
        e = math.exp(v)
        return e / (1.0 + e)

    x = np.asarray(x, dtype=float)
    return np.array([one(v) for v in x.reshape(-1).tolist()]).reshape(x.shape)


def _call_watching_exp(fn, x):
    """Call fn(x) with numpy.exp wrapped; return (result, largest overflowing exp input)."""
    original = np.exp
    seen = []

    def exp(arg, *args, **kwargs):
        result = original(arg, *args, **kwargs)
        try:
            a = np.asarray(arg)
            if a.dtype.kind in "fiu":
                ftype = a.dtype if a.dtype.kind == "f" else np.dtype(np.float64)
                big = a > np.log(np.finfo(ftype).max)
                if "where" in kwargs:
                    big = big & np.asarray(kwargs["where"], dtype=bool)
                if np.any(big):
                    seen.append(float(np.max(a[big]) if a.ndim else a))
        except Exception:  # the wrapper must never change what the student's code sees
            pass
        return result

    np.exp = exp  # the guard also restores numpy.exp after the student's call returns
    try:
        out = fn(x)
    finally:
        np.exp = original
    return out, (max(seen) if seen else None)


def _no_overflow(worst, call):
    expect_true(
        worst is None,
        f"{call} called np.exp on {worst!r}, which overflows to inf (float64 exp overflows "
        "above about 709.78; NumPy prints 'RuntimeWarning: overflow encountered in exp'). "
        "Only exponentiate numbers <= 0, e.g. compute np.exp(-np.abs(x)) once. Note that "
        "np.where(cond, A, B) evaluates both A and B for every entry.",
    )


LARGE = np.array([-1e4, -1000.0, -745.0, -50.0, -1.0, 0.0, 1.0, 50.0, 745.0, 1000.0, 1e4])
LARGE_TEXT = "x = [-1e4, -1000, -745, -50, -1, 0, 1, 50, 745, 1000, 1e4]"  # too long for a label


@test_case(points=2)
def sigmoid_small_vector(student):
    """sigmoid of a few moderate values, checked against known numbers."""
    x = np.array([-2.0, -0.5, 0.0, 1.0, 2.0])
    expect_array(
        student.sigmoid(x),
        [0.11920292202211755, 0.3775406687981454, 0.5, 0.7310585786300049, 0.8807970779778823],
        dtype="float",
    )


@test_case(points=2)
def sigmoid_any_shape(student):
    """sigmoid keeps the shape of 2-D and 3-D inputs, batch of one included."""
    rng = np.random.default_rng(311)
    for shape in [(4, 5), (1, 3), (2, 3, 4)]:
        x = rng.normal(size=shape) * 4.0
        expect_array(student.sigmoid(x), _sigmoid_ref(x), dtype="float")


@test_case(points=2)
def sigmoid_large_inputs_are_finite(student):
    """sigmoid is finite and correct for |x| up to 1e4."""
    expect_array(
        student.sigmoid(LARGE.copy()), _sigmoid_ref(LARGE), name=f"sigmoid(x) for {LARGE_TEXT}"
    )


@test_case(points=2)
def sigmoid_does_not_overflow(student):
    """sigmoid never calls np.exp on a number that overflows (|x| up to 1e4)."""
    x = np.array([[-1e4, -800.0, 3.0], [800.0, 1e4, -3.0]])
    out, worst = _call_watching_exp(student.sigmoid, x)
    _no_overflow(worst, last_call())
    expect_array(out, _sigmoid_ref(x))


@test_case(points=2)
def sigmoid_grad_small_vector(student):
    """sigmoid_grad at a few points: 0.25 at 0, symmetric around 0."""
    x = np.array([-2.0, -0.5, 0.0, 1.0, 2.0])
    expect_array(
        student.sigmoid_grad(x),
        [0.1049935854035065, 0.2350037122015945, 0.25, 0.19661193324148185, 0.10499358540350662],
        dtype="float",
    )


@test_case(points=1)
def sigmoid_grad_large_inputs(student):
    """sigmoid_grad is finite, close to 0 and overflow-free for |x| up to 1e4."""
    out, worst = _call_watching_exp(student.sigmoid_grad, LARGE.copy())
    _no_overflow(worst, "sigmoid_grad(x) for x = [-1e4, ..., 1e4]")
    s = _sigmoid_ref(LARGE)
    expect_array(out, s * (1.0 - s), name=f"sigmoid_grad(x) for {LARGE_TEXT}")


@test_case(points=1)
def sigmoid_grad_matches_finite_differences(student):
    """sigmoid_grad matches a numerical derivative on a 2-D input."""
    rng = np.random.default_rng(312)
    x = rng.normal(size=(3, 4)) * 3.0
    v = rng.normal(size=(3, 4))
    out = student.sigmoid_grad(x)
    expect_array(out, _sigmoid_ref(x) * (1 - _sigmoid_ref(x)))

    def f(z):
        return float(np.sum(_sigmoid_ref(z) * v))

    gradient_check(
        f,
        x,
        np.asarray(out, dtype=float) * v,
        name="d/dx sum(sigmoid(x) * v), using your sigmoid_grad",
    )
