"""Figures from code: `{{ figure <name> }}` on a page, drawn by content/figures/<name>.py.

A figure script defines ``CAPTION`` (Markdown and ``$math$``), ``ALT`` (plain text for a
screen reader) and ``draw()``, which returns a ``matplotlib.figure.Figure``. The build loads
each script by path in a fresh module namespace, with the course style set, and renders it
to SVG (for the site) and PNG (for the notebooks) with fixed fonts, text as paths, a fixed
hash salt and no dates, so the same script gives the same bytes on every build.

Renders are cached in ``.cache/figures/`` under the sha256 of the script, the helper
modules (``content/figures/_*.py``, importable by scripts), the course style and the
matplotlib and NumPy versions. A build whose figures are all cached never imports
matplotlib (about a second).

Every problem (missing CAPTION/ALT, a script that raises, ``draw()`` returning something
else, a directive without a script, a script no page uses, a figure placed twice) is
collected, then reported at once as a BuildError, one line per problem naming the file.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import sys
import traceback
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from builder.course import BuildError, Course

# A line of its own: {{ figure sigmoid-saturation }}
_FIGURE_LINE = re.compile(r"^\s*\{\{\s*figure\s+(\S+)\s*\}\}\s*$")
_LOOKS_LIKE_DIRECTIVE = re.compile(r"\{\{\s*figure\b")
_FENCE = re.compile(r"^\s*(```|~~~)")
NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HELPER = re.compile(r"^_[a-z][a-z0-9_]*$")

FORMAT = "nprl-figures-4"  # bump when rendering changes in a way the key does not see
PNG_DPI = 144  # notebook images: 6.4 in -> 922 px, sharp on a 1.5x screen
MAX_WIDTH_IN = 7.5  # wider figures shrink their text too much on a phone

# The course style, applied after matplotlib.rcdefaults() before every figure (rcdefaults,
# not rc_file_defaults: a user's own matplotlibrc must not change the course's figures).
PALETTE = ["#1f5fa8", "#d55e00", "#2a8a4a", "#b3261e", "#7b4fa0", "#5f6b78"]
STYLE = {
    "backend": "Agg",
    "font.family": "DejaVu Sans",  # shipped with matplotlib: no system font changes a build
    "mathtext.fontset": "dejavusans",
    # Shown about 0.6x on a 390 px phone: 11 pt ticks are still about 9 CSS px there.
    "font.size": 12.0,
    "axes.titlesize": 12.0,
    "axes.labelsize": 12.0,
    "xtick.labelsize": 11.0,
    "ytick.labelsize": 11.0,
    "legend.fontsize": 11.0,
    "figure.figsize": (6.4, 3.6),
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "figure.constrained_layout.use": True,
    "axes.edgecolor": "#4a525c",
    "axes.labelcolor": "#1d232b",
    "text.color": "#1d232b",
    "xtick.color": "#4a525c",
    "ytick.color": "#4a525c",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#e3e6e0",
    "grid.linewidth": 0.8,
    "axes.axisbelow": True,
    "lines.linewidth": 2.0,
    "legend.frameon": False,
    "svg.fonttype": "path",  # text as paths: the SVG needs no font on the reader's side
    "svg.hashsalt": "nprl-course",  # element ids from a fixed salt, not a random uuid
    "path.simplify": True,
}
SVG_METADATA = {"Date": None, "Creator": None}
PNG_METADATA = {"Software": None}


@dataclass
class Placement:
    name: str
    where: str  # content/<slug>.md
    line: int
    slug: str


@dataclass
class RenderedFigure:
    """One rendered figure: what the page, the site folder and the notebook need."""

    name: str
    caption: str
    alt: str
    svg: bytes
    png: bytes
    width: int  # CSS pixels (1 in = 96 px)
    height: int
    key: str = ""
    cached: bool = False

    def html(self) -> str:
        """The page's <figure>: the SVG as a lazy <img> that opens the figure at full size
        (small labels on a phone), the caption as Markdown + math."""
        from builder.pages import md_to_html

        caption = md_to_html(self.caption).strip()
        if caption.startswith("<p>") and caption.endswith("</p>") and caption.count("<p>") == 1:
            caption = caption[3:-4]
        return (
            f'<figure class="fig" id="fig-{self.name}">'
            f'<a class="fig-full" href="figures/{self.name}.svg" title="Open the figure at full size">'
            f'<img src="figures/{self.name}.svg" alt="{html.escape(self.alt)}" '
            f'width="{self.width}" height="{self.height}" loading="lazy" decoding="async"></a>'
            f"<figcaption>{caption}</figcaption></figure>"
        )


# --------------------------------------------------------------------------- finding


def find_figure_lines(text: str, *, where: str) -> tuple[list[tuple[int, str]], list[str]]:
    """(line, name) of every figure directive outside code fences, and the problems found."""
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
        m = _FIGURE_LINE.match(line)
        if m and NAME.match(m.group(1)):
            found.append((n, m.group(1)))
        elif m or _LOOKS_LIKE_DIRECTIVE.search(line):
            errors.append(
                f"{where}:{n}: malformed figure directive {line.strip()!r}; write "
                "`{{ figure <name> }}` on a line of its own (name: lowercase letters, digits, "
                "hyphens)"
            )
    return found, errors


def find_placements(course: Course, *, root: Path) -> tuple[list[Placement], list[str]]:
    """Every figure directive of every written page (then the home page), and the problems."""
    placements, errors = [], []
    for page in course.pages:
        if page.source is None:
            continue
        where = _rel(page.source, root)
        found, problems = find_figure_lines(page.source.read_text(encoding="utf-8"), where=where)
        errors += problems
        placements += [Placement(name, where, n, page.slug) for n, name in found]
    home = root / "content" / "index.md"  # the home page's text (builder/pages.py `_home`)
    if home.is_file():
        found, problems = find_figure_lines(
            home.read_text(encoding="utf-8"), where=_rel(home, root)
        )
        errors += problems
        placements += [Placement(name, _rel(home, root), n, "index") for n, name in found]
    return placements, errors


def figure_scripts(root: Path) -> tuple[dict[str, Path], list[Path], list[str]]:
    """(name -> script, helper modules, problems) under content/figures/."""
    folder = root / "content" / "figures"
    scripts, helpers, errors = {}, [], []
    if not folder.is_dir():
        return scripts, helpers, errors
    for path in sorted(folder.glob("*.py")):
        if path.stem.startswith("_"):
            if HELPER.match(path.stem):
                helpers.append(path)
            else:
                errors.append(
                    f"{_rel(path, root)}: a helper module's name must be '_' then lowercase "
                    "letters, digits or '_' (it is imported by that name)"
                )
        elif NAME.match(path.stem):
            scripts[path.stem] = path
        else:
            errors.append(
                f"{_rel(path, root)}: figure name {path.stem!r} must use lowercase letters, "
                "digits and hyphens (it becomes figures/<name>.svg and #fig-<name>)"
            )
    return scripts, helpers, errors


# --------------------------------------------------------------------------- building


def build_figures(
    course: Course, *, root: Path, cache_dir: Path | None = None, out=None
) -> dict[str, RenderedFigure]:
    """Check placements and scripts, render (or reuse) every figure; one BuildError for all."""
    root = Path(root)
    placements, errors = find_placements(course, root=root)
    scripts, helpers, script_errors = figure_scripts(root)
    errors += script_errors
    first: dict[str, Placement] = {}
    for p in placements:
        if p.name not in scripts:
            errors.append(
                f"{p.where}:{p.line}: figure '{p.name}' has no script content/figures/{p.name}.py"
            )
        elif p.name in first:
            seen = first[p.name]
            errors.append(
                f"{p.where}:{p.line}: figure '{p.name}' is already placed at "
                f"{seen.where}:{seen.line}; each figure goes on exactly one page"
            )
        else:
            first[p.name] = p
    for name, path in sorted(scripts.items()):
        if name not in first:
            errors.append(
                f"{_rel(path, root)}: figure '{name}' is not placed on any page; add "
                f"`{{{{ figure {name} }}}}` to a page or delete the script"
            )
    cache = Path(cache_dir) if cache_dir else root / ".cache" / "figures"
    rendered: dict[str, RenderedFigure] = {}
    for name in sorted(first):
        try:
            rendered[name] = render_figure(scripts[name], root=root, helpers=helpers, cache=cache)
        except BuildError as exc:
            errors.append(str(exc))
    if errors:
        raise BuildError("\n".join(errors))
    if out is not None and rendered:
        fresh = sum(not f.cached for f in rendered.values())
        out(f"figures: {len(rendered)} ({fresh} rendered, {len(rendered) - fresh} cached)")
    return rendered


def cache_key(script: Path, helpers: list[Path]) -> str:
    """sha256 of everything a render depends on (without importing matplotlib)."""
    h = hashlib.sha256()
    for label, data in (
        ("format", FORMAT),
        ("style", json.dumps(STYLE, sort_keys=True)),
        ("svg", json.dumps([SVG_METADATA, PNG_METADATA, PNG_DPI], sort_keys=True)),
        ("matplotlib", _version("matplotlib")),
        ("numpy", _version("numpy")),
        ("script", script.read_bytes()),
        *((f"helper {p.name}", p.read_bytes()) for p in helpers),
    ):
        raw = data if isinstance(data, bytes) else data.encode("utf-8")
        h.update(f"{label}\0{len(raw)}\0".encode())
        h.update(raw)
    return h.hexdigest()


def render_figure(script: Path, *, root: Path, helpers: list[Path], cache: Path) -> RenderedFigure:
    """The figure drawn by script, from the cache when its key is there."""
    name = script.stem
    key = cache_key(script, helpers)
    stem = cache / f"{name}-{key[:24]}"
    hit = _read_cache(stem, name, key)
    if hit is not None:
        return hit
    fig = _render(script, root=root)
    fig.key = key
    _write_cache(stem, fig)
    _prune(cache, name, keep=stem.name)
    return fig


def _read_cache(stem: Path, name: str, key: str) -> RenderedFigure | None:
    meta_path = stem.with_suffix(".json")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        svg = stem.with_suffix(".svg").read_bytes()
        png = stem.with_suffix(".png").read_bytes()
    except (OSError, ValueError):
        return None
    if meta.get("key") != key or hashlib.sha256(svg).hexdigest() != meta.get("svg_sha256"):
        return None
    return RenderedFigure(
        name, meta["caption"], meta["alt"], svg, png, meta["width"], meta["height"], key, True
    )


def _write_cache(stem: Path, fig: RenderedFigure) -> None:
    stem.parent.mkdir(parents=True, exist_ok=True)
    meta = {
        "key": fig.key,
        "caption": fig.caption,
        "alt": fig.alt,
        "width": fig.width,
        "height": fig.height,
        "svg_sha256": hashlib.sha256(fig.svg).hexdigest(),
    }
    # The .json is written last: it marks the entry complete (builds may run side by side).
    for suffix, data in (
        (".svg", fig.svg),
        (".png", fig.png),
        (".json", (json.dumps(meta, sort_keys=True, indent=1) + "\n").encode("utf-8")),
    ):
        part = stem.with_suffix(f"{suffix}.{os.getpid()}.part")
        part.write_bytes(data)
        part.replace(stem.with_suffix(suffix))


def _prune(cache: Path, name: str, *, keep: str, n_keep: int = 3) -> None:
    """Keep the newest few renders of one figure (older script versions)."""
    pattern = re.compile(rf"^{re.escape(name)}-[0-9a-f]{{24}}$")
    entries = [p for p in cache.glob(f"{name}-*.json") if pattern.match(p.stem)]
    entries.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[n_keep:]:
        if old.stem == keep:
            continue
        for suffix in (".json", ".svg", ".png"):
            old.with_suffix(suffix).unlink(missing_ok=True)


# --------------------------------------------------------------------------- rendering


def _render(script: Path, *, root: Path) -> RenderedFigure:
    """Load script in a fresh namespace with the course style, draw, render SVG and PNG."""
    import io

    where = _rel(script, root)
    plt = _pyplot()
    from matplotlib.figure import Figure

    with _course_style(script.parent):
        try:
            with _no_output(plt, Figure):
                namespace = _load(script, where)
                draw = _check_namespace(namespace, where)
                fig = _call(draw, script, where)
            if not isinstance(fig, Figure):
                hint = " (return the Figure, not an Axes: `return fig`)" if _is_axes(fig) else ""
                raise BuildError(
                    f"{where}: draw() must return a matplotlib.figure.Figure, got "
                    f"{_short(fig)}{hint}"
                )
            w_in, h_in = fig.get_size_inches()
            if w_in > MAX_WIDTH_IN:
                raise BuildError(
                    f"{where}: the figure is {w_in:.1f} in wide; at most {MAX_WIDTH_IN} in "
                    "(6.4 in is the standard) so its text stays readable on a phone"
                )
            svg, png = io.BytesIO(), io.BytesIO()
            try:
                fig.savefig(svg, format="svg", metadata=SVG_METADATA)
                # The PNG keeps the SVG's layout: constrained layout is not solved twice.
                fig.set_layout_engine("none")
                fig.savefig(png, format="png", dpi=PNG_DPI, metadata=PNG_METADATA)
            except Exception as exc:  # noqa: BLE001 - e.g. bad mathtext in a label
                raise BuildError(
                    f"{where}: rendering the figure failed: {_describe(exc)}"
                ) from None
        finally:
            plt.close("all")
    return RenderedFigure(
        name=script.stem,
        caption=namespace["CAPTION"].strip(),
        alt=" ".join(namespace["ALT"].split()),
        svg=svg.getvalue(),
        png=png.getvalue(),
        width=round(w_in * 96),
        height=round(h_in * 96),
    )


def _check_namespace(namespace: dict, where: str):
    """CAPTION and ALT are non-empty strings and draw is a function; returns draw."""
    problems = []
    for label, what in (
        ("CAPTION", "Markdown shown under the figure"),
        ("ALT", "plain text describing the picture for a screen reader"),
    ):
        value = namespace.get(label)
        if value is None:
            problems.append(f'{where}: {label} is missing; define {label} = "..." ({what})')
        elif not isinstance(value, str) or not value.strip():
            problems.append(
                f"{where}: {label} must be a non-empty str ({what}), got {_short(value)}"
            )
    draw = namespace.get("draw")
    if draw is None:
        problems.append(f"{where}: draw is missing; define draw() returning a matplotlib Figure")
    elif not callable(draw):
        problems.append(f"{where}: draw must be a function, got {_short(draw)}")
    if problems:
        raise BuildError("\n".join(problems))
    return draw


def _pyplot():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    _own_fonts(matplotlib)
    return plt


def _own_fonts(matplotlib) -> None:
    """Draw with matplotlib's own font files, never a system font of the same name.

    A system may have its own DejaVu Sans (another version: other glyphs, other bytes), and
    a font list cached in the user's matplotlib folder by another installation may lack
    matplotlib's files altogether. Rebuild the list when matplotlib's own fonts are missing
    from it, then drop every system font whose family matplotlib ships, so the same
    matplotlib draws the same bytes on every machine; refuse to render otherwise."""
    from matplotlib import font_manager

    data = Path(matplotlib.get_data_path()).resolve()

    def own(entry) -> bool:
        return data in Path(entry.fname).resolve().parents

    manager = font_manager.fontManager
    if not any(own(e) and e.name == "DejaVu Sans" for e in manager.ttflist):
        # In place: matplotlib's module-level findfont is bound to this very object.
        manager.__dict__.update(font_manager._load_fontmanager(try_read_cache=False).__dict__)
    families = {e.name for e in manager.ttflist if own(e)}
    manager.ttflist = [e for e in manager.ttflist if own(e) or e.name not in families]
    font_manager.FontManager._findfont_cached.cache_clear()
    found = [
        manager.findfont(font_manager.FontProperties(family="DejaVu Sans", **kw),
                         fallback_to_default=False)
        for kw in ({}, {"style": "italic"}, {"weight": "bold"})
    ]  # fmt: skip
    stray = [f for f in found if data not in Path(f).resolve().parents]
    if stray:
        raise BuildError(
            f"matplotlib does not find its own DejaVu Sans under {data} (it found {stray[0]}): "
            f"figures would be drawn with a system font; reinstall matplotlib "
            f"({matplotlib.__version__})"
        )


@contextmanager
def _course_style(folder: Path):
    """rcParams set to the course style, helpers importable, global RNGs seeded; undone after."""
    import random

    import matplotlib
    import numpy as np

    saved_path = list(sys.path)
    _forget_helpers(folder)  # a fresh _style for every figure
    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        matplotlib.rcParams.update({k: v for k, v in STYLE.items() if k != "backend"})
        matplotlib.rcParams["axes.prop_cycle"] = matplotlib.cycler(color=PALETTE)
        random.seed(0)
        np.random.seed(0)
        sys.path.insert(0, str(folder))
        try:
            yield
        finally:
            sys.path[:] = saved_path
            _forget_helpers(folder)


def _forget_helpers(folder: Path) -> None:
    """Drop the helper modules imported from folder (only those: `_io` is not a helper)."""
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if HELPER.match(name) and file and Path(file).parent == folder:
            del sys.modules[name]


@contextmanager
def _no_output(plt, figure_class):
    """While a script runs, savefig() and show() fail with a message saying why."""

    def refuse(*args, **kwargs):
        raise RuntimeError(
            "figure scripts must not call savefig() or show(); return the Figure from draw() "
            "and the build renders it"
        )

    saved = figure_class.savefig, plt.savefig, plt.show
    figure_class.savefig = plt.savefig = plt.show = refuse
    try:
        yield
    finally:
        figure_class.savefig, plt.savefig, plt.show = saved


def _load(script: Path, where: str) -> dict:
    """Run the script's top level in a fresh namespace (not registered in sys.modules)."""
    source = script.read_text(encoding="utf-8")
    try:
        code = compile(source, str(script), "exec")
    except SyntaxError as exc:
        raise BuildError(f"{where}:{exc.lineno or 1}: syntax error: {exc.msg}") from None
    namespace = {
        "__name__": f"nprl_figure_{script.stem.replace('-', '_')}",
        "__file__": str(script),
    }
    try:
        exec(code, namespace)
    except Exception as exc:  # noqa: BLE001 - any error in a script is the author's to fix
        raise BuildError(_script_error(exc, script, where, "loading the script")) from None
    return namespace


