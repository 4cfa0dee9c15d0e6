"""The code on a lesson page, and proof that it does what the page says it does.

Rules (kit contract, section 5):

- every ```python block of ``content/<slug>.md`` runs, in page order, in one namespace per
  page;
- a ```output block directly after a python block (blank lines between are fine) must equal
  what that block printed, ignoring trailing spaces on each line and trailing blank lines;
- a python block whose first line is ``# raises: <ExceptionName>`` must raise that
  exception (or a subclass of it); the page then continues with the next block;
- ```text blocks (and any other language) do not run.

``page_steps`` reads the blocks (the builder and the test share it); ``run_page`` runs them
in a fresh CPython process (isolated: print options, random state and matplotlib stay
there; MPLBACKEND=Agg) and ``page_failures`` turns the outcomes into messages that name the
page, the block's line and show expected against got. ``run_steps_source`` is the executor
as Python source, so the same code can run the blocks inside Pyodide.

    python -m builder.lesson_code content/03-activation-functions.md   # check pages by hand
"""

from __future__ import annotations

import inspect
import json
import os
import re
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

RUNS = "python"
OUTPUT = "output"
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_RAISES = re.compile(r"^#\s*raises\s*:\s*(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*$")
_LOOKS_LIKE_RAISES = re.compile(r"^#\s*raises\b", re.I)
_MARK = "@@lesson-code@@ "


class LessonCodeError(Exception):
    """A page's code blocks are malformed (the message names the page and the line)."""


@dataclass
class Block:
    """One fenced block: its language, the line of its opening fence, its text."""

    lang: str
    line: int  # 1-based line of the opening fence
    end: int  # 1-based line of the closing fence
    text: str


@dataclass
class Step:
    """A python block to run, with what the page promises about it."""

    line: int  # the opening fence; the code starts on the next line
    code: str
    raises: str | None = None  # exception class name from `# raises: <Name>`
    output: str | None = None  # text of the ```output block after it, if any
    output_line: int | None = None


def find_blocks(text: str, *, where: str) -> list[Block]:
    """Every fenced block of a Markdown text, in order (an unclosed fence is an error)."""
    blocks: list[Block] = []
    lines = text.splitlines()
    n = 0
    while n < len(lines):
        m = _FENCE.match(lines[n])
        if not m:
            n += 1
            continue
        indent, fence = len(m.group("indent").expandtabs()), m.group("fence")
        info = m.group("info").strip()
        lang = info.split()[0].strip("{}.").lower() if info else ""
        start, body = n, []
        n += 1
        while n < len(lines):
            close = _FENCE.match(lines[n])
            if (
                close
                and close.group("fence")[0] == fence[0]
                and len(close.group("fence")) >= len(fence)
                and not close.group("info").strip()
            ):
                break
            body.append(_strip_indent(lines[n], indent))
            n += 1
        else:
            raise LessonCodeError(f"{where}:{start + 1}: code fence {fence} is never closed")
        blocks.append(Block(lang, start + 1, n + 1, "\n".join(body) + ("\n" if body else "")))
        n += 1
    return blocks


def _strip_indent(line: str, indent: int) -> str:
    line = line.expandtabs()
    return line[min(indent, len(line) - len(line.lstrip(" "))) :]


def page_steps(text: str, *, where: str) -> list[Step]:
    """The python blocks of a page, each with its expected output and exception."""
    lines = text.splitlines()
    steps: list[Step] = []
    previous: Block | None = None
    errors: list[str] = []
    for block in find_blocks(text, where=where):
        if block.lang == RUNS:
            first = block.text.split("\n", 1)[0].strip()
            raises = None
            if _LOOKS_LIKE_RAISES.match(first):
                m = _RAISES.match(first)
                if m is None:
                    errors.append(
                        f"{where}:{block.line + 1}: expected `# raises: <ExceptionName>`, "
                        f"got {first!r}"
                    )
                else:
                    raises = m.group("name")
            steps.append(Step(block.line, block.text, raises))
        elif block.lang == OUTPUT:
            between = lines[previous.end : block.line - 1] if previous else []
            if previous is None or previous.lang != RUNS or any(s.strip() for s in between):
                errors.append(
                    f"{where}:{block.line}: an ```output block must come directly after a "
                    "```python block (only blank lines between)"
                )
            else:
                steps[-1].output, steps[-1].output_line = block.text, block.line
        previous = block
    if errors:
        raise LessonCodeError("\n".join(errors))
    return steps


