"""Lesson code is proven: every python block of every page runs and prints what the page says.

One test per page runs its blocks in CPython (a fresh process, one namespace, page order);
the `pyodide`-marked test runs them inside real Pyodide, which is what the browser prints.
``NPRL_PAGE=<slug>`` limits both to one page (``make test-fast PAGE=<slug>`` sets it).
The rules themselves (`builder.lesson_code`) are tested on small made-up pages below.
"""

from __future__ import annotations

import ast
import json
import os
import textwrap
from pathlib import Path

import pytest

from builder import lesson_code as lc
from builder.pages import md_to_html

ROOT = Path(__file__).resolve().parents[1]
ALL_PAGES = sorted((ROOT / "content").glob("*.md"))
PAGES = [p for p in ALL_PAGES if os.environ.get("NPRL_PAGE", p.stem) == p.stem]
WHERE = "content/fake.md"


def _ids(pages):
    return [p.stem for p in pages]


def test_the_course_has_pages_with_code():
    assert len(ALL_PAGES) >= 5, f"expected the lesson pages under content/, found {ALL_PAGES}"
    steps = [lc.page_steps(p.read_text(encoding="utf-8"), where=p.name) for p in ALL_PAGES]
    assert sum(map(len, steps)) >= 20, "expected python blocks on the lesson pages"


@pytest.mark.parametrize("md", PAGES, ids=_ids(PAGES))
def test_page_code_runs_and_prints_its_output(md):
    failures = lc.check_page(md, root=ROOT)
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)


# ------------------------------------------------------------------ the same pages in Pyodide


@pytest.fixture(scope="module")
def lesson_runner():
    """A Pyodide of its own: pages change global state (print options) in their runtime."""
    from builder.pyodide_runner import PyodideRunner

    with PyodideRunner(timeout=120) as runner:
        yield runner


def run_in_pyodide(runner, steps: list[lc.Step], *, where: str, timeout: float = 60.0):
    """The page's blocks through the same executor, inside Pyodide; one outcome per step."""
    imports = sorted({line for s in steps for line in _import_lines(s.code)})
    if imports:  # the runner loads the packages these name, as the browser does
        runner.eval("if False:\n" + textwrap.indent("\n".join(imports), "    ") + "\nNone")
    call = f"run_steps({lc.steps_json(steps)!r}, {where!r}, {timeout!r})"
    limit = timeout * max(1, len(steps)) + 30
    return json.loads(runner.eval(lc.run_steps_source() + "\n" + call, timeout=limit))


def _import_lines(code: str) -> list[str]:
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return [f"import {name}" for name in sorted(names)]


@pytest.mark.pyodide
@pytest.mark.parametrize("md", PAGES, ids=_ids(PAGES))
def test_page_code_runs_and_prints_its_output_in_pyodide(md, lesson_runner):
    where = md.relative_to(ROOT).as_posix()
    steps = lc.page_steps(md.read_text(encoding="utf-8"), where=where)
    if not steps:
        return
    outcomes = run_in_pyodide(lesson_runner, steps, where=where)
    failures = lc.page_failures(steps, outcomes, where=where)
    if failures:
        pytest.fail(
            "In Pyodide (what the browser prints):\n" + "\n\n".join(failures), pytrace=False
        )


# ------------------------------------------------------------------ the rules, on made-up pages


def check(text: str, *, timeout: float = 60.0, fresh_process: bool = False) -> list[str]:
    """The failures of a made-up page (in this process, unless fresh_process: faster)."""
    steps = lc.page_steps(textwrap.dedent(text), where=WHERE)
    if fresh_process:
        outcomes = lc.run_page(steps, where=WHERE, timeout=timeout)
    else:
        outcomes = json.loads(lc.run_steps(lc.steps_json(steps), WHERE, timeout))
    return lc.page_failures(steps, outcomes, where=WHERE)


def test_blocks_share_one_namespace_and_outputs_are_compared():
    trailing = "   "  # spaces at line ends, printed and written, are ignored
    page = (
        "Intro.\n\n```python\nx = 6 * 7\n```\n\n"
        f"```python\nprint('x is', x, end='{trailing}\\n')\nprint('next')\n```\n\n"
        f"```output\nx is 42\nnext{trailing}\n\n```\n"
    )
    assert check(page) == []
    assert check(page, fresh_process=True) == []
    assert check(page.replace("x is 42", "x is 43"))  # and they are compared


def test_a_wrong_output_names_page_line_and_shows_expected_and_got():
    page = """\
        # Page

        ```python
        print([1, 2, 3])
        ```
        ```output
        [1, 2, 4]
        ```
        """
    (failure,) = check(page)
    assert failure.startswith(f"{WHERE}:3: python block: printed output differs")
    assert "```output block at line 6" in failure
    assert "--- expected\n[1, 2, 4]\n--- got\n[1, 2, 3]\n" in failure


