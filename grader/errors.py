"""Errors for authors (SpecError, GraderError) and student-facing error data."""

from __future__ import annotations

import traceback

#: The file name student code is compiled under; tracebacks keep only these frames.
STUDENT_FILE = "<your code>"

_MAX_REPR = 300


class SpecError(Exception):
    """A problem in an exercise's files, printed as one line naming file and key."""

    def __init__(self, path: str, message: str, *, key: str | None = None):
        self.path = str(path)
        self.key = key
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}: key '{self.key}'" if self.key else self.path
        return f"{where}: {self.message}"


class GraderError(Exception):
    """A bug in the grader or in an exercise's hidden tests (not the student's fault)."""


class Stopped(BaseException):
    """Raised inside student code when its time limit is reached."""


def error_data(
    title: str, message: str, hint: str = "", *, line: int | None = None, traceback: str = ""
) -> dict:
    """The error a student sees: title, message, hint, their line, their traceback."""
    return {"title": title, "message": message, "hint": hint, "line": line, "traceback": traceback}


# What a student sees when their code changed a module the grader relies on (the guard
# voided the verdict): the browser's check and the offline judge say the same.
TAMPERED = (
    "Grader modified",
    "Your code changed NumPy, the standard library, builtins or the grader while it was "
    "being checked, so no points can be given.",
    "Define your functions without patching other modules.",
)


def shorten(text: str, limit: int = _MAX_REPR) -> str:
    """Shorten a long string to `limit` characters, keeping both ends."""
    if len(text) <= limit:
        return text
    half = (limit - 5) // 2
    return f"{text[:half]} ... {text[-half:]}"


# Lines of a test's message that must survive shortening: what was expected and what came.
_KEY_LINE_WORDS = ("expected", "got", "received", "yours", "your ", "reference", "want")


def _is_key_line(line: str) -> bool:
    return line.strip().lower().startswith(_KEY_LINE_WORDS)


def shorten_message(text: str, limit: int = 1000) -> str:
    """Shorten a test's message to about `limit` characters without losing what matters.

    The first line (what failed) and the lines that give the expected and received values
    are kept, each shortened in its middle only if it is itself too long; other lines are
    dropped first. `shorten` would cut the middle of the whole text and lose "expected".
    """
    if len(text) <= limit:
        return text
    head, *rest = text.split("\n")
    key = [i for i, line in enumerate(rest) if _is_key_line(line)]
    head = shorten(head, max(limit // 2, limit - 200 * len(key) - 10))
    room = max(limit - len(head) - 1, 80 * len(key))
    lines = [head]
    if key:
        each = max(room // len(key) - 1, 60)
        dropped = False
        for i, line in enumerate(rest):
            if i in key:
                lines.append(_shorten_value_line(line, each))
            elif not dropped:
                lines.append("  ...")
                dropped = True
        if len(rest) == len(key):
            lines = [x for x in lines if x != "  ..."]
    else:
        tail = "\n".join(rest)
        if tail:
            lines.append(shorten(tail, max(room, 40)))
    return "\n".join(lines)


def _shorten_value_line(line: str, limit: int) -> str:
    """Shorten `  expected: <value>` in the value, keeping the label whole."""
    if len(line) <= limit:
        return line
    label, sep, value = line.partition(": ")
    if not sep or len(label) > limit // 2:
        return shorten(line, limit)
    return f"{label}{sep}{shorten(value, limit - len(label) - len(sep))}"


class InputNotAvailableError(RuntimeError):
    """Raised by input() (and reads of sys.stdin) while student code runs."""


INPUT_MESSAGE = "input() is not available here: your code runs without a keyboard to read from."
INPUT_HINT = (
    "Give the value in your code instead (for example n = 5), or write a function that "
    "takes it as an argument and call it, e.g. area(3, 4)."
)


def describe_type(value: object) -> str:
    """Name a value's type without calling any of the value's own methods."""
    cls = type(value)
    module = getattr(cls, "__module__", "")
    name = getattr(cls, "__qualname__", "?")
    if not isinstance(name, str):
        name = "?"
    if isinstance(module, str) and module not in ("builtins", "", "__main__", "submission"):
        return f"{module}.{name}"
    return name


_HINTS = {
    "NameError": "Check the spelling, and that the name is defined (or imported) before it is used.",
    "IndexError": "An index is out of range: print the shapes of your arrays before indexing.",
    "KeyError": "A dictionary key is missing: print the keys you have.",
    "TypeError": "A value has a type the operation does not accept: check what each call returns.",
    "ZeroDivisionError": "Something is divided by zero: which denominator can be 0 here?",
    "RecursionError": "A function calls itself without end.",
    "AttributeError": "The object has no such attribute: check its type and the spelling.",
    "NotImplementedError": "Replace the `raise NotImplementedError` of the starter with your code.",
    "SyntaxError": "Look at the marked line and the one before it (a missing bracket or colon?).",
    "IndentationError": "Indent the body of every def/for/if block by 4 spaces, consistently.",
    "UnboundLocalError": "A variable is used before it is assigned in this function.",
    "InputNotAvailableError": INPUT_HINT,
}


def _hint_for(name: str, message: str) -> str:
    if name == "ValueError" and "broadcast" in message:
        return "Two arrays have shapes that do not line up: print `x.shape` of each operand."
    if name == "ValueError" and "matmul" in message:
        return "For A @ B the last axis of A must match the first axis of B: print both shapes."
    return _HINTS.get(name, "")


def student_error(exc: BaseException, *, title: str | None = None) -> dict:
    """Turn an exception from student code into error data with the student's lines only."""
    name = type(exc).__name__
    if isinstance(exc, SyntaxError) and exc.filename == STUDENT_FILE:
        line = exc.lineno
        text = (exc.text or "").rstrip("\n")
        detail = f"line {line}: {exc.msg}"
        tb = f"  line {line}\n    {text.strip()}\n{name}: {exc.msg}" if text else detail
        return error_data(
            title or "Your code does not parse",
            f"{name}: {detail}",
            _hint_for(name, exc.msg or ""),
            line=line,
            traceback=tb,
        )
    message = safe_message(exc)
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == STUDENT_FILE]
    lines = []
    for f in frames:
        where = f"  line {f.lineno}, in {f.name}" if f.name != "<module>" else f"  line {f.lineno}"
        lines.append(where)
        if f.line:
            lines.append(f"    {f.line.strip()}")
    lines.append(f"{name}: {message}" if message else name)
    line = frames[-1].lineno if frames else None
    return error_data(
        title or (f"Error on line {line} of your code" if line else name),
        f"{name}: {message}" if message else name,
        _hint_for(name, message),
        line=line,
        traceback="\n".join(lines),
    )


def safe_message(exc: BaseException) -> str:
    """str(exc) that survives a hostile or broken __str__."""
    try:
        text = str(exc)
    except BaseException:  # noqa: BLE001 - student-defined __str__ may raise anything
        return "<the exception's message could not be shown>"
    if not isinstance(text, str):
        return ""
    return shorten(text)
