"""Where the browser tests and benchmarks find Chromium (Debian's package, never a download)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

INSTALL_HINT = (
    "Chromium is needed for the browser tests. Install Debian's package as root: "
    "`apt-get update && apt-get install -y chromium` (the setup script does this), "
    "or point CHROMIUM=/path/to/chromium at another build. Never `playwright install`."
)


class ChromiumMissingError(RuntimeError):
    pass


def find_chromium() -> str:
    """Path of the Chromium executable, or ChromiumMissingError saying how to install it."""
    candidates = [os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")]
    for c in candidates:
        if c and Path(c).is_file() and os.access(c, os.X_OK):
            return c
    raise ChromiumMissingError(INSTALL_HINT)
