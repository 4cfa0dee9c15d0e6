"""Figures from code (builder/figures.py): placement checks, rendering, cache, page and notebook.

Each test builds a tiny course in a temporary folder: content/course.yaml, a page or two
and figure scripts under content/figures/.
"""

from __future__ import annotations

import base64
import json
import textwrap
from pathlib import Path

import pytest

from builder.course import BuildError, load_course
from builder.figures import build_figures, find_figure_lines

GOOD = """\
import matplotlib.pyplot as plt
import numpy as np

CAPTION = "A **line** through $y = 2x$."
ALT = "A straight line rising from the origin."


def draw():
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    x = np.linspace(0, 1, 11)
    ax.plot(x, 2 * x)
    return fig
"""

PAGE = """\
# Page one

Some text.

{{ figure line }}

More text.
"""


def make_course(tmp_path: Path, *, pages=None, scripts=None) -> Path:
    """A course root with the given pages (slug -> text) and figure scripts (file -> text)."""
    pages = {"p1": PAGE} if pages is None else pages
    scripts = {"line.py": GOOD} if scripts is None else scripts
    root = tmp_path / "course"
    (root / "content" / "figures").mkdir(parents=True)
    (root / "exercises").mkdir()
    entries = "".join(f"  - {{slug: {slug}, title: Page {slug}}}\n" for slug in pages)
    (root / "content" / "course.yaml").write_text(
        f"title: Test course\nversion: '1'\npages:\n{entries}", encoding="utf-8"
    )
    for slug, text in pages.items():
        (root / "content" / f"{slug}.md").write_text(text, encoding="utf-8")
    for name, text in scripts.items():
        (root / "content" / "figures" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def build(root: Path, cache: Path | None = None):
    return build_figures(load_course(root), root=root, cache_dir=cache or root / "cache")


def problems(root: Path) -> list[str]:
    with pytest.raises(BuildError) as info:
        build(root)
    return str(info.value).splitlines()


# --------------------------------------------------------------------------- rendering


def test_two_renders_are_byte_identical_and_carry_no_date(tmp_path):
    root = make_course(tmp_path)
    first = build(root, root / "cache-a")["line"]
    second = build(root, root / "cache-b")["line"]
    assert not first.cached and not second.cached, "both builds should render (separate caches)"
    assert first.svg == second.svg, "two renders of the same script gave different SVG bytes"
    assert first.png == second.png, "two renders of the same script gave different PNG bytes"
    svg = first.svg.decode("utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "<dc:date>" not in svg, "the SVG carries a date"
    assert "<text" not in svg, "text should be drawn as paths (svg.fonttype = 'path')"
    assert first.png.startswith(b"\x89PNG"), first.png[:8]
    assert (first.width, first.height) == (614, 346), (first.width, first.height)
    assert first.caption == "A **line** through $y = 2x$."
    assert first.alt == "A straight line rising from the origin."


def test_a_users_rcparams_do_not_change_the_render(tmp_path):
    import matplotlib

    root = make_course(tmp_path)
    plain = build(root, root / "cache-a")["line"].svg
    with matplotlib.rc_context({"lines.linewidth": 7.0, "font.size": 30.0}):
        styled = build(root, root / "cache-b")["line"].svg
    assert plain == styled, "rcParams set before the build leaked into the figure"


def test_cache_hit_does_not_rerun_the_script(tmp_path, monkeypatch):
    runs = tmp_path / "runs.txt"
    monkeypatch.setenv("K3_FIGURE_RUNS", str(runs))
    counting = GOOD.replace(
        "def draw():\n",
        "def draw():\n    import os\n\n"
        "    with open(os.environ['K3_FIGURE_RUNS'], 'a') as f:\n        f.write('x')\n",
    )
    root = make_course(tmp_path, scripts={"line.py": counting})
    first = build(root)["line"]
    again = build(root)["line"]
    assert runs.read_text() == "x", f"draw() ran {len(runs.read_text())} times, expected once"
    assert again.cached and not first.cached
    assert again.svg == first.svg and again.caption == first.caption and again.alt == first.alt


def test_a_changed_script_or_helper_rerenders(tmp_path):
    helper = 'COLOR = "#1f5fa8"\n'
    script = GOOD.replace("import numpy as np\n", "import numpy as np\nfrom _colors import COLOR\n")
    script = script.replace("ax.plot(x, 2 * x)", "ax.plot(x, 2 * x, color=COLOR)")
    root = make_course(tmp_path, scripts={"line.py": script, "_colors.py": helper})
    first = build(root)["line"]
    path = root / "content" / "figures" / "line.py"
    path.write_text(path.read_text().replace("2 * x", "3 * x"), encoding="utf-8")
    changed = build(root)["line"]
    assert not changed.cached, "a changed script was served from the cache"
    assert changed.svg != first.svg
    (root / "content" / "figures" / "_colors.py").write_text('COLOR = "#d55e00"\n')
    recoloured = build(root)["line"]
    assert not recoloured.cached, "a changed helper module did not re-render the figure"
    assert b"#d55e00" in recoloured.svg and b"#d55e00" not in changed.svg


def test_a_warm_build_does_not_import_matplotlib(tmp_path):
    import subprocess
    import sys

    root = make_course(tmp_path)
    build(root)
    code = (
        "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]);"
        "from builder.course import load_course; from builder.figures import build_figures;"
        "root = Path(sys.argv[2]); build_figures(load_course(root), root=root, "
        "cache_dir=root / 'cache'); print('matplotlib' in sys.modules)"
    )
    repo = str(Path(__file__).resolve().parents[1])
    out = subprocess.run(
        [sys.executable, "-c", code, repo, str(root)], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False", f"matplotlib was imported: {out.stdout}{out.stderr}"


# --------------------------------------------------------------------------- problems


def _without(line: str) -> str:
    return GOOD.replace(line, "")


SCRIPT_PROBLEMS = [
    (
        "missing caption",
        _without('CAPTION = "A **line** through $y = 2x$."\n'),
        "content/figures/line.py: CAPTION is missing",
    ),
    (
        "missing alt",
        _without('ALT = "A straight line rising from the origin."\n'),
        "content/figures/line.py: ALT is missing",
    ),
    (
        "empty alt",
        GOOD.replace('ALT = "A straight line rising from the origin."', 'ALT = "  "'),
        "content/figures/line.py: ALT must be a non-empty str",
    ),
    (
        "caption not a str",
        GOOD.replace('CAPTION = "A **line** through $y = 2x$."', "CAPTION = 3"),
        "content/figures/line.py: CAPTION must be a non-empty str (Markdown shown under the "
        "figure), got 3",
    ),
    (
        "no draw",
        GOOD.split("def draw")[0],
        "content/figures/line.py: draw is missing",
    ),
    (
        "draw raises",
        GOOD.replace("    x = np.linspace", "    1 / 0\n    x = np.linspace"),
        "content/figures/line.py:10: draw() raised ZeroDivisionError: division by zero",
    ),
    (
        "top level raises",
        GOOD.replace("CAPTION =", "import no_such_module_k3\nCAPTION ="),
        "content/figures/line.py:4: loading the script raised ModuleNotFoundError",
    ),
    (
        "syntax error",
        GOOD.replace("def draw():", "def draw(:"),
        "content/figures/line.py:8: syntax error",
    ),
    (
        "returns axes",
        GOOD.replace("return fig", "return ax"),
        "content/figures/line.py: draw() must return a matplotlib.figure.Figure, got <Axes",
    ),
    (
        "returns None",
        GOOD.replace("return fig", "pass"),
        "content/figures/line.py: draw() must return a matplotlib.figure.Figure, got None",
    ),
    (
        "calls savefig",
        GOOD.replace("return fig", "fig.savefig('out.svg')\n    return fig"),
        "content/figures/line.py:12: draw() raised RuntimeError: figure scripts must not call "
        "savefig() or show()",
    ),
    (
        "too wide",
        GOOD.replace("figsize=(6.4, 3.6)", "figsize=(12, 3.6)"),
        "content/figures/line.py: the figure is 12.0 in wide; at most 7.5 in",
    ),
]


@pytest.mark.parametrize(
    ("script", "expected"), [c[1:] for c in SCRIPT_PROBLEMS], ids=[c[0] for c in SCRIPT_PROBLEMS]
)
def test_a_bad_script_is_one_line_naming_the_file(tmp_path, script, expected):
    lines = problems(make_course(tmp_path, scripts={"line.py": script}))
    assert len(lines) == 1, f"expected one problem, got {lines}"
    assert lines[0].startswith(expected), f"expected a line starting {expected!r}, got {lines[0]!r}"


PLACEMENT_PROBLEMS = [
    (
        "no script",
        {"p1": PAGE + "\n{{ figure nope }}\n"},
        {"line.py": GOOD},
        ["content/p1.md:9: figure 'nope' has no script content/figures/nope.py"],
    ),
    (
        "unused script",
        {"p1": PAGE},
        {"line.py": GOOD, "extra.py": GOOD},
        ["content/figures/extra.py: figure 'extra' is not placed on any page"],
    ),
    (
        "placed twice",
        {"p1": PAGE, "p2": "{{ figure line }}\n"},
        {"line.py": GOOD},
        [
            "content/p2.md:1: figure 'line' is already placed at content/p1.md:5; each figure "
            "goes on exactly one page"
        ],
    ),
    (
        "malformed directive",
        {"p1": PAGE + "\n{{ figure Line_1 }}\n"},
        {"line.py": GOOD},
        ["content/p1.md:9: malformed figure directive '{{ figure Line_1 }}'"],
    ),
    (
        "bad file name",
        {"p1": PAGE},
        {"line.py": GOOD, "Bad_Name.py": GOOD},
        ["content/figures/Bad_Name.py: figure name 'Bad_Name' must use lowercase letters"],
    ),
]


@pytest.mark.parametrize(
    ("pages", "scripts", "expected"),
    [c[1:] for c in PLACEMENT_PROBLEMS],
    ids=[c[0] for c in PLACEMENT_PROBLEMS],
)
def test_a_bad_placement_is_one_line_naming_the_file(tmp_path, pages, scripts, expected):
    lines = problems(make_course(tmp_path, pages=pages, scripts=scripts))
    assert len(lines) == len(expected), f"expected {len(expected)} problem(s), got {lines}"
    for line, want in zip(lines, expected, strict=True):
        assert line.startswith(want), f"expected a line starting {want!r}, got {line!r}"


def test_every_problem_is_reported_in_one_failure(tmp_path):
    broken = _without('ALT = "A straight line rising from the origin."\n')
    pages = {"p1": PAGE + "\n{{ figure nope }}\n{{ figure broken }}\n"}
    scripts = {"line.py": GOOD, "broken.py": broken, "unused.py": GOOD}
    lines = problems(make_course(tmp_path, pages=pages, scripts=scripts))
    text = "\n".join(lines)
    for want in (
        "content/p1.md:9: figure 'nope' has no script",
        "content/figures/unused.py: figure 'unused' is not placed on any page",
        "content/figures/broken.py: ALT is missing",
    ):
        assert want in text, f"missing {want!r} in:\n{text}"
    assert len(lines) == 3, lines


def test_directives_in_code_fences_are_not_figures():
    text = "```text\n{{ figure inside }}\n```\n\n{{ figure outside }}\n"
    found, errors = find_figure_lines(text, where="content/p.md")
    assert found == [(5, "outside")] and errors == [], (found, errors)


def test_an_unused_figure_fails_the_build(tmp_path, capsys):
    import build as build_script

    root = make_course(tmp_path, scripts={"line.py": GOOD, "extra.py": GOOD})
    with pytest.raises(BuildError, match=r"content/figures/extra\.py: figure 'extra' is not"):
        build_script.build(tmp_path / "out", root=root, prove=False)
    assert not (tmp_path / "out").exists(), "the build wrote a site before failing"


# --------------------------------------------------------------------------- page and notebook


def test_the_page_shows_a_figure_element(tmp_path):
    from builder.pages import render_page_body

    script = GOOD.replace(
        'ALT = "A straight line rising from the origin."', 'ALT = "A line, \\"steep\\" & <bold>."'
    )
    root = make_course(tmp_path, scripts={"line.py": script})
    course = load_course(root)
    body = render_page_body(course.pages[0], course, root=root, figures=build(root))
    assert (
        '<figure class="fig" id="fig-line"><a class="fig-full" href="figures/line.svg" '
        'title="Open the figure at full size"><img src="figures/line.svg" '
        'alt="A line, &quot;steep&quot; &amp; &lt;bold&gt;." width="614" height="346" '
        'loading="lazy" decoding="async"></a><figcaption>A <strong>line</strong> through '
        '<span class="arithmatex">\\(y = 2x\\)</span>.</figcaption></figure>'
    ) in body, body
    assert "{{ figure" not in body and "NPRLFIGUREMARKER" not in body, body


def test_the_notebook_shows_the_figure_offline(tmp_path):
    from builder.notebooks import build_notebook, validate

    material = "# %% [markdown]\n# Before.\n\n# %% [figure] line\n\n# %%\nx = 1\n"
    root = make_course(tmp_path)
    (root / "content" / "notebooks").mkdir()
    notebook_file = root / "content" / "notebooks" / "p1.py"
    course = load_course(root)
    figures = build(root)
    # Not placed by the material: the figure goes in a section at the end.
    nb = build_notebook(course.pages[0], course, root, figures=figures)
    validate(nb, where="p1.ipynb")
    cell = nb["cells"][-1]
    assert nb["cells"][-2]["source"] == "## Figures from the page\n", nb["cells"][-2]
    assert cell["cell_type"] == "markdown" and cell["id"] == "fig-line", cell
    assert cell["source"] == (
        "![A straight line rising from the origin.](attachment:line.png)\n\n"
        "**Figure.** A **line** through $y = 2x$.\n"
    ), cell["source"]
    png = base64.b64decode(cell["attachments"]["line.png"]["image/png"])
    assert png == figures["line"].png
    # Placed by the material: there, and not again at the end.
    notebook_file.write_text(material, encoding="utf-8")
    nb = build_notebook(course.pages[0], course, root, figures=figures)
    sources = [c["source"] for c in nb["cells"]]
    at = next(i for i, c in enumerate(nb["cells"]) if c.get("attachments"))
    assert sources[at - 1] == "Before." and sources[at + 1] == "x = 1", sources
    assert "## Figures from the page\n" not in sources
    assert json.dumps(nb, sort_keys=True) == json.dumps(
        build_notebook(course.pages[0], course, root, figures=figures), sort_keys=True
    ), "two notebook builds differ"


@pytest.mark.parametrize(
    ("material", "expected"),
    [
        (
            "# %% [figure] nope\n",
            "content/notebooks/p1.py:1: figure 'nope' is not a figure placed on a page",
        ),
        (
            "# %% [figure] line\nx = 1\n",
            "content/notebooks/p1.py:2: a [figure] cell has no body",
        ),
        ("# %% [figure]\n", "content/notebooks/p1.py:1: expected '# %% [figure] <name>'"),
    ],
)
def test_a_bad_notebook_figure_names_the_line(tmp_path, material, expected):
    from builder.notebooks import build_notebook

    root = make_course(tmp_path)
    (root / "content" / "notebooks").mkdir()
    (root / "content" / "notebooks" / "p1.py").write_text(material, encoding="utf-8")
    course = load_course(root)
    with pytest.raises(BuildError) as info:
        build_notebook(course.pages[0], course, root, figures=build(root))
    assert str(info.value).startswith(expected), str(info.value)


def test_site_pages_and_notebooks_with_a_figure_are_byte_identical(tmp_path):
    """Two cold builds (separate caches) of the figure, its page and its notebook."""
    from builder.notebooks import build_notebooks
    from builder.pages import render_pages

    root = make_course(tmp_path)
    site_dir = Path(__file__).resolve().parents[1] / "site"
    outputs = []
    for run in ("a", "b"):
        course = load_course(root)
        figures = build(root, root / f"cache-{run}")
        html = render_pages(course, root=root, site_dir=site_dir, figures=figures)
        notebooks = build_notebooks(course, root, cache_dir=root / "nb-cache")  # validated once
        outputs.append((figures["line"].svg, html, notebooks))
    assert outputs[0] == outputs[1], "two builds of the same course differ"
    page = outputs[0][1]["p1.html"]
    assert '<img src="figures/line.svg"' in page and 'class="katex"' in page, page
    assert '"line.png"' in outputs[0][2]["p1"], "the notebook does not carry the figure"


def test_the_course_figures_are_placed_and_render():
    """The real course: every script under content/figures/ is placed once and renders."""
    root = Path(__file__).resolve().parents[1]
    figures = build_figures(load_course(root), root=root)  # BuildError lists every problem
    scripts = sorted(p.stem for p in (root / "content" / "figures").glob("[!_]*.py"))
    assert sorted(figures) == scripts, (sorted(figures), scripts)
    for name in ("activations-and-derivatives", "sigmoid-saturation"):
        assert name in figures, f"page 3's figure {name} is missing"


TEXT_FIGURE = GOOD.replace(
    "    ax.plot(x, 2 * x)\n",
    "    ax.plot(x, 2 * x)\n    ax.set_title(r'**bold** $\\hat{y} = \\sigma(z)$', fontweight='bold')\n"
    "    ax.set_xlabel('input $x$')\n",
)
RENDER = """\
import sys
from pathlib import Path
from builder.course import load_course
from builder.figures import build_figures
root, cache = Path(sys.argv[1]), Path(sys.argv[2])
fig = build_figures(load_course(root), root=root, cache_dir=cache)["line"]
sys.stdout.buffer.write(fig.svg)
"""


def test_a_font_list_without_matplotlibs_fonts_draws_the_same_bytes(tmp_path):
    """A font list cached by another installation (only system fonts in it) must not change
    the figure: the build rebuilds it and draws with matplotlib's own DejaVu files."""
    import os
    import subprocess
    import sys

    import matplotlib

    root = make_course(tmp_path, scripts={"line.py": TEXT_FIGURE})
    repo = Path(__file__).resolve().parent.parent

    def render(config: Path, cache: str) -> bytes:
        env = {**os.environ, "MPLCONFIGDIR": str(config), "PYTHONPATH": str(repo)}
        proc = subprocess.run(
            [sys.executable, "-c", RENDER, str(root), str(tmp_path / cache)],
            env=env, capture_output=True, timeout=300,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr.decode()[-2000:]
        return proc.stdout

    clean = tmp_path / "mpl-clean"
    clean.mkdir()
    want = render(clean, "cache-clean")
    cached = next(clean.glob("fontlist-*.json"))
    data = str(Path(matplotlib.get_data_path()).resolve())
    listing = json.loads(cached.read_text())
    listing["ttflist"] = [f for f in listing["ttflist"] if not f["fname"].startswith(data)]
    broken = tmp_path / "mpl-broken"
    broken.mkdir()
    (broken / cached.name).write_text(json.dumps(listing))
    got = render(broken, "cache-broken")
    assert got == want, (
        f"the SVG drawn with a font list lacking matplotlib's fonts differs "
        f"({len(got)} bytes, expected {len(want)}): a system font was used"
    )
