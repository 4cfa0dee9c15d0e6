"""Written (`explain`) quiz answers for a TA: a review sheet, and TA points merged back.

Standard library only. `python -m grader grade --out DIR` writes `ta-review.csv` (one row
per written answer, with a blank `ta_points` column) and `ta-review.md` (the same,
grouped by question, with the prompt, model answer and rubric once). The TA fills in
`ta_points` and passes the file back with `--ta-points FILE.csv`; every bad row is
reported naming the file and row, and nothing is written until the file is clean.
"""

from __future__ import annotations

import csv
import io

COLUMNS = ("student", "exercise", "question", "ta_points", "max_ta_points", "answer",
           "prompt", "rubric", "model_answer")  # fmt: skip
REQUIRED = ("student", "exercise", "question", "ta_points")


def written_questions(bundles: dict) -> dict[tuple[str, str], dict]:
    """(exercise id, question id) -> question, for every explain question of the quizzes."""
    out = {}
    for ex_id, bundle in bundles.items():
        if bundle.get("kind") != "quiz":
            continue
        for q in bundle.get("questions") or []:
            if q.get("type") == "explain":
                out[(ex_id, q["id"])] = q
    return out


def review_rows(records: list[dict], bundles: dict) -> list[dict]:
    """One row per (student, written question) with an answer, sorted; ta_points blank."""
    questions = written_questions(bundles)
    rows = []
    for rec in records:
        for t in rec.get("tests") or []:
            q = questions.get((str(rec["exercise"]), t.get("name")))
            answer = t.get("response")
            if q is None or type(answer) is not str or not answer.strip():
                continue
            rows.append(
                {
                    "student": str(rec["student"]),
                    "exercise": str(rec["exercise"]),
                    "question": q["id"],
                    "ta_points": "",
                    "max_ta_points": str(q.get("ta_points", 0)),
                    "answer": answer,
                    "prompt": " ".join(q.get("prompt", "").split()),
                    "rubric": "\n".join(f"- {line}" for line in q.get("rubric") or []),
                    "model_answer": q.get("model_answer", "").strip(),
                }
            )
    rows.sort(key=lambda r: (r["exercise"], r["question"], r["student"]))
    return rows


def review_csv(rows: list[dict]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([row[c] for c in COLUMNS])
    return buf.getvalue()


def _quoted(text: str) -> list[str]:
    return [f"> {line}" if line.strip() else ">" for line in text.splitlines()] or [">"]


def review_markdown(rows: list[dict]) -> str:
    """The review sheet to read: per question the prompt, model answer, rubric, then answers."""
    lines = ["# Written answers for TA review", ""]
    if not rows:
        return "\n".join([*lines, "No written answers were submitted.", ""])
    lines += [
        "Enter points in the `ta_points` column of `ta-review.csv`, then run "
        "`python -m grader grade ... --ta-points ta-review.csv`.",
        "",
    ]
    current = None
    for row in rows:
        key = (row["exercise"], row["question"])
        if key != current:
            current = key
            lines += [
                f"## {row['exercise']} / {row['question']} (up to {row['max_ta_points']} pt)",
                "",
                f"**Prompt.** {row['prompt']}",
                "",
                "**Model answer.**",
                "",
                *_quoted(row["model_answer"]),
                "",
                "**Rubric.**",
                "",
                row["rubric"],
                "",
            ]
        lines += [f"### {row['student']}", "", *_quoted(row["answer"]), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _points(text: str):
    try:
        value = float(text)
    except ValueError:
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return int(value) if value.is_integer() else value


def read_ta_points(path, text: str, records: list[dict], bundles: dict):
    """({(student, exercise, question): points}, problems naming the file and row).

    Rows with a blank `ta_points` are not graded yet and are skipped. A row must name a
    graded student's written answer; points are a number from 0 to the question's
    `ta_points`; a (student, exercise, question) may appear once.
    """
    problems: list[str] = []
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = reader.fieldnames or []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        return {}, [f"{path}: expected the columns {', '.join(REQUIRED)} in the header row, "
                    f"missing {', '.join(missing)} (got {', '.join(header) or 'nothing'})"]  # fmt: skip
    questions = written_questions(bundles)
    graded = {(str(r["student"]), str(r["exercise"])) for r in records}
    points: dict[tuple[str, str, str], object] = {}
    seen: dict[tuple[str, str, str], int] = {}
    for n, row in enumerate(reader, start=2):  # row 1 is the header
        where = f"{path}: row {n}"
        cells = {c: (row.get(c) or "").strip() for c in REQUIRED}
        if None in row:
            problems.append(f"{where}: more cells than columns in the header")
            continue
        if not cells["ta_points"]:
            continue
        key = (cells["student"], cells["exercise"], cells["question"])
        q = questions.get((cells["exercise"], cells["question"]))
        if q is None:
            problems.append(
                f"{where}: expected a written (explain) question, got exercise "
                f"{cells['exercise']!r} question {cells['question']!r}"
            )
            continue
        if (cells["student"], cells["exercise"]) not in graded:
            problems.append(
                f"{where}: no graded submission of {cells['exercise']!r} by "
                f"{cells['student']!r} in these inputs"
            )
            continue
        value = _points(cells["ta_points"])
        top = q.get("ta_points", 0)
        if value is None or not 0 <= value <= top:
            problems.append(
                f"{where}: key 'ta_points': expected a number from 0 to {top}, "
                f"got {cells['ta_points']!r}"
            )
            continue
        if key in seen:
            problems.append(f"{where}: the same answer was already given points in row {seen[key]}")
            continue
        seen[key] = n
        points[key] = value
    return points, problems


def apply_ta_points(records: list[dict], points: dict) -> list[dict]:
    """Records with `ta_points` ({question: points}) and `ta_score` (their sum) where given."""
    out = []
    for rec in records:
        mine = {q: p for (s, e, q), p in points.items()
                if (s, e) == (str(rec["student"]), str(rec["exercise"]))}  # fmt: skip
        if mine:
            rec = {**rec, "ta_points": dict(sorted(mine.items())), "ta_score": sum(mine.values())}
        out.append(rec)
    return out
