"""The quiz form of a quiz exercise: one fieldset per question, rendered at build time.

Every text the author wrote (prompts, choices, items, pairs, explanations, model answers,
rubrics) is Markdown + math rendered here; only the short messages computed at Check
time are plain text. Ordering items and the right-hand side of match questions are shown
in `grader.quiz.display_order`; inputs carry original indices, so the answer the page
sends names every item unambiguously. site/src/quiz.js reads and fills the form.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from grader.quiz import display_order

NUMERIC_HELP = "A decimal (0.75), a fraction (3/4) or scientific notation (7.5e-1)."


def _inline(md: Callable[[str], str], text) -> str:
    """Markdown for a short text that sits inside a line (no wrapping paragraph)."""
    body = md(str(text)).strip()
    if body.startswith("<p>") and body.endswith("</p>") and body.count("<p>") == 1:
        body = body[3:-4]
    return body


_MATH = re.compile(r"\$\$(.+?)\$\$|\$(.+?)\$", re.S)
_TEX_SPACE = re.compile(r"\\[,;:! ]|\\q?quad\b|~")


def _math_only_name(text) -> str | None:
    """A plain-text name for a choice that is nothing but math (e.g. `$0.01\\, g$`): its TeX.

    Screen readers read KaTeX's MathML, but accessibility checkers (and some readers) find
    no text in it, so a radio button or select labelled only by math gets an aria-label.
    """
    text = str(text)
    if not _MATH.search(text) or re.search(r"\w", _MATH.sub("", text)):
        return None
    tex = " ".join(m.group(1) or m.group(2) for m in _MATH.finditer(text))
    return " ".join(_TEX_SPACE.sub(" ", tex).split())


def _letter(i: int) -> str:
    return chr(ord("A") + i) if i < 26 else str(i + 1)


def quiz_form(bundle: dict, *, md: Callable[[str], str]) -> str:
    """The <form> of a quiz: prompts, inputs, feedback slots and hidden explanations."""
    esc = html.escape
    out = ['<form class="quiz" data-role="quiz" onsubmit="return false">']
    for q in bundle.get("questions") or []:
        qid, qtype = str(q["id"]), q.get("type")
        name = f"{bundle['id']}--{qid}"
        base = f"q-{esc(name)}"
        if qtype == "explain":
            pts = f"written · TA {q.get('ta_points', 0)} pt"
        else:
            pts = f"{q.get('points', 0)} pt"
        out.append(f'<fieldset class="quiz-q" data-qid="{esc(qid)}" data-type="{esc(qtype)}">')
        out.append(
            f'<legend><span class="quiz-points">{pts}</span>'
            f'<div class="quiz-prompt" id="{base}-prompt">{md(q.get("prompt", ""))}</div></legend>'
        )
        out.append(_inputs(q, qtype, name, base, md, bundle["id"]))
        if q.get("explanation"):
            out.append(f'<template data-role="explanation">{md(q["explanation"])}</template>')
        if qtype == "explain":
            out.append(_model_answer(q, md))
        out.append('<div class="quiz-feedback" data-role="feedback" aria-live="polite"></div>')
        out.append("</fieldset>")
    out.append("</form>")
    return "\n".join(out)


def _inputs(q: dict, qtype: str, name: str, base: str, md, exercise_id: str) -> str:
    esc = html.escape
    out = []
    if qtype in ("single", "multiple"):
        itype = "radio" if qtype == "single" else "checkbox"
        for i, choice in enumerate(q.get("choices") or []):
            spoken = _math_only_name(choice)
            aria = f' aria-label="{esc(f"{_letter(i)}. {spoken}")}"' if spoken else ""
            out.append(
                f'<label class="quiz-choice"><input type="{itype}" name="{esc(name)}" '
                f'value="{i}"{aria}> <span class="quiz-letter" aria-hidden="true">{_letter(i)}.</span> '
                f"<span>{_inline(md, choice)}</span></label>"
            )
    elif qtype == "numeric":
        out.append(
            f'<label class="quiz-field">Your answer <input type="text" inputmode="text" '
            f'name="{esc(name)}" autocomplete="off" spellcheck="false" '
            f'aria-describedby="{base}-help"></label>'
            f'<p class="quiz-help" id="{base}-help">{esc(NUMERIC_HELP)}</p>'
        )
    elif qtype == "ordering":
        items = q.get("items") or []
        out.append(
            f'<p class="quiz-help" id="{base}-help">Put the items in order with the Move up '
            "and Move down buttons (Tab to a button, then Enter or Space).</p>"
        )
        out.append(f'<ol class="quiz-order" data-role="order" aria-describedby="{base}-help">')
        for pos, k in enumerate(display_order(exercise_id, str(q["id"]), len(items))):
            item_id = f"{base}-item{k}"
            out.append(
                f'<li class="quiz-item" data-index="{k}" data-order="{pos}">'
                f'<span class="quiz-item-text" id="{item_id}">{_inline(md, items[k])}</span>'
                '<span class="quiz-moves">'
                f'<button type="button" class="btn btn-quiet" data-move="up" '
                f'aria-describedby="{item_id}">Move up</button>'
                f'<button type="button" class="btn btn-quiet" data-move="down" '
                f'aria-describedby="{item_id}">Move down</button></span></li>'
            )
        out.append("</ol>")
        out.append('<p class="visually-hidden" data-role="announce" aria-live="polite"></p>')
    elif qtype == "match":
        pairs = q.get("pairs") or []
        order = display_order(exercise_id, str(q["id"]), len(pairs))
        out.append('<ol class="quiz-rights" type="A">')
        out.extend(f"<li>{_inline(md, pairs[j][1])}</li>" for j in order)
        out.append("</ol>")
        out.append('<div class="quiz-match">')
        for i, (left, _right) in enumerate(pairs):
            left_id = f"{base}-left{i}"
            options = "".join(
                f'<option value="{j}">{_letter(pos)}</option>' for pos, j in enumerate(order)
            )
            spoken = _math_only_name(left)
            named = f'aria-label="{esc(spoken)}"' if spoken else f'aria-labelledby="{left_id}"'
            out.append(
                f'<div class="quiz-pair"><span class="quiz-left" id="{left_id}">'
                f"{_inline(md, left)}</span>"
                f'<select name="{esc(name)}--{i}" data-left="{i}" {named}>'
                f'<option value="">Choose…</option>{options}</select></div>'
            )
        out.append("</div>")
    elif qtype == "explain":
        out.append(
            f'<label class="quiz-field quiz-explain" for="{base}-text">Your answer</label>'
            f'<textarea id="{base}-text" name="{esc(name)}" rows="4" '
            f'aria-describedby="{base}-prompt"></textarea>'
        )
    return "\n".join(out)


def _model_answer(q: dict, md) -> str:
    rubric = "".join(f"<li>{_inline(md, line)}</li>" for line in q.get("rubric") or [])
    ta = q.get("ta_points", 0)
    return (
        '<template data-role="model"><div class="quiz-model">'
        f'<p class="quiz-model-title">Model answer</p>{md(q.get("model_answer", ""))}'
        '<p class="quiz-model-title">Rubric: does your answer do each of these?</p>'
        f"<ul>{rubric}</ul>"
        f'<p class="quiz-model-note">This answer earns no automatic points; a TA may award '
        f"up to {ta} point(s) for it when grading your exported work.</p></div></template>"
    )
