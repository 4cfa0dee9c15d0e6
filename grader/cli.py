"""Command line: `python -m grader validate [PATH]`, `... new PAGE ID` and `... grade ...`."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from pathlib import Path

from .errors import SpecError, error_data


def _error_result(bundle: dict, file: str, title: str, message: str) -> dict:
    return {
        "exercise": bundle["id"],
        "file": file,
        "score": 0,
        "max_score": bundle["points"],
        "passed": False,
        "tests": [],
        "error": error_data(title, message),
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
    from .batch import read_text

    text, problem = read_text(path)
    if problem is None and not text.strip():
        return None, f"{path}: the file is empty"
    return text, problem


def _print_human(result: dict) -> None:
    """One submission's result for the TA's terminal (student text shown, never obeyed)."""
    from .reports import printable

    lines = [
        f"{result['file']}: {result['score']}/{result['max_score']}"
        f"{' PASSED' if result['passed'] else ''}"
    ]
    if result["error"]:
        lines.append(f"  error: {result['error']['title']}: {result['error']['message']}")
    for test in result["tests"]:
        mark = "ok  " if test["passed"] else "FAIL"
        lines.append(f"  {mark} {test['name']} ({test['points']} pt)")
        if not test["passed"]:
            lines.append("       " + test["message"].replace("\n", "\n       "))
    print(printable("\n".join(lines)))


def _say(kind: str, text) -> None:
    """A `warning:` or `error:` line on stderr, with any control character shown, not sent."""
    from .reports import printable

    print(f"{kind}: {printable(text)}", file=sys.stderr)


class _Progress:
    """A one-line progress bar on stderr."""

    def __init__(self, total: int, enabled: bool):
        import time

        self.total, self.done, self.enabled = total, 0, enabled and total > 0
        self.start = time.monotonic()
        self.clock = time.monotonic

    def __call__(self) -> None:
        self.done += 1
        if not self.enabled:
            return
        rate = self.done / max(self.clock() - self.start, 1e-9)
        filled = int(30 * self.done / self.total)
        sys.stderr.write(
            f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total} {rate:.1f}/s"
        )
        if self.done == self.total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def _bundles_for(ids, root, warn) -> dict:
    """Load the exercises these ids name (once each); unknown ids are warned about."""
    from .spec import ExerciseError, find_exercises, load_exercise

    folders = {f.name: f for f in find_exercises(root)}
    bundles = {}
    for ex_id in sorted(set(ids)):
        if ex_id not in folders:
            warn(f"no exercise with id {ex_id!r} under {root}")
            continue
        try:
            bundles[ex_id] = load_exercise(folders[ex_id])
        except ExerciseError as exc:
            warn(f"{folders[ex_id]}: the exercise is broken:\n{exc}")
    return bundles


def _column_order(bundles: dict, ids) -> list[str]:
    def key(ex_id):
        b = bundles.get(ex_id)
        return (0, b["page"], b.get("order", 0), ex_id) if b else (1, "", 0, ex_id)

    return sorted(set(ids), key=key)


def _merge_ta_points(path, records: list[dict], bundles: dict) -> tuple[list[dict], list[str]]:
    """Records with the TA points of a filled-in ta-review.csv, or the file's problems."""
    from .batch import read_text
    from .tareview import apply_ta_points, read_ta_points

    text, problem = read_text(path)
    if problem is not None:
        return records, [problem]
    try:  # the sheet's cells were escaped against spreadsheet formulas: read them back
        text = _unescaped_sheet(text)
        points, problems = read_ta_points(path, text, records, bundles)
    except csv.Error as exc:
        return records, [f"{path}: not a CSV file ({exc})"]
    return (records, problems) if problems else (apply_ta_points(records, points), [])


def _roster(args):
    """(the --roster file parsed or None, exit status): its problems are printed first."""
    if not getattr(args, "roster", None):
        return None, 0
    from .lms import RosterError, load_roster

    if not args.out:
        print("error: --roster needs --out (the LMS files go to <out>/lms/)", file=sys.stderr)
        return None, 2
    try:
        return load_roster(args.roster), 0
    except RosterError as exc:
        for p in exc.problems:
            print(f"error: {p}", file=sys.stderr)
        return None, 2


def _write_lms(args, roster, records, columns, bundles) -> None:
    from .lms import notes, report_line, write_lms

    formats = ("canvas", "moodle") if args.lms == "both" else (args.lms,)
    _, book = write_lms(args.out, records, columns, roster, bundles=bundles, formats=formats)
    for w in notes(book, formats):
        print(f"warning: {w}", file=sys.stderr)
    print(report_line(book, args.out), file=sys.stderr)


