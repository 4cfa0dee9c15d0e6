"""Seal what a page must not show before the student has earned it.

In each exercise widget, the worked solution (`solution.py` and `explanation`) and, for a
quiz, each question's explanation and model answer are `<template>`s. This phase moves
their HTML into one AES-256-GCM ciphertext per exercise (site/tools/seal.mjs, node's
crypto), leaves the templates empty with `data-sealed="<n>"`, and puts the ciphertext in
`<script type="text/plain" data-role="sealed">` (hex, as is `data-iv`: no letters past f,
so no page check for a word such as "cdn" trips on it). The key is `grader.seal.solution_key`,
which only the grader can read (it is inside the exercise bundle's sealed part) and which it
returns in the result of a Check that unlocks the solution; site/src/sealed.js decrypts
with WebCrypto. What a determined student can still read: docs/security.md.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
from pathlib import Path

from builder.course import BuildError
from grader.seal import solution_key

SEALED_ROLES = ("solution-body", "explanation", "model")
_TEMPLATE = re.compile(
    r'<template data-role="(' + "|".join(SEALED_ROLES) + r')">(.*?)</template>', re.DOTALL
)


def split_widget(widget: str) -> tuple[str, list[str]]:
    """(the widget with its answer templates emptied and numbered, their HTML in order)."""
    parts: list[str] = []

    def empty(m: re.Match) -> str:
        parts.append(m.group(2))
        return f'<template data-role="{m.group(1)}" data-sealed="{len(parts) - 1}"></template>'

    return _TEMPLATE.sub(empty, widget), parts


def seal_widgets(widgets: dict[str, str], bundles: dict[str, dict], *, site_dir: Path) -> dict:
    """Every exercise widget (id -> rendered HTML) with its answers sealed."""
    items, shells = [], {}
    for ex_id in sorted(widgets):
        shell, parts = split_widget(widgets[ex_id])
        shells[ex_id] = shell
        if not parts:
            continue
        key = solution_key(bundles[ex_id])
        text = json.dumps(parts, ensure_ascii=False)
        iv = hashlib.sha256(base64.b64decode(key) + text.encode("utf-8")).digest()[:12]
        items.append((ex_id, {"key": key, "iv": base64.b64encode(iv).decode(), "text": text}))
    if not items:
        return shells
    script = site_dir / "tools" / "seal.mjs"
    proc = subprocess.run(
        ["node", str(script)],
        input=json.dumps([item for _, item in items]),
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise BuildError(f"{script}: node failed (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    sealed = json.loads(proc.stdout)
    if len(sealed) != len(items):
        raise BuildError(f"{script}: expected {len(items)} ciphertexts, got {len(sealed)}")
    for (ex_id, item), data in zip(items, sealed):
        iv_hex = base64.b64decode(item["iv"]).hex()
        shells[ex_id] = shells[ex_id].replace(
            '<script type="application/json" data-role="data">',
            f'<script type="text/plain" data-role="sealed" data-iv="{iv_hex}">{data}</script>\n'
            '<script type="application/json" data-role="data">',
            1,
        )
    return shells
