"""Pairs of unusually similar submissions, per exercise, for a person to look at.

`python -m grader similarity INPUT... --out DIR` reads the same inputs as `grade` (class
folders, exports, notebooks, `.py` files with `--exercise`) and, per code exercise,
fingerprints every submission with copydetect (the `similarity` extra: winnowed k-grams of
the token stream, names and strings abstracted, comments and spacing dropped). Ignored:

- the exercise's starter code, the code blocks of its lesson page (`content/<page>.md`),
  the page's notebook material and any `--boilerplate` file: course material everyone has;
- passages that many submissions share (more than `--common`, by default 10 % of the
  class and at least 5): the natural way to write a short function, as MOSS's `-m`.

Two submissions are compared when they share a passage left after that; their similarity
is the share of each one's remaining tokens found in the other. Pairs at or above
`--threshold` are written, most similar first, to `DIR/index.html` (with each student's
closeness to the reference solution, for context), `DIR/pairs.csv` and one side-by-side
page per pair with the shared passages marked. The report flags; it never accuses.
"""

from __future__ import annotations

import html
import math
import os
import re

K = 25  # characters of filtered code in one fingerprint (copydetect's noise threshold)
THRESHOLD = 0.5
TOP = 20
MIN_COMMON = 5
COMMON_SHARE = 0.10
MIN_TOKENS = 2 * K  # a submission with less of its own code left is not compared

NOTICE = ("This report flags pairs of submissions whose code is unusually similar, so that a "
          "person can look at them. It does not say that anyone copied. Similar code has "
          "innocent causes: short exercises have few natural solutions, students may have "
          "worked together where the course allows it, or used the same public source. Read "
          "both submissions, and talk with the students, before drawing any conclusion.")  # fmt: skip


class SimilarityError(RuntimeError):
    """The similarity report cannot run (the message says why and what to do)."""


def _copydetect():
    os.environ.setdefault("MPLBACKEND", "Agg")  # copydetect imports pyplot
    try:
        import copydetect
        from copydetect import utils
    except ImportError:
        raise SimilarityError("the similarity report needs copydetect: "
                              "pip install -e '.[similarity]'") from None  # fmt: skip
    import logging

    logging.getLogger().setLevel(max(logging.getLogger().level, logging.ERROR))
    return copydetect, utils


# ------------------------------------------------------------------------- fingerprints


def page_code(content_dir, page: str) -> list[str]:
    """The Python code a lesson page shows: its ```python blocks and notebook material."""
    if not content_dir:
        return []
    out = []
    md = os.path.join(content_dir, f"{page}.md")
    if os.path.isfile(md):
        with open(md, encoding="utf-8") as f:
            text = f.read()
        out += re.findall(r"^```python[^\n]*\n(.*?)^```", text, flags=re.M | re.S)
    nb = os.path.join(content_dir, "notebooks", f"{page}.py")
    if os.path.isfile(nb):
        with open(nb, encoding="utf-8") as f:
            out.append(f.read())
    return out


class Fingerprints:
    """copydetect fingerprints of code, with the boilerplate's (and later common) removed."""

    def __init__(self, k: int = K):
        self.copydetect, self.utils = _copydetect()
        self.k = k

    def of(self, code: str):
        import io

        return self.copydetect.CodeFingerprint("submission.py", self.k, 1, fp=io.StringIO(code))

    def hashes(self, codes) -> set:
        found = set()
        for code in codes:
            found |= self.of(code).hashes
        return found

    def without(self, fp, ignored: set):
        """A copy of fp without the fingerprints in ignored (its coverage recomputed), and
        `own`: how many of its tokens no ignored passage covers (its own code)."""
        import copy

        import numpy as np

        out = copy.copy(fp)
        out.hashes = fp.hashes - ignored
        out.hash_idx = {h: i for h, i in fp.hash_idx.items() if h not in ignored}
        size = len(fp.filtered_code)
        out.token_coverage = self.utils.get_token_coverage(out.hash_idx, fp.k, size)
        covered = np.zeros(size + fp.k, dtype=bool)
        for h, starts in fp.hash_idx.items():
            if h in ignored:
                for i in starts:
                    covered[i : i + fp.k] = True
        out.own = size - int(covered[:size].sum())
        return out

    def compare(self, a, b) -> tuple[int, float, float, list, list]:
        """(shared tokens, share of a, share of b, a's slices, b's slices) of two prints."""
        overlap, (sa, sb), (slices_a, slices_b) = self.copydetect.compare_files(a, b)
        return (int(overlap), float(sa), float(sb), _spans(slices_a), _spans(slices_b))


