"""Record and replay (grader/codec.py, record.py, replay.py): values survive as plain data,
the parent's replay gives grader.check's verdict on every kind of interaction, and a
record that does not fit the tests (divergence, ends early, malformed) fails with a reason.

The child's side runs here in-process (`grade_in_child` without a fork), then the record
goes through JSON, as it does on the pipe, before `judge.finish` replays it.
"""

from __future__ import annotations

import copy
import json
import threading

import numpy as np
import pytest

import grader
from grader.codec import Codec, RecordError
from grader.jobs import limits_for, trusted_tests, worker_bundle
from grader.judge import finish
from grader.record import grade_in_child
from grader.shared import Shared

KEYS = ("score", "max_score", "passed", "tests", "error", "stdout")


def make_bundle(tests: str, names: list[str], **extra) -> dict:
    return {"id": "rr_case", "kind": "code", "title": "t", "points": 1, "function_names": names,
            "time_limit": 5, "seed": 0, "tests": tests, **extra}  # fmt: skip


def record(bundle: dict, code: str) -> dict:
    """The child's report for `code`, after a JSON round trip (as the pipe carries it)."""
    job = {"id": 0, "mode": "check", "bundle": worker_bundle(bundle), "code": code,
           "limits": limits_for(bundle)}  # fmt: skip
    return json.loads(json.dumps(grade_in_child(job), sort_keys=True))


def judge(bundle: dict, report) -> dict:
    reply = {"status": "reported", "report": report}
    return finish(bundle, trusted_tests(bundle), limits_for(bundle), {}, reply)


def both(bundle: dict, code: str) -> tuple[dict, dict]:
    want = grader.check({"action": "check", "exercise": bundle, "code": code})
    got = judge(bundle, record(bundle, code))
    return {k: want[k] for k in KEYS}, {k: got[k] for k in KEYS}


# ------------------------------------------------------------------ the codec


class Thing:
    def __repr__(self):  # a student's repr never runs in the parent
        raise RuntimeError("no")


class Sub(np.ndarray):
    pass


VALUES = [
    None, True, False, 0, -7, 2**70, -(2**200), 1.5, -0.0, float("nan"), float("inf"),
    float("-inf"), "", "héllo \udcff", b"\x00bytes", 3 + 4j, [1, [2, [3]]], (1, (2.5,)), (),
    {"a": 1, 2: [3], (1, 2): "t"}, {1, 2}, frozenset({"x"}),
    np.array([1.0, np.nan, -np.inf]), np.arange(6, dtype=np.int32).reshape(2, 3),
    np.array(3.5), np.zeros((0, 4)), np.array([True, False]), np.array(["ab", "c"]),
    np.array([b"x"]), np.array([1 + 2j], dtype=np.complex64), np.arange(3, dtype=np.uint8),
    np.array(["2020-01-01"], dtype="datetime64[D]"), np.asfortranarray(np.eye(3))[:, ::2],
    np.float64(2.5), np.float32(1.25), np.int64(-3), np.int32(7), np.bool_(True),
    np.array([1, "a", None], dtype=object),
]  # fmt: skip


