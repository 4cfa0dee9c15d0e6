"""`python -m grader validate`: check every spec, then prove every exercise's files behave."""

from __future__ import annotations

import re
from pathlib import Path

from .errors import SpecError
from .spec import load_all


def _request(bundle: dict, code: str) -> dict:
    return {"action": "check", "exercise": bundle, "code": code}


def _grade(bundle: dict, code: str) -> dict:
    from . import check

    return check(_request(bundle, code))


def _summary_of_failures(result: dict) -> str:
    if result["error"]:
        return f"{result['error']['title']}: {result['error']['message']}"
    failed = [t for t in result["tests"] if not t["passed"]]
    return "; ".join(f"test '{t['name']}' failed: {t['message']}" for t in failed[:3])


_EXPECT = re.compile(r"^#\s*expect:(.*)$", re.IGNORECASE)


def bug_expectation(source: str) -> str | None:
    """The `# expect: <substring>` of a bug file's leading comment block, or None.

    Only the comment lines before the first line of code count; an empty substring is
    returned as "" so that validate can say it is empty rather than missing.
    """
    for line in source.splitlines():
        line = line.strip()
        if not line.startswith("#"):
            if line:
                break
            continue
        match = _EXPECT.match(line)
        if match:
            return match.group(1).strip()
    return None


def _squash(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def failure_messages(result: dict) -> list[str]:
    """Every message a failing check result shows: the error's title and message, then
    the message of each failed test."""
    texts = []
    if result["error"]:
        texts.append(f"{result['error']['title']}: {result['error']['message']}")
    texts += [t["message"] for t in result["tests"] if not t["passed"]]
    return texts


def check_expectation(source: str, result: dict) -> str | None:
    """Why a caught bug's result does not prove its `# expect:` line, or None if it does.

    The substring must occur in one failure message, ignoring case and runs of white space.
    """
    expected = bug_expectation(source)
    if expected is None:
        return (
            "no '# expect: <substring>' line in the leading comment "
            "(state the message this bug must trigger; see docs/spec-reference.md)"
        )
    if not expected:
        return "the '# expect:' line is empty (give a substring of the failure message)"
    want = _squash(expected)
    if any(want in _squash(text) for text in failure_messages(result)):
        return None
    got = " ".join(_summary_of_failures(result).split())
    if len(got) > 300:
        got = got[:297] + "..."
    return f"expected a failing message containing {expected!r}, got: {got}"


def _course_slugs(root: Path) -> set[str] | None:
    course = root.resolve().parent / "content" / "course.yaml"
    if not course.exists():
        return None
    import yaml

    data = yaml.safe_load(course.read_text(encoding="utf-8")) or {}
    return {p.get("slug") for p in data.get("pages", []) if isinstance(p, dict)}


def prove_exercise(bundle: dict) -> tuple[list[str], list[str], dict]:
    """Grade solution, starter and bugs; return (problems, warnings, counts)."""
    from .runner import load_tests
    from .scaffold import find_placeholders

    where = bundle["path"]
    problems, warnings = [], []
    counts = {"bugs": 0}
    placeholders = find_placeholders(bundle)
    if placeholders:  # a half-filled scaffold: proving it would only add noise
        return placeholders, [], counts
    if bundle["kind"] != "quiz":
        try:
            tests = load_tests(bundle)
        except Exception as exc:  # a broken tests.py is the author's problem, reported once
            return [f"{where}/tests.py: does not load: {type(exc).__name__}: {exc}"], [], counts
        if not tests:
            return [f"{where}/tests.py: defines no @test_case functions"], [], counts
        total = sum(fn._grader_points for fn in tests)
        if total != bundle["points"]:
            problems.append(
                str(
                    SpecError(
                        f"{where}/spec.yaml",
                        f"expected the sum of the tests' points ({total}), got {bundle['points']}",
                        key="points",
                    )
                )
            )
    solution = _grade(bundle, bundle["solution"])
    if not solution["passed"]:
        problems.append(
            f"{where}/solution.py: the reference solution scores "
            f"{solution['score']}/{solution['max_score']}: "
            f"{_summary_of_failures(solution)}"
        )
    starter = _grade(bundle, bundle["starter"])
    if starter["passed"]:
        problems.append(f"{where}/starter.py: the starter already earns full marks")
    for name, source in bundle["bugs"].items():
        result = _grade(bundle, source)
        counts["bugs"] += 1
        if result["passed"]:
            problems.append(
                f"{where}/bugs/{name}: this known-wrong solution earns full marks "
                "(the hidden tests do not catch it)"
            )
        else:
            problem = check_expectation(source, result)
            if problem:
                problems.append(f"{where}/bugs/{name}: {problem}")
    if bundle["role"] == "core" and len(bundle["hints"]) < 2:
        warnings.append(
            f"{where}/spec.yaml: key 'hints': a core exercise should have at least "
            f"2 hints, got {len(bundle['hints'])}"
        )
    if not bundle["bugs"]:
        warnings.append(f"{where}/bugs: no known-wrong solutions to prove the tests with")
    if not bundle["explanation"]:
        warnings.append(f"{where}/spec.yaml: key 'explanation': no worked-solution explanation")
    return problems, warnings, counts


def validate(root="exercises", *, strict: bool = False, out=print) -> int:
    """Validate everything under `root`, print each problem and a summary; return exit code."""
    root = Path(root)
    if not root.exists():
        out(f"error: {root}: no such file or directory")
        return 2
    bundles, spec_problems = load_all(root)
    problems = [str(p) for p in spec_problems]
    warnings: list[str] = []
    slugs = _course_slugs(root if root.name == "exercises" else Path("exercises"))
    n_bugs = 0
    for bundle in bundles:
        if slugs is not None and bundle["page"] not in slugs:
            problems.append(
                str(
                    SpecError(
                        f"{bundle['path']}/spec.yaml",
                        f"expected a page of content/course.yaml, got {bundle['page']!r}",
                        key="page",
                    )
                )
            )
        p, w, counts = prove_exercise(bundle)
        problems += p
        warnings += w
        n_bugs += counts["bugs"]
    for line in problems:
        out(f"error: {line}")
    for line in warnings:
        out(f"{'error' if strict else 'warning'}: {line}")
    failed = len(problems) + (len(warnings) if strict else 0)
    out(
        f"validated {len(bundles)} exercise(s) in CPython: reference solutions, starters and "
        f"{n_bugs} known-wrong solution(s) checked; {len(problems)} problem(s), "
        f"{len(warnings)} warning(s)"
    )
    return 1 if failed else 0
