"""Quiz questions of every type, answered with the keyboard only on a built page.

p04_mlp_quiz has single, multiple, numeric, ordering and explain questions; cpa_quiz has
a match question. Each answer is given with Tab, Space/Enter and the arrow keys (a
question's first control is focused programmatically, as a click would). After Check the
feedback is rendered next to each question (math as KaTeX, no raw `$` or `**`, no
"Correct. Correct."), and a reload keeps every answer.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

P04 = ("04-multi-layer-perceptrons", "p04_mlp_quiz")
CPA = ("checkpoint-a", "cpa_quiz")
EXPLAIN_TEXT = "Linear maps compose to one linear map, so ten layers equal a single layer."


def open_quiz(page, site_url, where):
    slug, ex_id = where
    page.goto(f"{site_url}{slug}.html#ex-{ex_id}")
    section = page.locator(f"section#ex-{ex_id}")
    section.and_(page.locator("[data-ready=true]")).wait_for(timeout=30_000)
    return section


def question(section, qid):
    return section.locator(f'fieldset[data-qid="{qid}"]')


def item_order(fs) -> list[int]:
    return [int(x) for x in fs.locator("li[data-index]").evaluate_all(
        "els => els.map((e) => e.dataset.index)")]  # fmt: skip


def sort_with_keyboard(page, fs) -> None:
    """Selection sort with the Move up buttons: focus one, press Enter/Space repeatedly."""
    n = fs.locator("li[data-index]").count()
    for target in range(n):
        pos = item_order(fs).index(target)
        if pos == target:
            continue
        fs.locator(f'li[data-index="{target}"] [data-move=up]').focus()
        for step in range(pos - target):
            page.keyboard.press("Enter" if step % 2 == 0 else "Space")
        assert item_order(fs)[target] == target
    assert item_order(fs) == list(range(n))


def check_and_wait(page, section) -> None:
    section.locator("[data-action=check]").focus()
    page.keyboard.press("Enter")
    section.locator("[data-role=output] .out-summary").wait_for(timeout=120_000)


def feedback(section, qid):
    return question(section, qid).locator("[data-role=feedback]")


def assert_clean(text: str) -> None:
    assert "$" not in text and "**" not in text, text
    assert "Correct. Correct." not in text, text


def test_every_type_by_keyboard_then_reload(page, site_url):
    section = open_quiz(page, site_url, P04)
    # single: arrow keys move and select within the radio group
    question(section, "output_shape").locator("input").first.focus()
    page.keyboard.press("ArrowDown")
    # numeric: a text box (not type=number), typed as a fraction and as a plain number
    fs = question(section, "lunar_lander_params")
    box = fs.locator("input")
    assert box.get_attribute("type") == "text" and box.get_attribute("inputmode") == "text"
    box.focus()
    page.keyboard.type("4996")
    question(section, "he_std").locator("input").focus()
    page.keyboard.type("1/16")
    question(section, "collapsed_params").locator("input").focus()
    page.keyboard.type("36")
    # multiple: Tab between the checkboxes, Space ticks
    question(section, "universal_approximation").locator("input").first.focus()
    page.keyboard.press("Space")
    for _ in range(2):
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    for _ in range(2):
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    # ordering: Move up buttons
    order_fs = question(section, "layer_order")
    assert item_order(order_fs) != [0, 1, 2, 3, 4], "items should be shown shuffled"
    sort_with_keyboard(page, order_fs)
    # explain: a textarea
    question(section, "linear_collapse").locator("textarea").focus()
    page.keyboard.type(EXPLAIN_TEXT)
    check_and_wait(page, section)

    for qid in ("output_shape", "lunar_lander_params", "he_std", "universal_approximation",
                "layer_order", "collapsed_params"):  # fmt: skip
        text = feedback(section, qid).inner_text()
        assert text.startswith("Correct."), (qid, text)
        assert_clean(feedback(section, qid).text_content())
    # the explanation (with math) is pre-rendered KaTeX
    assert feedback(section, "collapsed_params").locator(".katex").count() > 0
    written = feedback(section, "linear_collapse")
    assert "Not graded automatically" in written.inner_text()
    assert written.locator(".quiz-model").count() == 1
    assert written.locator(".quiz-model li").count() >= 2  # the rubric
    assert written.locator(".katex").count() > 0
    assert_clean(written.text_content())
    # 1 + 1 + 1 + 1 + 2 + 1 of 9: zero_init and xavier_vs_he were left blank
    assert "7/9" in section.locator("[data-role=status]").inner_text()
    assert "$" not in section.locator("[data-role=output]").inner_text()

    page.reload()
    section = open_quiz(page, site_url, P04)
    assert question(section, "output_shape").locator("input").nth(1).is_checked()
    assert question(section, "he_std").locator("input").input_value() == "1/16"
    assert item_order(question(section, "layer_order")) == [0, 1, 2, 3, 4]
    assert question(section, "linear_collapse").locator("textarea").input_value() == EXPLAIN_TEXT
    boxes = question(section, "universal_approximation").locator("input")
    assert [boxes.nth(i).is_checked() for i in range(5)] == [True, False, True, False, True]
    assert feedback(section, "layer_order").inner_text().startswith("Correct.")


def test_match_by_keyboard_and_a_refused_number(page, site_url):
    section = open_quiz(page, site_url, CPA)
    fs = question(section, "activation_properties")
    selects = fs.locator("select")
    for i in range(selects.count()):
        values = selects.nth(i).locator("option").evaluate_all("os => os.map((o) => o.value)")
        selects.nth(i).focus()
        for _ in range(values.index(str(i))):
            page.keyboard.press("ArrowDown")
        assert selects.nth(i).input_value() == str(i)
    question(section, "softmax_probability").locator("input").focus()
    page.keyboard.type("3,4")
    question(section, "neuron_output").locator("input").focus()
    page.keyboard.type("2")
    check_and_wait(page, section)
    assert feedback(section, "activation_properties").inner_text().startswith("Correct.")
    assert feedback(section, "activation_properties").locator(".katex").count() > 0
    refused = feedback(section, "softmax_probability").inner_text()
    assert re.search(r"Not graded: '3,4' has a comma", refused), refused
    assert feedback(section, "neuron_output").inner_text().startswith("Correct.")
    assert "3/12" in section.locator("[data-role=status]").inner_text()  # match 2 + numeric 1 of 12

    page.reload()
    section = open_quiz(page, site_url, CPA)
    selects = question(section, "activation_properties").locator("select")
    assert [selects.nth(i).input_value() for i in range(4)] == ["0", "1", "2", "3"]
    assert question(section, "softmax_probability").locator("input").input_value() == "3,4"
