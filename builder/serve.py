"""A local static server for the built site, cross-origin isolated (COOP/COEP) for Pyodide."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files with the isolation headers and the MIME types Pyodide needs."""

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
        if not self.server.plain:  # type: ignore[attr-defined]
            if self.server.isolated:  # type: ignore[attr-defined]
                self.send_header("Cross-Origin-Opener-Policy", "same-origin")
                self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
            self.send_header("Cross-Origin-Resource-Policy", "same-origin")
            self.send_header("Cache-Control", "no-cache")
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
