"""What the Moodle XML reader, its writer and the GIFT parser share.

Category paths, Moodle's text formats, the ``hoclieu:*`` tags (see the package docstring),
Moodle's grade scale and the Vietnamese messages about it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from common.vietnamese import nfc
from question_bank.formats.base import LEVEL_CODES, Choice, ParsedQuestion
from question_bank.html import plain_text, text_to_html
from question_bank.numeric import dot_decimal, format_numeric

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
GRADE_TOLERANCE = 0.0001  # in fraction units (0.01 %)

UNSUPPORTED_MESSAGE = "loại câu hỏi “{qtype}” chưa được hỗ trợ"
DESCRIPTION_MESSAGE = "bỏ qua mục mô tả (description), không phải câu hỏi"


def marker(n: int) -> str:
    """The cloze marker of blank ``n``: ``{{n}}``."""
    return "{{" + str(n) + "}}"


def has_content(html: str) -> bool:
    """Does the HTML show anything (text or an image)?"""
    return bool(plain_text(html).strip()) or "<img" in html


# --- Categories and text formats --------------------------------------------------------------

_CATEGORY_ROOTS = {"$course$", "$system$", "$module$", "$coursecategory$", "$cat$"}


def split_category_path(path: str) -> list[str]:
    """``"$course$/top/Default for X/Sub"`` → ``["Default for X", "Sub"]`` (``//`` is a literal ``/``)."""
    text = nfc(path).strip().replace("//", "\x00")
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
    paragraphs = re.split(r"\n[ \t]*\n", nfc(text).strip())
    return "".join(f"<p>{text_to_html(p)}</p>" for p in paragraphs if p.strip())


_LOOKS_HTML = re.compile(
    r"<\s*(?:[a-zA-Z][a-zA-Z0-9]*\b[^>]*|/\s*[a-zA-Z][a-zA-Z0-9]*\s*)>|&#?\w+;"
)


def text_in_format(raw: str, fmt: str) -> str:
    """HTML from a text in a Moodle format (``html``, ``moodle_auto_format``, ``plain_text``, ``markdown``).

    GIFT's short names (``moodle``, ``plain``) are accepted too.
    """
    raw = nfc(raw)
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
    return text_to_html(nfc(raw).strip())


# --- hoclieu:* tags ---------------------------------------------------------------------------


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


# hoclieu:NAME → the HoclieuTags flag it sets (any value after it is ignored).
_FLAG_TAGS = {
    "true_false": "true_false",
    "keep_position": "keep_position",
    "keep_option_order": "keep_option_order",
    "no_shuffle_statements": "no_shuffle_statements",
    "solution-in-feedback": "solution_in_feedback",
}


def _level(value: str) -> str:
    if value not in LEVEL_CODES:
        raise ValueError(value)
    return value


def _not_empty(value: str) -> str:
    if not value:
        raise ValueError(value)
    return value


# hoclieu:NAME:VALUE → how VALUE is read (ValueError: the tag is not understood).
_VALUE_TAGS = {
    "level": _level,
    "part": int,
    "difficulty": float,
    "group": _not_empty,
    "stimulus": _not_empty,
}


def _read_hoclieu_tag(out: HoclieuTags, tag: str) -> None:
    name, _, value = tag[len(HOCLIEU) :].partition(":")
    name = name.strip().lower()
    value = value.strip()
    if name in _FLAG_TAGS:
        setattr(out, _FLAG_TAGS[name], True)
    elif name in _VALUE_TAGS:
        setattr(out, name, _VALUE_TAGS[name](value))
    elif name == "fixed":
        out.fixed.append(int(value))
    else:
        raise ValueError(tag)


def read_hoclieu_tags(tags: list[str]) -> HoclieuTags:
    out = HoclieuTags()
    for raw in tags:
        tag = nfc(raw).strip()
        if not tag:
            continue
        if not tag.lower().startswith(HOCLIEU):
            if tag not in out.tags:
                out.tags.append(tag)
            continue
        try:
            _read_hoclieu_tag(out, tag)
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


# --- Answers, grades and feedback ---------------------------------------------------------------


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
    return any(abs(abs(fraction) * 100 - g) / 100 <= GRADE_TOLERANCE for g in MOODLE_GRADES)


def grades_refused(fractions: list[float]) -> list[str]:
    """The error naming the grades (fractions) Moodle does not offer; empty if there are none."""
    if not fractions:
        return []
    listed = ", ".join(f"{fraction_percent(f)}%" for f in fractions)
    return [f"mức điểm {listed} không phải là mức điểm Moodle cho phép"]


def percent(fraction: float) -> str:
    """A fraction as Moodle writes a grade: 0.5 → ``"50"``, 1/3 → ``"33.33333"``."""
    return dot_decimal(round(fraction * 100, 5))


def fraction_of(c: Choice) -> float:
    return c.fraction if c.fraction is not None else (1.0 if c.correct else 0.0)


def join_true_false_feedback(right: str, wrong: str) -> str:
    if not wrong or wrong == right:
        return right
    if not right:
        return wrong
    return f"<p>Khi trả lời đúng: {right}</p><p>Khi trả lời sai: {wrong}</p>"