def _pool(args, protected):
    """The Dask or journaled pool (--scheduler, --resume), or None for a plain local one."""
    if not (args.scheduler or args.resume):
        return None
    from .distributed import pool_for

    return pool_for(jobs=args.jobs, protected=protected, sandbox=args.sandbox,
                    scheduler=args.scheduler, out=args.out, resume=args.resume,
                    batch=args.batch_size)  # fmt: skip


def _unescaped_sheet(text: str) -> str:
    from .reports import unescape_cell

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))):
        writer.writerow([unescape_cell(c) for c in row])
    return buf.getvalue()


def _earlier_results(found, bundles: dict, warn) -> list[dict]:
    """The --merge rows that pass `reports.check_record`; each other one is a warning."""
    from .jobs import trusted_tests
    from .reports import check_record

    trusted, kept = {}, []
    for where, row in found.results:
        ex = row.get("exercise") if type(row) is dict else None
        if type(ex) is str and ex in bundles and ex not in trusted:
            trusted[ex] = trusted_tests(bundles[ex])
        problem = check_record(row, bundles, trusted)
        if problem is None:
            kept.append(row)
        else:
            warn(f"{where}: not merged: {problem}")
            found.unreadable = True
    return kept


def grade_command(args) -> int:
    from . import batch, reports

    roster, status = _roster(args)
    if status:
        return status
    if args.exercise is not None:
        try:
            find_bundle(args.exercise, args.root)
        except SpecError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    if not args.files and not args.merge:
        _say("error", "nothing to grade: give an INPUT (file or folder) or --merge FILE.jsonl")
        return 2
    if args.out:
        problems = reports.check_out(args.out)
        for p in problems:
            _say("error", p)
        if problems:
            return 2
    found = batch.collect(args.files, args.exercise, merge=args.merge or ())
    warnings = list(found.warnings)
    bundles = _bundles_for({j["exercise"] for j in found.jobs}, args.root, warnings.append)
    merged_ids = {r.get("exercise") for _, r in found.results if type(r) is dict}
    merged_ids = {e for e in merged_ids if type(e) is str and e not in bundles}
    bundles.update(_bundles_for(merged_ids, args.root, lambda w: None))  # (each line says)
    earlier = _earlier_results(found, bundles, warnings.append)
    jobs = batch.duplicates(found.jobs)
    unknown = [j for j in jobs if j["exercise"] not in bundles]
    for j in unknown:
        warnings.append(f"{j['file']}: {j['student']}: exercise {j['exercise']!r} is not graded")
    jobs = [j for j in jobs if j["exercise"] in bundles]
    for w in warnings:
        _say("warning", w)

    tasks = [
        {"bundle": bundles[j["exercise"]], "code": j["code"], "answers": j["answers"]}
        for j in jobs
        if j["problem"] is None
    ]
    progress = _Progress(
        len(tasks), args.progress or (args.progress is None and sys.stderr.isatty())
    )
    graded = iter([])
    if tasks:
        from .isolate import Pool

        # The exercises, the inputs, the outputs, and this checkout's exercises and tests.
        repo = Path(__file__).resolve().parent.parent
        protected = [args.root, *args.files, *(args.merge or ()), repo / "exercises",
                     repo / "tests"]  # fmt: skip
        protected += [args.out] if args.out else []
        protected = [os.path.dirname(os.path.abspath(p)) if os.path.isfile(p) else p
                     for p in protected if os.path.exists(p)]  # fmt: skip
        from .sandbox import SandboxUnavailable

        try:
            pool = _pool(args, protected) or Pool(
                args.jobs, protected=protected, sandbox=args.sandbox
            )
        except SandboxUnavailable as exc:
            _say("error", exc)
            return 2
        with pool:
            graded = iter(pool.map(tasks, progress))
    records = []
    for job in jobs:
        bundle = bundles[job["exercise"]]
        if job["problem"] is not None:
            result = _error_result(bundle, job["file"], "Cannot grade this file", job["problem"])
        else:
            result = next(graded)
        rec = reports.record(job, result)
        records.append(rec)
        if args.json:
            print(json.dumps(rec, sort_keys=True), flush=True)
        elif not args.out:
            _print_human(rec)
    merged, conflicts = reports.merge(records + earlier)
    for w in conflicts:
        _say("warning", w)
    if args.ta_points:
        merged, problems = _merge_ta_points(args.ta_points, merged, bundles)
        if problems:
            for p in problems:
                _say("error", p)
            return 2
    columns = _column_order(bundles, [r["exercise"] for r in merged])
    if args.out:
        try:
            reports.write_all(args.out, merged, columns, bundles=bundles)
        except reports.OutputError as exc:
            for p in exc.problems:
                _say("error", p)
            return 2
        if roster is not None:
            try:
                _write_lms(args, roster, merged, columns, bundles)
            except reports.OutputError as exc:
                for p in exc.problems:
                    _say("error", p)
                return 2
    if not args.json and (args.out or len(merged) > 1):
        print(reports.summary(merged, columns), end="")
    return 2 if found.unreadable else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m grader", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check every spec and prove every exercise")
    v.add_argument("path", nargs="?", default="exercises")
    v.add_argument("--strict", action="store_true", help="treat warnings as errors")
    n = sub.add_parser(
        "new",
        help="write a new exercise folder to fill in (see docs/authoring.md)",
        description="Write exercises/<page>/<id>/ with a spec skeleton, starter, solution, "
        "tests and bugs/; every text to replace is marked TODO(author).",
    )
    n.add_argument("page", help="the page slug, as in content/course.yaml")
    n.add_argument("id", help="the new exercise id (snake_case, unique in the course)")
    n.add_argument("--kind", required=True, choices=("code", "debug", "quiz"))
    n.add_argument("--functions", nargs="+", action="extend", default=[], metavar="SIGNATURE",
                   help="signatures such as 'f(x, axis=-1)' (several after one flag, or the "
                   "flag repeated); not for quizzes")  # fmt: skip
    n.add_argument("--root", default="exercises", help="the exercises folder")
    n.add_argument("--course", help="course.yaml (default: content/course.yaml next to --root)")
    g = sub.add_parser(
        "grade",
        help="grade submissions (.py, exports, notebooks, class folders)",
        description="Grade every exercise found for every student, each submission in its "
        "own limited process. See docs/offline-grading.md.",
    )
    g.add_argument("files", nargs="*", metavar="INPUT",
                   help="a .py file, a 'Download my work' .json, an .ipynb notebook, or a "
                   "folder of students; symbolic links, FIFOs and devices are refused, "
                   "never followed")  # fmt: skip
    g.add_argument("--merge", action="append", metavar="FILE.jsonl",
                   help="merge the results.jsonl of an earlier run (repeat the flag for "
                   "several); each line is checked against the exercises under --root and a "
                   "bad one is a warning; a .jsonl given as INPUT or found in a folder is "
                   "never merged")  # fmt: skip
    g.add_argument("--exercise", help="exercise id (needed for bare .py files)")
    g.add_argument("--json", action="store_true", help="one JSON object per submission, per line")
    g.add_argument("--root", default="exercises", help="the exercises folder")
    g.add_argument("--out", metavar="DIR",
                   help="write gradebook.csv, results.jsonl, summary.txt, gradescope/, "
                   "feedback/ (each file replaced atomically; a link, FIFO or other "
                   "non-regular file at an output path is refused)")  # fmt: skip
    g.add_argument("--ta-points", metavar="FILE.csv",
                   help="merge the points a TA entered in a filled-in ta-review.csv "
                   "(see docs/offline-grading.md)")  # fmt: skip
    g.add_argument(
        "--jobs", "-j", type=int, default=None, help="parallel workers (default: all cores)"
    )
    g.add_argument("--sandbox", choices=("bwrap", "none"), default="bwrap",
                   help="the OS sandbox around each submission (default: bwrap, which must "
                   "be installed; none: process limits and the audit hook only)")  # fmt: skip
    g.add_argument("--scheduler", metavar="tcp://HOST:8786",
                   help="grade on this Dask cluster's workers (the dask extra; see "
                   "docs/lms-and-reports.md)")  # fmt: skip
    g.add_argument("--batch-size", type=int, default=100, metavar="N",
                   help="jobs per Dask task, and per journal entry (default: 100)")  # fmt: skip
    g.add_argument("--resume", action="store_true",
                   help="reuse the results in <out>/journal.jsonl of an interrupted run "
                   "whose job is unchanged; grade the rest")  # fmt: skip
    g.add_argument("--roster", metavar="ROSTER.csv",
                   help="write <out>/lms/canvas.csv and moodle.csv for the students of this "
                   "roster (see docs/lms-and-reports.md)")  # fmt: skip
    g.add_argument("--lms", choices=("both", "canvas", "moodle"), default="both",
                   help="which LMS gradebooks --roster writes (default: both)")  # fmt: skip
    g.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar on stderr (default: when stderr is a terminal)")  # fmt: skip
    r = sub.add_parser("report", help="an HTML class report from results.jsonl files",
                       description="Write <out>/index.html (the class) and one page per "
                       "exercise: pass rate, score distribution, most frequent failures. "
                       "See docs/lms-and-reports.md.")  # fmt: skip
    r.add_argument("files", nargs="+", metavar="RESULTS.jsonl", help="results of grade --out")
    r.add_argument("--out", required=True, help="the folder for the HTML pages")
    r.add_argument("--root", default="exercises", help="the exercises folder (titles, order)")
    m = sub.add_parser("similarity", help="pairs of unusually similar submissions (HTML)",
                       description="Per exercise, flag pairs of submissions whose code is "
                       "unusually similar, ignoring the starter and the course's code; writes "
                       "<out>/index.html, pairs.csv and side-by-side pages. It flags, it never "
                       "accuses. See docs/lms-and-reports.md.")  # fmt: skip
    m.add_argument("files", nargs="+", metavar="INPUT", help="the inputs of grade")
    m.add_argument("--out", required=True, help="the folder for the report")
    m.add_argument("--exercise", help="exercise id (needed for bare .py files)")
    m.add_argument("--root", default="exercises", help="the exercises folder")
    m.add_argument("--content", help="the lesson pages (default: content/ beside --root)")
    m.add_argument("--boilerplate", action="append", default=[], metavar="FILE.py",
                   help="more code every student was given (repeatable)")  # fmt: skip
    m.add_argument("--threshold", type=float, default=0.5,
                   help="flag pairs at least this similar, 0..1 (default: 0.5)")  # fmt: skip
    m.add_argument("--top", type=int, default=20, help="pairs listed per exercise (default: 20)")
    m.add_argument("--common", type=int, default=None, metavar="N",
                   help="a passage in more than N submissions is common and ignored "
                   "(default: 10%% of them, at least 5)")  # fmt: skip
    args = parser.parse_args(argv)
    if args.command == "similarity":
        return similarity_command(args)
    if args.command == "report":
        return report_command(args)
    if args.command == "validate":
        from .validate import validate

        return validate(args.path, strict=args.strict)
    if args.command == "new":
        return new_command(args)
    from .distributed import DistributedError

    try:
        return grade_command(args)
    except DistributedError as exc:  # --scheduler or --resume only
        print(f"error: {exc}", file=sys.stderr)
        return 2


