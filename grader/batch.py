"""Collect a class's submissions from files and folders into (student, exercise) jobs.

Standard library only (this module ships to the browser with the rest of the grader).
Inputs, see docs/offline-grading.md:

- `<student>.py`: one exercise's code (needs `--exercise`);
- `<student>.json`: the site's "Download my work" export (`"format": "nprl-work/1"`);
- `<student>.ipynb`: a notebook; a code cell with `metadata["nprl"]["exercise"] = <id>`
  holds the student's code for that exercise (several such cells are joined in order);
- `<folder>/`: one entry per student: `<student>.json|.ipynb|.py` files, or a subfolder
  `<student>/` holding `<exercise_id>.py` files and/or `.json`/`.ipynb` files;
- `--merge results.jsonl` (written by `--out`): already graded results, read here and
  validated by `reports.check_record`; a `.jsonl` anywhere else is never merged.

Every input costs only itself: a file that cannot be read (any exception), a symbolic
link, a FIFO or device, a name that is not printable text, or a path resolving outside
its class folder becomes a warning naming it, and everything else is still collected.
Nothing is ever followed, and no read can block (regular files only, opened no-follow).

A job is a plain dict: {"student", "exercise", "file", "code", "answers", "problem",
"browser"}; `problem` is a reason the job cannot be graded (it then scores 0).
"""

from __future__ import annotations

import json
import os
import stat

EXPORT_FORMAT = "nprl-work/1"
MAX_INPUT_BYTES = 64 * 1024 * 1024  # a notebook with its outputs fits; a disk image does not
MAX_CODE_CHARS = 1_000_000  # one exercise's code
MAX_ANSWERS_DEPTH = 20  # quiz answers are flat values and short lists
MERGE_HINT = "earlier results are merged only from a file named with --merge FILE.jsonl"


class Collection:
    """Jobs, warnings (each naming a file) and whether an input could not be read at all."""

    def __init__(self) -> None:
        self.jobs: list[dict] = []
        self.warnings: list[str] = []
        self.unreadable = False
        self.results: list[tuple[str, object]] = []  # ("<file>: line <n>", row) from --merge

    def warn(self, path, message: str) -> None:
        self.warnings.append(f"{path}: {message}")

    def refuse(self, path, message: str) -> None:
        """A warning about an input that is not read at all (the exit status says so)."""
        self.warn(path, message)
        self.unreadable = True


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


# ------------------------------------------------------------------- reading one path


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a special file"


def refusal(path, mode: int) -> str:
    """Why a path that is not a regular file (or folder) is not read: one line."""
    if stat.S_ISLNK(mode):
        return "a symbolic link: refused (links are never followed; pass the file itself)"
    return f"{_kind(mode)}, not a regular file: refused"


def _lstat(path):
    try:
        return os.lstat(path), None
    except FileNotFoundError:
        return None, "no such file"
    except OSError as exc:
        return None, f"cannot be read ({exc.strerror or exc})"


def read_text(path, *, limit: int | None = None) -> tuple[str | None, str | None]:
    """(text, None) or (None, "<path>: why not"), for an input file.

    Only a regular file is read, opened without following a link and without blocking
    (a FIFO or device planted at the path is refused, never opened for reading), at most
    `limit` bytes, decoded as UTF-8 (a leading BOM is dropped).
    """
    limit = MAX_INPUT_BYTES if limit is None else limit
    st, problem = _lstat(path)
    if problem is not None:
        return None, f"{path}: {problem}"
    if not stat.S_ISREG(st.st_mode):
        return None, f"{path}: {refusal(path, st.st_mode)}"
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:  # (ELOOP: it became a link since the lstat)
        return None, f"{path}: cannot be read ({exc.strerror or exc})"
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return None, f"{path}: {refusal(path, st.st_mode)}"
        if st.st_size > limit:
            return (
                None,
                f"{path}: too large ({st.st_size} bytes; inputs of at most {limit} are read)",
            )
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        return None, f"{path}: cannot be read ({exc.strerror or exc})"
    finally:
        os.close(fd)
    if size > limit:
        return None, f"{path}: too large (more than {limit} bytes; inputs of at most that are read)"
    data = b"".join(chunks)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, f"{path}: not UTF-8 text (invalid byte at position {exc.start})"
    return text.lstrip("\ufeff"), None


def _bad_name(name: str) -> str | None:
    """Why a file or folder name cannot name a student or exercise, or None."""
    if any("\udc80" <= ch <= "\udcff" for ch in name):
        return "its name is not UTF-8 text: refused (rename it)"
    if not name.isprintable():
        return "its name holds control or invisible characters: refused (rename it)"
    return None


