"""The student's definitions as hidden tests see them: every call goes through the guard.

The proxies (`Student`, `StudentCallable`, `StudentObject`, `StudentIterator`) decide
labels, the unmodified-arguments check and which results get a proxy of their own; a
backend does the one step that touches student code. `Direct`, the default, calls it
right here under the guard (the browser and `grader.check`); the offline grader plugs in
a recording backend in the child (`grader.record`) and a replaying one in the parent
(`grader.replay`), so the same hidden tests run unchanged in all three places.
"""

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


def run_guarded(label: str, fn, *args, **kwargs):
    """Call student code under the guard; its exceptions become a StudentError."""
    with guarded():
        try:
            return fn(*args, **kwargs)
        except (KeyboardInterrupt, MemoryError):
            raise
        except TamperError as exc:
            raise StudentError(label, student_error(exc, title="Not allowed")) from None
        except BaseException as exc:  # SystemExit and friends end the call, not the grader
            if type(exc).__name__ == "Stopped":
                raise
            raise StudentError(label, student_error(exc)) from None


def call_guarded(label: str, fn, *args, **kwargs):
    """Call student code under the guard; wrap what it returns if it can run more code."""
    return _wrap(label, run_guarded(label, fn, *args, **kwargs), DIRECT)


def _wrap(label: str, value, backend):
    if type(value) is types.GeneratorType:
        return StudentIterator(label, value, backend)
    return value


DONE = object()  # what a backend's `step` returns when the generator is exhausted


class Direct:
    """The backend that runs student code in this process (the browser, `grader.check`).

    No instance dict (`__slots__`): student code cannot rebind a method on DIRECT itself,
    and the guard restores the class dict after every call like any grader class.
    """

    __slots__ = ()

    def lookup(self, namespace: dict, name: str) -> tuple[str, object]:
        """("missing", None), ("value", type text) or ("callable", the definition)."""
        if name not in namespace:
            return "missing", None
        obj = namespace[name]
        if not callable(obj):
            return "value", describe_type(obj)
        return "callable", obj

    def has(self, namespace: dict, name: str) -> bool:
        return name in namespace

    def signature(self, obj) -> tuple[bool, list[str]]:
        """(is a class, positional parameter names) of a student callable."""
        return issubclass(type(obj), type), _parameter_names(obj)  # never obj.__class__

    def call(self, label: str, fn, args: tuple, kwargs: dict):
        return call_guarded(label, fn, *args, **kwargs)

    def get(self, label: str, obj, attr: str):
        return call_guarded(label, getattr, obj, attr)

    def set(self, label: str, obj, attr: str, value) -> None:
        call_guarded(label, setattr, obj, attr, value)

    def step(self, label: str, gen):
        """The generator's next value, or DONE."""
        done = object()  # next()'s default: StopIteration must end the loop, not fail the call
        value = call_guarded(label, next, gen, done)
        return DONE if value is done else value


DIRECT = Direct()


class StudentCallable:
    """A student function or class; calling it runs under the guard.

    A call fails if it changed an array, list or dict it was given (`may_modify` skips
    that check), and is remembered as the label failure messages use by default.
    """

    def __init__(self, name: str, obj, backend: Direct = DIRECT):
        self._name = name
        self._obj = obj
        self._backend = backend
        self._is_class, self.params = backend.signature(obj)

    def __call__(self, *args, **kwargs):
        return self._call(args, kwargs, check=True)

    def may_modify(self, *args, **kwargs):
        """Call without the unmodified-arguments check (for exercises meant to mutate)."""
        return self._call(args, kwargs, check=False)

    def _call(self, args: tuple, kwargs: dict, *, check: bool):
        label = inputs.describe_call(self._name, self.params, args, kwargs)
        before = inputs.snapshot_arguments(args, kwargs) if check else None
        inputs.remember_call(label)
        result = self._backend.call(label, self._obj, args, kwargs)
        inputs.remember_call(label)  # student code may have rewritten the record
        if check:
            change = inputs.find_change(self.params, before, args, kwargs)
            if change:
                raise AssertionError(inputs.modified_message(change, label))
        if self._is_class:
            return StudentObject(self._name, result, self._backend)
        return result

    def __repr__(self) -> str:
        return f"<your {self._name}>"


class StudentObject:
    """An instance of a student class: attribute reads and method calls are guarded."""

    def __init__(self, name: str, obj, backend: Direct = DIRECT):
        object.__setattr__(self, "_name", name)
        object.__setattr__(self, "_obj", obj)
        object.__setattr__(self, "_backend", backend)

    def __getattr__(self, attr: str):
        name = object.__getattribute__(self, "_name")
        obj = object.__getattribute__(self, "_obj")
        backend = object.__getattribute__(self, "_backend")
        value = backend.get(f"{name}.{attr}", obj, attr)
        inputs.remember_call(f"{name}.{attr}")
        if callable(value) and not issubclass(type(value), type):
            return StudentCallable(f"{name}.{attr}", value, backend)
        return value

    def __setattr__(self, attr: str, value) -> None:
        obj = object.__getattribute__(self, "_obj")
        backend = object.__getattribute__(self, "_backend")
        backend.set(f"setting .{attr}", obj, attr, value)


class StudentIterator:
    """A generator returned by student code; each step runs under the guard."""

    def __init__(self, label: str, gen, backend: Direct = DIRECT):
        self._label = label
        self._gen = gen
        self._backend = backend

    def __iter__(self):
        return self

    def __next__(self):
        value = self._backend.step(self._label, self._gen)
        if value is DONE:
            raise StopIteration
        return value


class Student:
    """Attribute access to the student's namespace, e.g. `student.softmax`."""

    def __init__(self, namespace: dict, backend: Direct = DIRECT):
        object.__setattr__(self, "_namespace", namespace)
        object.__setattr__(self, "_backend", backend)

    def __getattr__(self, name: str):
        namespace = object.__getattribute__(self, "_namespace")
        backend = object.__getattribute__(self, "_backend")
        kind, obj = backend.lookup(namespace, name)
        if kind == "missing":
            raise MissingDefinitionError(
                f"Your code does not define `{name}`. Define it at the top level of your "
                "code (not inside another function), with exactly this name."
            )
        if kind != "callable":
            raise AssertionError(f"`{name}` should be a function, but it is a {obj}.")
        return StudentCallable(name, obj, backend)

    def has(self, name: str) -> bool:
        """True if the student's code defines `name`."""
        backend = object.__getattribute__(self, "_backend")
        return backend.has(object.__getattribute__(self, "_namespace"), name)


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
