"""Execute student code in a fresh namespace and run an exercise's hidden tests on it."""

from __future__ import annotations

import io
import random
import signal
import sys
import threading
import warnings

from .errors import (
    INPUT_MESSAGE,
    STUDENT_FILE,
    GraderError,
    InputNotAvailableError,
    Stopped,
    error_data,
    safe_message,
    shorten_message,
    student_error,
)
from .guard import TamperError, baseline, guarded
from .quiz import grade_quiz
from .student import MissingDefinitionError, Student, StudentError

MAX_OUTPUT = 20_000


class BoundedOutput(io.TextIOBase):
    """A stdout stand-in that keeps the first MAX_OUTPUT characters."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.truncated = False

    def writable(self) -> bool:
        return True

    def write(self, text) -> int:
        text = text if type(text) is str else str(text)
        room = MAX_OUTPUT - self.size
        if room > 0:
            self.parts.append(text[:room])
            self.size += min(room, len(text))
        if len(text) > room:
            self.truncated = True
        return len(text)

    def getvalue(self) -> str:
        tail = "\n... (output truncated)\n" if self.truncated else ""
        return "".join(self.parts) + tail


class captured_output:
    """Send stdout and stderr to one BoundedOutput; put the real ones back after."""

    def __enter__(self) -> BoundedOutput:
        self.saved = sys.stdout, sys.stderr
        self.out = BoundedOutput()
        sys.stdout = sys.stderr = self.out
        return self.out

    def __exit__(self, *exc: object) -> bool:
        sys.stdout, sys.stderr = self.saved
        return False


class _NoInput(io.TextIOBase):
    """sys.stdin while student code runs: reading it says input is not available.

    Pyodide has no terminal (input() failed with `OSError: [Errno 29]`), the offline
    grader reads from /dev/null; both now give the same clear error.
    """

    def readable(self) -> bool:
        return True

    def read(self, size=-1):
        raise InputNotAvailableError(INPUT_MESSAGE)

    def readline(self, size=-1):
        raise InputNotAvailableError(INPUT_MESSAGE)


# matplotlib's Agg backend (the only one here) warns on plt.show(); the page shows every
# open figure after the run anyway, so plt.show() just means "show this figure".
_SHOW_WARNING = r"(Figure)?Canvas\w* is non-interactive, and thus cannot be shown"


class student_io:
    """Around one whole check or run: no keyboard input, plt.show() without a warning.

    Entered before the guard marks the session (the guard then keeps this warning filter
    in place after every call into student code), left after its last restore.
    """

    def __enter__(self) -> student_io:
        self.saved_stdin = sys.stdin
        self.warnings = warnings.catch_warnings()
        self.warnings.__enter__()
        warnings.filterwarnings("ignore", message=_SHOW_WARNING, category=UserWarning)
        sys.stdin = _NoInput()
        return self

    def __exit__(self, *exc: object) -> bool:
        sys.stdin = self.saved_stdin
        self.warnings.__exit__(*exc)
        return False


class time_limit:
    """Raise Stopped in this thread after `seconds` (CPython main thread only).

    In the browser the page enforces the limit through the interrupt buffer (the code
    then sees KeyboardInterrupt); the offline grader adds a hard CPU limit per process.
    """

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self.armed = (
            seconds is not None
            and hasattr(signal, "setitimer")
            and sys.platform != "emscripten"
            and threading.current_thread() is threading.main_thread()
        )

    def _fire(self, signum, frame):
        raise Stopped(f"time limit of {self.seconds:g} s reached")

    def __enter__(self) -> time_limit:
        if self.armed:
            self.previous = signal.signal(signal.SIGALRM, self._fire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds, 0.05)
        return self

    def __exit__(self, *exc: object) -> bool:
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
        return False


class RecordFull(Stopped):
    """Offline: student code produced more results than the child may send back."""


def _stopped_error(exc: BaseException, seconds) -> dict:
    if isinstance(exc, RecordFull):
        return error_data(
            "Too much output for the grader",
            f"Your code's results grew past what the offline grader can check ({exc}).",
            "Look for a loop that returns or yields far more values than the tests ask for.",
        )
    if isinstance(exc, Stopped):
        return error_data(
            "Time limit exceeded",
            f"Your code was still running after {seconds:g} s and was stopped.",
            "Look for a loop whose condition never becomes false.",
        )
    return error_data(
        "Stopped",
        "Your code was stopped before it finished.",
        "If it ran for a long time, look for a loop that never ends.",
    )


def _seed(seed: int) -> None:
    random.seed(seed)
    np = baseline().np
    if np is not None:
        np.random.seed(seed)


def execute_student_code(code: str, *, name: str = "submission") -> tuple[dict, dict | None]:
    """Compile and run student source; return (namespace, error or None)."""
    namespace: dict = {"__name__": name, "__builtins__": __builtins__}
    try:
        compiled = compile(code, STUDENT_FILE, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:  # ValueError: source with NUL bytes
        if isinstance(exc, SyntaxError):
            return namespace, student_error(exc)
        return namespace, error_data("Your code does not parse", safe_message(exc))
    # Keep the module's source so tracebacks can show the student's lines.
    import linecache

    linecache.cache[STUDENT_FILE] = (len(code), None, code.splitlines(True), STUDENT_FILE)
    with guarded():
        try:
            exec(compiled, namespace)
        except (KeyboardInterrupt, Stopped):
            raise
        except TamperError as exc:
            return namespace, student_error(exc, title="Not allowed")
        except BaseException as exc:  # SystemExit included: it ends the student's code only
            if isinstance(exc, SystemExit):
                return namespace, error_data(
                    "Your code called exit()",
                    "SystemExit: exit() and sys.exit() stop the grader's checks.",
                    "Remove the call to exit(); just define your functions.",
                )
            return namespace, student_error(exc)
    return namespace, None


def compile_tests(bundle: dict):
    """Compile an exercise's tests.py (GraderError if it does not compile)."""
    source = bundle.get("tests") or ""
    try:
        return compile(source, f"<hidden tests of {bundle['id']}>", "exec")
    except SyntaxError as exc:
        raise GraderError(f"tests of {bundle['id']} do not compile: {exc}") from exc


