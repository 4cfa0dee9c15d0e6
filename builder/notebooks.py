"""Generate one Jupyter notebook per course page.

Each notebook holds, in order:

1. a title cell and a setup cell (``from grader.notebook import check``);
2. the page's exercises in the order the page places them (core first, then the extra
   practice): the prompt as Markdown, the starter as an *exercise cell* (cell metadata
   ``{"nprl": {"exercise": "<id>"}}``, first line ``# Exercise <id>: ...``; the offline
   grader reads student code from these cells), and a *check cell* that grades it with
   the same grader and prints the site's report;
3. the page's notebook material, ``content/notebooks/<slug>.py`` in percent format:
   ``# %% [markdown]`` (lines prefixed with ``# ``), ``# %%`` code cells and
   ``# %% [torch]`` cells that need PyTorch. A torch cell is wrapped in a guard that
   explains itself in the browser (Pyodide has no PyTorch) and runs the code everywhere
   else. ``# %% [figure] <name>`` (no body) shows a figure of the course there;
4. every figure the page places that the material did not, in a "Figures from the page"
   section. A figure is a Markdown cell with its PNG render as an attachment (JupyterLab
   renders no SVG attachments), so it shows offline without running anything.

Output is deterministic: fixed cell ids, sorted JSON keys, no timestamps.
"""

from __future__ import annotations

import io
import json
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

from builder.course import BuildError, Course

NBFORMAT_MINOR = 5
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
LANGUAGE_INFO = {"name": "python", "file_extension": ".py", "mimetype": "text/x-python"}
BROWSER_MESSAGE = (
    "PyTorch cannot run in the browser (JupyterLite runs Pyodide, which has no PyTorch).",
    "Download this notebook and run it in a local Jupyter with torch installed.",
)
_CELL_LINE = re.compile(r"^# %%(?P<rest>.*)$")
_CELL_TAG = re.compile(r"^\s*\[(?P<tag>[A-Za-z_]+)\]\s*(?P<title>.*)$")
TAGS = ("markdown", "torch", "figure")


@dataclass
class SourceCell:
    kind: str  # "markdown", "code", "torch" or "figure"
    source: str  # for a figure: its name
    line: int  # 1-based line of the "# %%" marker
    title: str = ""  # the text after the [tag]


# --------------------------------------------------------------------------- percent format


def parse_percent(text: str, *, where: str) -> list[SourceCell]:
    """Split percent-format text into cells; a bad marker or stray text is a BuildError."""
    cells: list[SourceCell] = []
    current: SourceCell | None = None
    body: list[str] = []
    errors: list[str] = []

    def close():
        if current is not None:
            current.source = _finish(current, body, where, errors)
            cells.append(current)

    for n, line in enumerate(text.splitlines(), start=1):
        m = _CELL_LINE.match(line)
        if m:
            close()
            rest = m.group("rest")
            kind = "code"
            if rest.strip():
                tag = _CELL_TAG.match(rest)
                if rest[0] not in " \t":
                    errors.append(f"{where}:{n}: expected '# %%' followed by a space, got {line!r}")
                elif tag:
                    if tag.group("tag") not in TAGS:
                        errors.append(
                            f"{where}:{n}: unknown cell type [{tag.group('tag')}] "
                            f"(known: {', '.join('[' + t + ']' for t in TAGS)})"
                        )
                    else:
                        kind = "code" if tag.group("tag") == "code" else tag.group("tag")
            title = tag.group("title").strip() if rest.strip() and tag else ""
            current, body = SourceCell(kind, "", n, title), []
            continue
        if current is None:
            if line.strip():
                errors.append(f"{where}:{n}: text before the first '# %%' cell marker")
            continue
        body.append(line)
    close()
    if errors:
        raise BuildError("\n".join(errors))
    return [c for c in cells if c.source.strip()]


