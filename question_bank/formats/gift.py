"""GIFT (Moodle's plain-text question format): :func:`parse`.

Questions are separated by blank lines. Supported: ``// comments`` (``[tag:…]`` and
``[id:…]`` in the comments before a question become tags / ``source_id``), ``$CATEGORY:``,
``::title::``, ``[html]``/``[plain]``/``[moodle]``/``[markdown]``, the escapes ``\\~ \\= \\#
\\{ \\} \\: \\\\`` and ``\\n`` (a new line, except inside ``\\(…\\)``, ``\\[…\\]`` or
``$$…$$`` where ``\\neq`` is LaTeX); a single backslash before anything else is kept, so
``\\(x\\)`` is LaTeX as written,
and these answer blocks:

* ``{=a ~b ~c}`` → SINGLE_CHOICE; ``{~%50%a ~%50%b ~%-100%c}`` (no ``=``) → MULTIPLE_RESPONSE;
* ``{T}`` ``{F}`` ``{TRUE#wrong#right}`` → TRUE_FALSE with one statement (``Choice(text="")``);
* ``{=a =%50%b}`` (only ``=``) → SHORT_TEXT;
* ``{=premise -> answer …}`` → MATCHING (``= -> x`` is a distractor);
* ``{#3:2}``, ``{#1..5}``, ``{#=3:0 =%50%3:1}`` → SHORT_NUMERIC (a range gives midpoint ±
  half-width; only the best-scoring answer is kept);
* ``{}`` → ESSAY; ``####`` inside the block → general feedback;
* text after the block that contains words (``Grant is {~buried =entombed} in the tomb.``)
  → CLOZE with one blank (choice, text or numeric); for other types a ``_____`` is inserted
  as Moodle does;
* no block at all → a description: skipped with a warning.

A question with errors is kept at its place in ``ParseResult.rejected`` (its type and
answers as read: the preview page may give it its key); one whose answer block cannot be
read is recorded at its place in ``ParseResult.unbuilt``. Only a file that is not UTF-8
text is refused whole.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from decimal import Decimal

from common.vietnamese import nfc
from question_bank.formats.base import (
    Blank,
    Choice,
    ImportRejected,
    ParsedQuestion,
    ParseResult,
    Problem,
    QType,
    validate_question,
)
from question_bank.formats.moodle_xml.shared import (
    DESCRIPTION_MESSAGE,
    apply_hoclieu_tags,
    fraction_percent,
    grades_refused,
    join_true_false_feedback,
    marker,
    moodle_grade_allowed,
    plain_to_html,
    read_hoclieu_tags,
    split_category_path,
    text_in_format,
    wrong_answers_warning,
)
from question_bank.html import plain_text
from question_bank.numeric import NumericAnswerError, format_numeric, parse_numeric

FORMAT = "gift"
UNREADABLE = "không đọc được câu hỏi này (lỗi đã được ghi lại để sửa); hãy bỏ qua câu này"
logger = logging.getLogger(__name__)

# Escaped characters are swapped for private-use characters while the structure is parsed.
_ESCAPES = {
    ":": "\ue000",
    "#": "\ue001",
    "=": "\ue002",
    "{": "\ue003",
    "}": "\ue004",
    "~": "\ue005",
}
_BACKSLASHES = "\ue006"
_BLANK = "\ue007"
# Moodle's GIFT export doubles every backslash, so \\( in such a file is the LaTeX \(.
_UNPROTECT = str.maketrans({v: k for k, v in _ESCAPES.items()} | {_BACKSLASHES: "\\"})
_FORMATS = {
    "html": "html",
    "moodle": "moodle_auto_format",
    "plain": "plain_text",
    "markdown": "markdown",
}
_FORMAT_MARK = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_WEIGHT = re.compile(r"^\s*%(-?\d+(?:[.,]\d+)?)%")


_MATH = re.compile(r"\\\(.*?\\\)|\\\[.*?\\\]|\$\$.*?\$\$", re.DOTALL)


def _protect(text: str) -> str:
    text = text.replace("\\\\", _BACKSLASHES)
    for char, placeholder in _ESCAPES.items():
        text = text.replace("\\" + char, placeholder)
    # "\n" is a new line, except inside math where it starts a command (\neq, \nu …).
    out, pos = [], 0
    for m in _MATH.finditer(text):
        out += [text[pos : m.start()].replace("\\n", "\n"), m.group(0)]
        pos = m.end()
    out.append(text[pos:].replace("\\n", "\n"))
    return "".join(out)


def _unprotect(text: str) -> str:
    return text.translate(_UNPROTECT)


def _split_format(text: str, default: str) -> tuple[str, str]:
    m = _FORMAT_MARK.match(text)
    if m:
        return text[m.end() :], _FORMATS[m.group(1).lower()]
    return text, default


def _html(text: str, default: str) -> str:
    """HTML of a (protected) GIFT text, honouring a leading ``[format]`` marker."""
    text, fmt = _split_format(text, default)
    return text_in_format(_unprotect(text).strip(), fmt)


class _Block:
    def __init__(self, line: int):
        self.line = line  # first line of the question (not counting comments)
        self.lines: list[str] = []
        self.comments: list[str] = []


def _unbalanced(text: str) -> bool:
    protected = _protect(text)
    return protected.count("{") > protected.count("}")


def _blocks(lines: list[str]) -> list[_Block]:
    blocks: list[_Block] = []
    current: _Block | None = None
    comments: list[str] = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("//"):
            if current is None:
                comments.append(stripped[2:])
            continue
        if not stripped:
            if current is not None and _unbalanced("\n".join(current.lines)):
                following = next((s.strip() for s in lines[i + 1 :] if s.strip()), "")
                if following and not following.startswith(("::", "$CATEGORY", "//")):
                    current.lines.append("")
                    continue
            current = None
            continue
        if current is None:
            current = _Block(i + 1)
            current.comments, comments = comments, []
            blocks.append(current)
        current.lines.append(line)
    return blocks


def _answers(text: str) -> list[tuple[str, str]]:
    """``=a ~b`` → ``[("=", "a"), ("~", "b")]`` (text is protected, so markers are unescaped)."""
    out = []
    for part in re.split(r"(?=[=~])", text):
        if part.strip() and part[0] in "=~":
            out.append((part[0], part[1:]))
        elif part.strip():
            out.append(("", part))
    return out


def _weighted(text: str, default: float) -> tuple[float, str]:
    m = _WEIGHT.match(text)
    if not m:
        return default, text
    return float(Decimal(m.group(1).replace(",", ".")) / 100), text[m.end() :]


def _text_feedback(text: str, fmt: str, *, plain: bool = False) -> tuple[str, str]:
    body, _, feedback = text.partition("#")
    if plain and not _FORMAT_MARK.match(body):
        html = plain_to_html(_unprotect(body))
    else:
        html = _html(body, fmt)
    return html, _html(feedback, fmt) if feedback.strip() else ""


def _number(value: str) -> tuple[str, float]:
    """``"3:2"`` / ``"1..5"`` / ``"3"`` → (key with decimal comma, tolerance)."""
    value = plain_text(value).strip()
    if ".." in value:
        low, _, high = value.partition("..")
        a, b = parse_numeric(low), parse_numeric(high)
        a, b = min(a, b), max(a, b)
        return format_numeric((a + b) / 2), float((b - a) / 2)
    number, _, tolerance = value.partition(":")
    tol = float(parse_numeric(tolerance)) if tolerance.strip() else 0.0
    return format_numeric(parse_numeric(number)), abs(tol)


def _numeric(body: str, errors: list[str], warnings: list[str]) -> tuple[str, float]:
    body = body[1:]  # the leading "#"
    body = body.split("~", 1)[0]  # "~#feedback" is the feedback for any wrong answer
    if "=" in body:
        candidates = [_weighted(a, 1.0) for marker_, a in _answers(body) if marker_ == "="]
    else:
        candidates = [(1.0, body)]
    best: tuple[float, str, float] | None = None
    for fraction, text in candidates:
        value = _unprotect(text.partition("#")[0]).strip()
        if fraction <= 0 or not value:
            continue
        try:
            key, tol = _number(value)
        except (NumericAnswerError, ValueError) as exc:
            errors.append(f"đáp án số “{value}” không đọc được: {exc}")
            continue
        if best is None or fraction > best[0]:
            best = (fraction, key, tol)
    if best is None:
        if not errors:
            errors.append("thiếu đáp án số")
        return "", 0.0
    if len([c for c in candidates if c[0] > 0]) > 1:
        warnings.append("chỉ giữ đáp án số được nhiều điểm nhất, bỏ qua các đáp án số khác")
    return best[1], best[2]


def _choices(body: str, fmt: str, errors: list[str]) -> tuple[bool, list[Choice]]:
    """Multiple choice: (single?, choices)."""
    items = _answers(body)
    single = any(m == "=" for m, _ in items)
    choices = []
    for mark, text in items:
        if not mark:
            errors.append(
                f"phương án “{plain_text(_unprotect(text)).strip()}” thiếu dấu = hoặc ~ ở đầu"
            )
            continue
        fraction, text = _weighted(text, 1.0 if mark == "=" else 0.0)
        html, feedback = _text_feedback(text, fmt)
        correct = fraction >= 1 - 1e-4 if single else fraction > 0
        choices.append(Choice(text=html, correct=correct, fraction=fraction, feedback=feedback))
    fractions = [c.fraction or 0.0 for c in choices]
    errors += grades_refused([f for f in fractions if not moodle_grade_allowed(f)])
    if not single and choices:
        total = sum(f for f in fractions if f > 0)
        if abs(total - 1) > 1e-3:
            errors.append(
                f"tổng điểm các phương án đúng là {fraction_percent(total)}%, phải bằng 100%"
            )
    return single, choices


def _short_answers(body: str, fmt: str, errors: list[str], warnings: list[str]) -> list[Choice]:
    choices, wrong = [], []
    for mark, text in _answers(body):
        if mark != "=":
            errors.append(f"đáp án “{plain_text(_unprotect(text)).strip()}” thiếu dấu = ở đầu")
            continue
        fraction, text = _weighted(text, 1.0)
        html, feedback = _text_feedback(text, fmt, plain=True)
        if not plain_text(html):
            continue
        if fraction > 0 and plain_text(html) != "*":
            choices.append(Choice(text=html, correct=True, fraction=fraction, feedback=feedback))
        else:
            wrong.append(html)
    warnings += wrong_answers_warning(wrong)
    return choices


def _matching(body: str, fmt: str, errors: list[str]) -> list[Choice]:
    choices = []
    for mark, text in _answers(body):
        if mark != "=" or "->" not in text:
            errors.append(
                f"cặp ghép “{plain_text(_unprotect(text)).strip()}” phải có dạng =vế trái -> vế phải"
            )
            continue
        premise, _, match = text.partition("->")
        choices.append(
            Choice(
                text=_html(premise, fmt) if premise.strip() else "",
                match=plain_to_html(_unprotect(match)),
            )
        )
    return choices


def _true_false(body: str, fmt: str) -> Choice:
    word, *feedbacks = body.split("#")
    wrong = _html(feedbacks[0], fmt) if feedbacks and feedbacks[0].strip() else ""
    right = _html(feedbacks[1], fmt) if len(feedbacks) > 1 and feedbacks[1].strip() else ""
    is_true = word.strip().upper() in ("T", "TRUE")
    return Choice(text="", correct=is_true, feedback=join_true_false_feedback(right, wrong))


_TRUE_FALSE = re.compile(r"^\s*(T|F|TRUE|FALSE)\s*(#|$)", re.IGNORECASE)


def _category(text: str, block: _Block, result: ParseResult) -> list[str]:
    """``$CATEGORY: path`` (``text`` is the protected, stripped block): the new category.

    A question written right under the line, without a blank line, is read in it.
    """
    first, _, rest = text.partition("\n")
    new_category = split_category_path(_unprotect(first[len("$CATEGORY:") :]))
    if rest.strip():
        sub = _Block(block.line + 1)
        sub.lines = rest.split("\n")
        sub.comments = block.comments
        _question(sub, new_category, result)
    return new_category


def _title(text: str) -> tuple[str, str]:
    """(``::title::``, the text after it) of a protected question."""
    m = re.match(r"\s*::(.*?)::", text, re.DOTALL)
    if not m:
        return "", text
    return nfc(_unprotect(m.group(1))).strip(), text[m.end() :]


def _answer_block(text: str, ref: str, result: ParseResult) -> tuple[str, str, str] | None:
    """(text before, inside and after the ``{…}`` answer block); None (reported) if there is none."""
    start = text.find("{")
    if start < 0:
        result.problems.append(Problem(ref, DESCRIPTION_MESSAGE, "warning"))
        return None
    end = text.find("}", start)
    if end < 0:
        result.give_up(ref, "thiếu dấu “}” đóng phần đáp án")
        return None
    before, body, after = text[:start], text[start + 1 : end], text[end + 1 :]
    if "{" in after or "}" in after or "}" in before:
        result.give_up(ref, "có dấu ngoặc nhọn thừa; hãy viết \\{ hoặc \\} nếu đó là chữ trong đề")
        return None
    return before, body, after


def _read_answers(
    q: ParsedQuestion, body: str, fmt: str, errors: list[str], warnings: list[str]
) -> None:
    """The question type and answers from the (stripped) inside of the answer block."""
    if not body:
        q.qtype = QType.ESSAY
    elif body.startswith("#"):
        q.qtype = QType.SHORT_NUMERIC
        q.numeric_answer, q.tolerance = _numeric(body, errors, warnings)
    elif _TRUE_FALSE.match(body):
        q.qtype = QType.TRUE_FALSE
        q.choices = [_true_false(body, fmt)]
    elif body.startswith("=") and "->" in body:
        q.qtype = QType.MATCHING
        q.choices = _matching(body, fmt, errors)
    elif "~" in body:
        single, q.choices = _choices(body, fmt, errors)
        q.qtype = QType.SINGLE_CHOICE if single else QType.MULTIPLE_RESPONSE
    else:
        q.qtype = QType.SHORT_TEXT
        q.choices = _short_answers(body, fmt, errors, warnings)


def _as_one_blank_cloze(q: ParsedQuestion) -> None:
    """A SINGLE_CHOICE, SHORT_TEXT or SHORT_NUMERIC question becomes a cloze with one blank."""
    if q.qtype == QType.SHORT_NUMERIC:
        answers = (
            [Choice(text=q.numeric_answer, correct=True, fraction=1.0)] if q.numeric_answer else []
        )
        blank = Blank(kind="numeric", answers=answers, tolerance=q.tolerance)
    else:
        kind = "choice" if q.qtype == QType.SINGLE_CHOICE else "text"
        blank = Blank(kind=kind, answers=q.choices)
    q.qtype, q.choices, q.blanks = QType.CLOZE, [], [blank]
    q.numeric_answer, q.tolerance = "", 0.0


def _set_stem(q: ParsedQuestion, before: str, after: str, fmt: str) -> None:
    """The stem from the text around the answer block.

    Text after the block makes a "missing word" question. With words after the gap it
    becomes a one-blank cloze; otherwise (closing punctuation, or a type that cannot be a
    blank) the gap is shown as "_____" as Moodle does.
    """
    after_text = _unprotect(after)
    if re.search(r"\w", after_text) and q.qtype in (
        QType.SINGLE_CHOICE,
        QType.SHORT_TEXT,
        QType.SHORT_NUMERIC,
    ):
        _as_one_blank_cloze(q)
        q.stem = _html(before + _BLANK + after, fmt).replace(_BLANK, marker(1))
    elif after_text.strip():
        q.stem = _html(before + "_____" + after.rstrip(), fmt)
    else:
        q.stem = _html(before, fmt)


def _comment_tags(comments: list[str]) -> tuple[list[str], str]:
    """(tags, source id) from the ``[tag:…]`` and ``[id:…]`` in the comments before a question."""
    tags, source_id = [], ""
    for comment in comments:
        tags += re.findall(r"\[tag:([^\]]+)\]", comment)
        if ident := re.search(r"\[id:([^\]]+)\]", comment):
            source_id = ident.group(1).strip()
    return tags, source_id


def _finish(
    q: ParsedQuestion,
    block: _Block,
    errors: list[str],
    warnings: list[str],
    result: ParseResult,
) -> None:
    """Apply the comments' tags, validate, and keep ``q`` or report why not."""
    tags, q.source_id = _comment_tags(block.comments)
    meta = read_hoclieu_tags(tags)
    apply_hoclieu_tags(q, meta)
    warnings += meta.warnings
    errors = list(dict.fromkeys(errors + validate_question(q)))
    result.problems += [Problem(q.ref, w, "warning") for w in dict.fromkeys(warnings)]
    if errors:
        result.reject(q, "; ".join(errors))  # shown on the preview page, at its place
    else:
        result.questions.append(q)


