"""One builder per question type (single choice, true/false, short numeric, cloze…)."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from fractions import Fraction

from demo.generator.core import _Item, _key
from demo.generator.text import _fx, _m, _p3, _sol, _t, _uniq, _vn
from question_bank.formats.base import Blank, Choice, ParsedQuestion, QType

_NONE_TEXT = "Cả A, B, C đều sai"


def _sc(
    r: random.Random,
    stem: str,
    key: str,
    wrong: Iterable[str],
    solution: str = "",
    *,
    none_option: bool | None = None,
) -> ParsedQuestion | None:
    """Single choice with four shuffled options (key + three distinct distractors).

    ``none_option`` adds a fixed last option “Cả A, B, C đều sai”; a third of those
    questions drop the key so that this option is the correct one. ``None``: decided by
    chance (about one question in twelve).
    """
    distractors = _uniq(wrong, exclude=[key, _NONE_TEXT])
    if len(distractors) < 3:
        return None
    if none_option is None:
        none_option = r.random() < 0.08
    if none_option:
        none_correct = r.random() < 0.35
        shown = distractors[:3] if none_correct else [key, *distractors[:2]]
        options = [Choice(text=t, correct=(t == key)) for t in shown]
        r.shuffle(options)
        options.append(Choice(text=_NONE_TEXT, correct=none_correct, fixed=True))
        if none_correct:
            solution += _sol(f"Đáp án đúng là {key}, không có trong các phương án A, B, C.")
    else:
        options = [Choice(text=key, correct=True)] + [Choice(text=t) for t in distractors[:3]]
        r.shuffle(options)
    for letter, option in zip("ABCD", options, strict=True):
        option.ident = letter
    return ParsedQuestion(qtype=QType.SINGLE_CHOICE, stem=stem, choices=options, solution=solution)


def _tf(
    stem: str, statements: Sequence[tuple[str, bool] | tuple[str, bool, str]], solution: str = ""
) -> ParsedQuestion | None:
    """Đúng/Sai cluster of four statements a)–d) with both values present."""
    if len(statements) != 4 or len({s[1] for s in statements}) != 2:
        return None
    if len({_key(s[0]) for s in statements}) != 4:
        return None
    choices = [
        Choice(text=s[0], correct=s[1], ident=letter, feedback=s[2] if len(s) > 2 else "")
        for letter, s in zip("abcd", statements, strict=True)
    ]
    return ParsedQuestion(qtype=QType.TRUE_FALSE, stem=stem, choices=choices, solution=solution)


def _sn(stem: str, value, solution: str = "", places: int = 0) -> ParsedQuestion | None:
    answer = _p3(value, places)
    if answer is None:
        return None
    return ParsedQuestion(
        qtype=QType.SHORT_NUMERIC, stem=stem, numeric_answer=answer, solution=solution
    )


def _mr(
    r: random.Random, stem: str, options: Sequence[tuple[str, bool]], solution: str = ""
) -> ParsedQuestion | None:
    """Multiple response: 4–5 options of which 2–3 are correct."""
    n_true = sum(1 for _, ok in options if ok)
    if not 4 <= len(options) <= 5 or not 2 <= n_true <= 3 or n_true == len(options):
        return None
    if len({_key(t) for t, _ in options}) != len(options):
        return None
    choices = [Choice(text=t, correct=ok) for t, ok in options]
    r.shuffle(choices)
    for letter, c in zip("ABCDE", choices, strict=False):
        c.ident = letter
    return ParsedQuestion(
        qtype=QType.MULTIPLE_RESPONSE, stem=stem, choices=choices, solution=solution
    )


def _st(stem: str, answers: Sequence[str], solution: str = "") -> ParsedQuestion:
    return ParsedQuestion(
        qtype=QType.SHORT_TEXT,
        stem=stem,
        choices=[Choice(text=a, correct=True) for a in answers],
        solution=solution,
    )


def _essay(stem: str, guide: Sequence[tuple[str, float]], solution: str = "") -> ParsedQuestion:
    items = "".join(f"<li>{text} ({_vn(points)} điểm)</li>" for text, points in guide)
    total = sum(points for _, points in guide)
    return ParsedQuestion(
        qtype=QType.ESSAY,
        stem=stem,
        marking_guide=f"<ol>{items}</ol><p>Tổng: {_vn(total)} điểm.</p>",
        points=float(total),
        solution=solution,
    )


def _cloze(stem: str, blanks: Sequence[Blank], solution: str = "") -> ParsedQuestion:
    return ParsedQuestion(qtype=QType.CLOZE, stem=stem, blanks=list(blanks), solution=solution)


def _bn(value, tolerance: float = 0.0) -> Blank:
    return Blank(
        kind="numeric", answers=[Choice(text=_vn(value), correct=True)], tolerance=tolerance
    )


def _bt(*answers: str) -> Blank:
    return Blank(kind="text", answers=[Choice(text=a, correct=True) for a in answers])


def _bc(r: random.Random, key: str, wrong: Sequence[str]) -> Blank:
    options = [Choice(text=key, correct=True)] + [
        Choice(text=w) for w in _uniq(wrong, exclude=[key])
    ]
    r.shuffle(options)
    return Blank(kind="choice", answers=options)


def _match(
    r: random.Random,
    stem: str,
    pairs: Sequence[tuple[str, str]],
    extra: Sequence[str] = (),
    solution: str = "",
) -> ParsedQuestion | None:
    if len({_key(a) for a, _ in pairs}) != len(pairs):
        return None
    if len({_key(b) for _, b in pairs} | {_key(e) for e in extra}) != len(pairs) + len(extra):
        return None
    choices = [Choice(text=a, match=b) for a, b in pairs]
    r.shuffle(choices)
    choices += [Choice(text="", match=e) for e in extra]
    return ParsedQuestion(qtype=QType.MATCHING, stem=stem, choices=choices, solution=solution)


def _order(stem: str, items: Sequence[str], solution: str = "") -> ParsedQuestion | None:
    if len({_key(i) for i in items}) != len(items):
        return None
    return ParsedQuestion(
        qtype=QType.ORDERING,
        stem=stem,
        choices=[Choice(text=i, ident=str(n)) for n, i in enumerate(items, start=1)],
        solution=solution,
    )


def _shuffled(r: random.Random, items: Sequence) -> list:
    out = list(items)
    r.shuffle(out)
    return out


def _it(
    q: ParsedQuestion | None, subject: str, grade: int, lesson: str, y: int | None, level: str
) -> _Item | None:
    return None if q is None else _Item(q, subject, grade, lesson, y, level)


def _co(values: Sequence) -> str:
    """Coordinates "(1; -2; 3)" (TeX)."""
    return "(" + "; ".join(_fx(v) for v in values) + ")"


def _sgn(value) -> str:
    """ " + 3" / " - 3" for appending a constant term; "" for zero."""
    value = Fraction(value)
    if value == 0:
        return ""
    return (" + " if value > 0 else " - ") + _fx(abs(value))


def _factor(root) -> str:
    return "x" if root == 0 else "(x" + _sgn(-root) + ")"


def _mx(tex: str, **values) -> str:
    """Inline math from a ``<name>`` template."""
    return _m(_t(tex, **values))
