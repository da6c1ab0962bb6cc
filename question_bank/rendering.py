"""What a student sees: the same context for the admin preview and, later, student pages.

The HTML was sanitised on the way in, so it is marked safe here; math is typeset in the
browser by KaTeX's auto-render (delimiters \\( \\), \\[ \\], $$ $$).
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from question_bank.formats.base import QTYPE_LABELS, QType
from question_bank.html import plain_text

LETTERS = "ABCDEFGH"
STATEMENT_LETTERS = "abcdefgh"
_BLANK = re.compile(r"\{\{(\d+)\}\}")


def _cloze_html(stem: str, blanks: list[dict]) -> str:
    def replace(match):
        n = int(match.group(1))
        blank = blanks[n - 1] if 0 < n <= len(blanks) else {"kind": "text", "answers": []}
        if blank.get("kind") == "choice":
            options = "".join(
                f"<option>{escape(plain_text(a['text']))}</option>" for a in blank["answers"]
            )
            return f'<select class="blank" aria-label="Chỗ trống {n}"><option></option>{options}</select>'
        mode = "decimal" if blank.get("kind") == "numeric" else "text"
        return f'<input class="blank" inputmode="{mode}" aria-label="Chỗ trống {n}" size="8">'

    return _BLANK.sub(replace, stem)


def question_context(question, *, show_key: bool = False) -> dict:
    """Context for ``question_bank/includes/question.html`` from a live or draft question."""
    choices = list(question.choices.all())
    qtype = QType(question.qtype)
    stem = question.stem
    if qtype == QType.CLOZE:
        stem = _cloze_html(stem, question.blanks or [])
    items = []
    letters = STATEMENT_LETTERS if qtype == QType.TRUE_FALSE else LETTERS
    for i, c in enumerate(choices):
        items.append(
            {
                "label": letters[i] if i < len(letters) else str(i + 1),
                "text": mark_safe(c.text),  # noqa: S308 - sanitised by clean_html on save
                "match": mark_safe(c.match),  # noqa: S308
                "correct": c.correct,
                "feedback": mark_safe(c.feedback),  # noqa: S308
            }
        )
    matches = (
        sorted({c["match"] for c in items if c["match"]}, key=str)
        if qtype == QType.MATCHING
        else []
    )
    return {
        "q": question,
        "qtype": qtype.value,
        "qtype_label": QTYPE_LABELS[qtype],
        "stimulus": mark_safe(question.stimulus.content) if question.stimulus_id else "",  # noqa: S308
        "stem": mark_safe(stem),  # noqa: S308
        "items": items,
        "premises": [c for c in items if plain_text(c["text"])],
        "matches": matches,
        "show_key": show_key,
        "solution": mark_safe(question.solution),  # noqa: S308
        "marking_guide": mark_safe(question.marking_guide),  # noqa: S308
        "numeric_answer": question.numeric_answer,
        "accepted": [c for c in items if c["correct"]],
        "blanks": question.blanks or [],
    }
