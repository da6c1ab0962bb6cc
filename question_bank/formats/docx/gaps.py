"""Cloze passages with numbered gaps: one choice question per gap, sharing the passage.

The passage is a group's stimulus (an instruction such as "Read the following passage … blanks
from 1 to 5", "Đọc đoạn văn sau … từ câu 1 đến câu 5", or McMIX's ``[<sg>]`` … ``[<egc>]``)
with gaps written ``(1) ______``, ``______ (1)``, ``(1)`` or McMIX's ``{<1>}``. Each gap's
options follow as a question of that number — "Question 1. A. … B. …", "Câu 1." or ``(<1>)``
with its options — or as a line of options after the gap's number: ``1. A. small  B. smaller
C. smallest  D. smally`` / ``(1) A. …``, read only for a gap the passage has. Such a question
has no stem of its own: it is named "Chỗ trống (N)".
"""

from __future__ import annotations

from question_bank.formats.docx.lines import Line
from question_bank.formats.docx.patterns import RE_GAP, RE_GAP_OPTIONS
from question_bank.formats.docx.question import inline_options_start


def gap_options_line(doc, line: Line, folded: str) -> bool:
    """``1. A. small  B. smaller …`` in a group whose passage has the gap (1): question 1."""
    group = doc.group
    if group is None or group.mcmix == "content":
        return False
    m = RE_GAP_OPTIONS.match(line.text)
    if m is None or inline_options_start(line.text, m.end()) != m.end():
        return False
    number = m.group(1)
    if number not in _passage_gaps(group.items):
        return False
    doc.start_block(line, number, doc.ref(number), m.end(), (None, ""))
    return True


def _passage_gaps(items) -> set[str]:
    found = set()
    for item in items:
        text = getattr(item, "text", None)
        if text is None and hasattr(item, "line"):  # the rest of a marker line
            text = item.line.text[item.start :]
        for m in RE_GAP.finditer(text or ""):
            found.add(next(g for g in m.groups() if g))
    return found


def gap_stems(groups, drafts) -> None:
    """A question with options and no stem in a group whose passage has the gap "(N)" of its
    number: "Chỗ trống (N)"."""
    gaps: dict[str, set[str]] = {}
    for _, group in groups:
        found = set()
        for m in RE_GAP.finditer(group.stimulus):
            found.add(next(g for g in m.groups() if g))
        gaps[group.key] = found
    for d in drafts:
        if d.group and d.options and not any(d.stem) and d.number in gaps.get(d.group, ()):
            d.stem = [f"Chỗ trống ({d.number})"]
