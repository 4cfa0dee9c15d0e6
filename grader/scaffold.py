"""`python -m grader new`: write a new exercise folder that an author fills in.

Every text an author must replace carries the marker `TODO(author)`; `validate` refuses an
exercise that still holds one (`find_placeholders`), so a half-filled scaffold can never be
published. Standard library only; course.yaml is read with PyYAML inside `course_pages`.
"""

from __future__ import annotations

import ast
import keyword
from pathlib import Path

from .spec import _ID, KINDS, QUESTION_TYPES, SPEC_KEYS, find_exercises

PLACEHOLDER = "TODO(author)"


class ScaffoldError(Exception):
    """A request `new` refuses: one line saying what is wrong."""


# ---------------------------------------------------------------------- checks


def parse_signature(signature: str) -> tuple[str, list[str]]:
    """(name, required positional parameters) of a signature like 'f(x, axis=-1)'."""
    text = signature.strip()
    if "\n" in text or not text.endswith(")") or "(" not in text:
        raise ScaffoldError(f"bad signature {signature!r}: expected 'name(arg, ...)'")
    try:
        module = ast.parse(f"def {text}: pass")
    except SyntaxError as exc:
        raise ScaffoldError(
            f"bad signature {signature!r}: not a Python signature ({exc.msg})"
        ) from None
    (fn,) = module.body  # a single `def` (the text holds no newline)
    if not isinstance(fn, ast.FunctionDef) or len(fn.body) != 1 or fn.decorator_list:
        raise ScaffoldError(f"bad signature {signature!r}: expected 'name(arg, ...)'")
    args = fn.args
    positional = args.posonlyargs + args.args
    required = [a.arg for a in positional[: len(positional) - len(args.defaults)]]
    return fn.name, required


def course_pages(course_yaml: Path) -> list[str]:
    """The page slugs of content/course.yaml, in order."""
    import yaml

    if not course_yaml.exists():
        raise ScaffoldError(f"{course_yaml}: no such file (the course's table of contents)")
    data = yaml.safe_load(course_yaml.read_text(encoding="utf-8")) or {}
    return [p["slug"] for p in data.get("pages", []) if isinstance(p, dict) and "slug" in p]


def _check_request(root: Path, course_yaml: Path, page: str, ex_id: str, kind: str, functions):
    if kind not in KINDS:
        raise ScaffoldError(f"bad kind {kind!r}: expected one of {', '.join(KINDS)}")
    if not _ID.match(ex_id) or keyword.iskeyword(ex_id):
        raise ScaffoldError(
            f"bad id {ex_id!r}: expected snake_case (a lowercase letter, then lowercase "
            "letters, digits or _), for example p05_dense_forward"
        )
    pages = course_pages(course_yaml)
    if page not in pages:
        import difflib

        close = difflib.get_close_matches(page, pages, n=1)
        extra = f" (did you mean {close[0]}?)" if close else ""
        raise ScaffoldError(f"page {page!r} is not in {course_yaml}{extra}")
    taken = [f for f in find_exercises(root) if f.name == ex_id] if root.exists() else []
    taken += [f for f in root.glob(f"*/{ex_id}") if f.is_dir() and f not in taken]
    if taken:
        raise ScaffoldError(f"id {ex_id!r} already exists: {taken[0].as_posix()}")
    if kind == "quiz":
        if functions:
            raise ScaffoldError("a quiz has no functions: leave out --functions")
        return []
    if not functions:
        raise ScaffoldError(f"kind {kind} needs --functions, for example --functions 'f(x)'")
    parsed = [parse_signature(sig) for sig in functions]
    names = [name for name, _ in parsed]
    for name in names:
        if names.count(name) > 1:
            raise ScaffoldError(f"function {name!r} is named twice in --functions")
    return parsed


# ---------------------------------------------------------------------- file texts


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _spec_text(values: dict) -> str:
    """The spec in SPEC_KEYS order; every required key present (values are YAML text)."""
    missing = [k for k, (required, _, _) in SPEC_KEYS.items() if required and k not in values]
    assert not missing, f"scaffold forgot required keys {missing}"
    lines = []
    for key in SPEC_KEYS:
        if key in values:
            value = values[key]
            sep = "" if value.startswith(("\n", " |")) else " "
            lines.append(f"{key}:{sep}{value}")
    return "\n".join(lines) + "\n"


def _block(text: str) -> str:
    """A YAML literal block (`|`) holding `text`, indented under its key."""
    return " |\n" + "\n".join(f"  {line}" if line else "" for line in text.splitlines())


def _list(items) -> str:
    return "\n" + "\n".join(f"  - {item}" for item in items)


