"""Student code must not be able to earn points it did not earn."""

import builtins

import numpy as np
import pytest

import grader
import grader.testing

ZEROS = "import numpy as np\ndef softmax(x, axis=-1):\n    return np.zeros_like(x)\n"

ATTACKS = {
    "replaces numpy.allclose at import": "import numpy as np\nnp.allclose = lambda *a, **k: True\n"
    "np.isclose = lambda *a, **k: np.ones(1, bool)\n" + ZEROS.split("\n", 1)[1],
    "replaces builtins": "import builtins\nbuiltins.abs = lambda x: 0\nbuiltins.isinstance = "
    "lambda *a: True\nbuiltins.type = lambda *a: object\n" + ZEROS,
    "replaces grader helpers": "import grader.testing as t\nt.expect_array = lambda *a, **k: None\n"
    "import grader.runner as r\nr.run_test = lambda fn, s: (True, 'ok')\n" + ZEROS,
    "patches inside the call": "import numpy as np\ndef softmax(x, axis=-1):\n"
    "    import grader.testing as t, builtins\n    t.expect_array = lambda *a, **k: None\n"
    "    np.abs = lambda v: v * 0\n    return np.zeros_like(x)\n",
    "ndarray subclass with fake __eq__": "import numpy as np\nclass A(np.ndarray):\n"
    "    def __eq__(self, o): return np.ones(np.shape(self), bool)\n"
    "    def __sub__(self, o): return np.zeros(np.shape(self))\n"
    "def softmax(x, axis=-1):\n    return np.zeros(x.shape).view(A)\n",
    "object with fake __eq__ and __array__": "import numpy as np\nclass F:\n"
    "    def __eq__(self, o): return True\n    def __array__(self, *a, **k): return np.zeros(3)\n"
    "    shape = (3,)\ndef softmax(x, axis=-1):\n    return F()\n",
    "raises SystemExit": "import sys\ndef softmax(x, axis=-1):\n    sys.exit(0)\n",
    "exits at import": "import sys\nsys.exit(0)\n",
    "swaps a grader function's code": "import grader.testing as t\n"
    "def softmax(x, axis=-1):\n    t.expect_array.__code__ = (lambda *a, **k: None).__code__\n"
    "    return x\n",
    "installs a trace function": "import sys\ndef softmax(x, axis=-1):\n"
    "    sys.settrace(lambda *a: None)\n    return x\n",
    "replaces sys.modules entry": "import sys, types\nfake = types.ModuleType('numpy')\n"
    "fake.allclose = lambda *a, **k: True\nsys.modules['numpy'] = fake\n" + ZEROS,
    "imports ctypes": "import ctypes\n" + ZEROS,
    "raises KeyboardInterrupt-like BaseException": "def softmax(x, axis=-1):\n"
    "    raise GeneratorExit()\n",
}


@pytest.mark.parametrize("name", list(ATTACKS))
def test_attack_earns_nothing(grade, name):
    result = grade(ATTACKS[name])
    assert result["score"] == 0, (name, result)
    assert result["passed"] is False


@pytest.mark.parametrize("name", list(ATTACKS))
def test_attack_leaves_the_process_clean(grade, name):
    before_allclose, before_abs = np.allclose, builtins.abs
    grade(ATTACKS[name])
    assert np.allclose is before_allclose and builtins.abs is before_abs
    assert grader.testing.expect_array.__module__ == "grader.testing"
    assert grader.testing.expect_array.__code__.co_name == "expect_array"
    import sys

    assert sys.modules["numpy"] is np and sys.gettrace() is None
    # An honest solution graded afterwards still gets full marks.
    good = "import numpy as np\ndef softmax(x, axis=-1):\n    e = np.exp(x - x.max(axis=axis, keepdims=True))\n    return e / e.sum(axis=axis, keepdims=True)\n"
    assert grade(good)["passed"]


def test_tampering_in_a_destructor_voids_the_verdict(grade):
    # A change made after the guard's last restore (here: from __del__, run while the
    # tests compare) is caught by the final integrity check.
    code = """
import numpy as np, grader.testing as t
class Sneaky:
    def __del__(self):
        t.expect_array = lambda *a, **k: None
def softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
"""
    result = grade(code)
    assert result["passed"]  # honest functions still pass: the object is never collected late


def test_libraries_may_set_their_own_defaults(grade):
    # matplotlib does this while importing; only the grader's and numpy's functions are guarded.
    code = (
        "def helper(a=1):\n    return a\nhelper.__defaults__ = (2,)\n"
        "import numpy as np\ndef softmax(x, axis=-1):\n"
        "    e = np.exp(x - x.max(axis=axis, keepdims=True))\n"
        "    return e / e.sum(axis=axis, keepdims=True)\n"
    )
    assert grade(code)["passed"]


def test_grader_defaults_cannot_be_changed(grade):
    code = (
        "import grader.testing as t\n"
        "t.expect_array.__kwdefaults__ = {**t.expect_array.__kwdefaults__, 'atol': 1e9}\n"
    ) + ZEROS
    result = grade(code)
    assert result["score"] == 0 and "not allowed" in result["error"]["message"]
