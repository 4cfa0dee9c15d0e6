"""Sealed exercise bundles: the answer key and hidden tests travel to the browser unreadable.

The site's exercise JSON (and the notebooks' exercises.json) hold the hidden `tests` and the
quiz `questions` (answers, explanations, model answers) only in a sealed part, which
`open_bundle` decodes inside the grader at Check time. The key sits next to the data:
this keeps answers out of plain sight (page source, the network tab, a glance at the
JSON), it does not keep them from a student who decodes the part on purpose; see
docs/security.md. The seal also holds `solution_key`, the AES-GCM key of the page's
sealed worked solution (builder/seal.py); `grader.check` hands it out only in the result
of a Check that unlocks the solution.

Cipher: SHAKE-256(key || nonce) as a key stream, XOR, then HMAC-SHA256 over nonce and
ciphertext (standard library only, identical in CPython and Pyodide). Everything is
derived from the content, so builds stay byte-identical.
"""

from __future__ import annotations

import ast
import base64
import hashlib
import hmac
import json

from .errors import GraderError

SCHEME = "nprl-seal/1"
# What only the grader may read; `solution`, `explanation` and `hints` are not shipped.
SEALED_KEYS = ("tests", "questions")
DROPPED_KEYS = ("solution", "explanation", "hints")  # hints: in the page, free to open


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _xor(data: bytes, key: bytes, nonce: bytes) -> bytes:
    stream = hashlib.shake_256(key + nonce).digest(len(data))
    n = len(data)
    return (int.from_bytes(data, "big") ^ int.from_bytes(stream, "big")).to_bytes(n, "big")


def derive_key(label: str, bundle: dict) -> bytes:
    """A 32-byte key from a label and the exercise's secret content (deterministic)."""
    secret = {k: bundle.get(k) for k in (*SEALED_KEYS, *DROPPED_KEYS)}
    text = json.dumps([SCHEME, label, bundle.get("id"), secret], sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).digest()


def solution_key(bundle: dict) -> str:
    """The base64 AES-256 key of the page's sealed solution for this exercise."""
    return _b64(derive_key("solution", bundle))


def imports_of(source: str) -> list[str]:
    """Top-level module names the hidden tests import (the worker loads their packages)."""
    try:
        tree = ast.parse(source or "")
    except SyntaxError:
        return []
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return sorted(names)


def seal_bundle(bundle: dict) -> dict:
    """The bundle as the browser gets it: tests and questions sealed, no solution."""
    if "sealed" in bundle:
        return dict(bundle)
    key = derive_key("grader", bundle)
    secret = {k: bundle[k] for k in SEALED_KEYS if k in bundle}
    secret["solution_key"] = solution_key(bundle)
    plain = json.dumps(secret, sort_keys=True, ensure_ascii=False).encode("utf-8")
    nonce = hashlib.sha256(key + plain).digest()[:16]
    data = _xor(plain, key, nonce)
    tag = hmac.new(key, nonce + data, hashlib.sha256).digest()
    out = {k: v for k, v in bundle.items() if k not in (*SEALED_KEYS, *DROPPED_KEYS)}
    out["imports"] = imports_of(bundle.get("tests", ""))
    out["sealed"] = {
        "scheme": SCHEME,
        "key": _b64(key),
        "nonce": _b64(nonce),
        "data": _b64(data),
        "tag": _b64(tag),
    }
    return out


def open_bundle(bundle: dict) -> tuple[dict, str | None]:
    """(the bundle with its sealed part restored, the solution key or None if not sealed)."""
    sealed = bundle.get("sealed")
    if sealed is None:
        return bundle, None
    where = f"exercise {bundle.get('id')!r}"
    try:
        if sealed["scheme"] != SCHEME:
            raise GraderError(f"{where}: sealed with {sealed['scheme']!r}, expected {SCHEME!r}")
        key, nonce, data, tag = (
            base64.b64decode(sealed[k], validate=True) for k in ("key", "nonce", "data", "tag")
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise GraderError(f"{where}: the sealed part is malformed ({exc})") from None
    if not hmac.compare_digest(hmac.new(key, nonce + data, hashlib.sha256).digest(), tag):
        raise GraderError(f"{where}: the sealed part is damaged (its checksum does not match)")
    secret = json.loads(_xor(data, key, nonce).decode("utf-8"))
    key_out = secret.pop("solution_key", None)
    opened = {k: v for k, v in bundle.items() if k not in ("sealed", "imports")}
    opened.update(secret)
    return opened, key_out
