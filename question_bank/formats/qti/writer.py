"""One :class:`ParsedQuestion` → one QTI 2.1 ``assessmentItem``."""

from __future__ import annotations

import dataclasses
import re

from lxml import etree

from question_bank.formats.base import Blank, Choice, ParsedQuestion, QType
from question_bank.formats.qti.files import PackWriter
from question_bank.formats.qti.processing import (
    add_score,
    add_score_if,
    equal,
    map_response,
    match_correct,
    outcome,
    set_score,
    write_processing,
)
from question_bank.formats.qti.spec import (
    CHOICE_TYPES,
    IDENT,
    QTI21_NS,
    SOLUTION_IDS,
    TEMPLATE_MAP_RESPONSE,
    TEMPLATE_MATCH_CORRECT,
    XSI_NS,
    qti_el,
)
from question_bank.formats.qti.xhtml import XhtmlWriter
from question_bank.html import plain_text
from question_bank.numeric import NumericAnswerError, dot_decimal, parse_numeric

# The writer of each question type (its responseDeclarations and itemBody).
_TYPE_WRITERS = {
    QType.SINGLE_CHOICE: "_choice",
    QType.MULTIPLE_RESPONSE: "_choice",
    QType.TRUE_FALSE: "_true_false",
    QType.SHORT_NUMERIC: "_short",
    QType.SHORT_TEXT: "_short",
    QType.ESSAY: "_essay",
    QType.CLOZE: "_cloze",
    QType.MATCHING: "_matching",
    QType.ORDERING: "_ordering",
}


