"""The guard's eye on imports: a module imported after start-up is watched from its first line.

`ImportWatch` sits first on `sys.meta_path`. For a module of the standard library, NumPy,
the grader or Pyodide that is imported for the first time, it finds the spec as Python
would, then wraps the loader so that the module is handed to the guard's baseline right
after its code ran, before anything can patch it. While student code runs, such a module
must also come from where Python and its packages live, through one of Python's own
loaders: a `statistics.py` the student wrote into the working folder is refused.
"""

from __future__ import annotations

import sys
import zipimport
from importlib import machinery

_LOADERS = (
    machinery.SourceFileLoader,
    machinery.SourcelessFileLoader,
    machinery.ExtensionFileLoader,
    zipimport.zipimporter,
)
_NAMESPACE_LOADER = getattr(machinery, "NamespaceLoader", None)


def trusted_folders() -> tuple:
    """sys.path as the grader found it (never '', the working folder), and the folders the
    grader and NumPy were loaded from."""
    folders = {p.rstrip("/") + "/" for p in sys.path if type(p) is str and p.startswith("/")}
    for name in ("grader", "numpy"):
        path = getattr(sys.modules.get(name), "__file__", None)
        if type(path) is str:
            folders.add(path.rsplit("/", 1)[0] + "/")
    return tuple(sorted(folders))


def trusted_spec(spec, folders: tuple) -> bool:
    """A spec with one of Python's own loaders, reading from a trusted folder."""
    loader = spec.loader
    if loader is machinery.BuiltinImporter or loader is machinery.FrozenImporter:
        return True
    if _NAMESPACE_LOADER is not None and type(loader) is _NAMESPACE_LOADER:
        return True  # a namespace package: no code of its own
    if not any(type(loader) is t for t in _LOADERS):
        return False
    return type(spec.origin) is str and spec.origin.startswith(folders)


class ImportWatch:
    """The meta path finder (see the module docstring)."""

    def __init__(self, baseline, state: dict, error: type, watched):
        self._baseline = baseline
        self._state = state  # the guard's: "active" while student code runs
        self._error = error
        self._watched = watched
        self._folders = trusted_folders()

    def find_spec(self, name, path=None, target=None):
        if type(name) is not str or name in sys.modules or not self._watched(name):
            return None
        for finder in list(sys.meta_path):
            find = getattr(finder, "find_spec", None) if finder is not self else None
            spec = find(name, path, target) if find is not None else None
            if spec is not None:
                break
        else:
            return None
        if spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        if not trusted_spec(spec, self._folders):
            if self._state["active"]:
                raise self._error(f"the module {name!r} must come from Python or NumPy itself")
            return spec
        spec.loader = _SnapshotLoader(spec.loader, self._baseline)
        return spec


class _SnapshotLoader:
    """Runs the real loader, then hands the fresh module to the baseline."""

    def __init__(self, loader, baseline):
        self._loader = loader
        self._baseline = baseline

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module) -> None:
        loader = self._loader
        spec = module.__spec__
        if spec is not None and spec.loader is self:
            spec.loader = loader  # the module sees its real loader, during and after
        if getattr(module, "__loader__", None) is self:
            module.__loader__ = loader
        loader.exec_module(module)
        self._baseline.adopt_import(spec.name if spec is not None else module.__name__, module)

    def __getattr__(self, name: str):
        return getattr(self._loader, name)
