"""build.py on a small course tree: deterministic output, placeholders, errors naming file:line."""

from __future__ import annotations

import filecmp
import json
import re
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import build  # noqa: E402
from builder.course import BuildError  # noqa: E402

EXERCISE = "relu"  # a real exercise folder copied into the small tree

COURSE_YAML = """\
title: "Tiny course"
version: "0.0.1"
pages:
  - {slug: 03-activation-functions, title: "Activation Functions"}
  - {slug: 99-later, title: "A Later Page"}
  - {slug: checkpoint-z, title: "Checkpoint Z", checkpoint: true}
"""

PAGE_MD = """\
# Activations

Inline math $\\sigma(x) = 1 / (1 + e^{-x})$ and display math:

$$
\\operatorname{relu}(x) = \\max(0, x)
$$

```python
import numpy as np
print(np.maximum(-1.0, 0.0))  # $not math$
```

!!! note "Remember"
    ReLU is cheap.

{{ exercise relu }}

The end.
"""


def _exercise_folder(ex_id: str) -> Path:
    found = sorted((ROOT / "exercises").glob(f"*/{ex_id}/spec.yaml"))
    if not found:
        pytest.fail(f"exercises/*/{ex_id}/spec.yaml not found: the build tests copy it")
    return found[0].parent


@pytest.fixture
def tree(tmp_path) -> Path:
    root = tmp_path / "course"
    (root / "content").mkdir(parents=True)
    (root / "content" / "course.yaml").write_text(COURSE_YAML, encoding="utf-8")
    (root / "content" / "03-activation-functions.md").write_text(PAGE_MD, encoding="utf-8")
    src = _exercise_folder(EXERCISE)
    shutil.copytree(src, root / "exercises" / "03-activation-functions" / EXERCISE)
    return root


def _build(root: Path, out: Path) -> Path:
    build.build(out, root=root, prove=False)
    return out


def _tree_files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_two_builds_are_byte_identical(tree, tmp_path):
    a = _build(tree, tmp_path / "a")
    b = _build(tree, tmp_path / "b")
    files = _tree_files(a)
    assert files == _tree_files(b)
    match, mismatch, errors = filecmp.cmpfiles(a, b, files, shallow=False)
    assert mismatch == [] and errors == []
    assert "index.html" in files and "assets/app.js" in files


def test_page_renders_math_code_admonition_and_widget(tree, tmp_path):
    out = _build(tree, tmp_path / "site")
    html = (out / "03-activation-functions.html").read_text(encoding="utf-8")
    assert 'class="katex"' in html and "katex-display" in html
    assert "arithmatex" not in html  # every formula was rendered at build time
    assert '<div class="highlight">' in html and "$not math$" in html
    assert 'class="admonition note"' in html
    assert f'id="ex-{EXERCISE}"' in html
    assert html.index("ReLU is cheap") < html.index(f'id="ex-{EXERCISE}"') < html.index("The end.")
    assert 'href="jupyter/lab/index.html?path=03-activation-functions.ipynb"' in html
    assert 'href="notebooks/03-activation-functions.ipynb"' in html
    # Nothing is fetched from elsewhere (sealed answers are base64, so no bare "cdn" search).
    assert re.findall(r'(?:src|href)="(?:https?:)?//', html) == []


def test_toc_follows_course_yaml_and_missing_pages_get_placeholders(tree, tmp_path):
    out = _build(tree, tmp_path / "site")
    index = (out / "index.html").read_text(encoding="utf-8")
    order = [
        index.index(f'href="{slug}.html"')
        for slug in ("03-activation-functions", "99-later", "checkpoint-z")
    ]
    assert order == sorted(order)
    later = (out / "99-later.html").read_text(encoding="utf-8")
    assert "Coming soon" in later and "A Later Page" in later
    assert "toc-checkpoint" in (out / "checkpoint-z.html").read_text(encoding="utf-8")


def test_exercise_bundle_is_sorted_json_without_local_paths(tree, tmp_path):
    out = _build(tree, tmp_path / "site")
    text = (out / "exercises" / f"{EXERCISE}.json").read_text(encoding="utf-8")
    bundle = json.loads(text)
    assert list(bundle) == sorted(bundle)
    assert bundle["id"] == EXERCISE and bundle["starter"] and bundle["sealed"]["data"]
    # Hidden tests and the solution are not readable in what the browser fetches.
    assert "tests" not in bundle and "solution" not in bundle and "explanation" not in bundle
    assert str(tree) not in text and "bugs" not in bundle


def test_unknown_exercise_id_names_file_and_line(tree, tmp_path):
    page = tree / "content" / "03-activation-functions.md"
    page.write_text(PAGE_MD + "\n{{ exercise no_such_thing }}\n", encoding="utf-8")
    line = page.read_text(encoding="utf-8").splitlines().index("{{ exercise no_such_thing }}") + 1
    with pytest.raises(BuildError) as info:
        _build(tree, tmp_path / "site")
    assert f"content/03-activation-functions.md:{line}: unknown exercise id 'no_such_thing'" in str(
        info.value
    )


