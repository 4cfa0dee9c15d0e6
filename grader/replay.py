"""The hidden tests run again in the parent, against the child's record instead of student
code (parent side). Every assertion, message and score comes from here.

The parent loads the tests itself from the full bundle and seeds them as the runner
does; a `Replayer` backend answers each question a test asks of the student's code from
the record (`grader.record` lists the events): a look-up gets the recorded fact, a call
writes the recorded states back into the test's own arrays, lists and dicts, replays each
call student code made to a function the test passed (and checks that it gave what the
child's copy gave), then returns the recorded value or raises the recorded error as the
same StudentError. No student code runs here: values are rebuilt from plain data only.

A record that does not match what a test asks for (another call, other arguments, ends
too early or holds more, a malformed field) fails that test with the reason; a malformed
record as a whole raises RecordError (the job is rejected). Replays use the process-wide
random state and call labels, so they are serialised by `LOCK` (Pool.map's threads
finish jobs concurrently; the work is CPU-bound Python, so the lock costs nothing).
"""

from __future__ import annotations

import threading

from .codec import Codec, RecordError, _type_name
from .errors import Stopped, safe_message
from .runner import BoundedOutput, RecordFull, Session, _run_test, compile_tests, tests_from
from .shared import Shared, watch_modules
from .student import DONE, Direct, Student, StudentError, StudentIterator

LOCK = threading.Lock()  # one replay at a time in this process
_COMPILED: dict = {}  # (exercise id, tests source) -> code object: the parent's own, reusable
MAX_TEXT = 8000  # characters kept of a recorded error's texts


class Divergence(BaseException):
    """The test asked for something the record does not hold (a BaseException, so no
    `except Exception` in a hidden test can swallow it)."""


class ReplayedInterrupt(KeyboardInterrupt):
    """The child's run was interrupted at this point (KeyboardInterrupt in its code)."""


class _Callable:
    """A student function, class or method, as the record describes it."""

    __slots__ = ("is_class", "params")

    def __init__(self, is_class: bool, params: list[str]):
        self.is_class, self.params = is_class, params

    def __call__(self, *args, **kwargs):  # callable() must say True, as for the real one
        raise TypeError("a replayed student function cannot be called directly")


class _Opaque:
    """A student object or generator the parent never sees: only its proxy's calls."""

    __slots__ = ()


def _params(value) -> list[str]:
    if type(value) is not list or len(value) > 255:
        raise RecordError("bad parameter names")
    for name in value:
        if type(name) is not str or not 0 < len(name) <= 100:
            raise RecordError("bad parameter names")
    return list(value)


def clean_error(error) -> dict | None:
    """A recorded error as error data (strings clipped); RecordError if malformed."""
    if error is None:
        return None
    if type(error) is not dict:
        raise RecordError("an error is not an object")
    out = {}
    for key in ("title", "message", "hint", "traceback"):
        value = error.get(key, "")
        if type(value) is not str:
            raise RecordError(f"error.{key} is not a string")
        out[key] = value[:MAX_TEXT]
    line = error.get("line")
    if line is not None and type(line) is not int:
        raise RecordError("error.line is not an int")
    out["line"] = line
    return out


def _what(event) -> str:
    kind = event.get("k")
    label = event.get("l")
    label = label if type(label) is str else "?"
    return {
        "c": f"the call {label}",
        "g": f"a read of {label}",
        "s": f"{label}",
        "i": f"a step of {label}",
        "n": f"a look-up of `{event.get('n')}`",
        "h": f"student.has({event.get('n')!r})",
        "b": "a call of the test's own function",
    }.get(kind, "the end of a call")


