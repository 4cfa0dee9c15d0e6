"""The guard watches every loaded NumPy and standard-library module, not a fixed list.

Each attack below is a *correct* softmax plus a patch of one module the old fixed list left
out: the patch must be undone before the grader looks at anything, and the verdict must be
void with the message students see. Honest code that imports and uses the standard library,
or defines whatever it likes in its own namespace, must be unaffected.
"""

import functools
import importlib
import sys

import numpy as np
import pytest

from grader import guard

SOFTMAX = (
    "def softmax(x, axis=-1):\n"
    "    e = np.exp(x - x.max(axis=axis, keepdims=True))\n"
    "    return e / e.sum(axis=axis, keepdims=True)\n"
)


def _attr(path: str):
    """The object at 'module:attr.attr' (imports the module)."""
    module, _, attrs = path.partition(":")
    return functools.reduce(getattr, attrs.split("."), importlib.import_module(module))


# name -> (the object the patch replaces, student code)
PATCHES = {
    "numpy._core._methods._all": (
        "numpy._core._methods:_all",
        "import numpy as np, numpy._core._methods as m\nm._all = lambda *a, **k: True\n",
    ),
    "numpy._core._methods._any (inside the call)": (
        "numpy._core._methods:_any",
        "import numpy as np\ndef helper():\n    import numpy._core._methods as m\n"
        "    m._any = lambda *a, **k: False\n",
    ),
    "numpy._core.numeric.isclose": (
        "numpy._core.numeric:isclose",
        "import numpy as np, numpy._core.numeric as n\n"
        "n.isclose = lambda *a, **k: np.ones(np.shape(a[0]), bool)\n",
    ),
    "numpy.testing.assert_allclose": (
        "numpy.testing:assert_allclose",
        "import numpy as np, numpy.testing\nnumpy.testing.assert_allclose = lambda *a, **k: None\n",
    ),
    "json.dumps": ("json:dumps", "import numpy as np, json\njson.dumps = lambda *a, **k: '{}'\n"),
    "json.JSONEncoder.encode (a class)": (
        "json:JSONEncoder.encode",
        "import numpy as np, json\njson.JSONEncoder.encode = lambda self, o: '{}'\n",
    ),
    "functools.reduce through vars()": (
        "functools:reduce",
        "import numpy as np, functools\nvars(functools)['reduce'] = lambda f, xs, *i: 0\n",
    ),
    "json.loads through a function's __globals__": (
        "json:loads",
        "import numpy as np, json\njson.dumps.__globals__['loads'] = lambda s, **k: {}\n",
    ),
    "operator.eq": (
        "operator:eq",
        "import numpy as np, operator\noperator.eq = lambda a, b: True\n",
    ),
    "copy.deepcopy": (
        "copy:deepcopy",
        "import numpy as np, copy\ncopy.deepcopy = lambda x, *m: x\n",
    ),
    "math.isclose": (
        "math:isclose",
        "import numpy as np, math\nmath.isclose = lambda *a, **k: True\n",
    ),
    "a new name in numpy that shadows a builtin": (
        "builtins:abs",
        "import numpy as np, numpy._core.numeric as n\nn.abs = lambda x: 0\n",
    ),
    "itertools and operator, which a restore could use": (
        "numpy._core._methods:_all",
        "import numpy as np, itertools, operator, types, numpy._core._methods as m\n"
        "m._all = lambda *a, **k: True\nitertools.chain = None\noperator.is_ = lambda a, b: True\n"
        "types.ModuleType = object\n",
    ),
    "sys.modules['json']": (
        "json:",
        "import numpy as np, sys, types\nsys.modules['json'] = types.ModuleType('json')\n",
    ),
}


def _patched(code: str) -> str:
    # A call of helper() inside softmax runs the patch during a call, not at import.
    body = (
        SOFTMAX.replace("    e = ", "    helper()\n    e = ") if "def helper" in code else SOFTMAX
    )
    return code + body


