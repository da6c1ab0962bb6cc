"""Questions → a Word (.docx) file in the convention :mod:`.document` reads back.

Layout (so that export → import round-trips):

* An optional title, then — when the set has 2025-exam types — ``PHẦN I`` (one choice),
  ``PHẦN II`` (Đúng/Sai), ``PHẦN III`` (short numeric, at most 4 characters) and
  ``PHẦN IV. CÁC DẠNG KHÁC`` for everything else; without 2025 types there are no sections.
  Numbering ``Câu N.`` restarts in each part.
* After ``Câu N.``: ``(2 điểm)`` when the question has points, then markers
  ``[NB]``/``[TH]``/``[VD]``/``[VDC]`` (level), ``[giữ thứ tự]`` (options/statements never
  shuffled), ``[cố định]`` (question never moved), and, only where the content alone would be
  read as another type, ``[nhiều đáp án]`` / ``[trả lời ngắn]`` / ``[tự luận]``.
* One choice / multiple response: ``A.`` … one per paragraph; every correct option's letter
  is underlined and red; a fixed option is written ``D#.``.
* Đúng/Sai: ``a)`` … then ``Đáp án: a) Đ, b) S, c) Đ, d) S``.
* Short numeric: ``Đáp án: -1,5`` (``Đáp án: 3,14 ± 0,01`` with a tolerance).
* Short text: ``Đáp án: Hà Nội | Thủ đô Hà Nội`` (``|`` separates accepted answers).
* Essay: ``Hướng dẫn chấm:`` then the marking guide.
* Matching: a ``Ghép nối:`` line, then ``1) vế trái → vế phải`` per pair and ``→ X`` for an
  extra answer that matches no premise.
* Ordering: a ``Sắp xếp:`` line, then ``1) …``, ``2) …`` in the correct order.
* Cloze: each ``{{n}}`` is written ``[n: đáp án|đáp án khác]`` (text; ``|`` separates accepted
  answers), ``[n: *đúng|sai|sai]`` (drop-down, ``*`` marks the right option) or
  ``[n: =1,5 ± 0,1]`` (number).
* ``Lời giải:`` then the solution, for every type.
* Groups: ``Nhóm k. <title>``, the stimulus, the group's questions, ``Hết nhóm``.

Content: ``b``/``i``/``u``/``s``/``sub``/``sup`` become run formatting, ``<table>`` a Word
table (colspan/rowspan merged), ``<img src="asset:NAME">`` a picture from the assets
(media file named ``NAME``; width/height from the attributes, else the image's own size up
to the page width), ``\\(…\\)``/``\\[…\\]`` native Word equations.

Content paragraphs that the importer would read as markers (a stem line "A. …", "Đáp án: …")
start with a zero-width space, and an option's text that contains "… B. …" gets one before
the letter, so they stay content on import.

Not carried: choice feedback, general feedback, partial-credit fractions, case sensitivity
of short text answers, blank points; an essay's solution without a marking guide comes back
as the marking guide; a group whose questions belong to different parts is written whole in
PHẦN IV (its questions lose their part).
"""

from __future__ import annotations

import html as html_lib
import re
from bisect import bisect_right
from decimal import Decimal

from question_bank.formats.base import ParsedGroup, ParsedQuestion, QType
from question_bank.formats.docx.ooxml import RED, ZWSP, B, I, U, W
from question_bank.formats.docx.writer import Writer
from question_bank.html import plain_text
from question_bank.numeric import NumericAnswerError, format_numeric, parse_numeric

_LETTERS = "ABCDEFGH"
_LEVEL_MARK = {"biet": "NB", "hieu": "TH", "van_dung": "VD", "van_dung_cao": "VDC"}


_SECTION_TITLES = {
    1: "PHẦN I. Câu trắc nghiệm nhiều phương án lựa chọn",
    2: "PHẦN II. Câu trắc nghiệm đúng sai",
    3: "PHẦN III. Câu trắc nghiệm trả lời ngắn",
    4: "PHẦN IV. CÁC DẠNG KHÁC",
}
_RE_CLOZE_LIKE = re.compile(r"\[\d{1,3}:[^\[\]]*\]")
_RE_BLANK = re.compile(r"\{\{(\d+)\}\}")
_RE_OPTIONS_LIKE = re.compile(r"(?<!\S)A\s*[.)].+?(?<!\S)B\s*[.)].+?(?<!\S)C\s*[.)]", re.S)


def export_questions(
    questions: list[ParsedQuestion], groups: list[ParsedGroup], *, title: str = ""
) -> bytes:
    """A .docx holding ``questions`` (and their ``groups``) in the convention above."""
    writer = Writer()
    _write(writer, list(questions), list(groups or []), title)
    return writer.save()


