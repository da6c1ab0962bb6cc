"""The interactions of an assessmentItem, one reader per kind, and what they make of the
question: its type, choices, keys, blanks and the gaps they leave in the stem."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from lxml import etree

from common.vietnamese import nfc
from question_bank.formats.base import Blank, Choice, ParsedQuestion, QType
from question_bank.formats.qti.feedback import Feedback
from question_bank.formats.qti.metadata import Meta
from question_bank.formats.qti.responses import Decl, set_keys, text_answers
from question_bank.formats.qti.spec import INTERACTIONS, as_float
from question_bank.formats.qti.xhtml import BLOCK_TAGS, HtmlReader, join_html
from question_bank.html import plain_text
from question_bank.numeric import NumericAnswerError, format_numeric

NO_KEY = "không có đáp án đúng (correctResponse)"
NO_KEY_MARKED = "không có đáp án đúng được đánh dấu"  # the common rule's words for the same
_TRUE_FALSE_WORDS = ({"đúng", "sai"}, {"true", "false"}, {"đ", "s"})
_STATEMENT_LABEL = re.compile(r"^(\s*(?:<[a-z][^>]*>\s*)*)([a-h])\s*[).]\s*")


class InteractionReader(HtmlReader):
    """The interactions of one assessmentItem → the question's type, choices, keys and blanks.

    Each ``_<kind>`` method reads one kind of interaction and returns False after recording
    in ``errors`` why it cannot.
    """

    def __init__(
        self,
        root: etree._Element,
        path: str,
        fetch: Callable[[str], bytes | None],
        meta: Meta,
    ):
        self.q = ParsedQuestion(qtype=QType.ESSAY, stem="")
        super().__init__(path, fetch, self.q.assets)
        self.root = root
        self.meta = meta
        self.feedbacks: list[Feedback] = []  # routed by the item reader
        # The common rules' messages this reader has already said in its own words.
        self.said: set[str] = set()
        self.decls = {
            d.ident: d for d in map(Decl.read, root.findall("responseDeclaration")) if d.ident
        }

    # -- pieces shared by several interaction types ------------------------------------------

    def _decl(self, el: etree._Element) -> Decl | None:
        """The key of an auto-scored interaction, or None after recording that it has none."""
        decl = self.decls.get(el.get("responseIdentifier", ""))
        if decl is None or not decl.keyed:
            self.errors.append(NO_KEY)
            self.said.add(NO_KEY_MARKED)
            return None
        return decl

    def _prompt_in_stem(self, el: etree._Element) -> None:
        """The interaction leaves the stem; its prompt stays where it was."""
        prompt = el.find("prompt")
        text = self.children(prompt).strip() if prompt is not None else ""
        if not text:
            self.replace[el] = ""
        elif any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in prompt):
            self.replace[el] = f"<div>{text}</div>"
        else:
            self.replace[el] = f"<p>{text}</p>"

    def _blank_in_stem(self, el: etree._Element) -> None:
        """A lone inline interaction: drop its paragraph if empty, else show a gap."""
        parent = el.getparent()
        alone = (
            parent is not None
            and parent.tag in ("p", "div")
            and parent.getparent() is not None
            and not (parent.text or "").strip()
            and len(parent) == 1
            and not (el.tail or "").strip()
        )
        if alone:
            self.replace[parent] = ""
        else:
            self.replace[el] = '<span class="blank">________</span>'

    def _simple_choices(self, el: etree._Element, tag: str = "simpleChoice") -> list[Choice]:
        choices = []
        for sc in el.iter(tag):
            feedback = []
            for fb in sc.iter("feedbackInline", "feedbackBlock"):
                own = fb.get("showHide", "show") != "hide" and fb.get("identifier", "") in (
                    "", sc.get("identifier", ""),
                )  # fmt: skip
                if own:
                    feedback.append(self.content(fb))
                else:  # shown on another condition: routed with the item's feedback
                    self.feedbacks.append(Feedback.of(fb, self.content(fb)))
            choices.append(
                Choice(
                    text=self.content(sc),
                    ident=sc.get("identifier", ""),
                    fixed=sc.get("fixed") == "true",
                    feedback=join_html(feedback),
                )
            )
        return choices

    def _tolerance(self, ident: str) -> float:
        processing = self.root.find("responseProcessing")
        if processing is None:
            return 0.0
        for eq in processing.iter("equal"):
            if not any(v.get("identifier") == ident for v in eq.iter("variable")):
                continue
            mode = eq.get("toleranceMode", "exact")
            values = (eq.get("tolerance") or "").split()
            if mode == "absolute" and values:
                return as_float(values[0]) or 0.0
            if mode == "relative":
                self._note("sai số tương đối (relative) chưa được hỗ trợ — đã bỏ")
        return 0.0

    # -- interaction types -------------------------------------------------------------------

    def _choice(self, el: etree._Element) -> bool:
        """Options and their key; without a key the options are still read (the item is
        refused for it, and the teacher may give the key on the preview page)."""
        decl = self._decl(el)
        q = self.q
        if decl is not None and decl.cardinality in ("single", "multiple"):
            multiple = decl.cardinality == "multiple"
        else:
            multiple = el.get("maxChoices", "1") != "1"
        q.qtype = QType.MULTIPLE_RESPONSE if multiple else QType.SINGLE_CHOICE
        q.choices = self._simple_choices(el)
        q.keep_option_order = el.get("shuffle") == "false"
        if decl is not None:
            set_keys(q.choices, decl, multiple=multiple)
        self._prompt_in_stem(el)
        return True

    def _is_true_false(self, blocks: list[etree._Element]) -> bool:
        if len(blocks) == 1 and self.meta.qtype != QType.TRUE_FALSE.value:
            return False
        for el in blocks:
            decl = self.decls.get(el.get("responseIdentifier", ""))
            if decl is not None and decl.cardinality != "single":
                return False
            words = {_fold_word(sc) for sc in el.iter("simpleChoice")}
            if len(list(el.iter("simpleChoice"))) != 2 or words not in _TRUE_FALSE_WORDS:
                return False
        return True

    def _true_false(self, blocks: list[etree._Element]) -> bool:
        q = self.q
        q.qtype = QType.TRUE_FALSE
        for el in blocks:
            decl = self._decl(el)
            if decl is None:
                return False
            prompt = el.find("prompt")
            if prompt is not None and plain_text(self.children(prompt)):
                statement = self.content(prompt)
            else:
                prev = el.getprevious()
                if (
                    prev is not None
                    and prev.tag not in INTERACTIONS
                    and "hl-stem" not in (prev.get("class") or "").split()
                    and prev not in self.replace
                ):
                    statement = self.content(prev)
                    self.replace[prev] = ""
                else:
                    statement = ""
            true_ids = {
                sc.get("identifier", "")
                for sc in el.iter("simpleChoice")
                if _fold_word(sc) in ("đúng", "true", "đ")
            }
            key = decl.correct[0] if decl.correct else max(decl.mapping, key=decl.mapping.get)
            q.choices.append(Choice(text=statement, correct=key in true_ids, ident=decl.ident))
            self.replace[el] = ""
        _strip_labels(q.choices)
        return True

    def _order(self, el: etree._Element) -> bool:
        decl = self._decl(el)
        if decl is None:
            return False
        choices = {c.ident: c for c in self._simple_choices(el)}
        order = [i for i in decl.correct if i in choices]
        if not order:
            self.errors.append("không có đáp án đúng (correctResponse)")
            return False
        missing = [c for i, c in choices.items() if i not in order]
        if missing:
            self._note(f"có {len(missing)} mục không nằm trong thứ tự đúng — đã bỏ")
        self.q.qtype = QType.ORDERING
        self.q.choices = [choices[i] for i in order]
        self._prompt_in_stem(el)
        return True

    def _pairs(self, decl: Decl) -> list[tuple[str, str]]:
        values = decl.correct or [k for k, v in decl.mapping.items() if v > 0]
        return [tuple(v.split()[:2]) for v in values if len(v.split()) >= 2]

    def _match(self, el: etree._Element) -> bool:
        decl = self._decl(el)
        if decl is None:
            return False
        sets = el.findall("simpleMatchSet")
        if len(sets) != 2:
            self.errors.append("tương tác ghép nối cần đúng hai nhóm (simpleMatchSet)")
            return False
        sources = {c.ident: c.text for c in self._simple_choices(sets[0], "simpleAssociableChoice")}
        targets = {c.ident: c.text for c in self._simple_choices(sets[1], "simpleAssociableChoice")}
        pairs = []
        for a, b in self._pairs(decl):
            if a in targets and b in sources:  # written the other way round
                a, b = b, a
            if a in sources and b in targets:
                pairs.append((a, b))
        self._matching(sources, targets, pairs)
        self._prompt_in_stem(el)
        return True

    def _associate(self, el: etree._Element) -> bool:
        decl = self._decl(el)
        if decl is None:
            return False
        items = {c.ident: c.text for c in self._simple_choices(el, "simpleAssociableChoice")}
        pairs = [(a, b) for a, b in self._pairs(decl) if a in items and b in items]
        left = {a: items[a] for a, _ in pairs}
        right = {i: t for i, t in items.items() if i not in left}
        self._note("tương tác ghép cặp (associateInteraction) được chuyển thành ghép nối")
        self._matching(left, right, pairs)
        self._prompt_in_stem(el)
        return True

    def _matching(
        self, sources: dict[str, str], targets: dict[str, str], pairs: list[tuple[str, str]]
    ) -> None:
        q = self.q
        q.qtype = QType.MATCHING
        used = set()
        for source, text in sources.items():
            mine = [b for a, b in pairs if a == source]
            if not mine:
                self._note(
                    f"vế trái “{plain_text(text)[:40]}” không được ghép với vế phải nào — đã bỏ"
                )
            if len(mine) > 1:
                self._note(
                    f"vế trái “{plain_text(text)[:40]}” được ghép với {len(mine)} vế phải — "
                    "đã tách thành nhiều cặp"
                )
            for target in mine:
                used.add(target)
                q.choices.append(Choice(text=text, match=targets[target], ident=source))
        for target, text in targets.items():
            if target not in used:
                q.choices.append(Choice(text="", match=text, ident=target))

    def _gap_match(self, el: etree._Element) -> bool:
        decl = self._decl(el)
        if decl is None:
            return False
        q = self.q
        q.qtype = QType.CLOZE
        options = []
        for gt in el:
            if gt.tag in ("gapText", "gapImg"):
                options.append((gt.get("identifier", ""), self.content(gt)))
                self.replace[gt] = ""
        pairs = set(self._pairs(decl))
        for n, gap in enumerate(el.iter("gap"), start=1):
            gid = gap.get("identifier", "")
            answers = [
                Choice(
                    text=text, ident=ident, correct=(ident, gid) in pairs or (gid, ident) in pairs
                )
                for ident, text in options
            ]
            q.blanks.append(Blank(kind="choice", answers=answers))
            self.replace[gap] = f"{{{{{n}}}}}"
        prompt = el.find("prompt")
        if prompt is not None:
            text = self.children(prompt).strip()
            self.replace[prompt] = f"<p>{text}</p>" if text else ""
        return True

    def _short(self, el: etree._Element) -> bool:
        decl = self._decl(el)
        if decl is None:
            return False
        q = self.q
        if decl.base_type in ("float", "integer"):
            q.qtype = QType.SHORT_NUMERIC
            value = self._numeric_key(decl)
            if value is None:
                return False
            q.numeric_answer = value
            q.tolerance = self._tolerance(decl.ident)
        else:
            q.qtype = QType.SHORT_TEXT
            q.choices = text_answers(decl)
            q.case_sensitive = decl.case_sensitive if decl.case_sensitive is not None else True
        self._blank_in_stem(el)
        return True

    def _numeric_key(self, decl: Decl) -> str | None:
        keys = decl.correct or [
            k for k, _ in sorted(decl.mapping.items(), key=lambda kv: -kv[1]) if decl.mapping[k] > 0
        ]
        if len(set(keys)) > 1:
            self._note("có nhiều đáp án số — chỉ lấy đáp án đầu tiên")
        try:
            return format_numeric(keys[0])
        except (NumericAnswerError, InvalidOperation):
            try:
                return format_numeric(Decimal(keys[0]))
            except (InvalidOperation, NumericAnswerError):
                self.errors.append(f"đáp án “{keys[0]}” không phải là số")
                return None

    def _cloze(self, inline: list[etree._Element]) -> bool:
        q = self.q
        q.qtype = QType.CLOZE
        for n, el in enumerate(inline, start=1):
            decl = self._decl(el)
            if decl is None:
                self.errors[-1] = f"chỗ trống {n}: không có đáp án đúng (correctResponse)"
                return False
            if el.tag == "inlineChoiceInteraction":
                answers = [
                    Choice(text=self.content(ic), ident=ic.get("identifier", ""))
                    for ic in el.iter("inlineChoice")
                ]
                set_keys(answers, decl, multiple=False)
                blank = Blank(kind="choice", answers=answers)
            elif decl.base_type in ("float", "integer"):
                value = self._numeric_key(decl)
                if value is None:
                    return False
                blank = Blank(
                    kind="numeric",
                    answers=[Choice(text=value, correct=True)],
                    tolerance=self._tolerance(decl.ident),
                )
            else:
                blank = Blank(
                    kind="text",
                    answers=text_answers(decl),
                    case_sensitive=decl.case_sensitive if decl.case_sensitive is not None else True,
                )
            q.blanks.append(blank)
            self.replace[el] = f"{{{{{n}}}}}"
        return True

    def _essay(self, el: etree._Element) -> bool:
        self.q.qtype = QType.ESSAY
        self._prompt_in_stem(el)
        return True


def _strip_labels(choices: list[Choice]) -> None:
    """Drop "a) " … labels from Đúng/Sai statements when every statement has its own."""
    labels = [_STATEMENT_LABEL.match(c.text) for c in choices]
    if len(choices) > 1 and all(
        m and m.group(2) == chr(ord("a") + i) for i, m in enumerate(labels)
    ):
        for c, m in zip(choices, labels, strict=True):
            c.text = m.group(1) + c.text[m.end() :]


def _fold_word(el: etree._Element) -> str:
    """The visible word of a choice ("Đúng", "sai."), folded for comparison."""
    text = nfc(" ".join("".join(el.itertext()).split()))
    return text.rstrip(".!").strip().casefold()
