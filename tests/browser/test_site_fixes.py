"""Issue 13, items 6-12 and 14: what a student meets on the site, in headless Chromium."""

from __future__ import annotations

import re

import pytest
import yaml
from playwright.sync_api import expect

from tests.browser.helpers import ROOT, Exercise, exercise_folder, press, set_code, wait_result

COURSE = yaml.safe_load((ROOT / "content" / "course.yaml").read_text(encoding="utf-8"))
WRITTEN = [p["slug"] for p in COURSE["pages"] if (ROOT / "content" / f"{p['slug']}.md").is_file()]
CHECKPOINTS = [p["slug"] for p in COURSE["pages"] if p.get("checkpoint")]
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def ex():
    return Exercise(exercise_folder())


def _open(page, url: str, slug: str, *, python: bool = False) -> None:
    if not python:
        page.route("**/pyodide/**", lambda route: route.abort())
    page.goto(f"{url}{slug}.html")
    if page.locator("section.exercise").count():
        page.wait_for_selector("body[data-editor=ready]", timeout=60_000)


def _ready(page):
    page.wait_for_selector("body[data-python=ready]", timeout=120_000)


# 6. Warnings: the browser's NumPy never prints floating-point warnings; pages say so.


def test_pyodide_shows_no_overflow_warning_and_the_pages_say_so(page, site_url, ex):
    section = ex.open(page, site_url)
    _ready(page)
    set_code(page, section, "import numpy as np\nprint(np.exp(710.0))\n")
    press(section, "run")
    out = wait_result(section, timeout=120_000)
    expect(out.locator(".out-stdout")).to_have_text("inf\n")  # and no RuntimeWarning
    for slug in WRITTEN:
        page.goto(f"{site_url}{slug}.html")
        texts = page.locator(".content p, .content li").all_text_contents()
        for text in texts:
            if "RuntimeWarning" in text:
                assert "CPython" in text, (
                    f"{slug}.html promises a RuntimeWarning the browser never shows: {text!r}"
                )


# 7. Grader messages as the page shows them.


def test_messages_show_code_as_code_and_a_repeated_error_once(page, site_url, ex):
    section = ex.open(page, site_url)
    _ready(page)
    set_code(page, section, "x = 1\n")
    press(section, "check")
    out = wait_result(section, timeout=120_000)
    message = out.locator(".out-error-message")
    expect(message).to_contain_text("does not define")
    assert "`" not in message.inner_text()
    expect(message.locator("code").first).to_have_text(ex.spec["functions"][0].split("(")[0])
    # A helper every test calls raises NameError: said once, not once per test.
    name = ex.spec["functions"][0].split("(")[0]
    params = ex.spec["functions"][0].split("(", 1)[1].rstrip(")")
    set_code(page, section, f"def {name}({params}):\n    return undefined_helper(x)\n")
    press(section, "check")
    out = wait_result(section, timeout=120_000)
    expect(out.locator(".out-summary")).to_contain_text("Not yet")
    assert out.inner_text().count("name 'undefined_helper' is not defined") == 1, out.inner_text()


# 8. Plots and input() in the Run path.


def test_plt_show_just_shows_the_figure_and_input_says_what_to_do(page, site_url, ex):
    section = ex.open(page, site_url)
    _ready(page)
    code = "import matplotlib.pyplot as plt\nplt.plot([0, 1, 4])\nplt.show()\nprint('drawn')\n"
    set_code(page, section, code)
    press(section, "run")
    out = wait_result(section, timeout=120_000)
    expect(out.locator(".out-stdout")).to_have_text("drawn\n")
    expect(out.locator("img.out-figure")).to_have_count(1)
    assert "non-interactive" not in out.inner_text()
    set_code(page, section, "n = int(input('How many? '))\n")
    press(section, "run")
    out = wait_result(section, timeout=60_000)
    error = out.locator(".out-error")
    expect(error).to_contain_text("input() is not available")
    expect(error).to_contain_text("argument")
    assert "Errno" not in error.inner_text()


# 9. Quiz interface.


def _quiz_pages() -> list[str]:
    pages = set()
    for spec in sorted((ROOT / "exercises").glob("*/*/spec.yaml")):
        data = yaml.safe_load(spec.read_text(encoding="utf-8"))
        if data.get("kind") == "quiz" and data.get("page") in WRITTEN:
            pages.add(data["page"])
    return sorted(pages)


