"""What the child sends back: a record of everything the hidden tests and the student's code
said to each other (child side). No verdict is decided here.

`grade_in_child(job)` runs in the forked child, after its limits are set. It runs the
submission and the hidden tests exactly as `grader.check` does, with a `Recorder` as the
student proxies' backend. The record it returns is plain data (`grader.codec`):

    {"format": 1,
     "module": {"e": error or None, "d": [function_names defined]} or {"x": why stopped},
     "tests": [events of each test that ran, or None], "stdout": str,
     "tampered": bool, "fatal": None | "memory" | "<grader error>"}

Events, in the order they happened (a call's callbacks come between its start and end):

    {"k": "n", "n": name, "f": "m" | ["v", type] | ["c", is_class, params]}  student.<name>
    {"k": "h", "n": name, "v": bool}                              student.has(name)
    {"k": "c" | "g" | "s" | "i", "l": label, "d": digest}         a call, attribute read,
        attribute write, generator step starts (digest: of the arguments, calls and writes)
    {"k": "b", "f": k, "a": args, "w": kwargs, "s": changes}      student code calls the
        test's function k      then {"k": "br", "v": value} or {"k": "be", "t", "m"}
    {"k": "r", "v": value | "g": 1 | "m": params, "s": changes}   it returned (a value, a
        generator, a method; nothing for an instance)
    {"k": "e", "e": error, "s": changes}                          it raised
    {"k": "d", "s": changes}                                      the generator is done
    {"k": "x", "w": "time" | "interrupt" | "full"}                the run was stopped

`changes` are the states of the test's own objects that student code changed (the
arguments after the call). The tests here get decoded copies of every value, so they
take the same path as the parent's replay (`grader.replay`), which judges.
"""

from __future__ import annotations

import types

from .codec import Codec, RecordFullError, _type_name
from .errors import Stopped, safe_message
from .jobs import RECORD_BUDGET, encode_answers
from .runner import RecordFull, Session, _run_test, execute_student_code
from .shared import Shared, _callback_like, watch_modules
from .student import DONE, Direct, StudentError, StudentIterator, run_guarded

FORMAT = 1


def _why(exc: BaseException) -> str:
    if isinstance(exc, RecordFull):
        return "full"
    return "time" if isinstance(exc, Stopped) else "interrupt"


