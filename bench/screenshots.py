#!/usr/bin/env python3
"""Screenshots of a lesson page and of an exercise in each state, for docs/screenshots/.

python bench/screenshots.py [--site _site] [--build] [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from builder.serve import serve_in_thread  # noqa: E402
from tests.browser.chromium import LAUNCH_ARGS, find_chromium  # noqa: E402
from tests.browser.helpers import Exercise, exercise_folder, press, set_code, wait_result  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, default=ROOT / "_site")
    parser.add_argument("--build", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    if args.build or not (args.site / "index.html").is_file():
        import build

        build.build(args.site.resolve(), prove=False)
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    ex = Exercise(exercise_folder())
    server, url = serve_in_thread(args.site.resolve())
    shots = []

    def shoot(target, name: str) -> None:
        path = args.out / f"{name}.png"
        target.screenshot(path=str(path), animations="disabled", caret="hide")
        shots.append(path)

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_chromium(), args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{url}{ex.slug}.html")
        page.wait_for_selector("body[data-editor=ready]")
        page.wait_for_selector("body[data-python=ready]", timeout=180_000)
        shoot(page, "page")
        page.goto(f"{url}index.html")
        shoot(page, "home")
        section = ex.open(page, url)
        page.wait_for_selector("body[data-python=ready]", timeout=180_000)
        # Element shots: keep the sticky header from painting over the exercise.
        page.add_style_tag(content=".site-header { position: static; }")
        section.scroll_into_view_if_needed()
        shoot(section, "exercise-fresh")
        set_code(
            page,
            section,
            "import numpy as np\n\nx = np.array([1.0, 2.0, 3.0])\n"
            "print(np.exp(x) / np.exp(x).sum())\nprint(x.shape, y)\n",
        )
        press(section, "run")
        wait_result(section)
        shoot(section, "exercise-run-output")
        set_code(page, section, ex.wrong)
        press(section, "check")
        wait_result(section)
        shoot(section, "exercise-failed-check")
        press(section, "hint")
        press(section, "hint")
        shoot(section, "exercise-hints")
        set_code(page, section, ex.solution)
        press(section, "check")
        wait_result(section)
        shoot(section, "exercise-passed-check")
        press(section, "solution")
        section.locator(".ex-solution-body").wait_for()
        shoot(section.locator("[data-role=solution]"), "exercise-solution-unlocked")
        quiz = _quiz_section(page, url)
        if quiz is not None:
            shoot(quiz.locator("fieldset.quiz-q").first, "quiz-question")
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(f"{url}{ex.slug}.html")
        page.wait_for_selector("body[data-editor=ready]")
        shoot(page, "page-mobile")
        section = ex.open(page, url)
        page.add_style_tag(content=".site-header { position: static; }")
        shoot(section, "exercise-mobile")
        page.goto(f"{url}{ex.slug}.html")
        page.wait_for_selector("body[data-editor=ready]")
        page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
        page.locator(".toc-toggle").click()
        shoot(page, "contents-mobile")
        browser.close()
    server.shutdown()
    for path in shots:
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


def _quiz_section(page, url: str):
    """The first quiz of the course on its page (None if there is none yet)."""
    import yaml

    for spec in sorted((ROOT / "exercises").glob("*/*/spec.yaml")):
        data = yaml.safe_load(spec.read_text(encoding="utf-8"))
        if data.get("kind") == "quiz":
            page.goto(f"{url}{data['page']}.html#ex-{data['id']}")
            page.wait_for_selector("body[data-editor=ready]")
            page.add_style_tag(content=".site-header { position: static; }")
            return page.locator(f"section#ex-{data['id']}")
    return None


if __name__ == "__main__":
    sys.exit(main())
