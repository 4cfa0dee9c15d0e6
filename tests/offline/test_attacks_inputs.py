"""Inputs that cost only themselves: every malformed, linked or planted file becomes a
warning naming it, everyone else is graded, nothing is followed or blocks, earlier
results merge only from --merge and only when they check out, and what a TA opens
(CSV, terminal, text files) cannot run or print anything a student wrote."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import threading

import pytest

from grader import batch, reports
from tests.conftest import FIXTURES, ROOT
from tests.offline.conftest import NAIVE, SOLUTION

SECRET = "AKIA-not-a-real-credential-4242"
TIMEOUT = 300  # s for one CLI run: far more than it needs; a hang fails instead of blocking


def _export(exercises, **extra):
    return json.dumps({"format": "nprl-work/1", "course_version": "1", "exercises": exercises,
                       **extra})  # fmt: skip


def _notebook(source):
    cell = {"cell_type": "code", "metadata": {"nprl": {"exercise": "fx_softmax"}},
            "source": source}  # fmt: skip
    return json.dumps({"cells": [cell]})


def _sandbox() -> str:
    from grader.sandbox import SandboxUnavailable, resolve

    try:
        resolve("bwrap")
    except SandboxUnavailable:
        return "none"
    return "bwrap"


def grade(*args):
    return subprocess.run(
        [sys.executable, "-m", "grader", "grade", *map(str, args), "--root", str(FIXTURES),
         "--no-progress", "--jobs", "1", "--sandbox", _sandbox()],
        capture_output=True, text=True, cwd=ROOT, timeout=TIMEOUT,
    )  # fmt: skip


def _warned(found_or_text, name, fragment):
    lines = found_or_text if isinstance(found_or_text, list) else found_or_text.splitlines()
    return any(name in w and fragment in w for w in lines)


# ---------------------------------------------------------------- malformed files

# file name -> (bytes, fragment of its warning)
MALFORMED = {
    "ints.ipynb": (_notebook([1, 2, 3]).encode(), "source must be text or a list of strings, got a list holding int"),
    "deep.json": (b'{"format": "nprl-work/1", "exercises": ' + b"[" * 200_000 + b"]" * 200_000 + b"}",
                  "nested too deeply to read"),
    "deep.ipynb": (b"[" * 200_000 + b"]" * 200_000, "nested too deeply to read"),
    "latin1.json": (_export({"fx_softmax": {"code": "x = 1"}}).encode().replace(b"x = 1", b"\xe9 = 1"),
                    "not UTF-8 text (invalid byte at position"),
    "cells.ipynb": (json.dumps({"cells": {"a": 1}}).encode(), "not a notebook (no 'cells' list)"),
    "answers.json": (_export({"fx_softmax": {"answers": {"a": json.loads("[" * 22 + "]" * 22)}}}).encode(),
                     "answers is nested more than 20 levels deep"),
    "long.json": (_export({"fx_softmax": {"code": "x = 1\n" * 200_000}}).encode(),
                  "exercises.fx_softmax.code is 1200000 characters long"),
    "null.json": (b"null", "not a 'Download my work' file"),
}  # fmt: skip


@pytest.fixture
def bad_class(tmp_path):
    """A class folder of two honest students and every kind of bad input."""
    cls = tmp_path / "class"
    (cls / "ann").mkdir(parents=True)
    (cls / "ann" / "fx_softmax.py").write_text(SOLUTION)
    (cls / "bob.json").write_text(_export({"fx_softmax": {"code": NAIVE}}))
    for name, (data, _) in MALFORMED.items():
        (cls / name).write_bytes(data)
    return cls


def test_every_malformed_file_is_a_warning_naming_it(bad_class):
    found = batch.collect([bad_class])
    assert {(j["student"], j["exercise"]) for j in found.jobs} == {("ann", "fx_softmax"),
                                                                  ("bob", "fx_softmax")}  # fmt: skip
    for name, (_, fragment) in MALFORMED.items():
        assert _warned(found.warnings, name, fragment), (name, found.warnings)
    assert found.unreadable


def test_a_huge_file_is_refused_without_being_read(tmp_path, monkeypatch):
    huge = tmp_path / "huge.json"
    with huge.open("wb") as f:  # sparse: 100 GiB that take no disk, and no time if unread
        f.truncate(100 * 1024**3)
    text, problem = batch.read_text(huge)
    assert text is None and f"{huge}: too large (107374182400 bytes" in problem
    monkeypatch.setattr(batch, "MAX_INPUT_BYTES", 1000)
    small = tmp_path / "small.json"
    small.write_text(_export({"fx_softmax": {"code": "#" * 2000}}))
    found = batch.collect([small])
    assert not found.jobs and _warned(found.warnings, "small.json", "too large")


def test_the_class_is_graded_around_its_bad_inputs(bad_class):
    proc = grade(bad_class, "--json")
    assert proc.returncode == 2, proc.stderr  # some inputs could not be read
    records = {r["student"]: r for r in map(json.loads, proc.stdout.splitlines())}
    assert set(records) == {"ann", "bob"}
    assert records["ann"]["passed"] and records["ann"]["score"] == 6
    assert not records["bob"]["passed"] and 0 < records["bob"]["score"] < 6
    for name, (_, fragment) in MALFORMED.items():
        assert _warned(proc.stderr, f"warning: {bad_class / name}", fragment), (name, proc.stderr)


# ------------------------------------------------------- links, FIFOs, special files


@pytest.fixture
def linked_class(tmp_path):
    """Honest ann, and entries that point at the solution, a credentials file, a FIFO."""
    creds = tmp_path / "credentials"
    creds.write_text(f"{SECRET}\nsecond line\n")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "fx_softmax.py").write_text(SOLUTION)
    cls = tmp_path / "class"
    (cls / "ann").mkdir(parents=True)
    (cls / "ann" / "fx_softmax.py").write_text(SOLUTION)
    (cls / "eve").mkdir()
    (cls / "eve" / "fx_softmax.py").symlink_to(FIXTURES / "fx-page" / "fx_softmax" / "solution.py")
    (cls / "mal").mkdir()
    (cls / "mal" / "fx_softmax.py").symlink_to(creds)
    (cls / "sly.py").symlink_to(creds)
    (cls / "zed").symlink_to(outside, target_is_directory=True)
    os.mkfifo(cls / "pipe.json")
    os.mkfifo(cls / "ann" / "work.ipynb")
    return cls, creds


LINK_WARNINGS = [
    ("eve/fx_softmax.py", "a symbolic link: refused (links are never followed"),
    ("mal/fx_softmax.py", "a symbolic link: refused"),
    ("sly.py", "a symbolic link: refused"),
    ("zed", "a symbolic link: refused"),
    ("pipe.json", "a named pipe (FIFO), not a regular file: refused"),
    ("ann/work.ipynb", "a named pipe (FIFO), not a regular file: refused"),
]


def _collect_in_thread(paths, **kw):
    """batch.collect in a thread: a blocking open of a FIFO fails the test, not the run."""
    box = {}
    t = threading.Thread(target=lambda: box.update(found=batch.collect(paths, **kw)), daemon=True)
    t.start()
    t.join(60)
    assert not t.is_alive(), "collect blocked (on a FIFO?)"
    return box["found"]


def test_links_and_fifos_in_a_class_folder_are_refused_never_followed(linked_class):
    cls, _ = linked_class
    found = _collect_in_thread([cls], exercise="fx_softmax")
    assert [(j["student"], j["problem"]) for j in found.jobs] == [("ann", None)]
    for rel, fragment in LINK_WARNINGS:
        assert _warned(found.warnings, str(cls / rel), fragment), (rel, found.warnings)
    assert found.unreadable
    assert SECRET not in repr(found.jobs) + repr(found.warnings)


def test_linked_inputs_named_directly_are_refused_too(linked_class, tmp_path):
    cls, creds = linked_class
    found = _collect_in_thread(
        [cls / "sly.py", cls / "zed", cls / "pipe.json"], exercise="fx_softmax"
    )
    assert not found.jobs
    assert _warned(found.warnings, "sly.py", "symbolic link") and _warned(
        found.warnings, "zed", "symbolic link"
    )
    assert _warned(found.warnings, "pipe.json", "FIFO")
    text, problem = batch.read_text(cls / "sly.py")
    assert text is None and "symbolic link" in problem


def test_no_credential_or_solution_reaches_any_output(linked_class, tmp_path):
    cls, _ = linked_class
    out = tmp_path / "out"
    proc = grade(cls, "--exercise", "fx_softmax", "--out", out)
    assert proc.returncode == 2, proc.stderr
    book = list(csv.reader(io.StringIO((out / "gradebook.csv").read_text())))
    assert [row[0] for row in book[1:]] == ["ann"]  # eve's link to the solution: no marks
    everything = proc.stdout + proc.stderr
    everything += "".join(p.read_text() for p in out.rglob("*") if p.is_file())
    assert SECRET not in everything


def test_a_name_with_escape_sequences_is_refused_and_shown_escaped(tmp_path):
    cls = tmp_path / "class"
    cls.mkdir()
    (cls / "ann.py").write_text(SOLUTION)
    (cls / "\x1b]0;pwned\x07\x1b[2J.py").write_text(SOLUTION)
    (cls / "bidi\u202etxt.py").write_text(SOLUTION)
    (cls.joinpath(os.fsdecode(b"bad\xff.py"))).write_text(SOLUTION)
    proc = grade(cls, "--exercise", "fx_softmax")
    assert "\x1b" not in proc.stdout + proc.stderr and "\u202e" not in proc.stderr
    assert "\\x1b]0;pwned\\x07\\x1b[2J.py: its name holds control or invisible" in proc.stderr
    assert "bidi\\u202etxt.py: its name holds control" in proc.stderr
    assert "bad\\udcff.py: its name is not UTF-8 text" in proc.stderr
    assert proc.stdout.startswith(f"{cls / 'ann.py'}: 6/6 PASSED"), proc.stdout


# ------------------------------------------------------------ earlier results (merge)


@pytest.fixture(scope="module")
def earlier(tmp_path_factory, softmax_bundle):
    """A real results.jsonl of two students: ann passes, bob fails a test."""
    tmp = tmp_path_factory.mktemp("earlier")
    (tmp / "class").mkdir()
    (tmp / "class" / "ann.py").write_text(SOLUTION)
    (tmp / "class" / "bob.py").write_text(NAIVE)
    proc = grade(tmp / "class", "--exercise", "fx_softmax", "--out", tmp / "out")
    assert proc.returncode == 0, proc.stderr
    lines = (tmp / "out" / "results.jsonl").read_text().splitlines()
    return tmp, [json.loads(x) for x in lines]


def test_a_jsonl_in_the_class_folder_or_as_input_is_never_merged(earlier, tmp_path):
    tmp, records = earlier
    cls = tmp_path / "class"
    cls.mkdir()
    (cls / "cat.py").write_text(SOLUTION)
    forged = {**records[1], "student": "bob", "score": 6, "passed": True}
    (cls / "results.jsonl").write_text(json.dumps(forged) + "\n")
    proc = grade(cls, "--exercise", "fx_softmax", "--json")
    assert [json.loads(x)["student"] for x in proc.stdout.splitlines()] == ["cat"]
    assert f"warning: {cls / 'results.jsonl'}: not merged: earlier results are merged only " \
           "from a file named with --merge FILE.jsonl" in proc.stderr  # fmt: skip
    assert proc.returncode == 0  # (an ignored file, as any other stray file)
    proc = grade(cls / "results.jsonl", "--out", tmp_path / "o")
    assert proc.returncode == 2
    assert f"(here: --merge {cls / 'results.jsonl'})" in proc.stderr
    assert "bob" not in (tmp_path / "o" / "gradebook.csv").read_text()


def _bad_lines(records):
    ann, bob = records
    return {
        "invented student (not text)": ({**ann, "student": 12}, "key 'student': expected a student id"),
        "invented student (escape)": ({**ann, "student": "zed\x1b[2J"}, "key 'student': expected a student id"),
        "invented student (empty)": ({**ann, "student": " "}, "key 'student': expected a student id"),
        "score above max": ({**bob, "student": "bo2", "score": 600}, "key 'score': expected a number from 0 to 6, got 600"),
        "negative score": ({**bob, "student": "bo3", "score": -1}, "key 'score': expected a number from 0 to 6, got -1"),
        "null score": ({**bob, "student": "bo4", "score": None}, "key 'score': expected a number from 0 to 6, got null"),
        "bool score": ({**bob, "student": "bo5", "score": True}, "key 'score': expected a number from 0 to 6, got true"),
        "null tests": ({**bob, "student": "bo6", "tests": None, "score": 1}, "key 'score': 1, but its tests earn 0"),
        "max raised": ({**ann, "student": "an2", "max_score": 60, "score": 60}, "key 'max_score': expected 6"),
        "unknown exercise": ({**ann, "student": "an3", "exercise": "fx_nope"}, "key 'exercise': expected an exercise under the exercises root, got \"fx_nope\""),
        "missing key": ({k: v for k, v in ann.items() if k != "passed"}, "missing key(s) passed"),
        "unknown key": ({**ann, "student": "an4", "bonus": 5}, "unknown key 'bonus'"),
        "score its tests do not earn": ({**bob, "student": "bo7", "score": 6}, "key 'score': 6, but its tests earn"),
        "passed, not full marks": ({**bob, "student": "bo8", "passed": True}, "key 'passed': true, but the score is"),
        "tests renamed": ({**ann, "student": "an5", "tests": [{**t, "name": "x" + t["name"]} for t in ann["tests"]]},
                          "key 'tests': expected the hidden tests of 'fx_softmax'"),
        "test points raised": ({**ann, "student": "an6", "tests": [{**t, "points": 100} for t in ann["tests"]]},
                               "key 'tests': expected the hidden tests"),
        "error not an object": ({**bob, "student": "bo9", "error": "boom"}, "key 'error': expected null or an object"),
        "browser junk": ({**ann, "student": "an7", "browser": [1]}, "key 'browser': expected null"),
        "ta points on a code exercise": ({**ann, "student": "an8", "ta_points": {"q": 1}, "ta_score": 1},
                                         "key 'ta_points': 'q' is not a written (explain) question"),
        "not an object": ([ann], "expected a graded result (a JSON object), got [{"),
    }  # fmt: skip


def test_merged_results_are_checked_line_by_line(earlier, tmp_path):
    tmp, records = earlier
    bad = _bad_lines(records)
    lines = [json.dumps(records[0]), "{not json", json.dumps(records[1])]
    lines += [json.dumps(row) for row, _ in bad.values()]
    lines.append("[" * 100_000 + "]" * 100_000)
    merge = tmp_path / "earlier.jsonl"
    merge.write_text("\n".join(lines) + "\n")
    proc = grade("--merge", merge, "--out", tmp_path / "o")
    assert proc.returncode == 2, proc.stderr
    assert f"warning: {merge}: line 2: not JSON" in proc.stderr
    for n, (name, (_, fragment)) in enumerate(bad.items(), start=4):
        assert f"warning: {merge}: line {n}: not merged: {fragment}" in proc.stderr, (
            name,
            proc.stderr,
        )
    assert f"warning: {merge}: line {len(lines)}: nested too deeply to read" in proc.stderr
    book = list(csv.DictReader(io.StringIO((tmp_path / "o" / "gradebook.csv").read_text())))
    assert {r["Student"]: r["fx_softmax"] for r in book} == {
        "ann": str(records[0]["score"]), "bob": str(records[1]["score"])}  # fmt: skip
    assert "\x1b" not in proc.stderr and 'got "zed\\u001b[2J"' in proc.stderr


def test_a_clean_merge_gives_the_same_files_as_the_run_it_came_from(earlier, tmp_path):
    tmp, _ = earlier
    proc = grade("--merge", tmp / "out" / "results.jsonl", "--out", tmp_path / "o")
    assert proc.returncode == 0, proc.stderr
    for name in ("gradebook.csv", "results.jsonl", "summary.txt"):
        assert (tmp_path / "o" / name).read_bytes() == (tmp / "out" / name).read_bytes(), name


# ------------------------------------------------------------------ CSV formula cells

FORMULAS = ["=HYPERLINK(\"http://x\",\"a\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
            "\tTAB", "'=quoted"]  # fmt: skip


def test_formula_cells_are_escaped_and_read_back():
    for cell in FORMULAS:
        escaped = reports.escape_cell(cell)
        assert escaped.startswith("'") and reports.unescape_cell(escaped) == cell, cell
    for cell in ("ann", "6", "1.5", "O'Brien", "'plain"):
        assert reports.escape_cell(cell) == cell and reports.unescape_cell(cell) == cell
    assert reports.escape_cell("a\x1b[2Jb") == "a\\x1b[2Jb"


def test_a_student_id_that_is_a_formula_lands_escaped_in_the_gradebook(tmp_path):
    cls = tmp_path / "class"
    cls.mkdir()
    for i, name in enumerate(FORMULAS[:4]):
        (cls / f"s{i}.json").write_text(_export({"fx_softmax": {"code": SOLUTION}}, student=name))
    proc = grade(cls, "--out", tmp_path / "o")
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.reader(io.StringIO((tmp_path / "o" / "gradebook.csv").read_text())))
    firsts = sorted(row[0] for row in rows[1:])
    assert firsts == sorted("'" + n for n in FORMULAS[:4]), firsts
    for row in rows:
        assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in row), row


def test_the_review_sheet_is_escaped_and_its_key_columns_read_back(tmp_path):
    from grader.cli import _unescaped_sheet

    sheet = reports.escape_cell("=ann") + ",cpa_quiz,why,2\n"
    assert sheet.startswith("'=ann,")
    assert _unescaped_sheet("student,exercise,question,ta_points\n" + sheet).splitlines()[1] == (
        "=ann,cpa_quiz,why,2"
    )


# ------------------------------------------------------------------------ the outputs


def _records():
    return [{"student": "ann", "exercise": "fx_softmax", "file": "ann.py", "score": 6,
             "max_score": 6, "passed": True, "tests": [], "error": None, "stdout": "",
             "browser": None}]  # fmt: skip


def test_a_fifo_at_the_gradebook_path_is_refused_without_blocking(tmp_path, earlier):
    tmp, _ = earlier
    out = tmp_path / "o"
    out.mkdir()
    os.mkfifo(out / "gradebook.csv")
    proc = grade("--merge", tmp / "out" / "results.jsonl", "--out", out)  # (TIMEOUT: a hang fails)
    assert proc.returncode == 2
    assert (
        f"error: {out / 'gradebook.csv'}: a named pipe (FIFO), not a regular file: refused"
        in proc.stderr
    )
    assert not (out / "results.jsonl").exists()  # checked first: nothing written


def test_a_fifo_planted_after_the_check_is_never_opened(tmp_path):
    out = tmp_path / "o"
    out.mkdir()
    fd = os.open(out, os.O_RDONLY)
    try:
        os.mkfifo(out / "gradebook.csv")
        done = []
        t = threading.Thread(target=lambda: done.append(_try_replace(fd)), daemon=True)
        t.start()
        t.join(30)
        assert done and "not a regular file: refused" in done[0]
    finally:
        os.close(fd)
    assert [p.name for p in out.iterdir()] == ["gradebook.csv"]  # the temp file is gone


def _try_replace(fd):
    try:
        reports._replace(fd, "gradebook.csv", b"x", "gradebook.csv")
    except reports.OutputError as exc:
        return str(exc)
    return "written"


@pytest.mark.parametrize("where", ["gradebook.csv", "feedback", "out"])
def test_a_link_at_an_output_path_is_refused_and_its_target_untouched(tmp_path, where):
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("precious")
    out = tmp_path / "o"
    if where == "out":
        out.symlink_to(victim, target_is_directory=True)
    else:
        out.mkdir()
        target = victim / "keep.txt" if where == "gradebook.csv" else victim
        (out / where).symlink_to(target)
    with pytest.raises(reports.OutputError) as err:
        reports.write_all(out, _records(), ["fx_softmax"])
    assert "a symbolic link" in str(err.value) and "refused" in str(err.value)
    assert [p.name for p in victim.iterdir()] == ["keep.txt"]
    assert (victim / "keep.txt").read_text() == "precious"


def test_outputs_are_replaced_not_written_through(tmp_path):
    out = tmp_path / "o"
    out.mkdir()
    other = tmp_path / "other.csv"
    other.write_text("someone else's file\n")
    os.link(other, out / "gradebook.csv")  # a hard link: writing in place would change both
    written = reports.write_all(out, _records(), ["fx_softmax"])
    assert str(out / "gradebook.csv") in written
    assert other.read_text() == "someone else's file\n"
    assert (out / "gradebook.csv").read_text().startswith("Student,fx_softmax,Total\nann,6,6")
    assert not [p for p in out.rglob(".*.tmp")]


# ---------------------------------------------------------- terminal escape sequences

ESCAPES = (
    "import sys\nprint('\\x1b]0;owned\\x07\\x1b[2J\\x1b[31mred')\n"
    "def softmax(x, axis=-1):\n    raise ValueError('\\x1b[2J\\x9b31m\\u202e cleared')\n"
)


def test_escape_sequences_from_student_code_never_reach_the_terminal(tmp_path):
    cls = tmp_path / "class"
    cls.mkdir()
    (cls / "ann.py").write_text(ESCAPES)
    (cls / "bob.py").write_text(SOLUTION)
    proc = grade(cls, "--exercise", "fx_softmax")
    assert proc.returncode == 0, proc.stderr
    shown = proc.stdout + proc.stderr
    for bad in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert bad not in shown, (bad, shown)
    assert "\\x1b[2J" in proc.stdout  # shown as text, so the TA sees what was tried
    proc = grade(cls, "--exercise", "fx_softmax", "--out", tmp_path / "o")
    shown = proc.stdout + (tmp_path / "o" / "summary.txt").read_text()
    shown += "".join(p.read_text() for p in (tmp_path / "o" / "feedback").iterdir())
    for bad in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert bad not in shown, bad
    raw = (tmp_path / "o" / "results.jsonl").read_bytes()
    assert b"\x1b" not in raw and "\x9b".encode() not in raw  # escaped as \u001b, \u009b
    (ann,) = [r for r in map(json.loads, raw.decode().splitlines()) if r["student"] == "ann"]
    assert "\x1b]0;owned" in ann["stdout"]  # the data itself is kept, for the record