def test_directive_inside_a_code_fence_is_left_alone(tree, tmp_path):
    page = tree / "content" / "03-activation-functions.md"
    page.write_text(PAGE_MD + "\n```text\n{{ exercise no_such_thing }}\n```\n", encoding="utf-8")
    out = _build(tree, tmp_path / "site")
    assert "{{ exercise no_such_thing }}" in (out / "03-activation-functions.html").read_text(
        encoding="utf-8"
    )


def test_bad_math_is_a_build_error_naming_the_file(tree, tmp_path):
    page = tree / "content" / "03-activation-functions.md"
    page.write_text("Broken $\\frac{1$ here.\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"content/03-activation-functions.md: cannot render math"):
        _build(tree, tmp_path / "site")


def test_serve_sends_isolation_headers_and_wasm_type(tree, tmp_path):
    import urllib.request

    from builder.serve import serve_in_thread

    out = _build(tree, tmp_path / "site")
    (out / "probe.wasm").write_bytes(b"\0asm")
    server, url = serve_in_thread(out)
    try:
        with urllib.request.urlopen(url + "index.html") as resp:
            assert resp.headers["Cross-Origin-Opener-Policy"] == "same-origin"
            assert resp.headers["Cross-Origin-Embedder-Policy"] == "require-corp"
        with urllib.request.urlopen(url + "probe.wasm") as resp:
            assert resp.headers["Content-Type"] == "application/wasm"
    finally:
        server.shutdown()
        server.server_close()


def test_exercise_pages_start_the_worker_from_head_and_others_do_not(tree, tmp_path):
    out = _build(tree, tmp_path / "site")
    page = (out / "03-activation-functions.html").read_text(encoding="utf-8")
    head = page[: page.index("</head>")]
    assert "new Worker(" in head and "window.nprlBoot" in head
    # The worker starts before any stylesheet or the editor bundle is requested.
    assert head.index("new Worker(") < head.index('rel="stylesheet"') < head.index("assets/app.js")
    assert "new Worker(" not in (out / "index.html").read_text(encoding="utf-8")
    assert "new Worker(" not in (out / "99-later.html").read_text(encoding="utf-8")  # no exercises


def test_python_snapshot_is_deterministic_and_cached(tree, tmp_path):
    import gzip

    from builder import site

    out = _build(tree, tmp_path / "site")
    snapshot = out / "pyodide" / site.SNAPSHOT_NAME
    if not (out / "pyodide" / "pyodide.mjs").is_file():
        pytest.fail("the build has no self-hosted Pyodide; the snapshot needs it")
    first = site.make_snapshot(
        out, site_dir=ROOT / "site", cache_dir=tmp_path / "cache-1"
    ).read_bytes()
    again = site.make_snapshot(
        out, site_dir=ROOT / "site", cache_dir=tmp_path / "cache-2"
    ).read_bytes()
    assert first == again == snapshot.read_bytes()  # made twice from scratch: same bytes
    assert first[:2] == b"\x1f\x8b"
    raw = gzip.decompress(first)
    assert len(raw) > 1_000_000  # Wasm memory after start-up, not an empty file
    cached = list((tmp_path / "cache-1").glob("snapshot-*.bin.gz"))
    assert len(cached) == 1
    stamp = cached[0].stat().st_mtime_ns
    site.make_snapshot(out, site_dir=ROOT / "site", cache_dir=tmp_path / "cache-1")
    assert cached[0].stat().st_mtime_ns == stamp  # a warm cache does not run node again


def test_bytecode_cache_matches_the_wheels_and_is_deterministic(tree, tmp_path):
    import gzip
    import struct

    from builder import site

    out = _build(tree, tmp_path / "site")
    built = out / "pyodide" / site.PYCACHE_NAME
    assert built.is_file()
    again = site.make_pycache(
        out, site_dir=ROOT / "site", cache_dir=tmp_path / "cache"
    ).read_bytes()
    assert again == built.read_bytes()  # made from scratch: same bytes as the build's
    raw = gzip.decompress(again)
    (n,) = struct.unpack("<I", raw[:4])
    index = json.loads(raw[4 : 4 + n])
    lock = json.loads((out / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert index["packages"] == {
        name: lock["packages"][name]["sha256"] for name in ("numpy", "nprl-grader")
    }
    paths = [p for p, _ in index["files"]]
    site_packages = "/lib/python3.12/site-packages/"
    assert site_packages + "numpy/__pycache__/__init__.cpython-312.pyc" in paths
    assert site_packages + "grader/__pycache__/__init__.cpython-312.pyc" in paths
    assert len(raw) == 4 + n + sum(size for _, size in index["files"])
    # PEP 552 unchecked-hash pycs: flags word 0b01 (hash-based, do not check the source).
    first = raw[4 + n : 4 + n + 16]
    assert struct.unpack("<I", first[4:8])[0] == 0b01


def test_service_worker_precaches_the_course_and_its_version_follows_the_files(tree, tmp_path):
    from builder import offline

    out = _build(tree, tmp_path / "site")
    lines = (out / "sw.js").read_text(encoding="utf-8").split("\n")
    assert lines[1].startswith("const MANIFEST = {"), lines[:2]
    data = json.loads(lines[1].removeprefix("const MANIFEST = ").removesuffix(";"))
    assert 'self.addEventListener("install"' in "\n".join(lines)  # site/src/sw.js follows
    files = {path: (size, sha) for path, size, sha, *_ in data["files"]}
    pages = sorted(p.name for p in out.glob("*.html"))
    bundles = sorted(f"exercises/{p.name}" for p in (out / "exercises").glob("*.json"))
    assert pages and set(pages) <= set(files), sorted(set(pages) - set(files))
    assert bundles and set(bundles) <= set(files)
    core = [f"pyodide/{name}" for name in offline.PYODIDE_CORE]
    for path in [*core, "assets/app.js", "assets/worker.js", "assets/style.css"]:
        assert path in files, path
    lock = json.loads((out / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    for package in ("numpy", "nprl-grader", "matplotlib", "pillow"):  # pillow: matplotlib's
        assert f"pyodide/{lock['packages'][package]['file_name']}" in files, package
    assert not [p for p in files if p.startswith(("jupyter/", "notebooks/"))]
    assert "pyodide/ipython-8.23.0-py3-none-any.whl" not in files  # JupyterLite's only
    import hashlib

    for path, (size, sha) in files.items():
        body = (out / path).read_bytes()
        assert (len(body), hashlib.sha256(body).hexdigest()) == (size, sha), path
    assert data["bytes"] == sum(size for size, _ in files.values())
    # The version is a hash of the files: the same files give the same sw.js, one changed
    # exercise bundle gives a new version.
    again = offline.manifest(
        out,
        offline.precache_files(out),
        sw_source=(ROOT / "site" / "src" / "sw.js").read_text(encoding="utf-8"),
        course_version="0.0.1",
    )
    assert again == data
    bundle = out / "exercises" / f"{EXERCISE}.json"
    bundle.write_text(bundle.read_text(encoding="utf-8").replace('"title"', '"x": 1, "title"', 1))
    changed = offline.write_offline(out, site_dir=ROOT / "site", course_version="0.0.1")
    assert changed["version"] != data["version"]
    # Host files: COOP/COEP and revalidation for Netlify / Cloudflare Pages, no Jekyll.
    headers = (out / "_headers").read_text(encoding="utf-8")
    rules = [line.strip() for line in headers.splitlines() if line.startswith("  ")]
    assert "Cross-Origin-Opener-Policy: same-origin" in rules
    assert "Cross-Origin-Embedder-Policy: require-corp" in rules
    assert "Cache-Control: no-cache" in rules
    assert "/*" in headers.splitlines()
    assert (out / ".nojekyll").is_file()


def test_a_page_linking_outside_the_offline_copy_fails_the_build(tree, tmp_path):
    from builder import offline

    out = _build(tree, tmp_path / "site")
    page = out / "03-activation-functions.html"
    (out / "extra").mkdir()
    (out / "extra" / "data.csv").write_text("1,2\n", encoding="utf-8")
    page.write_text(page.read_text(encoding="utf-8") + '<a href="extra/data.csv">data</a>')
    with pytest.raises(BuildError, match=r"03-activation-functions.html: links to extra/data.csv"):
        offline.write_offline(out, site_dir=ROOT / "site", course_version="0.0.1")


def test_every_placed_exercise_gets_an_embed_page_with_its_lesson_widget(tree, tmp_path):
    out = _build(tree, tmp_path / "site")
    embeds = sorted(p.name for p in (out / "embed").glob("*.html"))
    assert embeds == [f"{EXERCISE}.html"], embeds
    text = (out / "embed" / f"{EXERCISE}.html").read_text(encoding="utf-8")
    page = (out / "03-activation-functions.html").read_text(encoding="utf-8")
    start = page.index(f'<section class="exercise" id="ex-{EXERCISE}"')
    widget = page[start : page.index("</section>", start) + len("</section>")]
    assert widget in text, "the embed page's widget differs from the lesson page's"
    head = text[: text.index("</head>")]
    # Every relative URL resolves against the site root, from the first one on.
    assert head.index('<base href="../">') < head.index("new Worker(") < head.index("assets/app.js")
    assert 'data-action="download-work"' in text
    assert f'href="03-activation-functions.html#ex-{EXERCISE}"' in text
    assert "site-header" not in text and 'class="sidebar"' not in text
