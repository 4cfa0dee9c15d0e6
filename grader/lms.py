"""Gradebooks an LMS imports as they are: Canvas and Moodle CSVs filled from a roster.

Standard library only. A roster is a CSV the TA keeps (or makes from the LMS's own export)
with a header row; each row maps one or more submission keys to one LMS user:

    submission,name,id,sis_user_id,sis_login_id,email,section
    ann; Ada Lovelace,Ada Lovelace,1017,S1017,ada,ada@uni.example,L01

`submission` holds the keys that may name that student's work, separated by `;`: an
export's file name (`download (3).json`) or stem, a folder or file name of the class
folder (`ann`), or the name the student typed on the site (`Ada Lovelace`). Besides these,
a submission whose student name equals a roster row's email, SIS login, username or full
name matches that row when no other row shares the value. Column names are matched without
case, spaces or punctuation (`SIS User ID` = `sis_user_id`), so a Canvas or Moodle export
with a `submission` column added is a roster.

`write_lms` writes `lms/canvas.csv`, `lms/moodle.csv`, `lms/unmatched.csv` (graded work no
roster row claims, or claimed twice) and `lms/no-submission.csv` (roster students with no
graded work). Every text cell is formula-safe (`safe_cell`).
"""

from __future__ import annotations

import csv
import difflib
import io
import os
import unicodedata

from .reports import _FORMULA, _number, total_score, write_files

FORMATS = ("canvas", "moodle")
# roster column (normalised) -> field; the first spelling listed is the documented one
COLUMNS = {
    "submission": "submission", "submissions": "submission",
    "name": "name", "student": "name", "fullname": "name", "studentname": "name",
    "firstname": "first_name", "lastname": "last_name", "surname": "last_name",
    "id": "id", "userid": "id", "canvasid": "id", "moodleid": "id",
    "sisuserid": "sis_user_id", "sisloginid": "sis_login_id",
    "email": "email", "emailaddress": "email",
    "username": "username",
    "idnumber": "id_number",
    "section": "section",
}  # fmt: skip
IDENTITY = ("id", "sis_user_id", "sis_login_id", "email", "username", "id_number")
IMPLICIT = ("email", "sis_login_id", "username", "name")  # a typed student name may be these
CANVAS_IDS = ("id", "sis_user_id", "sis_login_id")
MOODLE_IDS = (("email", "Email address"), ("username", "Username"), ("id_number", "ID number"),
              ("id", "User ID"))  # fmt: skip


class RosterError(ValueError):
    """A roster that cannot be used; `problems` holds one line per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def safe_cell(value) -> str:
    """A CSV text cell a spreadsheet shows as text: one starting with =, +, -, @, tab or CR
    (a formula to Excel, LibreOffice and Google Sheets) gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def match_key(text) -> str:
    """How a name is compared: Unicode NFKC, case-folded, runs of white space as one."""
    return " ".join(unicodedata.normalize("NFKC", str(text)).casefold().split())


def _column(header: str) -> str:
    return "".join(ch for ch in match_key(header) if ch.isalnum())


class Roster:
    """The students of a course as the LMS knows them, and the keys that name their work."""

    def __init__(self, path: str, students: list[dict], keys: dict[str, int]):
        self.path = path
        self.students = students  # each: the IDENTITY fields, name, section, row
        self.keys = keys  # match_key(submission key) -> index into students
        self.implicit: dict[str, int | None] = {}  # None: shared by several students
        for i, s in enumerate(students):
            for field in IMPLICIT:
                if s[field]:
                    k = match_key(s[field])
                    self.implicit[k] = i if self.implicit.get(k, i) == i else None

    def has(self, field: str) -> bool:
        return any(s[field] for s in self.students)


