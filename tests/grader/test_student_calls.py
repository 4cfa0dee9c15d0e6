"""Calls into student code: the default unmodified-arguments check and call labels."""

import numpy as np
import pytest

from grader import inputs
from grader.student import Student
from grader.testing import expect_array, expect_raises, expect_value
from grader.testing import test_case as hidden_test

CODE = """
import numpy as np

def clamp(x):
    x[x < 0] = 0.0
    return x

def first_to_nine(params):
    params[0][0] = 9.0
    return None

def scale_dict(weights, *, factor=2.0):
    weights["W"] *= factor
    return weights

def twice(x, axis=-1):
    return x * 2

def echo(*values):
    return values

class Layer:
    def __init__(self, n_in, n_out):
        self.w = np.zeros((n_in, n_out))

    def step(self, grad, lr=0.1):
        grad -= lr
        return grad
"""

TAIL = ". Inputs must not change: work on a copy (x = x.copy()) or build a new array."


@pytest.fixture
def student():
    namespace = {}
    exec(compile(CODE, "<your code>", "exec"), namespace)
    inputs.forget_calls()
    return Student(namespace)


def fails(fn, *args, **kwargs) -> str:
    with pytest.raises(AssertionError) as info:
        fn(*args, **kwargs)
    return str(info.value)


def test_an_array_changed_in_place_fails_the_call(student):
    msg = fails(student.clamp, np.array([-1.0, 0.0, 2.0]))
    assert msg == (
        "Your function modified its input in place: argument `x` at index (0,) was -1.0 "
        "before the call and 0.0 after (in the call clamp(x=array([-1.0, 0.0, 2.0])))" + TAIL
    )


def test_a_list_of_arrays_changed_in_place_fails(student):
    msg = fails(student.first_to_nine, [np.zeros(2), np.ones(3)])
    assert msg == (
        "Your function modified its input in place: argument `params`[0] at index (0,) was 0.0 "
        "before the call and 9.0 after (in the call first_to_nine(params=[array([0.0, 0.0]), "
        "array([1.0, 1.0, 1.0])]))" + TAIL
    )


def test_a_dict_of_arrays_changed_in_place_fails(student):
    msg = fails(student.scale_dict, {"W": np.ones((2, 2)), "b": np.zeros(2)}, factor=3.0)
    assert msg.startswith(
        "Your function modified its input in place: argument `weights`['W'] at index (0, 0) "
        "was 1.0 before the call and 3.0 after (in the call scale_dict(weights={'W': "
        "array([[1.0, 1.0], [1.0, 1.0]]), 'b': array([0.0, 0.0])}, factor=3.0))"
    )


def test_methods_are_checked_too_and_name_no_self(student):
    layer = student.Layer(2, 3)
    assert inputs.last_call() == "Layer(n_in=2, n_out=3)"
    msg = fails(layer.step, np.ones(2), lr=0.5)
    assert "argument `grad` at index (0,) was 1.0 before the call and 0.5 after" in msg
    assert "(in the call Layer.step(grad=array([1.0, 1.0]), lr=0.5))" in msg


def test_may_modify_skips_the_check(student):
    x = np.array([-1.0, 2.0])
    out = student.clamp.may_modify(x)
    assert out.tolist() == [0.0, 2.0] and x.tolist() == [0.0, 2.0]
    grad = np.ones(2)
    student.Layer(1, 1).step.may_modify(grad, lr=0.25)
    assert grad.tolist() == [0.75, 0.75]
    assert inputs.last_call() == "Layer.step(grad=array([1.0, 1.0]), lr=0.25)"


def test_an_unchanged_input_passes(student):
    x = np.array([[1.0, np.nan]])
    assert student.twice(x).shape == (1, 2)


@pytest.mark.parametrize(
    "args, kwargs, label",
    [
        ((np.array([-1.0, 0.0, 2.0]),), {}, "twice(x=array([-1.0, 0.0, 2.0]))"),
        ((np.ones((64, 4)),), {"axis": 0}, "twice(x=array(shape=(64, 4), float64), axis=0)"),
        ((np.arange(3),), {}, "twice(x=array([0, 1, 2]))"),
        ((np.arange(30).reshape(5, 6),), {}, "twice(x=array(shape=(5, 6), int))"),
        ((np.float32([0.5]),), {}, "twice(x=array([0.5], float32))"),
        ((np.array(2.5),), {}, "twice(x=array(2.5))"),
        ((np.float64(1 / 3),), {}, "twice(x=0.333333333333)"),
        ((np.int32(7),), {}, "twice(x=7)"),
        (([1, 2],), {"axis": (0, 1)}, "twice(x=[1, 2], axis=(0, 1))"),
        ((list(range(20)),), {}, "twice(x=list of 20 items)"),
        (("ab",), {}, "twice(x='ab')"),
    ],
)
def test_labels_name_parameters_and_shorten_arrays(student, args, kwargs, label):
    student.twice(*args, **kwargs)
    assert inputs.last_call() == label


