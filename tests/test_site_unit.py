"""The site's JavaScript unit tests (tests/site/*.test.mjs) under `node --test`.

They drive site/src/python.js and site/src/worker.js with a fake Worker and a fake Pyodide,
so the request races (Stop, crashes, interrupts) are tested in about a second.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "tests" / "site").glob("*.test.mjs"))


def test_there_are_site_unit_tests():
    assert len(FILES) >= 2, f"expected tests/site/*.test.mjs files, found {FILES}"


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_site_unit(path):
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed for the site's unit tests (it also builds the site)")
    proc = subprocess.run(
        [node, "--test", str(path)], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    failed = [line for line in proc.stdout.splitlines() if line.startswith("not ok")]
    assert proc.returncode == 0, (
        f"{path.relative_to(ROOT)}: {len(failed)} failing:\n" + proc.stdout[-6000:] + proc.stderr
    )
