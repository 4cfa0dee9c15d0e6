"""Values as plain data: what the child that ran student code tells the parent that judges.

`Codec.encode` turns a value into JSON-able data and `Codec.decode` turns it back, in the
child (its tests get decoded copies, exactly what the parent will see) and in the parent.
Never pickle: the format is JSON with a few tags, each a dict of one `$` key:

    None, bool, str, int, float, list        themselves (big ints "$i", NaN/inf "$f")
    {"$t": [...]} tuple   {"$d": [[k, v], ...]} dict   {"$set"/"$fset": [...]}
    {"$c": [re, im]} complex   {"$b": base64} bytes
    {"$a": [dtype, shape, base64]} ndarray (numbers, strings, dates; C order)
    {"$as": [dtype, shape, base64, name, text]} an ndarray subclass (decoded as a neutral
        subclass of that name)   {"$ao": [shape, [items]]} an array of objects
    {"$s": [dtype, base64]} a NumPy scalar   {"$o": [name, text]} any other object: an
        inert placeholder whose type has the same name, so messages describe it the same
    {"$r": k} the test's own object k (identity kept)   {"$n": [k, content]} a new object
        the student put into one of them (tracked as k from then on)
    {"$v": [k, offset, shape, strides, dtype]} a view of the test's array k

References, views and new objects resolve against `grader.shared.Shared`, the test's own
objects student code was given. Decoding checks every field: a malformed record raises
RecordError, never anything worse.
"""

from __future__ import annotations

import base64
import math
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the type only: shared.py imports this module
    from .shared import Shared

MAX_DEPTH = 40  # deeper values become placeholders (encode) or are refused (decode)
_DTYPE = re.compile(r"[<>|=]?([biufcSUmM])(\d{1,5})(\[[a-zA-Z0-9]{1,8}\])?")


class RecordError(ValueError):
    """The record is malformed (a field of the wrong type, a bad array, an unknown tag)."""


class RecordFullError(Exception):
    """The child's record would grow past its budget."""


def _type_name(cls) -> str:
    """A class's own __name__ (never a metaclass property)."""
    return type.__dict__["__name__"].__get__(cls)


def _inherits(cls, base) -> bool:
    return any(k is base for k in type.__dict__["__mro__"].__get__(cls))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text) -> bytes:
    if type(text) is not str:
        raise RecordError("expected base64 text")
    try:
        return base64.b64decode(text, validate=True)
    except ValueError as exc:
        raise RecordError(f"bad base64 ({exc})") from None


_SCALARS: dict = {}


def _scalar_types(np) -> dict:
    """id -> type of every NumPy scalar type (looked up by id: no metaclass __eq__ runs)."""
    if not _SCALARS:
        _SCALARS.update({id(t): t for t in np.sctypeDict.values()})
    return _SCALARS