def _spans(slices) -> list[tuple[int, int]]:
    if len(slices) == 0 or len(slices[0]) == 0:
        return []
    return sorted((int(s), int(e)) for s, e in zip(slices[0], slices[1]))


def common_cap(n: int, common: int | None) -> int:
    """How many submissions may share a passage before it counts as common."""
    return common if common is not None else max(MIN_COMMON, math.ceil(COMMON_SHARE * n))


def similar_pairs(
    subs: list[dict],
    boilerplate: list[str],
    *,
    reference: str | None = None,
    threshold: float = THRESHOLD,
    common: int | None = None,
    k: int = K,
) -> dict:
    """Flagged pairs of one exercise's submissions ({"student", "file", "code"} each).

    Returns {"submissions", "compared" (students with own code left), "candidates" (pairs
    sharing a rare passage), "cap", "pairs": [...]} with pairs sorted most similar first.
    """
    fps = Fingerprints(k)
    ignored = fps.hashes(boilerplate)
    full = [fps.of(s["code"]) for s in subs]
    base = [fps.without(fp, ignored) for fp in full]
    cap = common_cap(len(subs), common)
    holders: dict[int, list[int]] = {}
    for i, fp in enumerate(base):
        if fp.own >= MIN_TOKENS:
            for h in fp.hashes:
                holders.setdefault(h, []).append(i)
    frequent = {h for h, idx in holders.items() if len(idx) > cap}
    rare = [fps.without(fp, ignored | frequent) for fp in full]
    candidates = set()
    for idx in holders.values():
        if 2 <= len(idx) <= cap:
            candidates.update((a, b) for n, a in enumerate(idx) for b in idx[n + 1 :])
    ref = fps.without(fps.of(reference), ignored) if reference else None
    pairs = []
    for a, b in sorted(candidates):
        if rare[a].own < MIN_TOKENS or rare[b].own < MIN_TOKENS:
            continue
        shared, sa, sb, spans_a, spans_b = fps.compare(rare[a], rare[b])
        score = (sa + sb) / 2
        if score < threshold:
            continue
        pair = {"a": subs[a], "b": subs[b], "score": score, "share_a": sa, "share_b": sb,
                "shared_tokens": shared, "spans_a": spans_a, "spans_b": spans_b}  # fmt: skip
        if ref is not None and ref.token_coverage > 0:
            pair["reference_a"] = fps.compare(base[a], ref)[1]
            pair["reference_b"] = fps.compare(base[b], ref)[1]
        pairs.append(pair)
    pairs.sort(key=lambda p: (-round(p["score"], 9), p["a"]["student"], p["b"]["student"]))
    compared = sum(1 for fp in rare if fp.own >= MIN_TOKENS)
    return {"submissions": len(subs), "compared": compared, "candidates": len(candidates),
            "cap": cap, "pairs": pairs}  # fmt: skip


# -------------------------------------------------------------------------------- inputs


def _bundles(ids, root, warn) -> dict:
    """The exercises of `root` these ids name; an unknown or broken one is warned about."""
    from .spec import ExerciseError, find_exercises, load_exercise

    folders = {f.name: f for f in find_exercises(root)} if os.path.isdir(root) else {}
    out = {}
    for ex in sorted(ids):
        if ex not in folders:
            warn(f"no exercise with id {ex!r} under {root}: its submissions are not compared")
            continue
        try:
            out[ex] = load_exercise(folders[ex])
        except ExerciseError as exc:
            warn(f"{folders[ex]}: the exercise is broken:\n{exc}")
    return out


def collect(paths, *, exercise=None, root="exercises", content=None, extra=()):
    """(exercise id -> (bundle, submissions, boilerplate), warnings) for code exercises."""
    from . import batch

    found = batch.collect(paths, exercise)
    warnings = list(found.warnings)
    jobs = [j for j in batch.duplicates(found.jobs) if j["problem"] is None and j["code"]]
    bundles = _bundles({j["exercise"] for j in jobs}, root, warnings.append)
    if content is None:
        content = os.path.join(os.path.dirname(os.path.abspath(root)), "content")
    extra_code = []
    for path in extra:
        text, problem = batch.read_text(path)
        if problem:
            raise SimilarityError(problem)
        extra_code.append(text)
    out = {}
    for ex in sorted(bundles):
        b = bundles[ex]
        if b.get("kind") == "quiz":
            continue
        subs = sorted(({"student": j["student"], "file": j["file"], "code": j["code"]}
                       for j in jobs if j["exercise"] == ex), key=lambda s: s["student"])  # fmt: skip
        boiler = [b.get("starter") or "", *page_code(content, b["page"]), *extra_code]
        out[ex] = (b, subs, boiler)
    return out, warnings


