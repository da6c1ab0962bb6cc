"""Moodle's Cloze (``multianswer``) codes ``{weight:TYPE:answers}``, read and written.

Read into the cloze type: every MULTICHOICE variant (MC, MCV, MCH, MCS, MCVS, MCHS) and
MULTIRESPONSE (MR…) as a drop-down, SHORTANSWER (SA, MW; SAC, MWC case-sensitive) as a typed
text, NUMERICAL (NM, ``value:tolerance``) as a typed number. Any other kind (REGEXP,
CALCULATED…) is an error naming the code; the question is not saved as something else.

A Đúng/Sai cluster travels as a multianswer too: one ``MULTICHOICE`` drop-down
(``=Đúng~Sai``) per statement after the marker ``<!--hoclieu:statements-->``.
"""

from __future__ import annotations

import contextlib
import re
from decimal import Decimal

from question_bank.formats.base import Blank, Choice, ParsedQuestion
from question_bank.formats.moodle_xml.shared import (
    FALSE_WORD,
    GRADE_TOLERANCE,
    STATEMENTS_MARK,
    TRUE_WORD,
    fraction_of,
    marker,
    percent,
)
from question_bank.html import plain_text
from question_bank.numeric import NumericAnswerError, dot_decimal, format_numeric, parse_numeric

# Moodle's sub-question type → (Blank.kind, case sensitive, several right answers).
CLOZE_KINDS = {
    **dict.fromkeys(("SHORTANSWER", "SA", "MW"), ("text", False, False)),
    **dict.fromkeys(("SHORTANSWER_C", "SAC", "MWC"), ("text", True, False)),
    **dict.fromkeys(("NUMERICAL", "NM"), ("numeric", False, False)),
    **dict.fromkeys(
        (
            "MULTICHOICE", "MC", "MULTICHOICE_V", "MCV", "MULTICHOICE_H", "MCH",
            "MULTICHOICE_S", "MCS", "MULTICHOICE_VS", "MCVS", "MULTICHOICE_HS", "MCHS",
        ),
        ("choice", False, False),
    ),
    **dict.fromkeys(
        (
            "MULTIRESPONSE", "MR", "MULTIRESPONSE_H", "MRH", "MULTIRESPONSE_S", "MRS",
            "MULTIRESPONSE_HS", "MRHS",
        ),
        ("choice", False, True),
    ),
}  # fmt: skip
CLOZE_CODE = re.compile(r"\{(\d*(?:\.\d+)?):([A-Za-z_]+):((?:\\.|[^\\}])*)\}")
_CLOZE_ESCAPABLE = set('}#~/"\\{')


