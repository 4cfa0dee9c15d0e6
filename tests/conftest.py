"""Shared fixtures: paths and a loaded fixture exercise."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "exercises"


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
