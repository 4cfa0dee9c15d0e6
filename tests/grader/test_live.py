"""grader.live: LossCurve records values in CPython and comes back whole in a Run's result."""

from __future__ import annotations

import math

import pytest

import grader
from grader import live
from grader.live import LossCurve

BUNDLE = {"id": "live_demo", "kind": "code", "starter": "", "function_names": [], "points": 1}


def run(code: str) -> dict:
    return grader.check({"action": "run", "exercise": BUNDLE, "code": code})


def test_a_curve_records_its_values_and_shows_nothing_in_cpython(capsys):
    curve = LossCurve("training loss")
    for v in (2.5, 1.5, 0.75):
        curve.add(v)
    assert curve.values == [2.5, 1.5, 0.75]
    assert curve.title == "training loss"
    assert len(curve) == 3
    assert capsys.readouterr().out == ""


def test_add_takes_numpy_numbers_and_refuses_other_things():
    np = pytest.importorskip("numpy")
    curve = LossCurve("loss")
    curve.add(np.float32(0.5))
    curve.add(np.array(0.25))
    assert curve.values == [0.5, 0.25]
    with pytest.raises(TypeError, match=r"expects one number \(a float\), got list"):
        curve.add([1.0, 2.0])


def test_a_run_returns_every_curve_it_drew():
    result = run(
        "from grader.live import LossCurve\n"
        "train = LossCurve('train')\n"
        "val = LossCurve('validation')\n"
        "for i in range(5):\n"
        "    train.add(1 / (i + 1))\n"
        "val.add(0.9)\n"
        "print(len(train.values))\n"
    )
    assert result["error"] is None, result["error"]
    assert result["stdout"] == "5\n"
    assert result["curves"] == [
        {"title": "train", "values": [1.0, 0.5, 1 / 3, 0.25, 0.2]},
        {"title": "validation", "values": [0.9]},
    ]


def test_non_finite_points_travel_as_null():
    result = run(
        "from grader.live import LossCurve\nc = LossCurve()\nc.add(1.0)\nc.add(float('nan'))\nc.add(float('inf'))\n"
    )
    assert result["curves"] == [{"title": "loss", "values": [1.0, None, None]}]
    import json

    json.loads(
        grader.entry(
            json.dumps(
                {
                    "action": "run",
                    "exercise": BUNDLE,
                    "code": "from grader.live import LossCurve\nLossCurve().add(float('nan'))\n",
                }
            )
        )
    )


def test_a_run_without_curves_has_no_curves_key_and_checks_collect_nothing():
    assert "curves" not in run("x = 1\n")
    assert live._session["curves"] is None  # nothing is collected outside a Run


def test_the_curve_stops_with_the_run_error_and_keeps_its_points():
    result = run(
        "from grader.live import LossCurve\nc = LossCurve('l')\nc.add(3.0)\nraise ValueError('boom')\n"
    )
    assert "boom" in result["error"]["message"], result["error"]
    assert result["curves"] == [{"title": "l", "values": [3.0]}]


def test_points_are_sent_at_most_ten_times_a_second(monkeypatch):
    sent = []
    monkeypatch.setattr(live, "_browser_sender", lambda: sent.append)
    clock = [100.0]
    monkeypatch.setattr(live.time, "monotonic", lambda: clock[0])
    live.begin()
    try:
        curve = LossCurve("loss")
        for i in range(50):  # 50 points in 0.49 s
            clock[0] += 0.01
            curve.add(float(i))
    finally:
        curves = live.end()
    assert 4 <= len(sent) <= 5, sent
    import json

    batches = [json.loads(s)["curves"][0] for s in sent]
    assert batches[0]["start"] == 0
    joined = [v for b in batches for v in b["values"]]
    assert joined == [float(i) for i in range(len(joined))]  # in order, none twice
    assert curves[0]["values"] == [float(i) for i in range(50)]


def test_the_module_imports_only_the_standard_library():
    import ast
    import sys
    from pathlib import Path

    tree = ast.parse(Path(live.__file__).read_text(encoding="utf-8"))
    top = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    names = {a.name.split(".")[0] for n in top if isinstance(n, ast.Import) for a in n.names}
    names |= {n.module.split(".")[0] for n in top if isinstance(n, ast.ImportFrom) and n.module}
    names.discard("__future__")
    assert names <= set(sys.stdlib_module_names), names
    assert math.isfinite(1.0)
