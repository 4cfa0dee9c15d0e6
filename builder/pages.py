"""Render content/<slug>.md pages (Markdown, math, highlighted code, exercise widgets) to HTML."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from string import Template

import markdown

from builder.course import BuildError, Course, Page, starter_hash
from builder.figures import RenderedFigure, build_figures, find_figure_lines
from builder.mathrender import render_math

# A line of its own: {{ exercise softmax }}
_EXERCISE_LINE = re.compile(r"^\s*\{\{\s*exercise\s+([A-Za-z0-9_]+)\s*\}\}\s*$")
_LOOKS_LIKE_DIRECTIVE = re.compile(r"\{\{\s*exercise\b")
_FENCE = re.compile(r"^\s*(```|~~~)")
_MARKER = "NPRLEXERCISEMARKER"
_FIGURE_MARKER = "NPRLFIGUREMARKER"


def new_markdown() -> markdown.Markdown:
    """The one Markdown configuration used for pages, prompts, hints and explanations."""
    return markdown.Markdown(
        extensions=[
            "pymdownx.arithmatex",
            "pymdownx.superfences",
            "pymdownx.highlight",
            "pymdownx.inlinehilite",
            "admonition",
            "pymdownx.details",
            "tables",
            "attr_list",
            "footnotes",
            "toc",
        ],
        extension_configs={
            "pymdownx.arithmatex": {"generic": True},
            "pymdownx.highlight": {"use_pygments": True, "css_class": "highlight"},
            "pymdownx.superfences": {
                "custom_fences": [
                    {"name": "output", "class": "lesson-output", "format": _output_block}
                ]
            },
            "toc": {"permalink": False},
        },
    )


def _output_block(source, language, css_class, options, md, **kwargs) -> str:
    """A ```output block: what the python block above it prints (proven by a test)."""
    return (
        f'<div class="{css_class}"><p class="lesson-output-label">Output</p>'
        f"<pre><code>{html.escape(source)}</code></pre></div>"
    )


def md_to_html(text: str) -> str:
    """Markdown to HTML (math left for render_math); tables scroll inside their own box."""
    body = new_markdown().convert(text or "")
    # A wide table scrolls sideways in its box instead of making a phone pan the whole
    # page (the page's script lets a box that does scroll take keyboard focus).
    return body.replace("<table>", '<div class="table-scroll"><table>').replace(
        "</table>", "</table></div>"
    )


def find_exercise_lines(text: str, *, where: str, known: dict[str, dict]) -> list[tuple[int, str]]:
    """Return (line number, id) of every exercise directive outside code fences."""
    found, errors, in_fence = [], [], None
    for n, line in enumerate(text.splitlines(), start=1):
        fence = _FENCE.match(line)
        if fence:
            if in_fence is None:
                in_fence = fence.group(1)
            elif fence.group(1) == in_fence:
                in_fence = None
            continue
        if in_fence:
            continue
        m = _EXERCISE_LINE.match(line)
        if m:
            if m.group(1) not in known:
                errors.append(f"{where}:{n}: unknown exercise id '{m.group(1)}'")
            found.append((n, m.group(1)))
        elif _LOOKS_LIKE_DIRECTIVE.search(line):
            errors.append(
                f"{where}:{n}: malformed exercise directive {line.strip()!r}; "
                "write `{{ exercise <id> }}` on a line of its own"
            )
    if errors:
        raise BuildError("\n".join(errors))
    return found


def render_page_body(
    page: Page, course: Course, *, root: Path, figures: dict[str, RenderedFigure] | None = None
) -> str:
    """The page's article HTML, with a marker where each exercise widget goes."""
    if page.source is None:
        page.exercises = _exercises_of(page.slug, course)
        intro = (
            '<div class="coming-soon"><p><strong>Coming soon.</strong> '
            "The lesson text for this page is still being written.</p>"
        )
        if page.exercises:
            intro += "<p>Its exercises are ready below.</p>"
        intro += "</div>"
        return intro + "".join(f"\n<p>{_MARKER}{ex}</p>" for ex in page.exercises)
    where = str(page.source.relative_to(root))
    text = page.source.read_text(encoding="utf-8")
    placed = find_exercise_lines(text, where=where, known=course.exercises)
    page.exercises = [ex for _, ex in placed]
    lines = text.splitlines()
    for n, ex in placed:
        lines[n - 1] = f"\n{_MARKER}{ex}\n"
    # {{ figure <name> }} lines (checked by the figure phase) become <figure> elements.
    placed_figures, _ = find_figure_lines(text, where=where)
    for n, name in placed_figures:
        lines[n - 1] = f"\n{_FIGURE_MARKER}{name}\n"
    body = md_to_html("\n".join(lines) + "\n")
    for _, name in placed_figures:
        if figures is None or name not in figures:
            raise BuildError(f"{where}: figure '{name}' was not rendered (run the figure phase)")
        body = body.replace(f"<p>{_FIGURE_MARKER}{name}</p>", figures[name].html(), 1)
    return body


def _exercises_of(slug: str, course: Course) -> list[str]:
    items = [b for b in course.exercises.values() if b.get("page") == slug]
    items.sort(key=lambda b: (b.get("order", 1000), b["id"]))
    return [b["id"] for b in items]


def exercise_widget(bundle: dict) -> str:
    """Server-rendered exercise: prompt, hints, solution and the data the widget script needs."""
    ex_id = bundle["id"]
    kind = bundle.get("kind", "code")
    esc = html.escape
    data = {
        "id": ex_id,
        "kind": kind,
        "title": bundle.get("title", ex_id),
        "points": bundle.get("points", 0),
        "starter": bundle.get("starter", ""),
        "starter_hash": starter_hash(bundle),
        "time_limit": bundle.get("time_limit", 10),
        "hints": len(bundle.get("hints") or []),
        "unlock_after_checks": bundle.get("unlock_after_checks"),
    }
    parts = [
        f'<section class="exercise" id="ex-{ex_id}" data-exercise="{ex_id}" data-kind="{esc(kind)}"'
        f' aria-labelledby="ex-{ex_id}-title"'
        f' style="contain-intrinsic-size: auto {estimated_height_rem(bundle)}rem">',
        '<header class="ex-head">',
        f'<h3 id="ex-{ex_id}-title"><span class="ex-label">{_kind_label(bundle)}</span> '
        f"{esc(str(bundle.get('title', ex_id)))}</h3>",
        f'<span class="ex-points">{data["points"]} points</span>',
        '<span class="ex-status" data-role="status" aria-live="polite"></span>',
        "</header>",
        f'<div class="ex-prompt">{md_to_html(bundle.get("prompt", ""))}</div>',
    ]
    functions = bundle.get("functions") or []
    if functions:
        sigs = ", ".join(f"<code>{esc(str(f))}</code>" for f in functions)
        parts.append(f'<p class="ex-functions">Define: {sigs}</p>')
    if kind == "quiz":
        parts.append(_quiz_form(bundle))
    else:
        parts.append('<div class="ex-banner" data-role="banner" hidden></div>')
        parts.append(
            f'<div class="ex-editor" data-role="editor"><pre class="ex-fallback"><code>'
            f"{esc(data['starter'])}</code></pre></div>"
        )
    parts.append(_toolbar(kind))
    parts.append('<div class="ex-output" data-role="output" aria-live="polite"></div>')
    hints = bundle.get("hints") or []
    if hints:
        parts.append('<div class="ex-hints" data-role="hints">')
        parts.extend(f'<template data-role="hint">{md_to_html(h)}</template>' for h in hints)
        parts.append("</div>")
    parts.append(_solution_block(bundle))
    payload = json.dumps(data, sort_keys=True, ensure_ascii=False).replace("<", "\\u003c")
    parts.append(f'<script type="application/json" data-role="data">{payload}</script>')
    parts.append("</section>")
    return "\n".join(parts)


def _kind_label(bundle: dict) -> str:
    kind = {"quiz": "Quiz", "debug": "Debug"}.get(bundle.get("kind"), "Exercise")
    if bundle.get("role") == "checkpoint":
        # "Checkpoint A.1: ..." titles already say it: then the label gives the kind.
        title = str(bundle.get("title", "")).strip().lower()
        return kind if title.startswith("checkpoint") else "Checkpoint"
    return kind


def _text_lines(text, chars_per_line: int = 75) -> int:
    """About how many lines a Markdown text wraps to in the exercise column."""
    return sum(max(1, -(-len(par) // chars_per_line)) for par in str(text or "").split("\n\n"))


def estimated_height_rem(bundle: dict) -> int:
    """A guess at the rendered height of an exercise (rem, desktop width), for its
    content-visibility placeholder: near the real size, the page barely grows (and the
    scrollbar barely jumps) as exercises off screen render after a jump."""
    height = (
        9.0
        + 2.0 * _text_lines(bundle.get("prompt"))
        + 1.2 * (bundle.get("prompt", "").count("```") // 2)
    )
    if bundle.get("functions"):
        height += 2.0
    if bundle.get("kind") == "quiz":
        for q in bundle.get("questions") or []:
            rows = len(q.get("choices") or q.get("items") or q.get("pairs") or [])
            height += 4.0 + 2.0 * _text_lines(q.get("prompt"), 70)
            height += {"ordering": 2.6, "match": 2.4}.get(q.get("type"), 1.8) * rows
            height += {"numeric": 3.5, "explain": 9.0}.get(q.get("type"), 0.0)
    else:
        lines = len(str(bundle.get("starter", "")).splitlines())
        height += min(1.43 * lines + 0.6, 32.0) + 10.0  # + help line, toolbar, margins
    return round(height)


