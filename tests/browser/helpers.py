"""Shared steps for the browser tests: pick the exercise, type code, wait for results."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
# The exercise the tests drive: the first of these that exists (softmax once page 3 lands).
PREFERRED = ("softmax", "relu", "sigmoid", "weighted_sum")


def exercise_folder() -> Path:
    for ex in PREFERRED:
        found = sorted((ROOT / "exercises").glob(f"*/{ex}/spec.yaml"))
        if found:
            return found[0].parent
    raise AssertionError(f"none of the exercises {PREFERRED} exists under exercises/")


class Exercise:
    """One code exercise on its built page."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.spec = yaml.safe_load((folder / "spec.yaml").read_text(encoding="utf-8"))
        self.id = self.spec["id"]
        self.slug = self.spec["page"]
        self.starter = (folder / "starter.py").read_text(encoding="utf-8")
        self.solution = (folder / "solution.py").read_text(encoding="utf-8")
        bugs = sorted((folder / "bugs").glob("*.py"))
        # A wrong answer: a known-wrong solution, else the starter with a harmless change (real
        # code: a comment alone is not an attempt and would not unlock the solution).
        self.wrong = (
            bugs[0].read_text(encoding="utf-8") if bugs else self.starter + "\nmy_try = 1\n"
        )

    def open(self, page, base_url: str):
        page.goto(f"{base_url}{self.slug}.html#ex-{self.id}")
        page.wait_for_selector("body[data-editor=ready]")
        return self.section(page)

    def section(self, page):
        return page.locator(f"section#ex-{self.id}")


def set_code(page, section, code: str) -> None:
    """Replace the editor's text the way a student would (focus, select all, type/paste)."""
    section.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(code)
    assert editor_text(page, section) == code


def editor_text(page, section) -> str:
    ex_id = section.get_attribute("data-exercise")
    return page.evaluate("id => window.nprlWidgets.find((w) => w.id === id).code", ex_id)


def press(section, action: str) -> None:
    section.locator(f"[data-action={action}]").click()


def wait_result(section, *, timeout: float = 60_000):
    """Wait until the output area shows a finished result; return its locator."""
    out = section.locator("[data-role=output]")
    section.locator(".ex-toolbar [data-action=check]:not([disabled])").wait_for(timeout=timeout)
    out.locator(":scope > *").first.wait_for(timeout=timeout)
    return out