def _common_spec(page: str, ex_id: str, kind: str, points: int) -> dict:
    return {
        "id": ex_id,
        "title": _yaml_str(f"{PLACEHOLDER}: a short title"),
        "page": page,
        "kind": kind,
        "role": "core",
        "points": str(points),
        "prompt": _block(
            f"{PLACEHOLDER}: the task as the student reads it (Markdown and $math$ allowed):\n"
            "what to write, the shapes of the inputs and the result, what must not change."
        ),
        "hints": _list(
            [
                _yaml_str(f"{PLACEHOLDER}: a first nudge"),
                _yaml_str(f"{PLACEHOLDER}: nearly the answer"),
            ]
        ),
        "explanation": _block(f"{PLACEHOLDER}: why the reference solution works."),
        "time_limit": "10",
        "seed": "0",
        "tags": "[]",
    }


def _defs(signatures, body: list[str]) -> str:
    """A module importing NumPy, then one `def <signature>:` per function with `body`."""
    return "import numpy as np\n\n\n" + "\n\n".join(
        f"def {sig}:\n" + "".join(f"    {line}\n" for line in body(name))
        for sig, name in signatures
    )


def _code_files(ex_id: str, kind: str, functions, parsed) -> dict[str, str]:
    signatures = [(sig, name) for sig, (name, _) in zip(functions, parsed, strict=True)]
    solution = _defs(
        signatures,
        lambda name: [
            f"# {PLACEHOLDER}: the reference solution (validate proves full marks).",
            "raise NotImplementedError",
        ],
    )
    if kind == "code":
        starter = _defs(
            signatures,
            lambda name: [
                f'"""{PLACEHOLDER}: what {name} returns, for the student."""',
                "# TODO: your code here.",
                "raise NotImplementedError",
            ],
        )
    else:
        starter = (
            f"# {PLACEHOLDER}: the broken code the student debugs: paste the solution here and\n"
            "# plant one realistic mistake (validate proves the starter does not earn full marks).\n"
            + solution
        )
    tests = [
        f'"""Hidden tests for {ex_id}: the spec\'s points are the sum of these tests\' points."""',
        "",
        "import numpy as np",
        "",
        "from grader.testing import check_cases, test_case",
    ]
    for name, required in parsed:
        args = ", ".join("np.array([-1.0, 0.0, 2.0])" for _ in required)
        args = f"({args},)" if len(required) == 1 else f"({args})"  # always a tuple
        tests += [
            "",
            "",
            "@test_case(points=1)",
            f"def {name.lower()}_examples(student):",
            f'    """{PLACEHOLDER}: one line the student reads, e.g. "small inputs by hand"."""',
            "    check_cases(",
            f"        student.{name},",
            "        [",
            "            # (args, expected) or (args, kwargs, expected): args is a tuple of",
            f"            # positional arguments; the expected value is what {name} must return.",
            "            (",
            f"                {args},  # ({', '.join(required)})",
            f"                {_yaml_str(PLACEHOLDER + ': the expected result')},",
            "            ),",
            "        ],",
            "    )",
        ]
    bug = (
        f"# Bug: {PLACEHOLDER}: the mistake in one line (rename this file after it).\n"
        f"# expect: {PLACEHOLDER}: a substring of the message the hidden tests give for it\n"
        + solution
    )
    return {
        "starter.py": starter,
        "solution.py": solution,
        "tests.py": "\n".join(tests) + "\n",
        "bugs/example_bug.py": bug,
    }


# One question of each type, with the answer solution.py gives and a wrong answer for the
# example bug. Types the loader does not know (yet) are left out.
_QUESTIONS = {
    "single": (
        ["choices:", '  - "the right choice"', '  - "a wrong choice"', "answer: 0"],
        "0",  # the index of the chosen choice
        "1",
    ),
    "multiple": (
        ["choices:", '  - "right"', '  - "also right"', '  - "wrong"', "answer: [0, 1]"],
        "[0, 1]",  # the indices of the chosen choices
        "[0, 2]",
    ),
    "numeric": (["answer: 0.75", "tolerance: 0.001"], "0.75", "0.5"),
    "ordering": (
        [
            "# `items` in the correct order; the page shows them shuffled.",
            'items: ["first step", "second step", "third step"]',
        ],
        "[0, 1, 2]",  # the indices of `items` in the order the student puts them
        "[1, 0, 2]",
    ),
    "match": (
        [
            "pairs:  # [left, right] in the correct pairing",
            '  - ["a component", "its purpose"]',
            '  - ["another component", "another purpose"]',
        ],
        "[0, 1]",  # for each left item, the index of the right item paired with it
        "[1, 0]",
    ),
    "explain": (
        [
            "ta_points: 2  # points a TA may award offline; not part of the spec's points",
            f"model_answer: {_yaml_str(PLACEHOLDER + ': the answer a TA expects')}",
            "rubric:",
            f"  - {_yaml_str(PLACEHOLDER + ': one thing a good answer says')}",
        ],
        '"A written answer."',  # free text: no automatic points
        None,
    ),
}
_AUTO_POINTS = ("single", "multiple", "numeric", "ordering", "match")


