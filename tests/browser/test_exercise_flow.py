"""End-to-end: a student solves, fails, stops, reloads, unlocks the solution, downloads work."""

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


@pytest.fixture(scope="module")
def ex() -> Exercise:
    return Exercise(exercise_folder())


def test_page_is_cross_origin_isolated(page, site_url, ex):
    ex.open(page, site_url)
    assert page.evaluate("crossOriginIsolated") is True
    page.wait_for_selector("body[data-python=ready]", timeout=90_000)


def test_solving_the_exercise_passes(page, site_url, ex):
    section = ex.open(page, site_url)
    set_code(page, section, ex.solution)
    press(section, "check")
    out = wait_result(section)
    expect(out.locator(".out-summary")).to_have_text(re.compile(r"^All tests passed"))
    expect(out.locator(".test.failed")).to_have_count(0)
    assert out.locator(".test.passed").count() >= 1
    expect(section.locator("[data-role=status]")).to_contain_text("Passed")
    # The table of contents counts the pass for this page.
    progress = page.locator(f'.sidebar .toc-item[data-slug="{ex.slug}"] [data-role=progress]')
    expect(progress).to_have_text(re.compile(r"^[1-9]\d*/\d+$"))


def test_wrong_answer_shows_the_failing_test_message(page, site_url, ex):
    section = ex.open(page, site_url)
    set_code(page, section, ex.wrong)
    press(section, "check")
    out = wait_result(section)
    expect(out.locator(".out-summary")).to_have_text(re.compile(r"^Not yet"))
    failed = out.locator(".test.failed")
    assert failed.count() >= 1
    message = failed.first.locator(".test-message").inner_text()
    assert len(message.strip()) > 10, message


def test_run_shows_output_and_error_line(page, site_url, ex):
    section = ex.open(page, site_url)
    set_code(page, section, 'print("hello", 6 * 7)\nx = 1\ny = x / undefined_name\n')
    press(section, "run")
    out = wait_result(section)
    expect(out.locator(".out-stdout")).to_have_text("hello 42\n")
    expect(out.locator(".out-error-title")).to_contain_text("line 3")
    expect(out.locator(".out-error-line")).to_contain_text("undefined_name")


def test_stop_interrupts_an_infinite_loop_and_python_still_works(page, site_url, ex):
    section = ex.open(page, site_url)
    page.wait_for_selector("body[data-python=ready]", timeout=90_000)
    set_code(page, section, "while True:\n    pass\n")
    press(section, "run")
    expect(section.locator("[data-role=runtime]")).to_have_text("Running…", timeout=30_000)
    # The page stays responsive while Python spins: a hint can still be opened.
    assert page.evaluate("1 + 1") == 2
    press(section, "stop")
    out = wait_result(section, timeout=10_000)
    expect(out.locator(".out-error-title")).to_contain_text(re.compile("stopped", re.I))
    assert editor_text(page, section) == "while True:\n    pass\n"
    set_code(page, section, "print(sum(range(10)))\n")
    press(section, "run")
    out = wait_result(section)
    expect(out.locator(".out-stdout"), out.inner_text()).to_have_text("45\n")


def test_stop_works_without_cross_origin_isolation(page, plain_site_url, ex):
    section = ex.open(page, plain_site_url)
    assert page.evaluate("crossOriginIsolated") is False
    page.wait_for_selector("body[data-python=ready]", timeout=90_000)
    set_code(page, section, "while True:\n    pass\n")
    press(section, "run")
    expect(section.locator("[data-role=runtime]")).to_have_text("Running…", timeout=30_000)
    press(section, "stop")
    out = wait_result(section, timeout=10_000)
    expect(out.locator(".out-error-title")).to_contain_text("Stopped")
    set_code(page, section, "print('again')\n")
    press(section, "run")  # the worker was restarted: this waits for the new one
    out = wait_result(section, timeout=90_000)
    expect(out.locator(".out-stdout")).to_have_text("again\n")


def test_code_survives_a_reload(page, site_url, ex):
    section = ex.open(page, site_url)
    code = ex.starter + "\n# my notes: try np.maximum\n"
    set_code(page, section, code)
    page.wait_for_timeout(800)  # autosave is debounced
    page.reload()
    page.wait_for_selector("body[data-editor=ready]")
    assert editor_text(page, ex.section(page)) == code