def test_quiz_texts_match_the_lettered_choices(page, site_url):
    bad = re.compile(r"numbered from 0|index of the choice|0 for the first|zero-based", re.I)
    for slug in _quiz_pages():
        _open(page, site_url, slug)
        for text in page.locator('section.exercise[data-kind="quiz"]').all_text_contents():
            assert not bad.search(text), f"{slug}: {bad.search(text).group(0)!r} beside A/B/C"


def test_quiz_titles_stay_inside_their_box_and_written_answers_have_room(page, site_url):
    page.set_viewport_size({"width": 800, "height": 900})
    for slug in _quiz_pages():
        _open(page, site_url, slug)
        page.add_style_tag(
            content=".content article > * { content-visibility: visible !important; }"
        )
        boxes = page.evaluate(
            """() => [...document.querySelectorAll("fieldset.quiz-q")].map((fs) => {
              const f = fs.getBoundingClientRect(), l = fs.querySelector("legend").getBoundingClientRect();
              const border = parseFloat(getComputedStyle(fs).borderTopWidth);
              const area = fs.querySelector("textarea");
              return { id: fs.dataset.qid, fieldTop: f.top + border, legendTop: l.top, width: f.width,
                       area: area ? [area.getBoundingClientRect().width, area.getBoundingClientRect().height] : null };
            })"""
        )
        assert boxes, slug
        for b in boxes:
            assert b["legendTop"] >= b["fieldTop"] - 0.5, f"{slug} {b['id']}: title over the border"
            if b["area"]:
                width, height = b["area"]
                assert width >= 0.8 * b["width"] and height >= 60, f"{slug} {b['id']}: {b['area']}"


# 10. Phone width.


def test_phone_contents_open_on_screen_no_sideways_pan_even_buttons(page, site_url):
    page.set_viewport_size(PHONE)
    _open(page, site_url, "03-activation-functions")
    page.add_style_tag(content=".content article > * { content-visibility: visible !important; }")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"page 3 is {width} px wide at 390 px: it pans sideways"
    page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
    page.locator(".toc-toggle").click()
    box = page.locator("#sidebar").bounding_box()
    assert box is not None and 0 <= box["y"] < PHONE["height"] / 2, box
    expect(page.locator("#sidebar a[aria-current=page]")).to_be_in_viewport()
    page.locator(".toc-toggle").click()
    rows = page.evaluate(
        """() => [...document.querySelectorAll(".ex-toolbar")].map((bar) => {
          const tops = new Map();
          let wrapped = false;
          for (const b of bar.querySelectorAll(".btn")) {
            const r = b.getBoundingClientRect();
            const line = parseFloat(getComputedStyle(b).lineHeight) || 20;
            if (r.height > 2.2 * line) wrapped = true;
            const t = Math.round(r.top);
            tops.set(t, (tops.get(t) || 0) + 1);
          }
          return { wrapped, rows: [...tops.values()] };
        })"""
    )
    for bar in rows:
        assert not bar["wrapped"], bar
        assert len(bar["rows"]) <= 2 and len(set(bar["rows"])) == 1, f"uneven rows {bar['rows']}"


# 11. Links.


def test_a_link_to_an_exercise_shows_its_title_below_the_header(page, site_url, ex):
    ex.open(page, site_url)
    page.wait_for_timeout(300)
    title = page.locator(f"#ex-{ex.id}-title").bounding_box()
    header = page.locator(".site-header").bounding_box()
    assert title["y"] >= header["y"] + header["height"], (title, header)


def test_every_page_lists_its_exercises_near_the_top(page, site_url):
    _open(page, site_url, WRITTEN[0])
    ids = page.evaluate("[...document.querySelectorAll('section.exercise')].map((s) => s.id)")
    jump = page.locator("nav.page-exercises")
    expect(jump).to_have_count(1)
    hrefs = jump.locator("a").evaluate_all("(links) => links.map((a) => a.getAttribute('href'))")
    assert hrefs == [f"#{i}" for i in ids]
    top = jump.bounding_box()["y"]
    assert top < 1200, f"the jump list is {top} px down"
    jump.locator("summary").click()
    jump.locator("a").last.click()
    page.wait_for_timeout(500)
    header = page.locator(".site-header").bounding_box()
    title = page.locator(f"#{ids[-1]} h3").bounding_box()
    assert header["y"] + header["height"] <= title["y"] < 844, title


# 12. Contrast.


