"""The JupyterLite part of the site: ``_site/jupyter/`` and ``_site/notebooks/``.

``build_jupyterlite(out_dir, dist_dir)`` (called by build.py after the site's Pyodide is in
``out_dir/pyodide/``):

1. generates one notebook per page (builder.notebooks) into ``out_dir/notebooks/`` (the
   download links) together with ``exercises.json`` (the bundles, for local Jupyter);
2. packages the bundles as a tiny pure-Python wheel ``nprl_exercises`` and lists it (and
   the grader wheel, if the site step has not) in ``out_dir/pyodide/pyodide-lock.json``,
   with the pinned ``lite_wheels`` of ``builder/pyodide_pins.json`` (Gymnasium and its
   pure-Python dependencies, with their ``depends``: ``import gymnasium`` in a cell loads
   all four from the lock, never from PyPI);
3. builds a JupyterLite app (jupyterlite-core + jupyterlite-pyodide-kernel) whose contents
   are the notebooks, so ``jupyter/lab/index.html?path=<slug>.ipynb`` opens them, and whose
   kernel uses the site's own Pyodide (``pyodideUrl`` -> ``/pyodide/pyodide.js``, next to
   ``jupyter/``): no second copy, no CDN, no PyPI (``disablePyPIFallback``). The kernel
   preloads ``comm`` (it would otherwise fetch it from PyPI), NumPy, the grader and the
   bundles from that lock file, so ``import grader`` works in the first cell;
4. caches the built app under ``.cache/jupyterlite/<key>/``, the key hashing every input
   (notebooks, config, package versions, installed lab extensions, this file), so a
   rebuild with nothing changed only copies the folder.

Why not the kernel's own Pyodide options: ``jupyter lite build --pyodide DIR`` is broken in
jupyterlite-pyodide-kernel 0.6.1 and would copy a second 30 MB Pyodide under
``jupyter/static/pyodide``; pointing ``pyodideUrl`` at the site's copy shares it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from builder.course import BuildError, Course, load_course
from builder.notebooks import exercises_json, write_notebooks

ROOT = Path(__file__).resolve().parent.parent
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
# jupyter-lite.json lives in jupyter/; "./" URLs there are resolved against that folder.
PYODIDE_URL = "./../pyodide/pyodide.js"
# Loaded by loadPyodide() from the site's lock file before the kernel starts. "comm" and
# the kernel's own needs (ssl, sqlite3, jedi, ipython) are then not installed by piplite.
PRELOAD = ["comm", "ssl", "sqlite3", "jedi", "ipython", "numpy", "nprl-grader", "nprl-exercises"]
EXERCISES_DIST = "nprl_exercises"
FALLBACK_EPOCH = 315532800  # 1980-01-01, the earliest zip time
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
CACHE_KEEP = 3  # cached app builds kept (the newest)


def source_date_epoch(course: Course) -> str:
    """The fixed time stamped on every built file: the first day of the course version's
    month ("2026.11.0" -> 2026-11-01), so the file browser shows a sensible date and two
    builds of the same sources agree to the byte."""
    import calendar
    import re

    m = re.match(r"^(\d{4})\.(\d{1,2})\b", course.version)
    if not m or not 1 <= int(m.group(2)) <= 12 or int(m.group(1)) < 1980:
        return str(FALLBACK_EPOCH)
    return str(calendar.timegm((int(m.group(1)), int(m.group(2)), 1, 0, 0, 0)))


def lite_config(course: Course) -> dict:
    """The jupyter-lite.json given to `jupyter lite build` (it adds the rest)."""
    return {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": f"{course.title}: notebooks",
            # JupyterLab's default ("full") detaches every cell outside the viewport, so
            # the browser's find misses them; course notebooks are small enough to keep
            # every cell attached ("defer" attaches the rest when the page is idle).
            "settingsOverrides": {
                "@jupyterlab/notebook-extension:tracker": {"windowingMode": "defer"}
            },
            "litePluginSettings": {
                KERNEL_PLUGIN: {
                    "pyodideUrl": PYODIDE_URL,
                    "disablePyPIFallback": True,
                    "loadPyodideOptions": {"packages": list(PRELOAD)},
                }
            },
        },
    }


# --------------------------------------------------------------------------- wheels


def _record_hash(data: bytes) -> str:
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def build_exercises_wheel(out_dir: Path, course: Course) -> Path:
    """A deterministic pure-Python wheel holding ``nprl_exercises/exercises.json``."""
    version = course.version
    info = f"{EXERCISES_DIST}-{version}.dist-info"
    init = (
        '"""The course\'s exercise bundles (read by grader.notebook)."""\n\n'
        "import json\nfrom importlib import resources\n\n\n"
        "def load() -> dict:\n"
        '    """{id: bundle} for every exercise of the course."""\n'
        '    text = resources.files(__name__).joinpath("exercises.json").read_text("utf-8")\n'
        '    return json.loads(text)["exercises"]\n'
    )
    files = {
        f"{EXERCISES_DIST}/__init__.py": init.encode(),
        f"{EXERCISES_DIST}/exercises.json": exercises_json(course).encode(),
        f"{info}/METADATA": (
            f"Metadata-Version: 2.1\nName: nprl-exercises\nVersion: {version}\n"
            f"Summary: Exercise bundles of {course.title}\n"
        ).encode(),
        f"{info}/WHEEL": (
            b"Wheel-Version: 1.0\nGenerator: builder.jupyterlite\n"
            b"Root-Is-Purelib: true\nTag: py3-none-any\n"
        ),
        f"{info}/top_level.txt": f"{EXERCISES_DIST}\n".encode(),
    }
    record = f"{info}/RECORD"
    lines = [f"{n},{_record_hash(d)},{len(d)}" for n, d in sorted(files.items())]
    files[record] = ("\n".join(lines + [f"{record},,"]) + "\n").encode()
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{EXERCISES_DIST}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(target, "w") as zf:
        for name in sorted(files, key=lambda n: (n == record, n.startswith(info), n)):
            zinfo = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            zinfo.compress_type = zipfile.ZIP_DEFLATED
            zinfo.external_attr = (0o100644 & 0xFFFF) << 16
            zinfo.create_system = 3
            zf.writestr(zinfo, files[name], compresslevel=9)
    return target


