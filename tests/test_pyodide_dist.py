"""The self-hosted Pyodide folder: assembly, verification, the grader wheel, the Node runner."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import tarfile
import zipfile
from pathlib import Path

import pytest

from builder import pyodide_dist as pd
from builder.grader_wheel import build_grader_wheel
from builder.pyodide_runner import PyodideRunner

REPO = Path(__file__).resolve().parent.parent
NUMPY_WHEEL = "numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl"


@pytest.fixture(scope="module")
def dist() -> Path:
    """The verified dist in the repo cache (downloads on the first run on a machine)."""
    return pd.ensure_dist()


@pytest.fixture
def dist_copy(dist, tmp_path) -> Path:
    dest = tmp_path / "dist-0.27.7"
    shutil.copytree(dist, dest)
    return dest


@pytest.fixture
def no_download(monkeypatch):
    calls = []

    def spy(*args):
        calls.append(args)
        raise AssertionError(f"unexpected download: {args}")

    monkeypatch.setattr(pd, "_download", spy)
    return calls


def flip_byte(path: Path, offset: int = 1000) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


# ----------------------------------------------------------------------------- fetch/verify


def test_dist_holds_exactly_the_pinned_files(dist):
    pins = pd.load_pins()
    pd.verify_dist(dist)  # does not raise
    lock = json.loads((dist / "pyodide-lock.json").read_text())
    assert lock["info"]["version"] == "0.27.7"
    expected_keys = {pd.canonical_name(n) for n in pins["packages"]} | {"comm"}
    assert {pd.canonical_name(k) for k in lock["packages"]} == expected_keys
    for needed in [
        "numpy",
        "matplotlib",
        "micropip",
        "ssl",
        "openssl",
        "sqlite3",
        "jedi",
        "ipython",
        "traitlets",
        "packaging",
        "parso",
        "pillow",
        "comm",
    ]:
        assert needed in lock["packages"], needed
    files = {p.name for p in dist.iterdir()}
    assert files == set(pins["core"]) | {e["file_name"] for e in lock["packages"].values()} | {
        "pyodide-lock.json"
    }
    for entry in lock["packages"].values():
        assert pd.sha256_file(dist / entry["file_name"]) == entry["sha256"]
        for dep in entry["depends"]:
            assert pd.canonical_name(dep) in lock["packages"], (entry["name"], dep)
    assert lock["packages"]["comm"]["sha256"] == pins["extra_wheels"]["comm"]["sha256"]


def test_lock_is_written_deterministically(dist):
    text = (dist / "pyodide-lock.json").read_text()
    assert text == pd.dump_lock(json.loads(text))


@pytest.mark.parametrize("name", [NUMPY_WHEEL, "pyodide.asm.wasm", "comm-0.2.3-py3-none-any.whl"])
def test_flipped_byte_is_reported_by_name(dist_copy, name):
    flip_byte(dist_copy / name)
    with pytest.raises(pd.PyodideDistError) as err:
        pd.verify_dist(dist_copy)
    message = str(err.value)
    assert f"{name}: sha256 mismatch (expected " in message
    assert message.count("\n") == 0  # only that file is named


def test_missing_file_is_reported_by_name(dist_copy):
    (dist_copy / "python_stdlib.zip").unlink()
    (dist_copy / "matplotlib-3.8.4-cp312-cp312-pyodide_2024_0_wasm32.whl").unlink()
    with pytest.raises(pd.PyodideDistError) as err:
        pd.verify_dist(dist_copy)
    message = str(err.value)
    assert "python_stdlib.zip: missing" in message
    assert "matplotlib-3.8.4-cp312-cp312-pyodide_2024_0_wasm32.whl: missing" in message


def test_lock_tampering_and_stray_files_are_reported(dist_copy):
    lock_path = dist_copy / "pyodide-lock.json"
    lock = json.loads(lock_path.read_text())
    lock["packages"]["numpy"]["sha256"] = "0" * 64
    lock_path.write_text(json.dumps(lock))
    (dist_copy / "stray.js").write_text("//")
    with pytest.raises(pd.PyodideDistError) as err:
        pd.verify_dist(dist_copy)
    message = str(err.value)
    assert "pyodide-lock.json: entry numpy does not match the pinned file" in message
    assert "stray.js: unexpected file" in message


def test_verify_cli_names_the_file(dist_copy, capsys):
    flip_byte(dist_copy / NUMPY_WHEEL)
    assert pd.main(["verify", "--dist", str(dist_copy)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("PyodideDistError: ")
    assert f"{NUMPY_WHEEL}: sha256 mismatch" in err
    flip_byte(dist_copy / NUMPY_WHEEL)  # flip it back
    assert pd.main(["verify", "--dist", str(dist_copy)]) == 0


def test_warm_ensure_dist_downloads_nothing(dist, no_download):
    assert pd.ensure_dist() == dist
    assert no_download == []


def test_assembly_from_cached_archives_downloads_nothing(dist, tmp_path, no_download):
    shutil.copytree(dist.parent / "downloads", tmp_path / "downloads")
    out = pd.ensure_dist(cache_dir=tmp_path)
    assert out == tmp_path / "dist-0.27.7"
    assert (out / "pyodide-lock.json").read_bytes() == (dist / "pyodide-lock.json").read_bytes()
    assert no_download == []


def test_corrupt_download_is_refused(dist, tmp_path, no_download):
    shutil.copytree(dist.parent / "downloads", tmp_path / "downloads")
    flip_byte(tmp_path / "downloads" / "pyodide-0.27.7.tgz", offset=5000)
    with pytest.raises(pd.PyodideDistError, match=r"pyodide-0\.27\.7\.tgz: sha256 mismatch"):
        pd.ensure_dist(cache_dir=tmp_path)
    assert not (tmp_path / "dist-0.27.7").exists()  # nothing half-built is left as the dist


def _release_tarball(dist: Path, tmp_path: Path, *, corrupt: str | None = None) -> Path:
    """A tarball laid out like the official release (pyodide/...), official lock included."""
    root = tmp_path / "release" / "pyodide"
    root.mkdir(parents=True)
    for p in dist.iterdir():
        if p.name != "pyodide-lock.json":
            shutil.copyfile(p, root / p.name)
    with tarfile.open(dist.parent / "downloads" / "pyodide-0.27.7.tgz") as tgz:
        (root / "pyodide-lock.json").write_bytes(
            tgz.extractfile("package/pyodide-lock.json").read()
        )
    if corrupt:
        flip_byte(root / corrupt)
    tarball = tmp_path / "pyodide-0.27.7.tar.bz2"
    with tarfile.open(tarball, "w:bz2") as tar:
        tar.add(root, arcname="pyodide")
    return tarball


def test_source_tarball(dist, tmp_path, no_download):
    tarball = _release_tarball(dist, tmp_path)
    out = pd.ensure_dist(source=tarball, cache_dir=tmp_path / "cache")
    pd.verify_dist(out)
    assert (out / "pyodide-lock.json").read_bytes() == (dist / "pyodide-lock.json").read_bytes()


def test_source_tarball_with_bad_file_is_refused(dist, tmp_path, no_download):
    tarball = _release_tarball(dist, tmp_path, corrupt=NUMPY_WHEEL)
    with pytest.raises(pd.PyodideDistError) as err:
        pd.ensure_dist(source=tarball, cache_dir=tmp_path / "cache")
    assert f"pyodide-0.27.7.tar.bz2!pyodide/{NUMPY_WHEEL}: sha256 mismatch" in str(err.value)


# ----------------------------------------------------------------------------- grader wheel


def test_grader_wheel_is_byte_identical_and_complete(tmp_path):
    a = build_grader_wheel(tmp_path / "a")
    b = build_grader_wheel(tmp_path / "b")
    assert a.name == "nprl_grader-0.1.0-py3-none-any.whl"
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as zf:
        names = zf.namelist()
        assert names == sorted(n for n in names if n.startswith("grader/")) + [
            "nprl_grader-0.1.0.dist-info/METADATA",
            "nprl_grader-0.1.0.dist-info/WHEEL",
            "nprl_grader-0.1.0.dist-info/top_level.txt",
            "nprl_grader-0.1.0.dist-info/RECORD",
        ]
        sources = {
            "grader/" + p.relative_to(REPO / "grader").as_posix()
            for p in (REPO / "grader").rglob("*.py")
            if "__pycache__" not in p.parts
        }
        assert {n for n in names if n.startswith("grader/")} == sources
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in zf.infolist())
        record = zf.read("nprl_grader-0.1.0.dist-info/RECORD").decode().splitlines()
        for line in record:
            path, digest, size = line.rsplit(",", 2)
            if path.endswith("RECORD"):
                assert (digest, size) == ("", "")
                continue
            data = zf.read(path)
            want = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            assert digest == "sha256=" + want.decode() and int(size) == len(data)
        assert "Name: nprl-grader" in zf.read("nprl_grader-0.1.0.dist-info/METADATA").decode()


def test_add_wheels_to_lock(dist_copy, tmp_path):
    wheel = build_grader_wheel(tmp_path / "w")
    pd.add_wheels_to_lock(dist_copy, [wheel])
    first = (dist_copy / "pyodide-lock.json").read_bytes()
    pd.add_wheels_to_lock(dist_copy, [wheel])  # idempotent, deterministic
    assert (dist_copy / "pyodide-lock.json").read_bytes() == first
    entry = json.loads(first)["packages"]["nprl-grader"]
    assert entry == {
        "depends": [],
        "file_name": wheel.name,
        "imports": ["grader"],
        "install_dir": "site",
        "name": "nprl-grader",
        "package_type": "package",
        "sha256": pd.sha256_file(wheel),
        "unvendored_tests": False,
        "version": "0.1.0",
    }
    pd.verify_dist(dist_copy)
    flip_byte(dist_copy / wheel.name, offset=100)
    with pytest.raises(pd.PyodideDistError, match=f"{wheel.name}: sha256 mismatch"):
        pd.verify_dist(dist_copy)
    (dist_copy / wheel.name).unlink()
    with pytest.raises(pd.PyodideDistError, match=f"{wheel.name}: missing"):
        pd.verify_dist(dist_copy)


def test_add_wheels_refuses_pinned_and_binary_wheels(dist_copy):
    with pytest.raises(pd.PyodideDistError, match="not a pure-Python wheel"):
        pd.add_wheels_to_lock(dist_copy, [dist_copy / NUMPY_WHEEL])
    with pytest.raises(pd.PyodideDistError, match="comm is a pinned Pyodide package"):
        pd.add_wheels_to_lock(dist_copy, [dist_copy / "comm-0.2.3-py3-none-any.whl"])


# ----------------------------------------------------------------------------- runner


@pytest.fixture(scope="module")
def runner(dist):
    with PyodideRunner(timeout=60) as rt:
        yield rt


def test_runner_runs_numpy_inside_pyodide(runner):
    out = json.loads(
        runner.eval(
            "import sys, json, numpy as np\n"
            "a = np.arange(12.0).reshape(3, 4)\n"
            "json.dumps({'platform': sys.platform, 'numpy': np.__version__,"
            " 'sum': float(a.sum()), 'row': (a @ np.ones(4)).tolist()})"
        )
    )
    assert out == {
        "platform": "emscripten",
        "numpy": "2.0.2",
        "sum": 66.0,
        "row": [6.0, 22.0, 38.0],
    }


def test_runner_loads_the_grader_from_the_wheel(runner):
    where = runner.eval("import grader; grader.__file__")
    assert where.startswith("/lib/python3.12/site-packages/grader/")
    reply = json.loads(runner.entry("not json"))
    assert reply["passed"] is False and reply["error"]["title"] == "Bad request"


def test_runner_timeout_restarts_node(runner):
    before = runner.restarts
    request = {"action": "run", "exercise": {"id": "spin"}, "code": "while True:\n    pass\n"}
    result = runner.check(request, timeout=2)
    assert result["error"]["title"] == "Time limit exceeded"
    assert result["passed"] is False
    assert runner.restarts == before + 1
    assert runner.eval("import sys; sys.platform") == "emscripten"  # the new node works


def test_every_packaged_library_loads_and_imports(dist):
    """Everything the dist ships loads from the local lock and imports in Pyodide."""
    with PyodideRunner(timeout=300) as rt:
        names = ["matplotlib", "comm", "ipython", "jedi", "micropip", "ssl", "sqlite3"]
        loaded = rt.load_packages(names)
        lock = json.loads((rt.dist_dir / "pyodide-lock.json").read_text())
        loaded = {pd.canonical_name(n) for n in loaded}
        for name in names + ["numpy", "nprl-grader", "traitlets", "parso", "packaging"]:
            assert name in loaded, name
        assert loaded <= set(lock["packages"])
        out = rt.eval(
            "import io, json, ssl, sqlite3, comm, jedi, IPython, micropip, matplotlib\n"
            "import matplotlib.pyplot as plt\n"
            "fig, ax = plt.subplots(); ax.plot([0, 1], [1, 0])\n"
            "buf = io.BytesIO(); fig.savefig(buf, format='png')\n"
            "json.dumps({'backend': matplotlib.get_backend().lower(),"
            " 'png': buf.getvalue()[:8].hex(), 'comm': comm.__version__,"
            " 'sqlite': sqlite3.connect(':memory:').execute('select 1+1').fetchone()[0]})"
        )
        assert json.loads(out) == {
            "backend": "agg",
            "png": "89504e470d0a1a0a",
            "comm": "0.2.3",
            "sqlite": 2,
        }
