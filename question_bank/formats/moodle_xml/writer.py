"""Writing a Moodle XML file: :func:`export`, which :func:`~.reader.parse` reads back into equal questions."""

from __future__ import annotations

import base64
import re
import urllib.parse
from collections.abc import Callable

from lxml import etree

from question_bank.formats.base import ParsedGroup, ParsedQuestion, QType
from question_bank.formats.moodle_xml.cloze import cloze_code, cluster_html
from question_bank.formats.moodle_xml.shared import (
    MOODLE_GRADES,
    SOLUTION_MARK,
    TAG_SOLUTION_IN_FEEDBACK,
    TAG_TRUE_FALSE,
    fraction_of,
    has_content,
    hoclieu_tags,
    join_category_path,
    marker,
    percent,
)
from question_bank.html import plain_text
from question_bank.numeric import NumericAnswerError, dot_decimal, parse_numeric

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ASSET_REF = re.compile(r"asset:([^\"'<>]+)(?=[\"'])")


def _nearest_grade(fraction: float) -> float:
    sign = -1 if fraction < 0 else 1
    best = min(MOODLE_GRADES, key=lambda g: abs(abs(fraction) * 100 - g))
    return sign * best / 100


def _set_text(parent: etree._Element, value: str, *, cdata: bool = True) -> etree._Element:
    el = etree.SubElement(parent, "text")
    value = _XML_INVALID.sub("", value or "")
    if value:
        el.text = etree.CDATA(value) if cdata and "]]>" not in value else value
    return el


def _plain_child(parent: etree._Element, tag: str, value: str) -> etree._Element:
    el = etree.SubElement(parent, tag)
    el.text = _XML_INVALID.sub("", value)
    return el


class _Writer:
    """Writes one question's text fields, turning ``asset:NAME`` into embedded files."""

    def __init__(self, assets: dict[str, bytes]):
        self.assets = assets
        self.used: set[str] = set()

    def field(
        self, parent: etree._Element, tag: str, html: str, fmt: str = "html"
    ) -> etree._Element:
        el = etree.SubElement(parent, tag, format=fmt)
        self.fill(el, html)
        return el

    def fill(self, el: etree._Element, html: str, extra: list[str] | None = None) -> None:
        names = []

        def repl(m: re.Match) -> str:
            name = m.group(1)
            if name in self.assets:
                names.append(name)
                return "@@PLUGINFILE@@/" + urllib.parse.quote(name)
            return m.group(0)

        _set_text(el, _ASSET_REF.sub(repl, html or ""))
        for name in dict.fromkeys(names + (extra or [])):
            self.used.add(name)
            f = etree.SubElement(el, "file", name=name, path="/", encoding="base64")
            f.text = base64.b64encode(self.assets[name]).decode("ascii")


def _multichoice_fractions(q: ParsedQuestion) -> list[float]:
    if q.qtype == QType.SINGLE_CHOICE:
        return [
            1.0 if c.correct else (_nearest_grade(c.fraction) if c.fraction is not None else 0.0)
            for c in q.choices
        ]
    correct = [c for c in q.choices if c.correct]
    given = [c.fraction for c in correct]
    use_given = all(f is not None and f > 0 for f in given) and abs(sum(given) - 1) < 1e-3
    out = []
    for c in q.choices:
        if c.correct:
            out.append(
                _nearest_grade(c.fraction) if use_given else _nearest_grade(1 / len(correct))
            )
        elif c.fraction is not None:
            out.append(_nearest_grade(min(c.fraction, 0.0)))
        else:
            out.append(-1.0)  # as hoclieu scores a wrong tick without a fraction
    return out


# --- The fields of each Moodle type, after the common ones ---------------------------------------


def _multichoice(el: etree._Element, q: ParsedQuestion, w: _Writer) -> None:
    _plain_child(el, "single", "true" if q.qtype == QType.SINGLE_CHOICE else "false")
    _plain_child(el, "shuffleanswers", "0" if q.keep_option_order else "1")
    _plain_child(el, "answernumbering", "ABCD")
    _plain_child(el, "showstandardinstruction", "0")
    for c, f in zip(q.choices, _multichoice_fractions(q), strict=True):
        a = etree.SubElement(el, "answer", fraction=percent(f), format="html")
        w.fill(a, c.text)
        w.field(a, "feedback", c.feedback)


def _truefalse(el: etree._Element, q: ParsedQuestion, w: _Writer) -> None:
    c = q.choices[0]
    for word in ("true", "false"):
        right = (word == "true") == bool(c.correct)
        a = etree.SubElement(
            el, "answer", fraction="100" if right else "0", format="moodle_auto_format"
        )
        _set_text(a, word, cdata=False)
        w.field(a, "feedback", c.feedback)


