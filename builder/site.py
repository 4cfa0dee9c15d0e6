"""Assemble the deployable folder: pages, exercise bundles, front-end assets, Pyodide, grader."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from builder.course import BuildError, Course

# Links that other build steps fill in (or that may 404 for now): checked, reported, not fatal.
OPTIONAL_PREFIXES = ("jupyter/", "notebooks/")


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def write_pages(out_dir: Path, pages: dict[str, str]) -> None:
    """Write rendered HTML documents (file name -> html)."""
    for name, text in sorted(pages.items()):
        write_text(out_dir / name, text)


EMBED_DIR = "embed"


def write_embeds(out_dir: Path, pages: dict[str, str], course: Course, *, site_dir: Path) -> None:
    """One small page per placed exercise, embed/<id>.html, for an LMS page's <iframe>: the
    widget exactly as its lesson page has it (math rendered, solution sealed), its own Run,
    Check and autosave, a download button and a link to the lesson (docs/deploy.md)."""
    import html
    from string import Template

    from builder.pages import boot_script, course_data

    template = Template((site_dir / "templates" / "embed.html").read_text(encoding="utf-8"))
    boot = boot_script(site_dir)
    course_json = course_data(course)
    for page in course.pages:
        text = pages.get(f"{page.slug}.html", "")
        for ex in page.exercises:
            start = text.find(f'<section class="exercise" id="ex-{ex}"')
            if start < 0:
                raise BuildError(f"{page.slug}.html: exercise '{ex}' has no widget to embed")
            end = text.index("</section>", start) + len("</section>")
            title = course.exercises[ex].get("title", ex)
            write_text(
                out_dir / EMBED_DIR / f"{ex}.html",
                template.substitute(
                    title=html.escape(f"{title} · {course.title}"),
                    boot=boot,
                    course_json=course_json,
                    slug=page.slug,
                    widget=text[start:end],
                    page_href=f"{page.slug}.html#ex-{ex}",
                ),
            )


def write_exercise_bundles(out_dir: Path, course: Course) -> None:
    """One JSON file per exercise, exactly what the grader receives as `exercise`: tests and
    quiz questions sealed, no solution (grader/seal.py, docs/security.md)."""
    from grader.seal import seal_bundle

    for ex_id, bundle in sorted(course.exercises.items()):
        text = json.dumps(seal_bundle(bundle), sort_keys=True, ensure_ascii=False, indent=1)
        write_text(out_dir / "exercises" / f"{ex_id}.json", text + "\n")


def build_assets(out_dir: Path, *, site_dir: Path) -> None:
    """Bundle the page script with esbuild, copy CSS, worker, KaTeX CSS/fonts, Pygments CSS."""
    from pygments.formatters import HtmlFormatter

    node_modules = site_dir / "node_modules"
    if not (node_modules / "esbuild").is_dir() or not (node_modules / "codemirror").is_dir():
        raise BuildError(f"{node_modules}: front-end packages missing; run `npm ci --prefix site`")
    assets = out_dir / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(
        ["node", str(site_dir / "tools" / "bundle.mjs"), str(assets / "app.js")],
        capture_output=True,
        text=True,
        cwd=site_dir,
        check=False,
    )
    if proc.returncode != 0:
        raise BuildError(f"site/src/app.js: esbuild failed:\n{proc.stderr}")
    shutil.copyfile(site_dir / "src" / "worker.js", assets / "worker.js")
    shutil.copyfile(site_dir / "css" / "style.css", assets / "style.css")
    shutil.copytree(site_dir / "static", assets, dirs_exist_ok=True)
    katex = node_modules / "katex" / "dist"
    _copy_katex(katex, assets / "katex")
    write_text(
        assets / "pygments.css", HtmlFormatter(style="friendly").get_style_defs(".highlight")
    )


def _copy_katex(katex: Path, dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(katex / "katex.min.css", dest / "katex.min.css")
    shutil.copytree(katex / "fonts", dest / "fonts", dirs_exist_ok=True)


def copy_pyodide(out_dir: Path) -> Path:
    """Copy the verified self-hosted Pyodide distribution to out_dir/pyodide/."""
    from builder.pyodide_dist import ensure_dist

    dist = Path(ensure_dist())
    shutil.copytree(dist, out_dir / "pyodide", dirs_exist_ok=True)
    return dist


def package_grader(out_dir: Path) -> Path:
    """Build the grader wheel and register it in the copied Pyodide folder's lock file."""
    from builder.grader_wheel import build_grader_wheel
    from builder.pyodide_dist import add_wheels_to_lock

    dest = out_dir / "pyodide"
    if not (dest / "pyodide-lock.json").is_file():
        raise BuildError(f"{dest}: no pyodide-lock.json (copy_pyodide must run first)")
    with tempfile.TemporaryDirectory() as tmp:
        wheel = Path(build_grader_wheel(Path(tmp)))
        add_wheels_to_lock(dest, [wheel])
    return dest / wheel.name


SNAPSHOT_NAME = "nprl-snapshot.bin.gz"
PYCACHE_NAME = "nprl-pycache.bin.gz"
PYODIDE_CORE = ("pyodide.asm.js", "pyodide.asm.wasm", "pyodide.mjs", "python_stdlib.zip")


