"""Aiken (one-answer multiple choice in plain text): :func:`parse`.

::

    Câu hỏi (một hoặc nhiều dòng liền nhau)
    A) phương án          ← "A)" or "A.", with or without a space after
    B. phương án
    ANSWER: B

Every question is a SINGLE_CHOICE whose ``ref`` is ``"Dòng N"`` (its first line). A broken
question gives one error :class:`Problem` naming its line, with every reason joined by "; ",
and is kept at its place in ``ParseResult.rejected`` for the preview page.
A text line after the options of a question without ``ANSWER`` starts the next question
(the unfinished one is reported "thiếu dòng ANSWER").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from question_bank.formats.base import (
    Choice,
    ParsedQuestion,
    ParseResult,
    QType,
    validate_question,
)
from question_bank.formats.gift import decode_text
from question_bank.html import text_to_html

FORMAT = "aiken"

_OPTION = re.compile(r"^([A-Z])[.)]\s*(.*)$")
_ANSWER = re.compile(r"^ANSWER\s*:\s*(.*)$", re.IGNORECASE)


@dataclass
class _Pending:
    line: int
    stem: list[str] = field(default_factory=list)
    options: list[tuple[str, str]] = field(default_factory=list)  # (letter, text)


def _finish(p: _Pending, answer: str | None, result: ParseResult) -> None:
    ref = f"Dòng {p.line}"
    errors: list[str] = []
    letters = [letter for letter, _ in p.options]
    stem = "\n".join(p.stem).strip()
    if not stem:
        errors.append("thiếu nội dung câu hỏi (dòng phương án đứng trước câu hỏi)")
    if not p.options:
        errors.append("câu hỏi không có phương án nào")
    elif len(p.options) < 2:
        errors.append(f"cần ít nhất 2 phương án, chỉ có {len(p.options)}")
    duplicates = sorted({x for x in letters if letters.count(x) > 1})
    if duplicates:
        errors.append("phương án " + ", ".join(f"“{x}”" for x in duplicates) + " bị lặp")
    if answer is None:
        errors.append("thiếu dòng ANSWER")
    elif answer.upper() not in letters or len(answer) != 1:
        errors.append(f"ANSWER “{answer}” không phải là chữ cái của một phương án")
    q = ParsedQuestion(
        qtype=QType.SINGLE_CHOICE,
        stem=text_to_html(stem),
        ref=ref,
        choices=[
            Choice(text=text_to_html(text), correct=letter == (answer or "").upper(), ident=letter)
            for letter, text in p.options
        ],
    )
    if not errors:
        errors = validate_question(q)
    if errors:
        # Kept with its place among the questions read: the preview may fix it.
        result.reject(q, "; ".join(dict.fromkeys(errors)))
    else:
        result.questions.append(q)


def parse(data: bytes, *, filename: str, files: Mapping[str, bytes] | None = None) -> ParseResult:
    """Questions of an Aiken file; each broken question is one error naming its first line.

    ``filename`` and ``files`` are accepted for the common parser signature and unused.
    """
    text = decode_text(data, "Aiken")
    result = ParseResult(format=FORMAT)
    current: _Pending | None = None
    after_blank = False
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            after_blank = True
            continue
        blank_before, after_blank = after_blank, False
        if m := _ANSWER.match(line):
            if current is None:
                result.give_up(f"Dòng {number}", "dòng ANSWER không thuộc câu hỏi nào")
            else:
                _finish(current, m.group(1).strip(), result)
                current = None
            continue
        if m := _OPTION.match(line):
            if current is None:
                current = _Pending(line=number)
            current.options.append((m.group(1), m.group(2).strip()))
            continue
        # A line of question text: continues the stem, or starts the next question.
        if current is not None and (current.options or blank_before):
            _finish(current, None, result)
            current = None
        if current is None:
            current = _Pending(line=number)
        current.stem.append(line)
    if current is not None:
        _finish(current, None, result)
    return result
