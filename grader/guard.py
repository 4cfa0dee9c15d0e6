"""Anti-tamper: undo whatever student code changed in the modules a verdict relies on.

Student code runs in the grader's own interpreter (in the browser there is no other), so it
can reach NumPy, the standard library and the grader itself. The guard watches every loaded
module of the standard library (`sys.stdlib_module_names`), NumPy, the grader and Pyodide's
runtime, as found in `sys.modules` (not a fixed list): each module's namespace and that of
every class defined in one. A module imported later is watched from the moment its code has
run (`grader.imports` wraps its loader). After every return from student code one C-level
pass compares, by identity, the namespaces of builtins, the grader, NumPy, the modules they
import, the modules the hidden tests use and every module imported after start-up; the
rest (typing's or asyncio's insides, say) is compared when the check ends. Only what
changed is put back, and a change that can bend a verdict (a function, class or object
replaced, a name added or removed) voids the session's verdict. While student code runs, an audit hook refuses what a restore
cannot undo: trace and profile hooks, new audit hooks, gc introspection, swapping a watched
function's code or defaults or a watched module's class, ctypes. One interpreter is still
not a sandbox: docs/security.md says what is left.
"""

from __future__ import annotations

import bisect
import gc
import itertools
import operator
import sys
import types
import warnings

from .imports import ImportWatch

_FAMILIES = frozenset({"numpy", "grader", "pyodide", "_pyodide"})  # besides the stdlib
_BLOCKED_IMPORTS = frozenset({"ctypes", "_ctypes"})
_REFUSED = frozenset(
    {
        "sys.settrace",
        "sys.setprofile",
        "sys._settraceallthreads",
        "sys._setprofileallthreads",
        "sys.addaudithook",
        "sys.monitoring.register_callback",
    }
)
# The way to the guard's own copies; worded as the offline grader's child refuses them.
_INTROSPECTION = frozenset({"gc.get_objects", "gc.get_referrers", "gc.get_referents"})
_FUNCTION_PARTS = frozenset({"__code__", "__defaults__", "__kwdefaults__"})
# Kept as found: warnings.warn makes a registry in the module it blames; `_` is the REPL's.
_KEPT = frozenset({"__warningregistry__", "builtins._"})
# Rebound by the host or by the library itself: put back, but no verdict is void.
_QUIET = frozenset(
    "warnings." + k for k in ("filters", "showwarning", "_showwarnmsg_impl", "defaultaction")
)
# sys is compared key by key: the runner swaps these during a check, the REPL sets the rest.
_SYS_SKIPPED = frozenset(
    {"stdout", "stderr", "stdin", "last_type", "last_value", "last_traceback", "last_exc"}
)
_SEEDS = ("builtins", "grader", "numpy")  # what every check reaches from
_ATOMS = (type(None), bool, int, float, complex, str, bytes)
_IMMUTABLE_TYPE = 1 << 8  # Py_TPFLAGS_IMMUTABLETYPE: built-in and extension types
# The slots themselves, never what a module subclass or a metaclass defines instead.
_MODULE_DICT = types.ModuleType.__dict__["__dict__"].__get__
_TYPE_DICT = type.__dict__["__dict__"].__get__
_TYPE_FLAGS = type.__dict__["__flags__"].__get__
_TYPE_NAME = type.__dict__["__qualname__"].__get__
_INT_DIGITS = getattr(sys, "get_int_max_str_digits", lambda: None)
_MISSING = object()
# Bound once: student code may patch itertools, operator or types (all watched) before the
# restore that puts them back has run.
_CHAIN, _ISLICE, _COMPRESS, _COUNT, _ACCUMULATE = (
    itertools.chain.from_iterable,
    itertools.islice,
    itertools.compress,
    itertools.count,
    itertools.accumulate,
)
_IS, _IS_NOT, _NE, _ITEMGETTER, _BISECT = (
    operator.is_,
    operator.is_not,
    operator.ne,
    operator.itemgetter,
    bisect.bisect_right,
)
_TAG = operator.attrgetter("value")
_MODULE, _FUNCTION, _BUILTIN = types.ModuleType, types.FunctionType, types.BuiltinFunctionType

# protected: id -> function whose code and defaults the audit hook guards (only watched
# modules' own: matplotlib sets __defaults__ on its functions while importing); modules: id
# -> watched module, whose __class__ it guards; touched: such changes made while no student
# code ran (a finalizer, say), put back and counted by the next restore.
_state = {
    "active": False,
    "baseline": None,
    "hooked": False,
    "protected": {},
    "modules": {},
    "touched": [],
}


