"""Attacks on the offline verdict (issue 12, item 1): each submission is a wrong softmax
that also tries to make the grading child report full marks. The parent replays the
hidden tests against the child's record (grader/replay.py), so whatever the child's
process did can change only the answers it reports: every attack ends in zero with a
reason, and where the record survives, in exactly the verdict of the wrong answer alone.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import FIXTURES, ROOT

# Returns zeros of the right shape: every test must fail with "value(s) differ".
WRONG = "import numpy as np\n\n\ndef softmax(x, axis=-1):\n    return np.asarray(x) * 0.0\n"

# What a lying child would like the parent to believe (the old report of outcomes).
FORGED = json.dumps(
    {
        "tests": [
            {"name": n, "passed": True, "message": "Passed."}
            for n in ("one_row", "large_values", "axis_zero")
        ],
        "error": None,
        "stdout": "",
    }
)

# Walks from a signal handler's frame up to the child's main function (its signer and
# result fd), sends `payload(frame)` authenticated with the job's own key, and exits.
_FORGE = f"""
import os, signal, json
FORGED = {FORGED!r}

def _send(frame, payload):
    f = frame
    while f is not None:
        loc = f.f_locals
        if "signer" in loc and "fd" in loc:
            mac = loc["signer"].copy()
            mac.update(payload.encode())
            os.write(loc["fd"], mac.hexdigest().encode() + b"\\n" + payload.encode())
            os._exit(0)
        f = f.f_back

def _recorder(frame):
    f = frame
    while f is not None:
        me = f.f_locals.get("self")
        if me is not None and hasattr(me, "tests") and hasattr(me, "events"):
            return me
        f = f.f_back
"""

ATTACKS = {
    # The report's JSON encoder patched once softmax is defined, and again during a call.
    "json_encoder_after_def": WRONG
    + f"""
import json, json.encoder
_FORGED = {FORGED!r}
json.encoder.JSONEncoder.encode = lambda self, o: _FORGED
json.dumps = lambda *a, **k: _FORGED
""",
    "json_encoder_during_call": f"""import numpy as np
_FORGED = {FORGED!r}

def softmax(x, axis=-1):
    import json, json.encoder
    json.encoder.JSONEncoder.encode = lambda self, o: _FORGED
    json.encoder.c_make_encoder = None
    json.dumps = lambda *a, **k: _FORGED
    return np.asarray(x) * 0.0
""",
    # NumPy's internals behind ndarray.all / .any: every comparison "passes".
    "numpy_all_any": """import numpy as np
from numpy._core import _methods
_methods._all = lambda *a, **k: np.True_
_methods._any = lambda *a, **k: np.False_

def softmax(x, axis=-1):
    _methods._all = lambda *a, **k: np.True_
    _methods._any = lambda *a, **k: np.False_
    return np.asarray(x) * 0.0
""",
    # A signal handler's frame leads to the signer: an authentic report of forged outcomes.
    "signal_frame_forges_outcomes": _FORGE
    + """
import numpy as np

def softmax(x, axis=-1):
    signal.signal(signal.SIGUSR1, lambda s, frame: _send(frame, FORGED))
    signal.raise_signal(signal.SIGUSR1)
    return np.asarray(x) * 0.0
""",
    # ... or an authentic record, copied from the child's own and then doctored: the
    # first call "returned" the all-ones array and the run stops there.
    "signal_frame_forges_a_record": _FORGE
    + """
import numpy as np

def _doctored(frame):
    rec = _recorder(frame)
    import base64
    ones = {"$a": ["<f8", [3], base64.b64encode(np.ones(3).tobytes()).decode()]}
    events = list(rec.events) + [{"k": "r", "v": ones, "s": []}]
    record = {"format": 1, "module": {"e": None, "d": ["softmax"]}, "tests": [events],
              "stdout": "", "tampered": False, "fatal": None}
    _send(frame, json.dumps(record))

def softmax(x, axis=-1):
    signal.signal(signal.SIGUSR1, lambda s, frame: _doctored(frame))
    signal.raise_signal(signal.SIGUSR1)
    return np.asarray(x) * 0.0
""",
    # The handler's frames lead to the hidden test's globals: its reference is replaced
    # (in the child) by one that agrees with the wrong answer.
    "signal_frame_rewrites_the_tests": """import numpy as np, signal

def _rewrite(frame):
    f = frame
    while f is not None:
        g = f.f_globals
        if str(g.get("__name__", "")).startswith("hidden_tests_") and "_ref" in g:
            g["_ref"] = lambda x, axis=-1: np.asarray(x) * 0.0
        f = f.f_back

def softmax(x, axis=-1):
    signal.signal(signal.SIGUSR1, lambda s, frame: _rewrite(frame))
    signal.raise_signal(signal.SIGUSR1)
    return np.asarray(x) * 0.0