def _toolbar(kind: str) -> str:
    b = '<button type="button" class="btn{cls}" data-action="{a}"{extra}>{label}</button>'
    items = []
    if kind != "quiz":
        items.append(b.format(cls=" btn-run", a="run", extra=' title="Ctrl+Enter"', label="Run"))
    items.append(
        b.format(cls=" btn-primary", a="check", extra=' title="Shift+Ctrl+Enter"', label="Check")
    )
    if kind != "quiz":
        items.append(b.format(cls=" btn-stop", a="stop", extra=" disabled", label="Stop"))
    items.append(b.format(cls=" btn-quiet", a="reset", extra="", label="Reset"))
    items.append(b.format(cls=" btn-quiet", a="hint", extra="", label="Hint"))
    items.append(b.format(cls=" btn-quiet", a="solution", extra="", label="Solution"))
    return (
        '<div class="ex-toolbar" role="toolbar" aria-label="Exercise actions">'
        + "".join(items)
        + '<span class="ex-runtime" data-role="runtime"></span></div>'
    )


def _quiz_form(bundle: dict) -> str:
    from builder.quizform import quiz_form

    return quiz_form(bundle, md=md_to_html)


def _solution_block(bundle: dict) -> str:
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PythonLexer

    code = highlight(bundle.get("solution", ""), PythonLexer(), HtmlFormatter(cssclass="highlight"))
    explanation = md_to_html(bundle.get("explanation", ""))
    return (
        '<div class="ex-solution" data-role="solution">'
        '<p class="ex-solution-note" data-role="solution-note"></p>'
        f'<template data-role="solution-body"><h4>Worked solution</h4>{explanation}'
        f'<h5>Reference code</h5><div class="ex-solution-code">{code}</div></template>'
        "</div>"
    )


