"""Which paths are cross-origin isolated: builder.serve's header rule, _headers, sw.js.

Every page of the site is isolated (COOP/COEP) except JupyterLite's, under jupyter/: there
jupyterlite-pyodide-kernel 0.6.1 would take its SharedArrayBuffer path, on which some cells
never finish (builder/serve.py's docstring says why). No browser here; the browser side is
tests/browser/test_jupyterlite_isolation.py.
"""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path

import pytest

from builder import offline
from builder.serve import headers_for, serve_in_thread, top_folder

ROOT = Path(__file__).resolve().parents[1]
COOP = "Cross-Origin-Opener-Policy"
COEP = "Cross-Origin-Embedder-Policy"
CORP = "Cross-Origin-Resource-Policy"

ISOLATED_PATHS = [
    "/",
    "/index.html",
    "/05-forward-propagation.html",
    "/05-forward-propagation",
    "/exercises/05-1.json",
    "/pyodide/pyodide.asm.wasm",
    "/embed/05-1.html",
    "/jupyter.html",
    "/jupyterlite/index.html",
]
JUPYTER_PATHS = [
    "/jupyter",
    "/jupyter/",
    "/jupyter/lab/index.html",
    "/jupyter/lab/index.html?path=05-forward-propagation.ipynb",
    "/jupyter/extensions/@jupyterlite/pyodide-kernel-extension/static/620.js",
    "/jupyter/service-worker.js?enableCache=true",
    "//jupyter/lab/index.html",
    "/./jupyter/lab/index.html",
    "/%6Aupyter/lab/index.html",
]


def _names(headers: list[tuple[str, str]]) -> dict[str, str]:
    return dict(headers)


@pytest.mark.parametrize("path", ISOLATED_PATHS)
def test_isolated_server_isolates_every_page_outside_jupyter(path):
    got = _names(headers_for(path, isolated=True, plain=False))
    assert got == {
        COOP: "same-origin",
        COEP: "require-corp",
        CORP: "same-origin",
        "Cache-Control": "no-cache",
    }, f"{path}: expected COOP/COEP/CORP and no-cache, got {got}"


@pytest.mark.parametrize("path", JUPYTER_PATHS)
def test_isolated_server_sends_no_isolation_header_for_jupyter(path):
    assert top_folder(path) == "jupyter", path
    got = _names(headers_for(path, isolated=True, plain=False))
    assert got == {"Cache-Control": "no-cache"}, f"{path}: expected only no-cache, got {got}"


def test_the_other_modes_keep_their_rules():
    assert headers_for("/index.html", isolated=False, plain=False) == [
        (CORP, "same-origin"),
        ("Cache-Control", "no-cache"),
    ]
    assert headers_for("/jupyter/lab/index.html", isolated=False, plain=False) == [
        ("Cache-Control", "no-cache")
    ]
    for path in ("/index.html", "/jupyter/lab/index.html"):
        assert headers_for(path, isolated=True, plain=True) == [], path


def test_the_running_server_sends_the_rule(tmp_path):
    (tmp_path / "index.html").write_text("<p>course</p>", encoding="utf-8")
    (tmp_path / "jupyter" / "lab").mkdir(parents=True)
    (tmp_path / "jupyter" / "lab" / "index.html").write_text("<p>lab</p>", encoding="utf-8")
    server, url = serve_in_thread(tmp_path)
    try:
        with urllib.request.urlopen(url + "index.html") as resp:
            assert resp.headers[COOP] == "same-origin", dict(resp.headers)
            assert resp.headers[COEP] == "require-corp", dict(resp.headers)
            assert resp.headers[CORP] == "same-origin", dict(resp.headers)
        with urllib.request.urlopen(url + "jupyter/lab/index.html?path=x.ipynb") as resp:
            assert resp.read() == b"<p>lab</p>"
            for name in (COOP, COEP, CORP):
                assert resp.headers[name] is None, f"jupyter/ was sent {name}: {resp.headers[name]}"
            assert resp.headers["Cache-Control"] == "no-cache"
        # A folder without its slash is redirected; the redirect is not isolated either.
        request = urllib.request.Request(url + "jupyter/lab", method="HEAD")
        opener = urllib.request.build_opener(_NoRedirect)
        with pytest.raises(urllib.error.HTTPError) as caught:
            opener.open(request)
        assert caught.value.code == 301
        assert caught.value.headers[COOP] is None
    finally:
        server.shutdown()
        server.server_close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# --------------------------------------------------------------------------- _headers