class Codec:
    """Encode and decode values; `budget` (bytes, child only) bounds what one job sends."""

    def __init__(self, np, budget: int | None = None):
        self.np = np
        self.left = budget
        self._placeholders: dict = {}
        self._scalar_types = _scalar_types(np)

    # ------------------------------------------------------------------ encode

    def _spend(self, n: int) -> None:
        if self.left is not None:
            self.left -= n
            if self.left < 0:
                raise RecordFullError(f"more than {self.left + n} bytes left to record")

    def encode(self, value, shared: Shared | None = None, *, new: bool = False, depth: int = 0):
        """Plain data for `value`; the test's own objects (in `shared`) become references.

        `new`: objects not yet shared are shared from now on ("$n"), as when student code
        puts a new array into the test's list (later changes to it are then seen too).
        """
        np = self.np
        cls = type(value)
        if value is None or cls is bool or cls is str:
            self._spend(len(value) if cls is str else 1)
            return value
        if cls is int:
            self._spend(8)
            return value if value.bit_length() <= 63 else {"$i": hex(value)}
        if cls is float:
            self._spend(8)
            return value if math.isfinite(value) else {"$f": repr(value)}
        if depth > MAX_DEPTH:
            return self._opaque(value, "a value nested too deeply")
        if shared is not None:
            k = shared.index.get(id(value))
            if k is not None:
                return {"$r": k}
            if cls is np.ndarray:
                view = shared.view_of(value)
                if view is not None:
                    return {"$v": view}
            if new and shared.trackable(value):
                k = shared.add(value)
                return {"$n": [k, self.content(value, shared, new=True, depth=depth + 1)]}
        if cls is list:
            return [self.encode(v, shared, new=new, depth=depth + 1) for v in value]
        if cls is tuple:
            return {"$t": [self.encode(v, shared, new=new, depth=depth + 1) for v in value]}
        if cls is dict:
            return self.content(value, shared, new=new, depth=depth)
        if cls is set or cls is frozenset:
            tag = "$set" if cls is set else "$fset"
            return {tag: [self.encode(v, shared, depth=depth + 1) for v in value]}
        if cls is complex:
            self._spend(16)
            return {"$c": [self.encode(value.real), self.encode(value.imag)]}
        if cls is bytes:
            self._spend(len(value) * 4 // 3 + 4)
            return {"$b": _b64(value)}
        if cls is np.ndarray:
            return self._array(value, shared, depth)
        if _inherits(cls, np.ndarray):
            base = np.ndarray.view(value, np.ndarray)  # no method of the subclass runs
            if base.dtype.kind in "biufcSUmM":
                from .errors import describe_type

                data = self._array(base, None, depth)["$a"]
                return {"$as": [*data, _type_name(cls), describe_type(value)]}
        if self._scalar_types.get(id(cls)) is cls:
            arr = np.array(value)
            if arr.dtype.kind in "biufcSUmM":
                self._spend(arr.nbytes * 4 // 3 + 16)
                return {"$s": [arr.dtype.str, _b64(arr.tobytes())]}
        return self._opaque(value)

    def content(self, value, shared, *, new: bool = False, depth: int = 0):
        """The state of a mutable object itself (never a reference to it)."""
        np = self.np
        cls = type(value)
        if cls is list:
            return [self.encode(v, shared, new=new, depth=depth + 1) for v in value]
        if cls is tuple:
            return {"$t": [self.encode(v, shared, new=new, depth=depth + 1) for v in value]}
        if cls is dict:
            return {
                "$d": [
                    [self.encode(k, shared, depth=depth + 1),
                     self.encode(v, shared, new=new, depth=depth + 1)]
                    for k, v in value.items()
                ]
            }  # fmt: skip
        if cls is np.ndarray:
            return self._array(value, shared, depth)
        if cls is np.random.Generator:
            return self.encode(value.bit_generator.state, depth=depth + 1)
        if cls is np.random.RandomState:
            return self.encode(value.get_state(legacy=False), depth=depth + 1)
        raise TypeError(f"no state to record for {cls!r}")

    def _array(self, arr, shared, depth: int):
        np = self.np
        kind = arr.dtype.kind
        if kind == "O":
            items = [self.encode(v, shared, depth=depth + 1) for v in arr.reshape(-1).tolist()]
            return {"$ao": [list(arr.shape), items]}
        if kind not in "biufcSUmM":
            return self._opaque(arr, f"numpy.ndarray of dtype {arr.dtype}")
        self._spend(arr.nbytes * 4 // 3 + 32)
        data = np.ascontiguousarray(arr).tobytes()
        return {"$a": [arr.dtype.str, list(arr.shape), _b64(data)]}

    def _opaque(self, value, text: str | None = None):
        from .errors import describe_type

        cls = type(value)
        self._spend(64)
        return {"$o": [_type_name(cls), text or describe_type(value)]}

    # ------------------------------------------------------------------ decode

    def decode(self, data, shared: Shared | None = None, *, depth: int = 0):
        """The value `data` stands for (references resolve to `shared`'s objects)."""
        cls = type(data)
        if data is None or cls is bool or cls is str or cls is int or cls is float:
            return data
        if depth > MAX_DEPTH + 2:
            raise RecordError("a value is nested too deeply")
        if cls is list:
            return [self.decode(v, shared, depth=depth + 1) for v in data]
        if cls is not dict or len(data) != 1:
            raise RecordError(f"unexpected {cls.__name__} in a value")
        ((tag, body),) = data.items()
        method = _DECODERS.get(tag)
        if method is None:
            raise RecordError(f"unknown tag {tag!r}")
        return method(self, body, shared, depth)

    def _items(self, body, shared, depth) -> list:
        if type(body) is not list:
            raise RecordError("expected a list of items")
        return [self.decode(v, shared, depth=depth + 1) for v in body]

    def _d_int(self, body, shared, depth):
        if type(body) is not str or len(body) > 4100:
            raise RecordError("bad big int")
        try:
            return int(body, 16)
        except ValueError:
            raise RecordError("bad big int") from None

    def _d_float(self, body, shared, depth):
        if body not in ("nan", "inf", "-inf"):
            raise RecordError("bad special float")
        return float(body)

    def _d_tuple(self, body, shared, depth):
        return tuple(self._items(body, shared, depth))

    def _d_dict(self, body, shared, depth):
        out = {}
        for pair in self._items(body, shared, depth - 1):
            if type(pair) is not list or len(pair) != 2:
                raise RecordError("a dict item is not a [key, value] pair")
            try:
                out[pair[0]] = pair[1]
            except TypeError:
                raise RecordError("a dict key is not hashable") from None
        return out

    def _d_set(self, body, shared, depth):
        try:
            return set(self._items(body, shared, depth))
        except TypeError:
            raise RecordError("a set item is not hashable") from None

    def _d_fset(self, body, shared, depth):
        return frozenset(self._d_set(body, shared, depth))

    def _d_complex(self, body, shared, depth):
        parts = self._items(body, shared, depth)
        if len(parts) != 2 or any(type(p) is not float and type(p) is not int for p in parts):
            raise RecordError("bad complex number")
        return complex(parts[0], parts[1])

    def _d_bytes(self, body, shared, depth):
        return _unb64(body)

    def _dtype(self, text):
        np = self.np
        if type(text) is not str or not _DTYPE.fullmatch(text):
            raise RecordError(f"unsupported dtype {text!r}")
        try:
            dtype = np.dtype(text)
        except TypeError:
            raise RecordError(f"unsupported dtype {text!r}") from None
        if dtype.hasobject or dtype.itemsize == 0 or dtype.kind not in "biufcSUmM":
            raise RecordError(f"unsupported dtype {text!r}")
        return dtype

    def _shape(self, shape) -> tuple:
        if type(shape) is not list or len(shape) > 32:
            raise RecordError("bad array shape")
        for n in shape:
            if type(n) is not int or n < 0:
                raise RecordError("bad array shape")
        return tuple(shape)

    def _d_array(self, body, shared, depth):
        np = self.np
        if type(body) is not list or len(body) != 3:
            raise RecordError("bad array")
        dtype, shape, data = self._dtype(body[0]), self._shape(body[1]), _unb64(body[2])
        if math.prod(shape) * dtype.itemsize != len(data):
            raise RecordError("an array's data does not match its shape and dtype")
        return np.frombuffer(bytearray(data), dtype=dtype).reshape(shape)

    def _d_subclass(self, body, shared, depth):
        if type(body) is not list or len(body) != 5:
            raise RecordError("bad array subclass")
        arr = self._d_array(body[:3], shared, depth)
        return arr.view(self._placeholder(body[3], body[4], base=self.np.ndarray))

    def _d_object_array(self, body, shared, depth):
        np = self.np
        if type(body) is not list or len(body) != 2:
            raise RecordError("bad object array")
        shape, items = self._shape(body[0]), self._items(body[1], shared, depth)
        if math.prod(shape) != len(items):
            raise RecordError("an object array's items do not match its shape")
        out = np.empty(len(items), dtype=object)
        for i, item in enumerate(items):
            out[i] = item
        return out.reshape(shape)

    def _d_scalar(self, body, shared, depth):
        np = self.np
        if type(body) is not list or len(body) != 2:
            raise RecordError("bad NumPy scalar")
        dtype, data = self._dtype(body[0]), _unb64(body[1])
        if len(data) != dtype.itemsize:
            raise RecordError("a NumPy scalar's data does not match its dtype")
        return np.frombuffer(data, dtype=dtype)[0]

    def _d_opaque(self, body, shared, depth):
        if type(body) is not list or len(body) != 2:
            raise RecordError("bad placeholder")
        return self._placeholder(body[0], body[1])()

    def _placeholder(self, name, text, *, base=object):
        """An inert class named like the student's: describe_type gives the same text."""
        for part in (name, text):
            if type(part) is not str or not 0 < len(part) <= 200 or "\x00" in part:
                raise RecordError("bad type name")
        key = (name, text, base)
        if key not in self._placeholders:
            body = {"__module__": "builtins", "__qualname__": text}
            if base is object:
                body["__slots__"] = ()
                body["__repr__"] = lambda self, text=text: f"<{text} object>"
            self._placeholders[key] = type(name, (base,), body)
        return self._placeholders[key]

    def _d_ref(self, body, shared, depth):
        return _shared(shared).get(body)

    def _d_new(self, body, shared, depth):
        shared = _shared(shared)
        if type(body) is not list or len(body) != 2 or body[0] != len(shared.objects):
            raise RecordError("a new object is not numbered in order")
        return shared.decode_new(self, body[1], depth)

    def _d_view(self, body, shared, depth):
        np = self.np
        if type(body) is not list or len(body) != 5:
            raise RecordError("bad view")
        base = _shared(shared).get(body[0])
        offset, shape, strides, dtype = body[1], self._shape(body[2]), body[3], self._dtype(body[4])
        if type(base) is not np.ndarray or not base.flags.c_contiguous:
            raise RecordError("a view of something that is not a contiguous array")
        if type(offset) is not int or type(strides) is not list or len(strides) != len(shape):
            raise RecordError("bad view")
        if any(type(s) is not int for s in strides):
            raise RecordError("bad view")
        low = offset + sum(min(0, (n - 1) * s) for n, s in zip(shape, strides) if n)
        high = offset + sum(max(0, (n - 1) * s) for n, s in zip(shape, strides) if n)
        if math.prod(shape) and (low < 0 or high + dtype.itemsize > base.nbytes):
            raise RecordError("a view reaches outside its array")
        return np.ndarray(shape, dtype=dtype, buffer=base, offset=offset, strides=tuple(strides))


_DECODERS = {
    "$i": Codec._d_int, "$f": Codec._d_float, "$t": Codec._d_tuple, "$d": Codec._d_dict,
    "$set": Codec._d_set, "$fset": Codec._d_fset, "$c": Codec._d_complex,
    "$b": Codec._d_bytes, "$a": Codec._d_array, "$as": Codec._d_subclass,
    "$ao": Codec._d_object_array, "$s": Codec._d_scalar, "$o": Codec._d_opaque,
    "$r": Codec._d_ref, "$n": Codec._d_new, "$v": Codec._d_view,
}  # fmt: skip


def _shared(shared):
    if shared is None:
        raise RecordError("a reference outside a call")
    return shared