""",
    # A generator's frame, the other way up the stack.
    "generator_frame_walk": """import numpy as np

def softmax(x, axis=-1):
    def gen():
        yield 1
    g = gen()
    f = g.gi_frame.f_back
    while f is not None:
        f.f_globals["_ref"] = lambda x, axis=-1: np.asarray(x) * 0.0
        f = f.f_back
    return np.asarray(x) * 0.0
""",
    # Results that lie about themselves.
    "ndarray_subclass_that_lies": """import numpy as np

class Lying(np.ndarray):
    def __eq__(self, other):
        return np.ones(np.shape(other), dtype=bool)
    def all(self, *a, **k):
        return True
    def __array_ufunc__(self, *a, **k):
        return np.zeros(3)

def softmax(x, axis=-1):
    return np.zeros(np.shape(x)).view(Lying)
""",
    "object_that_lies": """import numpy as np

class Liar:
    def __init__(self, x):
        self.x = x
    def __array__(self, dtype=None, copy=None):
        e = np.exp(self.x - self.x.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)
    def __eq__(self, other):
        return True
    def __len__(self):
        return 3
    def __bool__(self):
        return True
    shape = property(lambda self: self.x.shape)

def softmax(x, axis=-1):
    return Liar(x)
""",
    # grader.testing (and the recorder itself) replaced in the child.
    "replaces_grader_testing": """import numpy as np
import grader.testing as t, grader.checks as c, grader.record as r
t.expect_array = lambda *a, **k: None
c.expect_array = lambda *a, **k: None

def softmax(x, axis=-1):
    import grader.testing as t2
    t2.expect_array = lambda *a, **k: None
    t2.as_trusted_array = lambda a, **k: a
    r.Recorder._result = lambda self, label, value: value
    return np.asarray(x) * 0.0
""",
}

# The honest reasons each attack may end with: a fragment of the error or of a test's
# message, or None: the tests fail with exactly the messages the wrong answer alone gets.
# (Whether a patch of the child's JSON encoder survives until the report is written
# depends on the child's guard; if it does, the forged report is no record at all.)
FORGERY = "not a record of format 1"
REASONS = {
    "json_encoder_after_def": (None, FORGERY),
    "json_encoder_during_call": (None, FORGERY),
    "numpy_all_any": (None,),
    "signal_frame_forges_outcomes": (FORGERY,),
    "signal_frame_forges_a_record": ("The grader could not confirm this test",),
    "signal_frame_rewrites_the_tests": (None,),
    "generator_frame_walk": ("frame access is not allowed",),
    "ndarray_subclass_that_lies": ("expected a plain numpy.ndarray, got the subclass Lying",),
    "object_that_lies": ("expected a NumPy array, got Liar",),
    "replaces_grader_testing": (None,),
}
# Errors the child may add on top of honest test messages (its own guard noticing).
NOTICED = (None, "Grader modified")


@pytest.fixture(scope="module")
def verdicts():
    from grader.pool import Pool
    from grader.spec import load_exercise

    bundle = load_exercise(FIXTURES / "fx-page" / "fx_softmax")
    names = sorted(ATTACKS)
    codes = [ATTACKS[n] for n in names] + [WRONG]
    with Pool(2, protected=[FIXTURES, ROOT / "exercises"], sandbox="none") as pool:
        results = pool.map([{"bundle": bundle, "code": code} for code in codes])
    return dict(zip(names + ["wrong"], results, strict=True))


def test_the_plain_wrong_answer_fails_every_test(verdicts):
    wrong = verdicts["wrong"]
    assert wrong["score"] == 0 and wrong["error"] is None
    assert all("value(s) differ" in t["message"] for t in wrong["tests"]), wrong["tests"]


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_the_attack_ends_in_zero_with_an_honest_reason(verdicts, name):
    result = verdicts[name]
    assert result["score"] == 0 and not result["passed"] and result["max_score"] == 6, result
    assert not any(t["passed"] for t in result["tests"])
    text = json.dumps([result["error"], result["tests"]])
    reasons = [r for r in REASONS[name] if r is not None and r in text]
    if None in REASONS[name] and not reasons:
        # Judged from what the code returned: exactly the wrong answer's messages.
        got = [t["message"] for t in result["tests"]]
        assert got == [t["message"] for t in verdicts["wrong"]["tests"]], result
        assert (result["error"] or {}).get("title") in NOTICED, result["error"]
    else:
        assert reasons, text


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_nothing_of_the_grader_leaks_into_the_result(verdicts, name):
    text = json.dumps(verdicts[name])
    for secret in ("signer", "hmac", "HMAC", "def _ref", "NPRL_", "/proc"):
        assert secret not in text, (secret, name)
