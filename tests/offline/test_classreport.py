"""The class report (grader/classreport.py, `python -m grader report`): real HTML content."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from grader.classreport import exercise_stats, page_name, read_results, write_report
from tests.conftest import FIXTURES, ROOT
from tests.offline.conftest import IN_PLACE, NAIVE, SOLUTION, WRONG_AXIS


class Page(HTMLParser):
    """Tags with attributes, visible text, and the rows of every table."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)

    def all(self, tag):
        return [a for t, a in self.tags if t == tag]

    @property
    def body(self) -> str:
        return " ".join(" ".join(self.text).split())


def _rec(student, exercise, tests, *, error=None, max_score=None):
    """A results.jsonl record whose score follows from its tests."""
    pts = [(name, p, ok, msg) for name, p, ok, msg in tests]
    score = 0 if error else sum(p for _, p, ok, _ in pts if ok)
    return {"student": student, "exercise": exercise, "file": f"c/{student}.py", "score": score,
            "max_score": max_score or sum(p for _, p, _, _ in pts),
            "passed": error is None and all(ok for _, _, ok, _ in pts),
            "tests": [{"name": n, "points": p, "passed": ok, "message": m, "description": ""}
                      for n, p, ok, m in pts],
            "error": error, "stdout": "", "browser": None}  # fmt: skip


def _class() -> list[dict]:
    """10 students x 2 exercises with known outcomes."""
    recs = []
    for i in range(10):
        s = f"secret-name-{i}"
        if i < 2:  # pass 'easy'... 8 of 10 pass it
            easy = [("e1", 2, False, f"got {i}.5, expected 1.0")]
        else:
            easy = [("e1", 2, True, "Passed.")]
        recs.append(_rec(s, "easy", easy))
        if i < 3:
            hard = [("h1", 1, True, "Passed."), ("h2", 3, True, "Passed.")]
        elif i < 7:  # the misconception: 4 students, same message up to numbers
            hard = [("h1", 1, True, "Passed."),
                    ("h2", 3, False, f"row sums are {i}.{i}, expected 1: normalise <axis>")]  # fmt: skip
        elif i < 9:
            hard = [("h1", 1, False, "<script>alert(1)</script> shape (2,) expected"),
                    ("h2", 3, False, "Not compared")]  # fmt: skip
        else:
            hard = [("h1", 1, False, "Not run: time"), ("h2", 3, False, "Not run: time")]
        err = {"title": "Time limit exceeded", "message": "still running after 5 s"} if i == 9 \
            else None  # fmt: skip
        recs.append(_rec(s, "hard", hard, error=err))
    return recs


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    written = write_report(out, _class(), order=["easy", "hard"],
                           titles={"easy": "An easy one", "hard": "A hard one"},
                           sources=["grades/results.jsonl"])  # fmt: skip
    return out, written


def test_stats_count_each_student_once_under_the_first_failed_test():
    stats = exercise_stats([r for r in _class() if r["exercise"] == "hard"])
    assert (stats["graded"], stats["passed"]) == (10, 3)
    top = stats["failures"][0]
    assert (top["test"], top["count"]) == ("h2", 4)
    assert top["example"] == "row sums are 3.3, expected 1: normalise <axis>"  # first by name
    assert stats["failures"][1]["test"] == "h1" and stats["failures"][1]["count"] == 2
    assert stats["errors"] == [{"title": "Time limit exceeded", "count": 1,
                                "example": "still running after 5 s"}]  # fmt: skip
    # A submission stopped by an error does not count in the per-test rates.
    rates = {t["name"]: (t["failed"], t["ran"]) for t in stats["tests"]}
    assert rates == {"h1": (2, 9), "h2": (6, 9)}


def test_index_puts_the_hardest_exercise_first_and_says_why(report):
    out, written = report
    assert sorted(p.name for p in out.iterdir()) == ["ex-easy.html", "ex-hard.html", "index.html"]
    page = Page((out / "index.html").read_text(encoding="utf-8"))
    body = page.body
    hardest = body[body.index("Hardest exercises") : body.index("Every exercise")]
    assert hardest.startswith("Hardest exercises hard : 30% passed, mean score 40%.")
    assert (
        "Most frequent failure: 4 x h2: row sums are 3.3, expected 1: normalise <axis>" in hardest
    )
    table = page.tables[0]
    assert table[0] == ["Exercise", "Title", "Graded", "Passed", "Mean score",
                        "Most frequent failure"]  # fmt: skip
    assert [r[:5] for r in table[1:]] == [["easy", "An easy one", "10", "80%", "80%"],
                                         ["hard", "A hard one", "10", "30%", "40%"]]  # fmt: skip
    assert "10 student(s), 20 graded submission(s) of 2 exercise(s)" in body
    links = {a["href"] for a in page.all("a")}
    assert links == {"#main", "ex-easy.html", "ex-hard.html"}