class Recorder(Direct):
    """The child's backend: calls student code like `Direct`, and records each interaction."""

    def __init__(self, np, tests_source: str = "", budget: int = RECORD_BUDGET):
        self.np = np
        self.codec = Codec(np, budget)
        self.budget = budget
        self.tests: list = []
        self.events: list = []
        self.watched = watch_modules(tests_source)  # before any student code runs
        self.shared = Shared(np, recording=True, watched=self.watched)
        self.stop: BaseException | None = None
        self.fatal: str | None = None

    # ------------------------------------------------------------------ bookkeeping

    def begin_test(self, index: int) -> None:
        self.tests.extend([None] * (index + 1 - len(self.tests)))
        self.events = self.tests[index] = []
        self.shared = Shared(self.np, recording=True, watched=self.watched)  # after the seeding

    def _check(self) -> None:
        """Nothing is recorded after a stop: raise it again until the run has unwound."""
        if self.stop is not None:
            raise self.stop

    def _full(self) -> RecordFull:
        self.stop = RecordFull(f"more than {self.budget // 2**20} MB")
        self.events.append({"k": "x", "w": "full"})
        return self.stop

    def stopped(self, exc: BaseException) -> None:
        if isinstance(exc, MemoryError):
            self.fatal = "memory"
        elif self.stop is None:
            self.stop = exc
            self.events.append({"k": "x", "w": _why(exc)})

    def _emit(self, event: dict) -> None:
        try:
            self.codec._spend(48)
        except RecordFullError:
            raise self._full() from None
        self.events.append(event)

    def _encode(self, value, **kw):
        try:
            return self.codec.encode(value, self.shared, **kw)
        except RecordFullError:
            raise self._full() from None
        except Exception:  # noqa: BLE001 - an object no encoder understands: a placeholder
            return {"$o": ["object", "object"]}

    def _changes(self) -> list:
        try:
            return self.shared.changes(self.codec)
        except RecordFullError:
            raise self._full() from None

    def _begin(self, event: dict) -> None:
        self._check()
        for live, name, fn in self.shared.patched():  # e.g. a test's np.exp = watch_exp
            live[name] = self._callback(fn)  # the guard puts NumPy's own back after the call
        self._emit(event)

    # ------------------------------------------------------------------ the namespace

    def lookup(self, namespace: dict, name: str):
        kind, obj = Direct.lookup(self, namespace, name)
        if kind == "missing":
            fact: object = "m"
        elif kind == "value":
            fact = ["v", obj]
        else:
            is_class, params = Direct.signature(self, obj)
            fact = ["c", is_class, params]
        self._check()
        self._emit({"k": "n", "n": name, "f": fact})
        return kind, obj

    def has(self, namespace: dict, name: str) -> bool:
        found = Direct.has(self, namespace, name)
        self._check()
        self._emit({"k": "h", "n": name, "v": found})
        return found

    # ------------------------------------------------------------------ calls

    def call(self, label: str, fn, args: tuple, kwargs: dict):
        self._check()
        self.shared.track_call(args, kwargs)
        self._begin({"k": "c", "l": label, "d": self.shared.digest((args, kwargs))})
        args = tuple(self._callback(a) for a in args)
        kwargs = {k: self._callback(v) for k, v in kwargs.items()}
        instance = issubclass(type(fn), type)
        value = self._run(label, fn, *args, **kwargs)
        if instance:
            self._emit({"k": "r", "s": self._changes()})
            return value
        return self._result(label, value)

    def get(self, label: str, obj, attr: str):
        self._begin({"k": "g", "l": label})
        value = self._run(label, getattr, obj, attr)
        if callable(value) and not issubclass(type(value), type):
            params = Direct.signature(self, value)[1]
            self._emit({"k": "r", "m": params, "s": self._changes()})
            return value
        return self._result(label, value)

    def set(self, label: str, obj, attr: str, value) -> None:
        self._check()
        self.shared.track_call((value,), {})
        self._begin({"k": "s", "l": label, "d": self.shared.digest(((value,), {}))})
        self._run(label, setattr, obj, attr, value)
        self._emit({"k": "r", "s": self._changes()})

    def step(self, label: str, gen):
        self._begin({"k": "i", "l": label})
        done = object()
        value = self._run(label, next, gen, done)
        if value is done:
            self._emit({"k": "d", "s": self._changes()})
            return DONE
        return self._result(label, value)

    def _run(self, label: str, fn, *args, **kwargs):
        """run_guarded, recording an exception or a stop; returns what student code gave."""
        try:
            return run_guarded(label, fn, *args, **kwargs)
        except StudentError as exc:
            if self.stop is not None:  # a stop student code caught and turned into an error
                raise self.stop from None
            self._emit({"k": "e", "e": exc.error, "s": self._changes()})
            raise
        except BaseException as exc:
            self.stopped(exc)
            raise

    def _result(self, label: str, value):
        """Record a returned value; the test gets the decoded copy (or a proxy)."""
        if type(value) is types.GeneratorType:
            self._emit({"k": "r", "g": 1, "s": self._changes()})
            return StudentIterator(label, value, self)
        state = self._changes()
        data = self._encode(value)
        self._emit({"k": "r", "v": data, "s": state})
        return self.codec.decode(data, self.shared)

    # ------------------------------------------------------------------ callbacks

    def _callback(self, value):
        """The stand-in student code gets for a test's function: its calls are recorded."""
        k = self.shared.index.get(id(value))
        if k is None or not _callback_like(value):
            return value
        wrapper = self.shared.callbacks.get(k)
        if wrapper is None:
            recorder = self

            def callback(*args, **kwargs):
                return recorder.run_callback(k, value, args, kwargs)

            for attr in ("__name__", "__qualname__", "__doc__"):
                text = getattr(value, attr, None)
                if type(text) is str:
                    setattr(callback, attr, text)
            callback.__wrapped__ = value
            wrapper = self.shared.callbacks[k] = callback
            self.shared.index[id(wrapper)] = k  # handed back, it is the test's own again
        return wrapper

    def run_callback(self, k: int, fn, args: tuple, kwargs: dict):
        """Student code calls the test's function k: record the call and what it gave."""
        self._check()
        state = self._changes()
        data_args, data_kwargs = self._encode(list(args)), self._encode(dict(kwargs))
        self._emit({"k": "b", "f": k, "a": data_args, "w": data_kwargs, "s": state})
        args = self.codec.decode(data_args, self.shared)
        kwargs = self.codec.decode(data_kwargs, self.shared)
        try:
            value = fn(*args, **kwargs)
        except (Stopped, KeyboardInterrupt, MemoryError):
            raise
        except BaseException as exc:
            self._check()
            self._emit({"k": "be", "t": _type_name(type(exc)), "m": safe_message(exc)})
            raise
        self._check()
        self._emit({"k": "br", "v": self._encode(value)})
        return value

    def report(self, module, stdout: str, tampered: bool, fatal: str | None) -> dict:
        return {
            "format": FORMAT,
            "module": module,
            "tests": self.tests,
            "stdout": stdout,
            "tampered": tampered,
            "fatal": self.fatal or fatal,
        }


