"""Is a Check a genuine attempt? The worked solution unlocks only after one.

Compared on syntax trees (`ast.dump`), so a comment, a blank line or different spacing
added to the starter is not an attempt. Decided inside the grader (in both runtimes), so
a Check that never reached it (a failed download, a Stop) cannot count.
"""

from __future__ import annotations

import io


def _ast_text(code: str) -> str | None:
    """The code's syntax tree as text (comments, blank lines and spacing do not show)."""
    import ast

    try:
        return ast.dump(ast.parse(code))
    except (SyntaxError, ValueError):
        return None


def _tokens_text(code: str) -> str:
    """The code's tokens without comments and line breaks (for code that does not parse)."""
    import tokenize

    skip = (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)
    try:
        tokens = tokenize.generate_tokens(io.StringIO(code).readline)
        return "\0".join(t.string for t in tokens if t.type not in skip)
    except (tokenize.TokenError, SyntaxError):
        lines = (line.split("#", 1)[0].strip() for line in code.splitlines())
        return "\n".join(line for line in lines if line)


def is_attempt(bundle: dict, code: str | None, answers) -> bool:
    """True if the submission is the student's own try: code whose syntax tree differs from
    the starter's (a comment or blank line is not a try), or a quiz with an answer given."""
    if bundle.get("kind") == "quiz" and code is None:
        return type(answers) is dict and any(
            v is not None and v != "" and v != [] for v in answers.values()
        )
    code, starter = code or "", bundle.get("starter") or ""
    mine, theirs = _ast_text(code), _ast_text(starter)
    if mine is not None and theirs is not None:
        return mine != theirs
    return _tokens_text(code) != _tokens_text(starter)