def prepare_pyodide(out_dir: Path, dist_dir: Path | None, course: Course) -> Path:
    """Make ``out_dir/pyodide`` hold the grader, the bundles and Gymnasium (with its
    dependencies) in its lock; return it."""
    from builder.pyodide_dist import PyodideDistError, add_wheels_to_lock, lite_wheels

    pyodide_dir = out_dir / "pyodide"
    lock_path = pyodide_dir / "pyodide-lock.json"
    if not lock_path.is_file():
        if dist_dir is None or not (Path(dist_dir) / "pyodide-lock.json").is_file():
            raise BuildError(
                f"{lock_path}: missing, and no Pyodide dist was given: the JupyterLite kernel "
                "needs the site's self-hosted Pyodide (run `python -m builder.pyodide_dist`)"
            )
        shutil.copytree(dist_dir, pyodide_dir, dirs_exist_ok=True)
    packages = json.loads(lock_path.read_text(encoding="utf-8"))["packages"]
    missing = [
        p for p in ("comm", "numpy", "ipython", "jedi", "ssl", "sqlite3") if p not in packages
    ]
    if missing:
        raise BuildError(f"{lock_path}: the JupyterLite kernel needs {', '.join(missing)}")
    with tempfile.TemporaryDirectory() as tmp:
        wheels = [build_exercises_wheel(Path(tmp), course)]
        if "nprl-grader" not in packages:
            from builder.grader_wheel import build_grader_wheel

            wheels.insert(0, Path(build_grader_wheel(Path(tmp))))
        try:
            extra = lite_wheels()  # Gymnasium and its pure-Python dependencies, pinned
            wheels += [path for _, path, _ in extra]
            depends = {name: deps for name, _, deps in extra}
            add_wheels_to_lock(pyodide_dir, wheels, depends=depends)
        except PyodideDistError as exc:
            raise BuildError(str(exc)) from exc
    return pyodide_dir


