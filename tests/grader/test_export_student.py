"""grader.batch: the student named in a "Download my work" export is the gradebook row."""

from __future__ import annotations

import json

import pytest

from grader.batch import clean_student, collect


def export(student=None, **extra) -> str:
    doc = {
        "format": "nprl-work/1",
        "course_version": "2026.12.0",
        "exported_at": "2026-12-01T20:00:00Z",
        "exercises": {"relu": {"code": "x = 1\n", "answers": None, "last_result": None}},
        **extra,
    }
    if student is not None:
        doc["student"] = student
    return json.dumps(doc)


def test_the_export_student_wins_over_the_file_name(tmp_path):
    path = tmp_path / "my-work-2026.12.0 (3).json"
    path.write_text(export("Ada Lovelace"), encoding="utf-8")
    out = collect([path])
    assert [j["student"] for j in out.jobs] == ["Ada Lovelace"]
    assert out.warnings == [] and not out.unreadable


def test_without_a_student_the_file_name_is_the_row(tmp_path):
    path = tmp_path / "bob.json"
    path.write_text(export(), encoding="utf-8")
    assert [j["student"] for j in collect([path]).jobs] == ["bob"]


def test_in_a_class_folder_each_export_names_its_row_and_duplicates_are_caught(tmp_path):
    (tmp_path / "a.json").write_text(export("Ada"), encoding="utf-8")
    (tmp_path / "b.json").write_text(export("Ada"), encoding="utf-8")
    from grader.batch import duplicates

    jobs = duplicates(collect([tmp_path]).jobs)
    assert len(jobs) == 1 and jobs[0]["student"] == "Ada"
    assert "two submissions for 'relu' by 'Ada'" in jobs[0]["problem"]


def test_inside_a_student_folder_the_folder_name_stays_and_a_mismatch_is_reported(tmp_path):
    folder = tmp_path / "class" / "s123"
    folder.mkdir(parents=True)
    (folder / "work.json").write_text(export("Someone Else"), encoding="utf-8")
    out = collect([tmp_path / "class"])
    assert [j["student"] for j in out.jobs] == ["s123"]
    assert len(out.warnings) == 1 and "names the student 'Someone Else'" in out.warnings[0]
    assert "work.json" in out.warnings[0] and not out.unreadable


@pytest.mark.parametrize("bad", ["", "   ", 42, None, ["Ada"]], ids=repr)
def test_an_unusable_student_field_is_reported_and_the_file_name_used(tmp_path, bad):
    path = tmp_path / "carol.json"
    doc = json.loads(export())
    doc["student"] = bad
    path.write_text(json.dumps(doc), encoding="utf-8")
    out = collect([path])
    assert [j["student"] for j in out.jobs] == ["carol"]
    assert len(out.warnings) == 1, out.warnings
    assert "carol.json: key 'student' must be a non-empty string" in out.warnings[0]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  Ada   Lovelace ", "Ada Lovelace"),
        ("Ada\nLovelace\t", "Ada Lovelace"),
        ("a\x00b\x1bc", "a b c"),
        ("x" * 200, "x" * 80),
        ("Zoë 山田", "Zoë 山田"),
    ],
)
def test_student_names_are_cleaned(raw, clean):
    assert clean_student(raw) == clean
