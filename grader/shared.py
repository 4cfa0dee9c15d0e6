"""The test's own objects that student code was given: shared by child and parent.

Both processes run the same hidden test, so they hand student code the same objects in
the same order; `Shared` numbers them (and the new objects student code puts into them)
identically on both sides. In the child it keeps each mutable object's last state, so
`changes()` lists what student code changed (arrays, lists, dicts, random generators,
the global random states) as plain data; in the parent `apply()` writes those changes
into the parent's own objects. Calls student code makes to the test's functions (passed
as arguments, or put in place of a NumPy or math function) are recorded through them.
"""

from __future__ import annotations

import functools
import re
import types

from .codec import MAX_DEPTH, Codec, RecordError, _type_name
from .student import StudentCallable

_TARGETS = re.compile(r"^([^=#\n]*[^=!<>+\-*/%&|^@:\n])=(?!=)", re.MULTILINE)
_ATTRIBUTE = re.compile(r"\.\s*([A-Za-z_]\w*)")


def watch_modules(tests_source: str) -> list:
    """[(live dict, {name: original})] of the NumPy and math functions the tests may patch.

    A hidden test may put its own function in place of one (`np.exp = watch_exp`) to see
    how student code uses it; those names are found in the tests' source (any `.name =`
    assignment: over-counting costs nothing), so a call checks a few names, not all.
    """
    import math as math_module
    import sys

    names = {n for t in _TARGETS.findall(tests_source or "") for n in _ATTRIBUTE.findall(t)}
    out = []
    for module in (sys.modules.get("numpy"), math_module):
        if module is not None:
            live = vars(module)
            watched = {n: live[n] for n in sorted(names) if n in live}
            if watched:
                out.append((live, watched))
    return out


def _test_function(value) -> bool:
    return type(value) is types.FunctionType and value.__code__.co_filename.startswith(
        "<hidden tests of "
    )


def _callback_like(value) -> bool:
    """A test's function handed to student code: calls to it are recorded and replayed.

    Python functions, bound methods, partials, student proxies and instances of classes
    defined in the hidden tests; NumPy ufuncs and builtins have no effect on the test's
    state, so student code calls them directly.
    """
    cls = type(value)
    if cls is types.FunctionType or cls is types.MethodType or cls is functools.partial:
        return True
    if cls is StudentCallable:
        return True
    module = type.__dict__["__module__"].__get__(cls) if "__module__" in cls.__dict__ else ""
    return type(module) is str and module.startswith("hidden_tests_") and callable(value)