def normalize_output(text: str) -> str:
    """Output as compared: trailing spaces of each line and trailing blank lines dropped."""
    return "\n".join(line.rstrip() for line in text.rstrip().splitlines())


# --------------------------------------------------------------------------- running


def run_steps(payload: str, where: str, timeout: float) -> str:
    """Run the steps (JSON list of {line, code}) in one namespace; JSON list of outcomes.

    Self-contained (standard library only, imports inside) so that its source also runs in
    Pyodide. Each outcome: ``stdout``, ``error`` (None or {"names": [class and its bases],
    "text": "Name: message", "traceback": ...}). Running stops after the first block whose
    exception was not announced by `# raises:` (``stopped`` in the next outcomes).
    """
    import contextlib
    import io
    import json
    import linecache
    import signal
    import sys
    import threading
    import time
    import traceback

    steps = json.loads(payload)
    source_lines: list[str] = []
    for step in steps:  # tracebacks show the page's own lines, numbered as in the .md
        first = step["line"] + 1
        while len(source_lines) < first - 1:
            source_lines.append("\n")
        source_lines[first - 1 :] = step["code"].splitlines(keepends=True)
    linecache.cache[where] = (0, None, source_lines, where)

    alarms = []

    def on_alarm(signum, frame):
        alarms.append(signum)
        raise TimeoutError(f"the block ran longer than {timeout:g} s")

    can_alarm = (
        sys.platform != "emscripten"
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    try:  # global state a page may change, put back afterwards (Pyodide runs many pages)
        import numpy

        saved = numpy.get_printoptions(), numpy.geterr()
    except ImportError:
        numpy = saved = None
    namespace = {"__name__": "__main__", "__builtins__": __builtins__}
    outcomes, stopped = [], False
    for step in steps:
        if stopped:
            outcomes.append({"stdout": "", "error": None, "stopped": True, "seconds": 0.0})
            continue
        out = io.StringIO()
        error = None
        start = time.perf_counter()
        alarms.clear()
        try:
            code = compile("\n" * step["line"] + step["code"], where, "exec")
            if can_alarm:
                previous = signal.signal(signal.SIGALRM, on_alarm)
                signal.setitimer(signal.ITIMER_REAL, timeout)
            try:
                with contextlib.redirect_stdout(out):
                    exec(code, namespace)
            finally:
                if can_alarm:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                    signal.signal(signal.SIGALRM, previous)
        except BaseException as exc:  # noqa: BLE001 - every failure is reported, none escapes
            if isinstance(exc, KeyboardInterrupt):
                raise
            tb = exc.__traceback__
            while tb is not None and tb.tb_frame.f_code.co_filename != where:
                tb = tb.tb_next  # start at the page's own frame
            error = {
                "names": [c.__name__ for c in type(exc).__mro__],
                "text": "".join(traceback.format_exception_only(type(exc), exc)).strip(),
                "traceback": "".join(traceback.format_exception(type(exc), exc, tb or None)),
                "timeout": bool(alarms),
            }
            if alarms or step.get("raises") not in error["names"]:
                stopped = True
        seconds = round(time.perf_counter() - start, 3)
        outcomes.append(
            {"stdout": out.getvalue(), "error": error, "stopped": False, "seconds": seconds}
        )
    if numpy is not None:
        numpy.set_printoptions(**saved[0])
        numpy.seterr(**saved[1])
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
    return json.dumps(outcomes)


def run_steps_source() -> str:
    """The executor's source, to define ``run_steps`` in another interpreter (Pyodide)."""
    return "from __future__ import annotations\n" + textwrap.dedent(inspect.getsource(run_steps))


def steps_json(steps: list[Step]) -> str:
    return json.dumps([{"line": s.line, "code": s.code, "raises": s.raises} for s in steps])


def run_page(
    steps: list[Step], *, where: str, timeout: float = 60.0, cwd: Path | None = None
) -> list[dict]:
    """Run a page's steps in a fresh CPython (MPLBACKEND=Agg); one outcome per step."""
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONHASHSEED": "0"}
    repo = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (repo, env.get("PYTHONPATH")) if p)
    argv = [sys.executable, "-m", "builder.lesson_code", "--run-json", where, str(timeout)]
    limit = timeout * max(1, len(steps)) + 30  # the per-block alarm normally fires first
    try:
        proc = subprocess.run(
            argv,
            input=steps_json(steps),
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            cwd=cwd,
            timeout=limit,
        )
    except subprocess.TimeoutExpired:
        raise LessonCodeError(f"{where}: the page's code ran longer than {limit:g} s") from None
    if proc.returncode != 0:
        raise LessonCodeError(
            f"{where}: the block runner exited with code {proc.returncode}:\n{proc.stderr[-3000:]}"
        )
    marked = proc.stdout.rpartition(_MARK)[2]
    if not marked:
        raise LessonCodeError(f"{where}: the block runner gave no result:\n{proc.stderr[-3000:]}")
    return json.loads(marked)


