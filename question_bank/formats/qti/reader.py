"""One assessmentItem → one :class:`ParsedQuestion` (or the problems that stop it)."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from lxml import etree

from question_bank.formats.base import (
    ImportRejected,
    ParsedQuestion,
    ParseResult,
    Problem,
    QType,
    validate_question,
)
from question_bank.formats.qti.feedback import Feedback, wrong_only
from question_bank.formats.qti.feedback import branches as feedback_rules
from question_bank.formats.qti.feedback import targets as feedback_targets
from question_bank.formats.qti.interactions import InteractionReader
from question_bank.formats.qti.metadata import Meta
from question_bank.formats.qti.spec import (
    INLINE,
    INTERACTIONS,
    SOLUTION_IDS,
    SUPPORTED,
    as_float,
    views,
)
from question_bank.formats.qti.xhtml import join_html

logger = logging.getLogger(__name__)
UNREADABLE = "không đọc được câu hỏi này (lỗi đã được ghi lại để sửa); hãy bỏ qua câu này"
_SOLUTION_TITLE = re.compile(r"^\s*(lời giải|hướng dẫn giải|solution|worked solution)\b", re.I)
# The reader of each kind of block interaction that makes a question on its own.
_BLOCK_READERS = {
    "choiceInteraction": "_choice",
    "orderInteraction": "_order",
    "matchInteraction": "_match",
    "associateInteraction": "_associate",
    "gapMatchInteraction": "_gap_match",
    "extendedTextInteraction": "_essay",
}


def read_item(
    root: etree._Element,
    path: str,
    label: str,
    fetch: Callable[[str], bytes | None],
    meta: Meta | None,
    result: ParseResult,
) -> None:
    """Read one item into ``result``: its question, or its problems (``label`` names it)."""
    title = (root.get("title") or "").strip()
    where = f"{label} “{title}”" if title else label
    reader = ItemReader(root, path, fetch, meta or Meta())
    try:
        question = reader.read()
    except ImportRejected:
        raise  # unsafe content (a file outside the package …) refuses the whole package
    except Exception:  # one item this reader trips on must not sink the package
        logger.exception("QTI item %s could not be read", path)
        result.give_up(where, UNREADABLE)
        return
    for warning in reader.warnings:
        result.problems.append(Problem(where, warning, severity="warning"))
    if question is None:
        for error in reader.errors or ["không đọc được câu hỏi"]:
            result.give_up(where, error)
        return
    question.ref = where
    errors = reader.errors + [
        e for e in validate_question(question) if e not in reader.errors and e not in reader.said
    ]
    if errors:
        result.reject(question, *errors)  # shown on the preview page, at its place
        return
    result.questions.append(question)


class ItemReader(InteractionReader):
    """One assessmentItem → one ParsedQuestion (or errors)."""

    def read(self) -> ParsedQuestion | None:
        root, q = self.root, self.q
        q.name = (root.get("title") or "").strip()
        q.source_id = (root.get("identifier") or "").strip()
        body = root.find("itemBody")
        if body is None:
            self.errors.append("không có phần nội dung (itemBody)")
            return None
        if (
            root.find("templateDeclaration") is not None
            or root.find("templateProcessing") is not None
        ):
            self.errors.append("câu hỏi có mẫu sinh số (template) chưa được hỗ trợ")
            return None
        if root.get("adaptive") == "true":
            self._note("câu thích ứng (adaptive) — chỉ nhập phần đầu")
        self._pull_feedback(body)
        found = self._interactions(body)
        if found is None or not self._read_interactions(found):
            return None
        q.stem = self.content(body)
        self._modal_feedback()
        self._apply_meta()
        q.needs_review = self.review
        return q

    def _interactions(self, body: etree._Element) -> list[etree._Element] | None:
        """The interactions that take an answer, or None after recording why there are none."""
        found = [el for el in body.iter() if el.tag in INTERACTIONS]
        for el in found:
            if el.tag == "endAttemptInteraction":
                self.replace[el] = ""
        found = [el for el in found if el.tag != "endAttemptInteraction"]
        unsupported = list(dict.fromkeys(el.tag for el in found if el.tag not in SUPPORTED))
        if unsupported:
            names = ", ".join(f"“{t}”" for t in unsupported)
            self.errors.append(f"tương tác {names} chưa được hỗ trợ")
            return None
        if not found:
            self.errors.append("không có tương tác nào (câu hỏi không có chỗ trả lời)")
            return None
        return found

    def _read_interactions(self, found: list[etree._Element]) -> bool:
        """The question's type and answers from its interactions; False after an error."""
        inline = [el for el in found if el.tag in INLINE]
        blocks = [el for el in found if el.tag not in INLINE]
        if inline and blocks:
            names = ", ".join(dict.fromkeys(f"“{el.tag}”" for el in found))
            self.errors.append(f"câu trộn nhiều loại tương tác ({names}) chưa được hỗ trợ")
            return False
        if len(inline) == 1 and inline[0].tag == "textEntryInteraction":
            return self._short(inline[0])
        if inline:
            return self._cloze(inline)
        if all(el.tag == "choiceInteraction" for el in blocks) and self._is_true_false(blocks):
            return self._true_false(blocks)
        if len(blocks) > 1:
            names = ", ".join(f"“{el.tag}”" for el in blocks)
            self.errors.append(
                f"câu có {len(blocks)} tương tác ({names}) — mỗi câu chỉ được một tương tác "
                "(trừ chùm Đúng/Sai)"
            )
            return False
        return getattr(self, _BLOCK_READERS[blocks[0].tag])(blocks[0])

    def _pull_feedback(self, body: etree._Element) -> None:
        """Feedback and scorer rubrics inside the itemBody leave the stem."""
        guides = []
        for el in body.iter("feedbackBlock", "feedbackInline", "rubricBlock"):
            if el.tag == "rubricBlock":
                if "candidate" in views(el):
                    continue
                guides.append(self.content(el))
            elif not any(a.tag == "simpleChoice" for a in el.iterancestors()):
                self.feedbacks.append(Feedback.of(el, self.content(el)))
            self.replace[el] = ""
        self.q.marking_guide = join_html(guides)

    def _modal_feedback(self) -> None:
        """Each feedback where QTI shows it (:mod:`.feedback`): the solution, an option's,
        the right or the wrong options', the marking guide of an essay, or general."""
        q = self.q
        rules = feedback_rules(self.root)
        feedbacks = [Feedback.of(fb, self.content(fb)) for fb in self.root.findall("modalFeedback")]
        general, guide = [], []
        for fb in feedbacks + self.feedbacks:
            if not fb.text:
                continue
            if fb.ident in SOLUTION_IDS or _SOLUTION_TITLE.match(fb.title):
                q.solution = join_html([q.solution, fb.text])
            elif (choices := feedback_targets(fb, q.qtype, q.choices, rules)) is not None:
                for choice in choices:
                    choice.feedback = join_html([choice.feedback, fb.text])
            elif q.qtype == QType.ESSAY and fb.ident != "GENERAL":
                guide.append(fb.text)
            else:
                if wrong_only(fb, rules):
                    self._note("phản hồi chỉ hiện khi trả lời sai đã thành nhận xét chung")
                general.append(fb.text)
        q.general_feedback = join_html(general)
        q.marking_guide = join_html([q.marking_guide, *guide])

    def _apply_meta(self) -> None:
        q, meta = self.q, self.meta
        q.level = meta.level
        q.part = meta.part
        q.difficulty = meta.difficulty
        q.keep_position = meta.keep_position
        if meta.shuffle_statements is not None:
            q.shuffle_statements = meta.shuffle_statements
        q.tags = list(meta.tags)
        q.category = list(meta.category)
        q.group = meta.group
        q.points = meta.points
        outcomes = {o.get("identifier"): o for o in self.root.findall("outcomeDeclaration")}
        if q.points is None and "MAXSCORE" in outcomes:
            value = outcomes["MAXSCORE"].find("defaultValue/value")
            q.points = as_float(value.text) if value is not None else None
        if q.points is None and "SCORE" in outcomes:
            q.points = as_float(outcomes["SCORE"].get("normalMaximum"))
        for blank, points in zip(q.blanks, meta.blank_points, strict=False):
            blank.points = points