def _split_unescaped(text: str, sep: str) -> list[str]:
    parts, buf, i = [], [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            buf.append(text[i : i + 2])
            i += 2
            continue
        if ch == sep:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
        i += 1
    parts.append("".join(buf))
    return parts


def _cloze_unescape(text: str) -> str:
    return re.sub(
        r"\\(.)", lambda m: m.group(1) if m.group(1) in _CLOZE_ESCAPABLE else m.group(0), text
    )


def cloze_escape(text: str) -> str:
    return re.sub(r'([\\}#~{"])', r"\\\1", text)


# --- Reading -----------------------------------------------------------------------------------

_ALT = re.compile(r"^\s*(?:(=)|%(-?\d+(?:\.\d+)?)%)?(.*)$", re.DOTALL)


def _numeric_alternative(text: str, errors: list[str]) -> tuple[str, float]:
    """``"1.5:0.1"`` → (``"1,5"``, 0.1): the key with a decimal comma and its tolerance."""
    value, _, tol = text.partition(":")
    try:
        text = format_numeric(parse_numeric(plain_text(value)))
        return text, abs(float(tol)) if tol.strip() else 0.0
    except (NumericAnswerError, ValueError):
        errors.append(f"đáp án số “{plain_text(text)}” của chỗ trống không đọc được")
        return text, 0.0


def _alternative(alt: str, kind: str, multi: bool, errors: list[str]) -> tuple[Choice, float]:
    """One ``~``-separated answer of a code and its numeric tolerance."""
    m = _ALT.match(alt)
    fraction = 1.0 if m.group(1) else (float(Decimal(m.group(2)) / 100) if m.group(2) else 0.0)
    text_part, *fb = _split_unescaped(m.group(3), "#")
    text = _cloze_unescape(text_part).strip()
    feedback = _cloze_unescape("#".join(fb)).strip()
    tolerance = 0.0
    if kind == "numeric" and text != "*":
        text, tolerance = _numeric_alternative(text, errors)
    if kind == "choice" and not multi:
        correct = fraction >= 1 - GRADE_TOLERANCE
    else:
        correct = fraction > 0 and text != "*"
    choice = Choice(text=text, correct=correct, fraction=fraction, feedback=feedback)
    return choice, tolerance


def parse_cloze_code(weight: str, kind_name: str, body: str) -> tuple[Blank, list[str]]:
    """A Blank from one ``{weight:TYPE:answers}`` code; errors in Vietnamese."""
    errors: list[str] = []
    kind, case_sensitive, multi = CLOZE_KINDS[kind_name.upper()]
    blank = Blank(kind=kind, case_sensitive=case_sensitive)
    try:
        blank.points = float(weight) if weight else 1.0
    except ValueError:
        blank.points = 1.0
    tolerance_set = False
    for alt in _split_unescaped(body, "~"):
        if not alt.strip():
            continue
        choice, tolerance = _alternative(alt, kind, multi, errors)
        if kind != "choice" and not choice.correct:
            continue  # a typed blank keeps only accepted answers ("*" catch-alls are dropped)
        if choice.correct and not tolerance_set:
            blank.tolerance, tolerance_set = tolerance, True
        blank.answers.append(choice)
    return blank, errors


def parse_cloze_stem(html: str) -> tuple[str, list[Blank], list[str]]:
    """The stem with ``{{n}}`` markers instead of the codes, the blanks and the errors."""
    blanks: list[Blank] = []
    errors: list[str] = []

    def repl(m: re.Match) -> str:
        if m.group(2).upper() not in CLOZE_KINDS:
            code = m.group(0) if len(m.group(0)) <= 80 else m.group(0)[:77] + "…}"
            errors.append(
                f"chỗ trống “{code}” có kiểu “{m.group(2)}” chưa được hỗ trợ (chỉ nhận "
                "MULTICHOICE, MULTIRESPONSE, SHORTANSWER, NUMERICAL và các dạng viết tắt)"
            )
            return m.group(0)
        blank, errs = parse_cloze_code(m.group(1), m.group(2), m.group(3))
        blanks.append(blank)
        errors.extend(f"chỗ trống {len(blanks)}: {e}" for e in errs)
        return marker(len(blanks))

    return CLOZE_CODE.sub(repl, html), blanks, errors


def _is_true_word(html: str) -> bool:
    return plain_text(html).strip().casefold() in ("đúng", "đ", "true", "t", "yes")


_STATEMENT_LABEL = re.compile(r"^\s*(?:<div>\s*)?([a-z])\)\s*", re.IGNORECASE)


def _split_cluster(html: str) -> tuple[str, str] | None:
    """(stem, statements) of a cluster: at the marker, else at the ``<div>`` of the first code."""
    if STATEMENTS_MARK in html:
        stem, rest = html.split(STATEMENTS_MARK, 1)
        return stem, rest
    first = CLOZE_CODE.search(html)
    start = html.rfind("<div>", 0, first.start()) if first else -1
    if start < 0:
        return None
    return html[:start], html[start:]


def _statement(segment: str, code: re.Match) -> Choice | None:
    """The statement written in ``segment`` whose drop-down is ``code``; None if unreadable."""
    segment = re.sub(r"^\s*</div>\s*", "", segment)
    label = _STATEMENT_LABEL.match(segment)
    ident = label.group(1).lower() if label else ""
    text = segment[label.end() :] if label else segment
    if code.group(2).upper() not in CLOZE_KINDS:
        return None
    blank, errors = parse_cloze_code(code.group(1), code.group(2), code.group(3))
    right = [a for a in blank.answers if a.correct]
    if errors or len(right) != 1:
        return None
    return Choice(
        text=text.strip(),
        correct=_is_true_word(right[0].text),
        feedback=right[0].feedback,
        ident=ident,
    )


def true_false_cluster(html: str) -> tuple[str, list[Choice]] | None:
    """Stem and statements of a ``hoclieu:true_false`` multianswer, or None if it isn't one."""
    split = _split_cluster(html)
    if split is None:
        return None
    stem, rest = split
    statements: list[Choice] = []
    pos = 0
    for m in CLOZE_CODE.finditer(rest):
        statement = _statement(rest[pos : m.start()], m)
        pos = m.end()
        if statement is None:
            return None
        statements.append(statement)
    if not statements:
        return None
    return stem.strip(), statements


# --- Writing -----------------------------------------------------------------------------------


def _cloze_kind(blank: Blank, n_correct: int) -> str:
    if blank.kind == "numeric":
        return "NUMERICAL"
    if blank.kind == "choice":
        return "MULTIRESPONSE" if n_correct > 1 else "MULTICHOICE"
    return "SHORTANSWER_C" if blank.case_sensitive else "SHORTANSWER"


def _written_alternative(blank: Blank, a: Choice, kind: str, n_correct: int) -> str:
    f = fraction_of(a)
    if kind == "MULTIRESPONSE" and a.correct and a.fraction is None:
        f = 1 / n_correct
    prefix = "=" if abs(f - 1) < 1e-9 else f"%{percent(f)}%"
    feedback = f"#{cloze_escape(a.feedback)}" if a.feedback else ""
    text = a.text
    if blank.kind == "numeric" and plain_text(text) != "*":
        with contextlib.suppress(NumericAnswerError):
            text = f"{dot_decimal(parse_numeric(plain_text(text)))}:{dot_decimal(blank.tolerance or 0)}"
        return prefix + text + feedback
    return prefix + cloze_escape(text) + feedback


def cloze_code(blank: Blank) -> str:
    """The ``{weight:TYPE:answers}`` code of a blank."""
    weight = max(1, round(blank.points)) if blank.points else 1
    n_correct = len([a for a in blank.answers if a.correct])
    kind = _cloze_kind(blank, n_correct)
    alts = [_written_alternative(blank, a, kind, n_correct) for a in blank.answers]
    return "{" + f"{weight}:{kind}:" + "~".join(alts) + "}"


def cluster_html(q: ParsedQuestion) -> str:
    """The question text of a Đúng/Sai cluster: the stem, the marker, one ``<div>`` per statement."""
    parts = [q.stem, STATEMENTS_MARK]
    for i, c in enumerate(q.choices):
        label = chr(ord("a") + i) if i < 26 else str(i + 1)
        fb = f"#{cloze_escape(c.feedback)}" if c.feedback else ""
        yes, no = ("=", "") if c.correct else ("", "=")
        code = "{1:MULTICHOICE:" + f"{yes}{TRUE_WORD}{fb}~{no}{FALSE_WORD}{fb}" + "}"
        parts.append(f"<div>{label}) {c.text} {code}</div>")
    return "\n".join(parts)
