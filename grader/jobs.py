"""What one offline grading job is: the data a worker gets, its limits, quiz answers as data.

Shared by the parent (`grader.pool`, `grader.judge`) and the child (`grader.child`).
Standard library only; imports in Pyodide too (never used there).
"""

from __future__ import annotations

import math
import os

WORKER_KEYS = ("id", "title", "page", "kind", "points", "functions", "function_names",
               "time_limit", "seed", "tests")  # fmt: skip
MEMORY_LIMIT = 2 * 1024**3  # RLIMIT_AS of a child, bytes
MAX_REPORT = 64 * 1024 * 1024  # bytes a child may send back (its record, grader/record.py)
RECORD_BUDGET = 48 * 1024 * 1024  # bytes of values a record may hold; the rest is JSON
MAX_MESSAGE = 2000  # characters kept of one test message
FILE_SIZE_LIMIT = 64 * 1024 * 1024  # RLIMIT_FSIZE: what a child may write into its scratch
_DEBUG = os.environ.get("NPRL_ISOLATE_DEBUG")  # "1": children keep stderr (grader bugs)


# --------------------------------------------------------------------------- limits


def limits_for(bundle: dict) -> dict:
    """CPU and wall-clock limits of one job, from the spec's time_limit (seconds).

    The grader's own timer stops student code after `time_limit` seconds (the same message
    as in the browser); the CPU limit is the hard backstop for code that blocks that timer.
    """
    seconds = float(bundle.get("time_limit", 10))
    cpu = int(math.ceil(seconds)) + 1
    return {"time_limit": seconds, "cpu": cpu, "cpu_hard": cpu + 1, "wall": 2 * (cpu + 1) + 2}


def worker_bundle(bundle: dict) -> dict:
    """The part of a bundle a worker receives: no solution, bugs, path or answer keys."""
    if bundle.get("kind") == "quiz":
        return {k: bundle[k] for k in ("id", "kind", "points", "time_limit", "seed") if k in bundle}
    return {k: bundle[k] for k in WORKER_KEYS if k in bundle}


def trusted_tests(bundle: dict) -> list[dict]:
    """[{name, description, points}] in order: what a correct report must contain.

    Computed in the parent from the full bundle (the hidden tests are the instructor's
    code), so a child cannot add, drop, rename or re-weight a test.
    """
    if bundle.get("kind") == "quiz":
        from .errors import shorten

        return [
            {
                "name": q["id"],
                "description": shorten(" ".join(q["prompt"].split()), 120),
                "points": q.get("points", 0),  # explain questions: no automatic points
            }
            for q in bundle["questions"]
        ]
    from .runner import _doc, load_tests

    return [
        {"name": fn.__name__, "description": _doc(fn), "points": fn._grader_points}
        for fn in load_tests(bundle)
    ]


# ------------------------------------------------------------------ quiz answers as data


def encode_answers(value, depth: int = 0):
    """Student quiz answers as JSON, keeping every type distinction the quiz grader makes.

    Only exact builtin types are looked into (no student method ever runs); anything else
    becomes an opaque placeholder carrying its type name.
    """
    from .errors import describe_type

    t = type(value)
    if depth > 20:
        return {"$type": describe_type(value)}
    if value is None or t in (bool, int, str):
        if t is int and abs(value).bit_length() > 256:
            return {"$type": "int"}
        return value
    if t is float:
        return value if math.isfinite(value) else {"$float": repr(value)}
    if t is list:
        return [encode_answers(v, depth + 1) for v in value[:1000]]
    if t is tuple:
        return {"$tuple": [encode_answers(v, depth + 1) for v in value[:1000]]}
    if t is dict:
        if all(type(k) is str for k in value):
            return {"$dict": {k: encode_answers(v, depth + 1) for k, v in value.items()}}
    return {"$type": describe_type(value)}


def decode_answers(data):
    """Inverse of encode_answers (placeholders become instances of a look-alike class)."""
    if type(data) is list:
        return [decode_answers(v) for v in data]
    if type(data) is dict:
        if "$tuple" in data:
            return tuple(decode_answers(v) for v in data["$tuple"])
        if "$dict" in data:
            return {str(k): decode_answers(v) for k, v in data["$dict"].items()}
        if "$float" in data:
            return float(data["$float"])
        name = str(data.get("$type", "object"))
        return type("Opaque", (), {"__qualname__": name, "__module__": "builtins"})()
    return data
