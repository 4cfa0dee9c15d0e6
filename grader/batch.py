"""Collect a class's submissions from files and folders into (student, exercise) jobs.

Standard library only (this module ships to the browser with the rest of the grader).
Inputs, see docs/offline-grading.md:

- `<student>.py`: one exercise's code (needs `--exercise`);
- `<student>.json`: the site's "Download my work" export (`"format": "nprl-work/1"`);
- `<student>.ipynb`: a notebook; a code cell with `metadata["nprl"]["exercise"] = <id>`
  holds the student's code for that exercise (several such cells are joined in order);
- `<folder>/`: one entry per student: `<student>.json|.ipynb|.py` files, or a subfolder
  `<student>/` holding `<exercise_id>.py` files and/or `.json`/`.ipynb` files;
- `results.jsonl` (written by `--out`): already graded results, merged as they are.

A job is a plain dict: {"student", "exercise", "file", "code", "answers", "problem",
"browser"}; `problem` is a reason the job cannot be graded (it then scores 0).
"""

from __future__ import annotations

import json
import os

EXPORT_FORMAT = "nprl-work/1"


class Collection:
    """Jobs, warnings (each naming a file) and whether an input could not be read at all."""

    def __init__(self) -> None:
        self.jobs: list[dict] = []
        self.warnings: list[str] = []
        self.unreadable = False
        self.results: list[dict] = []  # pre-graded results from .jsonl inputs

    def warn(self, path, message: str) -> None:
        self.warnings.append(f"{path}: {message}")


def _job(student, exercise, file, *, code=None, answers=None, problem=None, browser=None):
    return {
        "student": student,
        "exercise": exercise,
        "file": str(file),
        "code": code,
        "answers": answers,
        "problem": problem,
        "browser": browser,
    }


def read_text(path) -> tuple[str | None, str | None]:
    """(text, None) or (None, why not), for a submission file."""
    if not os.path.isfile(path):
        return None, f"{path}: no such file"
    with open(path, "rb") as f:
        data = f.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, f"{path}: not UTF-8 text (invalid byte at position {exc.start})"
    return text.lstrip("\ufeff"), None


def _stem(path) -> str:
    return os.path.splitext(os.path.basename(os.fspath(path).rstrip("/")))[0]


def _py(out: Collection, path, student: str, exercise: str | None) -> None:
    if exercise is None:
        out.warn(
            path,
            "cannot tell which exercise this is: pass --exercise, or name it "
            "<folder>/<student>/<exercise_id>.py",
        )
        return
    text, problem = read_text(path)
    if problem is None and not text.strip():
        problem = f"{path}: the file is empty"
    out.jobs.append(_job(student, exercise, path, code=text, problem=problem))


def _browser_verdict(last) -> dict | None:
    if type(last) is not dict:
        return None
    keep = {k: last.get(k) for k in ("score", "max_score", "passed")}
    return keep if any(v is not None for v in keep.values()) else None


MAX_STUDENT = 80


class Note(str):
    """A warning about an input that is still graded (it does not make the input unreadable)."""


def clean_student(name) -> str | None:
    """The export's `student` as a gradebook row name: one line of printable text, runs of
    white space as one space, at most MAX_STUDENT characters; None if nothing is left."""
    if type(name) is not str:
        return None
    text = "".join(ch if ch.isprintable() else " " for ch in name)
    text = " ".join(text.split())[:MAX_STUDENT].strip()
    return text or None