def _finish(cell: SourceCell, body: list[str], where: str, errors: list[str]) -> str:
    while body and not body[-1].strip():
        body.pop()
    while body and not body[0].strip():
        body.pop(0)
    if cell.kind == "figure":
        from builder.figures import NAME

        if not NAME.match(cell.title):
            errors.append(
                f"{where}:{cell.line}: expected '# %% [figure] <name>' (name: lowercase "
                f"letters, digits, hyphens), got {cell.title!r}"
            )
        if body:
            errors.append(
                f"{where}:{cell.line + 1}: a [figure] cell has no body; the figure comes from "
                f"content/figures/{cell.title}.py"
            )
        return cell.title
    if cell.kind != "markdown":
        source = "\n".join(body)
        if source.strip():
            try:
                compile(source + "\n", f"{where}:{cell.line}", "exec")
            except SyntaxError as exc:
                line = cell.line + (exc.lineno or 1)
                errors.append(f"{where}:{line}: syntax error in the cell: {exc.msg}")
        return source
    out = []
    for offset, line in enumerate(body, start=1):
        if line == "#":
            out.append("")
        elif line.startswith("# "):
            out.append(line[2:])
        else:
            errors.append(
                f"{where}:{cell.line + offset}: a Markdown cell line must start with '# ' "
                f"(or be '#'), got {line!r}"
            )
    return "\n".join(out)


def _string_continuation_lines(source: str) -> set[int]:
    """1-based lines that start inside a multi-line string (their text must not move)."""
    inside: set[int] = set()
    string_types = {tokenize.STRING}
    for name in ("FSTRING_MIDDLE", "FSTRING_END"):
        if hasattr(tokenize, name):
            string_types.add(getattr(tokenize, name))
    for tok in tokenize.generate_tokens(io.StringIO(source + "\n").readline):
        if tok.type in string_types and tok.end[0] > tok.start[0]:
            inside.update(range(tok.start[0] + 1, tok.end[0] + 1))
    return inside


def _has_statements(source: str) -> bool:
    import ast

    try:
        return bool(ast.parse(source).body)
    except SyntaxError:
        return True  # reported by the compile() below


def torch_guard(source: str, *, where: str = "<torch cell>") -> str:
    """Wrap a torch cell: explain itself under Pyodide, run unchanged everywhere else.

    The code is indented under ``else:``, except lines that continue a multi-line string
    (indenting those would change the string).
    """
    keep = _string_continuation_lines(source)
    body = []
    for n, line in enumerate(source.split("\n"), start=1):
        body.append(line if n in keep or not line.strip() else "    " + line)
    if not _has_statements(source):
        body.append("    pass")
    wrapped = (
        "# PyTorch cell: runs in a local Jupyter with torch installed, not in the browser.\n"
        "import sys\n\n"
        'if sys.platform == "emscripten":\n'
        + "".join(f"    print({line!r})\n" for line in BROWSER_MESSAGE)
        + "else:\n"
        + "\n".join(body)
    )
    try:
        compile(wrapped + "\n", where, "exec")
    except SyntaxError as exc:
        raise BuildError(f"{where}: the [torch] cell cannot be wrapped: {exc.msg}") from exc
    return wrapped


# --------------------------------------------------------------------------- cells


def _cell(cell_type: str, source: str, cell_id: str, metadata: dict | None = None) -> dict:
    cell = {"cell_type": cell_type, "id": cell_id, "metadata": metadata or {}, "source": source}
    if cell_type == "code":
        cell["execution_count"] = None
        cell["outputs"] = []
    return cell


def exercise_source(bundle: dict) -> str:
    """The exercise cell: a marker line, then the starter exactly as the site shows it."""
    ex_id = bundle["id"]
    starter = (bundle.get("starter") or "").rstrip("\n")
    if bundle.get("kind") == "quiz":
        how = "fill in your answers, run this cell, then run the check cell below."
    elif bundle.get("kind") == "debug":
        how = "find and fix the bug, run this cell, then run the check cell below."
    else:
        how = "write your code, run this cell, then run the check cell below."
    return f"# Exercise {ex_id}: {how}\n{starter}"


def check_source(ex_id: str) -> str:
    return f'check("{ex_id}")'