def _write(w: Writer, questions: list[ParsedQuestion], groups: list[ParsedGroup], title: str):
    if title:
        p = w.para(center=True)
        w.run(p, title, B)
    by_key = {g.key: g for g in groups}
    for key in _members(questions):
        by_key.setdefault(key, ParsedGroup(key=key))
    sections = _sections(questions)
    group_numbers: dict[str, int] = {}
    for part in (0, 1, 2, 3, 4):
        chosen = [q for q in questions if sections[id(q)] == part]
        if not chosen:
            continue
        if part:
            w.para(_SECTION_TITLES[part], B)
        _write_part(w, chosen, by_key, group_numbers)


def _members(questions: list[ParsedQuestion]) -> dict[str, list[ParsedQuestion]]:
    """The questions of each group, by group key, in their order."""
    members: dict[str, list[ParsedQuestion]] = {}
    for q in questions:
        if q.group:
            members.setdefault(q.group, []).append(q)
    return members


def _section(q: ParsedQuestion, has_2025: bool) -> int:
    if not has_2025:
        return 0
    if q.qtype == QType.SINGLE_CHOICE:
        return 1
    if q.qtype == QType.TRUE_FALSE:
        return 2
    if q.qtype == QType.SHORT_NUMERIC and len(q.numeric_answer.strip()) <= 4:
        return 3
    return 4


def _sections(questions: list[ParsedQuestion]) -> dict[int, int]:
    """The part (0 = no sections, 1–4) of every question, by ``id``."""
    has_2025 = any(
        q.qtype in (QType.SINGLE_CHOICE, QType.TRUE_FALSE, QType.SHORT_NUMERIC) for q in questions
    )
    sections = {id(q): _section(q, has_2025) for q in questions}
    for qs in _members(questions).values():
        if len({sections[id(q)] for q in qs}) > 1:  # a group must stay together: other types'
            for q in qs:
                sections[id(q)] = 4
    return sections


def _write_part(
    w: Writer,
    chosen: list[ParsedQuestion],
    by_key: dict[str, ParsedGroup],
    group_numbers: dict[str, int],
) -> None:
    """One part's questions, numbered from 1; a group is written whole at its first question."""
    number = 0
    done: set[str] = set()
    in_part = _members(chosen)
    for q in chosen:
        if not q.group:
            number += 1
            _question(w, q, number)
        elif q.group not in done:
            done.add(q.group)
            k = group_numbers.setdefault(q.group, len(group_numbers) + 1)
            number = _write_group(w, by_key[q.group], k, in_part[q.group], number)


def _write_group(
    w: Writer, group: ParsedGroup, k: int, members: list[ParsedQuestion], number: int
) -> int:
    """``Nhóm k. <title>``, the stimulus, the questions, ``Hết nhóm``; the last number used."""
    title = " ".join(group.title.split())
    w.para(f"Nhóm {k}." + (f" {title}" if title else ""), B)
    if group.stimulus:
        w.html(group.stimulus, group.assets)
    for member in members:
        number += 1
        _question(w, member, number)
    w.para("Hết nhóm", I)
    return number


def _question(w: Writer, q: ParsedQuestion, number: int) -> None:
    head = w.para()
    label = f"Câu {number}"
    if q.points is not None:
        points = _number(q.points)
        if points:
            label += f" ({points} điểm)"
    w.run(head, label + ".", B)
    w.run(head, " " + "".join(f"[{m}] " for m in _markers(q)))
    stem = q.stem or ""
    if q.qtype == QType.CLOZE:
        stem = _RE_BLANK.sub(lambda m: _blank_text(q, int(m.group(1))), stem)
    w.html(stem, q.assets, heading=head)
    _guard_inline_options(head)  # "Câu 3. … A. 1 B. 2 C. 3" would read as options on the line
    body = _BODIES.get(q.qtype)
    if body is not None:
        body(w, q)
    if q.marking_guide:
        w.para("Hướng dẫn chấm:", B)
        w.html(q.marking_guide, q.assets)
    if q.solution:
        w.para("Lời giải:", B)
        w.html(q.solution, q.assets)


def _markers(q: ParsedQuestion) -> list[str]:
    """Level, ``giữ thứ tự``, ``cố định``, and a type marker where the content would mislead."""
    marks = []
    if q.level in _LEVEL_MARK:
        marks.append(_LEVEL_MARK[q.level])
    if q.keep_option_order or (q.qtype == QType.TRUE_FALSE and not q.shuffle_statements):
        marks.append("giữ thứ tự")
    if q.keep_position:
        marks.append("cố định")
    correct = [c for c in q.choices if c.correct]
    if q.qtype == QType.MULTIPLE_RESPONSE and len(correct) < 2:
        marks.append("nhiều đáp án")
    if q.qtype == QType.SHORT_TEXT and correct and _numeric(plain_text(correct[0].text)):
        marks.append("trả lời ngắn")
    if q.qtype == QType.ESSAY and (
        _RE_CLOZE_LIKE.search(q.stem or "") or _RE_OPTIONS_LIKE.search(plain_text(q.stem or ""))
    ):
        marks.append("tự luận")  # else read back as a cloze, or flagged as a split-less choice
    return marks


