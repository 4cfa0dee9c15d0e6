"""Student-facing grader messages (issue 13, item 7 and 8): cut long messages without losing
what was expected, say a repeated error once, exact numeric answers, input() and plt.show()."""

import json
import warnings

import numpy as np
import pytest

import grader
from grader.runner import run_test
from grader.student import Student
from tests.grader.test_quiz import QUIZ, question


def _run(code: str) -> dict:
    bundle = {"id": "fx_run", "kind": "code", "time_limit": 20}
    return grader.check({"action": "run", "exercise": bundle, "code": code})


def test_a_long_message_keeps_its_head_and_the_expected_and_received_lines():
    # A long call label makes the head long; the expected and received values are long too.
    label = "forward(x=" + ", ".join(f"{v:.6f}" for v in np.linspace(0, 1, 60)) + ")"
    want = "[" + ", ".join(f"{v:.5f}" for v in np.linspace(0, 1, 45)) + "]"
    got = "[" + ", ".join(f"{v:.5f}" for v in np.linspace(1, 2, 45)) + "]"

    def hidden(student):
        raise AssertionError(
            f"{label}: 45 of 45 values differ.\n  expected: {want}\n  got:      {got}"
        )

    passed, message = run_test(hidden, Student({}))
    assert not passed
    assert len(message) <= 1100, len(message)
    lines = message.split("\n")
    assert lines[0].startswith("forward(x=0.000000, 0.016949"), lines[0]
    assert lines[0].endswith("): 45 of 45 values differ."), lines[0]
    assert lines[1].startswith("  expected: [0.00000, 0.02273"), message
    assert lines[2].startswith("  got:      [1.00000, 1.02273"), message
    assert lines[2].endswith("2.00000]"), message


def test_shorten_message_drops_other_lines_before_the_key_ones():
    from grader.errors import shorten_message

    text = "head\n" + "noise " * 300 + "\n  expected: 1\n  got:      2"
    out = shorten_message(text, 200)
    assert out.splitlines() == ["head", "  ...", "  expected: 1", "  got:      2"]
    assert shorten_message("short", 200) == "short"


NO_IMPORT = """
def softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
"""


def test_the_same_error_in_every_test_is_said_once(grade):
    result = grade(NO_IMPORT)
    assert result["score"] == 0
    error = result["error"]
    assert error is not None, result
    assert "NameError: name 'np' is not defined" in error["message"], error
    assert error["line"] == 3 and error["hint"], error
    messages = [t["message"] for t in result["tests"]]
    assert len(messages) >= 2
    assert not any("NameError" in m for m in messages), messages
    assert json.dumps(result).count("Check the spelling") == 1


def test_an_error_in_one_test_only_stays_with_that_test(grade):
    code = "import numpy as np\n" + NO_IMPORT.replace(
        "    e =", "    if axis == 0:\n        raise ValueError('no axis 0')\n    e =", 1
    )
    result = grade(code)
    assert result["error"] is None, result["error"]
    failed = [t for t in result["tests"] if not t["passed"]]
    assert failed and all("raised ValueError: no axis 0" in t["message"] for t in failed), failed


def test_numeric_with_tolerance_zero_says_an_exact_value_is_needed():
    exact = {**QUIZ, "questions": [{**QUIZ["questions"][2], "tolerance": 0, "answer": 12}]}
    t = question(
        grader.check({"action": "check", "exercise": exact, "answers": {"num": "12.5"}}), "num"
    )
    assert (
        t["message"] == "Not quite: 12.5 is not the expected value (the exact value is needed)."
    ), t
    assert "within 0" not in t["message"]


def test_input_says_it_is_not_available_and_what_to_do():
    result = _run('n = int(input("How many? "))\nprint(n)\n')
    error = result["error"]
    assert error is not None
    assert error["line"] == 1
    assert "input() is not available" in error["message"], error
    assert "Errno" not in error["message"] and "OSError" not in error["message"]
    assert "argument" in error["hint"], error


def test_input_in_a_check_fails_the_same_way(grade):
    result = grade("x = input()\n")
    assert "input() is not available" in result["error"]["message"], result["error"]


def test_plt_show_just_shows_the_figure():
    pytest.importorskip("matplotlib")
    code = (
        "import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n"
        "plt.plot([0, 1], [1, 0])\nplt.show()\nprint('done')\n"
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # whoever shows warnings (pytest here), none comes
        result = _run(code)
    assert result["error"] is None, result["error"]
    assert result["stdout"] == "done\n", result["stdout"]
    assert not [w for w in caught if "non-interactive" in str(w.message)], caught
    assert len(result["figures"]) == 1