def quiz_types() -> list[str]:
    """The question types the scaffold writes: one of each type the loader accepts."""
    return [t for t in _QUESTIONS if t in QUESTION_TYPES]


def _quiz_files(page: str, ex_id: str) -> tuple[dict, dict[str, str]]:
    types = quiz_types()
    points = sum(1 for t in types if t in _AUTO_POINTS)
    spec = _common_spec(page, ex_id, "quiz", points)
    spec["tags"] = "[quiz]"
    spec["prompt"] = _block(f"{PLACEHOLDER}: what the quiz checks, for the student (Markdown).")
    lines = []
    for qtype in types:
        keys, _, _ = _QUESTIONS[qtype]
        lines += [f"  - id: {qtype}_question", f"    type: {qtype}"]
        if qtype in _AUTO_POINTS:
            lines.append("    points: 1")
        lines.append(f"    prompt: {_yaml_str(f'{PLACEHOLDER}: the question ({qtype})')}")
        lines += [f"    {k}" for k in keys]
        lines.append(f"    explanation: {_yaml_str(f'{PLACEHOLDER}: why the answer is right')}")
    spec["questions"] = "\n" + "\n".join(lines)

    def answers(pick) -> str:
        rows = [f'    "{t}_question": {pick(t)},' for t in types]
        return "answers = {\n" + "\n".join(rows) + "\n}\n"

    wrong_types = [t for t in types if _QUESTIONS[t][2] is not None]
    first_wrong = wrong_types[0] if wrong_types else None
    files = {
        "starter.py": "# Fill in each answer (see the page for how to answer each type).\n"
        + answers(lambda t: "None"),
        "solution.py": answers(lambda t: _QUESTIONS[t][1]),
        "bugs/example_bug.py": (
            f"# Bug: {PLACEHOLDER}: the misconception in one line (rename this file after it).\n"
            f"# expect: {PLACEHOLDER}: a substring of the feedback, e.g. 'you chose B'\n"
            + answers(lambda t: _QUESTIONS[t][2 if t == first_wrong else 1])
        ),
    }
    return spec, files


# ---------------------------------------------------------------------- the command


def new_exercise(
    page: str,
    ex_id: str,
    *,
    kind: str,
    functions=(),
    root="exercises",
    course_yaml=None,
) -> Path:
    """Write exercises/<page>/<id>/ for `kind`; return the folder. ScaffoldError if refused."""
    root = Path(root)
    if course_yaml is None:  # content/ next to exercises/, as validate finds it
        parent = root.parent if root.name not in ("", ".") else root.resolve().parent
        course_yaml = parent / "content" / "course.yaml"
    course_yaml = Path(course_yaml)
    functions = [f.strip() for f in functions or ()]
    parsed = _check_request(root, course_yaml, page, ex_id, kind, functions)
    if kind == "quiz":
        spec, files = _quiz_files(page, ex_id)
    else:
        spec = _common_spec(page, ex_id, kind, points=len(parsed))
        spec["functions"] = _list(_yaml_str(sig) for sig in functions)
        files = _code_files(ex_id, kind, functions, parsed)
    folder = root / page / ex_id
    (folder / "bugs").mkdir(parents=True)
    (folder / "spec.yaml").write_text(_spec_text(spec), encoding="utf-8")
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# ---------------------------------------------------------------------- validate's check


def find_placeholders(bundle: dict) -> list[str]:
    """One line per file (spec key) of an exercise that still holds the scaffold's marker."""
    where = bundle["path"]
    found = []
    marker = PLACEHOLDER.casefold()

    def holds(value) -> bool:
        if isinstance(value, str):
            return marker in value.casefold()
        if isinstance(value, dict):
            return any(holds(v) for v in value.values())
        if isinstance(value, list):
            return any(holds(v) for v in value)
        return False

    for key in SPEC_KEYS:
        if key in bundle and holds(bundle[key]):
            found.append(
                f"{where}/spec.yaml: key {key!r}: still holds the scaffold's placeholder "
                f"{PLACEHOLDER!r}: replace it with your own text"
            )
    texts = [(name, bundle.get(name.removesuffix(".py"))) for name in
             ("starter.py", "solution.py", "tests.py")]  # fmt: skip
    texts += [(f"bugs/{name}", src) for name, src in sorted(bundle["bugs"].items())]
    for name, text in texts:
        for n, line in enumerate((text or "").splitlines(), 1):
            if marker in line.casefold():
                found.append(
                    f"{where}/{name}: line {n}: still holds the scaffold's placeholder "
                    f"{PLACEHOLDER!r}: replace it with your own code or text"
                )
                break
    return found