class Recording(Session):
    """The child's session: the student's code runs here; everything is recorded."""

    def __init__(self, recorder: Recorder, bundle: dict):
        self.recorder = recorder
        self.names = bundle.get("function_names", [])
        self.module: dict | None = None

    def execute(self, code: str):
        namespace, error = execute_student_code(code)
        self.module = {"e": error, "d": [n for n in self.names if n in namespace]}
        return namespace, error

    def student(self, namespace: dict):
        from .student import Student

        return Student(namespace, self.recorder)

    def run_test(self, index: int, fn, student):
        self.recorder.begin_test(index)
        return _run_test(fn, student)

    def stopped(self, exc: BaseException) -> None:
        if self.module is None:
            self.module = {"x": _why(exc)}
        else:
            self.recorder.stopped(exc)


def grade_in_child(job: dict) -> dict:
    """Run the submission and the hidden tests in the child; return the record (no verdict)."""
    from . import guard
    from .runner import captured_output, grade_code, student_io

    code = job.get("code")
    if job["mode"] == "quiz":
        snapshot = guard.baseline()
        snapshot.mark_session()
        try:
            with captured_output() as out:
                namespace, error = execute_student_code(code or "")
            answers = namespace.get("answers")
        finally:
            tampered = guard.Baseline.restore(snapshot)
        answers = encode_answers(answers) if type(answers) is dict else None
        return {"answers": answers, "error": error, "stdout": out.getvalue(), "tampered": tampered}
    snapshot = guard.baseline()  # the steps of grader.check, with a recording backend
    recorder = Recorder(snapshot.np, job["bundle"].get("tests") or "")
    session = Recording(recorder, job["bundle"])
    session_io = student_io().__enter__()
    snapshot.mark_session()
    restore = guard.Baseline.restore
    stdout, fatal = "", None
    try:
        stdout = grade_code(job["bundle"], code or "", session)["stdout"]
    except MemoryError:
        fatal = "memory"
    except Exception as exc:  # noqa: BLE001 - a grader bug: the parent reports it
        fatal = f"{type(exc).__name__}: {safe_message(exc)}"
    finally:
        tampered = restore(snapshot)
        session_io.__exit__(None, None, None)
    return recorder.report(session.module, stdout, tampered, fatal)
