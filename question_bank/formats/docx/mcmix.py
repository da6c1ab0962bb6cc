"""McMIX's question blocks and groups in a Word file, read by the document (:mod:`.document`).

McMIX (the mixing tool of the MCTest authors) and the question banks that take its "đề thi
chuẩn" write a question as its stem and options ended by a ``[<br>]`` line, with or without
"Câu N"; a group of questions sharing a stem or a passage as::

    [<sg>]
    Read the passage. Questions {<1>} – {<3>} … a gap {<1>} ______ …
    [<egc>]
    (<1>) The first question of the group
    A. …
    [<br>]
    (<2>) …
    [</sg>]

``[<sg>]`` opens the group, what follows up to ``[<egc>]`` is the shared content (the group's
stimulus, read as written: no line in it starts a question), ``(<n>)`` numbers a question of
the group, ``[</sg>]`` closes it. ``[<g0>]``…``[</g0>]`` (``[<g1>]``…) are read the same way:
they are widely used in Word files for McMIX although no published guide was found for them.
``{<n>}`` in the content becomes "(n)", so a cloze passage's gaps name their questions (a
question of such a group with options and no stem is "Chỗ trống (n)").

A question without "Câu N" starts on the first line after a ``[<br>]`` (or after
``[<egc>]``, ``[</sg>]``); the first question of such a file is the text before the first
``[<br>]``. Such a block is a question only when a ``[<br>]`` or ``[</sg>]`` ends it or it has
options, statements or an answer: a line between a ``[<br>]`` and the next "Câu N" (an
instruction to the candidates) is not taken for an essay.
"""

from __future__ import annotations

import re

from question_bank.formats.base import Problem
from question_bank.formats.docx.lines import Line
from question_bank.formats.docx.patterns import (
    RE_BR_LINE,
    RE_EGC,
    RE_MC_NUMBER,
    RE_SG,
    RE_SG_END,
)

NO_EGC = (
    "nhóm [<sg>] không có dòng [<egc>] đánh dấu hết phần nội dung chung, nên cả nhóm được đọc "
    "là nội dung chung và không có câu hỏi nào — thêm dòng [<egc>] trước câu hỏi đầu tiên của nhóm"
)
FIRST_REVIEW = (
    "câu đầu tiên không có “Câu 1”: mọi dòng từ đầu tệp tới phương án đầu tiên được đọc là "
    "đề bài của nó (kể cả tiêu đề đề thi nếu có) — cần kiểm tra"
)
_RE_PLACEHOLDER = re.compile(r"\{&lt;\s*(\d{1,3})\s*&gt;\}")
_RE_PLACEHOLDER_TEXT = re.compile(r"\{<\s*(\d{1,3})\s*>\}")


class _Rest:
    """The rest of a marker line (``[<sg>] Đọc đoạn văn sau…``) as a line of the content."""

    __slots__ = ("line", "start")

    def __init__(self, line: Line, start: int):
        self.line, self.start = line, start

    @property
    def text(self) -> str:
        return self.line.text[self.start :]

    def html(self) -> str:
        return self.line.html(self.start)

    def extras(self):
        return self.line.extras()


def mcmix_line(doc, line: Line, folded: str) -> bool:
    """The McMIX markers; inside a group's shared content, every line belongs to it."""
    text = line.text
    group = doc.group
    if RE_BR_LINE.match(text):
        question_break(doc)
        return True
    if m := RE_SG.match(text):
        doc.close_all()
        doc.open_group("", "")
        doc.group.explicit = True
        doc.group.mcmix = "content"
        if text[m.end() :].strip():
            doc.group.items.append(_Rest(line, m.end()))
        return True
    if RE_EGC.match(text) and group is not None and group.mcmix:
        group.mcmix = "questions"
        group.title = _title(group.items)
        doc.close_question()
        doc.mcmix_next = True
        return True
    if RE_SG_END.match(text):
        if group is not None and group.mcmix == "content":
            doc.result.problems.append(Problem(where=_where(group), message=NO_EGC))
        _confirm(doc)
        doc.close_all()
        doc.mcmix_next = True  # the next question has no "Câu N" either
        return True
    if group is not None and group.mcmix == "content":
        group.items.append(line)
        return True
    if m := RE_MC_NUMBER.match(text):
        number = m.group(1)
        doc.start_block(line, number, doc.ref(number), m.end(), (None, ""))
        return True
    return False


def question_break(doc) -> None:
    """``[<br>]``: the question ends; the text before the first one, if no question was open,
    is a question without "Câu N"; the next line starts another."""
    loose, doc.loose = doc.loose, []
    if doc.block is None and loose:
        start_unnumbered(doc, loose[0])
        for item in loose[1:]:
            doc.block[1].feed(item)
        draft = doc.block[0]
        if not doc.drafts and len(draft.stem) > 1:
            draft.reviews.append(FIRST_REVIEW)
    _confirm(doc)
    doc.close_question()
    doc.mcmix_next = True


def loose_item(doc, item) -> bool:
    """A line or table outside any question: after ``[<br>]`` it starts a question without
    "Câu N"; before any, it is kept in case a ``[<br>]`` shows it was one."""
    group = doc.group
    if doc.mcmix_next and (group is None or group.mcmix):
        if not isinstance(item, Line):
            return False
        start_unnumbered(doc, item)
        return True
    if group is None:
        doc.loose.append(item)
        return True
    return False


def start_unnumbered(doc, line) -> None:
    """A question without "Câu N", named by its position; it stays one only if a ``[<br>]``
    (or ``[</sg>]``) ends it or it has options, statements or an answer — else it was a line
    such as an instruction between a ``[<br>]`` and the next "Câu N" (see ``unconfirmed``)."""
    number = str(len(doc.drafts) + 1)
    if not isinstance(line, Line):  # a table first: an empty heading, the table in the stem
        doc.start_block(Line([]), number, doc.ref(number), 0, (None, ""))
        doc.block[1].feed(line)
    else:
        doc.start_block(line, number, doc.ref(number), 0, (None, ""))
    doc.block[0].unconfirmed = True


def _confirm(doc) -> None:
    if doc.block is not None:
        doc.block[0].unconfirmed = False


def _where(group) -> str:
    return f"Nhóm {group.key.rsplit('-', 1)[-1]}"


def _title(items) -> str:
    """The group's title: the start of its content's first line ("Questions (1) – (3) …")."""
    first = next((t for it in items if (t := getattr(it, "text", "")).strip()), "")
    title = _RE_PLACEHOLDER_TEXT.sub(r"(\1)", " ".join(first.split()))
    return title if len(title) <= 80 else title[:79].rstrip() + "…"


def placeholders(groups) -> None:
    """``{<n>}`` in a group's content → "(n)"."""
    for _, group in groups:
        if "{&lt;" in group.stimulus:
            group.stimulus = _RE_PLACEHOLDER.sub(r"(\1)", group.stimulus)
