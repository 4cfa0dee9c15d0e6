"""The assertion library: each failure message says what was expected and what came back."""

import numpy as np
import pytest

from grader.testing import (
    call_unmodified,
    expect_array,
    expect_equal,
    expect_raises,
    expect_scalar,
    expect_true,
    expect_tuple,
    gradient_check,
)


def fails(fn, *args, **kwargs) -> str:
    with pytest.raises(AssertionError) as info:
        fn(*args, **kwargs)
    return str(info.value)


def test_expect_array_accepts_close_values():
    expect_array(np.array([1.0, 2.0]), [1.0, 2.0 + 1e-9], name="x")


@pytest.mark.parametrize(
    "actual, expected, fragment",
    [
        ([1.0, 2.0], [1.0, 2.0], "expected a NumPy array, got a list"),
        (np.zeros((2, 3)), np.zeros((3, 2)), "expected shape (3, 2), got (2, 3) (transposed?)"),
        (np.zeros(6), np.zeros((2, 3)), "check keepdims"),
        (np.array([1.0, np.nan]), [1.0, 2.0], "NaN at index (1,)"),
        (np.array([1.0, np.inf]), [1.0, 2.0], "infinity at index (1,)"),
        (np.array([1.0, 2.5, 3.0]), [1.0, 2.0, 3.0], "First at index (1,): expected 2.0, got 2.5"),
        (np.array(["a"]), ["a"], "expected an array of numbers"),
    ],
)
def test_expect_array_messages(actual, expected, fragment):
    assert fragment in fails(expect_array, actual, expected, name="out")


def test_expect_array_reports_max_errors():
    msg = fails(expect_array, np.array([1.0, 2.0, 4.0]), [1.0, 2.0, 3.0])
    assert "Max abs error 1" in msg and "max rel error 0.333" in msg


def test_expect_array_dtype_kinds():
    expect_array(np.array([1, 0]), [1, 0], dtype="int")
    assert "expected an integer dtype, got float64" in fails(
        expect_array, np.array([1.0, 0.0]), [1, 0], dtype="int"
    )
    assert "expected dtype float32, got float64" in fails(
        expect_array, np.zeros(2), np.zeros(2), dtype=np.float32
    )


def test_expect_array_rejects_subclasses():
    class Sub(np.ndarray):
        pass

    assert "subclass" in fails(expect_array, np.zeros(2).view(Sub), np.zeros(2))


def test_expect_array_allow_nan():
    expect_array(np.array([np.nan, 1.0]), [np.nan, 1.0], allow_nan=True)


def test_expect_scalar():
    expect_scalar(np.float64(0.5), 0.5)
    expect_scalar(3, 3.0)
    expect_scalar(np.int64(2), 2, kind="int")
    assert "expected 1.0, got 1.5" in fails(expect_scalar, 1.5, 1.0)
    assert "expected an int, got the float 2.0" in fails(expect_scalar, 2.0, 2, kind="int")
    assert "expected a float, got str" in fails(expect_scalar, "1.0", 1.0)
    assert "overflow" in fails(expect_scalar, float("nan"), 1.0)


def test_expect_equal_and_tuple():
    expect_equal((1, 2), (1, 2))
    assert "expected 3, got 4" in fails(expect_equal, 4, 3)

    class Liar:
        def __eq__(self, other):
            return True

    assert "expected a plain Python value" in fails(expect_equal, Liar(), 3)
    assert expect_tuple([1, 2], 2) == (1, 2)
    assert "expected 3 values, got 2" in fails(expect_tuple, (1, 2), 3)


def test_expect_true_needs_a_real_bool():
    expect_true(True, "no")
    assert fails(expect_true, 1, "must be True") == "must be True"


def test_expect_raises():
    def bad():
        raise ValueError("x")

    expect_raises(ValueError, bad)
    assert "expected ValueError to be raised" in fails(expect_raises, ValueError, lambda: 1)


def test_call_unmodified():
    x = np.arange(3.0)
    assert call_unmodified(lambda a: a * 2, x).tolist() == [0.0, 2.0, 4.0]

    def sneaky(a):
        a[1] = 9.0
        return a

    msg = fails(call_unmodified, sneaky, np.arange(3.0))
    assert "at index (1,) was 1.0 before the call and 9.0 after" in msg

    def list_sneaky(params):
        params[0][0] = 5.0

    assert "argument 1[0] at index (0,)" in fails(call_unmodified, list_sneaky, [np.zeros(2)])


def test_gradient_check():
    x = np.array([0.5, -1.0, 2.0])
    gradient_check(lambda v: float(np.sum(v**3)), x, 3 * x**2)
    msg = fails(gradient_check, lambda v: float(np.sum(v**3)), x, 2 * x**2)
    assert "Gradient check failed" in msg and "First at index (0,)" in msg