def parse_headers_file(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The rules of a Netlify / Cloudflare Pages ``_headers`` file: [(path pattern, headers)]."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            assert line.startswith("/"), f"_headers line {number}: a rule starts with /: {line!r}"
            rules.append((line.strip(), []))
            continue
        name, sep, value = line.strip().partition(":")
        assert sep and rules, f"_headers line {number}: expected 'Name: value' under a path"
        rules[-1][1].append((name.strip(), value.strip()))
    return rules


def rule_matches(pattern: str, path: str) -> bool:
    """Both hosts: ``*`` matches any characters, slashes included."""
    return re.fullmatch(".*".join(map(re.escape, pattern.split("*"))), path) is not None


def effective_headers(rules, path: str, merge: str) -> dict[str, str]:
    """The headers a host serves for `path`: every matching rule applies; a header set by
    two rules keeps the later value (merge="later", Netlify's CLI) or the values joined
    with ", " (merge="join", Cloudflare Pages)."""
    out: dict[str, str] = {}
    for pattern, headers in rules:
        if not rule_matches(pattern, path):
            continue
        for name, value in headers:
            if name in out and merge == "join":
                out[name] = f"{out[name]}, {value}"
            else:
                out[name] = value
    return out


def isolating(headers: dict[str, str]) -> bool:
    """Whether a browser would isolate a document with these headers: both policies must
    parse as the one token each (a comma list is not a valid policy: unsafe-none)."""
    return headers.get(COOP) == "same-origin" and headers.get(COEP) == "require-corp"


@pytest.mark.parametrize("merge", ["later", "join"])
def test_headers_file_isolates_everything_but_jupyter(merge):
    rules = parse_headers_file(offline.HEADERS)
    assert [p for p, _ in rules] == ["/*", "/jupyter/*"], rules
    for path in ISOLATED_PATHS:
        got = effective_headers(rules, path.split("?")[0], merge)
        assert isolating(got), f"{merge}: {path} should be isolated, gets {got}"
        assert got["Cache-Control"] == "no-cache", f"{merge}: {path} gets {got}"
    for path in ("/jupyter/", "/jupyter/lab/index.html", "/jupyter/service-worker.js"):
        got = effective_headers(rules, path, merge)
        assert not isolating(got), f"{merge}: {path} should not be isolated, gets {got}"
        assert "unsafe-none" in got[COOP] and "unsafe-none" in got[COEP], got
        assert got["Cache-Control"] == "no-cache", f"{merge}: {path} gets {got}"


def test_the_emulated_merges_are_what_the_hosts_do():
    rules = parse_headers_file("/*\n  A: 1\n  B: 2\n/x/*\n  A: 3\n")
    assert effective_headers(rules, "/x/y", "later") == {"A": "3", "B": "2"}
    assert effective_headers(rules, "/x/y", "join") == {"A": "1, 3", "B": "2"}
    assert effective_headers(rules, "/y", "join") == {"A": "1", "B": "2"}
    with pytest.raises(AssertionError, match="line 1: expected"):
        parse_headers_file("  A: 1\n")


def test_the_service_worker_leaves_jupyter_alone():
    """sw.js adds the isolation headers to what it answers; it must not answer for jupyter/."""
    source = (ROOT / "site" / "src" / "sw.js").read_text(encoding="utf-8")
    found = re.search(r"^const PASS_THROUGH = \[([^\]]*)\];", source, re.M)
    assert found, "site/src/sw.js: expected a line 'const PASS_THROUGH = [...];'"
    assert '"jupyter/"' in found.group(1), f"site/src/sw.js: PASS_THROUGH is [{found.group(1)}]"
    assert "PASS_THROUGH.some((prefix) => path.startsWith(prefix))) return;" in source, (
        "site/src/sw.js: expected onFetch to return early (no respondWith) for PASS_THROUGH"
    )
