#!/usr/bin/env python3
"""Build the course site: validate -> figures -> render pages -> package grader -> copy site -> JupyterLite -> offline copy -> check.

python build.py                 # writes the deployable site to _site/
python build.py --out DIR       # ... to DIR
python build.py serve [--port N]  # build, then serve on 127.0.0.1 with COOP/COEP headers
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SITE = ROOT / "site"
sys.path.insert(0, str(ROOT))

from builder import figures, offline, pages, site  # noqa: E402
from builder.course import BuildError, load_course  # noqa: E402


def validate(root: Path, *, prove: bool = True):
    """Load the course and every exercise spec; prove solutions, starters and bugs (grader)."""
    from grader.validate import validate as prove_exercises

    course = load_course(root)
    if prove:
        lines: list[str] = []
        if prove_exercises(root / "exercises", out=lines.append) != 0:
            raise BuildError("\n".join(line for line in lines if line.startswith("error")))
    return course


def build(out_dir: Path, *, root: Path = ROOT, prove: bool = True) -> None:
    """Write the whole deployable site to out_dir (removed first, so nothing stale remains)."""
    # 1. Validate: course.yaml, every exercise spec.
    course = validate(root, prove=prove)
    # 2. Figures: content/figures/*.py drawn to SVG (cached in .cache/figures/), each placed once.
    drawn = figures.build_figures(course, root=root, out=print)
    # 3. Render pages: Markdown + KaTeX + Pygments + exercise widgets + figures, TOC in order.
    rendered = pages.render_pages(course, root=root, site_dir=SITE, figures=drawn)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    site.write_pages(out_dir, rendered)
    site.write_embeds(out_dir, rendered, course, site_dir=SITE)  # embed/<id>.html for an LMS
    figures.write_figures(out_dir, drawn)
    site.write_exercise_bundles(out_dir, course)
    # 4. Package the grader: self-hosted Pyodide + the grader wheel added to its lock file.
    dist_dir = site.copy_pyodide(out_dir)
    site.package_grader(out_dir)
    # Python's memory after start-up, restored by the worker instead of initialising again,
    # and NumPy's and the grader's bytecode, so their first imports do not compile.
    site.make_snapshot(out_dir, site_dir=SITE)
    site.make_pycache(out_dir, site_dir=SITE)
    # 5. Copy the site's front-end: editor bundle (esbuild), worker, CSS, KaTeX fonts.
    site.build_assets(out_dir, site_dir=SITE)
    # 6. JupyterLite: notebooks, the app, the grader and exercises preinstalled.
    build_jupyterlite_step(out_dir, dist_dir)
    # 7. Offline copy: sw.js with the precache list and its version (a hash of the files),
    #    and the host files (_headers for Netlify / Cloudflare Pages, .nojekyll); docs/deploy.md.
    offline.write_offline(out_dir, site_dir=SITE, course_version=course.version)
    # 8. Check: every local link resolves, every exercise is bundled and placed.
    for warning in site.check_site(out_dir, course):
        print(f"warning: {warning}")
    print(f"built {len(rendered)} pages, {len(course.exercises)} exercises -> {out_dir}")


def build_jupyterlite_step(out_dir: Path, dist_dir: Path | None) -> None:
    """The JupyterLite app under out_dir/jupyter/, sharing the site's Pyodide."""
    from builder.jupyterlite import build_jupyterlite

    build_jupyterlite(out_dir, dist_dir)


def import_failure(exc: ImportError) -> str:
    """One line: which build phase could not import what, and why."""
    import traceback

    frames = [
        f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith(str(ROOT))
    ]
    where = ""
    if frames:
        where = f"{Path(frames[-1].filename).relative_to(ROOT)}:{frames[-1].lineno}: "
    return f"{where}a build phase cannot be imported: {type(exc).__name__}: {exc}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", nargs="?", choices=["build", "serve"], default="build")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "_site", help="output folder (default _site/)"
    )
    parser.add_argument(
        "--no-proofs", action="store_true", help="skip grading solutions/starters/bugs (faster)"
    )
    parser.add_argument("--port", type=int, default=8000, help="port for serve (default 8000)")
    args = parser.parse_args(argv)
    try:
        build(args.out.resolve(), prove=not args.no_proofs)
    except BuildError as exc:
        print(f"build failed:\n{exc}", file=sys.stderr)
        return 1
    except ImportError as exc:  # a phase's module is missing or broken: fail, never skip it
        print(f"build failed:\n{import_failure(exc)}", file=sys.stderr)
        return 1
    if args.command == "serve":
        from builder.serve import serve_forever

        serve_forever(args.out.resolve(), port=args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
