"""Offline grading outputs: gradebook CSV, JSON lines, Gradescope results, feedback, summary.

Standard library only. Every writer sorts its input and writes no timestamp, so grading
the same submissions twice gives byte-identical files. A graded result ("record") is
`grader.check`'s result plus "student", "file" and (from an export) "browser"; records
are self-contained, so records from several runs or machines merge by (student, exercise),
each merged record checked first (`check_record`).

What a TA opens is safe to open: CSV cells never start a formula, text files and the
summary carry no terminal escape sequences, and every file is replaced atomically through
folders opened without following links (`write_files`), never through a link or FIFO.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat

from . import tareview
from .quiz import earned_points

RECORD_KEYS = ("student", "exercise", "file", "score", "max_score", "passed", "tests",
               "error", "stdout", "browser", "protections")  # fmt: skip


def record(job: dict, result: dict) -> dict:
    """One (student, exercise) outcome as written to results.jsonl."""
    out = {k: result.get(k) for k in RECORD_KEYS}
    out.update(student=job["student"], exercise=job["exercise"], file=job["file"])
    out["browser"] = job.get("browser")
    return out


def merge(records: list[dict]) -> tuple[list[dict], list[str]]:
    """Sorted records, one per (student, exercise); a conflicting duplicate is a warning."""
    by_key: dict[tuple, dict] = {}
    warnings = []
    for rec in records:
        key = (str(rec["student"]), str(rec["exercise"]))
        if key in by_key and by_key[key] != rec:
            warnings.append(
                f"{rec.get('file')}: {key[0]}/{key[1]} was graded twice with different "
                f"results (also {by_key[key].get('file')}); the first is kept"
            )
            continue
        by_key.setdefault(key, rec)
    return [by_key[k] for k in sorted(by_key)], warnings


# ------------------------------------------------------------ text safe to show or open

_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_C1 = re.compile("[\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text) -> str:
    """Text for a terminal or a text file: control and invisible characters (escape
    sequences, bidi overrides, lone surrogates) shown as `\\x1b`-style escapes; newline
    and tab kept."""
    import unicodedata

    text = str(text)
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch in "\n\t" or ch.isprintable() or unicodedata.category(ch) == "Zs":
            out.append(ch)
        else:
            out.append(ascii(ch)[1:-1])
    return "".join(out)


def _needs_escape(cell: str) -> bool:
    return cell.lstrip("'").startswith(_FORMULA)  # ("'=x" too: it would read back as "=x")


def escape_cell(cell) -> str:
    """A CSV cell a spreadsheet will not run: `'` before a leading = + - @ tab or CR (and
    before a `'` that would otherwise be taken for this escape); control characters shown."""
    cell = printable(cell)
    return "'" + cell if _needs_escape(cell) else cell


def unescape_cell(cell: str) -> str:
    """The inverse of escape_cell's formula guard (for a review sheet read back)."""
    return cell[1:] if cell.startswith("'") and _needs_escape(cell[1:]) else cell


def _json_text(text: str) -> str:
    """JSON with the C1 controls and bidi/line-separator characters escaped as \\uXXXX
    (json.dumps leaves them raw with ensure_ascii=False; they only occur inside strings)."""
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# ------------------------------------------------------- earlier results (--merge)

REQUIRED_KEYS = ("student", "exercise", "score", "max_score", "passed")
TA_KEYS = ("ta_points", "ta_score")
_TEST_TYPES = {"name": (str,), "description": (str,), "points": (int, float),
               "passed": (bool,), "message": (str,), "score": (int, float),
               "response": (str, type(None))}  # fmt: skip
_SCALAR = (str, int, float, bool, type(None))


def _show(value) -> str:
    """A value as JSON, shortened: what a results.jsonl line held."""
    try:
        text = json.dumps(value, ensure_ascii=True)
    except (TypeError, ValueError, RecursionError):
        text = type(value).__name__
    return text if len(text) <= 60 else text[:57] + "..."


def _is_number(x) -> bool:
    return type(x) in (int, float) and x == x and abs(x) != float("inf")


def _within(x, top) -> bool:
    return _is_number(x) and 0 <= x <= top


