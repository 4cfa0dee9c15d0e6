"""The student's definitions as hidden tests see them: every call goes through the guard."""

from __future__ import annotations

import types

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
    """A student function or class; calling it runs under the guard."""

    def __init__(self, name: str, obj):
        self._name = name
        self._obj = obj
        self._is_class = isinstance(obj, type)
        self.params = _parameter_names(obj)

    def __call__(self, *args, **kwargs):
        result = call_guarded(f"{self._name}(...)", self._obj, *args, **kwargs)
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
        if callable(value) and not isinstance(value, type):
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
        return call_guarded(self._label, next, self._gen)


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
    code = getattr(obj, "__code__", None)
    if isinstance(obj, type):
        init = vars(obj).get("__init__")
        code = getattr(init, "__code__", None)
    if not isinstance(code, types.CodeType):
        return []
    names = list(code.co_varnames[: code.co_argcount + code.co_kwonlyargcount])
    return names[1:] if isinstance(obj, type) else names
