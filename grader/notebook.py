"""Check exercises from a Jupyter notebook (JupyterLite in the browser, or a local Jupyter).

The generated course notebooks put each exercise in a code cell of its own (cell metadata
``{"nprl": {"exercise": "<id>"}}``, first line ``# Exercise <id>: ...``) followed by a check
cell::

    from grader.notebook import check
    check("softmax")

``check`` finds the most recently *run* cell that holds the exercise (IPython's input
history), grades its source with ``grader.check`` exactly as the site does, and prints
the same report the site shows: the score line, the error (with the student's line),
the printed output and one line per hidden test.

Exercise bundles (the JSON the site ships) are found, first hit wins, in:

1. the file or ``exercises/`` folder named by the environment variable ``NPRL_EXERCISES``;
2. ``exercises.json`` in the current folder or one of its parents (download it next to
   the notebook from the site's ``notebooks/`` folder);
3. the ``nprl_exercises`` package (preinstalled in the site's JupyterLite);
4. an ``exercises/`` folder of exercise specs in the current folder or a parent (a checkout
   of the course repository; needs PyYAML).

Only the standard library is imported at module level (the module runs in Pyodide too).
Module globals are never rebound after import: the grader's anti-tamper baseline covers
every ``grader.*`` module, so the bundle cache is a dict filled in place.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

__all__ = ["check", "grade", "format_result", "find_cell_source", "load_bundle", "MARKER"]

# The first line of every generated exercise cell: "# Exercise softmax: ...".
MARKER = re.compile(r"^#\s*Exercise\s+([a-z][a-z0-9_]*)\s*:", re.MULTILINE)
# Any check call, so a check cell is never mistaken for the exercise cell.
_CHECK_CALL = re.compile(r"\bcheck\s*\(")

_CACHE: dict = {}  # "bundles" -> {id: bundle}, "source" -> where they came from


class NotebookError(Exception):
    """The exercise or the student's cell cannot be found; the message says what to do."""


# --------------------------------------------------------------------------- bundles


def _read_json_bundles(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as exc:  # (UnicodeError is a ValueError)
        raise NotebookError(f"{path}: cannot read the exercise bundles ({exc})") from exc
    exercises = data.get("exercises") if isinstance(data, dict) else None
    if not isinstance(exercises, dict):
        raise NotebookError(f"{path}: expected {{'exercises': {{id: bundle}}}} at the top level")
    return exercises


def _load_folder(folder: Path) -> dict:
    from grader.spec import browser_bundle, load_all

    bundles, problems = load_all(folder)
    if problems:
        raise NotebookError(
            f"{folder}: some exercise specs are invalid:\n" + "\n".join(str(p) for p in problems)
        )
    return {b["id"]: browser_bundle(b) for b in bundles}


def _load_from(path: Path) -> dict:
    return _load_folder(path) if path.is_dir() else _read_json_bundles(path)


def _parents(start: Path):
    start = start.resolve()
    yield start
    yield from start.parents


def _discover() -> tuple[dict, str]:
    env = os.environ.get("NPRL_EXERCISES")
    if env:
        path = Path(env)
        if not path.exists():
            raise NotebookError(f"NPRL_EXERCISES={env}: no such file or folder")
        return _load_from(path), str(path)
    for folder in _parents(Path.cwd()):
        candidate = folder / "exercises.json"
        if candidate.is_file():
            return _read_json_bundles(candidate), str(candidate)
    try:
        from importlib import resources

        ref = resources.files("nprl_exercises").joinpath("exercises.json")
        text = ref.read_text(encoding="utf-8")
    except (ImportError, OSError):
        text = None
    if text is not None:
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise NotebookError(
                f"the nprl_exercises package: broken exercises.json ({exc})"
            ) from exc
        if not isinstance(data, dict) or not isinstance(data.get("exercises"), dict):
            raise NotebookError("the nprl_exercises package: expected {'exercises': {id: bundle}}")
        return data["exercises"], "the nprl_exercises package"
    for folder in _parents(Path.cwd()):
        candidate = folder / "exercises"
        if candidate.is_dir() and any(candidate.glob("*/*/spec.yaml")):
            return _load_folder(candidate), str(candidate)
    raise NotebookError(
        "No exercise bundles found. Put exercises.json (from the course site's notebooks/ "
        "folder) next to this notebook, or set NPRL_EXERCISES to its path."
    )


def load_bundle(exercise_id: str) -> dict:
    """The bundle of one exercise (what the site sends the grader as `exercise`)."""
    if "bundles" not in _CACHE:
        bundles, source = _discover()
        _CACHE["bundles"] = bundles
        _CACHE["source"] = source
    bundles = _CACHE["bundles"]
    if exercise_id not in bundles:
        raise NotebookError(
            f"Unknown exercise {exercise_id!r} (bundles from {_CACHE['source']}; "
            f"{len(bundles)} exercises known)."
        )
    return bundles[exercise_id]


# --------------------------------------------------------------------------- the cell


def _defines(source: str, names) -> bool:
    """Does `source` define (def/class/assign) at least one of `names` at top level?"""
    import ast

    try:
        tree = ast.parse(source)
    except SyntaxError:
        # Broken code may still be the student's attempt: match on the text.
        return any(re.search(rf"^\s*(def|class)\s+{re.escape(n)}\b", source, re.M) for n in names)
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if node.name in names:
                return True
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id in names for t in targets):
                return True
    return False