def check_record(rec, bundles: dict, trusted: dict) -> str | None:
    """Why an earlier result (one results.jsonl line) cannot be merged, or None.

    `bundles` are the exercises under --root, `trusted` their hidden tests
    (`jobs.trusted_tests`, by id). A mergeable record names a known exercise, has every
    required key with its type, a score from 0 to the exercise's points that its tests
    add up to, those tests' names and points, and TA points within each question's range.
    """
    if type(rec) is not dict:
        return f"expected a graded result (a JSON object), got {_show(rec)}"
    missing = [k for k in REQUIRED_KEYS if k not in rec]
    if missing:
        return (f"missing key(s) {', '.join(missing)}: a graded result has "
                f"{', '.join(REQUIRED_KEYS)}")  # fmt: skip
    unknown = sorted(set(rec) - set(RECORD_KEYS) - set(TA_KEYS))
    if unknown:
        return f"unknown key {unknown[0]!r} (grade --out writes {', '.join(RECORD_KEYS)})"
    student, ex = rec["student"], rec["exercise"]
    if (
        type(student) is not str
        or not student.strip()
        or student != student.strip()
        or (not student.isprintable() or len(student) > 255)
    ):
        return f"key 'student': expected a student id (one line of printable text), got {_show(student)}"
    if type(ex) is not str or ex not in bundles:
        return f"key 'exercise': expected an exercise under the exercises root, got {_show(ex)}"
    top = bundles[ex]["points"]
    if not _is_number(rec["max_score"]) or rec["max_score"] != top:
        return (
            f"key 'max_score': expected {top} (the points of {ex!r}), got {_show(rec['max_score'])}"
        )
    if not _within(rec["score"], top):
        return f"key 'score': expected a number from 0 to {top}, got {_show(rec['score'])}"
    if type(rec["passed"]) is not bool:
        return f"key 'passed': expected true or false, got {_show(rec['passed'])}"
    for key in ("file", "stdout"):
        if key in rec and type(rec[key]) is not str:
            return f"key {key!r}: expected a string, got {_show(rec[key])}"
    problem = _check_error(rec.get("error")) or _check_browser(rec.get("browser"))
    problem = problem or _check_tests(rec, trusted.get(ex) or [])
    if problem is None and rec["passed"] and (rec["score"] != top or rec.get("error")):
        problem = f"key 'passed': true, but the score is {_show(rec['score'])} of {top}" + (
            " with an error" if rec.get("error") else "")  # fmt: skip
    if problem is None and rec.get("protections") is not None:
        prot = rec["protections"]
        if type(prot) is not list or not all(type(p) is str for p in prot):
            problem = f"key 'protections': expected a list of strings, got {_show(prot)}"
    return problem or _check_ta(rec, bundles[ex])


def _check_error(err) -> str | None:
    if err is None:
        return None
    if (
        type(err) is not dict
        or type(err.get("title")) is not str
        or type(err.get("message")) is not str
    ):
        return f"key 'error': expected null or an object with title and message, got {_show(err)}"
    for k, v in err.items():
        if type(v) not in _SCALAR or (k == "line" and v is not None and type(v) is not int):
            return f"key 'error.{k}': expected text, a line number or null, got {_show(v)}"
    return None


def _check_browser(browser) -> str | None:
    if browser is None:
        return None
    ok = type(browser) is dict and all(
        (k == "passed" and type(v) in (bool, type(None)))
        or (k in ("score", "max_score") and (v is None or _is_number(v)))
        for k, v in browser.items()
    )
    return (
        None
        if ok
        else f"key 'browser': expected null or {{score, max_score, passed}}, got {_show(browser)}"
    )


def _check_tests(rec: dict, trusted: list[dict]) -> str | None:
    tests = rec.get("tests")
    if tests is None:
        tests = []
    if type(tests) is not list:
        return f"key 'tests': expected a list, got {_show(tests)}"
    for n, t in enumerate(tests):
        if type(t) is not dict:
            return f"key 'tests[{n}]': expected an object, got {_show(t)}"
        for k in ("name", "points", "passed", "message"):
            if k not in t:
                return f"key 'tests[{n}]': missing {k!r}"
        for k, v in t.items():
            types = _TEST_TYPES.get(k, _SCALAR)
            if type(v) not in types or (types is _TEST_TYPES["points"] and not _is_number(v)):
                return f"key 'tests[{n}].{k}': expected {'/'.join(x.__name__ for x in types)}, got {_show(v)}"
        if "score" in t and not _within(t["score"], t["points"]):
            return f"key 'tests[{n}].score': expected a number from 0 to {t['points']}, got {_show(t['score'])}"
    if tests:
        want = [(t["name"], t["points"]) for t in trusted]
        got = [(t["name"], t["points"]) for t in tests]
        if got != want:
            return (f"key 'tests': expected the hidden tests of {rec['exercise']!r} "
                    f"({', '.join(n for n, _ in want)}) with their points, got "
                    f"{', '.join(n for n, _ in got)}")  # fmt: skip
    earned = sum(earned_points(t) for t in tests)
    if abs(earned - rec["score"]) > 1e-9:
        return f"key 'score': {_show(rec['score'])}, but its tests earn {_show(earned)}"
    return None


