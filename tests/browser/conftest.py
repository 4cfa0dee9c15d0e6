"""Browser tests: build the site once into a temp folder, serve it, drive it with Chromium."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.browser.chromium import LAUNCH_ARGS, ChromiumMissingError, find_chromium  # noqa: E402


def pytest_collection_modifyitems(config, items):
    """Every test under tests/browser/ is a `browser` test (the hook sees all items)."""
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(item.path).resolve().parents:
            item.add_marker("browser")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    try:
        return find_chromium()
    except ChromiumMissingError as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, chromium_path):
    return {**browser_type_launch_args, "executable_path": chromium_path, "args": LAUNCH_ARGS}


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site built once per session (NPRL_TEST_SITE=DIR reuses an existing build)."""
    import os

    import build

    if os.environ.get("NPRL_TEST_SITE"):
        return Path(os.environ["NPRL_TEST_SITE"])
    out = tmp_path_factory.mktemp("site") / "_site"
    build.build(out, prove=False)
    return out


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """The site as `make serve` serves it: cross-origin isolated, but for jupyter/."""
    from builder.serve import serve_in_thread

    server, url = serve_in_thread(built_site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def plain_site_url(built_site) -> str:
    """The same site without COOP/COEP: not cross-origin isolated (Stop must still work)."""
    from builder.serve import serve_in_thread

    server, url = serve_in_thread(built_site, isolated=False)
    yield url
    server.shutdown()
    server.server_close()
