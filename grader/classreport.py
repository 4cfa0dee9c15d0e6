"""The class report: from results.jsonl, one HTML page for the class and one per exercise.

`python -m grader report RESULTS.jsonl... --out DIR [--root exercises]` writes
`DIR/index.html` (every exercise's pass rate and mean score, the hardest exercises first
with their most frequent failure) and `DIR/<exercise>.html` (score distribution, the most
frequent failing tests with an example message: the common misconception, errors by kind,
each test's failure rate). Pages are static and self-contained: CSS inline, plots as SVG
data URIs (matplotlib, imported inside a function), no script, no network, a content
security policy that forbids loading anything. Student names never appear; each plot has a
text alternative and the same numbers in a table. Output is deterministic.
"""

from __future__ import annotations

import html
import math
import os
import re

from .reports import merge, total_score

HARDEST = 5  # at most this many exercises (and a third of them) in "Hardest exercises"
TOP_FAILURES = 5  # failure groups listed per exercise


class ResultsError(ValueError):
    """A results line that cannot be used (the message names the file and line)."""


def _is_number(x) -> bool:
    return type(x) in (int, float) and math.isfinite(x)


def check_record(row) -> str | None:
    """Why a results.jsonl row cannot be reported on, or None if it can."""
    if type(row) is not dict:
        return f"expected an object, got {type(row).__name__}"
    for key, kind in (("student", str), ("exercise", str), ("passed", bool)):
        if type(row.get(key)) is not kind:
            return f"key {key!r}: expected a {kind.__name__}, got {row.get(key)!r:.60}"
    if not _is_number(row.get("max_score")) or row["max_score"] < 0:
        return f"key 'max_score': expected a number >= 0, got {row.get('max_score')!r:.60}"
    if not _is_number(row.get("score")) or not 0 <= row["score"] <= row["max_score"]:
        return f"key 'score': expected a number from 0 to max_score, got {row.get('score')!r:.60}"
    tests = row.get("tests")
    if tests is not None and (type(tests) is not list or any(
            type(t) is not dict or type(t.get("name")) is not str
            or type(t.get("passed")) is not bool for t in tests)):  # fmt: skip
        return "key 'tests': expected a list of {name, passed, message}"
    err = row.get("error")
    if err is not None and (type(err) is not dict or type(err.get("title")) is not str):
        return "key 'error': expected null or {title, message}"
    return None


def read_results(paths) -> tuple[list[dict], list[str]]:
    """Records from results.jsonl files, and a warning per unusable line or file."""
    import json

    from .batch import read_text

    records, warnings = [], []
    for path in paths:
        text, problem = read_text(path)
        if problem is not None:
            warnings.append(problem)
            continue
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as exc:
                warnings.append(f"{path}: line {n}: not JSON ({exc})")
                continue
            why = check_record(row)
            if why:
                warnings.append(f"{path}: line {n}: {why}")
            else:
                records.append(row)
    merged, conflicts = merge(records)
    return merged, warnings + conflicts


# ----------------------------------------------------------------------------- numbers


def _pattern(message) -> str:
    """A failure message with its numbers as '#': students' values differ, the fault not."""
    text = " ".join(str(message or "").split())[:300]
    return re.sub(r"-?\d+(\.\d+)?(e[-+]?\d+)?", "#", text)


def exercise_stats(records: list[dict]) -> dict:
    """Pass rate, scores, failure groups, errors and per-test failures of one exercise."""
    n = len(records)
    fractions = sorted(total_score(r) / r["max_score"] if r["max_score"] else 0.0
                       for r in records)  # fmt: skip
    groups: dict[tuple[str, str], list] = {}  # (test, message pattern) -> [count, example]
    errors: dict[str, list] = {}
    tests: dict[str, dict] = {}
    for r in sorted(records, key=lambda r: r["student"]):
        err = r.get("error")
        if err:
            slot = errors.setdefault(err["title"], [0, str(err.get("message") or "")])
            slot[0] += 1
            continue  # its tests did not run: their messages say so, not what was wrong
        first = None
        for t in r.get("tests") or []:
            info = tests.setdefault(t["name"], {"name": t["name"], "failed": 0, "ran": 0,
                                                "points": t.get("points"),
                                                "description": t.get("description") or ""})  # fmt: skip
            info["ran"] += 1
            if not t["passed"]:
                info["failed"] += 1
                first = first or t
        if first is not None:  # each student counts once: the first test they fail
            slot = groups.setdefault((first["name"], _pattern(first.get("message"))),
                                     [0, str(first.get("message") or "")])  # fmt: skip
            slot[0] += 1
    failures = [{"test": k[0], "count": v[0], "example": v[1]} for k, v in groups.items()]
    failures.sort(key=lambda f: (-f["count"], f["test"], f["example"]))
    return {
        "graded": n,
        "passed": sum(1 for r in records if r["passed"]),
        "mean": sum(fractions) / n if n else 0.0,
        "median": _median(fractions),
        "fractions": fractions,
        "scores": sorted(total_score(r) for r in records),
        "max_score": max((r["max_score"] for r in records), default=0),
        "failures": failures,
        "errors": sorted(
            ({"title": t, "count": v[0], "example": v[1]} for t, v in errors.items()),
            key=lambda e: (-e["count"], e["title"]),
        ),  # fmt: skip
        "tests": list(tests.values()),
    }


