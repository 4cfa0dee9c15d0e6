"""The assertion library hidden tests use: every failure message teaches.

Nothing here trusts an object the student's code made: arrays must be exactly
`numpy.ndarray` and are copied before they are compared, scalars must be of a known
number type, and comparisons use NumPy as it was before any student code ran.
"""

from __future__ import annotations

import functools
import math

from . import inputs
from .errors import describe_type, shorten
from .inputs import _np
from .inputs import fmt as _fmt
from .inputs import index_text as _index
from .student import StudentCallable


def test_case(*, points: int = 1, hidden: bool = True):
    """Mark a function in tests.py as a hidden test worth `points`."""
    if type(points) is not int or points < 1:
        raise ValueError(f"test_case(points=...) must be a positive int, got {points!r}")

    def mark(fn):
        @functools.wraps(fn)
        def run(student):
            inputs.forget_calls()  # a label never carries over from the previous test
            return fn(student)

        run._grader_points = points
        run._grader_hidden = hidden
        return run

    return mark


def last_call() -> str | None:
    """The label of the most recent call into student code, e.g. `relu(x=array([1.0]))`."""
    return inputs.last_call()


def _name(name: str | None, default: str = "result") -> str:
    """An explicit name, else the label of the most recent call into student code."""
    if name is not None:
        return name
    return inputs.last_call() or default


def as_trusted_array(actual, *, name: str | None = "result"):
    """Copy a student's ndarray into a fresh one we own; fail on anything else."""
    np = _np()
    name = _name(name)
    kind = type(actual)
    if kind in _scalar_types():  # a 0-d result: let the shape check explain what is wrong
        return np.array(actual)
    if kind is not np.ndarray:
        if issubclass(kind, np.ndarray):  # a subclass: its methods are student code
            raise AssertionError(
                f"{name}: expected a plain numpy.ndarray, got the subclass {describe_type(actual)}."
            )
        if kind in (list, tuple):
            raise AssertionError(
                f"{name}: expected a NumPy array, got a {kind.__name__}. "
                "Return an array (for example with np.array(...))."
            )
        raise AssertionError(f"{name}: expected a NumPy array, got {describe_type(actual)}.")
    copy = np.ndarray.copy(actual)
    if copy.dtype.kind not in "biuf":
        raise AssertionError(f"{name}: expected an array of numbers, got dtype {copy.dtype}.")
    return copy


def _number_types() -> dict[str, tuple]:
    """The exact scalar types accepted as numbers, by kind (subclasses never qualify)."""
    np = _np()
    return {
        "float": (float, np.float64, np.float32, np.float16),
        "int": (int, np.int64, np.int32, np.int16, np.int8, np.uint64, np.uint32, np.uint16,
                np.uint8),
        "bool": (bool, np.bool_),
    }  # fmt: skip


def _scalar_types() -> tuple:
    """Scalars treated as 0-d arrays where an array is expected."""
    types = _number_types()
    return types["float"] + types["int"] + types["bool"]


def _dtype_problem(arr, dtype) -> str | None:
    np = _np()
    if dtype is None:
        return None
    wanted = {"float": "f", "int": "iu", "bool": "b"}.get(dtype) if isinstance(dtype, str) else None
    if wanted is not None:
        if arr.dtype.kind in wanted:
            return None
        label = {"f": "a float", "iu": "an integer", "b": "a boolean"}[wanted]
        return f"expected {label} dtype, got {arr.dtype}"
    if arr.dtype != np.dtype(dtype):
        return f"expected dtype {np.dtype(dtype)}, got {arr.dtype}"
    return None


