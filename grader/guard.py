"""Anti-tamper: undo whatever student code changed in the modules the verdict relies on.

Student code runs in the grader's own interpreter (in the browser there is no other), so
it can reach `numpy`, `builtins` and the grader itself. The guard takes a baseline
snapshot before any student code runs and restores it after every return from student
code, before the grader looks at a result. While student code runs, an audit hook refuses
the few operations a restore cannot undo (trace/profile hooks, new audit hooks, swapping a
function's code, ctypes). Offline grading adds process isolation on top of this.
"""

from __future__ import annotations

import builtins
import math
import random
import sys
import types
import warnings

_PROTECTED = (
    "builtins",
    "math",
    "random",
    "json",
    "warnings",
    "numpy",
    "numpy.linalg",
    "numpy.random",
    "numpy.testing",
    "numpy.lib",
    "numpy.fft",
)
_BLOCKED_IMPORTS = ("ctypes", "_ctypes")

# protected_ids: the functions whose code the audit hook guards (libraries such as
# matplotlib legitimately set __defaults__ on their own functions while importing).
_state = {"active": False, "baseline": None, "hooked": False, "protected_ids": frozenset()}


class TamperError(Exception):
    """Student code tried an operation the grader does not allow."""


def _audit(event: str, args: tuple) -> None:
    if not _state["active"]:
        return
    if event in ("sys.settrace", "sys.setprofile", "sys.addaudithook"):
        raise TamperError(f"{event} is not allowed in exercise code")
    if (
        event == "object.__setattr__"
        and len(args) >= 2
        and args[1] in ("__code__", "__defaults__", "__kwdefaults__", "__globals__")
        and id(args[0]) in _state["protected_ids"]
    ):
        raise TamperError(f"changing a function's {args[1]} is not allowed in exercise code")
    if event == "import" and args and args[0] in _BLOCKED_IMPORTS:
        raise TamperError(f"the module {args[0]!r} is not available in exercises")


def _protected_modules() -> dict[str, types.ModuleType]:
    mods = {name: sys.modules[name] for name in _PROTECTED if name in sys.modules}
    for name, mod in list(sys.modules.items()):
        if name == "grader" or name.startswith("grader."):
            mods[name] = mod
    mods["builtins"] = builtins
    mods["math"] = math
    mods["random"] = random
    return mods


def _functions_of(mod: types.ModuleType, namespace: dict) -> dict:
    """Code, defaults and class dicts of what `mod` itself defines."""
    found = {}
    for value in list(namespace.values()):
        if isinstance(value, types.FunctionType):
            found[value] = (value.__code__, value.__defaults__, value.__kwdefaults__)
        elif isinstance(value, type) and getattr(value, "__module__", None) == mod.__name__:
            found[value] = dict(vars(value))
    return found


class Baseline:
    """A snapshot of every protected module, taken before any student code ran."""

    def __init__(self) -> None:
        try:  # NumPy is snapshotted when present (always in this course).
            import numpy
            import numpy.linalg  # noqa: F401
            import numpy.random  # noqa: F401

            self.np = numpy
        except ImportError:
            self.np = None
        self.mark_session()
        self.modules = _protected_modules()
        self.sys_modules = sys.modules
        self.dicts = {name: dict(vars(mod)) for name, mod in self.modules.items()}
        self.owned = {}
        for name, mod in self.modules.items():
            if name == "grader" or name.startswith("grader.") or name == "numpy":
                self.owned[name] = _functions_of(mod, self.dicts[name])
        _state["protected_ids"] = frozenset(
            id(obj)
            for owned in self.owned.values()
            for obj in owned
            if isinstance(obj, types.FunctionType)
        )
        self.sys_attrs = {k: getattr(sys, k) for k in ("modules", "path", "meta_path")}
        self.sys_attrs["setrecursionlimit"] = sys.getrecursionlimit()

    def mark_session(self) -> None:
        """Remember the host's warning filters and NumPy settings, which it may change between
        checks (a test runner does); student code's changes to them are undone, not flagged."""
        self.warning_filters = list(warnings.filters)
        if hasattr(self, "dicts"):  # the host swaps warnings' internals between checks
            self.dicts["warnings"] = dict(vars(warnings))
        if self.np is not None:
            self.np_err = self.np.geterr()
            self.np_print = self.np.get_printoptions()

    def restore(self) -> bool:
        """Put every protected module back as it was; True if anything had changed."""
        changed = False
        sys.settrace(None)
        sys.setprofile(None)
        for key in ("modules", "path", "meta_path"):
            if getattr(sys, key) is not self.sys_attrs[key]:
                setattr(sys, key, self.sys_attrs[key])
                changed = True
        if sys.getrecursionlimit() != self.sys_attrs["setrecursionlimit"]:
            sys.setrecursionlimit(self.sys_attrs["setrecursionlimit"])
        for name, mod in self.modules.items():
            if sys.modules.get(name) is not mod:
                sys.modules[name] = mod
                changed = True
            live = vars(mod)
            for key, value in self.dicts[name].items():
                if live.get(key, _MISSING) is not value:
                    live[key] = value
                    changed = True
            if name == "grader" or name.startswith("grader."):
                extra = [k for k in live if k not in self.dicts[name]]
                for key in [k for k in extra if not isinstance(live[k], types.ModuleType)]:
                    del live[key]
                    changed = True
        for owned in self.owned.values():
            for obj, saved in owned.items():
                if isinstance(obj, types.FunctionType):
                    if (obj.__code__, obj.__defaults__, obj.__kwdefaults__) != saved:
                        obj.__code__, obj.__defaults__, obj.__kwdefaults__ = saved
                        changed = True
                else:
                    for key, value in saved.items():
                        if vars(obj).get(key, _MISSING) is not value:
                            try:
                                setattr(obj, key, value)
                            except (AttributeError, TypeError):
                                continue
                            changed = True
        if warnings.filters != self.warning_filters:
            warnings.filters[:] = self.warning_filters
        if self.np is not None:
            self.np.seterr(**self.np_err)
            self.np.set_printoptions(**self.np_print)
        return changed


_MISSING = object()


def baseline() -> Baseline:
    """The process-wide baseline, taken the first time the grader needs it."""
    if _state["baseline"] is None:
        _state["baseline"] = Baseline()
        if not _state["hooked"]:
            sys.addaudithook(_audit)
            _state["hooked"] = True
    return _state["baseline"]


class guarded:
    """Context manager around every stretch of student code: audit on, restore after."""

    def __enter__(self) -> guarded:
        baseline()
        _state["active"] = True
        return self

    def __exit__(self, *exc: object) -> bool:
        _state["active"] = False
        baseline().restore()
        return False
