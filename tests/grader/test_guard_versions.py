"""The guard's version-tag fast path (grader/versions.py), which an offline zygote turns on.

It must find exactly what the identity passes find: every patch of test_guard_snapshot's
list is found, undone and named the same way, in the same order, with version tags on as
with them off (each mode in a fresh interpreter, as a zygote is). Its self-test must refuse
a tag that does not move, and a forked child must never make a probe (its audit hook refuses
ctypes there).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from grader import versions

ROOT = Path(__file__).resolve().parents[2]
SUPPORTED = sys.implementation.name == "cpython" and (3, 11) <= sys.version_info[:2] <= (3, 13)

# Grades every patch of test_guard_snapshot.PATCHES, and an honest solution after each, in
# one interpreter; prints what the guard found for each.
SCRIPT = """
import json, sys
import grader
from grader import guard
from tests.conftest import FIXTURES
from grader.spec import load_exercise
from tests.grader.test_guard_snapshot import PATCHES, SOFTMAX, _attr, _patched

bundle = load_exercise(FIXTURES / "fx-page" / "fx_softmax")
def grade(code):
    return grader.check({"action": "check", "exercise": bundle, "code": code})

grade("import numpy as np\\n" + SOFTMAX)  # the modules a check imports, before the switch
snap = guard.baseline()
mode = snap.use_version_tags() if sys.argv[1] == "tags" else False
out = {"tags": mode, "results": {}}
cases = dict(PATCHES)
cases["several modules, watched after every call and at the end only"] = (
    "numpy._core._methods:_all",
    "import numpy as np, numpy._core._methods as m, typing, string, json\\n"
    "string.capwords = None\\ntyping.cast = None\\nm._all = lambda *a, **k: True\\n"
    "json.dumps = None\\n",
)
for name, (target, code) in cases.items():
    original = _attr(target) if not target.endswith(":") else sys.modules[target[:-1]]
    result = grade(_patched(code))
    now = _attr(target) if not target.endswith(":") else sys.modules[target[:-1]]
    out["results"][name] = {
        "error": result["error"] and result["error"]["title"],
        "score": result["score"],
        "changes": list(snap.changes),
        "undone": now is original,
        "honest_after": grade("import numpy as np\\n" + SOFTMAX)["passed"],
    }
print(json.dumps(out))  # (one line: the test reads it)
"""


def _run(mode: str) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, mode], cwd=ROOT, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, f"the {mode} run failed:\n{proc.stderr[-3000:]}"
    lines = [line for line in proc.stdout.splitlines() if line.startswith('{"tags": ')]
    assert lines, f"the {mode} run printed no result:\n{proc.stdout[-3000:]}"
    return json.loads(lines[-1])


@pytest.mark.skipif(not SUPPORTED, reason="version tags are used on CPython 3.11-3.13 only")
def test_version_tags_find_exactly_what_the_identity_passes_find():
    passes, tags = _run("passes"), _run("tags")
    assert passes["tags"] is False and tags["tags"] is True, "version tags did not switch on"
    for name, expected in passes["results"].items():
        got = tags["results"][name]
        assert expected["error"] == "Grader modified" and expected["undone"], (name, expected)
        assert got == expected, f"{name}: with version tags expected {expected}, got {got}"


def test_the_self_test_accepts_this_interpreter_only_where_tags_move(monkeypatch):
    assert (versions.Tags.create() is not None) is SUPPORTED
    # A field that does not move with a change (here: the dict's type pointer) is refused.
    monkeypatch.setattr(versions, "_OFFSET", 8)
    assert versions.Tags.create() is None


@pytest.mark.skipif(not SUPPORTED, reason="version tags are used on CPython 3.11-3.13 only")
def test_a_probe_moves_with_every_change_and_a_forked_child_makes_none():
    tags = versions.Tags.create()
    d = {"a": 1}
    probe = tags.probe(d)
    before = probe.value
    d["a"] = 1  # the same object again: nothing an identity pass would see either
    same = probe.value
    d["a"] = 2
    assert same == before and probe.value != before
    klass = type("K", (), {})
    probe = tags.probe(klass.__dict__)
    before = probe.value
    klass.x = 1
    assert probe.value != before, "a class's setattr did not move its namespace's tag"
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: no ctypes call, only UNKNOWN
        os.close(read)
        os.write(write, b"1" if tags.probe({}) is versions.UNKNOWN else b"0")
        os._exit(0)
    os.close(write)
    answer = os.read(read, 1)
    os.close(read)
    os.waitpid(pid, 0)
    assert answer == b"1", "a forked child made a probe (its audit hook refuses ctypes)"
    assert versions.UNKNOWN.value != probe.value  # never equal to a real tag