def _luminance(rgb: str) -> float:
    r, g, b = (int(v) / 255 for v in re.findall(r"\d+(?:\.\d+)?", rgb)[:3])
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_code_colours_and_the_editor_focus_ring_have_enough_contrast(page, site_url, ex):
    section = ex.open(page, site_url)
    page.add_style_tag(content=".content article > * { content-visibility: visible !important; }")
    tokens = page.evaluate(
        """() => {
          const out = [];
          for (const cls of ["c1", "mi", "mf", "nn", "nc", "no", "si", "nv"]) {
            const block = document.querySelector(".content .highlight");
            const span = document.createElement("span");
            span.className = cls;
            span.textContent = "x";
            block.querySelector("pre").append(span);
            out.push([cls, getComputedStyle(span).color, getComputedStyle(block).backgroundColor]);
            span.remove();
          }
          return out;
        }"""
    )
    for cls, colour, background in tokens:
        assert _contrast(colour, background) >= 4.5, f".highlight .{cls}: {colour} on {background}"
    section.locator(".cm-content").click()
    ring = section.locator(".cm-editor").evaluate("(e) => getComputedStyle(e).outlineColor")
    assert _contrast(ring, "rgb(255, 255, 255)") >= 3, f"editor focus ring {ring}"


# 14. Small things.


def test_checkpoint_items_say_checkpoint_once_and_pages_say_how_they_are_graded(page, site_url):
    for slug in CHECKPOINTS:
        if slug not in WRITTEN:
            continue
        _open(page, site_url, slug)
        for title in page.locator("section.exercise h3").all_text_contents():
            assert "Checkpoint Checkpoint" not in " ".join(title.split()), f"{slug}: {title}"
        headings = " | ".join(page.locator(".content h2").all_text_contents())
        assert re.search(r"how this checkpoint is graded", headings, re.I), (
            f"{slug}.html has no 'How this checkpoint is graded' section: {headings}"
        )


def _stop_text(page, url: str, ex) -> str:
    section = ex.open(page, url)
    _ready(page)
    set_code(page, section, "while True:\n    pass\n")
    press(section, "run")
    page.wait_for_function(
        "(id) => document.querySelector(`section#ex-${id} [data-action=stop]:not([disabled])`)",
        arg=ex.id,
    )
    page.wait_for_timeout(300)
    press(section, "stop")
    out = wait_result(section, timeout=30_000)
    return out.locator(".out-error").inner_text()


def test_stop_says_the_same_on_both_servers(browser, site_url, plain_site_url, ex):
    texts = []
    for url in (site_url, plain_site_url):
        context = browser.new_context()
        texts.append(_stop_text(context.new_page(), url, ex))
        context.close()
    assert texts[0] == texts[1], texts
    assert "stopped" in texts[0].lower()


def test_the_page_barely_grows_as_it_renders_after_a_jump(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    for slug in WRITTEN[:4]:
        _open(page, site_url, slug)
        before = page.evaluate("document.documentElement.scrollHeight")
        page.add_style_tag(
            content=".content article > * { content-visibility: visible !important; }"
        )
        after = page.evaluate("document.documentElement.scrollHeight")
        growth = abs(after - before) / after
        assert growth < 0.2, f"{slug}: {before} px of placeholders for {after} px of page"


def test_the_update_notice_never_covers_the_footer_button(page, site_url):
    """The notice (site/src/offline.js `showUpdate`) is fixed at the bottom right; scrolled to
    the end of a page, the footer's "Remove offline copy" must still be the thing under a
    click, on a phone and on a desktop."""
    for viewport in (PHONE, {"width": 1280, "height": 900}):
        page.set_viewport_size(viewport)
        _open(page, site_url, WRITTEN[2])
        page.wait_for_selector("footer[data-role=offline]")
        page.evaluate(
            """() => {
              const notice = document.createElement('div');  // as showUpdate builds it
              notice.className = 'update-notice';
              notice.setAttribute('data-role', 'update-notice');
              notice.innerHTML = '<p><strong>A new version of the course is available.</strong>'
                + ' Reload to use it; your saved code and answers are kept.</p>'
                + '<div class="banner-actions"><button class="btn btn-primary">Reload now</button>'
                + '<button class="btn btn-quiet">Later</button></div>';
              document.body.append(notice);
            }"""
        )
        # The button shows once a copy is stored; here it is shown as it would be then.
        page.add_style_tag(
            content="[data-action=offline-toggle] { display: inline-block !important; }"
        )
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        page.wait_for_timeout(300)
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        under = page.evaluate(
            """() => {
              const b = document.querySelector('[data-action=offline-toggle]');
              const r = b.getBoundingClientRect();
              const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
              return b.contains(hit) ? 'the button' : (hit ? hit.className || hit.tagName : 'nothing');
            }"""
        )
        assert under == "the button", (
            f"at {viewport['width']} px the footer's button lies under {under!r}, not on top"
        )