def _median(xs: list[float]) -> float:
    if not xs:
        return 0.0
    mid = len(xs) // 2
    return xs[mid] if len(xs) % 2 else (xs[mid - 1] + xs[mid]) / 2


def headline(stats: dict) -> str:
    """The most frequent reason for not passing, in one line (test or error)."""
    top_failure = stats["failures"][0] if stats["failures"] else None
    top_error = stats["errors"][0] if stats["errors"] else None
    if top_error and (not top_failure or top_error["count"] > top_failure["count"]):
        return f"{top_error['count']} x {top_error['title']}"
    if top_failure:
        return f"{top_failure['count']} x {top_failure['test']}: {_short(top_failure['example'])}"
    return ""


def _short(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


# ------------------------------------------------------------------------------- plots


def _matplotlib():
    """pyplot with a fixed, non-interactive set-up, or None if matplotlib is missing."""
    try:
        import matplotlib
    except ImportError:
        return None
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.hashsalt": "nprl-class-report", "svg.fonttype": "path",
                         "font.size": 10, "axes.spines.top": False,
                         "axes.spines.right": False})  # fmt: skip
    return plt


def _svg_uri(plt, fig) -> str:
    import base64
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    plt.close(fig)
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


BLUE, ORANGE = "#1f5fa8", "#b35900"  # contrast >= 4.5:1 on white; told apart without colour


def pass_rate_plot(plt, rows: list[tuple[str, float]], hardest: set[str]) -> str:
    """Horizontal bars: pass rate per exercise in course order, the hardest in orange."""
    fig, ax = plt.subplots(figsize=(7, 0.28 * len(rows) + 1.0))
    names = [r[0] for r in rows][::-1]
    rates = [100 * r[1] for r in rows][::-1]
    colors = [ORANGE if n in hardest else BLUE for n in names]
    ax.barh(names, rates, color=colors, hatch=None)
    for y, (rate, n) in enumerate(zip(rates, names)):
        ax.text(rate + 1, y, f"{rate:.0f}%" + (" (hardest)" if n in hardest else ""),
                va="center", fontsize=8)  # fmt: skip
    ax.set_xlim(0, 118)
    ax.set_xlabel("students who passed (%)")
    return _svg_uri(plt, fig)


def histogram_plot(plt, values: list[float], *, bins, xlabel: str) -> str:
    """Counts of students per score bin."""
    fig, ax = plt.subplots(figsize=(6, 2.6))
    ax.hist(values, bins=bins, color=BLUE, edgecolor="white")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("students")
    ax.yaxis.get_major_locator().set_params(integer=True)
    return _svg_uri(plt, fig)


def score_bins(max_score) -> list[float]:
    """Bin edges: one bin per point up to 30 points, else ten equal bins."""
    if max_score <= 0:
        return [-0.5, 0.5]
    if max_score <= 30 and float(max_score).is_integer():
        return [k - 0.5 for k in range(int(max_score) + 2)]
    return [max_score * k / 10 for k in range(11)]


def _histogram_text(values: list[float], bins) -> list[tuple[str, int]]:
    """The histogram's bins and counts as table rows (the plot's text alternative)."""
    out = []
    for i in range(len(bins) - 1):
        lo, hi = bins[i], bins[i + 1]
        last = i == len(bins) - 2
        count = sum(1 for v in values if lo <= v < hi or (last and v == hi))
        if bins[1] - bins[0] == 1 and bins[0] == -0.5:
            label = _num(lo + 0.5)
        else:
            label = f"{_num(lo)} to {_num(hi)}"
        out.append((label, count))
    return out


