"""What a call into student code is given: snapshots that prove it was left alone, and a
label that describes the call in failure messages.

Nothing here runs student code: only exact built-in containers and exact `numpy.ndarray`s
of plain dtypes are copied or compared (with NumPy as it was before any student code
ran); any other object is described by its type name alone.
"""

from __future__ import annotations

from .errors import describe_type, shorten
from .guard import baseline

# The label of the most recent call into student code, and how many calls were made.
# A dict, not module globals: the guard puts module globals back after every call.
_LAST: dict = {"label": None, "count": 0}

_PLAIN_KEYS = (str, int)  # dict keys whose hash and == are the built-in ones
_ARRAY_KINDS = "biufcUS"  # dtypes whose == is NumPy's own, never an element's __eq__
_MAX_VALUES = 12  # arrays up to this size (and _MAX_ARG characters) show their values
_MAX_ARG = 100  # longer texts of arrays, lists, tuples and dicts are summarised


def _one_of(cls, types: tuple) -> bool:
    # `is`, not `in`: `in` would call == and so a student metaclass's __eq__
    return any(cls is t for t in types)


def _plain_keys(mapping: dict) -> bool:
    return all(_one_of(type(k), _PLAIN_KEYS) for k in mapping)


def _np():
    np = baseline().np
    if np is None:
        raise RuntimeError("NumPy is not installed")
    return np


def fmt(value) -> str:
    """Format a trusted number or array for a message."""
    np = _np()
    if type(value) is np.ndarray:
        text = np.array2string(
            value, precision=6, threshold=20, edgeitems=3, separator=", ", suppress_small=True
        )
        return shorten(" ".join(text.split()), 200)
    if type(value) is float or isinstance(value, np.floating):
        return _number(float(value))
    if isinstance(value, np.integer):
        return repr(int(value))
    return shorten(repr(value), 200)


def _number(value: float) -> str:
    # 12 significant digits: enough to teach, and the same in CPython and Pyodide,
    # whose BLAS-free matmul can differ in the last bits.
    return repr(float(f"{value:.12g}"))


def index_text(idx: tuple) -> str:
    """An array index as `(1, 2)` or `(3,)`."""
    return "(" + ", ".join(str(int(i)) for i in idx) + (",)" if len(idx) == 1 else ")")


# ------------------------------------------------------------------ snapshots


def snapshot(value):
    """A copy of every array inside `value` (exact lists, tuples, dicts; others as is)."""
    np = _np()
    cls = type(value)
    if cls is np.ndarray:
        return np.ndarray.copy(value) if value.dtype.kind in _ARRAY_KINDS else value
    if cls is list or cls is tuple:
        return cls(snapshot(v) for v in value)
    if cls is dict and _plain_keys(value):
        return {k: snapshot(v) for k, v in value.items()}
    return value


def first_change(before, after, path: str) -> str | None:
    """Describe the first difference between a snapshot and the live value, or None."""
    np = _np()
    cls = type(before)
    if cls is np.ndarray:
        if before is after:  # not snapshotted (an object dtype): nothing to compare
            return None
        if type(after) is not np.ndarray or after.shape != before.shape:
            return f"{path} was replaced or reshaped"
        if after.dtype != before.dtype:
            return f"{path} changed its dtype from {before.dtype} to {after.dtype}"
        same = before == after
        if before.dtype.kind in "fc":
            same = same | (np.isnan(before) & np.isnan(after))
        if bool(np.all(same)):
            return None
        diff = ~np.asarray(same)
        idx = np.unravel_index(int(diff.argmax()), diff.shape) if diff.ndim else ()
        return (
            f"{path} at index {index_text(idx)} was {fmt(before[idx])} before the call "
            f"and {fmt(after[idx])} after"
        )
    if cls is list or cls is tuple:
        if type(after) is not cls or len(after) != len(before):
            return f"{path} changed length or type"
        for i, (b, a) in enumerate(zip(before, after)):
            change = first_change(b, a, f"{path}[{i}]")
            if change:
                return change
    if cls is dict and before is not after:
        if type(after) is not dict or not _plain_keys(after):
            return f"{path} was replaced"
        if set(before) != set(after):
            return f"{path} gained or lost keys"
        for key in before:
            change = first_change(before[key], after[key], f"{path}[{key!r}]")
            if change:
                return change
    return None


def modified_message(change: str, label: str | None = None) -> str:
    """The failure message for an argument changed in place."""
    call = f" (in the call {label})" if label else ""
    return (
        f"Your function modified its input in place: {change}{call}. Inputs must not "
        "change: work on a copy (x = x.copy()) or build a new array."
    )