class Shared:
    """The test's own objects student code was given, in the order it got them.

    `recording` (the child) also keeps each mutable object's last state, to list what
    student code changed (`changes`); the parent only resolves references and writes the
    recorded changes into its own objects (`apply`).
    """

    def __init__(self, np, *, recording: bool, watched: list = ()):
        self.np = np
        self.recording = recording
        self.plain = Codec(np)  # states and digests: never sent, no budget
        self.objects: list = []
        self.index: dict[int, int] = {}
        self.states: list = []
        self.buffers: list[tuple[int, int, int]] = []  # contiguous arrays: (start, end, k)
        self.callbacks: dict[int, object] = {}
        self.rng = self._rng_tokens() if recording else None
        self.watched = watched

    def _trackable(self, value, *, new: bool = False) -> bool:
        np, cls = self.np, type(value)
        if cls is list or cls is tuple or cls is dict or cls is np.ndarray:
            return True
        return not new and (cls is np.random.Generator or cls is np.random.RandomState)

    def trackable(self, value) -> bool:
        """May `value` become a new shared object (student code put it into a test's one)?"""
        return self._trackable(value, new=True)

    def add(self, value) -> int:
        k = len(self.objects)
        self.objects.append(value)
        self.index[id(value)] = k
        if self.recording:
            self.states.append(self._state(value))
            self._buffer(k, value)
        return k

    def _buffer(self, k: int, value) -> None:
        np = self.np
        if type(value) is np.ndarray and value.flags.c_contiguous and value.nbytes:
            start = value.__array_interface__["data"][0]
            self.buffers = [b for b in self.buffers if b[2] != k]
            self.buffers.append((start, start + value.nbytes, k))

    def get(self, k):
        if type(k) is not int or not 0 <= k < len(self.objects) or self.objects[k] is None:
            raise RecordError(f"a reference to object {k!r}, which the test never passed")
        return self.objects[k]

    def track(self, value, depth: int = 0, seen: set | None = None) -> None:
        """Share `value` and every array, list, tuple and dict inside it."""
        if not self._trackable(value) or depth > MAX_DEPTH:
            return
        seen = set() if seen is None else seen
        if id(value) in seen:
            return
        seen.add(id(value))
        if id(value) not in self.index:
            self.add(value)
        cls = type(value)
        if cls is list or cls is tuple:
            for item in value:
                self.track(item, depth + 1, seen)
        elif cls is dict:
            for item in value.values():
                self.track(item, depth + 1, seen)

    def track_call(self, args: tuple, kwargs: dict) -> None:
        """Share a call's arguments; the test's functions among them become callbacks."""
        seen: set = set()
        for value in (*args, *kwargs.values()):
            if _callback_like(value):
                if id(value) not in self.index:
                    self.objects.append(value)
                    self.index[id(value)] = len(self.objects) - 1
                    if self.recording:
                        self.states.append(None)
            else:
                self.track(value, 0, seen)

    def callback(self, k: int):
        """The test's function shared as object k (parent: to replay a call to it)."""
        fn = self.get(k)
        if not _callback_like(fn):
            raise RecordError(f"object {k} is not a function the test passed")
        return fn

    # ------------------------------------------------------------------ states (child)

    def _state(self, value):
        np, cls = self.np, type(value)
        if cls is list:
            return ("seq", tuple(value))
        if cls is dict:
            return ("seq", tuple(x for item in value.items() for x in item))
        if cls is np.ndarray:
            if value.dtype.hasobject:
                return ("seq", (value.shape, *value.reshape(-1).tolist()))
            return ("arr", value.dtype.str, value.shape, value.tobytes())
        if cls is np.random.Generator or cls is np.random.RandomState:
            return ("rng", self.plain.content(value, None))
        return None  # tuples and functions never change

    @staticmethod
    def _same(old, new) -> bool:
        if old[0] != "seq":
            return old == new
        a, b = old[1], new[1]
        return len(a) == len(b) and all(x is y for x, y in zip(a, b))

    def _rng_tokens(self) -> tuple:
        import random

        state = self.np.random.get_state()
        return (state[1].tobytes(), *state[2:]), random.getstate()

    def changes(self, codec: Codec) -> list:
        """What student code changed since the last look, as [[k, content], ...] (child)."""
        out: list = []
        for k in range(len(self.objects)):
            old = self.states[k]
            if old is None:
                continue
            new = self._state(self.objects[k])
            if self._same(old, new):
                continue
            self.states[k] = new
            self._buffer(k, self.objects[k])
            out.append([k, codec.content(self.objects[k], self, new=True)])
        self._defer_rng(out)
        return out

    def _defer_rng(self, into: list) -> None:
        """Global random states student code changed (test code may read or draw them)."""
        import random

        np_token, py_token = self._rng_tokens()
        if np_token != self.rng[0]:
            into.append(["np", self.plain.encode(self.np.random.get_state())])
        if py_token != self.rng[1]:
            version, words, gauss = random.getstate()
            words = self.np.array(words, dtype=self.np.uint32)  # 625 words: 3 kB, not 7
            into.append(["py", self.plain.encode((version, words, gauss))])
        self.rng = (np_token, py_token)

    def patched(self) -> list:
        """The test's own functions put in place of NumPy's or math's (np.exp = watch_exp).

        Student code calls them like callbacks, so they are shared (child and parent, in
        the same order) and recorded; [(module dict, name, function), ...].
        """
        found = []
        for live, watched in self.watched:
            for name, original in watched.items():
                value = live.get(name)
                if value is not original and _test_function(value):
                    if id(value) not in self.index:
                        self.objects.append(value)
                        self.index[id(value)] = len(self.objects) - 1
                        if self.recording:
                            self.states.append(None)
                    found.append((live, name, value))
        return found

    # ------------------------------------------------------------------ apply (parent)

    def apply(self, codec: Codec, changes) -> None:
        """Write recorded changes into the parent's own objects (in the recorded order)."""
        if type(changes) is not list:
            raise RecordError("the changes of a call are not a list")
        for item in changes:
            if type(item) is not list or len(item) != 2:
                raise RecordError("a change is not a [object, state] pair")
            k, content = item
            if k == "np" or k == "py":
                self._set_global_rng(codec, k, content)
            else:
                self._write(codec, self.get(k), content)

    def _set_global_rng(self, codec: Codec, key: str, content) -> None:
        import random

        state = codec.decode(content)
        try:
            if key == "np":
                if type(state) is not tuple or len(state) != 5 or state[0] != "MT19937":
                    raise ValueError("not an MT19937 state")
                self.np.random.set_state(state)
            else:
                np = self.np
                if type(state) is not tuple or len(state) != 3 or type(state[1]) is not np.ndarray:
                    raise ValueError("not a random.getstate() value")
                if state[1].dtype != np.uint32 or state[1].shape != (625,):
                    raise ValueError("not a random.getstate() value")
                random.setstate((state[0], tuple(state[1].tolist()), state[2]))
        except (ValueError, TypeError, OverflowError) as exc:
            raise RecordError(f"bad random state ({exc})") from None

    def _write(self, codec: Codec, obj, content) -> None:
        np, cls = self.np, type(obj)
        try:
            if cls is np.ndarray:
                new = codec.decode(content, self)
                if type(new) is not np.ndarray:
                    raise ValueError("not an array")
                if new.dtype != obj.dtype:
                    obj.dtype = new.dtype
                if new.shape != obj.shape:
                    obj.shape = new.shape
                np.copyto(obj, new, casting="no")
            elif cls is list:
                new = codec.decode(content, self)
                if type(new) is not list:
                    raise ValueError("not a list")
                obj[:] = new
            elif cls is dict:
                new = codec.decode(content, self)
                if type(new) is not dict:
                    raise ValueError("not a dict")
                obj.clear()
                obj.update(new)
            elif cls is np.random.Generator:
                obj.bit_generator.state = codec.decode(content)
            elif cls is np.random.RandomState:
                obj.set_state(codec.decode(content))
            else:
                raise ValueError(f"a {cls.__name__} cannot change")
        except (ValueError, TypeError, AttributeError, OverflowError) as exc:
            if isinstance(exc, RecordError):
                raise
            raise RecordError(f"a recorded change cannot be made here ({exc})") from None

    def decode_new(self, codec: Codec, content, depth: int):
        """A new object student code put into a test's one; shared from now on."""
        np = self.np
        k = len(self.objects)
        if type(content) is list:
            obj: object = []
            self.add(obj)
            obj.extend(codec.decode(v, self, depth=depth + 1) for v in content)  # type: ignore[attr-defined]
            return obj
        if type(content) is not dict or len(content) != 1:
            raise RecordError("bad new object")
        ((tag, body),) = content.items()
        if tag == "$d":
            obj = {}
            self.add(obj)
            obj.update(codec._d_dict(body, self, depth + 1))  # type: ignore[attr-defined]
            return obj
        if tag == "$t":
            self.objects.append(None)  # its number is taken before its items are read
            obj = codec._d_tuple(body, self, depth + 1)
            self.objects[k] = obj
            self.index[id(obj)] = k
            return obj
        if tag == "$a" or tag == "$ao":
            obj = codec.decode(content, self, depth=depth + 1)
            if type(obj) is not np.ndarray or len(self.objects) != k:
                raise RecordError("bad new array")
            self.add(obj)
            return obj
        raise RecordError(f"bad new object {tag!r}")

    # ------------------------------------------------------------------ digests and views

    def digest(self, values) -> str:
        """A short hash of a call's arguments: child and parent must give the same."""
        import hashlib

        h = hashlib.blake2b(digest_size=8)
        self._feed(h, values, 0, set())
        return h.hexdigest()

    def _feed(self, h, value, depth: int, seen: set) -> None:
        np, cls = self.np, type(value)
        k = self.index.get(id(value))
        if k is not None:
            h.update(b"r%d;" % k)
            if id(value) in seen:
                return
            seen.add(id(value))
        if depth > MAX_DEPTH:
            h.update(b"deep;")
        elif value is None or cls is bool or cls is int:
            h.update(b"%s:%s;" % (_type_name(cls).encode(), repr(value).encode()))
        elif cls is float:
            h.update(b"f:" + value.hex().encode() + b";")
        elif cls is str:
            h.update(b"s%d:" % len(value) + value.encode("utf-8", "surrogatepass"))
        elif cls is list or cls is tuple:
            h.update(b"%s%d[" % (_type_name(cls).encode(), len(value)))
            for item in value:
                self._feed(h, item, depth + 1, seen)
        elif cls is dict:
            h.update(b"d%d{" % len(value))
            for key, item in value.items():
                self._feed(h, key, depth + 1, seen)
                self._feed(h, item, depth + 1, seen)
        elif cls is np.ndarray and not value.dtype.hasobject:
            h.update(f"a{value.dtype.str}{value.shape}:".encode())
            h.update(value.data if value.flags.c_contiguous else value.tobytes())
        elif self.plain._scalar_types.get(id(cls)) is cls and cls is not np.object_:
            arr = np.array(value)
            h.update(b"n" + arr.dtype.str.encode() + arr.tobytes())
        else:
            from .errors import describe_type

            h.update(b"o:" + describe_type(value).encode("utf-8", "surrogatepass") + b";")

    def view_of(self, arr) -> list | None:
        """[k, offset, shape, strides, dtype] if `arr` lies inside the test's array k."""
        if not self.buffers or not arr.nbytes or arr.dtype.hasobject:
            return None
        start = arr.__array_interface__["data"][0]
        low = start + sum(min(0, (n - 1) * s) for n, s in zip(arr.shape, arr.strides))
        high = start + sum(max(0, (n - 1) * s) for n, s in zip(arr.shape, arr.strides))
        high += arr.dtype.itemsize
        for begin, end, k in self.buffers:
            if begin <= low and high <= end:
                return [k, start - begin, list(arr.shape), list(arr.strides), arr.dtype.str]
        return None