def _num(x) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.3g}"


# -------------------------------------------------------------------------------- HTML

CSS = """
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;
 background:#fff;margin:0 auto;max-width:62rem;padding:1rem 1.25rem 3rem}
a{color:#0b4f9c}a:focus-visible{outline:3px solid #b35900;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.3rem}
h1{font-size:1.7rem;margin:.5rem 0}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.95rem}
caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
meter{width:6rem;vertical-align:middle}
.note{background:#f3f6fa;border-left:4px solid #1f5fa8;padding:.5rem .8rem}
.hard{border-left:4px solid #b35900;padding:.1rem .8rem;margin:.6rem 0}
pre,blockquote{white-space:pre-wrap;word-break:break-word;background:#f6f6f6;padding:.5rem .7rem;
 margin:.3rem 0;font:.9rem/1.4 ui-monospace,Menlo,Consolas,monospace}
img{max-width:100%;height:auto}dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}
dt{font-weight:600}dd{margin:0}
@media print{.skip{display:none}a{color:#000}}
"""
CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        '<a class="skip" href="#main">Skip to the report</a>\n'
        f'<main id="main">\n{body}</main>\n</body>\n</html>\n'
    )


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _table(caption: str, head: list[str], rows: list[list[str]], numeric=()) -> str:
    """An HTML table; cells are already HTML; columns in `numeric` align right."""

    def attr(i: int) -> str:
        return ' class="n"' if i in numeric else ""

    ths = "".join(f'<th scope="col"{attr(i)}>{h}</th>' for i, h in enumerate(head))
    trs = []
    for row in rows:
        cells = [f'<th scope="row">{row[0]}</th>']
        cells += [f"<td{attr(i)}>{c}</td>" for i, c in enumerate(row) if i > 0]
        trs.append("<tr>" + "".join(cells) + "</tr>\n")
    return (f"<table>\n<caption>{caption}</caption>\n<thead><tr>{ths}</tr></thead>\n"
            f"<tbody>\n{''.join(trs)}</tbody>\n</table>\n")  # fmt: skip


def _details(table: str) -> str:
    return f"<details>\n<summary>The plot's numbers as a table</summary>\n{table}</details>\n"


def _figure(uri: str | None, alt: str, caption: str) -> str:
    if uri is None:
        return (f"<p class=\"note\">{_e(caption)}: no plot (matplotlib is not installed: "
                "<code>pip install -e '.[reports]'</code>); the table below has the numbers.</p>\n")  # fmt: skip
    return (f"<figure>\n<img src=\"{uri}\" alt=\"{_e(alt)}\">\n"
            f"<figcaption>{_e(caption)}</figcaption>\n</figure>\n")  # fmt: skip


def page_name(exercise: str) -> str:
    """The file of an exercise's page: `ex-<id>.html`; an id that is no safe file name is
    made one, with a hash of the id so two ids never share a page."""
    if re.fullmatch(r"[A-Za-z0-9_-]{1,100}", exercise):
        return f"ex-{exercise}.html"
    import hashlib

    digest = hashlib.sha256(exercise.encode("utf-8")).hexdigest()[:10]
    return f"ex-{re.sub(r'[^A-Za-z0-9_-]+', '_', exercise)[:60]}-{digest}.html"