class TamperError(Exception):
    """Student code tried an operation the grader does not allow."""


def _audit(
    event,
    args,
    _state=_state,
    _parts=_FUNCTION_PARTS,
    _refused=_REFUSED,
    _introspection=_INTROSPECTION,
    _blocked=_BLOCKED_IMPORTS,
    _len=len,
    _id=id,
    _getattr=getattr,
):
    # Everything is bound as a default: student code may have replaced builtins by now.
    if event == "object.__setattr__":
        if _len(args) < 2:
            return
        name = args[1]
        if name in _parts:
            watched, what = _state["protected"], "a function's"
        elif name == "__class__":
            watched, what = _state["modules"], "a module's"
        else:
            return
        if _id(args[0]) not in watched:
            return
        if _state["active"]:
            raise TamperError(f"changing {what} {name} is not allowed in exercise code")
        _state["touched"].append((args[0], name, _getattr(args[0], name)))
        return
    if not _state["active"]:
        return
    if event in _refused:
        raise TamperError(f"{event} is not allowed in exercise code")
    if event in _introspection:
        raise PermissionError("inspecting the grader's objects is not allowed in exercise code")
    if event == "import" and args and args[0] in _blocked:
        raise TamperError(f"the module {args[0]!r} is not available in exercises")


def watched_name(name: str) -> bool:
    """True for a module of the standard library, NumPy, the grader or Pyodide."""
    top = name.partition(".")[0]
    return top in sys.stdlib_module_names or top in _FAMILIES


def _is_module(value) -> bool:
    return issubclass(type(value), _MODULE)


def _is_atom(value) -> bool:
    cls = type(value)  # `is`, never `in` or ==: a student metaclass's __eq__ would run
    return any(cls is atom for atom in _ATOMS)


def _voids(old, new) -> bool:
    """Whether replacing `old` by `new` can bend a verdict: anything but filling in a cache
    a library left as None, or putting one number or string for another."""
    return not (old is None or (_is_atom(old) and _is_atom(new)))


def _import_numpy():
    """NumPy with the modules grading uses, its C-side caches holding its own helpers."""
    try:
        import numpy
        import numpy.linalg  # noqa: F401
        import numpy.random  # noqa: F401
    except ImportError:
        return None
    # ndarray.all, .sum, ... call numpy._core._methods through a pointer the C code caches
    # on first use: fill it now, or a patch made before the first call would stay for good.
    a = numpy.zeros(2)
    for method in ("all", "any", "max", "min", "mean", "prod", "std", "sum", "var"):
        getattr(a, method)()
    a.clip(0, 1)
    repr(a)
    return numpy


class _Pass:
    """Some watched namespaces laid end to end, for one C-level pass by identity."""

    def __init__(self, indexes: list, views: list, saved: list, end: dict):
        self.indexes = indexes
        self.views = [views[i] for i in indexes] + [end.values()]
        self.flat = list(_CHAIN(saved[i].values() for i in indexes))
        self.flat.append(end[0])  # whatever grows or shrinks shifts the last value too
        self.offsets = list(_ACCUMULATE((len(saved[i]) for i in indexes), initial=0))
        self.position = {i: k for k, i in enumerate(indexes)}

    def refresh(self, i: int, values: list) -> bool:
        """Take namespace i's new saved values in place (False: it is not in this pass).
        Cheaper than a rebuild, which copies every watched value: the grader itself changes
        a few namespaces (warnings, threading) between checks."""
        k = self.position.get(i)
        if k is None:
            return False
        start, end = self.offsets[k], self.offsets[k + 1]
        self.flat[start:end] = values
        delta = len(values) - (end - start)
        if delta:
            offsets = self.offsets
            for j in range(k + 1, len(offsets)):
                offsets[j] += delta
        return True

    def clean(self, _all=all, _map=map) -> bool:
        """Is every value the saved one? (Builtins bound: student code may replace them.)"""
        # By identity, never ==: a student object's __eq__ could say yes (and run).
        return _all(_map(_IS, _CHAIN(self.views), self.flat))

    def changed(self, same) -> list[int]:
        """Indexes of the namespaces that differ: the pass again from each mismatch on, so a
        few changes cost about one pass, not one loop over every namespace."""
        found, start, count = [], 0, len(self.indexes)
        while start < count:
            live = _CHAIN(_ISLICE(self.views, start, None))
            saved = _ISLICE(self.flat, self.offsets[start], None)
            hit = next(_COMPRESS(_COUNT(), map(_IS_NOT, live, saved)), -1)
            if hit < 0:
                break
            at = _BISECT(self.offsets, self.offsets[start] + hit) - 1
            # A namespace that grew or shrank shows up at the start of the next one, too.
            suspects = [k for k in (at - 1, at) if start <= k < count]
            changed = [k for k in suspects if not same(self.indexes[k])] or suspects[-1:]
            found += [self.indexes[k] for k in changed]
            start = changed[-1] + 1
        return found