def expect_array(
    actual, expected, *, name=None, rtol=1e-6, atol=1e-8, dtype=None, allow_nan=False
) -> None:
    """Fail unless `actual` is an ndarray of the expected shape, dtype and values."""
    np = _np()
    name = _name(name)
    got = as_trusted_array(actual, name=name)
    want = np.asarray(expected)
    if got.shape != want.shape:
        hint = ""
        if got.shape == want.shape[::-1] and got.ndim > 1:
            hint = " (transposed?)"
        elif got.size == want.size:
            hint = " (same number of values: check keepdims / reshape)"
        raise AssertionError(f"{name}: expected shape {want.shape}, got {got.shape}{hint}.")
    problem = _dtype_problem(got, dtype)
    if problem:
        raise AssertionError(f"{name}: {problem}.")
    gotf = got.astype(np.float64)
    wantf = want.astype(np.float64)
    if not allow_nan:
        bad = ~np.isfinite(gotf) & np.isfinite(wantf)
        if bad.any():
            first = np.unravel_index(int(bad.argmax()), bad.shape) if bad.ndim else ()
            what = "NaN" if np.isnan(gotf[first]) else "an infinity"
            raise AssertionError(
                f"{name}: found {what} at index {_index(first)} ({int(bad.sum())} non-finite "
                f"value(s) in all) where a finite number was expected (expected "
                f"{_fmt(wantf[first])}). Look for overflow in exp or a division by zero."
            )
    err = np.abs(gotf - wantf)
    with np.errstate(invalid="ignore", over="ignore"):
        close = err <= atol + rtol * np.abs(wantf)
    both_nan = np.isnan(gotf) & np.isnan(wantf)
    same_inf = np.isinf(wantf) & (gotf == wantf)
    close = close | same_inf | (both_nan if allow_nan else False)
    if close.all():
        return
    bad = ~close
    first = np.unravel_index(int(bad.argmax()), bad.shape) if bad.ndim else ()
    finite = np.isfinite(err)
    max_abs = float(err[finite].max()) if finite.any() else math.inf
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        rel = err / np.abs(wantf)
    rel_ok = np.isfinite(rel)
    max_rel = float(rel[rel_ok].max()) if rel_ok.any() else math.inf
    where = f" at index {_index(first)}" if got.ndim else ""
    raise AssertionError(
        f"{name}: {int(bad.sum())} of {got.size} value(s) differ. First{where}: expected "
        f"{_fmt(want[first])}, got {_fmt(got[first])}. Max abs error {max_abs:.3g}, max "
        f"rel error {max_rel:.3g} (tolerance rtol={rtol:g}, atol={atol:g}).\n"
        f"  expected: {_fmt(want)}\n  got:      {_fmt(got)}"
    )


_KIND_LABEL = {"float": "a float", "int": "an int", "bool": "a bool"}


def as_trusted_number(actual, *, name="result", kind="float"):
    """Convert a student's scalar to a Python number, accepting only real number types."""
    np = _np()
    name = _name(name)
    cls = type(actual)
    if cls is np.ndarray and actual.ndim == 0:
        actual = np.ndarray.copy(actual)[()]
        cls = type(actual)
    types = _number_types()
    floats, ints, bools = types["float"] + (np.longdouble,), types["int"], types["bool"]
    allowed = {"float": floats + ints + bools, "int": ints + bools, "bool": bools}[kind]
    if cls not in allowed:
        if cls in floats and kind == "int":
            raise AssertionError(f"{name}: expected an int, got the float {_fmt(actual)}.")
        raise AssertionError(f"{name}: expected {_KIND_LABEL[kind]}, got {describe_type(actual)}.")
    if kind == "float":
        return float(actual)
    if kind == "int":
        return int(actual)
    return bool(actual)


def expect_scalar(actual, expected, *, name=None, rtol=1e-6, atol=1e-8, kind="float") -> None:
    """Fail unless `actual` is a real number (of `kind`) close to `expected`."""
    name = _name(name)
    value = as_trusted_number(actual, name=name, kind=kind)
    if kind != "float":
        if value != expected:
            raise AssertionError(f"{name}: expected {expected!r}, got {value!r}.")
        return
    if math.isnan(value) or math.isinf(value):
        if value == expected:
            return
        raise AssertionError(
            f"{name}: expected {float(expected)!r}, got {value!r} (look for overflow or 0/0)."
        )
    if abs(value - expected) > atol + rtol * abs(expected):
        raise AssertionError(
            f"{name}: expected {float(expected)!r}, got {value!r} "
            f"(abs error {abs(value - expected):.3g})."
        )


def _plain(value, name):
    """Rebuild a value from trusted built-in types only (no student __eq__ survives)."""
    cls = type(value)
    if value is None or cls in (int, float, bool, str):
        return value
    if cls in (tuple, list):
        return cls(_plain(v, name) for v in value)
    np = _np()
    if issubclass(cls, np.generic) and cls in (np.int64, np.int32, np.float64, np.bool_):
        return value.item()
    raise AssertionError(f"{name}: expected a plain Python value, got {describe_type(value)}.")