def exercise_page(ex: str, title: str, stats: dict, plt) -> str:
    """One exercise: numbers, the misconceptions, the distribution, tests and errors."""
    n = stats["graded"]
    name = f"{title} ({ex})" if title and title != ex else ex
    parts = [f"<p><a href=\"index.html\">Class report</a> / {_e(ex)}</p>\n<h1>{_e(name)}</h1>\n",
             "<dl>\n"]  # fmt: skip
    for term, value in (("Graded", str(n)),
                        ("Passed", f"{stats['passed']} ({_pct(stats['passed'] / n)})"),
                        ("Mean score", _pct(stats["mean"])),
                        ("Median score", _pct(stats["median"]))):  # fmt: skip
        parts.append(f"<dt>{term}</dt><dd>{value}</dd>\n")
    ran = [t for t in stats["tests"] if t["ran"]]
    if ran:
        worst = max(ran, key=lambda t: t["failed"] / t["ran"])
        parts.append(f"<dt>Most failed test</dt><dd><code>{_e(worst['name'])}</code>: "
                     f"{worst['failed']} of {worst['ran']} ({_pct(worst['failed'] / worst['ran'])})"
                     "</dd>\n")  # fmt: skip
    parts.append("</dl>\n<h2 id=\"wrong\">What goes wrong most often</h2>\n"
                 "<p>Each student whose code ran counts once, under the first test they "
                 "failed; messages that differ only in numbers count as one.</p>\n")  # fmt: skip
    if not stats["failures"] and not stats["errors"]:
        parts.append("<p>Every graded submission passed every test that ran.</p>\n")
    for f in stats["failures"][:TOP_FAILURES]:
        parts.append(
            f'<div class="hard"><p><strong>{f["count"]} of {n}</strong> '
            f"({_pct(f['count'] / n)}) first fail <code>{_e(f['test'])}</code> with this "
            f"message (the numbers in it vary):</p>\n<blockquote>"
            f"{_e(_short(f['example'], 600))}</blockquote></div>\n"
        )
    if stats["errors"]:
        rows = [[_e(e["title"]), str(e["count"]), _pct(e["count"] / n),
                 f"<pre>{_e(_short(e['example'], 400))}</pre>"] for e in stats["errors"]]  # fmt: skip
        parts.append(_table("Submissions stopped by an error (their tests did not run)",
                            ["Error", "Count", "Share", "Example message"], rows, (1, 2)))  # fmt: skip
    bins = score_bins(stats["max_score"])
    hist = _histogram_text(stats["scores"], bins)
    parts.append('<h2 id="scores">Score distribution</h2>\n')
    uri = None
    if plt is not None:
        uri = histogram_plot(plt, stats["scores"], bins=bins,
                             xlabel=f"score (out of {_num(stats['max_score'])})")  # fmt: skip
    top = max(hist, key=lambda kv: kv[1])
    alt = (f"Histogram of the scores of {n} students, out of {_num(stats['max_score'])}; "
           f"the most common score is {top[0]} ({top[1]} students).")  # fmt: skip
    parts.append(_figure(uri, alt, f"Scores of {n} students"))
    parts.append(_details(_table("Students per score", ["Score", "Students"],
                                 [[_e(label), str(c)] for label, c in hist], (1,))))  # fmt: skip
    parts.append('<h2 id="tests">Tests</h2>\n')
    rows = [[f"<code>{_e(t['name'])}</code>", _e(t["description"]),
             "" if t["points"] is None else _e(t["points"]), f"{t['failed']} of {t['ran']}",
             _pct(t["failed"] / t["ran"]) if t["ran"] else ""] for t in stats["tests"]]  # fmt: skip
    parts.append(_table("Each test's failures, among submissions whose tests ran",
                        ["Test", "What it checks", "Points", "Failed", "Rate"], rows, (2, 3, 4)))  # fmt: skip
    return _page(f"{ex}: class report", "".join(parts))


