"""Offline grading outputs: gradebook CSV, JSON lines, Gradescope results, feedback, summary.

Standard library only. Every writer sorts its input and writes no timestamp, so grading
the same submissions twice gives byte-identical files. A graded result ("record") is
`grader.check`'s result plus "student", "file" and (from an export) "browser"; records
are self-contained, so records from several runs or machines merge by (student, exercise).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re

from . import tareview
from .quiz import earned_points

RECORD_KEYS = ("student", "exercise", "file", "score", "max_score", "passed", "tests",
               "error", "stdout", "browser")  # fmt: skip


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


def _safe_name(student: str) -> str:
    name = re.sub(r"[^A-Za-z0-9._@+-]+", "_", student).strip("._") or "student"
    return name[:120]


def _number(x) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def total_score(rec: dict):
    """A record's automatic score plus the points a TA gave its written answers."""
    return rec["score"] + rec.get("ta_score", 0)


def gradebook_csv(records: list[dict], exercises: list[str]) -> str:
    """One row per student: Student, one column per exercise (blank: no submission), Total."""
    students = sorted({r["student"] for r in records})
    scores = {(r["student"], r["exercise"]): total_score(r) for r in records}
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["Student", *exercises, "Total"])
    for s in students:
        cells = [scores.get((s, e)) for e in exercises]
        total = sum(c for c in cells if c is not None)
        writer.writerow([s, *("" if c is None else _number(c) for c in cells), _number(total)])
    return buf.getvalue()


def jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(r, sort_keys=True, ensure_ascii=False) + "\n" for r in records)


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
    return "\n".join(lines) + "\n"


def _write(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def write_all(out_dir, records: list[dict], exercises: list[str], *, bundles=None) -> list[str]:
    """Write every output into out_dir; return the paths written (sorted).

    With `bundles` (exercise id -> bundle) and any written quiz question among them, the
    TA review sheet is written too (grader/tareview.py).
    """
    records = sorted(records, key=lambda r: (r["student"], r["exercise"]))
    os.makedirs(out_dir, exist_ok=True)
    written = []

    def put(rel: str, text: str) -> None:
        path = os.path.join(out_dir, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        _write(path, text)
        written.append(path)

    put("gradebook.csv", gradebook_csv(records, exercises))
    put("results.jsonl", jsonl(records))
    put("summary.txt", summary(records, exercises))
    if bundles and tareview.written_questions(bundles):
        rows = tareview.review_rows(records, bundles)
        put("ta-review.csv", tareview.review_csv(rows))
        put("ta-review.md", tareview.review_markdown(rows))
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
        put(os.path.join("gradescope", name, "results.json"), gs)
        put(os.path.join("feedback", f"{name}.md"), feedback_markdown(student, recs))
    return sorted(written)
