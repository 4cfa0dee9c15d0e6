"""Load exercise folders (spec.yaml + files) into JSON-ready bundles, collecting every problem.

PyYAML is imported inside `load_exercise`: it is a build-time dependency, never needed in
the browser, which receives the bundles as JSON.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import SpecError
from .quiz import QUESTION_TYPES

KINDS = ("code", "debug", "quiz")
ROLES = ("core", "practice", "checkpoint")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_SIGNATURE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*\(.*\)$")


def _is_str(v) -> bool:
    return isinstance(v, str) and v.strip() != ""


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _is_str_list(v) -> bool:
    return isinstance(v, list) and all(_is_str(x) for x in v)


# key -> (required, check, what the check expects). `functions` and `questions` have
# kind-dependent rules on top. docs/spec-reference.md documents every key (a test checks).
SPEC_KEYS = {
    "id": (True, _is_str, "a snake_case string"),
    "title": (True, _is_str, "a non-empty string"),
    "page": (True, _is_str, "a page slug"),
    "kind": (True, lambda v: v in KINDS, "one of " + ", ".join(KINDS)),
    "role": (False, lambda v: v in ROLES, "one of " + ", ".join(ROLES)),
    "points": (True, lambda v: _is_int(v) and v > 0, "a positive int"),
    "functions": (False, _is_str_list, "a list of signatures like 'softmax(x, axis=-1)'"),
    "prompt": (True, _is_str, "a Markdown string"),
    "hints": (False, _is_str_list, "a list of Markdown strings"),
    "explanation": (False, _is_str, "a Markdown string"),
    "time_limit": (False, lambda v: _is_number(v) and v > 0, "a positive number of seconds"),
    "seed": (False, _is_int, "an int"),
    "tags": (False, _is_str_list, "a list of strings"),
    "order": (False, _is_int, "an int"),
    "questions": (False, lambda v: isinstance(v, list) and len(v) > 0, "a non-empty list"),
    "unlock_after_checks": (
        False,
        lambda v: _is_int(v) and 0 < v <= 100,
        "a positive int (at most 100): failed Checks that unlock the worked solution",
    ),
}
DEFAULTS = {
    "role": "core",
    "hints": [],
    "explanation": "",
    "time_limit": 10,
    "seed": 0,
    "tags": [],
    "order": 0,
    "functions": [],
}


def _is_distinct_strs(v, n: int = 2) -> bool:
    return _is_str_list(v) and len(v) >= n


def _is_pair_list(v) -> bool:
    return (
        isinstance(v, list)
        and len(v) >= 2
        and all(isinstance(p, list) and len(p) == 2 and all(_is_str(x) for x in p) for p in v)
    )


QUESTION_KEYS = {
    "id": (True, _is_str, "a string"),
    "type": (True, lambda v: v in QUESTION_TYPES, "one of " + ", ".join(QUESTION_TYPES)),
    "prompt": (True, _is_str, "a Markdown string"),
    "points": (False, lambda v: _is_int(v) and v > 0, "a positive int"),
    "choices": (False, lambda v: _is_str_list(v) and len(v) >= 2, "a list of 2+ strings"),
    "answer": (False, lambda v: v is not None, "the right answer"),
    "tolerance": (False, lambda v: _is_number(v) and v >= 0, "a non-negative number"),
    "items": (False, _is_distinct_strs, "a list of 2+ distinct strings in the right order"),
    "pairs": (False, _is_pair_list, "a list of 2+ [left, right] pairs of strings"),
    "model_answer": (False, _is_str, "a non-empty Markdown string"),
    "rubric": (False, lambda v: _is_str_list(v) and len(v) > 0, "a non-empty list of strings"),
    "ta_points": (False, lambda v: _is_int(v) and v > 0, "a positive int"),
    "explanation": (False, _is_str, "a Markdown string"),
}
# The keys each type needs and may have, besides id, type, prompt and explanation.
_TYPE_KEYS = {
    "single": (("points", "choices", "answer"), ()),
    "multiple": (("points", "choices", "answer"), ()),
    "numeric": (("points", "answer"), ("tolerance",)),
    "ordering": (("points", "items"), ()),
    "match": (("points", "pairs"), ()),
    "explain": (("ta_points", "model_answer", "rubric"), ()),
}
_COMMON_KEYS = ("id", "type", "prompt", "explanation")


def _received(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _check_keys(data: dict, table: dict, path: str, prefix: str = "") -> list[SpecError]:
    problems = []
    for key, (required, ok, expected) in table.items():
        if key not in data:
            if required:
                problems.append(SpecError(path, "missing (required)", key=prefix + key))
        elif not ok(data[key]):
            problems.append(
                SpecError(
                    path, f"expected {expected}, got {_received(data[key])}", key=prefix + key
                )
            )
    for key in data:
        if key not in table:
            known = ", ".join(table)
            problems.append(
                SpecError(path, f"unknown key (known keys: {known})", key=prefix + str(key))
            )
    return problems


def _first_repeat(values: list) -> str | None:
    seen = set()
    for v in values:
        key = " ".join(str(v).split()).lower()
        if key in seen:
            return v
        seen.add(key)
    return None


def _check_question(q, i: int, path: str) -> list[SpecError]:
    prefix = f"questions[{i}]."
    if not isinstance(q, dict):
        return [SpecError(path, f"expected a mapping, got {_received(q)}", key=f"questions[{i}]")]
    qtype = q.get("type")
    if qtype == "short" or "keywords" in q:
        return [
            SpecError(
                path,
                "the keyword-matched 'short' type was removed (keywords cannot tell an answer "
                "from its negation): use type explain with model_answer, rubric and ta_points",
                key=prefix + ("type" if qtype == "short" else "keywords"),
            )
        ]
    problems = _check_keys(q, QUESTION_KEYS, path, prefix)
    if qtype not in _TYPE_KEYS:
        return problems
    need, may = _TYPE_KEYS[qtype]
    for key in need:
        if key not in q:
            problems.append(
                SpecError(path, f"missing (required for type {qtype})", key=prefix + key)
            )
    allowed = set(_COMMON_KEYS) | set(need) | set(may)
    for key in q:
        if key in QUESTION_KEYS and key not in allowed:
            why = (
                ": explain questions carry no automatic points, give ta_points instead"
                if qtype == "explain" and key == "points"
                else ""
            )
            problems.append(
                SpecError(
                    path,
                    f"not used by type {qtype} (its keys: {', '.join(sorted(allowed))}){why}",
                    key=prefix + key,
                )
            )
    answer, choices = q.get("answer"), q.get("choices") or []
    if qtype == "single" and "answer" in q and not (_is_int(answer) and 0 <= answer < len(choices)):
        problems.append(
            SpecError(
                path,
                f"expected a choice index 0..{len(choices) - 1}, got {_received(answer)}",
                key=prefix + "answer",
            )
        )
    if (
        qtype == "multiple"
        and "answer" in q
        and not (
            isinstance(answer, list)
            and answer
            and all(_is_int(a) and 0 <= a < len(choices) for a in answer)
        )
    ):
        problems.append(
            SpecError(
                path,
                f"expected a list of choice indices, got {_received(answer)}",
                key=prefix + "answer",
            )
        )
    if qtype == "numeric" and "answer" in q and not _is_number(answer):
        problems.append(
            SpecError(path, f"expected a number, got {_received(answer)}", key=prefix + "answer")
        )
    if qtype == "ordering" and _is_distinct_strs(q.get("items")):
        twice = _first_repeat(q["items"])
        if twice is not None:
            problems.append(
                SpecError(
                    path,
                    f"expected distinct items, got {_received(twice)} twice",
                    key=prefix + "items",
                )
            )
    if qtype == "match" and _is_pair_list(q.get("pairs")):
        for side, name in ((0, "left"), (1, "right")):
            twice = _first_repeat([p[side] for p in q["pairs"]])
            if twice is not None:
                problems.append(
                    SpecError(
                        path,
                        f"expected distinct {name} items, got {_received(twice)} twice",
                        key=prefix + "pairs",
                    )
                )
    return problems


def _read_text(path: Path, problems: list, *, required: bool) -> str | None:
    if not path.exists():
        if required:
            problems.append(SpecError(path, "missing file"))
        return None
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(SpecError(path, f"not UTF-8 ({exc.reason} at byte {exc.start})"))
        return None


def load_exercise(folder) -> dict:
    """Read one exercise folder into a bundle; raise ExerciseError listing every problem."""
    import yaml

    folder = Path(folder)
    spec_path = folder / "spec.yaml"
    problems: list[SpecError] = []
    text = _read_text(spec_path, problems, required=True)
    data = None
    if text is not None:
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            problems.append(SpecError(spec_path, f"invalid YAML{where}: {problem}"))
        else:
            if not isinstance(data, dict):
                problems.append(
                    SpecError(spec_path, f"expected a mapping of keys, got {type(data).__name__}")
                )
                data = None
    if data is not None:
        problems += _check_keys(data, SPEC_KEYS, str(spec_path))
        problems += _check_semantics(data, folder, spec_path)
    kind = data.get("kind") if data else None
    files = {}
    for name in ("starter.py", "solution.py", "tests.py"):
        required = name != "tests.py" or kind in ("code", "debug")
        files[name] = _read_text(folder / name, problems, required=required)
    bugs = {}
    if (folder / "bugs").is_dir():
        for bug in sorted((folder / "bugs").glob("*.py")):
            src = _read_text(bug, problems, required=True)
            if src is not None:
                bugs[bug.name] = src
    if problems:
        raise ExerciseError(problems)
    bundle = {**DEFAULTS, **data}
    bundle["function_names"] = [_SIGNATURE.match(s).group(1) for s in bundle["functions"]]
    bundle["starter"] = files["starter.py"]
    bundle["solution"] = files["solution.py"]
    bundle["tests"] = files["tests.py"] or ""
    bundle["bugs"] = bugs
    bundle["path"] = folder.as_posix()
    return bundle


def _check_semantics(data: dict, folder: Path, spec_path: Path) -> list[SpecError]:
    problems = []
    ex_id = data.get("id")
    if _is_str(ex_id) and not _ID.match(ex_id):
        problems.append(SpecError(spec_path, f"expected snake_case, got {ex_id!r}", key="id"))
    elif _is_str(ex_id) and ex_id != folder.name:
        problems.append(
            SpecError(
                spec_path, f"expected the folder name {folder.name!r}, got {ex_id!r}", key="id"
            )
        )
    if _is_str(data.get("page")) and data["page"] != folder.parent.name:
        problems.append(
            SpecError(
                spec_path,
                f"expected the parent folder name {folder.parent.name!r}, got {data['page']!r}",
                key="page",
            )
        )
    kind = data.get("kind")
    functions = data.get("functions")
    if kind in ("code", "debug"):
        if not functions:
            problems.append(
                SpecError(spec_path, f"missing (required for kind {kind})", key="functions")
            )
        elif _is_str_list(functions):
            for sig in functions:
                if not _SIGNATURE.match(sig.strip()):
                    problems.append(
                        SpecError(
                            spec_path,
                            f"expected a signature like 'name(arg, ...)', got {sig!r}",
                            key="functions",
                        )
                    )
        if "questions" in data:
            problems.append(
                SpecError(
                    spec_path,
                    f"only quiz exercises have questions (kind is {kind})",
                    key="questions",
                )
            )
    if kind == "quiz":
        questions = data.get("questions")
        if "questions" not in data:
            problems.append(
                SpecError(spec_path, "missing (required for kind quiz)", key="questions")
            )
        elif isinstance(questions, list):
            ids = set()
            for i, q in enumerate(questions):
                problems += _check_question(q, i, str(spec_path))
                if isinstance(q, dict) and q.get("id") in ids:
                    problems.append(
                        SpecError(
                            spec_path,
                            f"duplicate question id {q['id']!r}",
                            key=f"questions[{i}].id",
                        )
                    )
                ids.add(q.get("id") if isinstance(q, dict) else None)
            total = sum(
                q.get("points", 0)
                for q in questions
                if isinstance(q, dict) and _is_int(q.get("points"))
            )
            if questions and all(
                isinstance(q, dict) and q.get("type") == "explain" for q in questions
            ):
                problems.append(
                    SpecError(
                        spec_path,
                        "expected at least one question with automatic points "
                        "(explain questions carry none)",
                        key="questions",
                    )
                )
            if _is_int(data.get("points")) and total and total != data["points"]:
                problems.append(
                    SpecError(
                        spec_path,
                        f"expected the sum of the questions' "
                        f"points ({total}), got {data['points']}",
                        key="points",
                    )
                )
    return problems


class ExerciseError(Exception):
    """Every problem found in one exercise folder."""

    def __init__(self, problems: list[SpecError]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def find_exercises(root="exercises") -> list[Path]:
    """Every exercise folder (a folder holding spec.yaml) under `root`, sorted."""
    root = Path(root)
    if (root / "spec.yaml").exists():
        return [root]
    return sorted(p.parent for p in root.rglob("spec.yaml") if "bugs" not in p.parts)


def load_all(root="exercises") -> tuple[list[dict], list[SpecError]]:
    """Load every exercise under `root`; return (bundles, problems), never stopping early."""
    bundles, problems = [], []
    seen: dict[str, str] = {}
    for folder in find_exercises(root):
        try:
            bundle = load_exercise(folder)
        except ExerciseError as exc:
            problems += exc.problems
            continue
        if bundle["id"] in seen:
            problems.append(
                SpecError(
                    folder / "spec.yaml",
                    f"duplicate id {bundle['id']!r} (also in {seen[bundle['id']]})",
                    key="id",
                )
            )
            continue
        seen[bundle["id"]] = bundle["path"]
        bundles.append(bundle)
    return bundles, problems


def browser_bundle(bundle: dict) -> dict:
    """The part of a bundle the site ships (no bug bank, no local path)."""
    return {k: v for k, v in bundle.items() if k not in ("bugs", "path")}
