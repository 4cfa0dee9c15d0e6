"""Command line: `python -m grader validate [PATH]` and `python -m grader grade ...`."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from .errors import SpecError


def _error_result(bundle: dict, file: str, title: str, message: str) -> dict:
    return {
        "exercise": bundle["id"],
        "file": file,
        "score": 0,
        "max_score": bundle["points"],
        "passed": False,
        "tests": [],
        "error": {"title": title, "message": message, "hint": "", "line": None, "traceback": ""},
        "stdout": "",
    }


def find_bundle(exercise_id: str, root="exercises") -> dict:
    """Load the exercise with this id; SpecError if unknown or broken."""
    from .spec import ExerciseError, find_exercises, load_exercise

    folders = {f.name: f for f in find_exercises(root)}
    if exercise_id not in folders:
        import difflib

        close = difflib.get_close_matches(exercise_id, folders, n=3)
        extra = f" (did you mean {', '.join(close)}?)" if close else ""
        raise SpecError(root, f"no exercise with id {exercise_id!r}{extra}")
    try:
        return load_exercise(folders[exercise_id])
    except ExerciseError as exc:
        raise SpecError(folders[exercise_id], f"the exercise is broken:\n{exc}") from None


def read_submission(path: Path) -> tuple[str | None, str | None]:
    """(source, None) or (None, why it cannot be graded)."""
    if not path.is_file():
        return None, f"{path}: no such file"
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, f"{path}: not UTF-8 text (invalid byte at position {exc.start})"
    if not text.strip():
        return None, f"{path}: the file is empty"
    return text.lstrip("\ufeff"), None


def grade_isolated(bundle: dict, code: str, *, timeout: float | None = None) -> dict:
    """Grade one submission in a child process, so a runaway or crashing one cannot hang us."""
    limit = bundle.get("time_limit", 10)
    read_fd, write_fd = os.pipe()
    request = json.dumps({"action": "check", "exercise": bundle, "code": code})
    env = {**os.environ, "GRADER_RESULT_FD": str(write_fd)}
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "grader", "_check"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            pass_fds=(write_fd,),
            env=env,
        )
    finally:
        os.close(write_fd)
    with os.fdopen(read_fd, "rb") as channel:
        try:
            _, stderr = proc.communicate(request.encode(), timeout=timeout or limit + 15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            return {
                **_error_result(
                    bundle, "", "Time limit exceeded", f"Grading did not finish within {limit:g} s."
                ),
                "file": None,
            }
        payload = channel.read()
    try:
        result = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        tail = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        return _error_result(
            bundle,
            "",
            "Grading crashed",
            f"The grading process ended with status {proc.returncode} ({tail[0]}).",
        )
    return result


def _child_check() -> int:
    """Body of `python -m grader _check`: request on stdin, result on a private pipe."""
    fd = int(os.environ.pop("GRADER_RESULT_FD"))
    channel = os.fdopen(fd, "w", encoding="utf-8")
    from . import check

    request = json.loads(sys.stdin.read())
    result = check(request)
    channel.write(json.dumps(result, sort_keys=True))
    channel.close()
    return 0


def _print_human(result: dict) -> None:
    print(
        f"{result['file']}: {result['score']}/{result['max_score']}"
        f"{' PASSED' if result['passed'] else ''}"
    )
    if result["error"]:
        print(f"  error: {result['error']['title']}: {result['error']['message']}")
    for test in result["tests"]:
        mark = "ok  " if test["passed"] else "FAIL"
        print(f"  {mark} {test['name']} ({test['points']} pt)")
        if not test["passed"]:
            print("       " + test["message"].replace("\n", "\n       "))


def grade_command(args) -> int:
    try:
        bundle = find_bundle(args.exercise, args.root)
    except SpecError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    status = 0
    for name in args.files:
        source, problem = read_submission(Path(name))
        if problem:
            result = _error_result(bundle, name, "Cannot grade this file", problem)
            status = status or (2 if not Path(name).exists() else 0)
        else:
            result = grade_isolated(bundle, source)
        result["file"] = name
        if args.json:
            print(json.dumps(result, sort_keys=True), flush=True)
        else:
            _print_human(result)
    return status


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m grader", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check every spec and prove every exercise")
    v.add_argument("path", nargs="?", default="exercises")
    v.add_argument("--strict", action="store_true", help="treat warnings as errors")
    v.add_argument("--pyodide", action="store_true", help="also prove parity in real Pyodide")
    g = sub.add_parser("grade", help="grade submissions of one exercise")
    g.add_argument("--exercise", required=True, help="exercise id, e.g. softmax")
    g.add_argument("files", nargs="+", help="submission .py files")
    g.add_argument("--json", action="store_true", help="one JSON object per file, per line")
    g.add_argument("--root", default="exercises", help="the exercises folder")
    sub.add_parser("_check", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.command == "validate":
        from .validate import validate

        return validate(args.path, strict=args.strict, pyodide=args.pyodide)
    if args.command == "_check":
        return _child_check()
    return grade_command(args)
