"""The student's definitions as hidden tests see them: every call goes through the guard."""

from __future__ import annotations

import types

from . import inputs
from .errors import describe_type, student_error
from .guard import TamperError, guarded


class StudentError(Exception):
    """Student code raised while a hidden test was calling it."""

    def __init__(self, call: str, error: dict):
        self.call = call
        self.error = error
        where = f" (line {error['line']} of your code)" if error.get("line") else ""
        super().__init__(f"{call} raised {error['message']}{where}")


class MissingDefinitionError(AssertionError):
    """The hidden tests asked for a name the student's code does not define."""


def call_guarded(label: str, fn, *args, **kwargs):
    """Call student code under the guard; wrap what it returns if it can run more code."""
    with guarded():
        try:
            result = fn(*args, **kwargs)
        except (KeyboardInterrupt, MemoryError):
            raise
        except TamperError as exc:
            raise StudentError(label, student_error(exc, title="Not allowed")) from None
        except BaseException as exc:  # SystemExit and friends end the call, not the grader
            if type(exc).__name__ == "Stopped":
                raise
            raise StudentError(label, student_error(exc)) from None
    return _wrap(label, result)


def _wrap(label: str, value):
    if type(value) is types.GeneratorType:
        return StudentIterator(label, value)
    return value


class StudentCallable:
    """A student function or class; calling it runs under the guard.

    A call fails if it changed an array, list or dict it was given (`may_modify` skips
    that check), and is remembered as the label failure messages use by default.
    """

    def __init__(self, name: str, obj):
        self._name = name
        self._obj = obj
        self._is_class = issubclass(type(obj), type)  # never obj.__class__
        self.params = _parameter_names(obj)

    def __call__(self, *args, **kwargs):
        return self._call(args, kwargs, check=True)

    def may_modify(self, *args, **kwargs):
        """Call without the unmodified-arguments check (for exercises meant to mutate)."""
        return self._call(args, kwargs, check=False)

    def _call(self, args: tuple, kwargs: dict, *, check: bool):
        label = inputs.describe_call(self._name, self.params, args, kwargs)
        before = inputs.snapshot_arguments(args, kwargs) if check else None
        inputs.remember_call(label)
        result = call_guarded(label, self._obj, *args, **kwargs)
        inputs.remember_call(label)  # student code may have rewritten the record
        if check:
            change = inputs.find_change(self.params, before, args, kwargs)
            if change:
                raise AssertionError(inputs.modified_message(change, label))
        if self._is_class:
            return StudentObject(self._name, result)
        return result

    def __repr__(self) -> str:
        return f"<your {self._name}>"


class StudentObject:
    """An instance of a student class: attribute reads and method calls are guarded."""

    def __init__(self, name: str, obj):
        object.__setattr__(self, "_name", name)
        object.__setattr__(self, "_obj", obj)

    def __getattr__(self, attr: str):
        name = object.__getattribute__(self, "_name")
        obj = object.__getattribute__(self, "_obj")
        value = call_guarded(f"{name}.{attr}", getattr, obj, attr)
        inputs.remember_call(f"{name}.{attr}")
        if callable(value) and not issubclass(type(value), type):
            return StudentCallable(f"{name}.{attr}", value)
        return value

    def __setattr__(self, attr: str, value) -> None:
        obj = object.__getattribute__(self, "_obj")
        call_guarded(f"setting .{attr}", setattr, obj, attr, value)


class StudentIterator:
    """A generator returned by student code; each step runs under the guard."""

    def __init__(self, label: str, gen):
        self._label = label
        self._gen = gen

    def __iter__(self):
        return self

    def __next__(self):
        done = object()  # next()'s default: StopIteration must end the loop, not fail the call
        value = call_guarded(self._label, next, self._gen, done)
        if value is done:
            raise StopIteration
        return value


class Student:
    """Attribute access to the student's namespace, e.g. `student.softmax`."""

    def __init__(self, namespace: dict):
        object.__setattr__(self, "_namespace", namespace)

    def __getattr__(self, name: str):
        namespace = object.__getattribute__(self, "_namespace")
        if name not in namespace:
            raise MissingDefinitionError(
                f"Your code does not define `{name}`. Define it at the top level of your "
                "code (not inside another function), with exactly this name."
            )
        obj = namespace[name]
        if not callable(obj):
            raise AssertionError(
                f"`{name}` should be a function, but it is a {describe_type(obj)}."
            )
        return StudentCallable(name, obj)

    def has(self, name: str) -> bool:
        """True if the student's code defines `name`."""
        return name in object.__getattribute__(self, "_namespace")


def _parameter_names(obj) -> list[str]:
    """Positional parameter names of a student function, method or class (its __init__).

    Reads code objects only, never an attribute a student class could compute.
    """
    drop_self = False
    if type(obj) is types.MethodType:
        obj, drop_self = obj.__func__, True
    elif issubclass(type(obj), type):
        obj, drop_self = _own_init(obj), True
    if type(obj) is not types.FunctionType:
        return []
    code = obj.__code__
    names = list(code.co_varnames[: code.co_argcount])
    return names[1:] if drop_self else names


def _own_init(cls: type):
    for klass in type.__getattribute__(cls, "__mro__"):
        init = type.__getattribute__(klass, "__dict__").get("__init__")
        if init is not None:
            return init
    return None