def _check_ta(rec: dict, bundle: dict) -> str | None:
    points, score = rec.get("ta_points"), rec.get("ta_score")
    if points is None and score is None:
        return None
    written = {q["id"]: q for q in bundle.get("questions") or [] if q.get("type") == "explain"}
    if type(points) is not dict or not points:
        return f"key 'ta_points': expected an object of question -> points, got {_show(points)}"
    for qid, pts in points.items():
        if qid not in written:
            return f"key 'ta_points': {qid!r} is not a written (explain) question of {rec['exercise']!r}"
        top = written[qid].get("ta_points", 0)
        if not _within(pts, top):
            return f"key 'ta_points.{qid}': expected a number from 0 to {top}, got {_show(pts)}"
    if not _is_number(score) or abs(score - sum(points.values())) > 1e-9:
        return f"key 'ta_score': expected {_show(sum(points.values()))} (the sum of ta_points), got {_show(score)}"
    return None


def _safe_name(student: str) -> str:
    name = re.sub(r"[^A-Za-z0-9._@+-]+", "_", student).strip("._") or "student"
    return name[:120]


def _number(x) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def _cells(row) -> list[str]:
    return [escape_cell(c) for c in row]


def total_score(rec: dict):
    """A record's automatic score plus the points a TA gave its written answers."""
    return rec["score"] + rec.get("ta_score", 0)


def gradebook_csv(records: list[dict], exercises: list[str]) -> str:
    """One row per student: Student, one column per exercise (blank: no submission), Total."""
    students = sorted({r["student"] for r in records})
    scores = {(r["student"], r["exercise"]): total_score(r) for r in records}
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(_cells(["Student", *exercises, "Total"]))
    for s in students:
        cells = [scores.get((s, e)) for e in exercises]
        total = sum(c for c in cells if c is not None)
        writer.writerow(_cells([s, *("" if c is None else _number(c) for c in cells),
                                _number(total)]))  # fmt: skip
    return buf.getvalue()


def jsonl(records: list[dict]) -> str:
    text = "".join(json.dumps(r, sort_keys=True, ensure_ascii=False) + "\n" for r in records)
    return _json_text(text)


def _error_line(rec: dict) -> str:
    err = rec.get("error")
    return f"{err['title']}: {err['message']}" if err else ""


def gradescope(records: list[dict]) -> dict:
    """Gradescope autograder results.json for one student's records."""
    tests = []
    for rec in records:
        if rec.get("error"):
            tests.append(
                {
                    "name": f"{rec['exercise']}: {rec['error']['title']}",
                    "score": 0,
                    "max_score": 0,
                    "output": _error_line(rec),
                }
            )
        for t in rec.get("tests") or []:
            tests.append(
                {
                    "name": f"{rec['exercise']}: {t['name']}",
                    "score": earned_points(t),
                    "max_score": t["points"],
                    "output": t["message"],
                }
            )
        for qid, pts in sorted((rec.get("ta_points") or {}).items()):
            tests.append(
                {
                    "name": f"{rec['exercise']}: {qid} (TA)",
                    "score": pts,
                    "max_score": 0,
                    "output": "Points awarded by a TA for the written answer.",
                }
            )
    score = sum(total_score(r) for r in records)
    total = sum(r["max_score"] for r in records)
    return {
        "score": score,
        "output": f"{_number(score)}/{_number(total)} points over {len(records)} exercise(s).",
        "stdout_visibility": "hidden",
        "tests": tests,
    }