def make_snapshot(out_dir: Path, *, site_dir: Path, cache_dir: Path | None = None) -> Path:
    """Write pyodide/nprl-snapshot.bin.gz: Python's memory after start-up, with the standard-
    library modules that loading NumPy and the grader and a first Run and Check import
    already imported (see site/tools/snapshot.mjs); the worker restores it instead of
    initialising Python.

    Deterministic (fixed clock, hash seed and `random` seed; gzip without a timestamp) and
    cached by the hashes of the Pyodide core files, the lock file, the NumPy and grader
    wheels (the script probes them for the module list) and of the script itself.
    """
    dest = out_dir / "pyodide"
    inputs = _core_and_wheels(dest)
    return _node_artifact(
        site_dir / "tools" / "snapshot.mjs", dest, SNAPSHOT_NAME, inputs, cache_dir
    )


def make_pycache(out_dir: Path, *, site_dir: Path, cache_dir: Path | None = None) -> Path:
    """Write pyodide/nprl-pycache.bin.gz: NumPy's and the grader's modules compiled to
    unchecked-hash .pyc files by Pyodide's own Python (site/tools/pycache.mjs); the worker
    installs them next to the wheels' sources so the first imports do not compile.

    Deterministic and cached by the hashes of the Pyodide core files, the two wheels named in
    the lock file and the script.
    """
    dest = out_dir / "pyodide"
    inputs = _core_and_wheels(dest)
    return _node_artifact(site_dir / "tools" / "pycache.mjs", dest, PYCACHE_NAME, inputs, cache_dir)


def _core_and_wheels(dest: Path) -> list[Path]:
    """The Pyodide core files, the lock file and the NumPy and grader wheels in `dest`
    (copy_pyodide and package_grader must have run)."""
    lock_path = dest / "pyodide-lock.json"
    if not (dest / "pyodide.mjs").is_file() or not lock_path.is_file():
        raise BuildError(f"{dest}: no Pyodide distribution here (copy_pyodide must run first)")
    packages = json.loads(lock_path.read_text(encoding="utf-8"))["packages"]
    if "nprl-grader" not in packages:
        raise BuildError(f"{lock_path}: nprl-grader is not in the lock (package_grader first)")
    wheels = [dest / packages[name]["file_name"] for name in ("numpy", "nprl-grader")]
    return [dest / name for name in PYODIDE_CORE] + [lock_path, *wheels]


def _node_artifact(
    script: Path, dest: Path, name: str, inputs: list[Path], cache_dir: Path | None
) -> Path:
    """Run `node script DEST OUT`, gzip OUT deterministically into dest/name, cached by the
    hashes of script and inputs (a warm cache does not run node)."""
    import gzip
    import hashlib
    import os

    key = hashlib.sha256()
    for path in [script, *inputs]:
        key.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    root = Path(__file__).resolve().parent.parent
    cache = Path(cache_dir) if cache_dir is not None else root / ".cache" / "site-artifacts"
    cached = cache / f"{script.stem}-{key.hexdigest()[:32]}.bin.gz"
    if not cached.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            raw = Path(tmp) / "out.bin"
            proc = subprocess.run(
                ["node", str(script), str(dest), str(raw)],
                capture_output=True,
                text=True,
                cwd=script.parent,
                check=False,
            )
            if proc.returncode != 0 or not raw.is_file():
                raise BuildError(
                    f"{script}: node failed (exit {proc.returncode}):\n{proc.stderr[-4000:]}"
                )
            data = gzip.compress(raw.read_bytes(), compresslevel=6, mtime=0)
        part = cached.with_suffix(f".{os.getpid()}.part")
        part.write_bytes(data)
        part.replace(cached)
    shutil.copyfile(cached, dest / name)
    return dest / name


_LINK = re.compile(r'(?:href|src)="([^"#?][^"]*)"')


def check_site(out_dir: Path, course: Course) -> list[str]:
    """Every local link of every page resolves; returns warnings, raises on broken links."""
    errors, warnings, optional = [], [], set()
    for page in sorted(out_dir.glob("*.html")):
        text = page.read_text(encoding="utf-8")
        for target in sorted(set(_LINK.findall(text))):
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith(("mailto:", "data:")):
                errors.append(
                    f"{page.name}: external link {target!r} (the site must be self-hosted)"
                )
                continue
            path = unquote(parts.path)
            if (out_dir / path).exists():
                continue
            if path.startswith(OPTIONAL_PREFIXES):
                optional.add(path)
            else:
                errors.append(f"{page.name}: link to missing {path}")
    if optional:
        warnings.append(
            f"{len(optional)} link targets under {', '.join(OPTIONAL_PREFIXES)} do not exist yet "
            f"(e.g. {sorted(optional)[0]}); the notebook/JupyterLite steps provide them"
        )
    for ex in sorted(course.exercises):
        if not (out_dir / "exercises" / f"{ex}.json").is_file():
            errors.append(f"exercises/{ex}.json: bundle not written")
    placed = {ex for p in course.pages for ex in p.exercises}
    for ex in sorted(set(course.exercises) - placed):
        page = course.exercises[ex].get("page")
        warnings.append(f"content/{page}.md: exercise '{ex}' is not placed on its page")
    if errors:
        raise BuildError("\n".join(errors))
    return warnings
