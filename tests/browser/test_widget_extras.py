"""Quizzes, figures, time limits and a changed starter, in the real browser."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from playwright.sync_api import expect

from tests.browser.helpers import (
    ROOT,
    Exercise,
    editor_text,
    exercise_folder,
    press,
    set_code,
    wait_result,
)


def _quiz_folder():
    for spec in sorted((ROOT / "exercises").glob("*/*/spec.yaml")):
        data = yaml.safe_load(spec.read_text(encoding="utf-8"))
        if data.get("kind") == "quiz":
            return spec.parent, data
    pytest.fail("no quiz exercise under exercises/ to test the quiz form with")


def test_quiz_answered_from_the_reference_earns_full_marks(page, site_url):
    folder, spec = _quiz_folder()
    namespace: dict = {}
    exec((folder / "solution.py").read_text(encoding="utf-8"), namespace)
    answers = namespace["answers"]
    page.goto(f"{site_url}{spec['page']}.html#ex-{spec['id']}")
    page.wait_for_selector("body[data-editor=ready]")
    section = page.locator(f"section#ex-{spec['id']}")
    for q in spec["questions"]:
        fs = section.locator(f'fieldset[data-qid="{q["id"]}"]')
        value = answers[q["id"]]
        if q["type"] == "single":
            fs.locator(f'input[value="{value}"]').check()
        elif q["type"] == "multiple":
            for v in value:
                fs.locator(f'input[value="{v}"]').check()
        elif q["type"] == "explain":
            fs.locator("textarea").fill(str(value))
        else:
            fs.locator("input").fill(str(value))
    press(section, "check")
    out = wait_result(section)
    expect(out.locator(".out-summary")).to_have_text(re.compile(r"^All tests passed"))
    # Explain questions carry no automatic points: they are never marked passed.
    graded = [q for q in spec["questions"] if q["type"] != "explain"]
    expect(section.locator(".quiz-feedback.passed")).to_have_count(len(graded))
    # Answers are saved with the verdict.
    saved = page.evaluate(f"JSON.parse(localStorage.getItem('nprl:ex:{spec['id']}'))")
    assert saved["last_result"]["passed"] is True
    assert set(saved["answers"]) == {q["id"] for q in spec["questions"]}
    page.reload()
    page.wait_for_selector("body[data-editor=ready]")
    first = spec["questions"][0]
    if first["type"] == "single":
        assert page.locator(
            f'section#ex-{spec["id"]} fieldset[data-qid="{first["id"]}"] '
            f'input[value="{answers[first["id"]]}"]'
        ).is_checked()


def test_quiz_wrong_answer_shows_the_question_message(page, site_url):
    folder, spec = _quiz_folder()
    page.goto(f"{site_url}{spec['page']}.html#ex-{spec['id']}")
    page.wait_for_selector("body[data-editor=ready]")
    section = page.locator(f"section#ex-{spec['id']}")
    press(section, "check")  # nothing answered
    out = wait_result(section)
    expect(out.locator(".out-summary")).to_have_text(re.compile(r"^Not yet"))
    expect(section.locator(".quiz-feedback.failed").first).to_contain_text(re.compile(r"\w"))


def test_run_shows_matplotlib_figures(page, site_url):
    ex = Exercise(exercise_folder())
    section = ex.open(page, site_url)
    set_code(
        page, section, "import matplotlib.pyplot as plt\nplt.plot([0, 1, 4, 9])\nprint('drawn')\n"
    )
    press(section, "run")
    out = wait_result(section, timeout=120_000)
    expect(out.locator(".out-stdout")).to_have_text("drawn\n")
    img = out.locator("img.out-figure")
    expect(img).to_have_count(1)
    assert img.get_attribute("src").startswith("data:image/png;base64,iVBOR")


def test_check_of_a_runaway_loop_hits_the_time_limit(page, site_url):
    ex = Exercise(exercise_folder())
    limit = ex.spec.get("time_limit", 10)
    section = ex.open(page, site_url)
    page.wait_for_selector("body[data-python=ready]", timeout=90_000)
    set_code(page, section, "while True:\n    pass\n")
    press(section, "check")
    out = wait_result(section, timeout=(limit + 15) * 1000)
    expect(out.locator(".out-error-title")).to_contain_text("Time limit")
    assert editor_text(page, section) == "while True:\n    pass\n"


def test_changed_starter_keeps_the_students_code_and_offers_the_new_one(page, site_url):
    ex = Exercise(exercise_folder())
    ex.open(page, site_url)
    mine = "# my old attempt\n"
    stale = {"code": mine, "starter_hash": "0000000000000000", "updated_at": "2026-01-01T00:00:00Z"}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [f"nprl:ex:{ex.id}", json.dumps(stale)])
    page.reload()
    page.wait_for_selector("body[data-editor=ready]")
    section = ex.section(page)
    banner = section.locator("[data-role=banner]")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("starter code of this exercise has changed")
    assert editor_text(page, section) == mine
    banner.get_by_role("button", name="View new starter").click()
    expect(banner.locator("pre")).to_contain_text(ex.starter.strip().splitlines()[0])
    banner.get_by_role("button", name=re.compile("Switch to the new starter")).click()
    assert editor_text(page, section) == ex.starter
    saved = page.evaluate(f"JSON.parse(localStorage.getItem('nprl:ex:{ex.id}'))")
    assert saved["backup_code"] == mine
