"""The OS sandbox around the grading workers (bubblewrap). STUB: being written.

`resolve(mode)` -> Sandbox (or raises SandboxUnavailable with one line saying how to
install bubblewrap); `sandbox.wrap(argv, env)` -> the zygote's command line and
environment; `sandbox.protections` -> the list recorded with every result.
"""

from __future__ import annotations

MODES = ("bwrap", "none")


class SandboxUnavailable(RuntimeError):
    """The requested sandbox cannot run here (the message says how to fix that)."""


class Sandbox:
    def __init__(self, mode: str):
        self.mode = mode
        self.protections = ["process per job", "resource limits", "audit hook"]

    def wrap(self, argv: list[str], env: dict) -> tuple[list[str], dict]:
        return argv, env


def resolve(mode: str = "bwrap") -> Sandbox:
    if mode not in MODES:
        raise SandboxUnavailable(f"unknown sandbox {mode!r}: expected one of {', '.join(MODES)}")
    return Sandbox(mode)