def report_command(args) -> int:
    from .classreport import report_from_files
    from .reports import OutputError

    try:
        written, warnings = report_from_files(args.files, args.out, root=args.root)
    except OutputError as exc:
        for p in exc.problems:
            print(f"error: {p}", file=sys.stderr)
        return 2
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    if written:
        print(f"wrote {len(written)} page(s): {os.path.join(args.out, 'index.html')}")
    return 0 if written and not warnings else 2


def similarity_command(args) -> int:
    from .reports import OutputError
    from .similarity import SimilarityError, run

    bad_common = args.common is not None and args.common < 1
    if not 0 <= args.threshold <= 1 or args.top < 1 or bad_common:
        print("error: --threshold must be from 0 to 1, --top and --common at least 1",
              file=sys.stderr)  # fmt: skip
        return 2
    try:
        written, warnings, results = run(
            args.files, args.out, exercise=args.exercise, root=args.root, content=args.content,
            extra=args.boilerplate, threshold=args.threshold, top=args.top, common=args.common)  # fmt: skip
    except SimilarityError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OutputError as exc:
        for p in exc.problems:
            print(f"error: {p}", file=sys.stderr)
        return 2
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    flagged = sum(len(r["pairs"]) for r in results.values())
    print(f"{flagged} pair(s) flagged over {len(results)} exercise(s): "
          f"{os.path.join(args.out, 'index.html')} (flags for a person to read, not verdicts)")  # fmt: skip
    return 0


def new_command(args) -> int:
    from .scaffold import PLACEHOLDER, ScaffoldError, new_exercise

    try:
        folder = new_exercise(
            args.page,
            args.id,
            kind=args.kind,
            functions=args.functions,
            root=args.root,
            course_yaml=args.course,
        )
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    print(f"wrote {folder.as_posix()}/: {', '.join(files)}")
    print(f"replace every {PLACEHOLDER} in them, then place the exercise on its page")
    print(f"(content/{args.page}.md) with this line of its own:")
    print()
    print(f"{{{{ exercise {args.id} }}}}")
    print()
    print(f"and prove it: python -m grader validate {folder.as_posix()}")
    return 0
