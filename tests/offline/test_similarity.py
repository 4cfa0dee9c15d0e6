"""The similarity report (grader/similarity.py, `python -m grader similarity`)."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from tests.conftest import FIXTURES, ROOT
from tests.offline.conftest import SOLUTION

pytest.importorskip(
    "copydetect", reason="needs the similarity extra: pip install -e '.[similarity]'"
)

STARTER = (FIXTURES / "fx-page" / "fx_softmax" / "starter.py").read_text()

# Six softmax functions written independently (different structure each).
INDEPENDENT = [
    "import numpy as np\n\n\ndef softmax(x, axis=-1):\n"
    "    shifted = x - x.max(axis=axis, keepdims=True)\n    ex = np.exp(shifted)\n"
    "    return ex / ex.sum(axis=axis, keepdims=True)\n",
    "import numpy as np\n\ndef softmax(x, axis=-1):\n    m = np.amax(x, axis, keepdims=True)\n"
    "    num = np.exp(x - m)\n    den = np.sum(num, axis, keepdims=True)\n    out = num / den\n"
    "    return out\n",
    "import numpy as np\n\n\ndef softmax(x, axis=-1):\n    x = np.asarray(x, dtype=float)\n"
    "    e = np.exp(x - np.max(x, axis=axis, keepdims=True))\n"
    "    total = e.sum(axis=axis, keepdims=True)\n    return e / total\n",
    "import numpy as np\n\n\ndef _stable(v, ax):\n    return v - np.max(v, axis=ax, keepdims=True)\n"
    "\n\ndef softmax(x, axis=-1):\n    z = np.exp(_stable(x, axis))\n"
    "    return z / np.sum(z, axis=axis, keepdims=True)\n",
    "import numpy as np\n\n\ndef softmax(x, axis=-1):\n    logits = np.moveaxis(x, axis, -1)\n"
    "    logits = logits - logits.max(-1)[..., None]\n    p = np.exp(logits)\n"
    "    p /= p.sum(-1)[..., None]\n    return np.moveaxis(p, -1, axis)\n",
    "import numpy as np\n\n\ndef softmax(x, axis=-1):\n"
    "    lse = np.log(np.sum(np.exp(x - x.max(axis=axis, keepdims=True)), axis=axis, "
    "keepdims=True))\n    return np.exp(x - x.max(axis=axis, keepdims=True) - lse)\n",
]
ORIGINAL = """import numpy as np


def softmax(x, axis=-1):
    # keep the largest value at zero so exp cannot overflow </pre><script>alert(1)</script>
    biggest = np.max(x, axis=axis, keepdims=True)
    exps = np.exp(x - biggest)
    for _ in range(1):
        norm = np.sum(exps, axis=axis, keepdims=True)
        while norm.ndim < exps.ndim:
            norm = np.expand_dims(norm, 0)
    result = exps / norm
    assert np.all(np.isfinite(result)), "softmax produced a non-finite value"
    return result
"""
# The same program with its names, comments, strings and spacing changed.
COPY = """import numpy as np

def softmax(x, axis=-1):
    top = np.max(x, axis=axis, keepdims=True)   # stability
    e = np.exp(x - top)
    for i in range(1):
        s = np.sum(e, axis=axis, keepdims=True)
        while s.ndim < e.ndim:
            s = np.expand_dims(s, 0)
    p = e / s
    assert np.all(np.isfinite(p)), "bad value in softmax"
    return p
"""
# Code the course hands out (e.g. from a lecture); two students paste it with a tweak.
HANDOUT = """import numpy as np


def row_normalise(m):
    totals = np.sum(m, axis=-1, keepdims=True)
    safe = np.where(totals == 0, 1.0, totals)
    return m / safe


def clip_logits(z, bound=50.0):
    return np.clip(z, -bound, bound)
