"""Package ``grader/`` as a deterministic pure-Python wheel for Pyodide.

``build_grader_wheel(out_dir)`` writes ``nprl_grader-<version>-py3-none-any.whl``: every
``.py`` file under ``grader/`` plus ``METADATA``, ``WHEEL``, ``top_level.txt`` and ``RECORD``,
with sorted entries, fixed timestamps and fixed permissions, so two builds of the same
sources are byte-identical. The browser loads it with
``pyodide.loadPackage(["numpy", "nprl-grader"])`` after
``builder.pyodide_dist.add_wheels_to_lock`` has listed it in the dist's lock file.
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
import tomllib
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DIST_NAME = "nprl_grader"
PROJECT_NAME = "nprl-grader"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold


def _project_meta() -> tuple[str, str, str]:
    """(version, summary, requires-python) from pyproject.toml."""
    data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    project = data["project"]
    return (
        project["version"],
        project.get("description", ""),
        project.get("requires-python", ">=3.11"),
    )


def _record_hash(data: bytes) -> str:
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def grader_files(package_dir: Path | None = None) -> dict[str, bytes]:
    """Archive name -> bytes for every .py file under grader/ (no caches)."""
    package_dir = Path(package_dir) if package_dir else REPO / "grader"
    if not (package_dir / "__init__.py").is_file():
        raise FileNotFoundError(f"{package_dir}/__init__.py: the grader package is missing")
    files = {}
    for path in sorted(package_dir.rglob("*.py")):
        rel = path.relative_to(package_dir)
        if "__pycache__" in rel.parts:
            continue
        files[f"grader/{rel.as_posix()}"] = path.read_bytes()
    return files


def build_grader_wheel(out_dir, *, package_dir=None) -> Path:
    """Build the grader wheel into ``out_dir`` and return its path."""
    version, summary, requires_python = _project_meta()
    if not re.fullmatch(r"[0-9A-Za-z.+!]+", version):
        raise ValueError(f"pyproject.toml: project.version {version!r} is not a wheel version")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    info = f"{DIST_NAME}-{version}.dist-info"
    files = grader_files(package_dir)
    files[f"{info}/METADATA"] = (
        "Metadata-Version: 2.1\n"
        f"Name: {PROJECT_NAME}\n"
        f"Version: {version}\n"
        f"Summary: {summary}\n"
        f"Requires-Python: {requires_python}\n"
        "License: MIT\n"
    ).encode()
    files[f"{info}/WHEEL"] = (
        b"Wheel-Version: 1.0\n"
        b"Generator: builder.grader_wheel\n"
        b"Root-Is-Purelib: true\n"
        b"Tag: py3-none-any\n"
    )
    files[f"{info}/top_level.txt"] = b"grader\n"
    record_name = f"{info}/RECORD"
    record_lines = [
        f"{name},{_record_hash(data)},{len(data)}" for name, data in sorted(files.items())
    ]
    record_lines.append(f"{record_name},,")
    files[record_name] = ("\n".join(record_lines) + "\n").encode()

    # dist-info last (RECORD at the very end), package files first, each group sorted.
    order = sorted(n for n in files if not n.startswith(info)) + sorted(
        n for n in files if n.startswith(info) and n != record_name
    )
    order.append(record_name)
    target = out_dir / f"{DIST_NAME}-{version}-py3-none-any.whl"
    tmp = target.with_name(target.name + ".tmp")
    with zipfile.ZipFile(tmp, "w") as zf:
        for name in order:
            zinfo = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            zinfo.compress_type = zipfile.ZIP_DEFLATED
            zinfo.external_attr = (0o100644 & 0xFFFF) << 16
            zinfo.create_system = 3  # unix, whatever the building machine is
            zf.writestr(zinfo, files[name], compresslevel=9)
    tmp.replace(target)
    return target


if __name__ == "__main__":
    print(build_grader_wheel(sys.argv[1] if len(sys.argv) > 1 else REPO / "dist"))
