"""`make test-fast` (tests/fast.py): what it runs for a page or an exercise, and bad targets."""

from __future__ import annotations

import pytest

from tests import fast


def test_a_page_validates_its_folder_and_runs_its_lesson_code_and_cpython_tests():
    slug, folder = fast.resolve("03-activation-functions", None)
    assert (slug, folder) == ("03-activation-functions", fast.ROOT / "exercises" / slug)
    titles = [title for title, _, _ in fast.steps(slug, folder)]
    assert "grader validate exercises/03-activation-functions" in titles
    *_, (title, argv, env) = fast.steps(slug, folder)
    assert env == {"NPRL_PAGE": slug}
    assert argv[argv.index("-m", 3) + 1] == fast.FAST == "not browser and not pyodide and not build"
    assert argv[-3:] == [
        "tests/test_lesson_code.py",
        "tests/test_course.py",
        "tests/test_torch_p03.py",
    ]


def test_an_exercise_validates_only_its_folder_and_checks_its_page():
    slug, folder = fast.resolve(None, "softmax")
    assert slug == "03-activation-functions"
    assert folder == fast.ROOT / "exercises" / slug / "softmax"


@pytest.mark.parametrize(
    ("page", "exercise", "message"),
    [
        ("nope", None, "unknown page 'nope': expected a slug of content/course.yaml"),
        (None, "no_such_ex", "no exercise 'no_such_ex': expected exercises/<page>/no_such_ex/"),
        ("02-perceptron", "softmax", "exercise 'softmax' belongs to page '03-activation-func"),
    ],
)
def test_bad_targets_are_refused_with_one_line(page, exercise, message):
    with pytest.raises(fast.UsageError) as info:
        fast.resolve(page, exercise)
    assert str(info.value).startswith(message)


def test_no_target_prints_the_usage(capsys):
    assert fast.main([]) == 2
    assert "make test-fast PAGE=<page slug>" in capsys.readouterr().out