# --------------------------------------------------------------------------- the app


def _package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        raise BuildError(
            f"{name} is not installed: pip install -e '.[dev]' installs the JupyterLite tools"
        ) from None


KERNEL_EXTENSION = "@jupyterlite/pyodide-kernel-extension"
# Addons told to ignore sys.prefix: whatever else is installed in the environment (JupyterLab
# extensions of nbgrader, ipywidgets, notebook, language packs...) stays out of the app.
IGNORE_SYS_PREFIX = ["federated_extensions", "translation"]


def kernel_extension() -> Path:
    """The Pyodide kernel's lab extension folder, the one extension the app ships."""
    path = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / KERNEL_EXTENSION
    if not (path / "package.json").is_file():
        raise BuildError(
            f"{path}: the JupyterLite Pyodide kernel extension is missing "
            "(pip install jupyterlite-pyodide-kernel==0.6.1)"
        )
    return path


def build_config() -> dict:
    """jupyter_lite_config.json: which extensions go into the app (no others)."""
    return {
        "LiteBuildConfig": {
            "ignore_sys_prefix": list(IGNORE_SYS_PREFIX),
            "federated_extensions": [str(kernel_extension())],
        }
    }


def cache_key(notebooks: dict[str, str], config: dict) -> str:
    """A hash of everything the JupyterLite app depends on."""
    h = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        h.update(label.encode() + b"\0" + hashlib.sha256(data).digest())

    add("config", json.dumps(config, sort_keys=True).encode())
    for slug, text in sorted(notebooks.items()):
        add(f"notebook {slug}", text.encode())
    for pkg in ("jupyterlite-core", "jupyterlite-pyodide-kernel", "jupyter-server"):
        add(pkg, _package_version(pkg).encode())
    add("build config", json.dumps(build_config(), sort_keys=True).encode())
    add("kernel extension", (kernel_extension() / "package.json").read_bytes())
    add("builder", Path(__file__).read_bytes())
    return h.hexdigest()[:24]


def _jupyter_lite_command() -> list[str]:
    exe = Path(sys.executable).parent / "jupyter-lite"
    if exe.is_file():
        return [str(exe)]
    return [sys.executable, "-m", "jupyterlite_core"]