# -------------------------------------------------------------------------------- report

CSS = """
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;
 margin:0 auto;max-width:80rem;padding:1rem 1.25rem 3rem}
a{color:#0b4f9c}a:focus-visible{outline:3px solid #b35900;outline-offset:2px}
.notice{background:#fff6e5;border:2px solid #b35900;padding:.6rem .9rem;border-radius:4px}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem;font-size:.95rem}
caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
@media (max-width:50rem){.pair{grid-template-columns:1fr}}
pre{white-space:pre-wrap;word-break:break-word;background:#f6f6f6;padding:.6rem;margin:0;
 font:.85rem/1.45 ui-monospace,Menlo,Consolas,monospace;border:1px solid #ddd}
mark{background:#ffe08a;color:#000}
"""
CSP = "default-src 'none'; style-src 'unsafe-inline'"


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _page(title: str, body: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta name=\"robots\" content=\"noindex\">\n"
            f"<title>{_e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
            f"{body}</main>\n</body>\n</html>\n")  # fmt: skip


def _notice() -> str:
    return (
        f'<p class="notice" role="note"><strong>Flags, not accusations.</strong> {_e(NOTICE)}</p>\n'
    )


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def marked(code: str, spans: list[tuple[int, int]]) -> str:
    """The code as HTML with the shared passages in <mark>, widened to whole words and
    marked line by line (copydetect's positions can fall inside a name)."""
    out, pos = [], 0
    for start, end in spans:
        start, end = max(start, pos), min(end, len(code))
        while start > pos and start < len(code) and _word(code[start - 1]) and _word(code[start]):
            start -= 1
        while 0 < end < len(code) and _word(code[end - 1]) and _word(code[end]):
            end += 1
        if start >= end:
            continue
        out.append(_e(code[pos:start]))
        lines = code[start:end].split("\n")
        out.append("\n".join(f"<mark>{_e(line)}</mark>" if line.strip() else _e(line)
                             for line in lines))  # fmt: skip
        pos = end
    out.append(_e(code[pos:]))
    return "".join(out)


def pair_page(ex: str, n: int, pair: dict) -> str:
    """Two submissions side by side, shared passages marked."""
    a, b = pair["a"], pair["b"]
    cols = []
    for who, spans, share in ((a, pair["spans_a"], pair["share_a"]),
                              (b, pair["spans_b"], pair["share_b"])):  # fmt: skip
        cols.append(f"<section aria-label=\"{_e(who['student'])}\">\n"
                    f"<h2>{_e(who['student'])}</h2>\n<p>{_e(who['file'])}: {_pct(share)} of its "
                    f"own code is in the other submission.</p>\n"
                    f"<pre>{marked(who['code'], spans)}</pre>\n</section>\n")  # fmt: skip
    body = (f"<p><a href=\"../index.html\">Similarity report</a> / {_e(ex)} / pair {n}</p>\n"
            f"<h1>{_e(ex)}: {_e(a['student'])} and {_e(b['student'])}</h1>\n{_notice()}"
            f"<p>Similarity {_pct(pair['score'])} ({pair['shared_tokens']} tokens in shared "
            "passages, after ignoring the starter, the course's code and passages many "
            "submissions share). Shared passages are <mark>marked</mark>.</p>\n"
            f"<div class=\"pair\">\n{''.join(cols)}</div>\n")  # fmt: skip
    return _page(f"{ex}: pair {n}", body)


def pair_file(ex: str, n: int) -> str:
    return f"pairs/{re.sub(r'[^A-Za-z0-9_-]+', '_', ex)[:80]}-{n}.html"