class Replayer(Direct):
    """The parent's backend: answers each question of a test from the record."""

    def __init__(self, np, tests_source: str):
        self.np = np
        self.codec = Codec(np)
        self.stream: list = []
        self.pos = 0
        self.watched = watch_modules(tests_source)
        self.shared = Shared(np, recording=False, watched=self.watched)
        self.diverged: str | None = None

    def begin_test(self, events) -> None:
        self.stream = events if type(events) is list else []
        self.pos = 0
        self.shared = Shared(self.np, recording=False, watched=self.watched)
        self.diverged = None if events is None or type(events) is list else "malformed events"

    # ------------------------------------------------------------------ reading the record

    def fail(self, why: str) -> Divergence:
        if self.diverged is None:
            self.diverged = why
        return Divergence(self.diverged)

    def stop_at(self, event) -> BaseException:
        why = event.get("w")
        if why == "time":
            return Stopped("time limit reached in the child")
        if why == "full":
            return RecordFull("more than the record may hold")
        if why == "interrupt":
            return ReplayedInterrupt()
        return self.fail("a malformed stop")

    def _take(self, kinds: tuple, what: str) -> dict:
        if self.diverged is not None:
            raise Divergence(self.diverged)
        if self.pos >= len(self.stream):
            raise self.fail(f"the record ends before {what}")
        event = self.stream[self.pos]
        if type(event) is not dict or type(event.get("k")) is not str:
            raise self.fail("a malformed event")
        if event["k"] == "x":
            raise self.stop_at(event)  # not consumed: every later question stops too
        self.pos += 1
        if event["k"] not in kinds:
            raise self.fail(f"the record has {_what(event)} where the test made {what}")
        return event

    def _expect(self, event: dict, label: str, digest: str | None = None) -> None:
        if event.get("l") != label:
            raise self.fail(f"the record has {_what(event)} where the test made {label}")
        if digest is not None and event.get("d") != digest:
            raise self.fail(f"the arguments of {label} are not the ones recorded")

    def _decode(self, data):
        try:
            return self.codec.decode(data, self.shared)
        except RecordError as exc:
            raise self.fail(f"a malformed value ({exc})") from None

    def _apply(self, changes) -> None:
        try:
            self.shared.apply(self.codec, [] if changes is None else changes)
        except RecordError as exc:
            raise self.fail(f"a malformed change of an argument ({exc})") from None

    # ------------------------------------------------------------------ the namespace

    def lookup(self, namespace, name: str):
        event = self._take(("n",), f"a look-up of `{name}`")
        if event.get("n") != name:
            raise self.fail(f"the record has {_what(event)} where the test looks up `{name}`")
        fact = event.get("f")
        if fact == "m":
            return "missing", None
        if type(fact) is list and len(fact) == 2 and fact[0] == "v" and type(fact[1]) is str:
            return "value", fact[1][:200]
        if type(fact) is list and len(fact) == 3 and fact[0] == "c" and type(fact[1]) is bool:
            try:
                return "callable", _Callable(fact[1], _params(fact[2]))
            except RecordError:
                pass
        raise self.fail(f"a malformed look-up of `{name}`")

    def has(self, namespace, name: str) -> bool:
        event = self._take(("h",), f"student.has({name!r})")
        if event.get("n") != name or type(event.get("v")) is not bool:
            raise self.fail(f"the record has {_what(event)} where the test asks has({name!r})")
        return event["v"]

    def signature(self, obj) -> tuple[bool, list[str]]:
        if type(obj) is not _Callable:
            raise self.fail("a call of something that is not a student function")
        return obj.is_class, list(obj.params)

    # ------------------------------------------------------------------ calls

    def call(self, label: str, fn, args: tuple, kwargs: dict):
        self.shared.track_call(args, kwargs)
        digest = self.shared.digest((args, kwargs))
        self.shared.patched()
        self._expect(self._take(("c",), f"the call {label}"), label, digest)
        return self._end(label, "c", instance=type(fn) is _Callable and fn.is_class)

    def get(self, label: str, obj, attr: str):
        self.shared.patched()
        self._expect(self._take(("g",), f"a read of {label}"), label)
        return self._end(label, "g")

    def set(self, label: str, obj, attr: str, value) -> None:
        self.shared.track_call((value,), {})
        digest = self.shared.digest(((value,), {}))
        self.shared.patched()
        self._expect(self._take(("s",), label), label, digest)
        self._end(label, "s")

    def step(self, label: str, gen):
        self.shared.patched()
        self._expect(self._take(("i",), f"a step of {label}"), label)
        return self._end(label, "i")

    def _end(self, label: str, kind: str, *, instance: bool = False):
        """Replay callbacks until the call's end; then its result or its error."""
        while True:
            event = self._take(("b", "r", "e", "d"), f"the end of {label}")
            if event["k"] == "b":
                self._callback(event)
                continue
            self._apply(event.get("s"))
            if event["k"] == "e":
                try:
                    error = clean_error(event.get("e"))
                except RecordError as exc:
                    raise self.fail(f"a malformed error ({exc})") from None
                if error is None:
                    raise self.fail("an error without a message")
                raise StudentError(label, error)
            if event["k"] == "d":
                if kind != "i":
                    raise self.fail(f"the record ends a generator where {label} was called")
                return DONE
            return self._returned(label, kind, event, instance)

    def _returned(self, label: str, kind: str, event: dict, instance: bool):
        if kind == "s" or instance:
            return None if kind == "s" else _Opaque()
        if event.get("g") == 1:
            return StudentIterator(label, _Opaque(), self)
        if kind == "g" and "m" in event:
            try:
                return _Callable(False, _params(event["m"]))
            except RecordError:
                raise self.fail(f"a malformed method {label}") from None
        if "v" not in event:
            raise self.fail(f"the record has no value returned by {label}")
        return self._decode(event["v"])

    def _callback(self, event: dict) -> None:
        """Student code called the test's function: call the parent's own one the same way."""
        self._apply(event.get("s"))
        try:
            fn = self.shared.callback(event.get("f"))
        except RecordError as exc:
            raise self.fail(str(exc)) from None
        args, kwargs = self._decode(event.get("a")), self._decode(event.get("w"))
        if type(args) is not list or type(kwargs) is not dict:
            raise self.fail("a malformed call of the test's function")
        if any(type(k) is not str for k in kwargs):
            raise self.fail("a malformed call of the test's function")
        try:
            value = fn(*args, **kwargs)
        except (Divergence, Stopped, KeyboardInterrupt, MemoryError):
            raise
        except BaseException as exc:  # noqa: BLE001 - it raised into student code there too
            got = {"k": "be", "t": _type_name(type(exc)), "m": safe_message(exc)}
        else:
            got = {"k": "br", "v": self.codec.encode(value, self.shared)}
        end = self._take(("br", "be"), "the end of a call of the test's own function")
        if {k: end.get(k) for k in got} != got or len(end) != len(got):
            raise self.fail(
                "a function the test passed gave the student's code another result than "
                "in the recorded run"
            )