def render_pages(
    course: Course,
    *,
    root: Path,
    site_dir: Path,
    figures: dict[str, RenderedFigure] | None = None,
) -> dict[str, str]:
    """Every page of the TOC (and the home page) as complete HTML documents, by file name.

    figures: the figure phase's renders (builder.figures.build_figures); made here if None.
    """
    if figures is None:
        figures = build_figures(course, root=root)
    bodies: dict[str, str] = {}
    for page in course.pages:
        bodies[page.slug] = render_page_body(page, course, root=root, figures=figures)
    widgets = {ex: exercise_widget(b) for ex, b in sorted(course.exercises.items())}
    # One KaTeX batch for everything: pages and exercise texts.
    docs = {f"content/{slug}.md": body for slug, body in bodies.items()}
    docs.update({f"exercise {ex}": w for ex, w in widgets.items()})
    docs = render_math(docs, site_dir=site_dir)
    # Solutions, quiz explanations and model answers: sealed until unlocked (builder/sealing.py).
    from builder.sealing import seal_widgets

    widgets = seal_widgets(
        {ex: docs[f"exercise {ex}"] for ex in widgets}, course.exercises, site_dir=site_dir
    )
    docs.update({f"exercise {ex}": w for ex, w in widgets.items()})
    template = Template((site_dir / "templates" / "page.html").read_text(encoding="utf-8"))
    course_json = course_data(course)
    boot = boot_script(site_dir)
    out: dict[str, str] = {}
    for i, page in enumerate(course.pages):
        body = docs[f"content/{page.slug}.md"]
        for ex in page.exercises:
            body = body.replace(f"<p>{_MARKER}{ex}</p>", docs[f"exercise {ex}"], 1)
        prev_page = course.pages[i - 1] if i > 0 else None
        next_page = course.pages[i + 1] if i + 1 < len(course.pages) else None
        out[f"{page.slug}.html"] = template.substitute(
            title=html.escape(f"{page.title} · {course.title}"),
            course_title=html.escape(course.title),
            course_json=course_json,
            slug=page.slug,
            toc=toc_html(course, current=page.slug),
            heading=_page_heading(page),
            links=_notebook_links(page),
            jump=exercise_jump_list(page, course),
            content=body,
            pager=_pager(prev_page, next_page),
            body_class="page checkpoint" if page.checkpoint else "page",
            boot=boot if page.exercises else "",
        )
    out["index.html"] = template.substitute(
        title=html.escape(course.title),
        course_title=html.escape(course.title),
        course_json=course_json,
        slug="",
        toc=toc_html(course, current=""),
        heading=f"<h1>{html.escape(course.title)}</h1>",
        links="",
        jump="",
        content=_home(course),
        pager=_pager(None, course.pages[0] if course.pages else None),
        body_class="home",
        boot="",
    )
    return out