def page_failures(steps: list[Step], outcomes: list[dict], *, where: str) -> list[str]:
    """What the page promises against what its blocks did, as one message per broken block."""
    failures = []
    for step, outcome in zip(steps, outcomes, strict=True):
        head = f"{where}:{step.line}: python block"
        error = outcome["error"]
        if outcome["stopped"]:
            failures.append(f"{head}: not run (an earlier block failed)")
            continue
        if error and error.get("timeout"):
            failures.append(f"{head}: {error['text']}")
            continue
        if step.raises and error is None:
            failures.append(
                f"{head}: expected it to raise {step.raises} (its `# raises:` line), "
                "but it ran without an exception"
            )
        elif error and step.raises not in error["names"]:
            expected = f"expected {step.raises}, got" if step.raises else "raised"
            failures.append(f"{head}: {expected} {error['text']}\n{error['traceback'].rstrip()}")
        if step.output is not None:
            want, got = normalize_output(step.output), normalize_output(outcome["stdout"])
            if want != got:
                failures.append(
                    f"{head}: printed output differs from the ```output block at line "
                    f"{step.output_line}\n--- expected\n{want}\n--- got\n{got}\n---"
                )
    return failures


def check_page(path: Path, *, root: Path, timeout: float = 60.0) -> list[str]:
    """Run one page's blocks in CPython; the failure messages (empty: the page is proven)."""
    where = _rel(path, root)
    steps = page_steps(path.read_text(encoding="utf-8"), where=where)
    if not steps:
        return []
    return page_failures(
        steps, run_page(steps, where=where, timeout=timeout, cwd=root), where=where
    )


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    """python -m builder.lesson_code PAGE.md ...: run each page's blocks, print failures."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--run-json"]:  # the child side of run_page
        where, timeout = argv[1], float(argv[2])
        result = run_steps(sys.stdin.read(), where, timeout)
        sys.stdout.write(f"\n{_MARK}{result}\n")  # after anything a block wrote past print
        return 0
    if not argv:
        print(main.__doc__, file=sys.stderr)
        return 2
    root = Path(__file__).resolve().parent.parent
    status = 0
    for name in argv:
        try:
            failures = check_page(Path(name), root=root)
        except (LessonCodeError, OSError) as exc:
            failures = [str(exc)]
        for failure in failures:
            print(failure)
        status |= bool(failures)
        if not failures:
            print(f"{name}: ok")
    return status


if __name__ == "__main__":
    sys.exit(main())