def parse_roster(text: str, path: str) -> Roster:
    """Parse a roster CSV; RosterError lists every bad row (file, row, what is wrong)."""
    problems: list[str] = []
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows or not any(c.strip() for c in rows[0]):
        raise RosterError([f"{path}: empty file (expected a header row with 'submission')"])
    fields = [COLUMNS.get(_column(h)) for h in rows[0]]
    if "submission" not in fields:
        raise RosterError([f"{path}: no 'submission' column (header: {', '.join(rows[0])})"])
    if not set(fields) & set(IDENTITY):
        raise RosterError([f"{path}: no LMS identity column: expected one of id, sis_user_id, "
                           f"sis_login_id, email, username, id_number"])  # fmt: skip
    students: list[dict] = []
    by_identity: dict[tuple, int] = {}
    keys: dict[str, int] = {}
    owner: dict[tuple[str, str], int] = {}  # (field, value) -> student, for uniqueness
    key_row: dict[str, int] = {}
    for n, row in enumerate(rows[1:], 2):
        if not any(c.strip() for c in row):
            continue
        if len(row) > len(fields):
            problems.append(f"{path}: row {n}: {len(row)} cells, the header has {len(fields)}")
            continue
        got: dict[str, str] = {}
        for field, cell in zip(fields, row):
            if field and cell.strip():
                got.setdefault(field, " ".join(cell.split()))
        if not got.get("name") and (got.get("first_name") or got.get("last_name")):
            got["name"] = " ".join(filter(None, (got.get("first_name"), got.get("last_name"))))
        subs = [k.strip() for k in got.get("submission", "").split(";") if k.strip()]
        if not subs:
            problems.append(f"{path}: row {n}: column 'submission' is empty")
            continue
        identity = tuple(got.get(f, "") for f in IDENTITY)
        if not any(identity):
            problems.append(f"{path}: row {n}: no LMS identity (id, sis_user_id, "
                            f"sis_login_id, email, username or id_number) for {subs[0]!r}")  # fmt: skip
            continue
        index = by_identity.get(identity)
        if index is None:
            index = len(students)
            clash = [(f, v) for f, v in zip(IDENTITY, identity) if v and (f, v) in owner]
            if clash:
                f, v = clash[0]
                other = students[owner[(f, v)]]
                problems.append(f"{path}: row {n}: {f} {v!r} is already row {other['row']}'s, "
                                "whose other ids differ (one student per LMS user)")  # fmt: skip
                continue
            by_identity[identity] = index
            students.append({**dict(zip(IDENTITY, identity)), "name": got.get("name", ""),
                             "section": got.get("section", ""), "row": n})  # fmt: skip
            for f, v in zip(IDENTITY, identity):
                if v:
                    owner[(f, v)] = index
        for sub in subs:
            k = match_key(sub)
            if keys.get(k, index) != index:
                problems.append(f"{path}: row {n}: submission key {sub!r} is also row "
                                f"{key_row[k]}'s (a key must name one student)")  # fmt: skip
                continue
            keys[k], key_row[k] = index, n
    if problems:
        raise RosterError(problems)
    if not students:
        raise RosterError([f"{path}: no students (only a header row)"])
    return Roster(path, students, keys)


def load_roster(path) -> Roster:
    """Read and parse a roster file; RosterError (naming the file) if it cannot be used."""
    from .batch import read_text

    text, problem = read_text(path)
    if problem is not None:
        raise RosterError([problem])
    return parse_roster(text, os.fspath(path))


def _record_keys(rec: dict) -> list[str]:
    """What may name a record's student: the gradebook row name, the file's name and stem."""
    file = str(rec.get("file") or "")
    base = os.path.basename(file.rstrip("/"))
    out = [str(rec["student"]), base, os.path.splitext(base)[0]]
    return list(dict.fromkeys(match_key(k) for k in out if k))


def match(roster: Roster, rec: dict) -> tuple[int | None, str]:
    """(student index, "") or (None, why no single roster student claims this record)."""
    found = {roster.keys[k] for k in _record_keys(rec) if k in roster.keys}
    if not found:
        k = match_key(rec["student"])
        if k in roster.implicit:
            if roster.implicit[k] is None:
                return None, f"{rec['student']!r} is the name or email of several roster students"
            found = {roster.implicit[k]}
    if len(found) > 1:
        rows = ", ".join(str(roster.students[i]["row"]) for i in sorted(found))
        return None, f"matches several roster rows ({rows}); give each key to one student"
    if not found:
        return None, "no roster row has this student or file name in 'submission'"
    return found.pop(), ""


def _label(student: dict) -> str:
    return student["name"] or next(student[f] for f in IDENTITY if student[f])


def _closest(roster: Roster, name: str) -> str:
    labels = {match_key(_label(s)): _label(s) for s in roster.students}
    labels.update({k: _label(roster.students[i]) for k, i in roster.keys.items()})
    close = difflib.get_close_matches(match_key(name), list(labels), n=1, cutoff=0.6)
    return labels[close[0]] if close else ""


class Gradebook:
    """Scores per (roster student, exercise), and what could not be placed."""

    def __init__(self, roster: Roster, records: list[dict], exercises: list[str]):
        self.roster, self.exercises = roster, exercises
        self.cells: dict[tuple[int, str], float] = {}
        self.unmatched: list[dict] = []  # student, files, exercises, reason, closest
        claims: dict[tuple[int, str], list[dict]] = {}
        lost: dict[tuple[str, str], list[dict]] = {}
        for rec in sorted(records, key=lambda r: (str(r["student"]), str(r["exercise"]))):
            i, why = match(roster, rec)
            if i is None:
                lost.setdefault((str(rec["student"]), why), []).append(rec)
            else:
                claims.setdefault((i, str(rec["exercise"])), []).append(rec)
        for (i, ex), recs in sorted(claims.items()):
            if len(recs) == 1:
                self.cells[(i, ex)] = total_score(recs[0])
                continue
            names = ", ".join(repr(str(r["student"])) for r in recs)
            why = (f"{len(recs)} submissions of {ex} map to roster row "
                   f"{roster.students[i]['row']} ({names}); the cell is left blank")  # fmt: skip
            for r in recs:
                lost.setdefault((str(r["student"]), why), []).append(r)
        for (student, why), recs in sorted(lost.items()):
            self.unmatched.append({
                "student": student,
                "files": "; ".join(sorted({str(r.get("file") or "") for r in recs})),
                "exercises": "; ".join(sorted({str(r["exercise"]) for r in recs})),
                "reason": why,
                "closest": _closest(roster, student) if why.startswith("no roster") else "",
            })  # fmt: skip
        submitted = {i for i, _ in claims}
        self.missing = [s for i, s in enumerate(roster.students) if i not in submitted]

    def rows(self):
        """(roster student, [score or None per exercise]) sorted by name, then row."""
        order = sorted(range(len(self.roster.students)),
                       key=lambda i: (match_key(_label(self.roster.students[i])), i))  # fmt: skip
        for i in order:
            yield self.roster.students[i], [self.cells.get((i, e)) for e in self.exercises]