def parse_export(
    text: str, path, student: str, only: str | None, *, named_by_file: bool = True
) -> tuple[list, list[str]]:
    """Jobs of one "Download my work" JSON export, and problems naming the file.

    The export's own `student` (the name the student typed on the site) wins over a name
    taken from the file name; inside a student's folder (`named_by_file=False`) the folder
    name stays and a different `student` is only reported.
    """
    try:
        data = json.loads(text)
    except ValueError as exc:
        return [], [f"{path}: not valid JSON ({exc})"]
    if type(data) is not dict or data.get("format") != EXPORT_FORMAT:
        got = data.get("format") if type(data) is dict else type(data).__name__
        return [], [f"{path}: not a 'Download my work' file (format {got!r}, "
                    f"expected {EXPORT_FORMAT!r})"]  # fmt: skip
    exercises = data.get("exercises")
    if type(exercises) is not dict:
        return [], [f"{path}: key 'exercises' must be an object of exercise id -> work"]
    jobs, problems = [], []
    if "student" in data:
        named = clean_student(data["student"])
        if named is None:
            problems.append(
                Note(
                    f"{path}: key 'student' must be a non-empty string, got "
                    f"{data['student']!r}; graded as {student!r} (from the file name)"
                )
            )
        elif named_by_file:
            student = named
        elif named != student:
            problems.append(
                Note(
                    f"{path}: the export names the student {named!r}; graded as {student!r} "
                    "(the folder it is in)"
                )
            )
    for ex_id in sorted(exercises):
        if only is not None and ex_id != only:
            continue
        work = exercises[ex_id]
        if type(work) is not dict:
            problems.append(f"{path}: exercises.{ex_id} must be an object")
            continue
        code, answers = work.get("code"), work.get("answers")
        if code is not None and type(code) is not str:
            problems.append(f"{path}: exercises.{ex_id}.code must be a string")
            continue
        if answers is not None and type(answers) is not dict:
            problems.append(f"{path}: exercises.{ex_id}.answers must be an object")
            continue
        if code is None and answers is None:
            continue  # opened but never worked on
        jobs.append(
            _job(
                student,
                ex_id,
                path,
                code=code,
                answers=answers,
                browser=_browser_verdict(work.get("last_result")),
            )  # fmt: skip
        )
    return jobs, problems


def _magic_free(source: str) -> str:
    """Comment out IPython magics and shell escapes (`%...`, `!...`), keeping line numbers."""
    lines = source.split("\n")
    return "\n".join(
        "# " + line if line.lstrip().startswith(("%", "!")) else line for line in lines
    )


def parse_notebook(text: str, path, student: str, only: str | None) -> tuple[list, list[str]]:
    """Jobs of one notebook: code cells tagged `metadata.nprl.exercise`."""
    try:
        nb = json.loads(text)
    except ValueError as exc:
        return [], [f"{path}: not a valid notebook (JSON error: {exc})"]
    cells = nb.get("cells") if type(nb) is dict else None
    if type(cells) is not list:
        return [], [f"{path}: not a notebook (no 'cells' list)"]
    found: dict[str, list[str]] = {}
    for i, cell in enumerate(cells):
        if type(cell) is not dict:
            continue
        meta = cell.get("metadata") if type(cell.get("metadata")) is dict else {}
        tag = meta.get("nprl")
        if type(tag) is not dict or "exercise" not in tag:
            continue
        ex_id = tag["exercise"]
        if type(ex_id) is not str or not ex_id:
            return [], [f"{path}: cell {i}: metadata nprl.exercise must be an exercise id"]
        if cell.get("cell_type") != "code":
            return [], [f"{path}: cell {i} is tagged for {ex_id!r} but is not a code cell"]
        source = cell.get("source", "")
        source = "".join(source) if type(source) is list else source
        if type(source) is not str:
            return [], [f"{path}: cell {i}: source must be text"]
        found.setdefault(ex_id, []).append(source)
    if not found:
        return [], [f"{path}: no code cell carries metadata nprl.exercise (nothing to grade)"]
    jobs = []
    for ex_id in sorted(found):
        if only is None or ex_id == only:
            code = _magic_free("\n\n".join(found[ex_id]))
            jobs.append(_job(student, ex_id, path, code=code))
    return jobs, []


