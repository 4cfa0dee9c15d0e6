"""Higher-level checks for hidden tests: values of any shape, case tables, reference and
naive-loop comparisons on seeded inputs, and the sanity checks of a training loop.

All are importable from `grader.testing`; the comparisons underneath are its helpers.
"""

from __future__ import annotations

import math

from . import inputs
from .errors import describe_type
from .inputs import _np
from .inputs import fmt as _fmt
from .testing import (
    _name,
    as_trusted_array,
    as_trusted_number,
    expect_array,
    expect_equal,
    expect_scalar,
)


def expect_value(actual, expected, *, name=None, rtol=1e-6, atol=1e-8, dtype=None) -> None:
    """Fail unless `actual` matches `expected`, compared as the type of `expected` calls for."""
    np = _np()
    name = _name(name)
    kind = type(expected)
    if kind is np.ndarray:
        expect_array(actual, expected, name=name, rtol=rtol, atol=atol, dtype=dtype)
    elif kind is bool or kind is np.bool_:
        expect_scalar(actual, bool(expected), name=name, kind="bool")
    elif kind is int or issubclass(kind, np.integer):
        expect_scalar(actual, int(expected), name=name, kind="int")
    elif kind is float or issubclass(kind, np.floating):
        expect_scalar(actual, float(expected), name=name, rtol=rtol, atol=atol)
    elif kind is tuple or kind is list:
        items = _sequence(actual, len(expected), "tuple" if kind is tuple else "list", name)
        for i, (got, want) in enumerate(zip(items, expected)):
            expect_value(got, want, name=f"{name}[{i}]", rtol=rtol, atol=atol, dtype=dtype)
    elif kind is dict:
        for key in _same_keys(actual, expected, name):
            expect_value(
                actual[key], expected[key], name=f"{name}[{key!r}]", rtol=rtol, atol=atol,
                dtype=dtype,
            )  # fmt: skip
    elif expected is None:
        if actual is not None:
            raise AssertionError(f"{name}: expected None, got {describe_type(actual)}.")
    else:
        expect_equal(actual, expected, name=name)


def _sequence(actual, length: int, word: str, name: str) -> list:
    if type(actual) is not tuple and type(actual) is not list:
        raise AssertionError(
            f"{name}: expected a {word} of {length} values, got {describe_type(actual)}."
        )
    if len(actual) != length:
        raise AssertionError(f"{name}: expected {length} values, got {len(actual)}.")
    return list(actual)


def _same_keys(actual, expected: dict, name: str) -> list:
    if type(actual) is not dict:
        raise AssertionError(f"{name}: expected a dict, got {describe_type(actual)}.")
    for key in actual:
        if type(key) is not str and type(key) is not int:
            raise AssertionError(
                f"{name}: expected keys {list(expected)!r}, got a key of type {describe_type(key)}."
            )
    missing = [k for k in expected if k not in actual]
    extra = [k for k in actual if k not in expected]
    if missing or extra:
        parts = [f"missing key(s) {missing!r}"] if missing else []
        parts += [f"unexpected key(s) {extra!r}"] if extra else []
        raise AssertionError(f"{name}: expected keys {list(expected)!r}; {', '.join(parts)}.")
    return list(expected)


def _row(row, number: int) -> tuple:
    """(args, kwargs, expected) from a case `(args, expected)` or `(args, kwargs, expected)`."""
    if (
        type(row) is not tuple
        or len(row) not in (2, 3)
        or len(row) == 3
        and type(row[1]) is not dict
    ):
        raise TypeError(
            f"check_cases: case {number} must be (args, expected) or (args, kwargs, expected), "
            f"got {row!r}"
        )
    args = row[0] if type(row[0]) is tuple else (row[0],)
    return (args, {}, row[1]) if len(row) == 2 else (args, row[1], row[2])


def _call(fn, args: tuple, kwargs: dict, fallback: str) -> tuple:
    """(result, label): the label of the student call made inside `fn`, else `fallback`."""
    calls = inputs.calls_made()
    result = fn(*args, **kwargs)
    label = inputs.last_call() if inputs.calls_made() != calls else None
    return result, label or fallback


def check_cases(fn, cases, *, rtol=1e-6, atol=1e-8, dtype=None) -> None:
    """Call `fn` on each `(args, expected)` / `(args, kwargs, expected)` row and compare."""
    for number, row in enumerate(cases, start=1):
        args, kwargs, expected = _row(row, number)
        result, label = _call(fn, args, kwargs, f"case {number}")
        expect_value(result, expected, name=label, rtol=rtol, atol=atol, dtype=dtype)


