"""Canvas and Moodle gradebooks from a roster (grader/lms.py, `grade --roster`)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from grader.lms import RosterError, parse_roster, safe_cell
from tests.conftest import FIXTURES, ROOT
from tests.offline.conftest import NAIVE, SOLUTION, WRONG_AXIS


def _record(student, exercise, score, *, file=None, max_score=13):
    return {"student": student, "exercise": exercise, "file": file or f"class/{student}.json",
            "score": score, "max_score": max_score, "passed": score == max_score,
            "tests": [], "error": None, "stdout": "", "browser": None}  # fmt: skip


# A roster made from a Canvas export ("Student", "ID", ...) with a Submission column added.
ROSTER = """Student,ID,SIS User ID,SIS Login ID,Section,Email,Submission
Ada Lovelace,1017,S1017,ada,L01,ada@uni.example,ann; download (3).json
Alan Turing,1018,S1018,alan,L01,alan@uni.example,turing
Grace Hopper,1019,S1019,grace,L02,grace@uni.example,ghopper
Edsger Dijkstra,1020,S1020,edsger,L02,edsger@uni.example,edsger
"""

RECORDS = [
    _record("ann", "step_neuron", 13, file="class/ann/step_neuron.py"),  # folder name
    # The name the student typed on the site; matched by the export's file name.
    _record("Ada L.", "weighted_sum", 7, file="class/download (3).json"),
    _record("turing", "step_neuron", 4.5),  # a submission key
    _record("grace@uni.example", "weighted_sum", 13),  # typed their email: implicit key
    _record('=HYPERLINK("http://x")', "step_neuron", 13),  # nobody's: unmatched, escaped
    _record("Alan Turnig", "weighted_sum", 2),  # a typo: unmatched, closest name offered
]


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture
def graded(tmp_path):
    """The LMS files of RECORDS for ROSTER, and the line printed for the TA."""
    from grader.lms import report_line, write_lms

    roster = parse_roster(ROSTER, "roster.csv")
    written, book = write_lms(tmp_path, RECORDS, ["step_neuron", "weighted_sum"], roster)
    names = sorted(os.path.basename(p) for p in written)
    assert names == ["canvas.csv", "moodle.csv", "no-submission.csv", "unmatched.csv"]
    return tmp_path / "lms", report_line(book, tmp_path)


def test_canvas_csv_has_the_import_columns_and_the_roster_scores(graded):
    lms, _ = graded
    rows = _rows((lms / "canvas.csv").read_text(encoding="utf-8"))
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section",
                       "step_neuron", "weighted_sum"]  # fmt: skip
    assert rows[1] == ["Points Possible", "", "", "", "", "13", "13"]
    body = {r[0]: r for r in rows[2:]}
    # Every roster student has a row (sorted by name); blank: no submission of that exercise.
    assert [r[0] for r in rows[2:]] == ["Ada Lovelace", "Alan Turing", "Edsger Dijkstra",
                                        "Grace Hopper"]  # fmt: skip
    assert body["Ada Lovelace"] == ["Ada Lovelace", "1017", "S1017", "ada", "L01", "13", "7"]
    assert body["Alan Turing"][5:] == ["4.5", ""]
    assert body["Grace Hopper"][5:] == ["", "13"]
    assert body["Edsger Dijkstra"][5:] == ["", ""]


def test_moodle_csv_has_the_identity_columns_the_roster_has(graded):
    lms, _ = graded
    rows = _rows((lms / "moodle.csv").read_text(encoding="utf-8"))
    # The roster has email and Canvas ids but no username or ID number.
    assert rows[0] == ["Full name", "Email address", "User ID", "step_neuron", "weighted_sum"]
    body = {r[1]: r[2:] for r in rows[1:]}
    assert body["ada@uni.example"] == ["1017", "13", "7"]
    assert body["alan@uni.example"] == ["1018", "4.5", ""]
    assert len(rows) == 5


def test_unmatched_and_missing_are_listed(graded):
    lms, stderr = graded
    unmatched = list(csv.DictReader(io.StringIO((lms / "unmatched.csv").read_text())))
    by_student = {u["student"]: u for u in unmatched}
    # The formula-like name is written as text, never as a formula.
    assert set(by_student) == {'\'=HYPERLINK("http://x")', "Alan Turnig"}
    assert by_student["Alan Turnig"]["closest_roster_name"] == "Alan Turing"
    assert "no roster row" in by_student["Alan Turnig"]["reason"]
    assert by_student["Alan Turnig"]["exercises"] == "weighted_sum"
    missing = list(csv.DictReader(io.StringIO((lms / "no-submission.csv").read_text())))
    assert [(m["name"], m["email"], m["roster_row"]) for m in missing] == [
        ("Edsger Dijkstra", "edsger@uni.example", "5")
    ]
    assert "3 of 4 student(s) have graded work" in stderr
    assert "2 submitter(s) not placed" in stderr


def test_two_submissions_for_one_student_leave_the_cell_blank():
    from grader.lms import Gradebook

    work = [_record("ann", "step_neuron", 13), _record("Ada L.", "step_neuron", 2, file="x/a.json")]
    # "Ada L." is no key of Ada's: unmatched, and "ann" alone fills the cell.
    book = Gradebook(parse_roster(ROSTER, "r.csv"), work, ["step_neuron"])
    assert dict((s["name"], v) for s, v in book.rows())["Ada Lovelace"] == [13]
    assert [u["student"] for u in book.unmatched] == ["Ada L."]
    # Once both name Ada, neither is guessed at: the cell stays blank and both are listed.
    roster = parse_roster(ROSTER.replace("ann; download", "ann; Ada L.; download"), "r.csv")
    book = Gradebook(roster, work, ["step_neuron"])
    assert dict((s["name"], v) for s, v in book.rows())["Ada Lovelace"] == [None]
    assert [u["student"] for u in book.unmatched] == ["Ada L.", "ann"]
    assert all("left blank" in u["reason"] for u in book.unmatched)


@pytest.mark.parametrize(
    "cell, expected",
    [("=1+1", "'=1+1"), ("+33 1 23", "'+33 1 23"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
     ("\tx", "'\tx"), ("\rx", "'\rx"), ("Ada", "Ada"), ("a=b", "a=b"), ("", "")],
)  # fmt: skip
def test_safe_cell(cell, expected):
    assert safe_cell(cell) == expected


def test_every_roster_problem_is_reported_with_its_row():
    bad = ("Name,Email,Submission\n"
           "Ada,ada@x,ann\n"
           "Bob,,bob\n"  # no identity
           "Cy,cy@x,\n"  # no key
           "Di,di@x,ANN\n"  # a key already Ada's (keys compare without case)
           "Ed,ed@x,ed,extra\n")  # fmt: skip
    with pytest.raises(RosterError) as info:
        parse_roster(bad, "r.csv")
    problems = info.value.problems
    assert len(problems) == 4, problems
    assert problems[0].startswith("r.csv: row 3: no LMS identity")
    assert problems[1] == "r.csv: row 4: column 'submission' is empty"
    assert problems[2].startswith("r.csv: row 5: submission key 'ANN' is also row 2's")
    assert problems[3] == "r.csv: row 6: 4 cells, the header has 3"


@pytest.mark.parametrize(
    "text, fragment",
    [("", "empty file"), ("Name,Email\nAda,a@x\n", "no 'submission' column"),
     ("Name,Submission\nAda,ann\n", "no LMS identity column"),
     ("Email,Submission\n", "no students")],
)  # fmt: skip
def test_unusable_rosters(text, fragment):
    with pytest.raises(RosterError, match=fragment):
        parse_roster(text, "r.csv")


def test_moodle_names_and_duplicate_rows_merge():
    roster = parse_roster(
        "First name,Last name,Email address,ID number,Submission\n"
        "Ada,Lovelace,ada@x,77,ann\nAda,Lovelace,ada@x,77,Ada Lovelace\n",
        "m.csv",
    )
    assert [s["name"] for s in roster.students] == ["Ada Lovelace"]
    assert len(roster.keys) == 2


def test_a_bad_roster_stops_before_grading(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("Name,Submission\nAda,ann\n")
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "grader", "grade", str(tmp_path / "none.jsonl"), "--roster",
         str(roster), "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 2
    assert (
        proc.stderr.strip() == f"error: {roster}: no LMS identity column: expected one of "
        "id, sis_user_id, sis_login_id, email, username, id_number"
    )
    assert not out.exists()


def test_grade_with_a_roster_writes_the_lms_files(tmp_path):
    """A real class graded with --roster: folder names, an export's file name and a typed
    email find their students; the rest is listed."""
    cls = tmp_path / "class"
    (cls / "ann").mkdir(parents=True)
    (cls / "ann" / "fx_softmax.py").write_text(SOLUTION)
    export = {"format": "nprl-work/1", "student": "Ada L.",
              "exercises": {"fx_softmax": {"code": WRONG_AXIS}}}  # fmt: skip
    (cls / "download (3).json").write_text(json.dumps(export))
    (cls / "turing.py").write_text(NAIVE)
    (cls / "grace@uni.example.py").write_text(WRONG_AXIS)
    (cls / "=1+2.py").write_text(SOLUTION)
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER.replace("ann; download (3).json", "ann"))
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "grader", "grade", str(cls), "--exercise", "fx_softmax",
         "--root", str(FIXTURES), "--roster", str(roster), "--out", str(out), "--sandbox",
         "none", "-j", "2", "--no-progress"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    rows = _rows((out / "lms" / "canvas.csv").read_text(encoding="utf-8"))
    assert rows[:2] == [["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "fx_softmax"],
                        ["Points Possible", "", "", "", "", "6"]]  # fmt: skip
    scores = {r[0]: r[5] for r in rows[2:]}
    assert scores == {"Ada Lovelace": "6", "Alan Turing": "4", "Grace Hopper": "4",
                      "Edsger Dijkstra": ""}  # fmt: skip
    unmatched = list(csv.DictReader(io.StringIO((out / "lms" / "unmatched.csv").read_text())))
    assert sorted(u["student"] for u in unmatched) == ["'=1+2", "Ada L."]
    assert "3 of 4 student(s) have graded work" in proc.stderr