def _container(out: Collection, path, student: str, only: str | None, parse) -> None:
    text, problem = read_text(path)
    if problem is not None:
        out.warn(path, problem.split(": ", 1)[1])
        out.unreadable = True
        return
    jobs, problems = parse(text, path, student, only)
    out.jobs += jobs
    for p in problems:
        out.warnings.append(str(p))
        if not isinstance(p, Note):
            out.unreadable = True


def _results_file(out: Collection, path) -> None:
    text, problem = read_text(path)
    if problem is not None:
        out.warn(path, problem.split(": ", 1)[1])
        out.unreadable = True
        return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            out.warn(path, f"line {n}: not JSON ({exc})")
            out.unreadable = True
            continue
        if type(row) is not dict or not {"student", "exercise", "score", "max_score"} <= set(row):
            out.warn(path, f"line {n}: not a graded result (needs student, exercise, score)")
            out.unreadable = True
            continue
        out.results.append(row)


def _hidden(name: str) -> bool:
    return name.startswith((".", "__"))


def _student_folder(out: Collection, folder, student: str, only: str | None) -> None:
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if _hidden(name):
            continue
        ext = os.path.splitext(name)[1]
        if os.path.isdir(path):
            out.warn(path, "nested folders are not read (expected <student>/<exercise_id>.py)")
        elif ext == ".py":
            ex_id = _stem(name)
            if only is None or ex_id == only:
                _py(out, path, student, ex_id)
        elif ext == ".json":
            _container(out, path, student, only, _export_in_folder)
        elif ext == ".ipynb":
            _container(out, path, student, only, parse_notebook)
        else:
            out.warn(path, "ignored (not a .py, .json or .ipynb file)")


def _export_in_folder(text: str, path, student: str, only: str | None):
    return parse_export(text, path, student, only, named_by_file=False)


def _class_folder(out: Collection, folder, only: str | None) -> None:
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if _hidden(name):
            continue
        ext = os.path.splitext(name)[1]
        if os.path.isdir(path):
            _student_folder(out, path, name, only)
        elif ext == ".py":
            _py(out, path, _stem(name), only)
        elif ext == ".json":
            _container(out, path, _stem(name), only, parse_export)
        elif ext == ".ipynb":
            _container(out, path, _stem(name), only, parse_notebook)
        elif ext == ".jsonl":
            _results_file(out, path)
        else:
            out.warn(path, "ignored (not a .py, .json, .ipynb or .jsonl file, nor a folder)")


def collect(paths, exercise: str | None = None) -> Collection:
    """Every (student, exercise) job found in `paths`, in input order (folders sorted)."""
    out = Collection()
    for raw in paths:
        path = os.fspath(raw)
        ext = os.path.splitext(path)[1]
        if os.path.isdir(path):
            _class_folder(out, path, exercise)
        elif ext == ".json":
            _container(out, path, _stem(path), exercise, parse_export)
        elif ext == ".ipynb":
            _container(out, path, _stem(path), exercise, parse_notebook)
        elif ext == ".jsonl":
            _results_file(out, path)
        elif not os.path.exists(path):
            out.unreadable = True
            if ext == ".py" and exercise is not None:
                out.jobs.append(_job(_stem(path), exercise, path, problem=f"{path}: no such file"))
            else:
                out.warn(path, "no such file or folder")
        else:
            _py(out, path, _stem(path), exercise)
    return out


def duplicates(jobs: list[dict]) -> list[dict]:
    """Turn a second submission of one (student, exercise) into a problem naming both files."""
    seen: dict[tuple, dict] = {}
    for job in jobs:
        key = (job["student"], job["exercise"])
        first = seen.get(key)
        if first is None:
            seen[key] = job
            continue
        first["problem"] = (
            f"{first['file']}: two submissions for {job['exercise']!r} by {job['student']!r} "
            f"({first['file']} and {job['file']}); keep one"
        )
    return [j for j in jobs if seen[(j["student"], j["exercise"])] is j]