"""
HANDOUT_USE = HANDOUT + "\n\ndef softmax(x, axis=-1):\n    return row_normalise(np.exp(x{}))\n"


class Page(HTMLParser):
    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.tags, self.text, self.marks, self._in_mark = [], [], [], False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_mark = tag == "mark" or self._in_mark

    def handle_endtag(self, tag):
        if tag == "mark":
            self._in_mark = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_mark:
            self.marks.append(data)

    @property
    def body(self):
        return " ".join(" ".join(self.text).split())


def _class(folder, extra=()):
    folder.mkdir()
    files = {f"indep{i}": c for i, c in enumerate(INDEPENDENT)}
    files.update({f"canon{i}": f"# student {i}\n" + SOLUTION for i in range(6)})
    files.update({"ada": ORIGINAL, "bob": COPY, "lazy1": STARTER, "lazy2": STARTER})
    files.update({"hana": HANDOUT_USE.format(""), "ivo": HANDOUT_USE.format(" - 0")})
    files.update(dict(extra))
    for name, code in files.items():
        (folder / f"{name}.py").write_text(code)
    return folder


def _similarity(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "grader", "similarity", *map(str, args)],
                          cwd=cwd, capture_output=True, text=True, timeout=300)  # fmt: skip


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sim")
    cls = _class(tmp / "class", {"=cmd|' -C calc'!A0": COPY})
    handout = tmp / "handout.py"
    handout.write_text(HANDOUT)
    out = tmp / "report"
    proc = _similarity(cls, "--exercise", "fx_softmax", "--root", FIXTURES, "--out", out,
                       "--boilerplate", handout)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return tmp, cls, out, proc.stdout


def test_only_the_copied_programs_are_flagged(report):
    _, _, out, stdout = report
    rows = list(csv.DictReader(io.StringIO((out / "pairs.csv").read_text(encoding="utf-8"))))
    pairs = {frozenset((r["student_a"], r["student_b"])) for r in rows}
    # ada, bob and the student who also pasted bob's code; never the independent solutions,
    # the six reference-like ones (common to many), the unchanged starters or the handout.
    formula = "'=cmd|' -C calc'!A0"  # written as text, not as a formula
    assert pairs == {frozenset(p) for p in (("ada", "bob"), ("ada", formula), ("bob", formula))}
    assert all(float(r["similarity"]) > 0.9 for r in rows), rows
    assert stdout.startswith("3 pair(s) flagged over 1 exercise(s)")


def test_the_handout_is_flagged_when_not_declared(tmp_path):
    cls = _class(tmp_path / "class")
    out = tmp_path / "report"
    proc = _similarity(cls, "--exercise", "fx_softmax", "--root", FIXTURES, "--out", out)
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO((out / "pairs.csv").read_text())))
    assert {(r["student_a"], r["student_b"]) for r in rows} == {("ada", "bob"), ("hana", "ivo")}


def test_index_says_it_flags_and_never_accuses(report):
    _, _, out, _ = report
    text = (out / "index.html").read_text(encoding="utf-8")
    page = Page(text)
    assert "Flags, not accusations." in page.body
    assert "It does not say that anyone copied." in page.body
    counts = re.search(r"(\d+) submission\(s\), (\d+) with enough code of their own to "
                       r"compare; a passage in more than 5 is common; 3 pair\(s\) flagged",
                       page.body)  # fmt: skip
    assert counts, page.body
    # 19 in all; the starters, the handout users and the six common solutions drop out.
    assert int(counts[1]) == 19 and 3 <= int(counts[2]) <= 19 - 10, counts[0]
    links = [a["href"] for t, a in page.tags if t == "a"]
    assert links == ["pairs/fx_softmax-1.html", "pairs/fx_softmax-2.html",
                     "pairs/fx_softmax-3.html"]  # fmt: skip
    assert not [t for t, _ in page.tags if t in ("script", "link", "img")]


def test_pair_page_shows_both_programs_with_the_shared_passages_marked(report):
    _, _, out, _ = report
    rows = list(csv.DictReader(io.StringIO((out / "pairs.csv").read_text(encoding="utf-8"))))
    n = next(int(r["rank"]) for r in rows if {r["student_a"], r["student_b"]} == {"ada", "bob"})
    text = (out / "pairs" / f"fx_softmax-{n}.html").read_text(encoding="utf-8")
    page = Page(text)
    assert "fx_softmax: ada and bob" in page.body and "Flags, not accusations." in page.body
    pres = text.split("<pre>")[1:]
    assert len(pres) == 2
    # The student's code is shown as text, never as markup.
    assert "&lt;/pre&gt;&lt;script&gt;" in pres[0] and "<script" not in text
    marked = " ".join(page.marks)
    for line in ("exps = np.exp(x - biggest)", "s = np.expand_dims(s, 0)", "return p"):
        assert line in marked, line
    csp = [a for t, a in page.tags if t == "meta" and a.get("http-equiv")]
    assert csp and csp[0]["content"].startswith("default-src 'none'")


def test_report_is_the_same_on_every_run(report):
    tmp, cls, out, _ = report
    again = tmp / "again"
    proc = _similarity(cls, "--exercise", "fx_softmax", "--root", FIXTURES, "--out", again,
                       "--boilerplate", tmp / "handout.py")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    files = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    for rel in files:
        assert (again / rel).read_bytes() == (out / rel).read_bytes(), rel


def test_the_starter_is_ignored(tmp_path):
    """A debug exercise's long starter: two students who each fix a line are not flagged."""
    import shutil

    root = tmp_path / "root"
    shutil.copytree(FIXTURES / "fx-page", root / "fx-page")
    (root / "fx-page" / "fx_softmax" / "starter.py").write_text(ORIGINAL)
    cls = tmp_path / "class"
    cls.mkdir()
    fixes = {"ann": ("range(1)", "range(2)"), "ben": ("exps / norm", "exps / norm.sum(-1)")}
    for name, (old, new) in fixes.items():
        (cls / f"{name}.py").write_text(ORIGINAL.replace(old, new))
    proc = _similarity(cls, "--exercise", "fx_softmax", "--root", root, "--out", tmp_path / "r")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "r" / "pairs.csv").read_text().count("\n") == 1  # the header only
    from grader.similarity import similar_pairs

    subs = [{"student": n, "file": "", "code": ORIGINAL.replace(*f)} for n, f in fixes.items()]
    assert len(similar_pairs(subs, [])["pairs"]) == 1  # the same two, had it not been ignored