def test_solution_unlocks_only_after_a_genuine_attempt(page, site_url, ex):
    section = ex.open(page, site_url)
    solution = section.locator("[data-role=solution]")
    note = section.locator("[data-role=solution-note]")
    # 1. Fresh: locked.
    press(section, "solution")
    expect(note).to_contain_text("Locked")
    expect(solution.locator(".ex-solution-body")).to_have_count(0)
    # 2. A Check of the unchanged starter does not count.
    press(section, "check")
    wait_result(section)
    expect(solution).to_have_attribute("data-unlocked", "false")
    press(section, "solution")
    expect(note).to_contain_text("starter code unchanged")
    expect(solution.locator(".ex-solution-body")).to_have_count(0)
    # 3. A Check of the student's own changed code unlocks it (even if wrong).
    set_code(page, section, ex.wrong)
    press(section, "check")
    wait_result(section)
    expect(solution).to_have_attribute("data-unlocked", "true")
    press(section, "solution")
    body = solution.locator(".ex-solution-body")
    expect(body).to_contain_text("Worked solution")
    expect(note).to_contain_text("Unlocked")
    first_def = next(line for line in ex.solution.splitlines() if line.startswith("def "))
    expect(body.locator(".ex-solution-code")).to_contain_text(first_def.split("(")[0])


def test_hints_are_revealed_one_at_a_time(page, site_url, ex):
    section = ex.open(page, site_url)
    hints = ex.spec.get("hints") or []
    assert len(hints) >= 2, "the test exercise needs at least two hints"
    items = section.locator(".hint-list li")
    expect(items).to_have_count(0)
    press(section, "hint")
    expect(items).to_have_count(1)
    press(section, "hint")
    expect(items).to_have_count(2)
    page.reload()
    expect(ex.section(page).locator(".hint-list li")).to_have_count(2)


def test_download_my_work(page, site_url, ex):
    section = ex.open(page, site_url)
    set_code(page, section, ex.solution)
    press(section, "check")
    wait_result(section)
    # The first download asks for a name (tests/browser/test_student_site.py); give it now.
    page.evaluate("localStorage.setItem('nprl:student', 'Test Student')")
    with page.expect_download() as info:
        page.locator("[data-action=download-work]").click()
    data = json.loads(open(info.value.path(), encoding="utf-8").read())
    course = yaml.safe_load((ROOT / "content" / "course.yaml").read_text(encoding="utf-8"))
    assert data["format"] == "nprl-work/1"
    assert data["course_version"] == course["version"]
    assert re.match(r"^\d{4}-\d\d-\d\dT", data["exported_at"])
    entry = data["exercises"][ex.id]
    assert entry["code"] == ex.solution
    assert entry["last_result"]["passed"] is True
    assert entry["last_result"]["score"] == entry["last_result"]["max_score"] == ex.spec["points"]
    assert set(entry) == {"code", "answers", "last_result", "updated_at"}


def test_prebuilt_bytecode_is_used(page, site_url, ex):
    """NumPy modules load from the build's unchecked-hash .pyc files, not their sources."""
    ex.open(page, site_url)
    page.wait_for_selector("body[data-python=ready]", timeout=90_000)
    worker = page.workers[0]
    name, error = worker.evaluate(
        """() => pyodide.runPython(`
import importlib, importlib.machinery, sys
import numpy
# A submodule NumPy has not imported yet, located without importing it.
leaf = next(m for m in ("ctypeslib", "matlib") if f"numpy.{m}" not in sys.modules)
name = f"numpy.{leaf}"
spec = importlib.machinery.PathFinder.find_spec(name, numpy.__path__)
with open(spec.origin, "w") as f:
    f.write("raise RuntimeError('the source was compiled')\\\\n")
try:
    importlib.import_module(name)
    error = None
except RuntimeError as exc:
    error = str(exc)
[name, error]
`).toJs()"""
    )
    assert error is None, f"{name}: {error}"


def test_random_differs_between_page_loads(page, site_url, ex):
    """The start-up snapshot fixes `random` at build time; the worker must reseed it."""
    values = []
    for _ in range(2):
        section = ex.open(page, site_url)
        set_code(page, section, "import random\nprint(random.random())\n")
        press(section, "run")
        out = wait_result(section)
        values.append(out.locator(".out-stdout").inner_text().strip())
        page.reload()
    assert all(re.fullmatch(r"0\.\d+", v) for v in values), values
    assert values[0] != values[1]