class _Quiet:
    """The parent's output while a replay runs: test prints and NumPy's warnings go nowhere.

    Only sys.stdout is swapped (progress bars write to stderr from other threads) and
    NumPy's error state is set for this thread alone (np.errstate is a context variable):
    warnings' filters are process-wide, and a guard session in another thread would read
    a change to them as tampering. The student sees the child's recorded output.
    """

    def __init__(self, np):
        self.errstate = np.errstate(all="ignore")

    def __enter__(self) -> BoundedOutput:
        import sys

        self.saved = sys.stdout
        self.errstate.__enter__()
        self.out = BoundedOutput()
        sys.stdout = self.out
        return self.out

    def __exit__(self, *exc) -> bool:
        import sys

        sys.stdout = self.saved
        self.errstate.__exit__(*exc)
        return False


class Replaying(Session):
    """The parent's session: the same hidden tests, against the record."""

    def __init__(self, replayer: Replayer, record: dict):
        self.replayer = replayer
        self.record = record

    def tests(self, bundle: dict) -> list:
        key = (bundle["id"], bundle.get("tests") or "")
        code = _COMPILED.get(key)
        if code is None:
            code = _COMPILED[key] = compile_tests(bundle)
        return tests_from(code, bundle)

    def output(self):
        return _Quiet(self.replayer.np)

    def timer(self, seconds):
        import contextlib

        return contextlib.nullcontext()

    def execute(self, code: str):
        module = self.record["module"]
        if "x" in module:
            raise self.replayer.stop_at(module)
        return {n: None for n in module["d"]}, module["e"]

    def student(self, namespace: dict):
        return Student(namespace, self.replayer)

    def run_test(self, index: int, fn, student):
        r = self.replayer
        tests = self.record["tests"]
        r.begin_test(tests[index] if index < len(tests) else None)
        try:
            outcome = _run_test(fn, student)
        except Divergence:
            outcome = None
        if r.diverged is None and r.pos < len(r.stream):
            event = r.stream[r.pos]
            if type(event) is dict and event.get("k") == "x":
                raise r.stop_at(event)
            r.fail("the record holds more than the test asked for")
        if r.diverged is not None:
            return False, f"The grader could not confirm this test: {r.diverged}.", None
        return outcome

    def stdout(self, out) -> str:
        return self.record["stdout"]


def _validated(report) -> dict:
    """The record's outer shape (RecordError if wrong); events are checked as replayed."""
    if type(report) is not dict or report.get("format") != 1:
        raise RecordError("the report is not a record of format 1")
    module, tests, stdout = report.get("module"), report.get("tests"), report.get("stdout")
    if type(module) is not dict or type(tests) is not list or type(stdout) is not str:
        raise RecordError("the record's module, tests or stdout has the wrong type")
    if "x" not in module:
        defined = module.get("d")
        if type(defined) is not list or any(type(n) is not str for n in defined):
            raise RecordError("the record's list of definitions is malformed")
        module = {"e": clean_error(module.get("e")), "d": defined}
    return {**report, "module": module, "stdout": stdout[:30000]}


def judge_code(bundle: dict, report) -> dict:
    """{"tests", "error", "stdout"} of a code exercise, replayed from the child's record.

    Raises RecordError if the record is malformed as a whole.
    """
    import random

    from . import guard
    from .runner import grade_code

    record = _validated(report)
    with LOCK:
        np = guard.baseline().np
        saved = random.getstate(), np.random.get_state()
        try:
            return grade_code(
                bundle, "", Replaying(Replayer(np, bundle.get("tests") or ""), record)
            )
        except Divergence as exc:  # outside any test: the module part did not fit
            raise RecordError(str(exc)) from None
        finally:
            random.setstate(saved[0])
            np.random.set_state(saved[1])