def _numerical(el: etree._Element, q: ParsedQuestion, w: _Writer) -> None:
    a = etree.SubElement(el, "answer", fraction="100", format="moodle_auto_format")
    try:
        value = dot_decimal(parse_numeric(q.numeric_answer))
    except NumericAnswerError:
        value = q.numeric_answer
    _set_text(a, value, cdata=False)
    _plain_child(a, "tolerance", dot_decimal(q.tolerance or 0))
    w.field(a, "feedback", "")
    _plain_child(el, "unitgradingtype", "0")
    _plain_child(el, "unitpenalty", "0.1000000")
    _plain_child(el, "showunits", "3")
    _plain_child(el, "unitsleft", "0")


def _shortanswer(el: etree._Element, q: ParsedQuestion, w: _Writer) -> None:
    _plain_child(el, "usecase", "1" if q.case_sensitive else "0")
    for c in q.choices:
        a = etree.SubElement(
            el, "answer", fraction=percent(fraction_of(c)), format="moodle_auto_format"
        )
        _set_text(a, plain_text(c.text), cdata=False)
        w.field(a, "feedback", c.feedback)


def _essay(el: etree._Element, q: ParsedQuestion, w: _Writer) -> None:
    _plain_child(el, "responseformat", "editor")
    _plain_child(el, "responserequired", "1")
    _plain_child(el, "responsefieldlines", "15")
    _plain_child(el, "attachments", "0")
    _plain_child(el, "attachmentsrequired", "0")
    w.field(el, "graderinfo", q.marking_guide)
    w.field(el, "responsetemplate", "")


def _matching(el: etree._Element, q: ParsedQuestion, w: _Writer) -> None:
    _plain_child(el, "shuffleanswers", "false" if q.keep_option_order else "true")
    for c in q.choices:
        sub = etree.SubElement(el, "subquestion", format="html")
        w.fill(sub, c.text)
        answer = etree.SubElement(sub, "answer")
        _set_text(answer, plain_text(c.match), cdata=False)


_ORDERING_SETTINGS = (
    ("layouttype", "VERTICAL"),
    ("selecttype", "ALL"),
    ("selectcount", "0"),
    ("gradingtype", "ABSOLUTE_POSITION"),
    ("showgrading", "SHOW"),
    ("numberingstyle", "none"),
)


def _ordering(el: etree._Element, q: ParsedQuestion, w: _Writer) -> None:
    for tag, value in _ORDERING_SETTINGS:
        _plain_child(el, tag, value)
    for i, c in enumerate(q.choices, start=1):
        a = etree.SubElement(el, "answer", fraction=f"{i}.0000000", format="html")
        w.fill(a, c.text)
        w.field(a, "feedback", c.feedback)


def _multianswer(el: etree._Element, q: ParsedQuestion, w: _Writer) -> None:
    """A multianswer has no fields of its own: its blanks are in the question text."""


_BODIES: dict[str, Callable[[etree._Element, ParsedQuestion, _Writer], None]] = {
    "multichoice": _multichoice,
    "truefalse": _truefalse,
    "numerical": _numerical,
    "shortanswer": _shortanswer,
    "essay": _essay,
    "matching": _matching,
    "ordering": _ordering,
    "multianswer": _multianswer,
}


# --- One question ------------------------------------------------------------------------------


def _is_single_true_false(q: ParsedQuestion) -> bool:
    """One statement without text: Moodle's own ``truefalse`` (else a multianswer cluster)."""
    return (
        q.qtype == QType.TRUE_FALSE and len(q.choices) == 1 and not has_content(q.choices[0].text)
    )


def _moodle_type(q: ParsedQuestion, single_tf: bool) -> str:
    return {
        QType.SINGLE_CHOICE: "multichoice",
        QType.MULTIPLE_RESPONSE: "multichoice",
        QType.TRUE_FALSE: "truefalse" if single_tf else "multianswer",
        QType.SHORT_NUMERIC: "numerical",
        QType.SHORT_TEXT: "shortanswer",
        QType.ESSAY: "essay",
        QType.CLOZE: "multianswer",
        QType.MATCHING: "matching",
        QType.ORDERING: "ordering",
    }[q.qtype]