@pytest.mark.parametrize("name", list(PATCHES))
def test_a_patch_is_undone_and_voids_the_verdict(grade, name):
    target, code = PATCHES[name]
    original = _attr(target) if not target.endswith(":") else sys.modules[target[:-1]]
    result = grade(_patched(code))
    assert result["error"] is not None, (name, result)
    assert result["error"]["title"] == "Grader modified", (name, result["error"])
    assert result["error"]["message"] == (
        "Your code changed NumPy, the standard library, builtins or the grader while it was "
        "being checked, "
        "so no points can be given."
    )
    assert result["score"] == 0 and result["passed"] is False
    now = _attr(target) if not target.endswith(":") else sys.modules[target[:-1]]
    assert now is original, f"{name}: still patched after the check ({now!r})"
    assert not hasattr(np._core.numeric, "abs")
    # The next honest check is unaffected.
    assert grade("import numpy as np\n" + SOFTMAX)["passed"]


def test_a_patch_of_a_module_only_the_tests_import_is_undone(grade, softmax_bundle):
    bundle = dict(softmax_bundle)
    bundle["tests"] = softmax_bundle["tests"].replace(
        "import numpy as np\n", "import numpy as np\nimport colorsys\n", 1
    ) + (
        "\n\n@test_case(points=1)\ndef uses_colorsys(student):\n"
        "    expect_array(np.array(colorsys.rgb_to_hsv(1.0, 0.0, 0.0)), np.array([0.0, 1.0, 1.0]),"
        " name='rgb_to_hsv')\n"
    )
    assert grade("import numpy as np\n" + SOFTMAX, bundle)["passed"]
    original = sys.modules["colorsys"].rgb_to_hsv
    code = "import numpy as np, colorsys\ncolorsys.rgb_to_hsv = lambda *a: (0.0, 1.0, 1.0)\n"
    result = grade(code + SOFTMAX, bundle)
    assert result["error"]["title"] == "Grader modified", result["error"]
    assert sys.modules["colorsys"].rgb_to_hsv is original


def test_a_module_the_student_imports_first_is_watched_from_its_import(
    grade, softmax_bundle, monkeypatch
):
    # The tests import the module only inside a test, after the student's code ran.
    monkeypatch.delitem(sys.modules, "colorsys", raising=False)
    bundle = dict(softmax_bundle)
    bundle["tests"] = softmax_bundle["tests"] + (
        "\n\n@test_case(points=1)\ndef late_import(student):\n    import colorsys\n"
        "    expect_array(np.array(colorsys.rgb_to_hsv(1.0, 0.0, 0.0)), np.array([0.0, 1.0, 1.0]),"
        " name='rgb_to_hsv')\n"
    )
    code = "import numpy as np, colorsys\ncolorsys.rgb_to_hsv = lambda *a: (0.0, 1.0, 1.0)\n"
    result = grade(code + SOFTMAX, bundle)
    assert result["error"]["title"] == "Grader modified", result["error"]
    assert "colorsys.rgb_to_hsv" in guard.baseline().changes
    assert sys.modules["colorsys"].rgb_to_hsv.__module__ == "colorsys"


def test_a_stdlib_name_from_the_students_folder_is_refused(grade, tmp_path, monkeypatch):
    monkeypatch.delitem(sys.modules, "colorsys", raising=False)
    (tmp_path / "colorsys.py").write_text("def rgb_to_hsv(*a):\n    return (0, 1, 1)\n")
    code = (
        f"import sys\nsys.path.insert(0, {str(tmp_path)!r})\nimport colorsys\n"
        "import numpy as np\n" + SOFTMAX
    )
    result = grade(code)
    assert result["score"] == 0
    assert result["error"]["title"] == "Not allowed", result["error"]
    assert "'colorsys' must come from Python or NumPy itself" in result["error"]["message"]
    assert str(tmp_path) not in sys.path


HONEST = """
import collections
import functools
import itertools
import math
import statistics

import numpy as np

_calls = collections.Counter()
json = {"not": "the module"}  # the student's namespace is theirs
copy = 3


class Shift:
    def __init__(self, axis):
        self.axis = axis

    def __call__(self, x):
        return x - x.max(axis=self.axis, keepdims=True)


@functools.lru_cache(maxsize=None)
def _unused(n):
    return math.prod(range(1, n + 1)) + statistics.mean([1, 2, 3])


def softmax(x, axis=-1):
    global copy
    copy += 1
    _calls[axis] += 1
    e = np.exp(Shift(axis)(x))
    total = functools.reduce(lambda a, b: a + b, itertools.repeat(0.0, 2), 0.0)
    return e / (e.sum(axis=axis, keepdims=True) + total)
"""