def index_page(order: list[str], titles: dict, stats: dict, totals: list[float], sources,
               plt) -> str:  # fmt: skip
    """The class: the hardest exercises and why, then every exercise in course order."""
    graded = [ex for ex in order if ex in stats]
    rate = {ex: stats[ex]["passed"] / stats[ex]["graded"] for ex in graded}
    count = max(1, min(HARDEST, len(graded) // 3))
    hardest = sorted(graded, key=lambda ex: (rate[ex], stats[ex]["mean"], ex))[:count]
    total = sum(s["graded"] for s in stats.values())
    parts = ["<h1>Class report</h1>\n",
             f"<p>{len(totals)} student(s), {total} graded submission(s) of {len(graded)} "
             f"exercise(s), from {_e(', '.join(map(str, sources)))}. No student is named "
             "here; per-student results are in feedback/ and results.jsonl.</p>\n",
             "<h2 id=\"hardest\">Hardest exercises</h2>\n"]  # fmt: skip
    for ex in hardest:
        s = stats[ex]
        why = headline(s)
        parts.append(
            f'<div class="hard"><p><a href="{_e(page_name(ex))}"><strong>{_e(ex)}</strong>'
            f"</a>: {_pct(rate[ex])} passed, mean score {_pct(s['mean'])}.</p>\n"
            + (f"<p>Most frequent failure: {_e(why)}</p>" if why else "")
            + "</div>\n"
        )
    parts.append('<h2 id="all">Every exercise</h2>\n')
    uri = None
    if plt is not None and graded:
        uri = pass_rate_plot(plt, [(ex, rate[ex]) for ex in graded], set(hardest))
    alt = ("Bar chart of the share of students who passed each exercise, in course order; "
           + "; ".join(f"{ex} {_pct(rate[ex])}" for ex in graded) + ".")  # fmt: skip
    parts.append(_figure(uri, alt, "Pass rate per exercise (hardest in orange)"))
    rows = []
    for ex in graded:
        s = stats[ex]
        rows.append([f"<a href=\"{_e(page_name(ex))}\">{_e(ex)}</a>", _e(titles.get(ex, "")),
                     str(s["graded"]),
                     f"<meter min=\"0\" max=\"1\" value=\"{rate[ex]:.3f}\"></meter> "
                     f"{_pct(rate[ex])}", _pct(s["mean"]), _e(_short(headline(s), 90))])  # fmt: skip
    parts.append(_table("Exercises in course order", ["Exercise", "Title", "Graded",
                        "Passed", "Mean score", "Most frequent failure"], rows, (2, 3, 4)))  # fmt: skip
    parts.append('<h2 id="students">Students\' scores</h2>\n')
    bins = [k / 10 for k in range(11)]
    hist = _histogram_text(totals, bins)
    uri = None
    if plt is not None and totals:
        uri = histogram_plot(plt, totals, bins=bins,
                             xlabel="share of the points of the exercises submitted")  # fmt: skip
    alt = (f"Histogram of {len(totals)} students' share of the points of the exercises they "
           "submitted, in tenths: " + ", ".join(f"{c}" for _, c in hist) + " students.")  # fmt: skip
    parts.append(_figure(uri, alt, "Each student's share of the points they could earn"))
    rows = [[f"{_num(100 * bins[i])}% to {_num(100 * bins[i + 1])}%", str(c)]
            for i, (_, c) in enumerate(hist)]  # fmt: skip
    parts.append(
        _details(_table("Students per share of points", ["Share", "Students"], rows, (1,)))
    )
    return _page("Class report", "".join(parts))


def student_totals(records: list[dict]) -> list[float]:
    """Each student's share of the points of the exercises they submitted."""
    got: dict[str, list[float]] = {}
    for r in records:
        slot = got.setdefault(r["student"], [0.0, 0.0])
        slot[0] += total_score(r)
        slot[1] += r["max_score"]
    return [a / b if b else 0.0 for a, b in (got[s] for s in sorted(got))]


def write_report(out_dir, records: list[dict], *, order=None, titles=None, sources=()) -> list[str]:
    """Write index.html and one page per exercise into out_dir; return the paths (sorted).

    Raises reports.OutputError (nothing written) when an output path is a link, FIFO or
    anything but a regular file."""
    from .reports import write_files

    titles = titles or {}
    by_ex: dict[str, list[dict]] = {}
    for r in records:
        by_ex.setdefault(r["exercise"], []).append(r)
    order = [ex for ex in (order or []) if ex in by_ex]
    order += sorted(ex for ex in by_ex if ex not in order)
    stats = {ex: exercise_stats(by_ex[ex]) for ex in order}
    plt = _matplotlib()
    pages = {"index.html": index_page(order, titles, stats, student_totals(records), sources, plt)}
    for ex in order:
        pages[page_name(ex)] = exercise_page(ex, titles.get(ex, ""), stats[ex], plt)
    return write_files(out_dir, pages)


def course_order(ids, root) -> tuple[list[str], dict[str, str]]:
    """The exercises of `root` among ids in course order (page, order, id), and their titles;
    ids the root does not have (or a missing root) are simply left to the end."""
    from .spec import ExerciseError, find_exercises, load_exercise

    if not root or not os.path.isdir(root):
        return [], {}
    found = {}
    wanted = set(ids)
    for folder in find_exercises(root):
        if folder.name in wanted:
            try:
                found[folder.name] = load_exercise(folder)
            except ExerciseError:
                continue
    order = sorted(found, key=lambda ex: (found[ex]["page"], found[ex].get("order", 0), ex))
    return order, {ex: str(found[ex].get("title") or "") for ex in found}


def report_from_files(paths, out_dir, *, root=None) -> tuple[list[str], list[str]]:
    """Read results.jsonl files and write the class report; (paths written, warnings)."""
    records, warnings = read_results(paths)
    if not records:
        return [], warnings + ["no usable results: nothing to report on"]
    order, titles = course_order({r["exercise"] for r in records}, root)
    written = write_report(out_dir, records, order=order, titles=titles, sources=paths)
    return written, warnings
