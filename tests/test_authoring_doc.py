"""docs/authoring.md works: its marked blocks, run in order in a copy of the course, succeed.

A block after `<!-- run -->` is run with bash (-e, -o pipefail); a block after
`<!-- file: PATH -->` is written to PATH. The copy holds exercises/ and content/ (never the
real tree) and a link to the repository's .venv, so the doc's `.venv/bin/python` works.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from tests.conftest import ROOT

DOC = ROOT / "docs" / "authoring.md"
_BLOCK = re.compile(
    r"^<!-- (run|file: (?P<path>\S+)) -->\n```[a-z]*\n(?P<body>.*?)^```$", re.M | re.S
)
NEW = ["demo_hard_tanh", "demo_debug_center_rows", "demo_shapes_quiz"]


def blocks(text: str) -> list[tuple[str, str | None, str]]:
    """(kind, path, body) of every marked block, in order: kind is 'run' or 'file'."""
    return [
        ("run" if m.group(1) == "run" else "file", m.group("path"), m.group("body"))
        for m in _BLOCK.finditer(text)
    ]


def test_every_marker_is_followed_by_a_block():
    text = DOC.read_text(encoding="utf-8")
    markers = re.findall(r"^<!-- (?:run|file: \S+) -->$", text, flags=re.M)
    assert len(markers) == len(blocks(text)), "a marker is not directly followed by a block"
    kinds = [k for k, _, _ in blocks(text)]
    assert kinds.count("run") >= 8 and kinds.count("file") >= 15


@pytest.fixture(scope="module")
def walked(tmp_path_factory):
    """Run the walkthrough in a fresh copy; return (copy, log of every block's output)."""
    work = tmp_path_factory.mktemp("authoring")
    shutil.copytree(ROOT / "exercises", work / "exercises")
    shutil.copytree(ROOT / "content", work / "content")
    os.symlink(ROOT / ".venv", work / ".venv")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MPLBACKEND": "Agg"}
    log = []
    for number, (kind, path, body) in enumerate(blocks(DOC.read_text(encoding="utf-8")), 1):
        if kind == "file":
            target = work / path
            assert work in target.resolve().parents, f"block {number} writes outside: {path}"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body, encoding="utf-8")
            continue
        out = subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", body],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        log.append((body, out))
        assert out.returncode == 0, (
            f"docs/authoring.md block {number} failed (exit {out.returncode}):\n{body}\n"
            f"--- stdout\n{out.stdout}\n--- stderr\n{out.stderr}"
        )
    return work, log


def test_the_walkthrough_runs(walked):
    _work, log = walked
    scaffold = next(out for body, out in log if "grader new" in body)
    assert "{{ exercise demo_hard_tanh }}" in scaffold.stdout
    refused = next(out for body, out in log if body.startswith("! "))
    assert "still holds the scaffold's placeholder 'TODO(author)'" in refused.stdout


def test_validate_passes_on_the_new_exercises(walked):
    work, _log = walked
    for ex_id in NEW:
        folder = work / "exercises" / "05-forward-propagation" / ex_id
        out = subprocess.run(
            [str(ROOT / ".venv" / "bin" / "python"), "-m", "grader", "validate", "--strict",
             str(folder)],
            cwd=work, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
            text=True, timeout=120,
        )  # fmt: skip
        assert out.returncode == 0, out.stdout + out.stderr
        assert "0 problem(s), 0 warning(s)" in out.stdout
        assert "TODO(author)" not in "".join(
            p.read_text() for p in folder.rglob("*") if p.is_file()
        )


def test_the_exercises_and_the_figure_are_placed_on_the_page(walked):
    work, _log = walked
    page = (work / "content" / "05-forward-propagation.md").read_text(encoding="utf-8")
    for ex_id in NEW:
        assert f"\n{{{{ exercise {ex_id} }}}}\n" in page
    assert "\n{{ figure demo-hard-tanh }}\n" in page
    assert (work / "content" / "figures" / "demo-hard-tanh.py").exists()


def test_the_real_tree_is_untouched(walked):
    assert not any((ROOT / "exercises" / "05-forward-propagation" / e).exists() for e in NEW)
    assert not (ROOT / "content" / "figures" / "demo-hard-tanh.py").exists()
