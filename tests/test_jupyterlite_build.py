"""The JupyterLite step: notebooks, their check helper, the app's configuration, determinism."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from builder.course import BuildError, load_course
from builder.jupyterlite import (
    KERNEL_PLUGIN,
    PRELOAD,
    build_jupyterlite,
    cache_key,
    lite_config,
)
from builder.notebooks import build_notebooks, parse_percent, torch_guard
from builder.pyodide_dist import canonical_name

ROOT = Path(__file__).resolve().parent.parent


def tree_digest(folder: Path) -> dict[str, str]:
    """relative path -> sha256 of every file under folder."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def course():
    return load_course(ROOT)


@pytest.fixture(scope="module")
def dist():
    from builder.pyodide_dist import ensure_dist

    return ensure_dist()


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory, dist):
    """Two cold builds (each with its own empty cache) and a warm rebuild of the first."""
    base = tmp_path_factory.mktemp("lite")
    outs = []
    for name in ("a", "b"):
        out = base / name / "_site"
        build_jupyterlite(out, dist, cache_dir=base / name / "cache", quiet=True)
        outs.append(out)
    warm = base / "warm" / "_site"
    build_jupyterlite(warm, dist, cache_dir=base / "a" / "cache", quiet=True)
    return outs[0], outs[1], warm


# --------------------------------------------------------------------------- the build


def test_two_cold_builds_are_byte_identical(two_builds):
    a, b, _ = two_builds
    for part in ("jupyter", "notebooks"):
        da, db = tree_digest(a / part), tree_digest(b / part)
        assert da, f"{part}/ is empty"
        differ = sorted(k for k in set(da) | set(db) if da.get(k) != db.get(k))
        assert not differ, f"{part}/ differs between two builds: {differ[:10]}"
    lock_a = (a / "pyodide" / "pyodide-lock.json").read_bytes()
    assert lock_a == (b / "pyodide" / "pyodide-lock.json").read_bytes()
    for wheel in (a / "pyodide").glob("nprl_*.whl"):
        assert wheel.read_bytes() == (b / "pyodide" / wheel.name).read_bytes(), wheel.name


def test_warm_rebuild_equals_cold_build(two_builds):
    a, _, warm = two_builds
    for part in ("jupyter", "notebooks"):
        assert tree_digest(a / part) == tree_digest(warm / part)


def test_every_page_is_in_the_lite_contents_and_downloadable(two_builds, course):
    out = two_builds[0]
    index = json.loads((out / "jupyter" / "api" / "contents" / "all.json").read_text())
    listed = {item["path"] for item in index["content"]}
    for page in course.pages:
        name = f"{page.slug}.ipynb"
        assert name in listed, f"{name} not in the JupyterLite contents index"
        served = (out / "jupyter" / "files" / name).read_bytes()
        assert served == (out / "notebooks" / name).read_bytes(), name
    # The two URLs the site's pages link to.
    assert (out / "jupyter" / "lab" / "index.html").is_file()
    pages_py = (ROOT / "builder" / "pages.py").read_text(encoding="utf-8")
    assert "jupyter/lab/index.html?path={page.slug}.ipynb" in pages_py
    assert "notebooks/{page.slug}.ipynb" in pages_py


