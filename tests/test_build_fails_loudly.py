"""A build phase whose module cannot be imported fails the build; nothing is skipped.

Each phase's module is made unimportable with ``sys.modules[name] = None`` (the way
Python reports a module that is missing or broken: an ImportError at the import).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import build  # noqa: E402
from builder import site  # noqa: E402
from builder.course import load_course  # noqa: E402

TINY_COURSE = """\
title: "Tiny course"
version: "0.0.1"
pages:
  - {slug: 03-activation-functions, title: "Activation Functions"}
"""


@pytest.fixture
def tree(tmp_path) -> Path:
    """A course with one page and one real exercise (relu)."""
    root = tmp_path / "course"
    (root / "content").mkdir(parents=True)
    (root / "content" / "course.yaml").write_text(TINY_COURSE, encoding="utf-8")
    (root / "content" / "03-activation-functions.md").write_text(
        "# Activations\n\n{{ exercise relu }}\n", encoding="utf-8"
    )
    (src,) = (ROOT / "exercises").glob("*/relu/spec.yaml")
    shutil.copytree(src.parent, root / "exercises" / "03-activation-functions" / "relu")
    return root


def break_module(monkeypatch, name: str) -> None:
    monkeypatch.setitem(sys.modules, name, None)


@pytest.mark.parametrize("no_proofs", [False, True], ids=["proofs", "no-proofs"])
def test_a_broken_validation_phase_fails_the_build_with_one_clear_line(
    monkeypatch, tmp_path, capsys, no_proofs
):
    break_module(monkeypatch, "grader.validate")
    argv = ["--out", str(tmp_path / "site")] + (["--no-proofs"] if no_proofs else [])
    assert build.main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("build failed:\nbuild.py:"), err
    assert (
        "a build phase cannot be imported: ModuleNotFoundError: import of grader.validate halted"
        in err
    )
    assert not (tmp_path / "site").exists(), "nothing may be written after a failed phase"


def test_a_broken_spec_loader_fails_instead_of_reading_specs_unvalidated(monkeypatch, tree):
    break_module(monkeypatch, "grader.spec")
    with pytest.raises(ImportError, match="grader.spec"):
        load_course(tree)


def test_a_broken_pyodide_phase_fails_the_build(monkeypatch, tree, tmp_path, capsys):
    break_module(monkeypatch, "builder.pyodide_dist")
    out = tmp_path / "site"
    with pytest.raises(ImportError, match="builder.pyodide_dist"):
        build.build(out, root=tree, prove=False)
    assert not (out / "pyodide").exists()
    assert "warning" not in capsys.readouterr().out


def test_a_broken_grader_wheel_phase_fails(monkeypatch, tmp_path):
    (tmp_path / "pyodide").mkdir()
    (tmp_path / "pyodide" / "pyodide-lock.json").write_text("{}", encoding="utf-8")
    break_module(monkeypatch, "builder.grader_wheel")
    with pytest.raises(ImportError, match="builder.grader_wheel"):
        site.package_grader(tmp_path)


@pytest.mark.parametrize("step", [site.package_grader, site.make_snapshot, site.make_pycache])
def test_a_phase_whose_input_is_missing_is_an_error_not_a_skip(step, tmp_path):
    kwargs = {} if step is site.package_grader else {"site_dir": ROOT / "site"}
    with pytest.raises(site.BuildError, match="must run first|first"):
        step(tmp_path, **kwargs)


def test_the_import_failure_names_the_importing_line():
    try:
        import builder.no_such_phase  # noqa: F401
    except ImportError as exc:
        message = build.import_failure(exc)
    assert message.startswith("tests/test_build_fails_loudly.py:"), message
    assert message.endswith(
        "a build phase cannot be imported: ModuleNotFoundError: No module named "
        "'builder.no_such_phase'"
    )