def _exercise_markdown(bundle: dict) -> str:
    parts = [f"### {bundle.get('title', bundle['id'])}", ""]
    points = bundle.get("points")
    kind = {"quiz": "Quiz", "debug": "Debugging"}.get(bundle.get("kind"), "Exercise")
    parts.append(f"*{kind} `{bundle['id']}`, {points} points.*")
    parts += ["", (bundle.get("prompt") or "").strip()]
    if bundle.get("kind") == "quiz":
        parts += ["", *_quiz_markdown(bundle)]
    for i, hint in enumerate(bundle.get("hints") or [], start=1):
        parts += ["", f"<details><summary>Hint {i}</summary>", "", hint.strip(), "", "</details>"]
    return "\n".join(parts).rstrip() + "\n"


def _quiz_markdown(bundle: dict) -> list[str]:
    """The questions by id, with choices indexed and ordering/match items lettered as the
    answers use them (letters in the page's shuffled order, so they give nothing away)."""
    from grader.quiz import display_order

    lines = ["Set each entry of `answers` in the cell below:", ""]
    for q in bundle.get("questions") or []:
        qtype = q.get("type")
        how = {
            "single": "the index of one choice",
            "multiple": "a list of choice indices",
            "numeric": 'a number, or a string such as "3/4"',
            "ordering": 'the letters of the items below in the right order, e.g. ["B", "A"]',
            "match": 'for each left item in order, the letter of its right item, e.g. ["B", "A"]',
            "explain": "your written answer as a string",
        }.get(qtype, "")
        if qtype == "explain":
            worth = f"no automatic points, a TA may award up to {q.get('ta_points')} pt"
        else:
            worth = f"{q.get('points')} pt"
        lines.append(f"- **`{q['id']}`** ({how}, {worth}): {q.get('prompt', '')}")
        for i, choice in enumerate(q.get("choices") or []):
            lines.append(f"    - `{i}`: {choice}")
        items = q.get("items") or []
        for pos, k in enumerate(display_order(bundle["id"], str(q["id"]), len(items))):
            lines.append(f"    - `{chr(ord('A') + pos)}`: {items[k]}")
        pairs = q.get("pairs") or []
        if pairs:
            lefts = "; ".join(f"{i + 1}. {left}" for i, (left, _) in enumerate(pairs))
            lines.append(f"    - left items, in this order: {lefts}")
            for pos, j in enumerate(display_order(bundle["id"], str(q["id"]), len(pairs))):
                lines.append(f"    - `{chr(ord('A') + pos)}`: {pairs[j][1]}")
    return lines


def page_exercises(page, course: Course, root: Path) -> tuple[list[str], list[str]]:
    """(core, practice) exercise ids of a page, in the order the page places them."""
    from builder.pages import find_exercise_lines

    placed: list[str] = []
    if page.source is not None:
        text = page.source.read_text(encoding="utf-8")
        where = (
            str(page.source.relative_to(root))
            if page.source.is_relative_to(root)
            else str(page.source)
        )
        placed = [ex for _, ex in find_exercise_lines(text, where=where, known=course.exercises)]
    rest = [
        b for b in course.exercises.values() if b.get("page") == page.slug and b["id"] not in placed
    ]
    rest.sort(key=lambda b: (b.get("order", 1000), b["id"]))
    ids = [ex for ex in placed if course.exercises[ex].get("page") == page.slug]
    ids += [b["id"] for b in rest]
    core = [ex for ex in ids if course.exercises[ex].get("role", "core") != "practice"]
    practice = [ex for ex in ids if course.exercises[ex].get("role", "core") == "practice"]
    return core, practice


