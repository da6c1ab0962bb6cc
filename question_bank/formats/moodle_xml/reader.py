"""Moodle XML: :func:`parse_moodle_xml` reads a question-bank export, :func:`export_moodle_xml` writes one.

Mapping (Moodle type → :class:`~question_bank.formats.base.QType`):

* ``multichoice`` → SINGLE_CHOICE (``single=true``; the 100 % answer is correct, other
  fractions kept as partial credit) or MULTIPLE_RESPONSE (every positive fraction is correct);
  ``shuffleanswers=0`` → ``keep_option_order``.
* ``truefalse`` → TRUE_FALSE with **one** statement: the question text is the stem and
  ``choices == [Choice(text="", correct=<"true" is the right answer>)]``. Moodle keeps one
  feedback per answer; when they differ they are joined in ``Choice.feedback``.
* ``shortanswer`` → SHORT_TEXT (the answers with a positive fraction; 0 % answers are left
  out, with a warning naming them unless it is the ``*`` catch-all),
  ``numerical`` → SHORT_NUMERIC (decimal comma), ``essay`` → ESSAY (``graderinfo`` →
  ``marking_guide``), ``matching`` → MATCHING (empty sub-question = distractor answer),
  ``ordering`` (plugin) → ORDERING, ``multianswer`` (Cloze), ``ddwtos`` and ``gapselect`` →
  CLOZE, ``description`` → skipped with a warning (or a :class:`ParsedGroup`, see below);
  ``calculated*``, ``random`` and other types → an error naming the type.

Every question also carries ``name``, ``defaultgrade`` → ``points``, ``idnumber`` →
``source_id``, ``generalfeedback`` → ``general_feedback``, ``<tags>`` → ``tags``, the
current category path (without ``$course$``/``top``) → ``category``; ``ref`` is
``Câu N (“name”)`` counting every non-category ``<question>``. A question with errors (grades
Moodle refuses, fractions that do not add up, :func:`validate_question` rules …) gives one
error :class:`Problem` with all its reasons and is left out of ``questions``.

On export, a Đúng/Sai gap is a plain ``MULTICHOICE`` drop-down (not ``MULTICHOICE_S``) so
that "Đúng" always comes before "Sai"; the importer reads any MULTICHOICE variant. A wrong
MULTIPLE_RESPONSE option without a fraction is written as −100 %, which is how hoclieu
scores it (ticking every box earns nothing).

What Moodle has no field for travels as tags named ``hoclieu:…`` (removed from
``ParsedQuestion.tags`` on import):

=================================  ===========================================================
``hoclieu:true_false``             a ``multianswer`` that is a Đúng/Sai cluster: each statement
                                   is ``<div>a) … {n:MULTICHOICE:=Đúng~Sai}</div>`` after the
                                   marker ``<!--hoclieu:statements-->``
``hoclieu:level:hieu``             ``level`` (one of ``LEVEL_CODES``)
``hoclieu:part:3``                 ``part``
``hoclieu:difficulty:0.4``         ``difficulty``
``hoclieu:keep_position``          ``keep_position``
``hoclieu:keep_option_order``      ``keep_option_order`` for types without ``shuffleanswers``
``hoclieu:no_shuffle_statements``  ``shuffle_statements = False``
``hoclieu:fixed:3``                ``choices[2].fixed`` (1-based)
``hoclieu:group:g1``               ``group``; the stimulus is a ``description`` question tagged
``hoclieu:stimulus:g1``            …which becomes ``ParsedGroup("g1")`` instead of being skipped
``hoclieu:solution-in-feedback``   ``generalfeedback`` = general feedback,
                                   ``<!--hoclieu:solution-->``, solution (the part before the
                                   marker may be empty)
=================================  ===========================================================

Files: ``<file name="x.png" path="/" encoding="base64">`` inside a text field become
``assets["x.png"]`` and ``@@PLUGINFILE@@/x.png`` becomes ``asset:x.png`` (and back on export).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import re
import unicodedata
import urllib.parse
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePosixPath

from lxml import etree

from common.safefiles import parse_xml
from question_bank.formats.base import (
    LEVEL_CODES,
    Blank,
    Choice,
    ImportRejected,
    ParsedGroup,
    ParsedQuestion,
    ParseResult,
    Problem,
    QType,
    validate_question,
)
from question_bank.html import plain_text, text_to_html
from question_bank.numeric import NumericAnswerError, format_numeric, parse_numeric

FORMAT = "moodle_xml"

HOCLIEU = "hoclieu:"
TAG_TRUE_FALSE = "hoclieu:true_false"
TAG_KEEP_POSITION = "hoclieu:keep_position"
TAG_KEEP_OPTION_ORDER = "hoclieu:keep_option_order"
TAG_NO_SHUFFLE_STATEMENTS = "hoclieu:no_shuffle_statements"
TAG_SOLUTION_IN_FEEDBACK = "hoclieu:solution-in-feedback"
SOLUTION_MARK = "<!--hoclieu:solution-->"
STATEMENTS_MARK = "<!--hoclieu:statements-->"

TRUE_WORD, FALSE_WORD = "Đúng", "Sai"

# Grades Moodle offers for an answer (percent); anything else is refused by Moodle's importer.
MOODLE_GRADES = (
    100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20,
    16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0,
)  # fmt: skip
_GRADE_TOLERANCE = 0.0001  # in fraction units (0.01 %)

UNSUPPORTED_MESSAGE = "loại câu hỏi “{qtype}” chưa được hỗ trợ"
DESCRIPTION_MESSAGE = "bỏ qua mục mô tả (description), không phải câu hỏi"


def marker(n: int) -> str:
    """The cloze marker of blank ``n``: ``{{n}}``."""
    return "{{" + str(n) + "}}"


def _nfc(text: str | None) -> str:
    return unicodedata.normalize("NFC", text or "")


# ---------------------------------------------------------------------------------------------
# Shared with the GIFT parser: categories, text formats, hoclieu:* tags
# ---------------------------------------------------------------------------------------------

_CATEGORY_ROOTS = {"$course$", "$system$", "$module$", "$coursecategory$", "$cat$"}


def split_category_path(path: str) -> list[str]:
    """``"$course$/top/Default for X/Sub"`` → ``["Default for X", "Sub"]`` (``//`` is a literal ``/``)."""
    text = _nfc(path).strip().replace("//", "\x00")
    parts = [p.replace("\x00", "/").strip() for p in text.split("/")]
    parts = [p for p in parts if p]
    if parts and parts[0].lower() in _CATEGORY_ROOTS:
        parts = parts[1:]
    if parts and parts[0] == "top":
        parts = parts[1:]
    return parts


def join_category_path(parts: list[str]) -> str:
    return "/".join(["$course$", "top", *(p.replace("/", "//") for p in parts)])


def markdown_to_html(text: str) -> str:
    """Minimal Markdown: escaped text, blank lines separate paragraphs, newlines become <br>."""
    paragraphs = re.split(r"\n[ \t]*\n", _nfc(text).strip())
    return "".join(f"<p>{text_to_html(p)}</p>" for p in paragraphs if p.strip())


_LOOKS_HTML = re.compile(
    r"<\s*(?:[a-zA-Z][a-zA-Z0-9]*\b[^>]*|/\s*[a-zA-Z][a-zA-Z0-9]*\s*)>|&#?\w+;"
)


def text_in_format(raw: str, fmt: str) -> str:
    """HTML from a text in a Moodle format (``html``, ``moodle_auto_format``, ``plain_text``, ``markdown``).

    GIFT's short names (``moodle``, ``plain``) are accepted too.
    """
    raw = _nfc(raw)
    fmt = (fmt or "html").strip().lower()
    if fmt in ("html", "1"):
        return raw.strip()
    if fmt in ("plain_text", "plain", "2"):
        return text_to_html(raw)
    if fmt in ("markdown", "4"):
        return markdown_to_html(raw)
    # moodle_auto_format: HTML is allowed; text without markup is plain text.
    return raw.strip() if _LOOKS_HTML.search(raw) else text_to_html(raw)


def plain_to_html(raw: str) -> str:
    """A Moodle field that is always plain text (short answers, matching answers)."""
    return text_to_html(_nfc(raw).strip())


@dataclass
class HoclieuTags:
    """The ``hoclieu:*`` tags of a question, read; ``tags`` holds the others."""

    tags: list[str] = field(default_factory=list)
    level: str = ""
    part: int | None = None
    difficulty: float | None = None
    group: str = ""
    stimulus: str = ""
    keep_position: bool = False
    keep_option_order: bool = False
    no_shuffle_statements: bool = False
    true_false: bool = False
    solution_in_feedback: bool = False
    fixed: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_hoclieu_tags(tags: list[str]) -> HoclieuTags:
    out = HoclieuTags()
    for raw in tags:
        tag = _nfc(raw).strip()
        if not tag:
            continue
        if not tag.lower().startswith(HOCLIEU):
            if tag not in out.tags:
                out.tags.append(tag)
            continue
        name, _, value = tag[len(HOCLIEU) :].partition(":")
        name = name.strip().lower()
        value = value.strip()
        try:
            if name == "true_false":
                out.true_false = True
            elif name == "keep_position":
                out.keep_position = True
            elif name == "keep_option_order":
                out.keep_option_order = True
            elif name == "no_shuffle_statements":
                out.no_shuffle_statements = True
            elif name == "solution-in-feedback":
                out.solution_in_feedback = True
            elif name == "level" and value in LEVEL_CODES:
                out.level = value
            elif name == "part":
                out.part = int(value)
            elif name == "difficulty":
                out.difficulty = float(value)
            elif name == "group" and value:
                out.group = value
            elif name == "stimulus" and value:
                out.stimulus = value
            elif name == "fixed":
                out.fixed.append(int(value))
            else:
                raise ValueError(tag)
        except ValueError:
            out.warnings.append(f"bỏ qua thẻ “{tag}” không hiểu được")
    return out


def apply_hoclieu_tags(q: ParsedQuestion, meta: HoclieuTags) -> None:
    """Copy what the ``hoclieu:*`` tags say onto ``q`` (its ``tags`` become the ordinary ones)."""
    q.tags = list(meta.tags)
    q.level = meta.level or q.level
    q.part = meta.part if meta.part is not None else q.part
    q.difficulty = meta.difficulty if meta.difficulty is not None else q.difficulty
    q.group = meta.group or q.group
    q.keep_position = q.keep_position or meta.keep_position
    q.keep_option_order = q.keep_option_order or meta.keep_option_order
    if meta.no_shuffle_statements:
        q.shuffle_statements = False
    for index in meta.fixed:
        if 1 <= index <= len(q.choices):
            q.choices[index - 1].fixed = True


def hoclieu_tags(q: ParsedQuestion, *, option_order_in_field: bool = False) -> list[str]:
    """The ``hoclieu:*`` tags that carry what Moodle cannot store for ``q``."""
    tags = []
    if q.level:
        tags.append(f"hoclieu:level:{q.level}")
    if q.part is not None:
        tags.append(f"hoclieu:part:{q.part}")
    if q.difficulty is not None:
        tags.append(f"hoclieu:difficulty:{float(q.difficulty)!r}")
    if q.group:
        tags.append(f"hoclieu:group:{q.group}")
    if q.keep_position:
        tags.append(TAG_KEEP_POSITION)
    if q.keep_option_order and not option_order_in_field:
        tags.append(TAG_KEEP_OPTION_ORDER)
    if not q.shuffle_statements:
        tags.append(TAG_NO_SHUFFLE_STATEMENTS)
    tags += [f"hoclieu:fixed:{i}" for i, c in enumerate(q.choices, start=1) if c.fixed]
    return tags


def wrong_answers_warning(texts: list[str]) -> list[str]:
    """SHORT_TEXT keeps accepted answers only; say which 0 % answers were left out."""
    named = [plain_text(t) for t in texts if plain_text(t) != "*"]
    if not named:
        return []
    listed = ", ".join(f"“{t}”" for t in named)
    return [f"bỏ qua đáp án 0 điểm {listed} (chỉ giữ các đáp án được chấp nhận)"]


def fraction_percent(fraction: float) -> str:
    """0.9966666 → ``"99,67"`` (for messages)."""
    return format_numeric(Decimal(str(round(fraction * 100, 2))))


def moodle_grade_allowed(fraction: float) -> bool:
    return any(abs(abs(fraction) * 100 - g) / 100 <= _GRADE_TOLERANCE for g in MOODLE_GRADES)


# ---------------------------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------------------------


@dataclass
class _Ctx:
    ref: str
    assets: dict[str, bytes] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _inner(el: etree._Element | None) -> str:
    """Text of an element, child markup included (some tools write HTML as XML, not CDATA)."""
    if el is None:
        return ""
    text = el.text or ""
    if len(el):
        text += "".join(etree.tostring(child, encoding="unicode") for child in el)
    return _nfc(text)


def _child_text(el: etree._Element, path: str) -> str:
    found = el.find(path)
    return _inner(found).strip() if found is not None else ""


def _bool(value: str | None, default: bool) -> bool:
    value = (value or "").strip().lower()
    if value in ("1", "true", "yes"):
        return True
    if value in ("0", "false", "no"):
        return False
    return default


def _unique_asset_name(name: str, data: bytes, assets: dict[str, bytes]) -> str:
    base = PurePosixPath(name.replace("\\", "/")).name.strip() or "image"
    if assets.get(base, data) == data:
        return base
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    i = 2
    while True:
        candidate = f"{stem}_{i}.{ext}" if ext else f"{stem}_{i}"
        if assets.get(candidate, data) == data:
            return candidate
        i += 1


_PLUGINFILE = re.compile(r"@@PLUGINFILE@@(/[^\"'<>\s?#]*)")


def _field(el: etree._Element | None, ctx: _Ctx, *, default_format: str = "html") -> str:
    """HTML of a Moodle text field (``<questiontext>``, ``<feedback>``, ``<answer>`` …) and its files."""
    if el is None:
        return ""
    html = text_in_format(_inner(el.find("text")), el.get("format") or default_format)
    return _take_files(el, html, ctx)


def _take_files(el: etree._Element, html: str, ctx: _Ctx) -> str:
    files = el.findall("file")
    if not files and "@@PLUGINFILE@@" not in html:
        return html
    mapping: dict[str, str] = {}
    for f in files:
        name = _nfc(f.get("name") or "").strip()
        path = _nfc(f.get("path") or "/").strip() or "/"
        if not path.startswith("/"):
            path = "/" + path
        if not path.endswith("/"):
            path += "/"
        encoding = (f.get("encoding") or "base64").lower()
        if encoding != "base64":
            ctx.errors.append(f"tệp đính kèm “{name}” có mã hoá “{encoding}”, chỉ hỗ trợ base64")
            continue
        try:
            data = base64.b64decode(re.sub(r"\s+", "", f.text or ""), validate=True)
        except (binascii.Error, ValueError):
            ctx.errors.append(f"tệp đính kèm “{name}” không giải mã được (dữ liệu base64 hỏng)")
            continue
        asset = _unique_asset_name(name, data, ctx.assets)
        ctx.assets[asset] = data
        mapping[path + name] = asset
        mapping.setdefault("/" + PurePosixPath(name).name, asset)

    def repl(m: re.Match) -> str:
        ref = urllib.parse.unquote(m.group(1))
        asset = mapping.get(ref) or mapping.get("/" + PurePosixPath(ref).name)
        return "asset:" + (asset or PurePosixPath(ref).name)

    return _PLUGINFILE.sub(repl, html)


def _fraction(value: str | None, ctx: _Ctx) -> float:
    try:
        return float(Decimal((value or "0").strip()) / 100)
    except (ArithmeticError, ValueError):
        ctx.errors.append(f"điểm “{value}” không phải là số")
        return 0.0


def _answers(el: etree._Element, ctx: _Ctx, *, plain: bool = False) -> list[tuple[float, str, str]]:
    """(fraction, text HTML, feedback HTML) of each ``<answer>``."""
    out = []
    for a in el.findall("answer"):
        if plain:
            text = _take_files(a, plain_to_html(_inner(a.find("text"))), ctx)
        else:
            text = _field(a, ctx, default_format=a.get("format") or "html")
        out.append((_fraction(a.get("fraction"), ctx), text, _field(a.find("feedback"), ctx)))
    return out


def _has_content(html: str) -> bool:
    return bool(plain_text(html).strip()) or "<img" in html


def _check_multichoice(fractions: list[float], single: bool) -> list[str]:
    errors = []
    bad = [f for f in fractions if f > 1 + _GRADE_TOLERANCE or not moodle_grade_allowed(f)]
    if bad:
        listed = ", ".join(f"{fraction_percent(f)}%" for f in bad)
        errors.append(f"mức điểm {listed} không phải là mức điểm Moodle cho phép")
    if not fractions:
        return errors
    if single:
        if max(fractions) < 1 - _GRADE_TOLERANCE:
            errors.append(
                f"không có phương án nào được 100% điểm (cao nhất {fraction_percent(max(fractions))}%)"
            )
    else:
        total = sum(f for f in fractions if f > 0)
        if abs(total - 1) > _GRADE_TOLERANCE * 10:
            errors.append(
                f"tổng điểm các phương án đúng là {fraction_percent(total)}%, phải bằng 100%"
            )
    return errors


def join_true_false_feedback(right: str, wrong: str) -> str:
    if not wrong or wrong == right:
        return right
    if not right:
        return wrong
    return f"<p>Khi trả lời đúng: {right}</p><p>Khi trả lời sai: {wrong}</p>"


# --- Cloze (multianswer) ---------------------------------------------------------------------

_CLOZE_KINDS = {
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


def _cloze_escape(text: str) -> str:
    return re.sub(r'([\\}#~{"])', r"\\\1", text)


_ALT = re.compile(r"^\s*(?:(=)|%(-?\d+(?:\.\d+)?)%)?(.*)$", re.DOTALL)


def parse_cloze_code(weight: str, kind_name: str, body: str) -> tuple[Blank, list[str]]:
    """A Blank from one ``{weight:TYPE:answers}`` code; errors in Vietnamese."""
    errors: list[str] = []
    kind, case_sensitive, multi = _CLOZE_KINDS[kind_name.upper()]
    blank = Blank(kind=kind, case_sensitive=case_sensitive)
    try:
        blank.points = float(weight) if weight else 1.0
    except ValueError:
        blank.points = 1.0
    tolerance_set = False
    for alt in _split_unescaped(body, "~"):
        if not alt.strip():
            continue
        m = _ALT.match(alt)
        fraction = 1.0 if m.group(1) else (float(Decimal(m.group(2)) / 100) if m.group(2) else 0.0)
        text_part, *fb = _split_unescaped(m.group(3), "#")
        text = _cloze_unescape(text_part).strip()
        feedback = _cloze_unescape("#".join(fb)).strip()
        tolerance = 0.0
        if kind == "numeric" and text != "*":
            value, _, tol = text.partition(":")
            try:
                text = format_numeric(parse_numeric(plain_text(value)))
                tolerance = abs(float(tol)) if tol.strip() else 0.0
            except (NumericAnswerError, ValueError):
                errors.append(f"đáp án số “{plain_text(text)}” của chỗ trống không đọc được")
        if kind == "choice" and not multi:
            correct = fraction >= 1 - _GRADE_TOLERANCE
        else:
            correct = fraction > 0 and text != "*"
        if kind != "choice" and not correct:
            continue  # a typed blank keeps only accepted answers ("*" catch-alls are dropped)
        if correct and not tolerance_set:
            blank.tolerance, tolerance_set = tolerance, True
        blank.answers.append(
            Choice(text=text, correct=correct, fraction=fraction, feedback=feedback)
        )
    return blank, errors


def _parse_cloze_stem(html: str) -> tuple[str, list[Blank], list[str]]:
    blanks: list[Blank] = []
    errors: list[str] = []

    def repl(m: re.Match) -> str:
        if m.group(2).upper() not in _CLOZE_KINDS:
            errors.append(f"kiểu chỗ trống “{m.group(2)}” không được hỗ trợ")
            return m.group(0)
        blank, errs = parse_cloze_code(m.group(1), m.group(2), m.group(3))
        blanks.append(blank)
        errors.extend(f"chỗ trống {len(blanks)}: {e}" for e in errs)
        return marker(len(blanks))

    return CLOZE_CODE.sub(repl, html), blanks, errors


def _is_true_word(html: str) -> bool:
    return plain_text(html).strip().casefold() in ("đúng", "đ", "true", "t", "yes")


_STATEMENT_LABEL = re.compile(r"^\s*(?:<div>\s*)?([a-z])\)\s*", re.IGNORECASE)


def _true_false_cluster(html: str) -> tuple[str, list[Choice]] | None:
    """Stem and statements of a ``hoclieu:true_false`` multianswer, or None if it isn't one."""
    if STATEMENTS_MARK in html:
        stem, rest = html.split(STATEMENTS_MARK, 1)
    else:
        first = CLOZE_CODE.search(html)
        start = html.rfind("<div>", 0, first.start()) if first else -1
        if start < 0:
            return None
        stem, rest = html[:start], html[start:]
    statements: list[Choice] = []
    pos = 0
    for m in CLOZE_CODE.finditer(rest):
        segment = rest[pos : m.start()]
        pos = m.end()
        segment = re.sub(r"^\s*</div>\s*", "", segment)
        label = _STATEMENT_LABEL.match(segment)
        ident = label.group(1).lower() if label else ""
        text = segment[label.end() :] if label else segment
        if m.group(2).upper() not in _CLOZE_KINDS:
            return None
        blank, errors = parse_cloze_code(m.group(1), m.group(2), m.group(3))
        right = [a for a in blank.answers if a.correct]
        if errors or len(right) != 1:
            return None
        statements.append(
            Choice(
                text=text.strip(),
                correct=_is_true_word(right[0].text),
                feedback=right[0].feedback,
                ident=ident,
            )
        )
    if not statements:
        return None
    return stem.strip(), statements


# --- One question ----------------------------------------------------------------------------


def _question(
    el: etree._Element, qtype: str, ctx: _Ctx, q: ParsedQuestion, meta: HoclieuTags
) -> None:
    """Fill ``q`` from ``el`` according to the Moodle type; record problems on ``ctx``."""
    if qtype == "multichoice":
        single = _bool(el.findtext("single"), True)
        q.qtype = QType.SINGLE_CHOICE if single else QType.MULTIPLE_RESPONSE
        q.keep_option_order = not _bool(el.findtext("shuffleanswers"), True)
        answers = [a for a in _answers(el, ctx) if _has_content(a[1])]
        ctx.errors += _check_multichoice([f for f, _, _ in answers], single)
        for f, text, feedback in answers:
            correct = f >= 1 - _GRADE_TOLERANCE if single else f > 0
            q.choices.append(Choice(text=text, correct=correct, fraction=f, feedback=feedback))
    elif qtype == "truefalse":
        q.qtype = QType.TRUE_FALSE
        is_true = None
        right_feedback = wrong_feedback = ""
        for a in el.findall("answer"):
            word = plain_text(_inner(a.find("text"))).strip().lower()
            f = _fraction(a.get("fraction"), ctx)
            feedback = _field(a.find("feedback"), ctx)
            if word not in ("true", "false"):
                continue
            if f > 0:
                is_true, right_feedback = word == "true", feedback
            else:
                wrong_feedback = feedback
        if is_true is None:
            ctx.errors.append("không xác định được đáp án đúng (true/false)")
            is_true = True
        feedback = join_true_false_feedback(right_feedback, wrong_feedback)
        q.choices = [Choice(text="", correct=is_true, feedback=feedback)]
    elif qtype == "shortanswer":
        q.qtype = QType.SHORT_TEXT
        q.case_sensitive = _bool(el.findtext("usecase"), False)
        answers = [a for a in _answers(el, ctx, plain=True) if plain_text(a[1]).strip()]
        for f, text, feedback in answers:
            if f > 0 and text != "*":
                q.choices.append(Choice(text=text, correct=True, fraction=f, feedback=feedback))
        ctx.warnings += wrong_answers_warning([t for f, t, _ in answers if f <= 0])
        bad = [f for f, _, _ in answers if not moodle_grade_allowed(f)]
        if bad:
            listed = ", ".join(f"{fraction_percent(f)}%" for f in bad)
            ctx.errors.append(f"mức điểm {listed} không phải là mức điểm Moodle cho phép")
    elif qtype == "numerical":
        q.qtype = QType.SHORT_NUMERIC
        candidates: list[tuple[float, str, float]] = []
        for a in el.findall("answer"):
            f = _fraction(a.get("fraction"), ctx)
            value = plain_text(_inner(a.find("text"))).strip()
            if f <= 0 or value == "*":
                continue
            try:
                tol = abs(float(_child_text(a, "tolerance") or 0))
            except ValueError:
                ctx.errors.append(f"sai số “{_child_text(a, 'tolerance')}” không phải là số")
                tol = 0.0
            candidates.append((f, value, tol))
        if candidates:
            best = max(candidates, key=lambda t: t[0])  # the first of the best
            try:
                q.numeric_answer = format_numeric(parse_numeric(best[1]))
            except NumericAnswerError as exc:
                ctx.errors.append(f"đáp án số “{best[1]}” không đọc được: {exc}")
            q.tolerance = best[2]
        if len(candidates) > 1:
            ctx.warnings.append("chỉ giữ đáp án số được nhiều điểm nhất, bỏ qua các đáp án số khác")
        units = [plain_text(_inner(u)) for u in el.findall("units/unit/unit_name")]
        if any(units):
            ctx.warnings.append(
                f"không chuyển được đơn vị của Moodle ({', '.join(u for u in units if u)})"
            )
    elif qtype == "essay":
        q.qtype = QType.ESSAY
        q.marking_guide = _field(el.find("graderinfo"), ctx)
    elif qtype == "matching":
        q.qtype = QType.MATCHING
        q.keep_option_order = not _bool(el.findtext("shuffleanswers"), True)
        for sub in el.findall("subquestion"):
            premise = _field(sub, ctx, default_format=sub.get("format") or "html")
            answer_el = sub.find("answer")
            match = plain_to_html(_inner(answer_el.find("text")) if answer_el is not None else "")
            if not _has_content(premise) and not match:
                continue
            q.choices.append(Choice(text=premise if _has_content(premise) else "", match=match))
    elif qtype == "ordering":
        q.qtype = QType.ORDERING
        items = []
        for i, a in enumerate(el.findall("answer")):
            try:
                position = float(a.get("fraction") or i + 1)
            except ValueError:
                position = float(i + 1)
            text = _field(a, ctx, default_format=a.get("format") or "html")
            if _has_content(text):
                items.append(
                    (position, i, Choice(text=text, feedback=_field(a.find("feedback"), ctx)))
                )
        q.choices = [c for _, _, c in sorted(items, key=lambda t: (t[0], t[1]))]
    elif qtype == "multianswer":
        cluster = _true_false_cluster(q.stem) if meta.true_false else None
        if cluster is not None:
            q.qtype = QType.TRUE_FALSE
            q.stem, q.choices = cluster
        else:
            if meta.true_false:
                ctx.warnings.append(
                    "thẻ hoclieu:true_false nhưng không đọc được chùm mệnh đề, nhập thành câu điền khuyết"
                )
            q.qtype = QType.CLOZE
            q.stem, q.blanks, errors = _parse_cloze_stem(q.stem)
            ctx.errors += errors
    elif qtype in ("ddwtos", "gapselect"):
        q.qtype = QType.CLOZE
        options = []
        for item in el.findall("dragbox" if qtype == "ddwtos" else "selectoption"):
            text = text_in_format(_inner(item.find("text")), "moodle_auto_format")
            options.append((text, (item.findtext("group") or "1").strip()))

        def gap(m: re.Match) -> str:
            n = int(m.group(1))
            if not 1 <= n <= len(options):
                ctx.errors.append(f"chỗ trống [[{n}]] không ứng với lựa chọn nào")
                return m.group(0)
            group = options[n - 1][1]
            answers = [
                Choice(text=text, correct=i == n, fraction=1.0 if i == n else 0.0)
                for i, (text, g) in enumerate(options, start=1)
                if g == group
            ]
            q.blanks.append(Blank(kind="choice", answers=answers))
            return marker(len(q.blanks))

        q.stem = re.sub(r"\[\[(\d+)\]\]", gap, q.stem)
        q.keep_option_order = not _bool(el.findtext("shuffleanswers"), True)
    else:
        raise ValueError(qtype)


def _ref(n: int, name: str) -> str:
    return f"Câu {n} (“{name}”)" if name else f"Câu {n}"


def _read_question(el: etree._Element, n: int, category: list[str], result: ParseResult) -> None:
    qtype = (el.get("type") or "").strip().lower()
    name = _child_text(el, "name/text")
    ref = _ref(n, name)
    supported = {
        "multichoice", "truefalse", "shortanswer", "numerical", "essay", "matching",
        "ordering", "multianswer", "ddwtos", "gapselect", "description",
    }  # fmt: skip
    if qtype not in supported:
        result.problems.append(Problem(ref, UNSUPPORTED_MESSAGE.format(qtype=qtype or "?")))
        return
    ctx = _Ctx(ref=ref)
    meta = read_hoclieu_tags([_child_text(t, "text") for t in el.findall("tags/tag")])
    stem = _field(el.find("questiontext"), ctx)
    if qtype == "description":
        for w in meta.warnings:
            result.problems.append(Problem(ref, w, "warning"))
        if not meta.stimulus:
            result.problems.append(Problem(ref, DESCRIPTION_MESSAGE, "warning"))
            return
        if ctx.errors:
            result.problems.append(Problem(ref, "; ".join(ctx.errors)))
            return
        title = name if name != meta.stimulus else ""
        result.groups.append(
            ParsedGroup(key=meta.stimulus, stimulus=stem, title=title, assets=ctx.assets)
        )
        return

    q = ParsedQuestion(qtype=QType.ESSAY, stem=stem, name=name, ref=ref, category=list(category))
    q.general_feedback = _field(el.find("generalfeedback"), ctx)
    grade = el.findtext("defaultgrade")
    if grade is not None and grade.strip():
        try:
            q.points = float(grade)
        except ValueError:
            ctx.warnings.append(f"điểm mặc định “{grade.strip()}” không phải là số")
    q.source_id = _child_text(el, "idnumber")
    _question(el, qtype, ctx, q, meta)
    apply_hoclieu_tags(q, meta)
    ctx.warnings += meta.warnings
    if meta.solution_in_feedback:
        if SOLUTION_MARK in q.general_feedback:
            feedback, solution = q.general_feedback.split(SOLUTION_MARK, 1)
            q.general_feedback, q.solution = feedback.strip(), solution.strip()
        else:
            q.general_feedback, q.solution = "", q.general_feedback
    q.assets = ctx.assets
    errors = list(dict.fromkeys(ctx.errors + validate_question(q)))
    for w in dict.fromkeys(ctx.warnings):
        result.problems.append(Problem(ref, w, "warning"))
    if errors:
        result.problems.append(Problem(ref, "; ".join(errors)))
        return
    result.questions.append(q)


def parse_moodle_xml(data: bytes, filename: str = "") -> ParseResult:
    """Questions of a Moodle XML file (``<quiz>``); refuses unsafe or non-Moodle files."""
    where = f"Tệp {filename}: " if filename else ""
    if not data or not data.strip():
        raise ImportRejected(f"{where}tệp rỗng, không phải tệp Moodle XML")
    tree = parse_xml(data, name=filename, huge=True)
    root = tree.getroot()
    tag = etree.QName(root).localname if isinstance(root.tag, str) else "?"
    if tag != "quiz":
        raise ImportRejected(
            f"{where}không phải tệp Moodle XML: phần tử gốc là <{tag}>, cần <quiz>"
        )
    result = ParseResult(format=FORMAT)
    category: list[str] = []
    n = 0
    # Consume the tree as we go so memory is released question by question.
    while True:
        try:
            el = root[0]
        except IndexError:
            break
        if el.tag == "question":
            if (el.get("type") or "").strip().lower() == "category":
                category = split_category_path(_child_text(el, "category/text"))
            else:
                n += 1
                try:
                    _read_question(el, n, category, result)
                except Exception as exc:  # one unreadable question must not sink the file
                    ref = _ref(n, _child_text(el, "name/text"))
                    result.problems.append(Problem(ref, f"không đọc được câu hỏi ({exc})"))
        el.clear()
        root.remove(el)
    return result


# ---------------------------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------------------------

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ASSET_REF = re.compile(r"asset:([^\"'<>]+)(?=[\"'])")


def _num(value: float | Decimal) -> str:
    text = format(Decimal(str(value)).normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _percent(fraction: float) -> str:
    return _num(round(fraction * 100, 5))


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


def _fraction_of(c: Choice) -> float:
    return c.fraction if c.fraction is not None else (1.0 if c.correct else 0.0)


def _cloze_code(blank: Blank) -> str:
    weight = max(1, round(blank.points)) if blank.points else 1
    correct = [a for a in blank.answers if a.correct]
    if blank.kind == "numeric":
        kind = "NUMERICAL"
    elif blank.kind == "choice":
        kind = "MULTIRESPONSE" if len(correct) > 1 else "MULTICHOICE"
    else:
        kind = "SHORTANSWER_C" if blank.case_sensitive else "SHORTANSWER"
    alts = []
    for a in blank.answers:
        f = _fraction_of(a)
        if kind == "MULTIRESPONSE" and a.correct and a.fraction is None:
            f = 1 / len(correct)
        prefix = "=" if abs(f - 1) < 1e-9 else f"%{_percent(f)}%"
        text = a.text
        if blank.kind == "numeric" and plain_text(text) != "*":
            with contextlib.suppress(NumericAnswerError):
                text = f"{_num(parse_numeric(plain_text(text)))}:{_num(blank.tolerance or 0)}"
            alts.append(prefix + text + (f"#{_cloze_escape(a.feedback)}" if a.feedback else ""))
            continue
        alts.append(
            prefix + _cloze_escape(text) + (f"#{_cloze_escape(a.feedback)}" if a.feedback else "")
        )
    return "{" + f"{weight}:{kind}:" + "~".join(alts) + "}"


def _cluster_html(q: ParsedQuestion) -> str:
    parts = [q.stem, STATEMENTS_MARK]
    for i, c in enumerate(q.choices):
        label = chr(ord("a") + i) if i < 26 else str(i + 1)
        fb = f"#{_cloze_escape(c.feedback)}" if c.feedback else ""
        yes, no = ("=", "") if c.correct else ("", "=")
        code = "{1:MULTICHOICE:" + f"{yes}{TRUE_WORD}{fb}~{no}{FALSE_WORD}{fb}" + "}"
        parts.append(f"<div>{label}) {c.text} {code}</div>")
    return "\n".join(parts)


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


def _question_element(q: ParsedQuestion, index: int) -> etree._Element:
    w = _Writer(q.assets)
    single_tf = (
        q.qtype == QType.TRUE_FALSE and len(q.choices) == 1 and not _has_content(q.choices[0].text)
    )
    mtype = {
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
    el = etree.Element("question", type=mtype)
    name = q.name or plain_text(q.stem)[:80] or q.ref or f"Câu {index}"
    _set_text(etree.SubElement(el, "name"), name, cdata=False)

    stem = q.stem
    if q.qtype == QType.CLOZE:
        for i, blank in enumerate(q.blanks, start=1):
            stem = stem.replace(marker(i), _cloze_code(blank))
    elif q.qtype == QType.TRUE_FALSE and not single_tf:
        stem = _cluster_html(q)
    qtext = etree.SubElement(el, "questiontext", format="html")
    # filled last so that assets no other field uses are attached to the question text
    feedback = q.general_feedback
    if q.solution:
        feedback = (
            f"{q.general_feedback}{SOLUTION_MARK}{q.solution}" if q.general_feedback else q.solution
        )
    w.field(el, "generalfeedback", feedback)
    if q.points is not None:
        _plain_child(el, "defaultgrade", f"{q.points:.7f}")
    _plain_child(el, "penalty", "0.3333333" if mtype in ("multichoice", "multianswer") else "0")
    _plain_child(el, "hidden", "0")
    _plain_child(el, "idnumber", q.source_id)

    if mtype == "multichoice":
        _plain_child(el, "single", "true" if q.qtype == QType.SINGLE_CHOICE else "false")
        _plain_child(el, "shuffleanswers", "0" if q.keep_option_order else "1")
        _plain_child(el, "answernumbering", "ABCD")
        _plain_child(el, "showstandardinstruction", "0")
        for c, f in zip(q.choices, _multichoice_fractions(q), strict=True):
            a = etree.SubElement(el, "answer", fraction=_percent(f), format="html")
            w.fill(a, c.text)
            w.field(a, "feedback", c.feedback)
    elif mtype == "truefalse":
        c = q.choices[0]
        for word in ("true", "false"):
            right = (word == "true") == bool(c.correct)
            a = etree.SubElement(
                el, "answer", fraction="100" if right else "0", format="moodle_auto_format"
            )
            _set_text(a, word, cdata=False)
            w.field(a, "feedback", c.feedback)
    elif mtype == "numerical":
        a = etree.SubElement(el, "answer", fraction="100", format="moodle_auto_format")
        try:
            value = _num(parse_numeric(q.numeric_answer))
        except NumericAnswerError:
            value = q.numeric_answer
        _set_text(a, value, cdata=False)
        _plain_child(a, "tolerance", _num(q.tolerance or 0))
        w.field(a, "feedback", "")
        _plain_child(el, "unitgradingtype", "0")
        _plain_child(el, "unitpenalty", "0.1000000")
        _plain_child(el, "showunits", "3")
        _plain_child(el, "unitsleft", "0")
    elif mtype == "shortanswer":
        _plain_child(el, "usecase", "1" if q.case_sensitive else "0")
        for c in q.choices:
            a = etree.SubElement(
                el, "answer", fraction=_percent(_fraction_of(c)), format="moodle_auto_format"
            )
            _set_text(a, plain_text(c.text), cdata=False)
            w.field(a, "feedback", c.feedback)
    elif mtype == "essay":
        _plain_child(el, "responseformat", "editor")
        _plain_child(el, "responserequired", "1")
        _plain_child(el, "responsefieldlines", "15")
        _plain_child(el, "attachments", "0")
        _plain_child(el, "attachmentsrequired", "0")
        w.field(el, "graderinfo", q.marking_guide)
        w.field(el, "responsetemplate", "")
    elif mtype == "matching":
        _plain_child(el, "shuffleanswers", "false" if q.keep_option_order else "true")
        for c in q.choices:
            sub = etree.SubElement(el, "subquestion", format="html")
            w.fill(sub, c.text)
            answer = etree.SubElement(sub, "answer")
            _set_text(answer, plain_text(c.match), cdata=False)
    elif mtype == "ordering":
        for tag, value in (
            ("layouttype", "VERTICAL"),
            ("selecttype", "ALL"),
            ("selectcount", "0"),
            ("gradingtype", "ABSOLUTE_POSITION"),
            ("showgrading", "SHOW"),
            ("numberingstyle", "none"),
        ):
            _plain_child(el, tag, value)
        for i, c in enumerate(q.choices, start=1):
            a = etree.SubElement(el, "answer", fraction=f"{i}.0000000", format="html")
            w.fill(a, c.text)
            w.field(a, "feedback", c.feedback)

    unused = [name for name in q.assets if name not in w.used and f"asset:{name}" not in stem]
    w.fill(qtext, stem, extra=unused)

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


def export_moodle_xml(
    questions: list[ParsedQuestion], groups: list[ParsedGroup] | None = None
) -> bytes:
    """A Moodle XML file (UTF-8) that :func:`parse_moodle_xml` reads back into equal questions."""
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
