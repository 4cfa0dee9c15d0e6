"""Build-time math: every $...$ / $$...$$ becomes KaTeX HTML, rendered by node in one batch."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

from builder.course import BuildError

# pymdownx.arithmatex (generic mode) leaves math as escaped TeX in these wrappers.
_INLINE = re.compile(r'<span class="arithmatex">\\\((.*?)\\\)</span>', re.S)
_DISPLAY = re.compile(r'<div class="arithmatex">\\\[(.*?)\\\]</div>', re.S)


def render_math(documents: dict[str, str], *, site_dir: Path) -> dict[str, str]:
    """Replace the math in each HTML document (name -> html) with rendered KaTeX."""
    wanted: dict[tuple[str, bool], list[str]] = {}
    for name, text in documents.items():
        for pattern, display in ((_INLINE, False), (_DISPLAY, True)):
            for m in pattern.finditer(text):
                wanted.setdefault((html.unescape(m.group(1)).strip(), display), []).append(name)
    if not wanted:
        return dict(documents)
    keys = sorted(wanted)
    results = _run_katex([{"tex": tex, "display": display} for tex, display in keys], site_dir)
    rendered: dict[tuple[str, bool], str] = {}
    errors = []
    for key, res in zip(keys, results, strict=True):
        if "error" in res:
            where = ", ".join(sorted(set(wanted[key])))
            errors.append(f"{where}: cannot render math ${key[0]}$: {res['error']}")
        else:
            rendered[key] = res["html"]
    if errors:
        raise BuildError("\n".join(errors))

    def inline(m: re.Match) -> str:
        return rendered[(html.unescape(m.group(1)).strip(), False)]

    def display(m: re.Match) -> str:
        body = rendered[(html.unescape(m.group(1)).strip(), True)]
        return f'<div class="math-display">{body}</div>'

    return {
        name: _DISPLAY.sub(display, _INLINE.sub(inline, text)) for name, text in documents.items()
    }


def _run_katex(items: list[dict], site_dir: Path) -> list[dict]:
    node = shutil.which("node")
    script = site_dir / "tools" / "katex-render.mjs"
    if node is None:
        raise BuildError("node not found: install Node.js (>= 18) to render math at build time")
    if not (site_dir / "node_modules" / "katex").is_dir():
        raise BuildError(
            f"{site_dir / 'node_modules'}: KaTeX is not installed; run `npm ci --prefix site`"
        )
    proc = subprocess.run(
        [node, str(script)],
        input=json.dumps(items).encode("utf-8"),
        capture_output=True,
        cwd=site_dir,
        check=False,
    )
    if proc.returncode != 0:
        raise BuildError(f"{script}: KaTeX failed: {proc.stderr.decode(errors='replace')}")
    return json.loads(proc.stdout)
