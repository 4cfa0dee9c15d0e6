"""Every page of the course, checked by axe-core (from site/node_modules, offline): no
serious or critical accessibility violations, off-screen parts of the lesson included."""

from __future__ import annotations

import pytest
import yaml

from tests.browser.helpers import ROOT

AXE = ROOT / "site" / "node_modules" / "axe-core" / "axe.min.js"
COURSE = yaml.safe_load((ROOT / "content" / "course.yaml").read_text(encoding="utf-8"))
PAGES = ["index"] + [p["slug"] for p in COURSE["pages"]]

# content-visibility: auto leaves off-screen blocks unrendered; axe must see all of them.
RENDER_ALL = ".content article > * { content-visibility: visible !important; }"


def axe_violations(page, *, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core on the page; the violations of the given impacts."""
    if not AXE.is_file():
        pytest.fail(
            f"{AXE} is missing: run `npm ci --prefix site` (axe-core is a devDependency)",
            pytrace=False,
        )
    page.add_style_tag(content=RENDER_ALL)
    # Two frames: blocks just rendered are measured (a wide one becomes focusable).
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => {
          const r = await axe.run(document, { resultTypes: ["violations"] });
          return r.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map((n) => n.target.join(" ") + " :: " + (n.failureSummary || "")),
          }));
        }"""
    )
    return [v for v in result if v["impact"] in impacts]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])} element(s))")
        lines.extend(f"    {n[:300]}" for n in v["nodes"][:4])
    return "\n".join(lines)


@pytest.mark.parametrize("slug", PAGES)
def test_no_serious_accessibility_violations(page, site_url, slug):
    # Python is not needed to check the page's markup: keep the 2 cores for axe.
    page.route("**/pyodide/**", lambda route: route.abort())
    page.goto(f"{site_url}{slug}.html")
    if page.locator("section.exercise").count():
        page.wait_for_selector("body[data-editor=ready]", timeout=60_000)
    bad = axe_violations(page)
    assert not bad, f"{slug}.html:\n{describe(bad)}"