def find_change(names: list[str], before: tuple, args: tuple, kwargs: dict) -> str | None:
    """The first argument changed since `before = (args snapshots, kwargs snapshots)`."""
    before_args, before_kwargs = before
    for i, (b, a) in enumerate(zip(before_args, args)):
        label = f"argument `{names[i]}`" if i < len(names) else f"argument {i + 1}"
        change = first_change(b, a, label)
        if change:
            return change
    for key, b in before_kwargs.items():
        change = first_change(b, kwargs[key], f"argument `{key}`")
        if change:
            return change
    return None


def snapshot_arguments(args: tuple, kwargs: dict) -> tuple:
    """Snapshots of positional and keyword arguments, for `find_change`."""
    return [snapshot(a) for a in args], {k: snapshot(v) for k, v in kwargs.items()}


# ------------------------------------------------------------------ labels


def describe_value(value) -> str:
    """A short text for an argument, such as `array([1.0, 2.0])` or `array(shape=(64, 4), float64)`."""
    np = _np()
    cls = type(value)
    if value is None or cls is bool:
        return repr(value)
    if cls is int:
        return repr(value) if value.bit_length() < 64 else "<a very large int>"
    if cls is float:
        return _number(value)
    if cls is str:
        return shorten(repr(value), 40)
    if cls is np.ndarray:
        return _describe_array(np, value)
    if _one_of(cls, (np.float64, np.float32, np.float16)):
        return _number(float(value))
    if _one_of(cls, _numpy_ints(np)):
        return repr(int(value))
    if cls is np.bool_:
        return repr(bool(value))
    if cls is list or cls is tuple:
        return _describe_sequence(value)
    if cls is dict:
        return _describe_dict(value)
    return f"<{describe_type(value)}>"


def _numpy_ints(np) -> tuple:
    return (np.int64, np.int32, np.int16, np.int8, np.uint64, np.uint32, np.uint16, np.uint8)


def _dtype_text(np, dtype) -> str:
    # Integer widths differ between CPython (int64) and Pyodide (int32): never name them.
    return {"i": "int", "u": "uint", "b": "bool"}.get(dtype.kind) or str(dtype)


def _describe_array(np, arr) -> str:
    kind = arr.dtype.kind
    if kind in "biuf" and 0 < arr.size <= _MAX_VALUES:
        text = f"array({_nested(arr.tolist())}"
        if kind == "f" and arr.dtype != np.float64:
            text += f", {arr.dtype}"
        text += ")"
        if len(text) <= _MAX_ARG:
            return text
    return f"array(shape={arr.shape}, {_dtype_text(np, arr.dtype)})"


def _nested(value) -> str:
    if type(value) is list:
        return "[" + ", ".join(_nested(v) for v in value) + "]"
    if type(value) is float:
        return _number(value)
    return repr(value)  # int or bool, from tolist()


def _describe_sequence(value) -> str:
    word = "list" if type(value) is list else "tuple"
    if len(value) <= 8:
        inner = ", ".join(describe_value(v) for v in value)
        text = f"[{inner}]" if word == "list" else f"({inner}{',' if len(value) == 1 else ''})"
        if len(text) <= _MAX_ARG:
            return text
    return f"{word} of {len(value)} items"


def _describe_dict(value) -> str:
    if not _plain_keys(value):
        return f"dict of {len(value)} items"
    if len(value) <= 8:
        text = "{" + ", ".join(f"{k!r}: {describe_value(v)}" for k, v in value.items()) + "}"
        if len(text) <= _MAX_ARG:
            return text
    return shorten(f"dict with keys {list(value)!r}", _MAX_ARG)


def describe_call(name: str, names: list[str], args: tuple, kwargs: dict) -> str:
    """A call as `relu(x=array([-1.0, 0.0, 2.0]))`, with parameter names where known."""
    parts = [
        f"{names[i]}={describe_value(a)}" if i < len(names) else describe_value(a)
        for i, a in enumerate(args)
    ]
    parts += [f"{k}={describe_value(v)}" for k, v in kwargs.items()]
    return shorten(f"{name}({', '.join(parts)})", 240)


def remember_call(label: str) -> None:
    """Record `label` as the most recent call into student code."""
    _LAST["label"] = label
    _LAST["count"] += 1


def last_call() -> str | None:
    """The label of the most recent call into student code (None before the first)."""
    label = _LAST["label"]
    return label if type(label) is str else None


def calls_made() -> int:
    """How many calls into student code were made so far (to notice a new one)."""
    count = _LAST["count"]
    return count if type(count) is int else 0


def forget_calls() -> None:
    """Start a new test: no call has been made yet."""
    _LAST["label"] = None
