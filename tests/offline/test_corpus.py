"""360 generated submissions (correct, wrong, hostile) in every input format, via the CLI.

Each verdict is known by construction: a reference solution earns full marks, a known bug
or a starter does not, a hostile submission earns 0. Grading twice (with 1 and 2 workers)
must give byte-identical output files.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.offline.conftest import HOSTILE, IN_PLACE, NAIVE, SOLUTION, WRONG_AXIS

STUDENTS = 120  # x 3 exercises; every kind and every cheap hostile one several times
CHEAP_HOSTILE = ["fake_print", "sys_exit", "os_exit_module", "fork", "patch_numpy", "segfault",
                 "kill_self", "forge_channel", "read_solution", "gc_walk", "patch_grader"]  # fmt: skip


def _softmax_case(i: int):
    kind = i % 6
    tag = f"# submission of student {i}\n"
    if kind in (0, 1):
        return tag + SOLUTION, {"score": 6, "passed": True}
    if kind == 2:
        return tag + NAIVE, {"score": 4, "passed": False, "failed": ["large_values"]}
    if kind == 3:
        # Every call checks its input is left alone, so all three tests catch the shift.
        failed = ["one_row", "large_values", "axis_zero"]
        return tag + IN_PLACE, {"score": 0, "passed": False, "failed": failed}
    if kind == 4:
        return tag + WRONG_AXIS, {"score": 4, "passed": False, "failed": ["axis_zero"]}
    name = CHEAP_HOSTILE[(i // 6) % len(CHEAP_HOSTILE)]
    return HOSTILE[name][0], {"score": 0, "passed": False, "hostile": name}


def _stable(bundle: dict, name: str, _seen: dict = {}) -> bool:  # noqa: B006 (a cache)
    """A known bug whose messages repeat exactly (some draw from OS entropy on purpose)."""
    import grader

    key = (bundle["id"], name)
    if key not in _seen:
        request = {"action": "check", "exercise": bundle, "code": bundle["bugs"][name]}
        _seen[key] = grader.check(request) == grader.check(request)
    return _seen[key]


def _real_case(bundle: dict, i: int):
    if (i // 3) % 2 == 0:
        return bundle["solution"], {"passed": True, "score": bundle["points"]}
    names = sorted(bundle.get("bugs") or {})
    # Only the bug a student is given is checked for stable messages (checking every bank
    # twice cost minutes once the course had 13 pages).
    for k in range(len(names)):
        name = names[(i + k) % len(names)]
        if _stable(bundle, name):
            return bundle["bugs"][name], {"passed": False}
    return bundle["starter"], {"passed": False}


def _notebook(cells: dict) -> str:
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": ["# My work\n"]}]}  # fmt: skip
    for ex_id, code in cells.items():
        nb["cells"].append({"cell_type": "code", "metadata": {"nprl": {"exercise": ex_id}},
                            "source": code.splitlines(True), "outputs": [],
                            "execution_count": None})  # fmt: skip
    return json.dumps(nb, indent=1)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, course_root, real_bundles):
    """The class folder and the expected verdict of every (student, exercise)."""
    real = list(real_bundles)
    assert real, "no real exercises under exercises/"
    folder = tmp_path_factory.mktemp("class")
    expected = {}
    for i in range(STUDENTS):
        student = f"s{i:03d}"
        work = {}
        work["fx_softmax"], expected[(student, "fx_softmax")] = _softmax_case(i)
        for b in (real[(2 * i) % len(real)], real[(2 * i + 1) % len(real)]):
            work[b["id"]], expected[(student, b["id"])] = _real_case(b, i)
        fmt = i % 3
        if fmt == 0:
            (folder / student).mkdir()
            for ex_id, code in work.items():
                (folder / student / f"{ex_id}.py").write_text(code)
        elif fmt == 1:
            export = {"format": "nprl-work/1", "course_version": "test",
                      "exercises": {k: {"code": v, "answers": None, "last_result": None}
                                    for k, v in work.items()}}  # fmt: skip
            (folder / f"{student}.json").write_text(json.dumps(export))
        else:
            (folder / f"{student}.ipynb").write_text(_notebook(work))
    assert len(expected) >= 3 * STUDENTS
    return folder, expected


def _grade(folder, root, out, jobs):
    return subprocess.run(
        [sys.executable, "-m", "grader", "grade", str(folder), "--root", str(root),
         "--out", str(out), "--jobs", str(jobs), "--no-progress"],
        capture_output=True, text=True, cwd=ROOT, timeout=900,
    )  # fmt: skip


@pytest.fixture(scope="module")
def graded(corpus, course_root, tmp_path_factory):
    folder, _ = corpus
    out = tmp_path_factory.mktemp("out")
    proc = _grade(folder, course_root, out / "a", 2)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out, proc


def _records(out):
    lines = (out / "a" / "results.jsonl").read_text().splitlines()
    return {(r["student"], r["exercise"]): r for r in map(json.loads, lines)}


def test_every_submission_gets_the_verdict_known_in_advance(corpus, graded):
    _, expected = corpus
    records = _records(graded[0])
    assert set(records) == set(expected)
    wrong = []
    for key, want in expected.items():
        got = records[key]
        if got["passed"] != want["passed"] or ("score" in want and got["score"] != want["score"]):
            wrong.append((key, want, got["score"], got["passed"], got["error"]))
        if "failed" in want:
            failed = [t["name"] for t in got["tests"] if not t["passed"]]
            if failed != want["failed"]:
                wrong.append((key, want, failed))
        if "hostile" in want and got["score"] != 0:
            wrong.append((key, want, got))
    assert not wrong, wrong[:5]


def test_gradebook_has_one_row_per_student_and_a_total(corpus, graded):
    _, expected = corpus
    rows = list(csv.reader((graded[0] / "a" / "gradebook.csv").open()))
    header, body = rows[0], rows[1:]
    assert header[0] == "Student" and header[-1] == "Total" and "fx_softmax" in header
    assert [r[0] for r in body] == sorted({s for s, _ in expected})
    records = _records(graded[0])
    for row in body:
        cells = dict(zip(header, row, strict=True))
        mine = [r for (s, _), r in records.items() if s == row[0]]
        assert int(cells["Total"]) == sum(r["score"] for r in mine)
        for r in mine:
            assert int(cells[r["exercise"]]) == r["score"]


def test_gradescope_and_feedback_per_student(corpus, graded):
    out = graded[0] / "a"
    data = json.loads((out / "gradescope" / "s005" / "results.json").read_text())
    assert {"score", "tests"} <= set(data)
    for t in data["tests"]:
        assert {"name", "score", "max_score", "output"} <= set(t)
    records = _records(graded[0])
    assert data["score"] == sum(r["score"] for (s, _), r in records.items() if s == "s005")
    text = (out / "feedback" / "s005.md").read_text()
    assert text.startswith("# Feedback for s005") and "fx_softmax" in text


def test_summary_shows_pass_rates_and_common_failures(graded):
    stdout = graded[1].stdout
    assert "fx_softmax" in stdout and "%" in stdout
    assert "Most common failures:" in stdout and "large_values" in stdout
    assert (graded[0] / "a" / "summary.txt").read_text() == stdout


def test_regrading_with_one_worker_gives_byte_identical_files(corpus, course_root, graded):
    folder, _ = corpus
    out = graded[0]
    proc = _grade(folder, course_root, out / "b", 1)
    assert proc.returncode == 0, proc.stderr[-3000:]
    files_a = sorted(p.relative_to(out / "a") for p in (out / "a").rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(out / "b") for p in (out / "b").rglob("*") if p.is_file())
    assert files_a == files_b and len(files_a) > 3
    for rel in files_a:
        assert (out / "a" / rel).read_bytes() == (out / "b" / rel).read_bytes(), rel


def test_results_merge_from_several_runs(corpus, course_root, graded, tmp_path):
    """Split the class in two, grade the halves separately, merge their results.jsonl."""
    out = graded[0]
    lines = (out / "a" / "results.jsonl").read_text().splitlines(True)
    half = len(lines) // 2
    (tmp_path / "part1.jsonl").write_text("".join(lines[:half]))
    (tmp_path / "part2.jsonl").write_text("".join(lines[half:]))
    proc = subprocess.run(
        [sys.executable, "-m", "grader", "grade", "--merge", str(tmp_path / "part2.jsonl"),
         "--merge", str(tmp_path / "part1.jsonl"), "--root", str(course_root), "--out",
         str(tmp_path / "m")],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    for name in ("gradebook.csv", "results.jsonl"):
        assert (tmp_path / "m" / name).read_bytes() == (out / "a" / name).read_bytes()
