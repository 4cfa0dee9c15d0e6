"""The assertion library hidden tests use: every failure message teaches.

Nothing here trusts an object the student's code made: arrays must be exactly
`numpy.ndarray` and are copied before they are compared, scalars must be of a known
number type, and comparisons use NumPy as it was before any student code ran.
"""

from __future__ import annotations

import math

from .errors import describe_type, shorten
from .guard import baseline
from .student import StudentCallable


def test_case(*, points: int = 1, hidden: bool = True):
    """Mark a function in tests.py as a hidden test worth `points`."""
    if type(points) is not int or points < 1:
        raise ValueError(f"test_case(points=...) must be a positive int, got {points!r}")

    def mark(fn):
        fn._grader_points = points
        fn._grader_hidden = hidden
        return fn

    return mark


def _np():
    np = baseline().np
    if np is None:
        raise RuntimeError("NumPy is not installed")
    return np


def _fmt(value) -> str:
    """Format a trusted number or array for a message."""
    np = _np()
    if type(value) is np.ndarray:
        text = np.array2string(
            value, precision=6, threshold=20, edgeitems=3, separator=", ", suppress_small=True
        )
        return shorten(" ".join(text.split()), 200)
    if type(value) is float or isinstance(value, np.floating):
        # 12 significant digits: enough to teach, and the same in CPython and Pyodide,
        # whose BLAS-free matmul can differ in the last bits.
        return repr(float(f"{float(value):.12g}"))
    if isinstance(value, np.integer):
        return repr(int(value))
    return shorten(repr(value), 200)


def _index(idx: tuple) -> str:
    return "(" + ", ".join(str(int(i)) for i in idx) + (",)" if len(idx) == 1 else ")")


def as_trusted_array(actual, *, name: str = "result"):
    """Copy a student's ndarray into a fresh one we own; fail on anything else."""
    np = _np()
    kind = type(actual)
    if kind in _scalar_types():  # a 0-d result: let the shape check explain what is wrong
        return np.array(actual)
    if kind is not np.ndarray:
        if isinstance(actual, np.ndarray):  # a subclass: its methods are student code
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
    actual, expected, *, name="result", rtol=1e-6, atol=1e-8, dtype=None, allow_nan=False
):
    """Fail unless `actual` is an ndarray of the expected shape, dtype and values."""
    np = _np()
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


def expect_scalar(actual, expected, *, name="result", rtol=1e-6, atol=1e-8, kind="float"):
    """Fail unless `actual` is a real number (of `kind`) close to `expected`."""
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
    if isinstance(value, np.generic) and cls in (np.int64, np.int32, np.float64, np.bool_):
        return value.item()
    raise AssertionError(f"{name}: expected a plain Python value, got {describe_type(value)}.")


def expect_equal(actual, expected, *, name="result"):
    """Fail unless `actual` equals `expected` exactly (ints, strings, tuples, bools, None)."""
    value = _plain(actual, name)
    if (
        value != expected
        or type(value) is not type(expected)
        and not (type(expected) in (int, float) and type(value) in (int, float, bool))
    ):
        raise AssertionError(f"{name}: expected {expected!r}, got {shorten(repr(value), 200)}.")


def expect_tuple(actual, length: int, *, name="result") -> tuple:
    """Fail unless `actual` is a tuple (or list) of `length` items; return it as a tuple."""
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


def expect_raises(exc_type, fn, *args, name="the call", **kwargs) -> None:
    """Fail unless calling `fn(*args, **kwargs)` raises `exc_type`."""
    from .student import StudentError

    try:
        fn(*args, **kwargs)
    except StudentError as exc:
        if exc.error["message"].split(":", 1)[0] == exc_type.__name__:
            return
        raise AssertionError(
            f"{name}: expected {exc_type.__name__}, but it raised {exc.error['message']}."
        ) from None
    except exc_type:
        return
    raise AssertionError(f"{name}: expected {exc_type.__name__} to be raised, but nothing was.")


def _snapshot(value):
    np = _np()
    if type(value) is np.ndarray:
        return np.ndarray.copy(value)
    if type(value) in (list, tuple):
        return type(value)(_snapshot(v) for v in value)
    if type(value) is dict:
        return {k: _snapshot(v) for k, v in value.items()}
    return value


def _first_change(before, after, path: str):
    """Describe the first difference between two snapshots, or None."""
    np = _np()
    if type(before) is np.ndarray:
        if type(after) is not np.ndarray or after.shape != before.shape:
            return f"{path} was replaced or reshaped"
        same = (
            (before == after) | (np.isnan(before) & np.isnan(after))
            if before.dtype.kind == "f"
            else before == after
        )
        if bool(np.all(same)):
            return None
        diff = ~np.asarray(same)
        idx = np.unravel_index(int(diff.argmax()), diff.shape) if diff.ndim else ()
        return (
            f"{path} at index {_index(idx)} was {_fmt(before[idx])} before the call "
            f"and {_fmt(after[idx])} after"
        )
    if type(before) in (list, tuple):
        if type(after) is not type(before) or len(after) != len(before):
            return f"{path} changed length or type"
        for i, (b, a) in enumerate(zip(before, after)):
            change = _first_change(b, a, f"{path}[{i}]")
            if change:
                return change
    if type(before) is dict:
        if set(before) != set(after):
            return f"{path} gained or lost keys"
        for key in before:
            change = _first_change(before[key], after[key], f"{path}[{key!r}]")
            if change:
                return change
    return None


def call_unmodified(fn, *args, **kwargs):
    """Call `fn` and fail if it changed any array (or list of arrays) it was given."""
    before_args = [_snapshot(a) for a in args]
    before_kwargs = {k: _snapshot(v) for k, v in kwargs.items()}
    result = fn(*args, **kwargs)
    names = fn.params if isinstance(fn, StudentCallable) else []
    for i, (b, a) in enumerate(zip(before_args, args)):
        label = f"argument `{names[i]}`" if i < len(names) else f"argument {i + 1}"
        change = _first_change(b, a, label)
        if change:
            raise AssertionError(
                f"Your function modified its input in place: {change}. Inputs must not "
                "change: work on a copy (x = x.copy()) or build a new array."
            )
    for key, b in before_kwargs.items():
        change = _first_change(b, kwargs[key], f"argument `{key}`")
        if change:
            raise AssertionError(
                f"Your function modified its input in place: {change}. Inputs must not change."
            )
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


def gradient_check(f, x, analytic, *, eps=1e-5, rtol=1e-5, atol=1e-7, name="gradient"):
    """Fail unless `analytic` matches the central-difference gradient of scalar `f` at `x`."""
    numeric = numerical_gradient(f, x, eps=eps)
    try:
        expect_array(analytic, numeric, name=name, rtol=rtol, atol=atol)
    except AssertionError as exc:
        raise AssertionError(
            f"Gradient check failed (numerical central differences, eps={eps:g}): {exc}"
        ) from None