def _question(block: _Block, category: list[str], result: ParseResult) -> list[str] | None:
    """Read one block; returns the new category if the block was ``$CATEGORY:``."""
    text = _protect("\n".join(block.lines))
    if text.strip().startswith("$CATEGORY:"):
        return _category(text.strip(), block, result)
    name, text = _title(text)
    ref = f"Dòng {block.line} (“{name}”)" if name else f"Dòng {block.line}"
    parts = _answer_block(text, ref, result)
    if parts is None:
        return None
    before, body, after = parts
    before, fmt = _split_format(before, "moodle_auto_format")
    body, _, general = body.partition("####")
    q = ParsedQuestion(qtype=QType.ESSAY, stem="", name=name, ref=ref, category=list(category))
    q.general_feedback = _html(general, fmt) if general.strip() else ""
    errors: list[str] = []
    warnings: list[str] = []
    _read_answers(q, body.strip(), fmt, errors, warnings)
    _set_stem(q, before, after, fmt)
    _finish(q, block, errors, warnings, result)
    return None


def decode_text(data: bytes, label: str) -> str:
    """UTF-8 text (BOM allowed), NFC, ``\\n`` line ends; refuses other encodings."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRejected(
            f"tệp {label} phải được lưu với mã hoá UTF-8 (byte lạ ở vị trí {exc.start})"
        ) from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return nfc(text)


def parse(data: bytes, *, filename: str, files: Mapping[str, bytes] | None = None) -> ParseResult:
    """Questions of a GIFT file; unreadable questions are reported with their line.

    ``filename`` and ``files`` are accepted for the common parser signature and unused.
    """
    text = decode_text(data, "GIFT")
    result = ParseResult(format=FORMAT)
    category: list[str] = []
    for block in _blocks(text.split("\n")):
        try:
            new_category = _question(block, category, result)
        except (ValueError, ArithmeticError) as exc:  # one unreadable question must not sink
            result.give_up(f"Dòng {block.line}", f"không đọc được câu hỏi ({exc})")  # the file
            continue
        except Exception:  # nor one this reader trips on (logged, to be fixed)
            logger.exception("GIFT question at line %s could not be read", block.line)
            result.give_up(f"Dòng {block.line}", UNREADABLE)
            continue
        if new_category is not None:
            category = new_category
    return result