class ItemWriter:
    """One ParsedQuestion → one QTI 2.1 assessmentItem."""

    def __init__(self, q: ParsedQuestion, ident: str, pack: PackWriter):
        # A copy: the writer assigns identifiers to choices without touching the caller's data.
        q = dataclasses.replace(q, choices=[dataclasses.replace(c) for c in q.choices])
        self.q = q
        self.ident = ident
        self.pack = pack
        self.html = XhtmlWriter(pack, q.assets)
        self.images = self.html.images
        self.interactions: list[str] = []
        self.feedback = False
        name = q.name.strip() or re.sub(r"\{\{\d+\}\}", "…", plain_text(q.stem))[:80].strip()
        self.title = name or ident
        self.rules: list[etree._Element] = []
        self.template = ""

    def build(self) -> etree._Element:
        q = self.q
        item = qti_el(
            "assessmentItem", None, identifier=self.ident, title=self.title,
            adaptive="false", timeDependent="false",
        )  # fmt: skip
        item.set(
            f"{{{XSI_NS}}}schemaLocation",
            f"{QTI21_NS} http://www.imsglobal.org/xsd/imsqti_v2p1.xsd",
        )
        decls = qti_el("_decls", None)  # placeholder, moved below
        body = qti_el("itemBody", None)
        if q.marking_guide:
            div = qti_el("div", qti_el("rubricBlock", body, view="scorer"))
            div.set("class", "hl-stem")
            self.html.into(div, q.marking_guide)
        getattr(self, _TYPE_WRITERS[q.qtype])(decls, body)
        feedbacks = self._feedbacks()
        self.feedback = bool(feedbacks)
        self._declarations(item, decls, feedbacks)
        item.append(body)
        write_processing(
            item, template=self.template, rules=self.rules, feedbacks=feedbacks, qtype=q.qtype
        )
        for ident, title, text in feedbacks:
            fb = qti_el(
                "modalFeedback", item, outcomeIdentifier="FEEDBACK", showHide="show",
                identifier=ident, title=title or None,
            )  # fmt: skip
            self.html.into(fb, text)
        return item

    def _feedbacks(self) -> list[tuple[str, str, str]]:
        """(identifier, title, HTML) of each modalFeedback: solution, general, per choice."""
        q = self.q
        feedbacks = []
        if q.solution:
            feedbacks.append(("SOLUTION", "Lời giải", q.solution))
        if q.general_feedback:
            feedbacks.append(("GENERAL", "Nhận xét", q.general_feedback))
        if q.qtype in CHOICE_TYPES:
            feedbacks += [(c.ident, "", c.feedback) for c in q.choices if c.feedback and c.ident]
        return feedbacks

    def _declarations(self, item: etree._Element, decls: etree._Element, feedbacks: list) -> None:
        """The response declarations written so far, then the outcomes."""
        for decl in list(decls):
            item.append(decl)
        outcome(item, "SCORE", "single", "float", "0")
        if self.q.points is not None:
            outcome(item, "MAXSCORE", "single", "float", dot_decimal(self.q.points))
        if feedbacks:
            outcome(item, "FEEDBACK", "multiple", "identifier")

    # -- pieces --------------------------------------------------------------------------------

    def _stem(self, body: etree._Element, blanks=None) -> None:
        div = qti_el("div", body)
        div.set("class", "hl-stem")
        self.html.blanks = blanks
        self.html.into(div, self.q.stem)
        self.html.blanks = None

    def _decl(
        self, decls, ident: str, cardinality: str, base_type: str, correct: list[str] | None = None
    ) -> etree._Element:
        decl = qti_el(
            "responseDeclaration",
            decls,
            identifier=ident,
            cardinality=cardinality,
            baseType=base_type,
        )
        if correct:
            cr = qti_el("correctResponse", decl)
            for value in correct:
                qti_el("value", cr, value)
        return decl

    def _mapping(
        self,
        decl: etree._Element,
        entries: list[tuple[str, float]],
        *,
        case_sensitive: bool = True,
        upper: float | None = None,
    ) -> None:
        mapping = qti_el(
            "mapping",
            decl,
            defaultValue="0",
            lowerBound="0",
            upperBound=dot_decimal(upper) if upper is not None else None,
        )
        for key, value in entries:
            qti_el(
                "mapEntry", mapping, mapKey=key, mappedValue=dot_decimal(value),
                caseSensitive="true" if case_sensitive else "false",
            )  # fmt: skip

    def _choice_ids(self, choices: list[Choice]) -> list[str]:
        ids = []
        for i, c in enumerate(choices):
            ident = (
                c.ident
                if IDENT.match(c.ident or "") and c.ident not in SOLUTION_IDS | {"GENERAL"}
                else ""
            )
            if not ident or ident in ids:
                ident = _letter(i)
                while ident in ids:
                    ident += "_"
            ids.append(ident)
            c.ident = ident
        return ids

    # -- types ---------------------------------------------------------------------------------

    def _choice(self, decls, body) -> None:
        q = self.q
        multiple = q.qtype == QType.MULTIPLE_RESPONSE
        choices = q.choices
        ids = self._choice_ids(choices)
        correct = [i for i, c in zip(ids, choices, strict=True) if c.correct]
        decl = self._decl(
            decls, "RESPONSE", "multiple" if multiple else "single", "identifier", correct
        )
        if any(c.fraction is not None for c in choices):
            n = max(1, len(correct))
            entries = [
                (
                    i,
                    c.fraction
                    if c.fraction is not None
                    else ((1 / n if multiple else 1.0) if c.correct else 0.0),
                )
                for i, c in zip(ids, choices, strict=True)
            ]
            self._mapping(decl, entries, upper=1.0)
            self.template = TEMPLATE_MAP_RESPONSE
        else:
            self.template = TEMPLATE_MATCH_CORRECT
        self._stem(body)
        inter = qti_el(
            "choiceInteraction", body, responseIdentifier="RESPONSE",
            shuffle="false" if q.keep_option_order else "true",
            maxChoices="0" if multiple else "1",
        )  # fmt: skip
        self.interactions.append("choiceInteraction")
        for ident, c in zip(ids, choices, strict=True):
            sc = qti_el("simpleChoice", inter, identifier=ident)
            if c.fixed:
                sc.set("fixed", "true")
            self.html.into(sc, c.text)

    def _true_false(self, decls, body) -> None:
        q = self.q
        self._stem(body)
        for i, c in enumerate(q.choices):
            ident = f"RESPONSE_{_letter(i).lower()}"
            c.ident = ident
            self._decl(decls, ident, "single", "identifier", ["TRUE" if c.correct else "FALSE"])
            statement = qti_el("div", body)
            statement.set("class", "hl-statement")
            self.html.into(statement, c.text)
            inter = qti_el(
                "choiceInteraction", body, responseIdentifier=ident, shuffle="false", maxChoices="1"
            )
            qti_el("simpleChoice", inter, "Đúng", identifier="TRUE")
            qti_el("simpleChoice", inter, "Sai", identifier="FALSE")
            self.interactions.append("choiceInteraction")
            self.rules.append(add_score_if(match_correct(ident)))

    def _short(self, decls, body) -> None:
        q = self.q
        self._stem(body)
        if q.qtype == QType.SHORT_NUMERIC:
            self._decl(decls, "RESPONSE", "single", "float", [_dot_decimal(q.numeric_answer)])
            self.rules.append(set_score(equal("RESPONSE", q.tolerance)))
        else:
            answers = [c for c in q.choices if c.correct] or q.choices
            decl = self._decl(
                decls,
                "RESPONSE",
                "single",
                "string",
                [plain_text(answers[0].text)] if answers else None,
            )
            self._mapping(
                decl, _answer_entries(q.choices), case_sensitive=q.case_sensitive, upper=1.0
            )
            self.template = TEMPLATE_MAP_RESPONSE
        p = qti_el("p", body)
        base = "float" if q.qtype == QType.SHORT_NUMERIC else "string"
        qti_el(
            "textEntryInteraction",
            p,
            responseIdentifier="RESPONSE",
            expectedLength="10" if base == "float" else "20",
        )
        self.interactions.append("textEntryInteraction")

    def _essay(self, decls, body) -> None:
        self._decl(decls, "RESPONSE", "single", "string")
        self._stem(body)
        qti_el("extendedTextInteraction", body, responseIdentifier="RESPONSE", expectedLines="10")
        self.interactions.append("extendedTextInteraction")

    def _cloze(self, decls, body) -> None:
        q = self.q

        def blank(parent: etree._Element, n: int) -> None:
            ident = f"RESPONSE_{n}"
            if not 1 <= n <= len(q.blanks):
                _append_text(parent, f"{{{{{n}}}}}")
                return
            b = q.blanks[n - 1]
            if b.kind == "choice":
                self._cloze_choice(decls, parent, n, b)
            elif b.kind == "numeric":
                self._cloze_numeric(decls, parent, ident, b)
            else:
                self._cloze_text(decls, parent, ident, b)

        self._stem(body, blank)

    def _cloze_choice(self, decls, parent: etree._Element, n: int, b: Blank) -> None:
        ident = f"RESPONSE_{n}"
        ids = [f"C{n}_{i + 1}" for i in range(len(b.answers))]
        correct = [i for i, a in zip(ids, b.answers, strict=True) if a.correct]
        decl = self._decl(decls, ident, "single", "identifier", correct[:1])
        entries = [
            (i, a.fraction if a.fraction is not None else (1.0 if a.correct else 0.0))
            for i, a in zip(ids, b.answers, strict=True)
        ]
        self._mapping(decl, entries, upper=1.0)
        inter = qti_el("inlineChoiceInteraction", parent, responseIdentifier=ident, shuffle="false")
        for i, a in zip(ids, b.answers, strict=True):
            qti_el("inlineChoice", inter, plain_text(a.text), identifier=i)
        self.interactions.append("inlineChoiceInteraction")
        self.rules.append(add_score(map_response(ident)))

    def _cloze_numeric(self, decls, parent: etree._Element, ident: str, b: Blank) -> None:
        key = next((a for a in b.answers if a.correct), b.answers[0] if b.answers else None)
        self._decl(
            decls,
            ident,
            "single",
            "float",
            [_dot_decimal(plain_text(key.text))] if key else None,
        )
        qti_el("textEntryInteraction", parent, responseIdentifier=ident, expectedLength="10")
        self.interactions.append("textEntryInteraction")
        self.rules.append(add_score_if(equal(ident, b.tolerance)))

    def _cloze_text(self, decls, parent: etree._Element, ident: str, b: Blank) -> None:
        answers = [a for a in b.answers if a.correct]
        decl = self._decl(
            decls,
            ident,
            "single",
            "string",
            [plain_text(answers[0].text)] if answers else None,
        )
        self._mapping(decl, _answer_entries(b.answers), case_sensitive=b.case_sensitive, upper=1.0)
        qti_el("textEntryInteraction", parent, responseIdentifier=ident, expectedLength="20")
        self.interactions.append("textEntryInteraction")
        self.rules.append(add_score(map_response(ident)))

    def _matching(self, decls, body) -> None:
        q = self.q
        premises = [c for c in q.choices if plain_text(c.text) or "<img" in c.text]
        targets: list[str] = []
        for c in q.choices:
            if c.match and c.match not in targets:
                targets.append(c.match)
        pairs = [
            (f"S{i + 1}", f"T{targets.index(c.match) + 1}")
            for i, c in enumerate(premises)
            if c.match
        ]
        self._decl(decls, "RESPONSE", "multiple", "directedPair", [f"{a} {b}" for a, b in pairs])
        self.template = TEMPLATE_MATCH_CORRECT
        self._stem(body)
        inter = qti_el(
            "matchInteraction", body, responseIdentifier="RESPONSE",
            shuffle="false" if q.keep_option_order else "true", maxAssociations=str(len(pairs)),
        )  # fmt: skip
        self.interactions.append("matchInteraction")
        left, right = qti_el("simpleMatchSet", inter), qti_el("simpleMatchSet", inter)
        for i, c in enumerate(premises):
            sac = qti_el("simpleAssociableChoice", left, identifier=f"S{i + 1}", matchMax="1")
            self.html.into(sac, c.text)
        for j, text in enumerate(targets):
            uses = sum(1 for _, b in pairs if b == f"T{j + 1}")
            sac = qti_el(
                "simpleAssociableChoice", right, identifier=f"T{j + 1}", matchMax=str(max(1, uses))
            )
            self.html.into(sac, text)

    def _ordering(self, decls, body) -> None:
        q = self.q
        ids = [f"O{i + 1}" for i in range(len(q.choices))]
        self._decl(decls, "RESPONSE", "ordered", "identifier", ids)
        self.template = TEMPLATE_MATCH_CORRECT
        self._stem(body)
        inter = qti_el("orderInteraction", body, responseIdentifier="RESPONSE", shuffle="true")
        self.interactions.append("orderInteraction")
        # Written out of order so a player that does not shuffle does not give the answer away.
        shown = list(zip(ids, q.choices, strict=True))
        shown = shown[1:] + shown[:1]
        for ident, c in shown:
            sc = qti_el("simpleChoice", inter, identifier=ident)
            if c.fixed:
                sc.set("fixed", "true")
            self.html.into(sc, c.text)


def _letter(i: int) -> str:
    return chr(ord("A") + i) if i < 26 else f"C{i + 1}"


def _append_text(parent: etree._Element, text: str) -> None:
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _answer_entries(answers: list[Choice]) -> list[tuple[str, float]]:
    entries: dict[str, float] = {}
    for a in answers:
        key = plain_text(a.text)
        if not key or key in entries:
            continue
        entries[key] = a.fraction if a.fraction is not None else (1.0 if a.correct else 0.0)
    return list(entries.items())


def _dot_decimal(answer: str) -> str:
    """A numeric key as QTI writes it: a decimal point (a teacher may have used a comma)."""
    try:
        return dot_decimal(parse_numeric(answer))
    except NumericAnswerError:
        return answer.strip().replace(",", ".")
