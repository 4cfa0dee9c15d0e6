"""Build-time figures on a real page, in Chromium: loaded, described, captioned, phone-sized."""

from __future__ import annotations

import pytest

SLUG = "03-activation-functions"
PHONE = {"width": 390, "height": 844}

FIGURES = """() => [...document.querySelectorAll('figure.fig')].map((f) => {
  const img = f.querySelector('img');
  const box = f.getBoundingClientRect();
  const imgBox = img ? img.getBoundingClientRect() : null;
  return {
    id: f.id,
    src: img ? img.getAttribute('src') : null,
    full: img && img.closest('a') ? img.closest('a').getAttribute('href') : null,
    complete: img ? img.complete : false,
    naturalWidth: img ? img.naturalWidth : 0,
    alt: img ? img.alt : '',
    caption: (f.querySelector('figcaption') || {}).textContent || '',
    math: f.querySelectorAll('figcaption .katex').length,
    left: box.left, right: box.right, imgWidth: imgBox ? imgBox.width : 0,
  };
})"""


def _figures(page, url: str) -> list[dict]:
    page.goto(f"{url}{SLUG}.html")
    count = page.locator("figure.fig").count()
    if count == 0:
        pytest.fail(f"{SLUG}.html has no <figure class=fig>; page 3 places two figures")
    for i in range(count):
        img = page.locator("figure.fig img").nth(i)
        img.scroll_into_view_if_needed()
        img.evaluate(
            "img => img.complete && img.naturalWidth > 0 ? true : "
            "new Promise((ok, fail) => { img.onload = ok; img.onerror = fail; })"
        )
    return page.evaluate(FIGURES)


def test_figures_load_with_alt_text_and_caption(page, site_url):
    figures = _figures(page, site_url)
    for fig in figures:
        assert fig["src"] == f"figures/{fig['id'].removeprefix('fig-')}.svg", fig
        # A tap opens the figure itself at full size (its labels are small on a phone).
        assert fig["full"] == fig["src"], f"{fig['id']}: expected a link to {fig['src']}: {fig}"
        assert fig["complete"] and fig["naturalWidth"] > 0, f"{fig['src']} did not load: {fig}"
        assert len(fig["alt"].split()) >= 5, f"{fig['id']}: alt text too short: {fig['alt']!r}"
        assert len(fig["caption"].split()) >= 5, f"{fig['id']}: caption {fig['caption']!r}"
    # The captions' $math$ is rendered by KaTeX like the rest of the page.
    assert any(fig["math"] for fig in figures), [f["caption"] for f in figures]


def test_figures_fit_a_phone(browser, site_url):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2)
    try:
        page = context.new_page()
        for fig in _figures(page, site_url):
            assert fig["left"] >= 0 and fig["right"] <= PHONE["width"] + 0.5, (
                f"{fig['id']} sticks out of a {PHONE['width']} px screen: {fig}"
            )
            # Scaled down, not cropped or tiny: nearly the screen's width.
            assert fig["imgWidth"] >= 0.85 * PHONE["width"], fig
    finally:
        context.close()