def _stem(path) -> str:
    return os.path.splitext(os.path.basename(os.fspath(path).rstrip("/")))[0]


def _code_problem(path, code: str, where: str = "the code") -> str | None:
    if len(code) > MAX_CODE_CHARS:
        return (f"{path}: {where} is {len(code)} characters long; at most {MAX_CODE_CHARS} "
                "are graded")  # fmt: skip
    return None


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
    if problem is None:
        problem = _code_problem(path, text)
    out.jobs.append(_job(student, exercise, path, code=text, problem=problem))


def _browser_verdict(last) -> dict | None:
    if type(last) is not dict:
        return None
    keep = {k: last.get(k) for k in ("score", "max_score", "passed")}
    for k in ("score", "max_score"):  # what the browser showed: plain values or nothing
        if type(keep[k]) not in (int, float) or keep[k] != keep[k]:
            keep[k] = None
    if type(keep["passed"]) is not bool:
        keep["passed"] = None
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
        if answers is not None and _depth(answers) > MAX_ANSWERS_DEPTH:
            problems.append(f"{path}: exercises.{ex_id}.answers is nested more than "
                            f"{MAX_ANSWERS_DEPTH} levels deep")  # fmt: skip
            continue
        too_long = code is not None and _code_problem(path, code, f"exercises.{ex_id}.code")
        if too_long:
            problems.append(too_long)
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


def _depth(value) -> int:
    """How deeply lists and objects nest in a JSON value (iterative: no recursion limit)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if type(item) in (list, dict):
            deepest = max(deepest, level)
            if level > MAX_ANSWERS_DEPTH:
                return level
            items = item.values() if type(item) is dict else item
            stack.extend((v, level + 1) for v in items)
    return deepest


def _magic_free(source: str) -> str:
    """Comment out IPython magics and shell escapes (`%...`, `!...`), keeping line numbers."""
    lines = source.split("\n")
    return "\n".join(
        "# " + line if line.lstrip().startswith(("%", "!")) else line for line in lines
    )


def _cell_source(source) -> str | None:
    """A cell's `source` as text (nbformat: a string or a list of strings), else None."""
    if type(source) is str:
        return source
    if type(source) is list and all(type(s) is str for s in source):
        return "".join(source)
    return None


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
        source = _cell_source(cell.get("source", ""))
        if source is None:
            got = cell.get("source")
            got = type(got).__name__ if type(got) is not list else "a list holding " + ", ".join(
                sorted({type(s).__name__ for s in got if type(s) is not str}))  # fmt: skip
            return [], [f"{path}: cell {i}: source must be text or a list of strings, got {got}"]
        found.setdefault(ex_id, []).append(source)
    if not found:
        return [], [f"{path}: no code cell carries metadata nprl.exercise (nothing to grade)"]
    jobs = []
    for ex_id in sorted(found):
        if only is None or ex_id == only:
            code = _magic_free("\n\n".join(found[ex_id]))
            problem = _code_problem(path, code, f"the code of {ex_id!r}")
            if problem is not None:
                return [], [problem]
            jobs.append(_job(student, ex_id, path, code=code))
    return jobs, []


def _container(out: Collection, path, student: str, only: str | None, parse) -> None:
    text, problem = read_text(path)
    if problem is not None:
        out.refuse(path, problem.split(": ", 1)[1] if problem.startswith(f"{path}: ") else problem)
        return
    try:
        jobs, problems = parse(text, path, student, only)
    except RecursionError:
        jobs, problems = [], [f"{path}: nested too deeply to read (lists or objects inside "
                              "each other, hundreds of levels)"]  # fmt: skip
    except Exception as exc:  # noqa: BLE001 - one malformed file costs only itself
        jobs, problems = [], [f"{path}: cannot be read ({type(exc).__name__}: {exc})"[:500]]
    out.jobs += jobs
    for p in problems:
        out.warnings.append(str(p))
        if not isinstance(p, Note):
            out.unreadable = True


def read_results(out: Collection, path) -> None:
    """Rows of an earlier run's results.jsonl, named by file and line, for `--merge`."""
    text, problem = read_text(path)
    if problem is not None:
        out.refuse(path, problem.split(": ", 1)[1] if problem.startswith(f"{path}: ") else problem)
        return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except RecursionError:
            out.refuse(path, f"line {n}: nested too deeply to read")
            continue
        except ValueError as exc:
            out.refuse(path, f"line {n}: not JSON ({exc})")
            continue
        out.results.append((f"{path}: line {n}", row))