def _csv(rows) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    for row in rows:
        writer.writerow(row)
    return buf.getvalue()


def _score(value) -> str:
    return "" if value is None else _number(value)


def canvas_csv(book: Gradebook, points: list) -> str:
    """Canvas's gradebook import: Student, ID, SIS User ID, SIS Login ID, Section, one column
    per exercise (a new name makes a new assignment), a Points Possible row first."""
    head = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    rows = [head + [safe_cell(e) for e in book.exercises],
            ["Points Possible", "", "", "", ""] + [_score(p) for p in points]]  # fmt: skip
    for s, scores in book.rows():
        ids = [safe_cell(s[f]) for f in CANVAS_IDS]
        rows.append([safe_cell(s["name"]), *ids, safe_cell(s["section"])]
                    + [_score(v) for v in scores])  # fmt: skip
    return _csv(rows)


def moodle_csv(book: Gradebook) -> str:
    """Moodle's "Import grades: CSV file": the identity columns the roster has (map one to
    useremail, username, useridnumber or userid), then one column per exercise."""
    ids = [(f, title) for f, title in MOODLE_IDS if book.roster.has(f)]
    rows = [["Full name", *(t for _, t in ids), *(safe_cell(e) for e in book.exercises)]]
    for s, scores in book.rows():
        rows.append([safe_cell(s["name"]), *(safe_cell(s[f]) for f, _ in ids)]
                    + [_score(v) for v in scores])  # fmt: skip
    return _csv(rows)


def unmatched_csv(book: Gradebook) -> str:
    rows = [["student", "files", "exercises", "reason", "closest_roster_name"]]
    rows += [[safe_cell(u[k]) for k in ("student", "files", "exercises", "reason", "closest")]
             for u in book.unmatched]  # fmt: skip
    return _csv(rows)


def no_submission_csv(book: Gradebook) -> str:
    rows = [["roster_row", "name", *IDENTITY, "section"]]
    rows += [[str(s["row"]), *(safe_cell(s[f]) for f in ("name", *IDENTITY, "section"))]
             for s in book.missing]  # fmt: skip
    return _csv(rows)


def max_points(exercises: list[str], records: list[dict], bundles: dict | None) -> list:
    """Each exercise's points: the spec's, else the largest max_score recorded."""
    out = []
    for ex in exercises:
        if bundles and ex in bundles:
            out.append(bundles[ex]["points"])
        else:
            out.append(max((r["max_score"] for r in records if r["exercise"] == ex), default=None))
    return out


def notes(book: Gradebook, formats=FORMATS) -> list[str]:
    """Warnings for the TA: students the chosen LMS cannot identify."""
    out = []
    for s in book.roster.students:
        if "canvas" in formats and not any(s[f] for f in CANVAS_IDS):
            out.append(f"{book.roster.path}: row {s['row']}: no id, sis_user_id or sis_login_id"
                       " for Canvas; Canvas will not find this student")  # fmt: skip
    if "moodle" in formats and not any(book.roster.has(f) for f, _ in MOODLE_IDS):
        out.append(f"{book.roster.path}: no email, username, id_number or id column for Moodle")
    return out


def write_lms(
    out_dir,
    records: list[dict],
    exercises: list[str],
    roster: Roster,
    *,
    bundles: dict | None = None,
    formats=FORMATS,
) -> tuple[list[str], Gradebook]:
    """Write lms/<format>.csv, lms/unmatched.csv and lms/no-submission.csv under out_dir;
    return the paths written (sorted) and the gradebook (for its counts)."""
    book = Gradebook(roster, records, exercises)
    files = {"unmatched.csv": unmatched_csv(book), "no-submission.csv": no_submission_csv(book)}
    if "canvas" in formats:
        files["canvas.csv"] = canvas_csv(book, max_points(exercises, records, bundles))
    if "moodle" in formats:
        files["moodle.csv"] = moodle_csv(book)
    written = write_files(out_dir, {f"lms/{name}": text for name, text in files.items()})
    return written, book


def report_line(book: Gradebook, out_dir) -> str:
    """One line for the terminal: how many students and submissions were placed."""
    placed = len(book.roster.students) - len(book.missing)
    lms = os.path.join(out_dir, "lms")
    return (f"roster: {placed} of {len(book.roster.students)} student(s) have graded work; "
            f"{len(book.unmatched)} submitter(s) not placed ({lms}/unmatched.csv), "
            f"{len(book.missing)} student(s) without a submission ({lms}/no-submission.csv)")  # fmt: skip