def tests_from(code, bundle: dict) -> list:
    """Run compiled tests.py in a fresh namespace; its test functions in definition order."""
    namespace: dict = {"__name__": f"hidden_tests_{bundle['id']}"}
    exec(code, namespace)
    return [fn for fn in namespace.values() if callable(fn) and hasattr(fn, "_grader_points")]


def load_tests(bundle: dict) -> list:
    """Compile an exercise's tests.py and return its test functions in definition order.

    Compiled afresh for every check: a cache would be one more thing student code could
    overwrite between two checks.
    """
    return tests_from(compile_tests(bundle), bundle)


def _doc(fn) -> str:
    text = (fn.__doc__ or "").strip()
    return text.splitlines()[0] if text else fn.__name__.replace("_", " ")


def run_test(fn, student: Student) -> tuple[bool, str]:
    """Run one hidden test; (passed, message)."""
    passed, message, _ = _run_test(fn, student)
    return passed, message


def _run_test(fn, student: Student) -> tuple[bool, str, StudentError | None]:
    """(passed, message, the student's exception if their code raised)."""
    try:
        fn(student)
    except MissingDefinitionError as exc:
        return False, str(exc), None
    except StudentError as exc:
        hint = exc.error.get("hint")
        return False, str(exc) + (f" Hint: {hint}" if hint else ""), exc
    except AssertionError as exc:
        # grader.testing bounds its own messages; the head and the expected/received
        # lines are kept whole (cutting the middle lost the "expected" line).
        text = exc.args[0] if len(exc.args) == 1 and type(exc.args[0]) is str else None
        if text:
            return False, shorten_message(text, 1000), None
        return False, safe_message(exc) or "The check failed.", None
    except (KeyboardInterrupt, Stopped, MemoryError):
        raise
    except Exception as exc:  # the test could not use what the student returned
        return (
            False,
            f"The check could not use your result: {type(exc).__name__}: {safe_message(exc)}",
            None,
        )
    return True, "Passed.", None


def _same_error_everywhere(raised: list) -> dict | None:
    """The error to show once when every test failed because student code raised the same
    exception (e.g. a NameError in a helper every test calls); None otherwise."""
    if len(raised) < 2 or any(exc is None for exc in raised):
        return None
    first = raised[0].error
    if any(
        (e.error["message"], e.error["line"]) != (first["message"], first["line"]) for e in raised
    ):
        return None
    return error_data(
        "Every test stopped at the same error",
        str(raised[0]),
        first.get("hint", ""),
        line=first.get("line"),
        traceback=first.get("traceback", ""),
    )