def _hidden(name: str) -> bool:
    return name.startswith((".", "__"))


def _entries(out: Collection, folder, inside: str):
    """(name, path, is_folder) of a folder's entries that may be read, sorted by name.

    Hidden names are skipped; links, FIFOs, devices, unprintable names and anything that
    resolves outside `inside` (the real path of the class folder) are refused, by name.
    """
    try:
        names = sorted(os.listdir(folder))
    except OSError as exc:
        out.refuse(folder, f"cannot be listed ({exc.strerror or exc})")
        return
    for name in names:
        path = os.path.join(folder, name)
        if _hidden(name):
            continue
        why = _bad_name(name)
        st, problem = _lstat(path)
        if why is None and problem is not None:
            why = problem
        if why is None and not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode)):
            why = refusal(path, st.st_mode)
        if why is None:
            real = os.path.realpath(path)
            if real != inside and not real.startswith(inside + os.sep):
                why = "resolves outside the class folder: refused"
        if why is not None:
            out.refuse(path, why)
            continue
        yield name, path, stat.S_ISDIR(st.st_mode)


def _student_folder(out: Collection, folder, student: str, only: str | None, inside) -> None:
    for name, path, is_folder in _entries(out, folder, inside):
        ext = os.path.splitext(name)[1]
        if is_folder:
            out.warn(path, "nested folders are not read (expected <student>/<exercise_id>.py)")
        elif ext == ".py":
            ex_id = _stem(name)
            if only is None or ex_id == only:
                _py(out, path, student, ex_id)
        elif ext == ".json":
            _container(out, path, student, only, _export_in_folder)
        elif ext == ".ipynb":
            _container(out, path, student, only, parse_notebook)
        elif ext == ".jsonl":
            out.warn(path, f"not merged: {MERGE_HINT}")
        else:
            out.warn(path, "ignored (not a .py, .json or .ipynb file)")


def _export_in_folder(text: str, path, student: str, only: str | None):
    return parse_export(text, path, student, only, named_by_file=False)


def _class_folder(out: Collection, folder, only: str | None) -> None:
    inside = os.path.realpath(folder)
    for name, path, is_folder in _entries(out, folder, inside):
        ext = os.path.splitext(name)[1]
        if is_folder:
            _student_folder(out, path, name, only, inside)
        elif ext == ".py":
            _py(out, path, _stem(name), only)
        elif ext == ".json":
            _container(out, path, _stem(name), only, parse_export)
        elif ext == ".ipynb":
            _container(out, path, _stem(name), only, parse_notebook)
        elif ext == ".jsonl":
            out.warn(path, f"not merged: {MERGE_HINT}")
        else:
            out.warn(path, "ignored (not a .py, .json or .ipynb file, nor a folder)")


def _one_input(out: Collection, path: str, exercise: str | None) -> None:
    ext = os.path.splitext(path)[1]
    st, problem = _lstat(path)
    if st is None:
        out.unreadable = True
        if ext == ".py" and exercise is not None:
            out.jobs.append(_job(_stem(path), exercise, path, problem=f"{path}: {problem}"))
        else:
            out.warn(path, "no such file or folder" if problem == "no such file" else problem)
        return
    why = _bad_name(_stem(path)) if not stat.S_ISDIR(st.st_mode) else None
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode)):
        why = refusal(path, st.st_mode)
    if why is not None:
        out.refuse(path, why)
    elif stat.S_ISDIR(st.st_mode):
        _class_folder(out, path, exercise)
    elif ext == ".json":
        _container(out, path, _stem(path), exercise, parse_export)
    elif ext == ".ipynb":
        _container(out, path, _stem(path), exercise, parse_notebook)
    elif ext == ".jsonl":
        out.refuse(path, f"not merged: {MERGE_HINT} (here: --merge {path})")
    else:
        _py(out, path, _stem(path), exercise)


def collect(paths, exercise: str | None = None, *, merge=()) -> Collection:
    """Every (student, exercise) job found in `paths`, in input order (folders sorted),
    and the rows of the `merge` files (earlier results, validated later)."""
    out = Collection()
    for raw in paths:
        path = os.fspath(raw)
        try:
            _one_input(out, path, exercise)
        except Exception as exc:  # noqa: BLE001 - one bad input costs only itself
            out.refuse(path, f"cannot be read ({type(exc).__name__}: {exc})"[:500])
    for raw in merge:
        path = os.fspath(raw)
        try:
            read_results(out, path)
        except Exception as exc:  # noqa: BLE001
            out.refuse(path, f"cannot be read ({type(exc).__name__}: {exc})"[:500])
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