def feedback_markdown(student: str, records: list[dict]) -> str:
    score = sum(total_score(r) for r in records)
    total = sum(r["max_score"] for r in records)
    lines = [f"# Feedback for {student}", "", f"Total: **{_number(score)}/{_number(total)}**", ""]
    for rec in records:
        mark = "passed" if rec["passed"] else "not passed"
        lines += [
            f"## {rec['exercise']}: {_number(rec['score'])}/{_number(rec['max_score'])} ({mark})",
            "",
        ]
        err = rec.get("error")
        if err:
            lines += [f"**{err['title']}**: {err['message']}", ""]
            if err.get("hint"):
                lines += [f"Hint: {err['hint']}", ""]
        for t in rec.get("tests") or []:
            box = "x" if t["passed"] else " "
            msg = " ".join(str(t["message"]).split())
            lines.append(f"- [{box}] {t['name']} ({t['points']} pt): {msg}")
        for qid, pts in sorted((rec.get("ta_points") or {}).items()):
            lines.append(f"- {qid}: {_number(pts)} pt awarded by a TA for the written answer")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def failure_reason(rec: dict) -> str | None:
    """The headline reason a record is not a pass (error title, else first failed test)."""
    if rec["passed"]:
        return None
    if rec.get("error"):
        return rec["error"]["title"]
    for t in rec.get("tests") or []:
        if not t["passed"]:
            msg = " ".join(str(t["message"]).split())
            msg = re.sub(r"-?\d+(\.\d+)?(e[-+]?\d+)?", "#", msg)  # numbers vary per student
            return f"{t['name']}: {msg[:70]}"
    return "not full marks"


def summary(records: list[dict], exercises: list[str], *, top: int = 3) -> str:
    """A plain-text table: per exercise pass rate, mean score, most common failures."""
    rows = [("exercise", "graded", "passed", "rate", "mean", "max")]
    failures = []
    for ex in exercises:
        recs = [r for r in records if r["exercise"] == ex]
        if not recs:
            continue
        passed = sum(1 for r in recs if r["passed"])
        mean = sum(r["score"] for r in recs) / len(recs)
        rows.append((ex, str(len(recs)), str(passed), f"{100 * passed / len(recs):.0f}%",
                     f"{mean:.2f}", _number(max(r["max_score"] for r in recs))))  # fmt: skip
        counts: dict[str, int] = {}
        for r in recs:
            reason = failure_reason(r)
            if reason:
                counts[reason] = counts.get(reason, 0) + 1
        for reason, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]:
            failures.append(f"  {ex}: {n} x {reason}")
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in
                       enumerate(zip(row, widths)))  # fmt: skip
             for row in rows]  # fmt: skip
    lines.insert(1, "  ".join("-" * w for w in widths))
    students = len({r["student"] for r in records})
    lines.append(f"{students} student(s), {len(records)} submission(s).")
    differ = [r for r in records if r.get("browser") and
              (r["browser"].get("score"), r["browser"].get("passed")) != (r["score"], r["passed"])]  # fmt: skip
    if differ:
        lines.append(f"{len(differ)} verdict(s) differ from the one saved in the browser export "
                     "(see 'browser' in results.jsonl).")  # fmt: skip
    if failures:
        lines += ["", "Most common failures:", *failures]
    return printable("\n".join(lines) + "\n")


# ------------------------------------------------------------------ writing the outputs


