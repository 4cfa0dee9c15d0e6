"""The assertion library: each failure message says what was expected and what came back."""

import numpy as np
import pytest

from grader.student import Student
from grader.testing import (
    call_unmodified,
    check_against_naive,
    check_against_reference,
    check_cases,
    expect_array,
    expect_can_overfit,
    expect_equal,
    expect_initial_loss,
    expect_raises,
    expect_scalar,
    expect_true,
    expect_tuple,
    expect_value,
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


# ------------------------------------------------------------- the shorter-test helpers


def test_expect_value_picks_the_comparison_by_type():
    expect_value(np.array([1.0, 2.0]), np.array([1.0, 2.0 + 1e-9]), name="v")
    expect_value(np.float64(0.5), 0.5, name="v")
    expect_value(np.int64(3), 3, name="v")
    expect_value(np.bool_(True), True, name="v")
    expect_value([np.zeros(2), (1, 0.5)], (np.zeros(2), [1, 0.5]), name="v")
    expect_value({"W": np.ones(2), "n": 2}, {"W": np.ones(2), "n": 2}, name="v")
    expect_value(None, None, name="v")
    expect_value("relu", "relu", name="v")


@pytest.mark.parametrize(
    "actual, expected, message",
    [
        (np.array([1.0, 3.0]), np.array([1.0, 2.0]), "v: 1 of 2 value(s) differ. First at "
         "index (1,): expected 2.0, got 3.0."),
        (1.5, 1.0, "v: expected 1.0, got 1.5 (abs error 0.5)."),
        (2.0, 2, "v: expected an int, got the float 2.0."),
        (3, 2, "v: expected 2, got 3."),
        (False, True, "v: expected True, got False."),
        ([1, 2], (1, 2, 3), "v: expected 3 values, got 2."),
        (np.zeros(2), (0.0, 0.0), "v: expected a tuple of 2 values, got numpy.ndarray."),
        ((1, 2.5), [1, 2.0], "v[1]: expected 2.0, got 2.5 (abs error 0.5)."),
        ({"W": np.zeros(1)}, {"W": np.ones(1)}, "v['W']: 1 of 1 value(s) differ."),
        ({"W": 1, "c": 2}, {"W": 1, "b": 2},
         "v: expected keys ['W', 'b']; missing key(s) ['b'], unexpected key(s) ['c']."),
        ([1], {"W": 1}, "v: expected a dict, got list."),
        (0.0, None, "v: expected None, got float."),
        ("tanh", "relu", "v: expected 'relu', got 'tanh'."),
    ],
)  # fmt: skip
def test_expect_value_messages(actual, expected, message):
    assert fails(expect_value, actual, expected, name="v").startswith(message)


def test_expect_value_passes_tolerances_and_dtype_down():
    expect_value([np.array([1.0])], [np.array([1.1])], name="v", rtol=0.2)
    msg = fails(expect_value, (np.array([1.0]),), (np.array([1.0]),), name="v", dtype="int")
    assert msg == "v[0]: expected an integer dtype, got float64."


def double(x, *, factor=2.0):
    return np.asarray(x) * factor


def test_check_cases_runs_every_row():
    check_cases(
        double, [(1.0, 2.0), ((np.array([1.0, 2.0]),), {"factor": 3.0}, np.array([3.0, 6.0]))]
    )
    msg = fails(check_cases, double, [(1.0, 2.0), (2.0, 5.0)])
    assert msg == "case 2: expected 5.0, got 4.0 (abs error 1)."
    with pytest.raises(TypeError, match="case 1 must be"):
        check_cases(double, [(1.0,)])


def test_check_cases_names_the_student_call():
    student = Student({"double": double})
    msg = fails(check_cases, student.double, [(((1.0, 2.0),), np.array([2.0, 4.5]))])
    assert msg.startswith("double(x=(1.0, 2.0)): 1 of 2 value(s) differ. First at index (1,)")


def test_check_against_reference_and_naive():
    student = Student({"double": double})
    check_against_reference(student.double, lambda x: x * 2.0, lambda rng: rng.normal(size=(3, 4)))
    msg = fails(
        check_against_reference,
        student.double,
        lambda x: x * 2.5,
        lambda rng: (rng.normal(size=(20, 3)),),
    )
    assert msg.startswith(
        "On random inputs (seed 0) your result differs from the reference implementation. "
        "double(x=array(shape=(20, 3), float64)): 60 of 60 value(s) differ."
    )

    def naive(x, factor):
        return np.array([v * factor for v in x.tolist()])

    def make(rng):
        return (rng.normal(size=4),), {"factor": 3.0}

    check_against_naive(student.double, naive, make, seeds=(5,))
    msg = fails(
        check_against_naive, student.double, lambda x, factor: naive(x, 1.0), make, seeds=(7,)
    )
    assert msg.startswith(
        "On random inputs (seed 7) your result differs from a naive loop implementation. "
        "double(x=array([0.00123"
    )
    assert ", factor=3.0): 4 of 4 value(s) differ." in msg


def test_the_reference_gets_copies():
    def spoil(x):
        out = x + 1.0
        x[:] = 0.0  # the student's function must still see the original values
        return out

    check_against_reference(lambda x: np.asarray(x) + 1.0, spoil, lambda rng: rng.normal(size=3))


def test_expect_initial_loss():
    expect_initial_loss(2.4, 10)
    msg = fails(expect_initial_loss, 7.5, 10, name="loss")
    assert msg.startswith(
        "loss: the loss of an untrained classifier should be about ln(10) = 2.3026 (within 10%), "
        "got 7.5. With small random weights each of the 10 classes gets a probability near "
        "1/10, and -ln(1/10) = ln(10). A much larger loss"
    )
    assert "much smaller" in fails(expect_initial_loss, np.float64(0.2), 3, name="loss")
    assert "overflow" in fails(expect_initial_loss, float("nan"), 3, name="loss")


def test_expect_can_overfit():
    expect_can_overfit([2.3, 0.9, 0.01], below=0.05)
    expect_can_overfit(np.array([1.0, 0.5, 0.0]), below=0.05)
    assert fails(expect_can_overfit, [2.3, 1.0, 0.5], below=0.1) == (
        "training loss: training on a tiny batch should drive the loss below 0.1, but it went "
        "from 2.3 to 0.5 over 3 steps; a network that cannot overfit a few examples has a bug "
        "in its forward pass, its gradients or its update step."
    )
    assert "it never went down" in fails(expect_can_overfit, [0.04, 0.04], below=0.05)
    assert fails(expect_can_overfit, [1.0, float("inf")], below=0.1, name="loss").startswith(
        "loss: the loss became inf at step 1 (it started at 1.0)."
    )
    assert "at least 2 values" in fails(expect_can_overfit, [0.0], below=0.1)
    assert "expected a float, got str" in fails(expect_can_overfit, [1.0, "0"], below=0.1)


def test_gradient_check_names_the_student_call():
    student = Student({"cube_grad": lambda x: 2 * x**2})
    x = np.array([0.5, -1.0])
    msg = fails(gradient_check, lambda v: float(np.sum(v**3)), x, student.cube_grad(x))
    assert "Gradient check failed" in msg and "cube_grad(x=array([0.5, -1.0])): 2 of 2" in msg
