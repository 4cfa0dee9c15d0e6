"""The course as the site builder sees it: the table of contents and the exercise bundles."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path


class BuildError(Exception):
    """A problem in the course sources; the message names the file (and line or key)."""


@dataclass
class Page:
    """One entry of content/course.yaml, in table-of-contents order."""

    slug: str
    title: str
    checkpoint: bool = False
    source: Path | None = None  # content/<slug>.md, or None while the page is not written
    exercises: list[str] = field(default_factory=list)  # ids, in the order the page places them


@dataclass
class Course:
    title: str
    version: str
    pages: list[Page]
    exercises: dict[str, dict]  # id -> exercise bundle (plain JSON-serialisable dict)


def load_course(root: Path) -> Course:
    """Read content/course.yaml and every exercise bundle under exercises/."""
    import yaml

    path = root / "content" / "course.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BuildError(f"{_rel(path, root)}: file not found") from None
    except yaml.YAMLError as exc:
        raise BuildError(f"{_rel(path, root)}: invalid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise BuildError(f"{_rel(path, root)}: expected a mapping at the top level")
    for key in ("title", "version", "pages"):
        if key not in data:
            raise BuildError(f"{_rel(path, root)}: missing key '{key}'")
    pages: list[Page] = []
    seen: set[str] = set()
    for i, entry in enumerate(data["pages"]):
        if not isinstance(entry, dict) or "slug" not in entry or "title" not in entry:
            raise BuildError(
                f"{_rel(path, root)}: pages[{i}]: expected {{slug, title}}, got {entry!r}"
            )
        slug = str(entry["slug"])
        if slug in seen:
            raise BuildError(f"{_rel(path, root)}: pages[{i}]: duplicate slug '{slug}'")
        seen.add(slug)
        source = root / "content" / f"{slug}.md"
        pages.append(
            Page(
                slug=slug,
                title=str(entry["title"]),
                checkpoint=bool(entry.get("checkpoint", False)),
                source=source if source.is_file() else None,
            )
        )
    exercises = discover_exercises(root)
    for ex_id, bundle in exercises.items():
        if bundle.get("page") not in seen:
            raise BuildError(
                f"exercises/{bundle.get('page')}/{ex_id}/spec.yaml: key 'page': "
                f"'{bundle.get('page')}' is not a page slug in content/course.yaml"
            )
    return Course(str(data["title"]), str(data["version"]), pages, exercises)


def discover_exercises(root: Path) -> dict[str, dict]:
    """Load every exercise bundle, keyed by id, with the grader's loader (the browser part)."""
    from grader.spec import browser_bundle, load_all

    bundles, problems = load_all(root / "exercises")
    if problems:
        raise BuildError("\n".join(str(p) for p in problems))
    return {b["id"]: browser_bundle(b) for b in sorted(bundles, key=lambda b: b["id"])}


def starter_hash(bundle: dict) -> str:
    """A short fingerprint of the starter, stored with each save to notice starter changes."""
    return hashlib.sha256(bundle.get("starter", "").encode("utf-8")).hexdigest()[:16]


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