def build_notebook(page, course: Course, root: Path, *, figures: dict | None = None) -> dict:
    """The notebook (a plain nbformat-4 dict) for one page of the course.

    figures: the course's renders (builder.figures.build_figures); made here if None.
    """
    from builder.figures import build_figures, find_figure_lines

    if figures is None:
        figures = build_figures(course, root=root)
    core, practice = page_exercises(page, course, root)
    material_path = root / "content" / "notebooks" / f"{page.slug}.py"
    material: list[SourceCell] = []
    if material_path.is_file():
        material = parse_percent(
            material_path.read_text(encoding="utf-8"),
            where=f"content/notebooks/{page.slug}.py",
        )
    cells: list[dict] = []
    intro = [
        f"# {page.title}",
        "",
        f"*{course.title}*: the notebook for this page ({course.version}).",
        "",
    ]
    if core or practice:
        intro += [
            "Run the setup cell first. Each exercise has a cell to edit (it starts with "
            "`# Exercise <id>:`) and a check cell below it: run your cell, then the check "
            "cell, which grades your code with the same hidden tests as the course site.",
            "",
        ]
    if any(c.kind == "torch" for c in material):
        intro += [
            "Cells marked *PyTorch cell* need PyTorch: in the browser (JupyterLite) they say "
            "so and do nothing; in a local Jupyter with `torch` installed they run.",
            "",
        ]
    cells.append(_cell("markdown", "\n".join(intro).rstrip() + "\n", "title"))
    if core or practice:
        cells.append(
            _cell(
                "code",
                "# Setup: the course grader (preinstalled in the site's JupyterLite).\n"
                "from grader.notebook import check",
                "setup",
            )
        )
    for heading, ids in (("Exercises", core), ("Extra practice", practice)):
        if not ids:
            continue
        cells.append(_cell("markdown", f"## {heading}\n", f"h-{heading.split()[0].lower()}"))
        for ex in ids:
            bundle = course.exercises[ex]
            cells.append(_cell("markdown", _exercise_markdown(bundle), f"prompt-{ex}"))
            cells.append(
                _cell("code", exercise_source(bundle), f"ex-{ex}", {"nprl": {"exercise": ex}})
            )
            cells.append(_cell("code", check_source(ex), f"check-{ex}", {"nprl": {"check": ex}}))
    if material:
        cells.append(_cell("markdown", "## Notebook: experiments and PyTorch\n", "h-material"))
    missing = [
        f"content/notebooks/{page.slug}.py:{c.line}: figure '{c.source}' is not a figure placed "
        f"on a page (content/figures/{c.source}.py, shown with {{{{ figure {c.source} }}}})"
        for c in material
        if c.kind == "figure" and c.source not in figures
    ]
    if missing:
        raise BuildError("\n".join(missing))
    for i, c in enumerate(material, start=1):
        cid = f"nb-{i:03d}"
        if c.kind == "figure":
            cells.append(_figure_cell(figures[c.source], cid))
        elif c.kind == "markdown":
            cells.append(_cell("markdown", c.source, cid))
        elif c.kind == "torch":
            guarded = torch_guard(c.source, where=f"content/notebooks/{page.slug}.py:{c.line}")
            cells.append(_cell("code", guarded, cid, {"nprl": {"torch": True}}))
        else:
            cells.append(_cell("code", c.source, cid))
    shown = {c.source for c in material if c.kind == "figure"}
    page_figures = []
    if page.source is not None:
        found, _ = find_figure_lines(page.source.read_text(encoding="utf-8"), where=page.slug)
        page_figures = [name for _, name in found if name not in shown and name in figures]
    if page_figures:
        cells.append(_cell("markdown", "## Figures from the page\n", "h-figures"))
        cells += [_figure_cell(figures[name], f"fig-{name}") for name in page_figures]
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": dict(KERNELSPEC),
            "language_info": dict(LANGUAGE_INFO),
            "nprl": {"page": page.slug, "course_version": course.version},
        },
        "nbformat": 4,
        "nbformat_minor": NBFORMAT_MINOR,
    }


def _figure_cell(fig, cell_id: str) -> dict:
    """A Markdown cell showing a rendered figure (PNG attachment) and its caption."""
    from builder.figures import notebook_cell_source

    source, attachments = notebook_cell_source(fig)
    cell = _cell("markdown", source, cell_id)
    cell["attachments"] = attachments
    return cell