def test_a_block_without_output_block_may_print_anything():
    assert check("```python\nprint('anything')\n```\n") == []


def test_text_and_other_blocks_do_not_run():
    page = """\
        ```text
        for each epoch: update(w)
        ```

        ~~~bash
        exit 1
        ~~~
        """
    assert lc.page_steps(textwrap.dedent(page), where=WHERE) == []


def test_an_unexpected_exception_fails_with_the_page_line_and_stops_the_page():
    page = """\
        ```python
        a = 1
        b = a / 0
        ```

        ```python
        print("after")
        ```
        """
    failures = check(page)
    assert len(failures) == 2, failures
    assert failures[0].startswith(f"{WHERE}:1: python block: raised ZeroDivisionError")
    assert f'File "{WHERE}", line 3' in failures[0] and "b = a / 0" in failures[0]
    assert failures[1] == f"{WHERE}:6: python block: not run (an earlier block failed)"


def test_raises_line_expects_that_exception_and_the_page_goes_on():
    page = """\
        ```python
        # raises: ValueError
        print("before")
        int("seven")
        ```

        ```output
        before
        ```

        ```python
        # raises: ArithmeticError
        1 / 0
        ```

        ```python
        print("still running")
        ```

        ```output
        still running
        ```
        """
    assert check(page) == []


def test_raises_line_fails_when_nothing_or_something_else_is_raised():
    page = """\
        ```python
        # raises: KeyError
        x = 1
        ```

        ```python
        # raises: KeyError
        [][3]
        ```
        """
    failures = check(page)
    assert failures[0] == (
        f"{WHERE}:1: python block: expected it to raise KeyError (its `# raises:` line), "
        "but it ran without an exception"
    )
    assert failures[1].startswith(f"{WHERE}:6: python block: expected KeyError, got IndexError")


def test_a_syntax_error_names_the_line_in_the_page():
    failures = check("Text\n\n```python\nx = (1,\n```\n")
    assert failures and failures[0].startswith(f"{WHERE}:3: python block: raised")
    assert "SyntaxError" in failures[0] and "line 4" in failures[0]


def test_a_block_that_runs_too_long_fails():
    failures = check("```python\nwhile True:\n    pass\n```\n", timeout=0.5)
    assert failures == [f"{WHERE}:1: python block: TimeoutError: the block ran longer than 0.5 s"]


def test_matplotlib_blocks_run_with_the_agg_backend():
    pytest.importorskip("matplotlib")
    page = """\
        ```python
        import matplotlib
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots()
        ax.plot([0, 1], [1, 0])
        print(matplotlib.get_backend().lower())
        ```
        ```output
        agg
        ```
        """
    assert check(page, fresh_process=True) == []


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("```output\n1\n```\n", f"{WHERE}:1: an ```output block must come directly after"),
        (
            "```python\nprint(1)\n```\n\nSome prose.\n\n```output\n1\n```\n",
            f"{WHERE}:7: an ```output block must come directly after",
        ),
        (
            "```python\nprint(1)\n```\n```output\n1\n```\n```output\n1\n```\n",
            f"{WHERE}:7: an ```output block must come directly after",
        ),
        ("```python\n# raises ValueError\n```\n", f"{WHERE}:2: expected `# raises: <Excep"),
        ("Text\n\n```python\nprint(1)\n", f"{WHERE}:3: code fence ``` is never closed"),
    ],
)
def test_malformed_blocks_are_errors_naming_the_line(page, message):
    with pytest.raises(lc.LessonCodeError) as info:
        lc.page_steps(page, where=WHERE)
    assert str(info.value).startswith(message), str(info.value)


def test_indented_fences_in_lists_and_admonitions_are_found():
    page = "- step\n\n    ```python\n    print(2)\n    ```\n\n    ```output\n    2\n    ```\n"
    (step,) = lc.page_steps(page, where=WHERE)
    assert (step.line, step.code, step.output, step.output_line) == (3, "print(2)\n", "2\n", 7)


def test_output_blocks_render_as_a_labelled_output_box():
    out = md_to_html("```python\nprint(1 < 2)\n```\n\n```output\nTrue <ok>\n```\n")
    assert '<div class="highlight">' in out  # the code stays highlighted code
    assert (
        '<div class="lesson-output"><p class="lesson-output-label">Output</p>'
        "<pre><code>True &lt;ok&gt;</code></pre></div>"
    ) in out
    assert "# raises: ValueError" in md_to_html("```python\n# raises: ValueError\nint('x')\n```\n")