def test_common_passages_count_as_boilerplate():
    from grader.similarity import similar_pairs

    subs = [{"student": f"s{i}", "file": "", "code": f"# {i}\n" + SOLUTION} for i in range(4)]
    # Four identical solutions: above the default limit of 5 they would be common; here not.
    assert len(similar_pairs(subs, [STARTER])["pairs"]) == 6
    assert similar_pairs(subs, [STARTER], common=3)["pairs"] == []


@pytest.mark.parametrize(
    "args, message",
    [(["--threshold", "2"], "--threshold must be from 0 to 1"),
     (["--boilerplate", "missing.py"], "missing.py: no such file")],
)  # fmt: skip
def test_bad_options_are_one_line_errors(tmp_path, args, message):
    cls = _class(tmp_path / "class")
    proc = _similarity(cls, "--exercise", "fx_softmax", "--root", FIXTURES, "--out",
                       tmp_path / "r", *args)  # fmt: skip
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: ") and message in proc.stderr
    assert proc.stderr.count("\n") == 1, proc.stderr


def test_page_code_is_course_material(tmp_path):
    from grader.similarity import page_code

    (tmp_path / "notebooks").mkdir()
    (tmp_path / "p1.md").write_text("Text\n\n```python\nx = 1\n```\n\n```output\n1\n```\n"
                                    "```python title\ny = 2\n```\n")  # fmt: skip
    (tmp_path / "notebooks" / "p1.py").write_text("# %%\nz = 3\n")
    assert page_code(tmp_path, "p1") == ["x = 1\n", "y = 2\n", "# %%\nz = 3\n"]
    assert page_code(tmp_path, "p2") == [] and page_code(None, "p1") == []