class OutputError(Exception):
    """Outputs that cannot be written safely; `problems` holds one line per path."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _NOFOLLOW


def _what(mode: int) -> str:
    from .batch import _kind

    return _kind(mode)


def check_out(out_dir, rels=()) -> list[str]:
    """Why `out_dir` (and the files `rels` under it) cannot be written; nothing changes.

    The folder and every folder under it must be real folders (not links), and each
    output a regular file or not there yet: a link, FIFO or device at an output path is
    refused, never opened.
    """
    out_dir = os.fspath(out_dir)
    problems = []
    try:
        st = os.lstat(out_dir)
    except FileNotFoundError:
        return []
    except OSError as exc:
        return [f"{out_dir}: cannot be used for the outputs ({exc.strerror or exc})"]
    if not stat.S_ISDIR(st.st_mode):
        fix = "pass the folder itself" if stat.S_ISLNK(st.st_mode) else "pass a folder"
        return [f"{out_dir}: {_what(st.st_mode)}, not a folder: refused ({fix})"]
    for rel in rels:
        parts, path = rel.split("/"), out_dir
        for i, part in enumerate(parts):
            path = os.path.join(path, part)
            try:
                mode = os.lstat(path).st_mode
            except FileNotFoundError:
                break
            except OSError as exc:
                problems.append(f"{path}: cannot be written ({exc.strerror or exc})")
                break
            last = i == len(parts) - 1
            if last and not stat.S_ISREG(mode):
                problems.append(f"{path}: {_what(mode)}, not a regular file: refused "
                                "(remove it, then grade again)")  # fmt: skip
            elif not last and not stat.S_ISDIR(mode):
                problems.append(f"{path}: {_what(mode)}, not a folder: refused "
                                "(remove it, then grade again)")  # fmt: skip
                break
    return sorted(set(problems))


def _dir_fd(fds: dict, rel: str, out_dir: str) -> int:
    """An fd of the folder `rel` under the output folder, made if missing, never a link."""
    if rel in fds:
        return fds[rel]
    head, name = rel.rsplit("/", 1) if "/" in rel else ("", rel)
    parent = _dir_fd(fds, head, out_dir)
    try:
        os.mkdir(name, 0o777, dir_fd=parent)
    except FileExistsError:
        pass
    try:
        fds[rel] = os.open(name, _DIR_FLAGS, dir_fd=parent)
    except OSError as exc:
        shown = os.path.join(out_dir, rel)
        raise OutputError(
            [f"{shown}: not a folder (or a link to one): refused ({exc.strerror})"]
        ) from None
    return fds[rel]


def _replace(dir_fd: int, name: str, data: bytes, shown: str) -> None:
    """Write `name` in the folder `dir_fd` atomically: a new temporary file, fsync, rename."""
    import secrets

    tmp = f".{name}.{secrets.token_hex(6)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666, dir_fd=dir_fd)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        mode = os.stat(name, dir_fd=dir_fd, follow_symlinks=False).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        os.unlink(tmp, dir_fd=dir_fd)
        raise OutputError([f"{shown}: {_what(mode)}, not a regular file: refused "
                           "(remove it, then grade again)"])  # fmt: skip
    os.replace(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)


def write_files(out_dir, files: dict[str, str]) -> list[str]:
    """Write {relative path ("a/b.txt"): text} under out_dir; return the paths (sorted).

    Checked first (`check_out`: nothing is written if any path is refused), then each file
    is replaced atomically through folder fds opened without following links, so a link
    or FIFO planted at an output path is never followed or opened.
    """
    out_dir = os.fspath(out_dir)
    problems = check_out(out_dir, files)
    if problems:
        raise OutputError(problems)
    os.makedirs(out_dir, exist_ok=True)
    try:
        fds = {"": os.open(out_dir, _DIR_FLAGS)}
    except OSError as exc:
        raise OutputError([f"{out_dir}: cannot be used for the outputs ({exc.strerror})"]) from None
    written = []
    try:
        for rel in sorted(files):
            head, name = rel.rsplit("/", 1) if "/" in rel else ("", rel)
            shown = os.path.join(out_dir, *rel.split("/"))
            _replace(_dir_fd(fds, head, out_dir), name, files[rel].encode("utf-8"), shown)
            written.append(shown)
        for fd in fds.values():
            os.fsync(fd)
    finally:
        for fd in fds.values():
            os.close(fd)
    return sorted(written)


def write_all(out_dir, records: list[dict], exercises: list[str], *, bundles=None) -> list[str]:
    """Write every output into out_dir; return the paths written (sorted).

    With `bundles` (exercise id -> bundle) and any written quiz question among them, the
    TA review sheet is written too (grader/tareview.py). Raises OutputError (nothing
    written) when an output path is a link, FIFO or anything but a regular file.
    """
    records = sorted(records, key=lambda r: (r["student"], r["exercise"]))
    files = {
        "gradebook.csv": gradebook_csv(records, exercises),
        "results.jsonl": jsonl(records),
        "summary.txt": summary(records, exercises),
    }
    if bundles and tareview.written_questions(bundles):
        rows = tareview.review_rows(records, bundles)
        safe = [{k: escape_cell(v) for k, v in row.items()} for row in rows]
        files["ta-review.csv"] = tareview.review_csv(safe)
        files["ta-review.md"] = printable(tareview.review_markdown(rows))
    by_student: dict[str, list[dict]] = {}
    for r in records:
        by_student.setdefault(r["student"], []).append(r)
    names: dict[str, str] = {}
    for student in sorted(by_student):
        name = _safe_name(student)
        if name in names.values():  # two ids that sanitise alike stay apart
            name = f"{name}-{len(names)}"
        names[student] = name
        recs = sorted(by_student[student], key=lambda r: exercises.index(r["exercise"])
                      if r["exercise"] in exercises else len(exercises))  # fmt: skip
        gs = json.dumps(gradescope(recs), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        files[f"gradescope/{name}/results.json"] = _json_text(gs)
        files[f"feedback/{name}.md"] = printable(feedback_markdown(student, recs))
    return write_files(out_dir, files)