def test_snapshot_keeps_imports_working_without_rereading_the_stdlib_zip(page, site_url, ex):
    """The start-up snapshot skips zipimport's re-read of the standard library's zip on
    importlib.invalidate_caches(); every other kind of import must still see new files."""
    ex.open(page, site_url)
    page.wait_for_selector("body[data-python=ready]", timeout=90_000)
    worker = page.workers[0]
    report = worker.evaluate(
        """() => pyodide.runPython(`
import importlib, os, sys, zipfile, zipimport
reads = []
real_read = zipimport._read_directory
zipimport._read_directory = lambda archive: reads.append(archive) or real_read(archive)
try:
    os.makedirs("/tmp/fresh", exist_ok=True)
    sys.path.insert(0, "/tmp/fresh")
    importlib.import_module("sys")  # the FileFinder for /tmp/fresh now caches its listing
    with open("/tmp/fresh/nprl_fresh_module.py", "w") as f:
        f.write("VALUE = 41\\\\n")
    with zipfile.ZipFile("/tmp/fresh.zip", "w") as z:
        z.writestr("nprl_zipped_a.py", "VALUE = 1\\\\n")
    sys.path.insert(0, "/tmp/fresh.zip")
    import nprl_zipped_a
    with zipfile.ZipFile("/tmp/fresh.zip", "w") as z:
        z.writestr("nprl_zipped_a.py", "VALUE = 1\\\\n")
        z.writestr("nprl_zipped_b.py", "VALUE = 2\\\\n")
    importlib.invalidate_caches()
    stdlib_reads = [a for a in reads if a.endswith("python312.zip")]
    import nprl_fresh_module, nprl_zipped_b
    fresh_stdlib = next(m for m in ("colorsys", "graphlib", "sched", "this") if m not in sys.modules)
    importlib.import_module(fresh_stdlib)
    result = [stdlib_reads, nprl_fresh_module.VALUE, nprl_zipped_b.VALUE, fresh_stdlib in sys.modules]
finally:
    zipimport._read_directory = real_read
result
`).toJs()"""
    )
    stdlib_reads, fresh, zipped, stdlib_import = report
    assert stdlib_reads == [], f"the standard library's zip was re-read: {stdlib_reads}"
    assert fresh == 41  # a new file next to site-packages-like folders is found
    assert zipped == 2  # another zip on sys.path is still re-read
    assert stdlib_import is True


def _lesson_block_before(page, ex_id: str) -> str:
    """The computed content-visibility of the lesson block right before the exercise."""
    return page.evaluate(
        "id => getComputedStyle(document.getElementById(id).previousElementSibling).contentVisibility",
        f"ex-{ex_id}",
    )


def test_link_to_an_exercise_renders_it_first_then_the_lesson(page, site_url, ex):
    """#ex-<id>: the lesson stays unrendered only until the exercise's editor is up."""
    page.goto(f"{site_url}{ex.slug}.html#ex-{ex.id}")
    page.wait_for_function("window.nprlTimings && window.nprlTimings.editor !== undefined")
    assert page.evaluate("document.documentElement.classList.contains('target-first')") is False
    assert _lesson_block_before(page, ex.id) == "auto"
    page.wait_for_selector("body[data-python=ready]", timeout=90_000)
    box = ex.section(page).bounding_box()
    height = page.viewport_size["height"]
    assert box is not None and -5 <= box["y"] < height, f"the exercise is not in view: {box}"


def test_without_the_editor_bundle_the_lesson_still_appears(page, site_url, ex):
    """If assets/app.js never arrives, boot.js's timer brings the lesson back anyway."""
    page.route("**/assets/app.js", lambda route: route.abort())
    page.goto(f"{site_url}{ex.slug}.html#ex-{ex.id}")
    assert page.evaluate("document.documentElement.classList.contains('target-first')") is True
    assert _lesson_block_before(page, ex.id) == "hidden"
    page.wait_for_function(
        "!document.documentElement.classList.contains('target-first')", timeout=10_000
    )
    assert _lesson_block_before(page, ex.id) == "auto"


@pytest.mark.parametrize("snapshot", ["missing", "not-a-snapshot", "cut-short"])
def test_python_starts_without_a_usable_snapshot(page, site_url, built_site, ex, snapshot):
    """A missing or damaged nprl-snapshot.bin.gz costs start-up time, never the exercise
    (a snapshot of the wrong size used to hang Pyodide's start-up for good)."""
    import gzip

    real = gzip.decompress((built_site / "pyodide" / "nprl-snapshot.bin.gz").read_bytes())

    def answer(route):
        if snapshot == "missing":
            route.fulfill(status=404, body="not found")
        elif snapshot == "not-a-snapshot":  # valid gzip, but not a Pyodide memory image
            route.fulfill(status=200, body=gzip.compress(b"\x00not a snapshot" * 1000))
        else:  # the right header, but memory that is not whole pages
            route.fulfill(status=200, body=gzip.compress(real[: len(real) // 2 + 1000]))

    page.route("**/pyodide/nprl-snapshot.bin.gz", answer)
    warnings = []
    page.on("console", lambda msg: warnings.append(msg.text) if msg.type == "warning" else None)
    section = ex.open(page, site_url)
    set_code(page, section, ex.solution)
    press(section, "check")
    out = wait_result(section)
    expect(out.locator(".out-summary")).to_have_text(re.compile(r"^All tests passed"))
    assert any("Python snapshot not used" in w for w in warnings), warnings
