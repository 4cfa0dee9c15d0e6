"""The offline copy and the host files: sw.js (service worker + precache list), _headers.

``write_offline(out_dir)`` runs after every other phase has written its files:

1. picks the files a student needs with the network off (``precache_files``): the pages,
   the exercise bundles, the front-end assets (KaTeX fonts as woff2 only, the format every
   browser with service workers reads), the figures, and from ``pyodide/`` the core files,
   the start-up snapshot and bytecode, and the wheels of NumPy, the grader, matplotlib and
   whatever the hidden tests import, with their dependencies from the lock file. Not
   precached: ``jupyter/`` (JupyterLite's own service worker controls that scope and always
   asks the network; see docs/deploy.md), ``notebooks/`` (downloads for local Jupyter) and
   ``embed/`` (pages for another site's iframe, where the browser keeps storage apart);
2. writes ``sw.js`` at the site root: ``const MANIFEST = {...};`` (version, course version,
   total bytes, and per file its path, size and SHA-256) followed by site/src/sw.js. The
   version is a hash of that file list, every file's contents and the worker's source, so
   a new build is a new version exactly when something the offline copy holds changed;
3. writes ``_headers`` (Netlify, Cloudflare Pages: cross-origin isolation for every path
   but ``jupyter/``, and cache rules) and ``.nojekyll`` (GitHub Pages must not run Jekyll
   over the folder).

Every local link of every page must be precached or lie under a folder that is left out
on purpose; anything else is a BuildError naming the page and the link.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from builder.course import BuildError

SW_NAME = "sw.js"
HEADERS_NAME = "_headers"
# Left out of the offline copy on purpose (docs/deploy.md says why).
NOT_PRECACHED = ("jupyter/", "notebooks/", "embed/")
PYODIDE_CORE = (
    "pyodide.js",
    "pyodide.asm.js",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
    "nprl-snapshot.bin.gz",
    "nprl-pycache.bin.gz",
)
# What a Run or Check can load besides the hidden tests' imports (docs/deploy.md).
PYODIDE_PACKAGES = ("numpy", "nprl-grader", "matplotlib")

HEADERS = """\
# Netlify and Cloudflare Pages read this file (written by build.py; docs/deploy.md).
# Cross-origin isolation lets Stop interrupt Python at once (SharedArrayBuffer); without
# it the site still works (sw.js adds the headers from the second visit on).
# Every file is revalidated on each visit (no-cache): the file names carry no content
# hash, so a long max-age would mix two builds; the service worker keeps the offline copy.
/*
  Cross-Origin-Opener-Policy: same-origin
  Cross-Origin-Embedder-Policy: require-corp
  Cross-Origin-Resource-Policy: same-origin
  X-Content-Type-Options: nosniff
  Cache-Control: no-cache

# JupyterLite must not be cross-origin isolated: there its Pyodide kernel (0.6.1) takes a
# SharedArrayBuffer path on which some cells never finish (builder/serve.py says why).
# Neither host can leave a path out of /*: a request gets the headers of every rule it
# matches, and where two rules set one header a host serves one value (Netlify's CLI: the
# later rule's) or joins them (Cloudflare Pages: "same-origin, unsafe-none"). Either way
# jupyter/ is not isolated: unsafe-none means no isolation, and a joined value is not a
# valid policy, which browsers read as unsafe-none (tests/browser/test_jupyterlite_isolation.py
# checks both). Cloudflare's "! Header" detach would be an invalid line for Netlify.
/jupyter/*
  Cross-Origin-Opener-Policy: unsafe-none
  Cross-Origin-Embedder-Policy: unsafe-none
"""


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _lock_closure(lock: dict, roots: list[str], lock_path: Path) -> list[str]:
    """The lock packages `roots` need, dependencies included (names as the lock spells them)."""
    packages = lock["packages"]
    by_import = {imp: name for name, p in packages.items() for imp in p.get("imports", [])}
    norm = {name.replace("_", "-").lower(): name for name in packages}
    seen: list[str] = []
    stack = list(roots)
    while stack:
        want = stack.pop()
        name = norm.get(want.replace("_", "-").lower()) or by_import.get(want)
        if name is None:
            if want in PYODIDE_PACKAGES:
                raise BuildError(f"{lock_path}: package {want!r} is not in the lock file")
            continue  # a standard-library module (math, itertools): in python_stdlib.zip
        if name in seen:
            continue
        seen.append(name)
        stack.extend(packages[name].get("depends", []))
    return sorted(seen)


def precache_files(out_dir: Path) -> list[str]:
    """The site-relative paths of every file the offline copy holds, sorted."""
    files: list[str] = []
    for path in sorted(out_dir.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(out_dir).as_posix()
        top = rel.split("/", 1)[0]
        if "/" not in rel and rel.endswith(".html"):
            files.append(rel)
        elif top in ("exercises", "figures") and not rel.endswith(".png"):
            files.append(rel)
        elif top == "assets":
            if rel.startswith("assets/katex/fonts/") and not rel.endswith(".woff2"):
                continue
            files.append(rel)
    pyodide = out_dir / "pyodide"
    lock_path = pyodide / "pyodide-lock.json"
    missing = [name for name in PYODIDE_CORE if not (pyodide / name).is_file()]
    if missing:
        raise BuildError(
            f"{pyodide}: missing {', '.join(missing)} (the site phases must run first)"
        )
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    imports: set[str] = set()
    for bundle in sorted((out_dir / "exercises").glob("*.json")):
        imports.update(json.loads(bundle.read_text(encoding="utf-8")).get("imports", []))
    for name in _lock_closure(lock, [*PYODIDE_PACKAGES, *sorted(imports)], lock_path):
        wheel = pyodide / lock["packages"][name]["file_name"]
        if not wheel.is_file():
            raise BuildError(f"{lock_path}: {name}'s file {wheel.name} is not in {pyodide}")
        files.append(f"pyodide/{wheel.name}")
    files.extend(f"pyodide/{name}" for name in PYODIDE_CORE)
    return sorted(set(files))


def manifest(out_dir: Path, files: list[str], *, sw_source: str, course_version: str) -> dict:
    """Version, sizes and SHA-256 of `files` (a .gz file also gets the hash of its inflated
    bytes: a host that sends it with Content-Encoding: gzip hands the browser those)."""
    entries = []
    for rel in files:
        data = (out_dir / rel).read_bytes()
        entry = [rel, len(data), _sha256(data)]
        if rel.endswith(".gz") and data[:2] == b"\x1f\x8b":
            entry.append(_sha256(gzip.decompress(data)))
        entries.append(entry)
    key = hashlib.sha256()
    key.update(sw_source.encode("utf-8"))
    for entry in entries:
        key.update(json.dumps(entry).encode("utf-8") + b"\n")
    return {
        "version": key.hexdigest()[:16],
        "course": course_version,
        "bytes": sum(e[1] for e in entries),
        "files": entries,
    }


def service_worker_text(data: dict, sw_source: str) -> str:
    """sw.js: the manifest as one line of JSON, then the worker's source."""
    head = (
        "// Written by build.py (builder/offline.py) from site/src/sw.js: do not edit.\n"
        f"const MANIFEST = {json.dumps(data, sort_keys=True, separators=(',', ':'))};\n"
    )
    return head + sw_source


_LINK = re.compile(r'(?:href|src)="([^"#?][^"]*)"')


def check_precached(out_dir: Path, files: list[str]) -> None:
    """Every local link of every page is in the offline copy or left out on purpose."""
    have = set(files)
    errors = []
    for page in sorted(out_dir.glob("*.html")):
        for target in sorted(set(_LINK.findall(page.read_text(encoding="utf-8")))):
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith(("mailto:", "data:")):
                continue  # check_site reports these
            path = unquote(parts.path)
            if path and path not in have and not path.startswith(NOT_PRECACHED):
                errors.append(
                    f"{page.name}: links to {path}, which the offline copy (sw.js) leaves out"
                )
    if errors:
        raise BuildError("\n".join(errors))


def write_offline(out_dir: Path, *, site_dir: Path, course_version: str) -> dict:
    """Write sw.js, _headers and .nojekyll into out_dir; returns the manifest."""
    source_path = site_dir / "src" / SW_NAME
    sw_source = source_path.read_text(encoding="utf-8")
    if "MANIFEST" not in sw_source:
        raise BuildError(f"{source_path}: does not read MANIFEST (the precache list)")
    files = precache_files(out_dir)
    check_precached(out_dir, files)
    data = manifest(out_dir, files, sw_source=sw_source, course_version=course_version)
    (out_dir / SW_NAME).write_text(
        service_worker_text(data, sw_source), encoding="utf-8", newline="\n"
    )
    (out_dir / HEADERS_NAME).write_text(HEADERS, encoding="utf-8", newline="\n")
    (out_dir / ".nojekyll").write_text("", encoding="utf-8")
    return data
