"""The home page: its text comes from content/index.md, it links every page of the course,
every link on it resolves, the concept table points at written pages, and each page shows
a time estimate beside the student's progress."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from builder.course import BuildError, Course, Page, load_course
from builder.pages import estimate_minutes, home_body, home_contents, render_pages

ROOT = Path(__file__).resolve().parents[1]
HOME = ROOT / "content" / "index.md"


class _Links(HTMLParser):
    """Every <a href>, every id, and the links inside the concept table."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.tables: list[list[list[str]]] = []  # per table, per row, the hrefs in it
        self.headers: list[str] = []  # per table, the text of its header row
        self._in_table = 0
        self._in_head = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "table":
            self._in_table += 1
            self.tables.append([])
            self.headers.append("")
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr" and self._in_table:
            self.tables[-1].append([])
        elif tag == "a" and "href" in a:
            self.links.append(a["href"])
            if self._in_table and self.tables[-1] and not self._in_head:
                self.tables[-1][-1].append(a["href"])

    def handle_endtag(self, tag):
        if tag == "table":
            self._in_table -= 1
        elif tag == "thead":
            self._in_head = False

    def handle_data(self, data):
        if self._in_head and self._in_table:
            self.headers[-1] += data


def _parse(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def _article(html: str) -> str:
    """The home page's own text: <main>, without the sidebar's table of contents."""
    start, end = html.find("<main"), html.find("</main>")
    assert start >= 0 and end > start, "index.html has no <main> element"
    return html[start:end]


@pytest.fixture(scope="module")
def course() -> Course:
    return load_course(ROOT)


@pytest.fixture(scope="module")
def site(course) -> dict[str, str]:
    """The rendered pages of the real course (file name -> HTML), without a full build."""
    return render_pages(course, root=ROOT, site_dir=ROOT / "site")


def test_home_text_is_content_index_md(site):
    assert HOME.is_file(), "content/index.md (the home page's text) is missing"
    first = HOME.read_text(encoding="utf-8").strip().split("\n\n")[0]
    words = " ".join(first.split()[:8])
    article = " ".join(_article(site["index.html"]).split())
    assert words in article, f"the home page does not show the start of content/index.md: {words!r}"


def test_every_page_of_the_course_is_linked_from_the_home_text(site, course):
    links = {urlsplit(h).path for h in _parse(_article(site["index.html"])).links}
    missing = [p.slug for p in course.pages if f"{p.slug}.html" not in links]
    assert not missing, f"pages of content/course.yaml not linked from the home text: {missing}"


def test_every_link_on_the_home_page_resolves(site):
    parsed = {name: _parse(html) for name, html in site.items()}
    home = parsed["index.html"]
    bad = []
    for href in home.links:
        parts = urlsplit(href)
        if parts.scheme in ("http", "https", "mailto"):
            continue
        if parts.path.startswith("jupyter/") or parts.path.startswith("notebooks/"):
            continue  # written by the JupyterLite phase, tested in tests/test_jupyterlite_build.py
        target = parts.path or "index.html"
        if target.startswith("figures/") and target.endswith(".svg"):
            # A figure's full-size link: the figure phase renders content/figures/<name>.py.
            script = ROOT / "content" / "figures" / (target[len("figures/") : -len(".svg")] + ".py")
            if not script.is_file():
                bad.append(f"{href}: no figure script {script.relative_to(ROOT)}")
            continue
        if target not in parsed:
            bad.append(f"{href}: no built file {target}")
        elif parts.fragment and parts.fragment not in parsed[target].ids:
            bad.append(f"{href}: {target} has no element with id {parts.fragment!r}")
    assert home.links, "the home page has no links"
    assert not bad, "links on the home page that do not resolve:\n" + "\n".join(bad)


def test_the_concept_table_links_each_row_to_a_written_page(site, course):
    home = _parse(_article(site["index.html"]))
    found = [i for i, head in enumerate(home.headers) if "reappears in RL" in head]
    assert found, f"no table with a 'where it reappears in RL' column; headers: {home.headers}"
    rows = home.tables[found[0]][1:]  # the first row is the header
    written = {f"{p.slug}.html" for p in course.pages if p.source is not None}
    assert len(rows) >= 10, f"expected at least 10 concepts in the table, found {len(rows)}"
    for n, hrefs in enumerate(rows, start=1):
        pages = [urlsplit(h).path for h in hrefs]
        assert pages, f"row {n} of the concept table links to no page"
        assert all(p in written for p in pages), f"row {n} links to {pages}; written: {written}"


def test_each_page_shows_its_time_estimate_beside_a_progress_slot(site, course):
    article = _article(site["index.html"])
    for page in course.pages:
        m = re.search(rf'<li class="home-item[^"]*" data-slug="{page.slug}">(.*?)</li>', article)
        assert m, f"no entry for {page.slug} in the home page's list"
        assert 'data-role="home-progress"' in m.group(1), f"{page.slug}: no progress slot"
        if page.source is not None:
            assert re.search(r"about [0-9.]+ h", m.group(1)), f"{page.slug}: no estimate"


def test_estimates_match_what_the_text_promises(site, course):
    """The text says two to four hours per page and about 30 to 50 hours in all (the site
    fixture has placed each page's exercises)."""
    hours = {p.slug: estimate_minutes(p, course) / 60 for p in course.pages if p.source}
    lessons = {s: h for s, h in hours.items() if not s.startswith("checkpoint")}
    off = {s: round(h, 2) for s, h in lessons.items() if not 1.75 <= h <= 4.25}
    assert not off, f"lesson pages outside 'two to four hours': {off}"
    total = sum(hours.values())
    assert 30 <= total <= 50, f"the estimate totals {total:.1f} hours; the text says 30 to 50"


# --------------------------------------------------------------------- the builder's rules


def _tiny_course(root: Path, *, written: bool) -> Course:
    (root / "content").mkdir(parents=True, exist_ok=True)
    source = root / "content" / "02-later.md"
    if written:
        source.write_text("## A heading\n\nWords.\n", encoding="utf-8")
    return Course(
        "Tiny",
        "0",
        [
            Page("02-later", "A Later Page", source=source if written else None),
            Page("checkpoint-z", "Checkpoint Z: All", checkpoint=True, source=None),
        ],
        {},
    )


def test_a_change_to_index_md_changes_the_home_page(tmp_path):
    course = _tiny_course(tmp_path, written=True)
    index = tmp_path / "content" / "index.md"
    bodies = []
    for word in ("first-version", "second-version"):
        index.write_text(
            f"The {word} of the text.\n\nSee [the page](02-later.html#a-heading).\n\n"
            "{{ contents }}\n\n{{ student-name }}\n",
            encoding="utf-8",
        )
        bodies.append(home_body(course, root=tmp_path, figures={}))
    assert "first-version" in bodies[0] and "second-version" in bodies[1], bodies
    assert 'href="02-later.html#a-heading"' in bodies[0]


def test_a_link_to_an_unwritten_page_says_so_without_its_anchor(tmp_path):
    course = _tiny_course(tmp_path, written=False)
    (tmp_path / "content" / "index.md").write_text(
        "See [the later page](02-later.html#a-heading).\n\n{{ contents }}\n\n{{ student-name }}\n",
        encoding="utf-8",
    )
    body = home_body(course, root=tmp_path, figures={})
    assert '<a href="02-later.html">the later page</a>' in body, body
    assert "(coming soon)" in body and "#a-heading" not in body, body
    contents = home_contents(course)
    assert "text coming soon" in contents and 'data-slug="02-later"' in contents, contents


@pytest.mark.parametrize(
    "text, message",
    [
        ("[x](99-nope.html)\n\n{{ contents }}\n\n{{ student-name }}\n", "99-nope.html"),
        ("No list here.\n\n{{ student-name }}\n", "`{{ contents }}` must appear exactly once"),
        (
            "{{ contents }}\n\n{{ contents }}\n\n{{ student-name }}\n",
            "`{{ contents }}` must appear exactly once on a line of its own (found 2)",
        ),
    ],
)
def test_a_broken_index_md_fails_the_build_naming_the_file(tmp_path, text, message):
    course = _tiny_course(tmp_path, written=True)
    (tmp_path / "content" / "index.md").write_text(text, encoding="utf-8")
    with pytest.raises(BuildError) as err:
        home_body(course, root=tmp_path, figures={})
    assert "content/index.md" in str(err.value) and message in str(err.value), str(err.value)