class Session:
    """Where a check's student code runs. This one: right here (the browser, grader.check).

    The offline grader subclasses it: `grader.record.Recording` runs the code in the child
    and records every interaction, `grader.replay.Replaying` answers the same tests from
    that record in the parent. `grade_code` is the same for all three.
    """

    def tests(self, bundle: dict) -> list:
        return load_tests(bundle)

    def output(self):
        return captured_output()

    def timer(self, seconds):
        return time_limit(seconds)

    def execute(self, code: str) -> tuple[dict, dict | None]:
        return execute_student_code(code)

    def student(self, namespace: dict) -> Student:
        return Student(namespace)

    def run_test(self, index: int, fn, student: Student) -> tuple[bool, str, StudentError | None]:
        return _run_test(fn, student)

    def stopped(self, exc: BaseException) -> None:
        """The time limit (or a stop) ended the check."""

    def stdout(self, out: BoundedOutput) -> str:
        return out.getvalue()


def grade_code(bundle: dict, code: str, session: Session | None = None) -> dict:
    """Grade a code/debug exercise: exec the submission, then each hidden test."""
    session = session or Session()
    tests = session.tests(bundle)
    seconds = bundle.get("time_limit", 10)
    result = {"tests": [], "error": None, "stdout": ""}
    with session.output() as out:
        try:
            with session.timer(seconds):
                _seed(bundle.get("seed", 0))
                namespace, error = session.execute(code)
                if error is None:
                    missing = [n for n in bundle.get("function_names", []) if n not in namespace]
                    if missing:
                        names = ", ".join(f"`{n}`" for n in missing)
                        error = error_data(
                            "Missing definition",
                            f"Your code does not define {names}.",
                            "Keep the function names and signatures of the starter.",
                        )
                result["error"] = error
                student = session.student(namespace)
                raised = []
                for index, fn in enumerate(tests):
                    entry = {
                        "name": fn.__name__,
                        "description": _doc(fn),
                        "points": fn._grader_points,
                    }
                    if error is not None and error["title"] != "Missing definition":
                        entry.update(passed=False, message=f"Not run: {error['title'].lower()}.")
                    else:
                        _seed(bundle.get("seed", 0))
                        passed, message, exc = session.run_test(index, fn, student)
                        entry.update(passed=passed, message=message)
                        raised.append(exc)
                    result["tests"].append(entry)
                once = _same_error_everywhere(raised) if error is None else None
                if once is not None:
                    # Said once, above the tests, instead of once per test.
                    result["error"] = once
                    for entry in result["tests"]:
                        entry["message"] = "Failed with the error shown above."
        except (KeyboardInterrupt, Stopped) as exc:
            session.stopped(exc)
            result["error"] = _stopped_error(exc, seconds)
            done = {t["name"] for t in result["tests"]}
            for fn in tests:
                if fn.__name__ not in done:
                    result["tests"].append(
                        {
                            "name": fn.__name__,
                            "description": _doc(fn),
                            "points": fn._grader_points,
                            "passed": False,
                            "message": "Not run: the code was stopped.",
                        }
                    )
    result["stdout"] = session.stdout(out)
    return result


def grade_answers(bundle: dict, code: str | None, answers) -> dict:
    """Grade a quiz from an answers dict, or from code that defines `answers = {...}`."""
    error = None
    stdout = ""
    if answers is None and code is not None:
        with captured_output() as out:
            namespace, error = execute_student_code(code)
        stdout = out.getvalue()
        answers = namespace.get("answers")
        if error is None and type(answers) is not dict:
            error = error_data("No answers", "Define `answers = {...}` as in the starter.")
    return {"tests": grade_quiz(bundle, answers), "error": error, "stdout": stdout}


def run_code(bundle: dict, code: str) -> dict:
    """The Run button: execute the code as a script and collect output and figures."""
    with captured_output() as out:
        try:
            with time_limit(bundle.get("time_limit", 10)):
                _, error = execute_student_code(code, name="__main__")
        except (KeyboardInterrupt, Stopped) as exc:
            error = _stopped_error(exc, bundle.get("time_limit", 10))
        figures = _collect_figures()
    return {"stdout": out.getvalue(), "error": error, "figures": figures}


def _collect_figures() -> list[str]:
    """Base64 PNGs of the open matplotlib figures (then closed), if matplotlib is in use."""
    if "matplotlib.pyplot" not in sys.modules:
        return []
    import base64

    plt = sys.modules["matplotlib.pyplot"]
    images = []
    for number in plt.get_fignums():
        buffer = io.BytesIO()
        plt.figure(number).savefig(buffer, format="png", dpi=90, bbox_inches="tight")
        images.append(base64.b64encode(buffer.getvalue()).decode("ascii"))
    plt.close("all")
    return images