def boot_script(site_dir: Path) -> str:
    """site/src/boot.js as an inline <script> (comments dropped): starts the Python worker
    from the top of <head>, before stylesheets, lesson and editor bundle load."""
    source = site_dir / "src" / "boot.js"
    lines = [ln.strip() for ln in source.read_text(encoding="utf-8").splitlines()]
    code = "\n".join(ln for ln in lines if ln and not ln.startswith("//"))
    if "</script" in code.lower():
        raise BuildError(f"{source}: must not contain '</script'")
    return f"<script>\n{code}\n</script>\n"


def course_data(course: Course) -> str:
    """The JSON every page embeds: version and, per page, its exercises and points."""
    data = {
        "title": course.title,
        "version": course.version,
        "pages": [
            {
                "slug": p.slug,
                "title": p.title,
                "checkpoint": p.checkpoint,
                "exercises": {ex: course.exercises[ex].get("points", 0) for ex in p.exercises},
            }
            for p in course.pages
        ],
    }
    return json.dumps(data, sort_keys=True, ensure_ascii=False).replace("<", "\\u003c")


def toc_html(course: Course, *, current: str) -> str:
    """The table of contents in course.yaml order, with a progress slot per page."""
    items = []
    n = 0
    for p in course.pages:
        cls = ["toc-item"]
        if p.checkpoint:
            cls.append("toc-checkpoint")
            label = ""
        else:
            n += 1
            label = f'<span class="toc-num">{n}</span>'
        if p.source is None:
            cls.append("toc-soon")
        aria = ' aria-current="page"' if p.slug == current else ""
        if p.source is None:
            aria += ' title="Lesson text coming soon"'
        items.append(
            f'<li class="{" ".join(cls)}" data-slug="{p.slug}"><a href="{p.slug}.html"{aria}>'
            f'{label}<span class="toc-title">{html.escape(p.title)}</span></a>'
            f'<span class="toc-progress" data-role="progress"></span></li>'
        )
    return '<ol class="toc">' + "".join(items) + "</ol>"


def exercise_jump_list(page: Page, course: Course) -> str:
    """Near the top of a page: a link to each of its exercises, in page order."""
    if not page.exercises:
        return ""
    items = []
    for ex in page.exercises:
        b = course.exercises[ex]
        title = html.escape(str(b.get("title", ex)))
        kind = html.escape(_kind_label(b).lower())
        items.append(
            f'<li><a href="#ex-{ex}">{title}</a> '
            f'<span class="pe-kind">{kind}, {b.get("points", 0)} pt</span></li>'
        )
    n = len(items)
    return (
        '<nav class="page-exercises" aria-label="Exercises on this page"><details>'
        f"<summary>Exercises on this page ({n})</summary><ol>" + "".join(items) + "</ol>"
        "</details></nav>"
    )


def _page_heading(page: Page) -> str:
    kicker = '<p class="kicker">Checkpoint</p>' if page.checkpoint else ""
    return (
        f"{kicker}<h1>{html.escape(page.title)}</h1>"
        '<p class="page-progress" data-role="page-progress" aria-live="polite"></p>'
    )


def _notebook_links(page: Page) -> str:
    return (
        '<nav class="page-links" aria-label="Notebook">'
        f'<a href="jupyter/lab/index.html?path={page.slug}.ipynb">Open in JupyterLite</a>'
        f'<a href="notebooks/{page.slug}.ipynb" download>Download notebook</a></nav>'
    )


def _pager(prev_page: Page | None, next_page: Page | None) -> str:
    parts = ['<nav class="pager" aria-label="Previous and next page">']
    if prev_page:
        parts.append(
            f'<a class="prev" href="{prev_page.slug}.html">&larr; {html.escape(prev_page.title)}</a>'
        )
    if next_page:
        parts.append(
            f'<a class="next" href="{next_page.slug}.html">{html.escape(next_page.title)} &rarr;</a>'
        )
    parts.append("</nav>")
    return "".join(parts)


def _home(course: Course) -> str:
    return (
        '<p class="lead">Lesson pages with exercises that run in your browser: write NumPy code, '
        "press <kbd>Run</kbd> to try it and <kbd>Check</kbd> to grade it. Nothing is installed "
        "and nothing leaves your computer; your work is saved in this browser as you type.</p>"
        "<h2>Contents</h2>"
        + toc_html(course, current="").replace('class="toc"', 'class="toc toc-home"', 1)
        + "<h2>Your work</h2><p>Use <em>Download my work</em> (top right) to save every answer "
        "and verdict in one file you can hand in or keep.</p>"
        '<p><label for="student-name">Your name (optional, added to the download)</label><br>'
        '<input id="student-name" data-role="student-name" type="text" autocomplete="name"></p>'
    )
