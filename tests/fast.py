"""`make test-fast`: check one page or one exercise in under a minute.

    python -m tests.fast --page 03-activation-functions
    python -m tests.fast --exercise softmax

Steps (each runs even when an earlier one failed; the exit status says whether all passed):

1. ruff (lint, and format for the folders `make lint` formats) on the Python files changed
   since the last commit, new files included;
2. ``grader validate`` on the page's exercise folder (or the one exercise's folder);
3. pytest without browser, Pyodide and build tests: the page's lesson code
   (tests/test_lesson_code.py), the course completeness test (tests/test_course.py) and the
   page's CPython tests (tests/test_torch_p<NN>.py), with NPRL_PAGE=<slug> set for the
   tests that take a page filter.

`make test` stays the full gate.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATTED = ("grader/", "builder/", "build.py", "tests/", "bench/")  # as in `make lint`
FAST = "not browser and not pyodide and not build"


class UsageError(Exception):
    pass


def course_slugs() -> list[str]:
    import yaml

    data = yaml.safe_load((ROOT / "content" / "course.yaml").read_text(encoding="utf-8"))
    return [str(p["slug"]) for p in data["pages"]]


def resolve(page: str | None, exercise: str | None) -> tuple[str, Path]:
    """(page slug, folder to validate) for --page or --exercise."""
    if exercise:
        found = sorted(p.parent for p in (ROOT / "exercises").glob(f"*/{exercise}/spec.yaml"))
        if not found:
            raise UsageError(f"no exercise '{exercise}': expected exercises/<page>/{exercise}/")
        folder = found[0]
        if page and folder.parent.name != page:
            raise UsageError(f"exercise '{exercise}' belongs to page '{folder.parent.name}'")
        return folder.parent.name, folder
    slugs = course_slugs()
    if page not in slugs:
        raise UsageError(f"unknown page '{page}': expected a slug of content/course.yaml: {slugs}")
    return page, ROOT / "exercises" / page


def changed_python_files() -> list[str]:
    proc = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    files = []
    for line in proc.stdout.splitlines():
        name = line[3:].split(" -> ")[-1].strip('"')
        if name.endswith(".py") and (ROOT / name).is_file():
            files.append(name)
    return sorted(set(files))


def steps(slug: str, folder: Path) -> list[tuple[str, list[str], dict]]:
    """(title, argv, extra environment) of each step."""
    py = sys.executable
    out = []
    changed = changed_python_files()
    if changed:
        out.append(
            (
                "ruff check (changed files)",
                [py, "-m", "ruff", "check", "--force-exclude", *changed],
                {},
            )
        )
        formatted = [f for f in changed if f.startswith(FORMATTED)]
        if formatted:
            out.append(
                (
                    "ruff format --check (changed files)",
                    [py, "-m", "ruff", "format", "--check", "--force-exclude", *formatted],
                    {},
                )
            )
    if folder.is_dir():
        rel = folder.relative_to(ROOT).as_posix()
        out.append((f"grader validate {rel}", [py, "-m", "grader", "validate", rel], {}))
    tests = ["tests/test_lesson_code.py", "tests/test_course.py"]
    m = re.match(r"(\d+)-", slug)
    if m and (ROOT / "tests" / f"test_torch_p{m.group(1)}.py").is_file():
        tests.append(f"tests/test_torch_p{m.group(1)}.py")
    pytest = [py, "-m", "pytest", "-q", "-m", FAST, *tests]
    out.append((f"pytest ({slug})", pytest, {"NPRL_PAGE": slug}))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make test-fast", description=__doc__.split("\n")[0])
    parser.add_argument("--page", help="a page slug of content/course.yaml")
    parser.add_argument("--exercise", help="an exercise id (its page is checked too)")
    args = parser.parse_args(argv)
    if not args.page and not args.exercise:
        print("usage: make test-fast PAGE=<page slug>  or  make test-fast EX=<exercise id>")
        return 2
    try:
        slug, folder = resolve(args.page, args.exercise)
    except UsageError as exc:
        print(f"test-fast: {exc}", file=sys.stderr)
        return 2
    failed, start = [], time.perf_counter()
    for title, cmd, env in steps(slug, folder):
        print(f"== {title}", flush=True)
        t0 = time.perf_counter()
        code = subprocess.run(cmd, cwd=ROOT, env={**os.environ, **env}, check=False).returncode
        print(f"   {'ok' if code == 0 else 'FAILED'} in {time.perf_counter() - t0:.1f} s")
        if code != 0:
            failed.append(title)
    total = time.perf_counter() - start
    if failed:
        print(f"test-fast: {len(failed)} step(s) failed in {total:.0f} s: {', '.join(failed)}")
        return 1
    print(f"test-fast: all steps passed in {total:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
