"""Shared fixtures (paths, a loaded fixture exercise) and the markers every test gets."""

import os
from fnmatch import fnmatch
from pathlib import Path

import pytest

# One thread per math library, here and in every kernel and subprocess the tests start:
# `make test` runs two workers on two cores, and PyTorch's or OpenBLAS's own thread pool in
# each would fight the other worker for them (a notebook's training ran 3x slower). Results
# do not depend on it; an explicit setting in the environment wins.
for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "exercises"

# Markers (registered in pyproject.toml) follow from where a test lives and which fixtures
# it uses, so a new test there is marked without anyone remembering to. `browser` is set
# by tests/browser/conftest.py.
MARKED_TESTS = {
    "pyodide": (
        "tests/test_pyodide_dist.py::test_runner_*",
        "tests/test_pyodide_dist.py::test_every_packaged_library_loads_and_imports",
        "tests/offline/test_parity.py::test_offline_equals_pyodide",
    ),
    "build": ("tests/test_build.py::*",),  # test_build_fails_loudly.py fails in < 1 s: unmarked
    "torch": ("tests/test_torch_*.py::*", "tests/test_notebooks.py::*"),
}
MARKED_FIXTURES = {
    "pyodide_runner": "pyodide",
    "lesson_runner": "pyodide",
    "built_site": "build",
    "two_builds": "build",
}


# `make test` runs the suite on two pytest-xdist workers (`-n 2 --dist loadgroup`). Tests
# that build the site or drive it in Chromium share one worker (the group "site"): the site
# is built once there, for all of them, and two builds never run side by side. Every other
# test goes to whichever worker is free.
SITE_GROUP = ("tests/browser/*", "tests/test_build.py::*", "tests/test_jupyterlite_build.py::*")
SITE_FIXTURES = ("built_site", "two_builds", "site_url", "plain_site_url")


@pytest.hookimpl(tryfirst=True)  # before xdist's, which reads the groups in this same hook
def pytest_collection_modifyitems(config, items):
    for item in items:
        names = {m for m, patterns in MARKED_TESTS.items() if _matches(item.nodeid, patterns)}
        names |= {m for f, m in MARKED_FIXTURES.items() if f in item.fixturenames}
        for name in sorted(names - {m.name for m in item.iter_markers()}):
            item.add_marker(name)
        if _matches(item.nodeid, SITE_GROUP) or any(f in item.fixturenames for f in SITE_FIXTURES):
            item.add_marker(pytest.mark.xdist_group("site"))


def _matches(nodeid: str, patterns) -> bool:
    return any(fnmatch(nodeid, p) for p in patterns)


@pytest.fixture(scope="session")
def softmax_bundle():
    from grader.spec import load_exercise

    return load_exercise(FIXTURES / "fx-page" / "fx_softmax")


@pytest.fixture
def grade(softmax_bundle):
    """Grade a source string against the fixture softmax exercise."""
    import grader

    def _grade(code, bundle=None):
        return grader.check({"action": "check", "exercise": bundle or softmax_bundle, "code": code})

    return _grade