def test_labels_of_varargs_and_odd_objects(student):
    student.echo(1, None, np.random.default_rng(0), {object(): 1})
    assert (
        inputs.last_call() == "echo(1, None, <numpy.random._generator.Generator>, dict of 1 items)"
    )


def test_helpers_default_to_the_label_and_an_explicit_name_wins(student):
    out = student.twice(np.array([1.0, 2.0]))
    msg = fails(expect_array, out, [2.0, 5.0])
    assert msg.startswith("twice(x=array([1.0, 2.0])): 1 of 2 value(s) differ.")
    assert fails(expect_array, out, [2.0, 5.0], name="doubled").startswith("doubled: 1 of 2")
    msg = fails(expect_raises, ValueError, student.twice, np.zeros(1))
    assert msg == "twice(x=array([0.0])): expected ValueError to be raised, but nothing was."


def test_a_test_starts_without_a_label(student):
    student.twice(1.0)

    @hidden_test(points=1)
    def no_call(student):
        """Compares without calling student code."""
        expect_value(3, 4)

    assert no_call.__name__ == "no_call" and no_call.__doc__.startswith("Compares")
    assert no_call._grader_points == 1
    assert fails(no_call, student) == "result: expected 4, got 3."


# ------------------------------------------------------------- hostile values


HOSTILE = """
import numpy as np
ran = []

class Sneaky(np.ndarray):
    def __eq__(self, other):
        ran.append("eq")
        return np.ones(np.shape(self), bool)
    __ne__ = __eq__

class Liar:
    def __eq__(self, other):
        ran.append("eq")
        return True
    def __hash__(self):
        ran.append("hash")
        return 1

def touch(x, key=None):
    x[...] = 0.0
    return x

def keep(x):
    return 1.0

def sneaky_result(x):
    return np.zeros(3).view(Sneaky)

def liar_result(x):
    return Liar()

def liar_keys(x):
    return {Liar(): 1.0}
"""


@pytest.fixture
def hostile():
    namespace = {}
    exec(compile(HOSTILE, "<your code>", "exec"), namespace)
    return Student(namespace), namespace["ran"], namespace


def test_hostile_arguments_run_no_student_code(hostile):
    student, ran, ns = hostile
    sub = np.ones(3).view(ns["Sneaky"])
    odd_keys = {ns["Liar"](): np.ones(2)}
    odd_list = [ns["Liar"](), np.ones(1)]
    ran.clear()
    student.touch(sub)  # a subclass is neither snapshotted nor compared
    student.keep(odd_keys)  # nor is a dict with keys of a student's type
    student.keep(odd_list)
    assert inputs.last_call() == "keep(x=[<Liar>, array([1.0])])"
    assert ran == []


def test_hostile_results_run_no_student_code(hostile):
    student, ran, _ = hostile
    sneaky, liar, liar_keys = student.sneaky_result(1), student.liar_result(2), student.liar_keys(3)
    ran.clear()
    msg = fails(expect_value, sneaky, np.zeros(3), name="sneaky_result(x=1)")
    assert msg == "sneaky_result(x=1): expected a plain numpy.ndarray, got the subclass Sneaky."
    assert fails(expect_value, liar, 3) == "liar_keys(x=3): expected an int, got Liar."
    assert fails(expect_value, liar, (1, 2), name="liar") == (
        "liar: expected a tuple of 2 values, got Liar."
    )
    assert fails(expect_value, liar_keys, {"a": 1.0}) == (
        "liar_keys(x=3): expected keys ['a'], got a key of type Liar."
    )
    assert ran == []


def test_last_call_and_long_messages_reach_the_student(student):
    from grader.runner import run_test
    from grader.testing import last_call

    def long_failure(student):
        student.twice(np.ones((64, 4)), axis=0)
        expect_array(np.zeros(3), np.ones(3), name=f"{last_call()} " + "x" * 250)

    passed, message = run_test(long_failure, student)
    assert not passed and message.startswith("twice(x=array(shape=(64, 4), float64), axis=0) xxx")
    assert "First at index (0,): expected 1.0, got 0.0." in message and " ... " not in message


GENERATORS = """
def batches(n, size):
    for start in range(0, n, size):
        yield list(range(start, min(start + size, n)))

def broken(n):
    yield 1
    raise ValueError("boom")
"""


def test_a_student_generator_ends_its_loop_and_its_errors_still_fail():
    namespace: dict = {}
    exec(GENERATORS, namespace)
    student = Student(namespace)
    assert list(student.batches(5, 2)) == [[0, 1], [2, 3], [4]]
    assert list(student.batches(0, 2)) == []
    gen = iter(student.broken(1))
    assert next(gen) == 1
    with pytest.raises(Exception, match="ValueError: boom"):
        next(gen)