def _same(a, b) -> bool:
    if type(a) is not type(b):
        return False
    if type(a) is np.ndarray:
        return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()
    if type(a) in (list, tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if type(a) is dict:
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if type(a) is float and a != a:
        return b != b
    if isinstance(a, np.generic):
        return a.dtype == b.dtype and a.tobytes() == b.tobytes()
    return a == b and repr(a) == repr(b)


@pytest.mark.parametrize("value", VALUES, ids=lambda v: type(v).__name__)
def test_values_survive_json_exactly(value):
    codec = Codec(np)
    data = json.loads(json.dumps(codec.encode(value)))
    back = Codec(np).decode(data)
    if type(value) is np.ndarray and value.dtype.hasobject:
        assert back.dtype == object and back.tolist() == value.tolist()
    else:
        assert _same(value, back), (value, back)


def test_other_objects_become_placeholders_that_describe_the_same():
    from grader.errors import describe_type

    codec = Codec(np)
    for value in (Thing(), np.zeros(3).view(Sub), object(), range(3)):
        back = Codec(np).decode(json.loads(json.dumps(codec.encode(value))))
        assert describe_type(back) == describe_type(value)
        assert type(back).__name__ == type(value).__name__
    sub = Codec(np).decode(codec.encode(np.arange(3.0).view(Sub)))
    assert isinstance(sub, np.ndarray) and type(sub) is not np.ndarray
    assert sub.tolist() == [0.0, 1.0, 2.0]  # a neutral subclass: none of the student's methods
    text = describe_type(Thing())
    assert repr(Codec(np).decode(codec.encode(Thing()))) == f"<{text} object>"


BAD = [  # (data, what the RecordError says)
    ({"$nope": 1}, "unknown tag"),
    ({"$a": ["|O8", [1], "AAAAAAAAAAA="]}, "unsupported dtype"),
    ({"$a": ["<V8", [1], "AAAAAAAAAAA="]}, "unsupported dtype"),
    ({"$a": ["<f8", [2], "AAAAAAAAAAA="]}, "does not match its shape"),
    ({"$a": ["<f8", [-1], ""]}, "bad array shape"),
    ({"$a": ["<f8", [1], "@@@"]}, "bad base64"),
    ({"$s": ["<f8", "AAAA"]}, "does not match its dtype"),
    ({"$i": "zz"}, "bad big int"),
    ({"$f": "1.0"}, "bad special float"),
    ({"$d": [[1]]}, r"not a \[key, value\] pair"),
    ({"$d": [[[1], 2]]}, "not hashable"),
    ({"$o": ["x\x00", "y"]}, "bad type name"),
    ({"$r": 0}, "a reference outside a call"),
    ({"a": 1, "b": 2}, "unexpected dict"),
    ([[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]], "too deeply"),
]  # fmt: skip


@pytest.mark.parametrize("data, why", BAD, ids=[w for _, w in BAD])
def test_malformed_values_are_refused_with_a_reason(data, why):
    with pytest.raises(RecordError, match=why):
        Codec(np).decode(data)


def test_references_and_views_keep_identity_and_stay_inside_their_array():
    x = np.arange(12.0).reshape(3, 4)
    params = [x, {"b": np.zeros(2)}]
    child = Shared(np, recording=True)
    child.track_call((params,), {})
    codec = Codec(np)
    data = codec.encode((params, x, x[1:, ::2], x.T, params[1]), child)
    parent = Shared(np, recording=False)
    mine = [x.copy(), {"b": np.zeros(2)}]
    parent.track_call((mine,), {})
    lst, same, view, trans, d = Codec(np).decode(json.loads(json.dumps(data)), parent)
    assert lst is mine and same is mine[0] and d is mine[1]
    assert np.shares_memory(view, mine[0]) and view.tolist() == x[1:, ::2].tolist()
    assert np.shares_memory(trans, mine[0]) and trans.tolist() == x.T.tolist()
    k = data["$t"][2]["$v"][0]
    for bad in (
        [k, 80, [3, 4], [32, 8], "<f8"],
        [k, -8, [1], [8], "<f8"],
        [k, 0, [2], [-8], "<f8"],
    ):
        with pytest.raises(RecordError, match="reaches outside"):
            Codec(np).decode({"$v": bad}, parent)
    with pytest.raises(RecordError, match="never passed"):
        Codec(np).decode({"$r": 99}, parent)


def test_changes_made_in_the_child_are_written_into_the_parents_objects():
    import random

    def setup():
        rng = np.random.default_rng(3)
        return [np.zeros(3), [1, 2], {"a": 1}, rng]

    child_objs, parent_objs = setup(), setup()
    child, parent = Shared(np, recording=True), Shared(np, recording=True)
    child.track_call(tuple(child_objs), {})
    parent.track_call(tuple(parent_objs), {})
    arr, lst, d, rng = child_objs
    arr[1] = 5.0
    new = np.ones(2)
    lst.append(new)
    d["b"] = (new, 2)
    rng.random()
    np.random.seed(1)
    np.random.random()
    random.seed(2)
    random.random()
    codec = Codec(np)
    changes = json.loads(json.dumps(child.changes(codec)))
    assert child.changes(codec) == []  # nothing new since
    np.random.seed(0)
    random.seed(0)
    parent.apply(Codec(np), changes)
    p_arr, p_lst, p_d, p_rng = parent_objs
    assert p_arr.tolist() == [0.0, 5.0, 0.0]
    assert p_lst[:2] == [1, 2] and p_lst[2].tolist() == [1.0, 1.0]
    assert p_d["b"][0] is p_lst[2]  # one new object, shared from now on under one number
    assert p_rng.random() == rng.random()
    assert np.random.random() == (np.random.seed(1), np.random.random(), np.random.random())[2]
    random.seed(2)
    random.random()
    want = random.random()
    parent.apply(Codec(np), [c for c in changes if c[0] == "py"])
    assert random.random() == want
    new[0] = 7.0  # later in-place changes of the new object are seen too
    later = json.loads(json.dumps(child.changes(codec)))
    parent.apply(Codec(np), later)
    assert p_lst[2].tolist() == [7.0, 1.0]


# ------------------------------------------------------------------ replay equals check

INPLACE = """
import numpy as np
from grader.testing import test_case, expect_array, expect_value, expect_true

@test_case(points=1)
def unmodified(student):
    x = np.array([-1.0, 2.0])
    expect_array(student.clamp(x), [0.0, 2.0])

@test_case(points=1)
def meant_to_mutate(student):
    params = [np.array([1.0, 2.0]), np.array([3.0])]
    grads = [np.array([1.0, 1.0]), np.array([1.0])]
    student.sgd.may_modify(params, grads, 0.5)
    expect_array(params[0], [0.5, 1.5], name="params[0] after the step")
    expect_value(len(params), 2, name="len(params)")

@test_case(points=1)
def dict_and_list(student):
    d = {"w": np.zeros(2)}
    out = student.fill.may_modify(d, [])
    expect_true(out is d, "fill returns the dict it was given")
    expect_array(d["w"], [1.0, 1.0])
    expect_value(sorted(d), ["extra", "w"])
"""
INPLACE_CODES = [
    "import numpy as np\ndef clamp(x):\n    return np.maximum(x, 0.0)\n"
    "def sgd(p, g, lr):\n    for a, b in zip(p, g):\n        a -= lr * b\n"
    "def fill(d, l):\n    d['w'][:] = 1.0\n    d['extra'] = [l]\n    return d\n",
    "import numpy as np\ndef clamp(x):\n    x[x < 0] = 0.0\n    return x\n"
    "def sgd(p, g, lr):\n    p[0] = p[0] - lr * g[0]\n    p.append(1)\n"
    "def fill(d, l):\n    d['w'] = np.ones(2)\n    return dict(d)\n",
]

CALLBACKS = """
import numpy as np
from grader.testing import test_case, expect_array, expect_scalar, expect_equal

@test_case(points=2)
def gradient_of_a_closure(student):
    params = [np.array([1.0, -2.0, 0.5])]
    seen = []
    def loss():
        seen.append(float(params[0].sum()))
        return float(np.sum(params[0] ** 2))
    g = student.grad.may_modify(loss, params[0])
    expect_array(g, 2 * params[0], rtol=1e-5)
    expect_equal(len(seen), 6, name="calls of loss")

@test_case(points=1)
def a_callback_that_raises(student):
    def f(v):
        raise ValueError("bad input")
    expect_scalar(student.safe(f, 2.0), -1.0, name="safe(f, 2.0)")
"""
CALLBACK_CODES = [
    "def grad(f, x, eps=1e-5):\n    import numpy as np\n    g = np.zeros_like(x)\n"
    "    for i in range(x.size):\n        old = x[i]\n        x[i] = old + eps\n        a = f()\n"
    "        x[i] = old - eps\n        b = f()\n        x[i] = old\n        g[i] = (a - b) / (2 * eps)\n"
    "    return g\n"
    "def safe(f, v):\n    try:\n        return f(v)\n    except ValueError:\n        return -1.0\n",
    "def grad(f, x, eps=1e-5):\n    return x * 0\n"  # never calls f
    "def safe(f, v):\n    return f(v)\n",  # lets the test's error through
]

OBJECTS = """
import numpy as np
from grader.testing import test_case, expect_array, expect_equal, expect_true, expect_tuple

@test_case(points=2)
def counter_class(student):
    c = student.Counter(2)
    c.add(3)
    c.add(4)
    expect_equal(c.total, 9, name="total")
    c.total = 1
    expect_equal(c.__len__(), 1, name="len")
    expect_array(c.history(), [3.0, 4.0])

@test_case(points=2)
def batches(student):
    X = np.arange(10.0)
    got = [expect_tuple(b, 2) for b in student.batches(X, 4)]
    expect_equal(len(got), 3, name="number of batches")
    expect_array(got[-1][0], [8.0, 9.0])
    expect_true(student.has("helper") is False, "no helper")
"""
OBJECT_CODES = [
    "import numpy as np\nclass Counter:\n    def __init__(self, start):\n        self.total = start\n"
    "        self.h = []\n    def add(self, v):\n        self.total += v\n        self.h.append(v)\n"
    "    def __len__(self):\n        return self.total\n    def history(self):\n"
    "        return np.array(self.h, dtype=float)\n"
    "def batches(X, n):\n    for i in range(0, len(X), n):\n        yield X[i:i + n], i\n",
    "class Counter:\n    def __init__(self, start):\n        self.total = start\n"
    "    def add(self, v):\n        raise RuntimeError('no adding')\n"
    "def batches(X, n):\n    yield X[:n], 0\n    raise IndexError('oops')\n"
    "helper = 3\n",
]

RANDOM = """
import random
import numpy as np
from grader.testing import test_case, expect_true, expect_equal

@test_case(points=1)
def global_state_left_alone(student):
    before = np.random.get_state()[1].copy()
    student.init(3)
    expect_true(bool(np.array_equal(before, np.random.get_state()[1])), "np.random untouched")

@test_case(points=1)
def draws_after(student):
    student.init(3)  # the runner seeded both generators with 0 before this test
    got = (round(float(np.random.random()), 12), round(random.random(), 12))
    np.random.seed(0)
    random.seed(0)
    want = (round(float(np.random.random()), 12), round(random.random(), 12))
    expect_equal(got, want, name="the first draws after init")

@test_case(points=1)
def generator_passed(student):
    rng = np.random.default_rng(5)
    student.use(rng)
    expect_equal(int(rng.integers(1000)), int(np.random.default_rng(5).integers(1000)),
                 name="rng left alone")
    expect_equal(random.random() < 2, True, name="random still works")
"""
RANDOM_CODES = [
    "import numpy as np\ndef init(n):\n    return np.random.default_rng(0).normal(size=n)\n"
    "def use(rng):\n    return None\n",
    "import numpy as np, random\ndef init(n):\n    np.random.seed(7)\n    random.seed(9)\n"
    "    return np.random.normal(size=n)\ndef use(rng):\n    return rng.normal(size=3)\n",
]

PATCHED = """
import numpy as np
from grader.testing import test_case, expect_true, expect_array

@test_case(points=1)
def no_overflowing_exp(student):
    original, seen = np.exp, []
    def exp(v, *a, **k):
        seen.append(float(np.max(v)))
        return original(v, *a, **k)
    np.exp = exp
    try:
        out = student.sigmoid(np.array([-800.0, 0.0, 800.0]))
    finally:
        np.exp = original
    expect_true(max(seen, default=0) <= 709, f"np.exp called on {max(seen, default=0)}")
    expect_array(out, [0.0, 0.5, 1.0])
"""
PATCHED_CODES = [
    "import numpy as np\ndef sigmoid(x):\n    e = np.exp(-np.abs(x))\n"
    "    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))\n",
    "import numpy as np\ndef sigmoid(x):\n    return 1 / (1 + np.exp(-x))\n",
]

IDENTITY = """
import numpy as np
from grader.testing import test_case, expect_true, expect_value

@test_case(points=1)
def new_arrays(student):
    params = [np.ones(3), np.zeros(2)]
    out = student.step(params)
    expect_true(out is not params, "a new list")
    for i, r in enumerate(out):
        expect_true(not np.shares_memory(r, params[i]), f"element {i} is a new array")
    expect_value(out, [np.ones(3), np.zeros(2)])
"""
IDENTITY_CODES = [
    "def step(p):\n    return [a.copy() for a in p]\n",
    "def step(p):\n    return p\n",
    "def step(p):\n    return [p[0][:], p[1].reshape(2)]\n",
]

VALUES_TESTS = """
import numpy as np
from grader.testing import test_case, expect_value, expect_equal, expect_array, expect_raises

@test_case(points=1)
def many_types(student):
    out = student.values()
    expect_value(out, (1, 2.5, True, None, [np.arange(3)], {"k": 1.0}))

@test_case(points=1)
def odd_types(student):
    expect_array(student.odd(), [1.0])

@test_case(points=1)
def raises(student):
    expect_raises(ValueError, student.check, -1)
    expect_equal(student.check(2), 2)
"""
VALUES_CODE_RIGHT = (
    "import numpy as np\ndef values():\n    return (1, 2.5, True, None, [np.arange(3)], {'k': 1.0})\n"
    "def odd():\n    return np.array([1.0])\n"
    "def check(v):\n    if v < 0:\n        raise ValueError('negative')\n    return v\n"
)
VALUES_CODES = [
    VALUES_CODE_RIGHT,
    "import numpy as np\nclass Sub(np.ndarray):\n    pass\n"
    "def values():\n    return (np.int64(1), np.float32(2.5), np.bool_(True), 0, [[0, 1, 2]], {'k': 1})\n"
    "def odd():\n    return np.array([1.0]).view(Sub)\n"
    "def check(v):\n    return v\n",
    "def values():\n    return object()\ndef odd():\n    return [1.0]\n"
    "def check(v):\n    raise TypeError('always')\n",
    VALUES_CODE_RIGHT.replace("return np.array([1.0])", "return [1.0]"),  # one test fails
    "def values(:\n",
    "print('hi')\nimport sys\nsys.exit(3)\n",
    "print('start')\n",
]

CASES = {
    "inplace": (INPLACE, ["clamp", "sgd", "fill"], INPLACE_CODES),
    "callbacks": (CALLBACKS, ["grad", "safe"], CALLBACK_CODES),
    "objects": (OBJECTS, ["Counter", "batches"], OBJECT_CODES),
    "random": (RANDOM, ["init", "use"], RANDOM_CODES),
    "patched": (PATCHED, ["sigmoid"], PATCHED_CODES),
    "identity": (IDENTITY, ["step"], IDENTITY_CODES),
    "values": (VALUES_TESTS, ["values", "odd", "check"], VALUES_CODES),
}
PAIRS = [(case, i) for case, (_, _, codes) in CASES.items() for i in range(len(codes))]


@pytest.mark.parametrize("case, i", PAIRS, ids=[f"{c}-{i}" for c, i in PAIRS])
def test_replay_gives_the_in_process_verdict(case, i, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    tests, names, codes = CASES[case]
    want, got = both(make_bundle(tests, names), codes[i])
    assert got == want


def test_the_cases_cover_passing_and_failing_verdicts(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    scores = set()
    for tests, names, codes in CASES.values():
        bundle = make_bundle(tests, names)
        for code in codes:
            r = judge(bundle, record(bundle, code))
            scores.add((r["passed"], r["score"] == 0))
    assert scores >= {(True, False), (False, True), (False, False)}


def test_a_time_limit_in_the_child_stops_the_replay_at_the_same_test(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bundle = make_bundle(VALUES_TESTS, ["values", "odd", "check"], time_limit=1)
    code = VALUES_CODES[0].replace("def odd():\n", "def odd():\n    while True:\n        pass\n")
    want, got = both(bundle, code)
    assert got == want
    assert got["error"]["title"] == "Time limit exceeded"
    assert [t["passed"] for t in got["tests"]] == [True, False, False]


# ------------------------------------------------------------------ records that do not fit

SOFTMAX_TESTS = """
import numpy as np
from grader.testing import test_case, expect_array

@test_case(points=2)
def one_row(student):
    x = np.array([1.0, 2.0, 3.0])
    expect_array(student.softmax(x), np.exp(x) / np.exp(x).sum(), name="softmax(x)")

@test_case(points=1)
def two_calls(student):
    try:
        student.softmax(np.zeros(2))
    except Exception:  # a test that swallows errors cannot swallow a divergence
        pass
    expect_array(student.softmax(np.zeros(3)), np.full(3, 1 / 3), name="softmax(zeros)")
"""
RIGHT = "import numpy as np\ndef softmax(x):\n    e = np.exp(x - x.max())\n    return e / e.sum()\n"


@pytest.fixture
def softmax_record(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bundle = make_bundle(SOFTMAX_TESTS, ["softmax"])
    report = record(bundle, RIGHT)
    assert judge(bundle, report)["passed"]
    return bundle, report


def _ends(report: dict, test: int) -> list:
    return [e for e in report["tests"][test] if e["k"] == "r"]


def _edited(report: dict, edit) -> dict:
    out = copy.deepcopy(report)
    edit(out)
    return out


EDITS = {
    "ends early": (lambda r: r["tests"][0].pop(), "the record ends before the end of softmax"),
    "holds more": (lambda r: r["tests"][0].append({"k": "h", "n": "x", "v": True}),
                   "the record holds more than the test asked for"),
    "another label": (lambda r: r["tests"][0][1].update(l="softmax(x=array([0.0]))"),
                      "where the test made softmax(x=array([1.0, 2.0, 3.0]))"),
    "other arguments": (lambda r: r["tests"][0][1].update(d="0" * 16),
                        "the arguments of softmax(x=array([1.0, 2.0, 3.0])) are not the ones"),
    "another name": (lambda r: r["tests"][0][0].update(n="relu"), "looks up `softmax`"),
    "bad value": (lambda r: _ends(r, 0)[0].update(v={"$a": ["<f8", [3], "AAAA"]}),
                  "a malformed value"),
    "bad event": (lambda r: r["tests"][0].insert(2, ["not", "an", "event"]), "a malformed event"),
    "bad error": (lambda r: _ends(r, 0)[0].update(k="e", e={"message": 3}), "a malformed error"),
    "bad change": (lambda r: _ends(r, 0)[0].update(s=[[0, {"$a": ["<f8", [9], ""]}]]),
                   "a malformed change of an argument"),
    "not a list": (lambda r: r["tests"].__setitem__(0, {"k": "n"}), "malformed events"),
    "a divergence swallowed": (lambda r: r["tests"][1].__setitem__(1, {"k": "g", "l": "?"}),
                               "where the test made the call softmax(x=array([0.0, 0.0]))"),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(EDITS))
def test_a_record_that_does_not_fit_fails_that_test_with_a_reason(softmax_record, name):
    bundle, report = softmax_record
    edit, why = EDITS[name]
    result = judge(bundle, _edited(report, edit))
    assert not result["passed"]
    failed = [t for t in result["tests"] if not t["passed"]]
    assert len(failed) == 1, result["tests"]
    assert failed[0]["message"].startswith("The grader could not confirm this test: ")
    assert why in failed[0]["message"], failed[0]["message"]


def test_a_changed_value_is_judged_as_the_students_answer(softmax_record):
    bundle, report = softmax_record
    wrong = Codec(np).encode(np.array([0.5, 0.25, 0.25]))
    result = judge(bundle, _edited(report, lambda r: _ends(r, 0)[0].update(v=wrong)))
    assert [t["passed"] for t in result["tests"]] == [False, True]
    assert "3 of 3 value(s) differ" in result["tests"][0]["message"]


def test_a_claimed_error_or_stop_only_costs_points(softmax_record):
    bundle, report = softmax_record

    def stop(r):
        r["tests"][0][1:] = [{"k": "x", "w": "time"}]
        del r["tests"][1]

    result = judge(bundle, _edited(report, stop))
    assert result["score"] == 0 and result["error"]["title"] == "Time limit exceeded"
    tampered = judge(bundle, {**report, "tampered": True})
    assert tampered["score"] == 0 and tampered["error"]["title"] == "Grader modified"
    memory = judge(bundle, {**report, "fatal": "memory"})
    assert memory["score"] == 0 and memory["error"]["title"] == "Out of memory"


MALFORMED = {
    "not a dict": ["a", "list"],
    "old outcomes": {"tests": [{"name": "one_row", "passed": True, "message": ""}], "error": None},
    "format 2": {"format": 2},
    "tests not a list": {"format": 1, "module": {"e": None, "d": []}, "tests": {}, "stdout": ""},
    "stdout not text": {"format": 1, "module": {"e": None, "d": []}, "tests": [], "stdout": 1},
    "bad definitions": {"format": 1, "module": {"e": None, "d": [1]}, "tests": [], "stdout": ""},
    "bad module error": {"format": 1, "module": {"e": {"title": 5}, "d": []}, "tests": [],
                         "stdout": ""},
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_a_malformed_record_is_rejected_as_a_whole(name):
    bundle = make_bundle(SOFTMAX_TESTS, ["softmax"])
    result = judge(bundle, MALFORMED[name])
    assert result["score"] == 0 and result["max_score"] == 3 and not result["passed"]
    assert result["error"]["title"] == "Result rejected", result["error"]
    assert all(t["message"] == "Not run: result rejected." for t in result["tests"])


def test_a_callback_that_gave_another_result_is_a_divergence(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bundle = make_bundle(CALLBACKS, ["grad", "safe"])
    report = record(bundle, CALLBACK_CODES[0])
    assert judge(bundle, report)["passed"]
    returns = [e for e in report["tests"][0] if e["k"] == "br"]
    returns[0]["v"] = 123.0
    result = judge(bundle, report)
    assert [t["passed"] for t in result["tests"]] == [False, True]
    assert (
        "a function the test passed gave the student's code another result"
        in (result["tests"][0]["message"])
    )


def test_concurrent_replays_give_the_same_verdicts(softmax_record):
    bundle, report = softmax_record
    wrong = _edited(report, lambda r: _ends(r, 0)[0].update(v=Codec(np).encode(np.ones(3))))
    want = [judge(bundle, report), judge(bundle, wrong)] * 4
    got: list = [None] * len(want)

    def run(i):
        got[i] = judge(bundle, report if i % 2 == 0 else wrong)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(want))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == want and want[0]["passed"] and not want[1]["passed"]


def test_the_parent_never_runs_the_students_code(softmax_record, monkeypatch):
    """The replay is judged from data alone: with exec and compile of student code gone
    from the parent, the verdict is the same."""
    bundle, report = softmax_record
    import grader.runner

    def refuse(*a, **k):
        raise AssertionError("student code executed in the parent")

    monkeypatch.setattr(grader.runner, "execute_student_code", refuse)
    assert judge(bundle, report)["passed"]


def test_quiz_answers_as_data_are_graded_as_grader_check_does():
    """The parent grades answers given as data without a guard session, to the same result."""
    from grader.judge import grade_answers
    from tests.grader.test_quiz import PARITY_ANSWERS, QUIZ

    for answers in PARITY_ANSWERS:
        want = grader.check({"action": "check", "exercise": QUIZ, "answers": answers})
        assert grade_answers(QUIZ, answers) == want
    assert len({grade_answers(QUIZ, a)["score"] for a in PARITY_ANSWERS}) > 3