def build_app(notebooks: dict[str, str], config: dict, target: Path, *, epoch: str) -> None:
    """Run `jupyter lite build` in a scratch folder and move the result to `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lite-", dir=target.parent) as tmp:
        lite_dir = Path(tmp) / "lite"
        contents = lite_dir / "contents"
        contents.mkdir(parents=True)
        # Outside the lite dir: an output folder inside it would be read back as config.
        output = Path(tmp) / "out"
        (lite_dir / "jupyter-lite.json").write_text(
            json.dumps(config, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
        (lite_dir / "jupyter_lite_config.json").write_text(
            json.dumps(build_config(), indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
        for slug, text in sorted(notebooks.items()):
            (contents / f"{slug}.ipynb").write_text(text, encoding="utf-8", newline="\n")
        env = {**os.environ, "SOURCE_DATE_EPOCH": epoch}
        env.pop("JUPYTERLITE_PYODIDE_URL", None)
        cmd = _jupyter_lite_command() + [
            "build",
            "--lite-dir",
            str(lite_dir),
            "--output-dir",
            str(output),
            "--contents",
            str(contents),
            "--no-sourcemaps",
        ]
        proc = subprocess.run(cmd, cwd=lite_dir, env=env, capture_output=True, text=True)
        if proc.returncode != 0 or not (output / "jupyter-lite.json").is_file():
            tail = (proc.stdout + proc.stderr).strip()[-3000:]
            raise BuildError(f"jupyter lite build failed (exit {proc.returncode}):\n{tail}")
        _check_app(output, notebooks)
        if target.exists():
            shutil.rmtree(target)
        os.replace(output, target)


def _check_app(app: Path, notebooks: dict[str, str]) -> None:
    """The app has what the site links to and is configured for the site's Pyodide."""
    problems = []
    if not (app / "lab" / "index.html").is_file():
        problems.append("lab/index.html missing")
    for slug in notebooks:
        if not (app / "files" / f"{slug}.ipynb").is_file():
            problems.append(f"files/{slug}.ipynb missing")
    config = json.loads((app / "jupyter-lite.json").read_text(encoding="utf-8"))
    settings = config["jupyter-config-data"]["litePluginSettings"][KERNEL_PLUGIN]
    if settings.get("pyodideUrl") != PYODIDE_URL or not settings.get("disablePyPIFallback"):
        problems.append(f"jupyter-lite.json: kernel settings not as configured: {settings}")
    names = sorted(e["name"] for e in config["jupyter-config-data"]["federated_extensions"])
    if names != [KERNEL_EXTENSION]:
        problems.append(f"jupyter-lite.json: expected only {KERNEL_EXTENSION}, got {names}")
    if (app / "static" / "pyodide").exists():
        problems.append("static/pyodide: a second Pyodide was copied")
    if problems:
        raise BuildError("JupyterLite app: " + "; ".join(problems))


def cached_app(
    notebooks: dict[str, str], config: dict, cache_dir: Path, *, epoch: str
) -> tuple[Path, bool]:
    """(app folder, True if it came from the cache) for these inputs."""
    key = cache_key(notebooks, {**config, "SOURCE_DATE_EPOCH": epoch})
    app = cache_dir / key / "app"
    if (app / "jupyter-lite.json").is_file() and (cache_dir / key / "complete").is_file():
        return app, True
    build_app(notebooks, config, app, epoch=epoch)
    (cache_dir / key / "complete").write_text(key + "\n", encoding="utf-8")
    _prune(cache_dir, keep=key)
    return app, False


def _prune(cache_dir: Path, *, keep: str) -> None:
    entries = [p for p in cache_dir.iterdir() if p.is_dir() and (p / "complete").is_file()]
    entries.sort(key=lambda p: (p.name == keep, (p / "complete").stat().st_mtime), reverse=True)
    for old in entries[CACHE_KEEP:]:
        shutil.rmtree(old, ignore_errors=True)


def _copy_tree(src: Path, dest: Path) -> None:
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(src, dest, copy_function=shutil.copyfile)


def build_jupyterlite(
    out_dir, dist_dir=None, *, root: Path = ROOT, cache_dir: Path | None = None, quiet=False
) -> Path:
    """Write ``out_dir/notebooks/`` and ``out_dir/jupyter/``; return the jupyter folder."""
    out_dir = Path(out_dir)
    root = Path(root)
    cache_dir = Path(cache_dir) if cache_dir else root / ".cache" / "jupyterlite"
    course = load_course(root)
    notebooks = write_notebooks(out_dir, course, root, cache_dir=cache_dir)
    prepare_pyodide(out_dir, Path(dist_dir) if dist_dir else None, course)
    config = lite_config(course)
    app, hit = cached_app(notebooks, config, cache_dir, epoch=source_date_epoch(course))
    _copy_tree(app, out_dir / "jupyter")
    if not quiet:
        how = "cached" if hit else "built"
        print(f"jupyterlite: {len(notebooks)} notebooks, app {how} -> {out_dir / 'jupyter'}")
    return out_dir / "jupyter"
