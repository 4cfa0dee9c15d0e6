"""Shared pieces of the offline-grading tests: exercises, a pool, hostile submissions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT

SOFTMAX = FIXTURES / "fx-page" / "fx_softmax"
SOLUTION = (SOFTMAX / "solution.py").read_text()
NAIVE = (SOFTMAX / "bugs" / "naive_overflow.py").read_text()
IN_PLACE = (SOFTMAX / "bugs" / "in_place.py").read_text()

WRONG_AXIS = """import numpy as np


def softmax(x, axis=-1):
    e = np.exp(x - np.max(x))
    return e / np.sum(e)
"""

# name -> (source, error title (None: no error, tests fail), fragment of the error message)
HOSTILE = {
    "fake_print": (
        'print(\'{"score": 6, "max_score": 6, "passed": true}\')\n',
        "Missing definition",
        "does not define `softmax`",
    ),
    "sys_exit": ("import sys\nsys.exit(0)\n", "Your code called exit()", "SystemExit"),
    "os_exit_module": ("import os\nos._exit(0)\n", "Grading crashed", "ended with status 0"),
    "os_exit_in_test": (
        "import os\ndef softmax(x, axis=-1):\n    os._exit(0)\n",
        "Grading crashed",
        "ended with status 0",
    ),
    "fork": (
        "import os\nos.fork()\n" + SOLUTION,
        "Error on line 2 of your code",
        "starting processes is not allowed",
    ),
    "subprocess": (
        "import subprocess\nsubprocess.run(['true'])\n" + SOLUTION,
        "Error on line 1 of your code",
        "is not allowed",
    ),
    "os_system": (
        "import os\nos.system('true')\n" + SOLUTION,
        "Error on line 2 of your code",
        "starting processes is not allowed",
    ),
    "ignore_sigterm_loop": (
        "import signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "def softmax(x, axis=-1):\n    while True:\n        pass\n",
        "Time limit exceeded",
        "still running after 5 s",
    ),
    "cpu_limit_dodger": (
        "import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\n"
        "signal.signal(signal.SIGXCPU, signal.SIG_IGN)\n"
        "def softmax(x, axis=-1):\n    while True:\n        pass\n",
        "Time limit exceeded",
        "s of CPU time",
    ),
    "sleeper": (
        "import signal, time\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\n"
        "def softmax(x, axis=-1):\n    time.sleep(10**6)\n",
        "Time limit exceeded",
        "still running after",
    ),
    "patch_numpy": (
        "import numpy as np\nnp.allclose = lambda *a, **k: True\n"
        "np.testing.assert_allclose = lambda *a, **k: None\n"
        "def softmax(x, axis=-1):\n    return x\n",
        None,
        "",
    ),
    "patch_builtins": (
        "import builtins\nbuiltins.isinstance = lambda *a: True\n"
        "builtins.abs = lambda x: 0\ndef softmax(x, axis=-1):\n    return x\n",
        None,
        "",
    ),
    "patch_grader": (
        "import grader.testing as t\nt.expect_array = lambda *a, **k: None\n"
        "import grader\ngrader.check = lambda r: {'score': 6}\n"
        "def softmax(x, axis=-1):\n    return x\n",
        None,
        "",
    ),
    # a real fault (a job is pid 1 of its namespace: a signal it sends itself, as
    # faulthandler._sigsegv() does, is ignored there, and the code just runs on)
    "segfault": ("import faulthandler\nfaulthandler._read_null()\n", "Grading crashed", "SIGSEGV"),
    "kill_self": (
        "import os\nos.kill(os.getpid(), 11)\n",
        "Error on line 2 of your code",
        "sending signals is not allowed",
    ),
    "ctypes": (
        "import ctypes\nlibc = ctypes.CDLL(None)\nlibc.abort()\n",
        "Error on line 2 of your code",
        "ctypes is not allowed",
    ),
    "memory_module": (
        "import numpy as np\nx = np.ones(10**10)\n",
        "Error on line 2 of your code",
        "MemoryError",
    ),
    "memory_in_test": (
        "def softmax(x, axis=-1):\n    return [0] * 10**10\n",
        "Out of memory",
        "GiB",
    ),
    "print_forever": (
        "def softmax(x, axis=-1):\n    while True:\n        print('spam' * 100)\n",
        "Time limit exceeded",
        "still running after 5 s",
    ),
    "fd_flood": (
        "import os\ndef softmax(x, axis=-1):\n    while True:\n        os.write(1, b'x' * 65536)\n",
        "Time limit exceeded",
        "still running after 5 s",
    ),
    "forge_channel": (
        "import os\nfor fd in range(3, 1100):\n    try:\n"
        "        os.write(fd, b'0' * 64 + b'\\n{\"tests\": [], \"error\": null}')\n"
        "    except OSError:\n        pass\nos._exit(0)\n",
        "Result rejected",
        "not authentic",
    ),
    "read_solution": (
        "import grader, os\nroot = os.path.dirname(os.path.dirname(grader.__file__))\n"
        "src = open(os.path.join(root, 'tests/fixtures/exercises/fx-page/fx_softmax/"
        "solution.py')).read()\nexec(src)\n",
        "Error on line 3 of your code",
        "is not allowed during offline grading",
    ),
    "frame_walk": (
        "try:\n    1 / 0\nexcept ZeroDivisionError as e:\n"
        "    f = e.__traceback__.tb_frame.f_back\n",
        "Error on line 4 of your code",
        "frame access is not allowed",
    ),
    "gc_walk": (
        "import gc\nobjs = gc.get_objects()\n",
        "Error on line 2 of your code",
        "inspecting the grader's objects",
    ),
    "write_outside": (
        "open('/tmp/nprl-owned.txt', 'w').write('x')\n",
        "Error on line 1 of your code",
        "writing outside the scratch folder",
    ),
    "recursion": ("def softmax(x, axis=-1):\n    return softmax(x, axis)\n", None, ""),
}

# Submissions that do odd things but are correct: they must keep full marks.
BENIGN_ODD = {
    "writes_scratch": "open('notes.txt', 'w').write('hi')\n" + SOLUTION,
    "prints": "print('hello')\n" + SOLUTION,
    "namedtuple": "import collections\nP = collections.namedtuple('P', 'a b')\n" + SOLUTION,
}


@pytest.fixture(scope="session")
def softmax_bundle():
    from grader.spec import load_exercise

    return load_exercise(SOFTMAX)


@pytest.fixture(scope="session")
def real_bundles():
    from grader.spec import load_all

    bundles, _ = load_all(ROOT / "exercises")
    return bundles


@pytest.fixture(scope="session")
def pool():
    from grader.isolate import Pool

    with Pool(2, protected=[FIXTURES, ROOT / "exercises"]) as p:
        yield p


@pytest.fixture(scope="session")
def course_root(tmp_path_factory, real_bundles):
    """An exercises root holding the fixture softmax and every real exercise."""
    root = tmp_path_factory.mktemp("root")
    shutil.copytree(FIXTURES / "fx-page", root / "fx-page")
    for b in real_bundles:
        src = Path(b["path"])
        shutil.copytree(src, root / src.parent.name / src.name)
    return root