def _call(draw, script: Path, where: str):
    try:
        return draw()
    except Exception as exc:  # noqa: BLE001
        raise BuildError(_script_error(exc, script, where, "draw()")) from None


def _script_error(exc: BaseException, script: Path, where: str, during: str) -> str:
    """`content/figures/x.py:12: draw() raised ValueError: ...` (the script's deepest line)."""
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if Path(frame.filename) == script:
            line = frame.lineno
    at = f"{where}:{line}" if line else where
    return f"{at}: {during} raised {_describe(exc)}"


def _describe(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    if len(text) > 300:
        text = text[:297] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _is_axes(value) -> bool:
    from matplotlib.axes import Axes

    return isinstance(value, Axes) or (
        hasattr(value, "flat") and any(isinstance(a, Axes) for a in getattr(value, "flat", []))
    )


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "missing"


def _rel(path: Path, root: Path) -> str:
    try:
        return str(Path(path).relative_to(root))
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------- output


def write_figures(out_dir: Path, figures: dict[str, RenderedFigure]) -> None:
    """figures/<name>.svg in the site folder."""
    if not figures:
        return
    folder = out_dir / "figures"
    folder.mkdir(parents=True, exist_ok=True)
    for name, fig in sorted(figures.items()):
        (folder / f"{name}.svg").write_bytes(fig.svg)


def notebook_cell_source(fig: RenderedFigure) -> tuple[str, dict]:
    """(Markdown source, attachments) of a notebook cell showing the figure offline.

    JupyterLab (and JupyterLite) render attachments only for raster types, so the
    notebook carries the PNG render; the caption stays Markdown + math for Jupyter.
    """
    attachment = f"{fig.name}.png"
    alt = re.sub(r"([\\\[\]])", r"\\\1", fig.alt)
    source = f"![{alt}](attachment:{attachment})\n\n**Figure.** {fig.caption}\n"
    data = base64.b64encode(fig.png).decode("ascii")
    return source, {attachment: {"image/png": data}}


def main(argv=None) -> int:
    """python -m builder.figures [NAME ...] [--out DIR]: render figures to look at them.

    Writes DIR/<name>.svg and .png (default .cache/figure-preview/) for the named figures (or
    every script), without checking where pages place them; the build checks that.
    """
    import argparse

    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(prog="python -m builder.figures", description=main.__doc__)
    parser.add_argument("names", nargs="*", help="figure names or script paths (default: all)")
    parser.add_argument("--out", type=Path, default=root / ".cache" / "figure-preview")
    args = parser.parse_args(argv)
    scripts, helpers, errors = figure_scripts(root)
    names = [Path(n).stem for n in args.names] or sorted(scripts)
    errors += [f"content/figures/{n}.py: no such figure script" for n in names if n not in scripts]
    cache = root / ".cache" / "figures"
    args.out.mkdir(parents=True, exist_ok=True)
    for name in names:
        if name not in scripts:
            continue
        try:
            fig = render_figure(scripts[name], root=root, helpers=helpers, cache=cache)
        except BuildError as exc:
            errors.append(str(exc))
            continue
        (args.out / f"{name}.svg").write_bytes(fig.svg)
        (args.out / f"{name}.png").write_bytes(fig.png)
        how = "cached" if fig.cached else "rendered"
        print(f"{name}: {fig.width}x{fig.height} px, {how} -> {args.out / name}.svg/.png")
    for line in errors:
        print(f"error: {line}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