def _question_text(q: ParsedQuestion, single_tf: bool) -> str:
    """The stem with its blanks as Cloze codes, or a Đúng/Sai cluster's statements."""
    stem = q.stem
    if q.qtype == QType.CLOZE:
        for i, blank in enumerate(q.blanks, start=1):
            stem = stem.replace(marker(i), cloze_code(blank))
    elif q.qtype == QType.TRUE_FALSE and not single_tf:
        stem = cluster_html(q)
    return stem


def _general_feedback(q: ParsedQuestion) -> str:
    """The general feedback, with the solution after ``<!--hoclieu:solution-->``."""
    if not q.solution:
        return q.general_feedback
    if q.general_feedback:
        return f"{q.general_feedback}{SOLUTION_MARK}{q.solution}"
    return q.solution


def _common_fields(el: etree._Element, q: ParsedQuestion, w: _Writer, mtype: str) -> None:
    w.field(el, "generalfeedback", _general_feedback(q))
    if q.points is not None:
        _plain_child(el, "defaultgrade", f"{q.points:.7f}")
    _plain_child(el, "penalty", "0.3333333" if mtype in ("multichoice", "multianswer") else "0")
    _plain_child(el, "hidden", "0")
    _plain_child(el, "idnumber", q.source_id)


def _tags(el: etree._Element, q: ParsedQuestion, mtype: str, single_tf: bool) -> None:
    tags = list(q.tags) + hoclieu_tags(
        q, option_order_in_field=mtype in ("multichoice", "matching")
    )
    if q.qtype == QType.TRUE_FALSE and not single_tf:
        tags.append(TAG_TRUE_FALSE)
    if q.solution:
        tags.append(TAG_SOLUTION_IN_FEEDBACK)
    if tags:
        tags_el = etree.SubElement(el, "tags")
        for tag in dict.fromkeys(tags):
            _set_text(etree.SubElement(tags_el, "tag"), tag, cdata=False)


def _question_element(q: ParsedQuestion, index: int) -> etree._Element:
    w = _Writer(q.assets)
    single_tf = _is_single_true_false(q)
    mtype = _moodle_type(q, single_tf)
    el = etree.Element("question", type=mtype)
    name = q.name or plain_text(q.stem)[:80] or q.ref or f"Câu {index}"
    _set_text(etree.SubElement(el, "name"), name, cdata=False)
    stem = _question_text(q, single_tf)
    # filled last so that assets no other field uses are attached to the question text
    qtext = etree.SubElement(el, "questiontext", format="html")
    _common_fields(el, q, w, mtype)
    _BODIES[mtype](el, q, w)
    unused = [name for name in q.assets if name not in w.used and f"asset:{name}" not in stem]
    w.fill(qtext, stem, extra=unused)
    _tags(el, q, mtype, single_tf)
    return el


def _category_element(path: list[str]) -> etree._Element:
    el = etree.Element("question", type="category")
    _set_text(etree.SubElement(el, "category"), join_category_path(path), cdata=False)
    return el


def _stimulus_element(group: ParsedGroup) -> etree._Element:
    el = etree.Element("question", type="description")
    _set_text(etree.SubElement(el, "name"), group.title or group.key, cdata=False)
    w = _Writer(group.assets)
    qtext = etree.SubElement(el, "questiontext", format="html")
    unused = [n for n in group.assets if f"asset:{n}" not in group.stimulus]
    w.fill(qtext, group.stimulus, extra=unused)
    w.field(el, "generalfeedback", "")
    _plain_child(el, "defaultgrade", "0.0000000")
    _plain_child(el, "penalty", "0")
    _plain_child(el, "hidden", "0")
    tags = etree.SubElement(el, "tags")
    _set_text(etree.SubElement(tags, "tag"), f"hoclieu:stimulus:{group.key}", cdata=False)
    return el


def export(
    questions: list[ParsedQuestion],
    groups: list[ParsedGroup] | None = None,
    *,
    title: str = "",
) -> bytes:
    """A Moodle XML file (UTF-8) that :func:`~.reader.parse` reads back into equal questions.

    Each group's stimulus is written before its first question. ``title`` is accepted for
    the common exporter signature and unused: Moodle XML has no place for a title.
    """
    root = etree.Element("quiz")
    by_key = {g.key: g for g in groups or []}
    written: set[str] = set()
    current: list[str] = []
    for index, q in enumerate(questions, start=1):
        if list(q.category) != current:
            current = list(q.category)
            root.append(_category_element(current))
        if q.group and q.group in by_key and q.group not in written:
            written.add(q.group)
            root.append(_stimulus_element(by_key[q.group]))
        root.append(_question_element(q, index))
    for key, group in by_key.items():
        if key not in written:
            root.append(_stimulus_element(group))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