def index_page(results: dict, settings: dict, top: int) -> str:
    parts = ["<h1>Similarity report</h1>\n", _notice(),
             f"<p>Ignored: each exercise's starter code, the code on its lesson page"
             f"{', ' + _e(settings['extra']) if settings['extra'] else ''}, and passages "
             f"shared by more submissions than the exercise's limit (below). Pairs at or above "
             f"{_pct(settings['threshold'])} similarity are listed, at most {top} per "
             "exercise. This page names students: keep it among the course staff.</p>\n"]  # fmt: skip
    for ex in sorted(results):
        r = results[ex]
        parts.append(f"<h2 id=\"{_e(ex)}\">{_e(ex)}</h2>\n<p>{r['submissions']} submission(s), "
                     f"{r['compared']} with enough code of their own to compare; a passage "
                     f"in more than {r['cap']} is common; {len(r['pairs'])} pair(s) flagged."
                     "</p>\n")  # fmt: skip
        if not r["pairs"]:
            continue
        rows = []
        for n, p in enumerate(r["pairs"][:top], 1):
            ref = ""
            if "reference_a" in p:
                ref = f"{_pct(p['reference_a'])} / {_pct(p['reference_b'])}"
            rows.append(f"<tr><td class=\"n\">{n}</td><td>{_e(p['a']['student'])}</td>"
                        f"<td>{_e(p['b']['student'])}</td><td class=\"n\">{_pct(p['score'])}</td>"
                        f"<td class=\"n\">{_pct(p['share_a'])} / {_pct(p['share_b'])}</td>"
                        f"<td class=\"n\">{ref}</td><td><a href=\"{pair_file(ex, n)}\">side by "
                        f"side</a></td></tr>\n")  # fmt: skip
        parts.append("<table>\n<caption>Most similar pairs first</caption>\n<thead><tr>"
                     + "".join(f"<th scope=\"col\">{h}</th>" for h in (
                         "#", "Student A", "Student B", "Similarity", "Share of A / of B",
                         "Each close to the reference solution", "Compare"))
                     + f"</tr></thead>\n<tbody>\n{''.join(rows)}</tbody>\n</table>\n")  # fmt: skip
    parts.append("<p>Each close to the reference solution: how much of each submission's own "
                 "code matches the reference solution. High values on both sides mean the two "
                 "students wrote the expected solution, which is not remarkable.</p>\n")  # fmt: skip
    return _page("Similarity report", "".join(parts))


def pairs_csv(results: dict, top: int) -> str:
    import csv
    import io

    from .lms import safe_cell

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["exercise", "rank", "student_a", "student_b", "similarity", "share_a",
                "share_b", "shared_tokens", "file_a", "file_b"])  # fmt: skip
    for ex in sorted(results):
        for n, p in enumerate(results[ex]["pairs"][:top], 1):
            w.writerow([safe_cell(ex), n, safe_cell(p["a"]["student"]),
                        safe_cell(p["b"]["student"]), f"{p['score']:.3f}", f"{p['share_a']:.3f}",
                        f"{p['share_b']:.3f}", p["shared_tokens"], safe_cell(p["a"]["file"]),
                        safe_cell(p["b"]["file"])])  # fmt: skip
    return buf.getvalue()


def write_report(out_dir, results: dict, *, threshold=THRESHOLD, top=TOP, extra=()) -> list[str]:
    """Write index.html, pairs.csv and pairs/<exercise>-<n>.html; return the paths.

    Raises reports.OutputError (nothing written) when an output path is a link, FIFO or
    anything but a regular file."""
    from .reports import write_files

    settings = {"threshold": threshold, "extra": ", ".join(map(str, extra))}
    files = {"index.html": index_page(results, settings, top), "pairs.csv": pairs_csv(results, top)}
    for ex, r in results.items():
        for n, p in enumerate(r["pairs"][:top], 1):
            files[pair_file(ex, n)] = pair_page(ex, n, p)
    return write_files(out_dir, files)


def run(
    paths,
    out_dir,
    *,
    exercise=None,
    root="exercises",
    content=None,
    extra=(),
    threshold=THRESHOLD,
    top=TOP,
    common=None,
) -> tuple[list[str], list[str], dict]:
    """Collect, compare and write the report: (paths written, warnings, results)."""
    inputs, warnings = collect(paths, exercise=exercise, root=root, content=content, extra=extra)
    results = {}
    for ex, (bundle, subs, boiler) in inputs.items():
        results[ex] = similar_pairs(subs, boiler, reference=bundle.get("solution"),
                                    threshold=threshold, common=common)  # fmt: skip
    written = write_report(out_dir, results, threshold=threshold, top=top, extra=extra)
    return written, warnings, results