def _options(w: Writer, q: ParsedQuestion) -> None:
    for i, c in enumerate(q.choices[:8]):
        p = w.para()
        letter = _LETTERS[i] + ("#" if c.fixed else "") + "."
        w.run(p, letter, (U | RED) if c.correct else 0)
        w.run(p, " ")
        w.html(c.text, q.assets, heading=p)
        _guard_inline_options(p)


def _statements(w: Writer, q: ParsedQuestion) -> None:
    values = []
    for i, c in enumerate(q.choices[:8]):
        letter = _LETTERS[i].lower()
        p = w.para()
        w.run(p, f"{letter}) ")
        w.html(c.text, q.assets, heading=p)
        values.append(f"{letter}) {'Đ' if c.correct else 'S'}")
    w.para("Đáp án: " + ", ".join(values))


def _numeric_answer(w: Writer, q: ParsedQuestion) -> None:
    key = q.numeric_answer.strip()
    if q.tolerance:
        key += " ± " + _number(q.tolerance)
    w.para("Đáp án: " + key)


def _text_answers(w: Writer, q: ParsedQuestion) -> None:
    p = w.para("Đáp án: ")
    for i, c in enumerate(c for c in q.choices if c.correct):
        if i:
            w.run(p, " | ")
        inline = c.text.replace("\\[", "\\(").replace("\\]", "\\)")
        w.html(inline, q.assets, heading=p)


def _matching(w: Writer, q: ParsedQuestion) -> None:
    w.para("Ghép nối:")
    k = 0
    for c in q.choices:
        p = w.para()
        if plain_text(c.text) or "<img" in c.text:
            k += 1
            w.run(p, f"{k}) ")
            w.html(c.text, q.assets, heading=p)
            w.run(p, " → ")
        else:
            w.run(p, "→ ")
        w.html(c.match, q.assets, heading=p)


def _ordering(w: Writer, q: ParsedQuestion) -> None:
    w.para("Sắp xếp:")
    for i, c in enumerate(q.choices, start=1):
        p = w.para(f"{i}) ")
        w.html(c.text, q.assets, heading=p)


_BODIES = {
    QType.SINGLE_CHOICE: _options,
    QType.MULTIPLE_RESPONSE: _options,
    QType.TRUE_FALSE: _statements,
    QType.SHORT_NUMERIC: _numeric_answer,
    QType.SHORT_TEXT: _text_answers,
    QType.MATCHING: _matching,
    QType.ORDERING: _ordering,
}


_RE_INLINE_OPTION = re.compile(r"(?<!\S)\*?#?[A-H]#?\s*[.)]")


def _guard_inline_options(p) -> None:
    """Keep "… B. …" inside an option's text from being read as the next option on import."""
    ts = list(p.iter(W + "t"))
    texts = [t.text or "" for t in ts]
    full = "".join(texts)
    positions = [m.start() for m in _RE_INLINE_OPTION.finditer(full) if m.start() > 0]
    if not positions:
        return
    starts = []
    pos = 0
    for text in texts:
        starts.append(pos)
        pos += len(text)
    for at in reversed(positions):
        i = bisect_right(starts, at) - 1
        while i > 0 and not texts[i]:
            i -= 1
        off = at - starts[i]
        texts[i] = texts[i][:off] + ZWSP + texts[i][off:]
        ts[i].text = texts[i]


def _number(value: float) -> str:
    """A float written the Vietnamese way: 0.25 → "0,25"."""
    try:
        return format_numeric(Decimal(repr(float(value))))
    except (NumericAnswerError, ArithmeticError, ValueError, TypeError):
        return str(value).replace(".", ",")


def _numeric(text: str) -> bool:
    try:
        parse_numeric(text)
    except NumericAnswerError:
        return False
    return True


def _blank_text(q: ParsedQuestion, n: int) -> str:
    if not 1 <= n <= len(q.blanks):
        return "{{" + str(n) + "}}"
    blank = q.blanks[n - 1]
    answers = [plain_text(a.text).replace("|", "/").replace("]", ")") for a in blank.answers]
    if blank.kind == "numeric":
        value = next(
            (plain_text(a.text) for a in blank.answers if a.correct), answers[0] if answers else ""
        )
        body = "=" + value
        if blank.tolerance:
            body += " ± " + _number(blank.tolerance)
    elif blank.kind == "choice":
        body = "|".join(
            ("*" if a.correct else "") + t for a, t in zip(blank.answers, answers, strict=True)
        )
    else:
        body = "|".join(t for a, t in zip(blank.answers, answers, strict=True) if a.correct)
    return html_lib.escape(f"[{n}: {body}]", quote=False)
