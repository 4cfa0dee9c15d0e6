"""Completeness: every key the loader accepts is documented in docs/spec-reference.md."""

import re

from grader.spec import QUESTION_KEYS, SPEC_KEYS
from tests.conftest import ROOT

DOC = (ROOT / "docs" / "spec-reference.md").read_text(encoding="utf-8")


def test_every_spec_key_has_a_heading():
    documented = set(re.findall(r"^### `([a-z_]+)`", DOC, flags=re.M))
    assert set(SPEC_KEYS) - documented == set(), "undocumented spec keys"
    assert documented - set(SPEC_KEYS) == set(), "documented keys the loader does not accept"


def test_every_question_key_is_in_the_table():
    section = DOC.split("### `questions`", 1)[1]
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M))
    assert set(QUESTION_KEYS) - documented == set()
