"""grader.check: results, student errors, stdout, run action, the JSON boundary."""

import json

import pytest

import grader

GOOD = """
import numpy as np
def softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
"""

LOOPED = """
import numpy as np
def softmax(x, axis=-1):
    x = np.moveaxis(np.array(x, dtype=float), axis, -1)
    out = np.empty_like(x)
    for idx in np.ndindex(x.shape[:-1]):
        row = x[idx]
        e = [np.exp(v - max(row)) for v in row]
        out[idx] = np.array(e) / sum(e)
    return np.moveaxis(out, -1, axis)
"""


def test_reference_solution_earns_full_marks(grade):
    result = grade(GOOD)
    assert result["score"] == result["max_score"] == 6
    assert result["passed"] is True
    assert result["error"] is None
    assert [t["name"] for t in result["tests"]] == ["one_row", "large_values", "axis_zero"]
    json.dumps(result)  # plain data


def test_a_loop_variant_also_passes(grade):
    assert grade(LOOPED)["passed"] is True


def test_result_has_the_documented_keys(grade):
    result = grade(GOOD)
    assert set(result) == {
        "exercise",
        "action",
        "score",
        "max_score",
        "passed",
        "tests",
        "error",
        "stdout",
        "attempt",
    }
    assert set(result["tests"][0]) == {"name", "description", "points", "passed", "message"}


def test_syntax_error_points_at_the_line(grade):
    result = grade("import numpy as np\n\ndef softmax(x, axis=-1)\n    return x\n")
    assert result["score"] == 0 and not result["passed"]
    assert result["error"]["line"] == 3
    assert "SyntaxError" in result["error"]["message"]
    assert all(t["message"].startswith("Not run") for t in result["tests"])


def test_runtime_error_at_import_is_cut_to_student_lines(grade):
    result = grade("import numpy as np\nx = 1 / 0\n")
    assert result["error"]["line"] == 2
    assert "ZeroDivisionError" in result["error"]["message"]
    assert "grader" not in result["error"]["traceback"]
    assert "line 2" in result["error"]["traceback"]


def test_runtime_error_inside_a_test_names_the_call_and_line(grade):
    code = "def softmax(x, axis=-1):\n    y = x\n    return y[99]\n"
    result = grade(code)
    messages = " ".join(t["message"] for t in result["tests"])
    assert "IndexError" in messages and "line 3 of your code" in messages
    assert result["score"] == 0


def test_missing_function_is_a_clear_error(grade):
    result = grade("def soft_max(x, axis=-1):\n    return x\n")
    assert result["error"]["title"] == "Missing definition"
    assert "`softmax`" in result["error"]["message"]
    assert result["score"] == 0
    assert "does not define `softmax`" in result["tests"][0]["message"]


def test_wrong_shape_is_reported_with_both_shapes(grade):
    code = "import numpy as np\ndef softmax(x, axis=-1):\n    return np.exp(x).sum(axis=axis)\n"
    msg = grade(code)["tests"][0]["message"]
    assert "expected shape (3,), got ()" in msg


def test_nan_is_reported_with_index(grade):
    code = "import numpy as np\ndef softmax(x, axis=-1):\n    e = np.exp(x)\n    return e / e.sum(axis=axis, keepdims=True)\n"
    result = grade(code)
    large = next(t for t in result["tests"] if t["name"] == "large_values")
    assert not large["passed"] and "NaN at index (0, 0)" in large["message"]
    assert result["score"] == 4


def test_modified_input_is_caught(grade):
    code = "import numpy as np\ndef softmax(x, axis=-1):\n    x -= x.max()\n    e = np.exp(x)\n    return e / e.sum(axis=axis, keepdims=True)\n"
    msg = grade(code)["tests"][0]["message"]
    assert "modified its input in place" in msg and "argument `x`" in msg


def test_stdout_is_captured_and_bounded(grade):
    result = grade(GOOD + "\nprint('hello')\n")
    assert result["stdout"] == "hello\n"
    flood = grade(GOOD + "\nfor i in range(100000):\n    print('x' * 50)\n")
    assert len(flood["stdout"]) < 21_000 and "truncated" in flood["stdout"]
    assert flood["passed"]


def test_time_limit_stops_a_runaway_loop(grade, softmax_bundle):
    bundle = {**softmax_bundle, "time_limit": 0.5}
    result = grade("def softmax(x, axis=-1):\n    while True:\n        pass\n", bundle)
    assert result["error"]["title"] == "Time limit exceeded"
    assert result["score"] == 0 and len(result["tests"]) == 3


def test_run_action_returns_stdout_and_errors(softmax_bundle):
    out = grader.check({"action": "run", "exercise": softmax_bundle, "code": "print(2 + 2)"})
    assert out["stdout"] == "4\n" and out["error"] is None and out["figures"] == []
    bad = grader.check({"action": "run", "exercise": softmax_bundle, "code": "x = [1][3]"})
    assert bad["error"]["line"] == 1 and "IndexError" in bad["error"]["message"]


@pytest.mark.parametrize(
    "request_", [None, {}, {"exercise": "x"}, {"exercise": {"id": "a"}, "code": 3}]
)
def test_bad_requests_get_an_error_result(request_):
    result = grader.check(request_)
    assert result["passed"] is False and result["error"]["title"] == "Bad request"


def test_entry_is_check_across_json(softmax_bundle):
    req = {"action": "check", "exercise": softmax_bundle, "code": GOOD}
    assert json.loads(grader.entry(json.dumps(req))) == json.loads(json.dumps(grader.check(req)))
    assert json.loads(grader.entry("{not json"))["error"]["title"] == "Bad request"


def test_verdicts_are_deterministic(grade):
    code = "import numpy as np\ndef softmax(x, axis=-1):\n    return x * 0 + np.random.rand()\n"
    assert grade(code) == grade(code)