def dumps(nb: dict) -> str:
    """Deterministic notebook text (what nbformat writes: sorted keys, indent 1)."""
    return json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def validate(nb: dict, *, where: str) -> None:
    import nbformat

    try:
        nbformat.validate(nbformat.from_dict(nb), version=4)
    except nbformat.ValidationError as exc:
        raise BuildError(
            f"{where}: generated notebook is not valid nbformat 4: {exc.message}"
        ) from exc


def build_notebooks(course: Course, root: Path, *, cache_dir: Path | None = None) -> dict[str, str]:
    """slug -> notebook text for every page of the course, each validated with nbformat.

    Importing nbformat's validator takes seconds (jsonschema compiles URI grammars), so
    the sha256 of every text that passed is remembered in ``cache_dir`` and the same
    bytes are not validated twice.
    """
    from builder.figures import build_figures

    known = _ValidatedCache(cache_dir)
    figures = build_figures(course, root=root)
    out = {}
    for page in course.pages:
        nb = build_notebook(page, course, root, figures=figures)
        text = dumps(nb)
        if not known.has(text):
            validate(nb, where=f"notebooks/{page.slug}.ipynb")
            known.add(text)
        out[page.slug] = text
    known.save()
    return out


class _ValidatedCache:
    """sha256 of notebook texts that passed nbformat.validate (a file in the build cache)."""

    def __init__(self, cache_dir: Path | None):
        self.path = Path(cache_dir) / "validated-notebooks.json" if cache_dir else None
        self.hashes: set[str] = set()
        self.added = False
        if self.path is not None and self.path.is_file():
            try:
                self.hashes = set(json.loads(self.path.read_text(encoding="utf-8")))
            except (OSError, ValueError, TypeError):
                self.hashes = set()

    @staticmethod
    def _key(text: str) -> str:
        import hashlib

        return hashlib.sha256(f"v4.{NBFORMAT_MINOR}\0{text}".encode()).hexdigest()

    def has(self, text: str) -> bool:
        return self._key(text) in self.hashes

    def add(self, text: str) -> None:
        self.hashes.add(self._key(text))
        self.added = True

    def save(self) -> None:
        if self.path is None or not self.added:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(sorted(self.hashes)[-2000:]) + "\n", encoding="utf-8")
        tmp.replace(self.path)


def exercises_json(course: Course) -> str:
    """Every exercise bundle the notebooks check, as grader.notebook reads it (sealed like
    the site's: grader.check opens them; docs/security.md)."""
    from grader.seal import seal_bundle

    sealed = {ex: seal_bundle(b) for ex, b in course.exercises.items()}
    data = {"course_version": course.version, "exercises": sealed}
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=1) + "\n"


def write_notebooks(
    out_dir: Path, course: Course, root: Path, *, cache_dir: Path | None = None
) -> dict[str, str]:
    """Write notebooks/<slug>.ipynb and notebooks/exercises.json; return the notebooks."""
    notebooks = build_notebooks(course, root, cache_dir=cache_dir)
    folder = out_dir / "notebooks"
    folder.mkdir(parents=True, exist_ok=True)
    for slug, text in notebooks.items():
        (folder / f"{slug}.ipynb").write_text(text, encoding="utf-8", newline="\n")
    (folder / "exercises.json").write_text(exercises_json(course), encoding="utf-8", newline="\n")
    return notebooks


def main(argv=None) -> int:
    """python -m builder.notebooks OUT_DIR: write the notebooks only (for a quick look)."""
    import argparse
    import sys

    from builder.course import load_course

    parser = argparse.ArgumentParser(prog="python -m builder.notebooks", description=main.__doc__)
    parser.add_argument("out", nargs="?", type=Path, help="output folder (default: _notebooks)")
    args = parser.parse_args(argv)
    root = Path(__file__).resolve().parent.parent
    out = args.out or root / "_notebooks"
    try:
        course = load_course(root)
        written = write_notebooks(out, course, root)
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {len(written)} notebooks to {out / 'notebooks'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