def test_an_honest_solution_using_the_standard_library_passes(grade):
    result = grade(HONEST)
    assert result["passed"], result
    assert result["error"] is None
    assert guard.baseline().changes == []


def test_tests_may_wrap_a_library_function_around_a_call(grade, softmax_bundle):
    # As tanh's tests do to see whether student code calls np.tanh: the wrapper is the
    # tests', so neither putting it in nor taking it out voids the verdict.
    bundle = dict(softmax_bundle)
    bundle["tests"] = softmax_bundle["tests"] + (
        "\n\n@test_case(points=1)\ndef no_library_exp(student):\n"
        "    used, original = [], np.exp\n"
        "    def watched(*a, **k):\n        used.append(1)\n        return original(*a, **k)\n"
        "    np.exp = watched\n    try:\n        student.softmax(np.ones(3))\n"
        "    finally:\n        np.exp = original\n"
        "    expect_array(np.array(len(used)), np.array(1), name='calls of np.exp')\n"
    )
    result = grade("import numpy as np\n" + SOFTMAX, bundle)
    assert result["passed"], result
    # A student who takes the tests' wrapper out during the call is caught.
    sneaky = SOFTMAX.replace("    e = ", "    np.exp = np._core.umath.exp\n    e = ")
    result = grade("import numpy as np\n" + sneaky, bundle)
    assert result["error"]["title"] == "Grader modified", result["error"]


def test_gc_introspection_is_refused_in_student_code(grade):
    result = grade("import gc\ngc.get_objects()\nimport numpy as np\n" + SOFTMAX)
    assert result["error"]["title"] == "Error on line 2 of your code", result["error"]
    assert "inspecting the grader's objects is not allowed" in result["error"]["message"]


def test_replacing_builtins_the_restore_uses_does_not_blind_it(grade):
    code = (
        "import builtins\nbuiltins.all = lambda *a: True\nbuiltins.len = lambda x: 0\n"
        "import numpy as np\n" + SOFTMAX
    )
    import builtins

    originals = builtins.all, builtins.len
    result = grade(code)
    assert result["error"]["title"] == "Grader modified"
    assert (builtins.all, builtins.len) == originals


def test_every_loaded_numpy_and_stdlib_module_is_watched():
    snap = guard.baseline()
    snap.mark_session()
    watched = {id(m) for m in snap._names.values()}
    for name, module in list(sys.modules.items()):
        top = name.partition(".")[0]
        if name != "sys" and (top == "numpy" or top in sys.stdlib_module_names):
            if type(module) is type(sys):
                assert id(module) in watched, f"{name} is not watched"


@pytest.mark.parametrize("new_size", [1, 3, 6])  # shrinks, same size, grows
def test_a_pass_refreshed_in_place_finds_what_a_rebuilt_one_finds(new_size):
    """Between checks the grader itself changes a few namespaces (warnings, threading); the
    guard takes their new values into its passes in place instead of rebuilding them. After
    that, a change anywhere (before, in or after the refreshed namespace) must still be found
    in the right namespace, exactly as by a pass built from scratch."""
    spaces = [{f"k{i}{j}": object() for j in range(3)} for i in range(4)]
    saved = [dict(s) for s in spaces]
    end = {0: object()}
    views = [s.values() for s in spaces]
    indexes = [0, 1, 2, 3]
    p = guard._Pass(indexes, views, saved, end)
    spaces[1].clear()
    spaces[1].update({f"n{j}": object() for j in range(new_size)})
    saved[1] = dict(spaces[1])
    assert p.refresh(1, list(saved[1].values()))
    assert not p.refresh(7, [])  # a namespace the pass does not hold
    same = guard.Baseline._same.__get__(type("B", (), {"_maps": spaces, "_saved": saved})())
    assert p.clean(), "the refreshed pass reports a change nobody made"
    for victim in indexes:
        key = next(iter(spaces[victim]))
        old = spaces[victim][key]
        spaces[victim][key] = object()
        fresh = guard._Pass(indexes, views, saved, end)
        assert not p.clean() and not fresh.clean()
        found, expected = p.changed(same), fresh.changed(same)
        assert found == expected == [victim], f"expected [{victim}], got {found} (fresh {expected})"
        spaces[victim][key] = old
    assert p.clean()