def expect_equal(actual, expected, *, name=None) -> None:
    """Fail unless `actual` equals `expected` exactly (ints, strings, tuples, bools, None)."""
    name = _name(name)
    value = _plain(actual, name)
    if (
        value != expected
        or type(value) is not type(expected)
        and not (type(expected) in (int, float) and type(value) in (int, float, bool))
    ):
        raise AssertionError(f"{name}: expected {expected!r}, got {shorten(repr(value), 200)}.")


def expect_tuple(actual, length: int, *, name=None) -> tuple:
    """Fail unless `actual` is a tuple (or list) of `length` items; return it as a tuple."""
    name = _name(name)
    if type(actual) not in (tuple, list):
        raise AssertionError(
            f"{name}: expected a tuple of {length} values, got {describe_type(actual)}."
        )
    items = tuple(actual)
    if len(items) != length:
        raise AssertionError(f"{name}: expected {length} values, got {len(items)}.")
    return items


def expect_true(condition, message: str) -> None:
    """Fail with `message` unless `condition` is exactly True (or a NumPy True)."""
    np = _np()
    if type(condition) not in (bool, np.bool_) or not bool(condition):
        raise AssertionError(message)


def expect_raises(exc_type, fn, *args, name=None, **kwargs) -> None:
    """Fail unless calling `fn(*args, **kwargs)` raises `exc_type`."""
    from .student import StudentError

    calls = inputs.calls_made()

    def label() -> str:  # by default the label of the call made inside `fn`
        if name is not None:
            return name
        return (inputs.last_call() if inputs.calls_made() != calls else None) or "the call"

    try:
        fn(*args, **kwargs)
    except StudentError as exc:
        if exc.error["message"].split(":", 1)[0] == exc_type.__name__:
            return
        raise AssertionError(
            f"{label()}: expected {exc_type.__name__}, but it raised {exc.error['message']}."
        ) from None
    except exc_type:
        return
    raise AssertionError(f"{label()}: expected {exc_type.__name__} to be raised, but nothing was.")


def call_unmodified(fn, *args, **kwargs):
    """Call `fn` and fail if it changed any array (or list or dict of arrays) it was given.

    Student functions check this on every call already; this also covers a plain function.
    """
    if isinstance(fn, StudentCallable):
        return fn(*args, **kwargs)
    before = inputs.snapshot_arguments(args, kwargs)
    result = fn(*args, **kwargs)
    change = inputs.find_change([], before, args, kwargs)
    if change:
        raise AssertionError(inputs.modified_message(change))
    return result


def numerical_gradient(f, x, *, eps: float = 1e-5):
    """Central-difference gradient of scalar `f` at float array `x` (trusted helper)."""
    np = _np()
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    flat, gflat = x.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + eps
        plus = as_trusted_number(f(x), name="f(x + eps)")
        flat[i] = old - eps
        minus = as_trusted_number(f(x), name="f(x - eps)")
        flat[i] = old
        gflat[i] = (plus - minus) / (2 * eps)
    return grad


def gradient_check(f, x, analytic, *, eps=1e-5, rtol=1e-5, atol=1e-7, name=None) -> None:
    """Fail unless `analytic` matches the central-difference gradient of scalar `f` at `x`."""
    name = _name(name, "gradient")  # the call that gave `analytic`, before `f` runs
    numeric = numerical_gradient(f, x, eps=eps)
    try:
        expect_array(analytic, numeric, name=name, rtol=rtol, atol=atol)
    except AssertionError as exc:
        raise AssertionError(
            f"Gradient check failed (numerical central differences, eps={eps:g}): {exc}"
        ) from None


# The higher-level checks are built on the helpers above (grader/checks.py imports them, so
# this import comes last); hidden tests import everything from here.
from .checks import (  # noqa: E402
    check_against_naive,
    check_against_reference,
    check_cases,
    expect_can_overfit,
    expect_initial_loss,
    expect_value,
)

__all__ = [
    "as_trusted_array", "as_trusted_number", "call_unmodified", "check_against_naive",
    "check_against_reference", "check_cases", "expect_array", "expect_can_overfit",
    "expect_equal", "expect_initial_loss", "expect_raises", "expect_scalar", "expect_true",
    "expect_tuple", "expect_value", "gradient_check", "last_call", "numerical_gradient",
    "test_case",
]  # fmt: skip