def test_kernel_uses_the_site_pyodide_and_never_pypi(two_builds):
    out = two_builds[0]
    config = json.loads((out / "jupyter" / "jupyter-lite.json").read_text())
    settings = config["jupyter-config-data"]["litePluginSettings"][KERNEL_PLUGIN]
    assert settings["disablePyPIFallback"] is True
    url = settings["pyodideUrl"]
    assert url.startswith("./"), "a './' URL is resolved against jupyter/ by config-utils.js"
    pyodide_js = (out / "jupyter" / url).resolve()
    assert pyodide_js == (out / "pyodide" / "pyodide.js").resolve()
    assert pyodide_js.is_file()
    assert not (out / "jupyter" / "static" / "pyodide").exists(), "a second Pyodide copy"
    # Only the kernel's lab extension, whatever else the environment has installed.
    names = [e["name"] for e in config["jupyter-config-data"]["federated_extensions"]]
    assert names == ["@jupyterlite/pyodide-kernel-extension"]
    shipped = sorted(
        p.parent.relative_to(out / "jupyter" / "extensions").as_posix()
        for p in (out / "jupyter" / "extensions").rglob("package.json")
    )
    assert shipped == ["@jupyterlite/pyodide-kernel-extension"], shipped
    for u in settings.get("pipliteUrls", []):
        assert u.startswith("./"), f"piplite index {u} is not local"
        assert (out / "jupyter" / u.split("?")[0]).is_file(), u
    # Everything preloaded is in the lock, with its file present and the right sha256.
    lock = json.loads((out / "pyodide" / "pyodide-lock.json").read_text())["packages"]
    canon = {canonical_name(k) for k in lock}
    assert settings["loadPyodideOptions"]["packages"] == PRELOAD
    for name in PRELOAD + ["micropip"]:
        assert name in lock, f"{name} is preloaded but not in pyodide-lock.json"
        entry = lock[name]
        data = (out / "pyodide" / entry["file_name"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], name
        for dep in entry.get("depends", []):
            assert canonical_name(dep) in canon, f"{name} depends on {dep}, missing from the lock"


def test_gymnasium_and_its_dependencies_are_in_the_lock(two_builds):
    """Page 13's notebook imports gymnasium: the lock has it, pinned, with its depends."""
    from builder.pyodide_dist import load_pins

    out = two_builds[0]
    lock = json.loads((out / "pyodide" / "pyodide-lock.json").read_text())["packages"]
    pins = load_pins()["lite_wheels"]
    assert set(pins) == {"gymnasium", "cloudpickle", "typing-extensions", "farama-notifications"}
    for name, pin in pins.items():
        assert name in lock, f"{name} (builder/pyodide_pins.json lite_wheels) is not in the lock"
        entry = lock[name]
        assert (entry["file_name"], entry["sha256"], entry["version"]) == (
            pin["file_name"],
            pin["sha256"],
            pin["version"],
        ), name
        data = (out / "pyodide" / entry["file_name"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == pin["sha256"], entry["file_name"]
        assert entry["depends"] == pin["depends"], name
        for dep in entry["depends"]:
            assert dep in lock, f"{name} depends on {dep}, which is not in the lock"
    assert lock["gymnasium"]["imports"] == ["gymnasium"]
    assert set(lock["gymnasium"]["depends"]) == {
        "numpy",
        "cloudpickle",
        "typing-extensions",
        "farama-notifications",
    }
    # Loaded on import, not at the kernel's start: no notebook but page 13's pays for it.
    assert "gymnasium" not in PRELOAD


def test_a_dependency_missing_from_the_lock_is_refused(tmp_path):
    from builder.pyodide_dist import PyodideDistError, add_wheels_to_lock, lite_wheels

    (tmp_path / "pyodide-lock.json").write_text(json.dumps({"info": {}, "packages": {}}))
    gym = next(path for name, path, _ in lite_wheels() if name == "gymnasium")
    with pytest.raises(
        PyodideDistError, match="gymnasium depends on cloudpickle, which has no entry"
    ):
        add_wheels_to_lock(tmp_path, [gym], depends={"gymnasium": ["cloudpickle"]})


def test_exercises_wheel_holds_the_bundles(two_builds, course):
    out = two_builds[0]
    lock = json.loads((out / "pyodide" / "pyodide-lock.json").read_text())["packages"]
    wheel = out / "pyodide" / lock["nprl-exercises"]["file_name"]
    assert lock["nprl-exercises"]["imports"] == ["nprl_exercises"]
    with zipfile.ZipFile(wheel) as zf:
        data = json.loads(zf.read("nprl_exercises/exercises.json"))
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in zf.infolist())
    from grader.seal import seal_bundle

    assert data["exercises"] == {ex: seal_bundle(b) for ex, b in course.exercises.items()}
    assert json.loads((out / "notebooks" / "exercises.json").read_text()) == data
    assert "bugs" not in next(iter(data["exercises"].values()))


def test_cache_key_follows_the_inputs(course):
    notebooks = build_notebooks(course, ROOT)
    config = lite_config(course)
    key = cache_key(notebooks, config)
    assert key == cache_key(dict(notebooks), json.loads(json.dumps(config)))
    changed = dict(notebooks)
    slug = next(iter(changed))
    changed[slug] = changed[slug].replace("Run the setup cell", "Run the set-up cell")
    assert cache_key(changed, config) != key
    other = json.loads(json.dumps(config))
    other["jupyter-config-data"]["litePluginSettings"][KERNEL_PLUGIN]["pyodideUrl"] = "x"
    assert cache_key(notebooks, other) != key


def test_missing_pyodide_is_a_clear_error(tmp_path):
    with pytest.raises(BuildError, match=r"pyodide-lock.json: missing.*self-hosted Pyodide"):
        build_jupyterlite(tmp_path / "_site", None, cache_dir=tmp_path / "cache", quiet=True)


# --------------------------------------------------------------------------- notebooks


def test_notebooks_are_valid_and_carry_every_exercise(course):
    import nbformat

    notebooks = build_notebooks(course, ROOT)
    assert set(notebooks) == {p.slug for p in course.pages}
    seen = set()
    for page in course.pages:
        nb = json.loads(notebooks[page.slug])
        nbformat.validate(nbformat.from_dict(nb), version=4)
        cells = nb["cells"]
        assert cells[0]["cell_type"] == "markdown" and cells[0]["source"].startswith(
            f"# {page.title}"
        )
        ids = [c["id"] for c in cells]
        assert len(ids) == len(set(ids)), f"{page.slug}: duplicate cell ids"
        for i, cell in enumerate(cells):
            ex = cell["metadata"].get("nprl", {}).get("exercise")
            if ex is None:
                continue
            seen.add(ex)
            bundle = course.exercises[ex]
            assert bundle["page"] == page.slug
            assert cell["cell_type"] == "code"
            assert cell["source"].startswith(f"# Exercise {ex}:")
            assert cell["source"].endswith(bundle["starter"].rstrip("\n"))
            check = cells[i + 1]
            assert check["metadata"] == {"nprl": {"check": ex}}
            assert check["source"] == f'check("{ex}")'
        assert notebooks[page.slug] == build_notebooks(course, ROOT)[page.slug]
    assert seen == set(course.exercises), "every exercise appears in exactly its page's notebook"


def test_core_exercises_come_before_extra_practice(course):
    notebooks = build_notebooks(course, ROOT)
    for slug, text in notebooks.items():
        roles = [
            course.exercises[c["metadata"]["nprl"]["exercise"]].get("role", "core")
            for c in json.loads(text)["cells"]
            if "exercise" in c["metadata"].get("nprl", {})
        ]
        practice = [r == "practice" for r in roles]
        assert practice == sorted(practice), f"{slug}: practice before core: {roles}"


def test_notebook_material_is_included(course):
    notebooks = build_notebooks(course, ROOT)
    material = sorted((ROOT / "content" / "notebooks").glob("*.py"))
    assert material, "content/notebooks/ has no material yet"
    for path in material:
        cells = parse_percent(path.read_text(encoding="utf-8"), where=path.name)
        nb = json.loads(notebooks[path.stem])
        torch = [c for c in nb["cells"] if c["metadata"].get("nprl", {}).get("torch")]
        assert len(torch) == sum(c.kind == "torch" for c in cells)
        for c in torch:
            assert 'if sys.platform == "emscripten":' in c["source"]
            compile(c["source"], path.name, "exec")
        code = [c.source for c in cells if c.kind == "code"]
        nb_sources = [c["source"] for c in nb["cells"]]
        assert all(src in nb_sources for src in code), f"{path.name}: a code cell is missing"


# --------------------------------------------------------------------------- percent format


def test_percent_format_cells():
    text = (
        "# %% [markdown]\n# # Title\n#\n# Some *text*.\n\n"
        "# %%\nx = 1\n\n\n# %% [torch]\nimport torch\nt = torch.ones(2)\n"
    )
    cells = parse_percent(text, where="nb.py")
    assert [(c.kind, c.source) for c in cells] == [
        ("markdown", "# Title\n\nSome *text*."),
        ("code", "x = 1"),
        ("torch", "import torch\nt = torch.ones(2)"),
    ]
    assert [c.line for c in cells] == [1, 6, 10]


@pytest.mark.parametrize(
    "text, message",
    [
        ("x = 1\n# %%\ny = 2\n", r"nb.py:1: text before the first '# %%'"),
        ("# %% [latex]\nx = 1\n", r"nb.py:1: unknown cell type \[latex\]"),
        ("# %% [markdown]\n# fine\nnot a comment\n", r"nb.py:3: a Markdown cell line must start"),
        ("# %%\ndef f(:\n", r"nb.py:2: syntax error in the cell"),
        ("# %%[torch]\nx = 1\n", r"nb.py:1: expected '# %%' followed by a space"),
    ],
)
def test_percent_format_errors_name_file_and_line(text, message):
    with pytest.raises(BuildError, match=message):
        parse_percent(text, where="nb.py")


def test_torch_guard_keeps_multiline_strings_and_runs(capsys):
    source = 'doc = """first\nsecond\n  third"""\nvalue = len(doc)\nprint(value)'
    wrapped = torch_guard(source)
    namespace: dict = {}
    exec(compile(wrapped, "cell", "exec"), namespace)
    assert namespace["doc"] == "first\nsecond\n  third"
    assert capsys.readouterr().out == "20\n"
    # Under Pyodide the cell only explains itself.
    import sys

    namespace = {}
    real = sys.platform
    try:
        sys.platform = "emscripten"
        exec(compile(wrapped, "cell", "exec"), namespace)
    finally:
        sys.platform = real
    assert "doc" not in namespace
    assert "PyTorch cannot run in the browser" in capsys.readouterr().out


def test_torch_guard_of_a_comment_only_cell_compiles():
    wrapped = torch_guard("# nothing to run yet")
    compile(wrapped, "cell", "exec")
    assert wrapped.endswith("    # nothing to run yet\n    pass")