def test_exercise_page_shows_the_misconception_and_distribution(report):
    out, _ = report
    page = Page((out / "ex-hard.html").read_text(encoding="utf-8"))
    body = page.body
    assert "4 of 10 (40%) first fail h2 with this message" in body
    assert "Most failed test h2 : 6 of 9 (67%)" in body
    errors, scores, tests = page.tables
    assert errors[1][:3] == ["Time limit exceeded", "1", "10%"]
    # Scores 0..4, one bin per point: 1 (timeout) + 2 (h1 failed) at 0, 4 at 1, 3 at 4.
    assert scores[1:] == [["0", "3"], ["1", "4"], ["2", "0"], ["3", "0"], ["4", "3"]]
    assert [r[0] for r in tests[1:]] == ["h1", "h2"] and tests[2][3:] == ["6 of 9", "67%"]


def test_pages_are_static_accessible_and_name_no_student(report):
    out, _ = report
    for path in out.iterdir():
        text = path.read_text(encoding="utf-8")
        page = Page(text)
        assert page.all("html")[0].get("lang") == "en"
        csp = [m for m in page.all("meta") if m.get("http-equiv") == "Content-Security-Policy"]
        assert csp and "default-src 'none'" in csp[0]["content"]
        assert not page.all("script") and not page.all("link") and "<script" not in text
        assert "secret-name" not in text and "http://" not in text and "https://" not in text
        assert page.all("main") and len(page.all("h1")) == 1
        for img in page.all("img"):
            assert len(img["alt"]) > 40, img["alt"]
            assert img["src"].startswith("data:image/svg+xml;base64,")
            svg = base64.b64decode(img["src"].split(",", 1)[1]).decode("utf-8")
            assert "<svg" in svg and "<script" not in svg
        assert all(th.get("scope") in ("col", "row") for th in page.all("th"))
        assert page.all("img"), f"{path.name}: no plot"


def test_report_is_deterministic(report, tmp_path):
    out, _ = report
    write_report(tmp_path, _class(), order=["easy", "hard"],
                 titles={"easy": "An easy one", "hard": "A hard one"},
                 sources=["grades/results.jsonl"])  # fmt: skip
    for path in out.iterdir():
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_bad_lines_are_named_and_the_rest_is_reported(tmp_path):
    good = [json.dumps(r) for r in _class()[:4]]
    bad = good + ["{not json", json.dumps({**_class()[0], "student": "x", "score": 99}),
                  json.dumps({**_class()[0], "student": "y", "passed": None}), "[]"]  # fmt: skip
    path = tmp_path / "results.jsonl"
    path.write_text("\n".join(bad) + "\n")
    records, warnings = read_results([path])
    assert len(records) == 4
    assert [w.split(": ")[1] for w in warnings] == ["line 5", "line 6", "line 7", "line 8"]
    assert "key 'score': expected a number from 0 to max_score, got 99" in warnings[1]
    proc = subprocess.run([sys.executable, "-m", "grader", "report", str(path), "--out",
                           str(tmp_path / "r")], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)  # fmt: skip
    assert proc.returncode == 2 and proc.stderr.count("warning: ") == 4, proc.stderr
    assert (tmp_path / "r" / "index.html").is_file()


def test_page_names_are_safe_and_distinct():
    assert page_name("softmax") == "ex-softmax.html"
    odd = [page_name("../x"), page_name(".._x"), page_name("a b")]
    assert len(set(odd)) == 3 and all("/" not in n and n.startswith("ex-") for n in odd)


def test_report_of_a_graded_class(tmp_path):
    """Grade real submissions of the fixture softmax, then report: the naive version's
    overflow is the most frequent failure."""
    cls = tmp_path / "class"
    cls.mkdir()
    codes = [SOLUTION] * 2 + [NAIVE] * 3 + [IN_PLACE] + [WRONG_AXIS] + ["def softmax(x:\n"]
    for i, code in enumerate(codes):
        (cls / f"s{i}.py").write_text(code)
    grades, report = tmp_path / "grades", tmp_path / "report"
    run = [sys.executable, "-m", "grader"]
    proc = subprocess.run(run + ["grade", str(cls), "--exercise", "fx_softmax", "--root",
                                 str(FIXTURES), "--out", str(grades), "--sandbox", "none",
                                 "-j", "2", "--no-progress"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    proc = subprocess.run(run + ["report", str(grades / "results.jsonl"), "--out", str(report),
                                 "--root", str(FIXTURES)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    body = Page((report / "ex-fx_softmax.html").read_text(encoding="utf-8")).body
    assert "Softmax (test fixture) (fx_softmax)" in body
    assert "Passed 2 (25%)" in body
    assert "3 of 8 (38%) first fail large_values" in body
    assert "Your code does not parse" in body
