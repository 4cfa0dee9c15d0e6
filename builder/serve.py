"""A local static server for the built site, cross-origin isolated (COOP/COEP) for Pyodide.

Every page is isolated except JupyterLite's (``jupyter/``): cross-origin isolated,
jupyterlite-pyodide-kernel 0.6.1 talks to its worker through "coincident" (SharedArrayBuffer
and Atomics), whose main-thread side calls ``Atomics.waitAsync(...).value.then(...)``. When
the worker has answered before the page starts to wait (a race that a busy machine wins
often), ``waitAsync`` returns ``{async: false, value: "not-equal"}``, the ``.then`` throws
"value.then is not a function", and the cell's execute request never completes: its output
arrives but it stays at ``[*]``. Not isolated, the kernel uses plain ``postMessage``.
"""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

# Top-level folders served without COOP/COEP/CORP even by the isolated server (see above;
# builder/offline.py's _headers and site/src/sw.js leave them out too).
NOT_ISOLATED = ("jupyter",)
ISOLATION = (
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Embedder-Policy", "require-corp"),
)
CORP = ("Cross-Origin-Resource-Policy", "same-origin")


def top_folder(request_path: str) -> str:
    """The first folder of a request path, as SimpleHTTPRequestHandler maps it to a file
    ("/jupyter/lab/index.html?x" -> "jupyter"; "/index.html" -> "index.html"; "/" -> "")."""
    path = request_path.split("?", 1)[0].split("#", 1)[0]  # as translate_path reads it
    words = [w for w in unquote(path).split("/") if w not in ("", ".", "..")]
    return words[0] if words else ""


def headers_for(request_path: str, *, isolated: bool, plain: bool) -> list[tuple[str, str]]:
    """The server's own headers for one request: COOP/COEP when `isolated`, CORP and
    no-cache unless `plain`; never COOP/COEP/CORP for a folder of NOT_ISOLATED."""
    if plain:
        return []
    headers: list[tuple[str, str]] = []
    if top_folder(request_path) not in NOT_ISOLATED:
        if isolated:
            headers.extend(ISOLATION)
        headers.append(CORP)
    headers.append(("Cache-Control", "no-cache"))
    return headers


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files with the isolation headers (`headers_for`) and the MIME types Pyodide needs."""

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".ipynb": "application/json",
        ".whl": "application/octet-stream",
        ".zip": "application/zip",
        ".woff2": "font/woff2",
        ".svg": "image/svg+xml",
    }

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        if self.server.offline:  # type: ignore[attr-defined]
            self.close_connection = True  # no answer at all, as with no network
            return
        super().do_GET()

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib name
        if self.server.offline:  # type: ignore[attr-defined]
            self.close_connection = True
            return
        super().do_HEAD()

    def end_headers(self) -> None:
        server = self.server
        for name, value in headers_for(
            getattr(self, "path", ""),  # unset when the request line itself was refused
            isolated=server.isolated,  # type: ignore[attr-defined]
            plain=server.plain,  # type: ignore[attr-defined]
        ):
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        if self.server.verbose:  # type: ignore[attr-defined]
            super().log_message(format, *args)


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        import sys

        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the browser closed a connection early (navigation, worker restart)
        super().handle_error(request, client_address)


def make_server(
    directory: Path,
    *,
    port: int = 8000,
    verbose: bool = False,
    isolated: bool = True,
    plain: bool = False,
) -> ThreadingHTTPServer:
    """A server for `directory` on 127.0.0.1 (port 0 picks a free port).

    `isolated=True` sends COOP/COEP for every path but ``jupyter/`` (see `headers_for`);
    `isolated=False` drops COOP/COEP (tests use it to exercise the non-isolated fallback);
    `plain=True` sends no header of its own at all, like a plain static host (GitHub Pages
    without headers, a bare web server): no isolation, CORP or Cache-Control. Setting
    `server.offline = True` later makes it drop every request unanswered (tests and
    benchmarks of the offline copy: the browser sees no network).
    """
    handler = functools.partial(SiteHandler, directory=str(directory))
    server = SiteServer(("127.0.0.1", port), handler)
    server.verbose = verbose  # type: ignore[attr-defined]
    server.isolated = isolated and not plain  # type: ignore[attr-defined]
    server.plain = plain  # type: ignore[attr-defined]
    server.offline = False  # type: ignore[attr-defined]
    return server


def url_of(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}/"


def serve_in_thread(
    directory: Path, *, port: int = 0, isolated: bool = True, plain: bool = False
) -> tuple[ThreadingHTTPServer, str]:
    """Start a server in a daemon thread (tests, benchmarks); returns it and its URL."""
    server = make_server(directory, port=port, isolated=isolated, plain=plain)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, url_of(server)


def serve_forever(directory: Path, *, port: int = 8000) -> None:
    """Serve until Ctrl+C, printing the URL."""
    server = make_server(directory, port=port, verbose=True)
    print(f"Serving {directory} at {url_of(server)} (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
