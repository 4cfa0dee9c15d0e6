"""Dict version tags, read without touching what a dict holds: the offline zygote's fast
path for the guard's passes (`grader.guard`). CPython only; the browser never uses it.

CPython gives every dict a version tag (PEP 509, `ma_version_tag`) that moves with every
change to the dict. The guard's identity pass reads each of the 18,000 or so watched values,
and reading a value writes to it (its reference count). In a child forked from a zygote each
such write lands on a page the two processes share, so the kernel copies it: about 1,300
pages per job, which was more than a third of the child's CPU time. A namespace's tag is
read without touching any of its values: a namespace whose tag is still the one it had when
the guard last found it identical to its saved copy has not changed since; only the others
are compared, by identity as before.

`Tags.create()` returns None unless the interpreter is a 64-bit CPython 3.11-3.13, ctypes
imports, and a test dict's tag moves with every kind of change the guard must see (add,
replace, delete, clear, update, setdefault, pop, popitem, a module's setattr and a class's).
Probes are made only in the process that created the `Tags` (the zygote, where no audit hook
refuses ctypes yet): a namespace first watched in a forked child gets `UNKNOWN`, which never
matches, so it is compared by identity every time.
"""

from __future__ import annotations

import os
import sys

_OFFSET = 24  # ob_refcnt, ob_type, ma_used: then ma_version_tag (a 64-bit build)


class _Unknown:
    """A probe that never matches a seen tag (tags are unsigned: never -1)."""

    value = -1


UNKNOWN = _Unknown()


class Tags:
    """Makes the probes (see the module docstring)."""

    def __init__(self, ctypes, gc) -> None:
        self._at = ctypes.c_uint64.from_address
        self._referents = gc.get_referents
        self._pid = os.getpid()

    @classmethod
    def create(cls) -> Tags | None:
        if sys.implementation.name != "cpython" or sys.maxsize <= 2**32:
            return None
        if not (3, 11) <= sys.version_info[:2] <= (3, 13):
            return None
        if getattr(sys, "_is_gil_enabled", lambda: True)() is False:
            return None  # a free-threaded build lays dicts out differently
        try:
            import ctypes
            import gc

            tags = cls(ctypes, gc)
            return tags if tags._self_test() else None
        except Exception:  # noqa: BLE001 - any doubt: the guard keeps its identity passes
            return None

    def probe(self, namespace):
        """A probe whose `.value` is the tag of `namespace` (a dict, or a class's
        mappingproxy), or UNKNOWN where none can be made here."""
        if os.getpid() != self._pid:
            return UNKNOWN  # a forked child: its audit hook refuses ctypes
        target = namespace
        if not isinstance(target, dict):
            found = self._referents(namespace)  # a mappingproxy refers to its dict only
            if len(found) != 1 or not isinstance(found[0], dict):
                return UNKNOWN
            target = found[0]
        return self._at(id(target) + _OFFSET)

    def _self_test(self) -> bool:
        import types

        d = {"a": 1, "b": 2}
        module = types.ModuleType("nprl_probe")
        klass = type("NprlProbe", (), {})
        steps = [
            (d, lambda: d.__setitem__("c", 3)),
            (d, lambda: d.__setitem__("a", object())),
            (d, lambda: d.__delitem__("b")),
            (d, lambda: d.update(e=5)),
            (d, lambda: d.setdefault("f", 6)),
            (d, lambda: d.pop("f")),
            (d, lambda: d.popitem()),
            (d, lambda: d.clear()),
            (vars(module), lambda: setattr(module, "x", object())),
            (vars(module), lambda: delattr(module, "x")),
            (vars(klass), lambda: setattr(klass, "x", object())),
            (vars(klass), lambda: delattr(klass, "x")),
        ]
        for namespace, change in steps:
            probe = self.probe(namespace)
            if probe is UNKNOWN:
                return False
            before = probe.value
            change()
            if probe.value == before:
                return False
        return True