def find_cell_source(bundle: dict, history) -> str | None:
    """The latest entry of `history` (oldest first) that holds this exercise's code.

    A cell marked ``# Exercise <id>:`` belongs to that exercise; an unmarked cell that
    defines one of the exercise's functions (a student's own cell) counts too. Check
    cells and cells marked for another exercise never do.
    """
    ex_id = bundle.get("id")
    names = list(bundle.get("function_names") or [])
    if bundle.get("kind") == "quiz":
        names = []  # `answers` is shared by every quiz: only the marker decides
    for source in reversed(list(history)):
        if not isinstance(source, str) or not source.strip():
            continue
        marks = MARKER.findall(source)
        if marks:
            if ex_id in marks:
                return source
            continue
        if _CHECK_CALL.search(source):
            continue
        if names and _defines(source, names):
            return source
    return None


def _ipython_history() -> list[str]:
    try:
        from IPython import get_ipython
    except ImportError:
        get_ipython = None
    shell = get_ipython() if get_ipython else None
    if shell is None:
        raise NotebookError(
            "check() reads your code from the notebook's history, which needs IPython "
            "(Jupyter). Outside a notebook, pass the code: check(exercise_id, code)."
        )
    history = list(getattr(shell.history_manager, "input_hist_raw", None) or [])
    if not history:
        history = list(shell.user_ns.get("In", []))
    return history[:-1]  # the last entry is the cell running check() right now


# --------------------------------------------------------------------------- grading


def grade(exercise_id: str, code: str | None = None) -> dict:
    """Grade one exercise; `code` defaults to the latest run cell of that exercise."""
    import grader

    bundle = load_bundle(exercise_id)
    if code is None:
        code = find_cell_source(bundle, _ipython_history())
        if code is None:
            raise NotebookError(
                f"No cell for exercise {exercise_id!r} has been run yet: run the exercise "
                "cell above (the one starting with "
                f"'# Exercise {exercise_id}:'), then run this check cell again."
            )
    return grader.check({"action": "check", "exercise": bundle, "code": code})


def format_result(result: dict, code: str = "") -> str:
    """The site's result panel as plain text: summary, error, output, one line per test."""
    lines = []
    max_score = result.get("max_score") or 0
    if result.get("passed"):
        lines.append(f"All tests passed: {result.get('score')}/{max_score} points.")
    else:
        lines.append(f"Not yet: {result.get('score') or 0}/{max_score} points.")
    error = result.get("error")
    if error:
        title = error.get("title") or "Error"
        if error.get("line"):
            title += f" on line {error['line']}"
        lines += ["", title]
        if error.get("line") and code:
            code_lines = code.split("\n")
            if 0 < error["line"] <= len(code_lines):
                lines.append(f"  {error['line']} | {code_lines[error['line'] - 1]}")
        if error.get("message"):
            lines.append(error["message"])
        if error.get("hint"):
            lines.append(error["hint"])
        if error.get("traceback"):
            lines += ["Traceback:", error["traceback"].rstrip("\n")]
    if result.get("stdout"):
        lines += ["", "Output", result["stdout"].rstrip("\n")]
    tests = result.get("tests") or []
    if tests:
        lines.append("")
    for t in tests:
        earned = t.get("score", t["points"] if t.get("passed") else 0)  # quiz: partial credit
        mark = "✓" if t.get("passed") else "✗"
        lines.append(f"{mark} {t.get('description') or t.get('name')}  {earned}/{t['points']} pt")
        if not t.get("passed") and t.get("message"):
            lines += ["    " + m for m in str(t["message"]).split("\n")]
    return "\n".join(lines)


def check(exercise_id: str, code: str | None = None) -> None:
    """Grade the exercise's latest run cell (or `code`) and print the site's report."""
    try:
        bundle = load_bundle(exercise_id)
        if code is None:
            code = find_cell_source(bundle, _ipython_history())
        result = grade(exercise_id, code)
    except NotebookError as exc:
        print(f"Cannot check {exercise_id!r}: {exc}")
        return
    print(format_result(result, code or ""))
