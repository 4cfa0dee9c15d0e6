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
    docs[HOME_SOURCE] = home_body(course, root=root, figures=figures)
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
        content=_home(course, docs[HOME_SOURCE]),
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


# --------------------------------------------------------------------------- the home page

HOME_SOURCE = "content/index.md"  # the home page's text: Markdown, math and figures
_HOME_CONTENTS = re.compile(r"^\s*\{\{\s*contents\s*\}\}\s*$")  # the page list, with times
_HOME_NAME = re.compile(r"^\s*\{\{\s*student-name\s*\}\}\s*$")  # the name field
_HOME_MARKER = "NPRLHOMEMARKER"
_HOME_LINK = re.compile(r'<a href="([^"#:/]+)\.html(#[^"]*)?">(.*?)</a>', re.S)
# The time estimate: careful reading (code and math included), then each exercise.
WORDS_PER_MINUTE = 90
MINUTES = {"core": 20, "practice": 10, "checkpoint": 30, "checkpoint quiz": 20}
_HOME_FALLBACK = (
    "Lesson pages with exercises that run in your browser: write NumPy code, press *Run* to "
    "try it and *Check* to grade it. Your work is saved in this browser as you type.\n\n"
    "## Contents\n\n{{ contents }}\n\n{{ student-name }}\n"
)


def home_body(course: Course, *, root: Path, figures: dict[str, RenderedFigure] | None) -> str:
    """content/index.md as HTML (math still to render), with markers for the page list and
    the name field; links to pages whose text is not written yet say so."""
    source = root / HOME_SOURCE
    text = source.read_text(encoding="utf-8") if source.is_file() else _HOME_FALLBACK
    lines = text.splitlines()
    found = {"contents": 0, "student-name": 0}
    for n, line in enumerate(lines):
        for name, pattern in (("contents", _HOME_CONTENTS), ("student-name", _HOME_NAME)):
            if pattern.match(line):
                found[name] += 1
                lines[n] = f"\n{_HOME_MARKER}{name}\n"
    problems = [
        f"{HOME_SOURCE}: `{{{{ {name} }}}}` must appear exactly once on a line of its own "
        f"(found {count})"
        for name, count in found.items()
        if count != 1
    ]
    placed, errors = find_figure_lines(text, where=HOME_SOURCE)
    problems += errors
    for n, name in placed:
        lines[n - 1] = f"\n{_FIGURE_MARKER}{name}\n"
    if problems:
        raise BuildError("\n".join(problems))
    body = md_to_html("\n".join(lines) + "\n")
    for _, name in placed:
        if figures is None or name not in figures:
            raise BuildError(f"{HOME_SOURCE}: figure '{name}' was not rendered (figure phase)")
        body = body.replace(f"<p>{_FIGURE_MARKER}{name}</p>", figures[name].html(), 1)
    return _home_links(body, course)


def _home_links(body: str, course: Course) -> str:
    """Check every link to a page; one whose text is not written loses its #section and
    says 'coming soon' (its placeholder page lists the exercises)."""
    pages = {p.slug: p for p in course.pages}
    bad = []

    def link(m: re.Match) -> str:
        slug, anchor, label = m.group(1), m.group(2) or "", m.group(3)
        if slug == "index":
            return m.group(0)
        page = pages.get(slug)
        if page is None:
            bad.append(f"{slug}.html{anchor}")
            return m.group(0)
        if page.source is None:
            return f'<a href="{slug}.html">{label}</a> <span class="home-soon">(coming soon)</span>'
        return m.group(0)

    body = _HOME_LINK.sub(link, body)
    if bad:
        raise BuildError(
            f"{HOME_SOURCE}: links to pages that are not in content/course.yaml: " + ", ".join(bad)
        )
    return body


def estimate_minutes(page: Page, course: Course) -> int:
    """About how long the page takes: its words at a careful pace plus its exercises."""
    words = len(page.source.read_text(encoding="utf-8").split()) if page.source else 0
    minutes = words / WORDS_PER_MINUTE
    for ex in page.exercises:
        b = course.exercises[ex]
        role = b.get("role", "core")
        if role == "checkpoint" and b.get("kind") == "quiz":
            role = "checkpoint quiz"
        minutes += MINUTES.get(role, MINUTES["practice"])
    return round(minutes)


def _hours(minutes: float) -> str:
    half_hours = max(1, round(minutes / 30))
    return f"{half_hours // 2}" if half_hours % 2 == 0 else f"{half_hours / 2:.1f}"


def home_contents(course: Course) -> str:
    """The page list of the home page: each page's time estimate and a progress slot
    (site/src/home.js fills it from the work saved in this browser)."""
    items, total, n = [], 0, 0
    for p in course.pages:
        cls = ["home-item"]
        if p.checkpoint:
            cls.append("home-checkpoint")
            letter = re.match(r"Checkpoint ([A-Z])\b", p.title)
            num = f'<span class="home-num">{letter.group(1) if letter else ""}</span>'
        else:
            n += 1
            num = f'<span class="home-num">{n}</span>'
        points = sum(course.exercises[ex].get("points", 0) for ex in p.exercises)
        count = len(p.exercises)
        if p.source is None:
            cls.append("home-soon")
            time = '<span class="home-time">text coming soon</span>'
        else:
            minutes = estimate_minutes(p, course)
            total += minutes
            time = f'<span class="home-time">about {_hours(minutes)} h</span>'
        progress = f"{count} exercise{'s' if count != 1 else ''}, {points} points" if count else ""
        items.append(
            f'<li class="{" ".join(cls)}" data-slug="{p.slug}">'
            f'<a href="{p.slug}.html">{num}<span class="home-title">{html.escape(p.title)}</span></a>'
            f'<span class="home-meta">{time}<span class="home-progress" data-role="home-progress">'
            f"{progress}</span></span></li>"
        )
    return (
        '<ol class="home-contents">' + "".join(items) + "</ol>"
        f'<p class="home-total">Estimated total: about {round(total / 60)} hours '
        f"({WORDS_PER_MINUTE} words a minute of reading with the code, {MINUTES['core']} "
        f"minutes per core exercise, {MINUTES['practice']} per extra practice item, "
        f"{MINUTES['checkpoint']} per checkpoint code item and {MINUTES['checkpoint quiz']} per "
        "checkpoint quiz). "
        '<span data-role="home-total" aria-live="polite"></span></p>'
    )


def _home(course: Course, body: str) -> str:
    """The home page's article: the rendered content/index.md with its list and name field."""
    name_field = (
        '<p class="home-name"><label for="student-name">Your name or student id (optional; it '
        "goes into the downloaded file)</label><br>"
        '<input id="student-name" data-role="student-name" type="text" autocomplete="name"></p>'
    )
    return body.replace(f"<p>{_HOME_MARKER}contents</p>", home_contents(course), 1).replace(
        f"<p>{_HOME_MARKER}student-name</p>", name_field, 1
    )