def _split_args(made) -> tuple:
    """make_args may return one argument, a tuple of them, or (args tuple, kwargs dict)."""
    if type(made) is tuple and len(made) == 2 and type(made[0]) is tuple and type(made[1]) is dict:
        return made
    return (made if type(made) is tuple else (made,)), {}


def _on_random_inputs(fn, reference, make_args, seeds, what: str, tolerances: dict) -> None:
    np = _np()
    for seed in seeds:
        args, kwargs = _split_args(make_args(np.random.default_rng(seed)))
        # The reference gets copies: whatever it does, the student sees the same inputs.
        want = reference(*inputs.snapshot(args), **inputs.snapshot(kwargs))
        got, label = _call(fn, args, kwargs, "result")
        try:
            expect_value(got, want, name=label, **tolerances)
        except AssertionError as exc:
            raise AssertionError(
                f"On random inputs (seed {seed}) your result differs from {what}. {exc}"
            ) from None


def check_against_reference(
    fn, reference, make_args, *, seeds=(0, 1, 2), rtol=1e-6, atol=1e-8, dtype=None
) -> None:
    """Compare `fn` with a trusted `reference` on `make_args(np.random.default_rng(seed))`."""
    tolerances = {"rtol": rtol, "atol": atol, "dtype": dtype}
    _on_random_inputs(fn, reference, make_args, seeds, "the reference implementation", tolerances)


def check_against_naive(
    fn, naive, make_args, *, seeds=(0, 1, 2), rtol=1e-6, atol=1e-8, dtype=None
) -> None:
    """Like `check_against_reference`, for vectorised code checked against a plain loop."""
    tolerances = {"rtol": rtol, "atol": atol, "dtype": dtype}
    _on_random_inputs(fn, naive, make_args, seeds, "a naive loop implementation", tolerances)


def expect_initial_loss(loss, n_classes: int, *, rtol: float = 0.1, name=None) -> None:
    """Fail unless an untrained classifier's loss is about ln(n_classes)."""
    if type(n_classes) is not int or n_classes < 2:
        raise ValueError(f"expect_initial_loss: n_classes must be an int >= 2, got {n_classes!r}")
    name = _name(name, "initial loss")
    value = as_trusted_number(loss, name=name)
    target = math.log(n_classes)
    if math.isfinite(value) and abs(value - target) <= rtol * target:
        return
    k = n_classes
    if not math.isfinite(value):
        hint = "Look for overflow in exp or a log of 0."
    elif value > target:
        hint = (
            "A much larger loss usually means the initial weights are too large (confident, "
            "wrong predictions) or the loss is summed instead of averaged over the batch."
        )
    else:
        hint = "A much smaller loss means it is not the mean of -ln(probability of the true class)."
    raise AssertionError(
        f"{name}: the loss of an untrained classifier should be about ln({k}) = {target:.4f} "
        f"(within {rtol:.0%}), got {_fmt(value)}. With small random weights each of the {k} "
        f"classes gets a probability near 1/{k}, and -ln(1/{k}) = ln({k}). {hint}"
    )


def expect_can_overfit(losses, *, below: float, name: str = "training loss") -> None:
    """Fail unless the losses of training on a tiny batch end below `below` and below the start."""
    np = _np()
    if type(losses) is np.ndarray:
        values = as_trusted_array(losses, name=name).astype(np.float64).reshape(-1).tolist()
    elif type(losses) is list or type(losses) is tuple:
        values = [as_trusted_number(v, name=f"{name}[{i}]") for i, v in enumerate(losses)]
    else:
        raise AssertionError(f"{name}: expected a list of losses, got {describe_type(losses)}.")
    if len(values) < 2:
        raise AssertionError(
            f"{name}: expected the loss at every step (at least 2 values), got {len(values)}."
        )
    for step, value in enumerate(values):
        if not math.isfinite(value):
            raise AssertionError(
                f"{name}: the loss became {_fmt(value)} at step {step} (it started at "
                f"{_fmt(values[0])}). Training diverged: look for a learning rate that is too "
                "large or a gradient with the wrong sign."
            )
    first, last = values[0], values[-1]
    if last < below and last < first:
        return
    why = (
        "it never went down: does the update subtract the gradient (w -= lr * grad)?"
        if last >= first
        else "a network that cannot overfit a few examples has a bug in its forward pass, "
        "its gradients or its update step."
    )
    raise AssertionError(
        f"{name}: training on a tiny batch should drive the loss below {below:g}, but it went "
        f"from {_fmt(first)} to {_fmt(last)} over {len(values)} steps; {why}"
    )
