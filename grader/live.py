"""A live loss curve: `LossCurve(title).add(value)` shows training progress while Run runs.

In CPython (tests, offline grading, notebooks) a curve only records its values
(`curve.values`). In the browser worker, the points of the curves made during a Run go to
the page while the code is still running, at most about ten times a second, through the
`nprlLive` function site/src/worker.js gives Python; the page draws them under the editor
(site/src/curve.js). The run result then carries every curve whole (`curves`), so the last
points are never lost to the throttle. Standard library only; `js` exists only in Pyodide.
"""

from __future__ import annotations

import json
import math
import sys
import time

__all__ = ["LossCurve"]

FLUSH_SECONDS = 0.1  # at most ~10 updates a second reach the page
MAX_TITLE = 80

# curves: those made since begin() (None: not in a Run, nothing is sent or collected)
_session: dict = {"curves": None, "send": None, "last": 0.0}


class LossCurve:
    """One curve of numbers (a loss per epoch or per batch), drawn live in the browser.

    >>> curve = LossCurve("training loss")
    >>> curve.add(2.3); curve.add(1.9)
    >>> curve.values
    [2.3, 1.9]
    """

    def __init__(self, title: str = "loss") -> None:
        self.title = str(title)[:MAX_TITLE]
        self.values: list[float] = []
        self._sent = 0
        curves = _session["curves"]
        self._key = None
        if curves is not None:
            self._key = len(curves)
            curves.append(self)

    def add(self, value) -> None:
        """Append one point (a number); the page redraws a few times a second."""
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise TypeError(
                f"LossCurve.add() expects one number (a float), got {type(value).__name__}"
            ) from None
        self.values.append(number)
        if self._key is not None and _session["send"] is not None:
            now = time.monotonic()
            if now - _session["last"] >= FLUSH_SECONDS:
                _session["last"] = now
                _flush()

    def __len__(self) -> int:
        return len(self.values)

    def __repr__(self) -> str:
        return f"LossCurve({self.title!r}, {len(self.values)} points)"


def _finite(values: list[float]) -> list:
    """JSON has no NaN or infinity: they travel as null (the page leaves a gap)."""
    return [v if math.isfinite(v) else None for v in values]


def _flush() -> None:
    parts = []
    for curve in _session["curves"] or ():
        if len(curve.values) > curve._sent:
            new = curve.values[curve._sent :]
            parts.append(
                {
                    "key": curve._key,
                    "title": curve.title,
                    "start": curve._sent,
                    "values": _finite(new),
                }
            )
            curve._sent = len(curve.values)
    if parts:
        try:
            _session["send"](json.dumps({"curves": parts}))
        except Exception:  # the page is gone or refused: keep running, stop sending
            _session["send"] = None


def _browser_sender():
    """The worker's `nprlLive` function when running in the site's worker, else None."""
    if sys.platform != "emscripten":
        return None
    try:
        import js  # Pyodide only
    except ImportError:
        return None
    return getattr(js, "nprlLive", None)


def begin() -> None:
    """Start collecting the curves of one Run (grader.runner.run_code calls this)."""
    _session.update(curves=[], send=_browser_sender(), last=time.monotonic())


def end() -> list[dict]:
    """Stop collecting; return every curve of the Run as {"title", "values"}."""
    curves = _session["curves"] or []
    _session.update(curves=None, send=None)
    for curve in curves:
        curve._key = None
    return [{"title": c.title, "values": _finite(c.values)} for c in curves]
