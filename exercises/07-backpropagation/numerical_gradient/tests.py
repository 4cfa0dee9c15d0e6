"""Hidden tests for numerical_gradient."""

import numpy as np

from grader.testing import expect_array, expect_true, test_case

RESTORE = (
    "numerical_gradient must leave x holding its original values when it returns. Save the "
    "entry (old = x[idx]), perturb it, evaluate f, then write the saved value back with "
    "x[idx] = old (x[idx] += eps followed by x[idx] -= eps does not always give the same "
    "float back)."
)


def _call(student, f, x, **kwargs):
    """Call numerical_gradient (it is meant to perturb x), then insist that x is restored."""
    before = x.copy()
    result = student.numerical_gradient.may_modify(f, x, **kwargs)
    changed = before != x
    if changed.any():
        idx = tuple(int(i) for i in np.argwhere(changed)[0])
        raise AssertionError(
            f"{RESTORE} Here x{list(idx)} was {before[idx]!r} before the call and {x[idx]!r} after."
        )
    return result


def _forward_difference(f, x, eps):
    x = x.copy()
    grad = np.zeros(x.shape)
    base = float(f(x))
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + eps
        grad[idx] = (float(f(x)) - base) / eps
        x[idx] = old
    return grad


def _check(got, expected, *, rtol=1e-6, atol=1e-8, f=None, x=None, eps=1e-5):
    try:
        expect_array(got, expected, rtol=rtol, atol=atol, dtype="float")
    except AssertionError as exc:
        hint = ""
        if f is not None and isinstance(got, np.ndarray) and got.shape == expected.shape:
            one_sided = _forward_difference(f, x, eps)
            if np.allclose(got, one_sided, rtol=1e-9, atol=1e-12):
                hint = (
                    " Diagnosis: this is the one-sided difference (f(x + eps) - f(x)) / eps. "
                    "Use the central difference (f(x + eps) - f(x - eps)) / (2 * eps): its "
                    "error shrinks like eps**2 instead of eps."
                )
            elif np.allclose(got, 0.0):
                hint = " Diagnosis: every entry is 0. Did f see the perturbed values?"
        raise AssertionError(str(exc) + hint) from None


@test_case(points=2)
def quadratic_any_shape(student):
    """f(x) = sum(x**2) has gradient 2x, for x of shape (3,), (2, 3) and (1,)."""
    for x in (
        np.array([1.0, -2.0, 0.5]),
        np.array([[0.3, -1.2, 2.0], [0.0, 4.0, -0.7]]),
        np.array([-3.0]),
    ):
        got = _call(student, lambda v: float(np.sum(v**2)), x)
        _check(got, 2 * x)


@test_case(points=2)
def smooth_function(student):
    """f(x) = sum(sin(x) * x**2) against its derivative cos(x) x**2 + 2 x sin(x)."""
    x = np.random.default_rng(70).uniform(-2.0, 2.0, size=(3, 4))
    f = lambda v: float(np.sum(np.sin(v) * v**2))  # noqa: E731
    got = _call(student, f, x)
    _check(got, np.cos(x) * x**2 + 2 * x * np.sin(x), rtol=1e-5, atol=1e-7, f=f, x=x)


@test_case(points=2)
def uses_eps_central(student):
    """With eps=0.1 the central difference of sum(x**3) is exactly 3x**2 + eps**2."""
    x = np.array([[1.0, -0.5], [2.0, 0.25]])
    f = lambda v: float(np.sum(v**3))  # noqa: E731
    got = _call(student, f, x, eps=0.1)
    _check(got, 3 * x**2 + 0.01, rtol=1e-9, atol=1e-9, f=f, x=x, eps=0.1)


@test_case(points=2)
def x_is_restored(student):
    """x holds exactly its original values afterwards, for values that rounding would shift."""
    x = np.array([0.1, 0.3, 1e-3, 123.456, -7.7, 2.0 / 3.0])
    _call(student, lambda v: float(np.sum(np.exp(v * 0.01))), x, eps=1e-5)
    x = np.random.default_rng(71).standard_normal((4, 3))
    _call(student, lambda v: float(np.sum(v**2) + v[0, 0] * v[1, 2]), x, eps=3e-6)


@test_case(points=2)
def f_that_reads_x_itself(student):
    """f ignores its argument and reads the weights through `params`, as a loss does."""
    rng = np.random.default_rng(72)
    X = rng.standard_normal((5, 3))
    params = [(rng.standard_normal((3, 2)), rng.standard_normal(2))]

    def loss(_):
        W, b = params[0]
        return float(np.mean((X @ W + b) ** 2))

    W, b = params[0]
    got = _call(student, loss, W)
    out = X @ W + b
    expected = X.T @ (2 * out / out.size)
    try:
        expect_array(got, expected, name="numerical_gradient(loss, W)", rtol=1e-5, atol=1e-7)
    except AssertionError as exc:
        raise AssertionError(
            f"{exc} Here f does not use its argument: it computes the loss from `params`, "
            "which holds the very array x you were given. Perturb x itself (x[idx] = ...) "
            "rather than a copy, so that f sees the change."
        ) from None
    expect_true(
        params[0][0] is W and isinstance(params[0][0], np.ndarray),
        "numerical_gradient must not replace the arrays it is checking",
    )