class Baseline:
    """Every watched namespace as it must be, and the state of the current session."""

    def __init__(self) -> None:
        self.np = _import_numpy()
        self.flagged = False  # a change that voids the verdict was found this session
        self.changes: list[str] = []  # what it was, e.g. 'numpy._core._methods._all'
        self._owners: list = []  # watched modules and classes (only ever appended to)
        self._maps: list = []  # their namespaces: a dict, or a class's mappingproxy
        self._saved: list[dict] = []  # copies of those, as they must be
        self._views: list = []  # the live .values() of each namespace
        self._labels: list[str] = []  # 'json.' or 'json.JSONEncoder.'
        self._hot: list[bool] = []  # compared after every stretch of student code
        self._classes: dict = {}  # module's index -> its classes' indexes
        self._where: dict = {}  # id -> index, for each watched namespace
        self._names: dict = {}  # module name -> the module watched under that name
        self._known: set = set()  # every name in sys.modules at the last sync
        self._count = -1  # len(sys.modules) at the last sync
        self._fresh: set = set()  # names the finder adopted during this stretch
        self._graveyard: list = []  # what a restore took out, released after it
        self._tests: tuple = (None, [])  # the hidden tests' namespace, the modules it uses
        self._session: dict = {}  # index -> a namespace as the check began, once changed
        self._end = {0: object()}
        self._stale = True  # the passes and the sys.modules check need rebuilding
        self._tags = None  # grader.versions.Tags, in an offline zygote (use_version_tags)
        self._probes: list = []  # with _tags: one probe per watched namespace
        self._seen: list = []  # each one's tag when last found identical to its saved copy
        self._modules_seen = None  # sys.modules' tag when last found intact
        self._strict = True
        self._ready = False
        self._sync_modules(trusted=True)
        self._promote([self._where[id(m)] for n, m in self._names.items() if _seed(n)])
        self._ready = True
        self._builtins = self._where[id(sys.modules["builtins"])]
        sys.meta_path.insert(0, ImportWatch(self, _state, TamperError, watched_name))
        self.mark_session()

    # ------------------------------------------------------------------ what is watched

    def _watch(self, owner, namespace, label: str, module: int | None = None) -> int:
        if id(owner) in self._where:
            return self._where[id(owner)]
        i = self._where[id(owner)] = len(self._owners)
        self._owners.append(owner)
        self._maps.append(namespace)
        self._saved.append(dict(namespace))
        self._views.append(namespace.values())
        self._labels.append(label)
        self._hot.append(False)
        if module is not None:
            self._classes.setdefault(module, []).append(i)
        self._stale = True
        self._members(i)
        return i

    def _members(self, i: int) -> None:
        """Protect the functions in a namespace; watch the classes in a module's."""
        owner, protected = self._owners[i], _state["protected"]
        for value in list(self._saved[i].values()):
            cls = type(value)
            if cls is staticmethod or cls is classmethod:
                value = value.__func__
                cls = type(value)
            if cls is _FUNCTION:
                protected[id(value)] = value
            elif issubclass(cls, type) and _is_module(owner):
                namespace = _TYPE_DICT(value)  # None for a type not initialised yet
                if namespace is not None and not _TYPE_FLAGS(value) & _IMMUTABLE_TYPE:
                    label = f"{self._labels[i]}{_TYPE_NAME(value)}."
                    k = self._watch(value, namespace, label, module=i)
                    if self._hot[i] and not self._hot[k]:
                        self._hot[k] = True

    def _promote(self, seeds: list[int], *, depth: int = 1) -> None:
        """Compare these modules after every stretch, and the modules they import (`depth`
        levels down), with their classes. The rest is compared when the check ends."""
        level = [i for i in seeds if i is not None]
        for _ in range(depth + 1):
            below = []
            for i in level:
                if not self._hot[i]:
                    self._hot[i] = True
                    self._stale = True
                    for k in self._classes.get(i, []):
                        self._hot[k] = True
                below += [self._where.get(id(v)) for v in self._saved[i].values() if _is_module(v)]
            level = [k for k in below if k is not None and not self._hot[k]]

    def _adopt(self, name: str, module) -> None:
        """Watch `module`, as it is now, under `name` (after start-up: after every stretch)."""
        self._names[name] = module
        self._known.add(name)
        self._stale = True
        _state["modules"][id(module)] = module
        i = self._watch(module, _MODULE_DICT(module), name + ".")
        if self._ready:
            self._promote([i])

    def _sync_modules(self, *, trusted: bool) -> None:
        """Watch the modules that appeared in sys.modules since the last sync; after student
        code (not `trusted`), a watched name that appeared without an import is removed."""
        modules = sys.modules
        for name in [n for n in list(modules) if type(n) is str and n not in self._known]:
            module = modules.get(name)
            self._known.add(name)
            if name == "sys" or not watched_name(name) or not _is_module(module):
                continue
            if trusted or any(name.startswith(f + ".") for f in self._fresh):
                self._adopt(name, module)  # e.g. pyexpat.errors, which pyexpat adds itself
            else:
                self._flag(f"sys.modules[{name!r}]")
                self._graveyard.append(modules.pop(name))
                self._known.discard(name)
        self._count = len(modules)

    def adopt_import(self, name: str, module) -> None:
        """Called by the finder right after a watched module's code first ran."""
        if name in self._names:
            return  # a second copy of a watched module: the restore puts the first back
        final = sys.modules.get(name)
        self._adopt(name, final if _is_module(final) else module)
        if _state["active"]:
            self._fresh.add(name)

    def describe(self) -> dict:
        """How much is watched (bench/bench_guard.py prints it)."""
        modules = sum(1 for o in self._owners if _is_module(o))
        hot = [len(s) for s, h in zip(self._saved, self._hot) if h]
        return {
            "modules": modules,
            "classes": len(self._owners) - modules,
            "entries": sum(map(len, self._saved)),
            "after every call": sum(hot),
            "functions": len(_state["protected"]),
        }

    # ------------------------------------------------------------------ sessions

    def mark_session(self) -> None:
        """Start a check: take what the host changed since the last one as the state to
        keep (a test runner patches modules and warning filters between checks)."""
        self._accept(everything=True)
        self._session = {}
        _state["touched"].clear()
        self.flagged = False
        self.changes = []

    def enter(self) -> None:
        """Before student code runs: take what the grader and the hidden tests changed since
        the last restore as the state to keep (modules they imported, a test's wrapper
        around np.tanh that sees whether student code calls it, warning filters, NumPy's
        error and print settings). Only what student code then changes is undone."""
        self._accept(everything=False)
        self._fresh = set()

    def _accept(self, *, everything: bool) -> None:
        if not self._names_intact():
            for name, module in list(self._names.items()):
                if sys.modules.get(name) is not module:  # removed or replaced: not by a student
                    del self._names[name]
                    self._known.discard(name)
                    self._stale = True
        if len(sys.modules) != self._count:
            self._sync_modules(trusted=True)
        changed = self._changed(hot_only=False) if everything else self._changed_by_tests()
        for i in changed:
            self._session.setdefault(i, self._saved[i])  # as the check began
            self._saved[i] = dict(self._maps[i])
            self._members(i)  # watching a new class makes the passes stale
            if not self._stale and self._tags is None:
                values = list(self._saved[i].values())
                if not (self._hot_pass.refresh(i, values) or self._cold_pass.refresh(i, values)):
                    self._stale = True
        self._save_process()

    def _changed_by_tests(self) -> list[int]:
        """The module namespaces the calling hidden test changed since the last restore
        (tanh's tests wrap np.tanh to see whether student code calls it): those the test's
        module refers to, found from its frame, and their submodules; all watched modules
        where frames are refused (the offline grader's child). Compared with ==, which is
        safe here (only trusted code ran since the restore) and fast: a C loop per
        namespace, nothing built. Nothing when student code is running already."""
        if _state["active"]:
            return []
        if self._stale:
            self._rebuild()
        try:
            frame = sys._getframe(1)
        except Exception:  # noqa: BLE001 - ValueError from the offline child's hook
            frame, suspects = None, self._hot_modules
        else:
            suspects = []
        while frame is not None:
            if frame.f_code.co_filename.startswith("<hidden tests"):
                suspects = self._used_by(frame.f_globals)
                break
            frame = frame.f_back
        changed, probes, seen = [], self._sync_probes(), self._seen
        for i in suspects:
            if probes is not None and probes[i].value == seen[i]:
                continue  # untouched since it was last found as saved
            try:
                same = self._maps[i] == self._saved[i]
            except Exception:  # noqa: BLE001 - e.g. an array's ambiguous truth value
                same = False
            if not same:
                changed.append(i)
        return changed

    def _used_by(self, namespace: dict) -> list[int]:
        """The watched modules a hidden tests' module refers to, and their submodules."""
        if self._tests[0] is not namespace:
            modules = [v for v in list(namespace.values()) if _is_module(v)]
            for module in list(modules):
                modules += [v for v in _MODULE_DICT(module).values() if _is_module(v)]
            found = sorted({self._where.get(id(m)) for m in modules} - {None})
            self._promote(found, depth=0)  # what the tests use is compared after every call
            self._tests = (namespace, found)
        return self._tests[1]

    def _save_process(self) -> None:
        namespace = _MODULE_DICT(sys)
        self._sys_keys = tuple(k for k in namespace if type(k) is str and k not in _SYS_SKIPPED)
        self._sys_get = _ITEMGETTER(*self._sys_keys)
        self._sys_values = self._sys_get(namespace)
        self._lists = [(lst, list(lst)) for lst in (sys.meta_path, sys.path_hooks, gc.callbacks)]
        self._path = (sys.path, list(sys.path))
        self._trace = sys.gettrace()
        self._profile = sys.getprofile()
        self._limits = (sys.getrecursionlimit(), _INT_DIGITS())
        self._filters = warnings.filters
        self._filter_items = list(self._filters)
        if self.np is not None:
            self._np_err = self.np.geterr()
            self._np_print = self.np.get_printoptions()

    # ------------------------------------------------------------------ the restore

    def restore(self, *, after_student: bool = False) -> bool:
        """Put every watched namespace back as it was; True if the session's verdict is void.

        Right after student code (`after_student`), the namespaces it can reach are compared
        and every change counts; later (the check's last restore), all of them are, and a
        name the grader or a test put back as the check found it does not count.
        """
        self._fix_builtins()  # first: everything after it looks names up in builtins
        self._strict = after_student
        self._restore_once()
        for _ in range(3):
            if not self._graveyard:
                break
            # Releasing what student code had left in a module runs its finalizers here,
            # where the next pass sees what they changed.
            self._graveyard = []
            self._restore_once()
        return self.flagged

    def _fix_builtins(self, _len=len, _all=all, _map=map, _is=_IS, _dict=dict):
        # Only what was bound as a default: student code may have replaced any builtin.
        live, saved = self._maps[self._builtins], self._saved[self._builtins]
        if _len(live) == _len(saved) and _all(_map(_is, live.values(), saved.values())):
            if _all(_map(_is, live, saved)):
                return
        self._graveyard.append(_dict(live))
        kept = live.get("_", saved)  # the REPL's last value, if it set one
        live.clear()
        live.update(saved)
        if kept is not saved:
            live["_"] = saved["_"] = kept
        self.flagged = True
        self.changes.append("builtins")
        self._stale = True

    def _restore_once(self) -> None:
        self._repair_sys()  # first: sys.modules may not be the real one
        for i in self._changed(hot_only=self._strict):
            self._repair(i)
            self._stale = True
        if len(sys.modules) != self._count:
            self._sync_modules(trusted=False)
        if not self._names_intact():
            self._repair_names()
        self._repair_process()

    def _rebuild(self) -> None:
        hot = [i for i, h in enumerate(self._hot) if h]
        self._hot_modules = [i for i in hot if _is_module(self._owners[i])]
        if self._tags is None:  # (with version tags no pass is needed)
            cold = [i for i, h in enumerate(self._hot) if not h]
            self._hot_pass = _Pass(hot, self._views, self._saved, self._end)
            self._cold_pass = _Pass(cold, self._views, self._saved, self._end)
        names = (*self._names, "builtins")  # two at least: itemgetter then returns a tuple
        self._get_names = _ITEMGETTER(*names)
        self._name_values = (*self._names.values(), sys.modules["builtins"])
        self._modules_seen = None
        self._stale = False

    def _changed(self, *, hot_only: bool) -> list[int]:
        if self._stale:
            self._rebuild()
        if self._tags is not None:
            return self._changed_since_seen(hot_only=hot_only)
        passes = (self._hot_pass,) if hot_only else (self._hot_pass, self._cold_pass)
        return [i for p in passes if not p.clean() for i in p.changed(self._same)]

    def ready_to_fork(self) -> None:
        """Build the passes now, once, so that forked children share them (a zygote)."""
        if self._stale:
            self._rebuild()

    # ------------------------------------------------------- version tags (offline zygote)

    def use_version_tags(self) -> bool:
        """Compare by dict version tags from now on, where the interpreter allows it
        (`grader.versions`); False (and nothing changes) where it does not. An offline
        zygote calls this before it forks: its children then find an unchanged namespace
        without touching, and so copying, the pages of its values."""
        from .versions import Tags

        tags = Tags.create()
        if tags is None:
            return False
        self._tags, self._probes, self._seen = tags, [], []
        self._hot_pass = self._cold_pass = None  # (no longer used)
        self._modules_probe = (sys.modules, tags.probe(sys.modules))
        self._sync_probes()
        self._stale = True
        return True

    def _sync_probes(self) -> list | None:
        """The probes, one for each watched namespace (None without version tags)."""
        if self._tags is None:
            return None
        probes, count = self._probes, len(self._maps)
        if len(probes) < count:
            probe = self._tags.probe
            probes += [probe(m) for m in self._maps[len(probes) : count]]
            self._seen += [None] * (count - len(self._seen))
        return probes

    def _changed_since_seen(self, *, hot_only: bool) -> list[int]:
        """`_changed` by version tags: only a namespace whose tag moved since it was last
        found as saved is compared (by identity); in the passes' order, hot ones first."""
        now, seen = list(map(_TAG, self._sync_probes())), self._seen
        if now == seen:
            return []
        hot, same, found = self._hot, self._same, []
        for i in _COMPRESS(_COUNT(), map(_NE, now, seen)):
            if hot_only and not hot[i]:
                continue
            if same(i):
                seen[i] = now[i]  # read before the comparison: a later change moves it
            else:
                found.append(i)
        if not hot_only:
            found.sort(key=lambda i: not hot[i])  # (a stable sort)
        return found

    def _same(self, i: int) -> bool:
        live, saved = self._maps[i], self._saved[i]
        is_ = _IS
        return (
            len(live) == len(saved)
            and all(map(is_, live.values(), saved.values()))
            and all(map(is_, live, saved))
        )

    def _names_intact(self) -> bool:
        """Is every watched name in sys.modules still bound to its module?"""
        if self._stale:
            self._rebuild()
        modules, tag = sys.modules, None
        if self._tags is not None and modules is self._modules_probe[0]:
            tag = self._modules_probe[1].value
            if tag == self._modules_seen:
                return True  # sys.modules has not changed since it was last found intact
        try:
            now = self._get_names(modules)
        except KeyError:
            return False
        intact = all(map(_IS, now, self._name_values))
        if intact and tag is not None:
            self._modules_seen = tag
        return intact

    def _repair(self, i: int) -> None:
        """Put one namespace back; count what can bend a verdict."""
        owner, live, saved, label = self._owners[i], self._maps[i], self._saved[i], self._labels[i]
        is_class = not _is_module(owner)
        now = dict(live)
        self._graveyard.append(now)  # keeps what is taken out alive until the end
        if not is_class and not all(type(k) is str for k in now):
            live.clear()  # a key that is not a str is dropped without hashing it
            live.update((k, v) for k, v in now.items() if type(k) is str)
        session = self._session.get(i) if not self._strict else None
        for key, value in list(saved.items()):
            current = now.get(key, _MISSING)
            if current is value:
                continue
            put_back = session is not None and session.get(key, _MISSING) is current
            if put_back or key in _KEPT or label + key in _KEPT:
                if current is _MISSING:
                    del saved[key]
                else:
                    saved[key] = current
                continue
            _put(owner, live, key, value, is_class=is_class)
            if _voids(value, current) and label + key not in _QUIET:
                self._flag(label + key)
        for key in [k for k in now if type(k) is str and k not in saved]:
            value = now[key]
            put_back = session is not None and session.get(key, _MISSING) is value
            if put_back or key in _KEPT or label + key in _KEPT or _submodule(owner, key, value):
                saved[key] = value
                continue
            _put(owner, live, key, _MISSING, is_class=is_class)
            if not _is_atom(value):
                self._flag(label + key)
        if list(live) != list(saved):  # put back in another order: copy the order too
            self._saved[i] = {k: saved[k] for k in live}

    def _repair_names(self) -> None:
        modules = sys.modules
        for name, module in self._names.items():
            current = modules.get(name)
            if current is not module:
                self._graveyard.append(current)
                modules[name] = module
                self._flag(f"sys.modules[{name!r}]")

    def _repair_sys(self) -> None:
        namespace = _MODULE_DICT(sys)
        try:
            values = self._sys_get(namespace)
        except KeyError:
            values = None
        if values is None or not all(map(_IS, values, self._sys_values)):
            for key, value in zip(self._sys_keys, self._sys_values):
                current = namespace.get(key, _MISSING)
                if current is not value:
                    self._graveyard.append(current)
                    namespace[key] = value
                    if _voids(value, current):
                        self._flag("sys." + key)
        for lst, saved in self._lists:
            if len(lst) == len(saved) and all(map(_IS, lst, saved)):
                continue
            appended = len(lst) > len(saved) and all(map(_IS, lst, saved))
            if appended and lst is sys.meta_path:
                saved[:] = lst  # a finder a library added after ours (six does)
                continue
            self._graveyard.append(list(lst))
            lst[:] = saved
            self._flag("sys.meta_path" if lst is sys.meta_path else "an import or gc hook")
        path, saved = self._path
        if len(path) != len(saved) or not all(map(_IS, path, saved)):
            path[:] = saved  # quietly: a folder added to sys.path is harmless by itself

    def _repair_process(self) -> None:
        """Trace hooks, touched functions, limits, warning filters, NumPy settings."""
        if sys.gettrace() is not self._trace:
            sys.settrace(self._trace)
            self._flag("sys.settrace")
        if sys.getprofile() is not self._profile:
            sys.setprofile(self._profile)
            self._flag("sys.setprofile")
        touched = _state["touched"]
        while touched:
            target, name, value = touched.pop()
            mark = len(touched)
            object.__setattr__(target, name, value)  # its own audit event adds one entry
            del touched[mark:]
            self._flag(f"{getattr(target, '__name__', '?')}.{name}")
        if (sys.getrecursionlimit(), _INT_DIGITS()) != self._limits:
            sys.setrecursionlimit(self._limits[0])
            if self._limits[1] is not None:
                sys.set_int_max_str_digits(self._limits[1])
        filters, items = self._filters, self._filter_items
        if len(filters) != len(items) or not all(map(_IS, filters, items)):
            filters[:] = items
            getattr(warnings, "_filters_mutated", lambda: None)()
        np = self.np
        if np is not None:
            if np.geterr() != self._np_err:
                np.seterr(**self._np_err)
            now, saved = np.get_printoptions(), self._np_print
            if list(now) != list(saved) or not all(map(_IS, now.values(), saved.values())):
                np.set_printoptions(**saved)

    def _flag(self, what: str) -> None:
        self.flagged = True
        if len(self.changes) < 20:
            self.changes.append(what)


def _seed(name: str) -> bool:
    return name.partition(".")[0] in _SEEDS


def _put(owner, live, key: str, value, *, is_class: bool) -> None:
    """Set (or, for _MISSING, delete) one name without running any code of the owner's."""
    if is_class:
        if value is _MISSING:
            type.__delattr__(owner, key)
        else:
            type.__setattr__(owner, key, value)
    elif value is _MISSING:
        del live[key]
    else:
        live[key] = value


def _submodule(owner, key: str, value) -> bool:
    """A package's new attribute that is its submodule, as the import system binds it."""
    if not _is_module(value) or not _is_module(owner):
        return False
    return sys.modules.get(f"{_MODULE_DICT(owner).get('__name__')}.{key}") is value


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
        baseline().enter()
        _state["active"] = True
        return self

    def __exit__(self, *exc: object) -> bool:
        _state["active"] = False
        baseline().restore(after_student=True)
        return False
