"""Reading a Moodle XML file (``<quiz>``): :func:`parse`. The mapping is in the package docstring."""

from __future__ import annotations

import base64
import binascii
import re
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePosixPath

from lxml import etree

from common.safefiles import parse_xml
from common.vietnamese import nfc
from question_bank.formats.base import (
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
from question_bank.formats.moodle_xml.cloze import parse_cloze_stem, true_false_cluster
from question_bank.formats.moodle_xml.shared import (
    DESCRIPTION_MESSAGE,
    FORMAT,
    GRADE_TOLERANCE,
    SOLUTION_MARK,
    UNSUPPORTED_MESSAGE,
    HoclieuTags,
    apply_hoclieu_tags,
    fraction_percent,
    grades_refused,
    has_content,
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


@dataclass
class _Ctx:
    ref: str
    assets: dict[str, bytes] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --- Elements and text fields ------------------------------------------------------------------


def _inner(el: etree._Element | None) -> str:
    """Text of an element, child markup included (some tools write HTML as XML, not CDATA)."""
    if el is None:
        return ""
    text = el.text or ""
    if len(el):
        text += "".join(etree.tostring(child, encoding="unicode") for child in el)
    return nfc(text)


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


def _decode_file(f: etree._Element, ctx: _Ctx) -> tuple[str, str, bytes] | None:
    """(name, folder path, bytes) of a ``<file>``; None (and an error on ``ctx``) if unreadable."""
    name = nfc(f.get("name") or "").strip()
    path = nfc(f.get("path") or "/").strip() or "/"
    if not path.startswith("/"):
        path = "/" + path
    if not path.endswith("/"):
        path += "/"
    encoding = (f.get("encoding") or "base64").lower()
    if encoding != "base64":
        ctx.errors.append(f"tệp đính kèm “{name}” có mã hoá “{encoding}”, chỉ hỗ trợ base64")
        return None
    try:
        data = base64.b64decode(re.sub(r"\s+", "", f.text or ""), validate=True)
    except (binascii.Error, ValueError):
        ctx.errors.append(f"tệp đính kèm “{name}” không giải mã được (dữ liệu base64 hỏng)")
        return None
    return name, path, data


def _take_files(el: etree._Element, html: str, ctx: _Ctx) -> str:
    """Store the ``<file>``s of a field as assets; ``@@PLUGINFILE@@/x.png`` → ``asset:x.png``."""
    files = el.findall("file")
    if not files and "@@PLUGINFILE@@" not in html:
        return html
    mapping: dict[str, str] = {}
    for f in files:
        decoded = _decode_file(f, ctx)
        if decoded is None:
            continue
        name, path, data = decoded
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


def _check_multichoice(fractions: list[float], single: bool) -> list[str]:
    bad = [f for f in fractions if f > 1 + GRADE_TOLERANCE or not moodle_grade_allowed(f)]
    errors = grades_refused(bad)
    if not fractions:
        return errors
    if single:
        if max(fractions) < 1 - GRADE_TOLERANCE:
            errors.append(
                f"không có phương án nào được 100% điểm (cao nhất {fraction_percent(max(fractions))}%)"
            )
    else:
        total = sum(f for f in fractions if f > 0)
        if abs(total - 1) > GRADE_TOLERANCE * 10:
            errors.append(
                f"tổng điểm các phương án đúng là {fraction_percent(total)}%, phải bằng 100%"
            )
    return errors


# --- One question type each: fill ``q`` from ``el``, record problems on ``ctx`` -----------------


def _multichoice(el: etree._Element, ctx: _Ctx, q: ParsedQuestion, meta: HoclieuTags) -> None:
    single = _bool(el.findtext("single"), True)
    q.qtype = QType.SINGLE_CHOICE if single else QType.MULTIPLE_RESPONSE
    q.keep_option_order = not _bool(el.findtext("shuffleanswers"), True)
    answers = [a for a in _answers(el, ctx) if has_content(a[1])]
    ctx.errors += _check_multichoice([f for f, _, _ in answers], single)
    for f, text, feedback in answers:
        correct = f >= 1 - GRADE_TOLERANCE if single else f > 0
        q.choices.append(Choice(text=text, correct=correct, fraction=f, feedback=feedback))


def _truefalse(el: etree._Element, ctx: _Ctx, q: ParsedQuestion, meta: HoclieuTags) -> None:
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


def _shortanswer(el: etree._Element, ctx: _Ctx, q: ParsedQuestion, meta: HoclieuTags) -> None:
    q.qtype = QType.SHORT_TEXT
    q.case_sensitive = _bool(el.findtext("usecase"), False)
    answers = [a for a in _answers(el, ctx, plain=True) if plain_text(a[1]).strip()]
    for f, text, feedback in answers:
        if f > 0 and text != "*":
            q.choices.append(Choice(text=text, correct=True, fraction=f, feedback=feedback))
    ctx.warnings += wrong_answers_warning([t for f, t, _ in answers if f <= 0])
    ctx.errors += grades_refused([f for f, _, _ in answers if not moodle_grade_allowed(f)])


def _numeric_candidates(el: etree._Element, ctx: _Ctx) -> list[tuple[float, str, float]]:
    """(fraction, value, tolerance) of each accepted ``numerical`` answer."""
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
    return candidates


def _numerical(el: etree._Element, ctx: _Ctx, q: ParsedQuestion, meta: HoclieuTags) -> None:
    q.qtype = QType.SHORT_NUMERIC
    candidates = _numeric_candidates(el, ctx)
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


def _essay(el: etree._Element, ctx: _Ctx, q: ParsedQuestion, meta: HoclieuTags) -> None:
    q.qtype = QType.ESSAY
    q.marking_guide = _field(el.find("graderinfo"), ctx)


def _matching(el: etree._Element, ctx: _Ctx, q: ParsedQuestion, meta: HoclieuTags) -> None:
    q.qtype = QType.MATCHING
    q.keep_option_order = not _bool(el.findtext("shuffleanswers"), True)
    for sub in el.findall("subquestion"):
        premise = _field(sub, ctx, default_format=sub.get("format") or "html")
        answer_el = sub.find("answer")
        match = plain_to_html(_inner(answer_el.find("text")) if answer_el is not None else "")
        if not has_content(premise) and not match:
            continue
        q.choices.append(Choice(text=premise if has_content(premise) else "", match=match))


def _ordering(el: etree._Element, ctx: _Ctx, q: ParsedQuestion, meta: HoclieuTags) -> None:
    q.qtype = QType.ORDERING
    items = []
    for i, a in enumerate(el.findall("answer")):
        try:
            position = float(a.get("fraction") or i + 1)
        except ValueError:
            position = float(i + 1)
        text = _field(a, ctx, default_format=a.get("format") or "html")
        if has_content(text):
            items.append((position, i, Choice(text=text, feedback=_field(a.find("feedback"), ctx))))
    q.choices = [c for _, _, c in sorted(items, key=lambda t: (t[0], t[1]))]


def _multianswer(el: etree._Element, ctx: _Ctx, q: ParsedQuestion, meta: HoclieuTags) -> None:
    cluster = true_false_cluster(q.stem) if meta.true_false else None
    if cluster is not None:
        q.qtype = QType.TRUE_FALSE
        q.stem, q.choices = cluster
        return
    if meta.true_false:
        ctx.warnings.append(
            "thẻ hoclieu:true_false nhưng không đọc được chùm mệnh đề, nhập thành câu điền khuyết"
        )
    q.qtype = QType.CLOZE
    q.stem, q.blanks, errors = parse_cloze_stem(q.stem)
    ctx.errors += errors


def _gaps(el: etree._Element, ctx: _Ctx, q: ParsedQuestion, option_tag: str) -> None:
    """``[[n]]`` in the text is a drop-down of the options in the n-th option's group."""
    q.qtype = QType.CLOZE
    options = []
    for item in el.findall(option_tag):
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


def _ddwtos(el: etree._Element, ctx: _Ctx, q: ParsedQuestion, meta: HoclieuTags) -> None:
    _gaps(el, ctx, q, "dragbox")


def _gapselect(el: etree._Element, ctx: _Ctx, q: ParsedQuestion, meta: HoclieuTags) -> None:
    _gaps(el, ctx, q, "selectoption")


_Reader = Callable[[etree._Element, _Ctx, ParsedQuestion, HoclieuTags], None]
_READERS: dict[str, _Reader] = {
    "multichoice": _multichoice,
    "truefalse": _truefalse,
    "shortanswer": _shortanswer,
    "numerical": _numerical,
    "essay": _essay,
    "matching": _matching,
    "ordering": _ordering,
    "multianswer": _multianswer,
    "ddwtos": _ddwtos,
    "gapselect": _gapselect,
}
_SUPPORTED = {*_READERS, "description"}


# --- One <question> ----------------------------------------------------------------------------


def _ref(n: int, name: str) -> str:
    return f"Câu {n} (“{name}”)" if name else f"Câu {n}"


def _read_description(
    name: str, stem: str, ctx: _Ctx, meta: HoclieuTags, result: ParseResult
) -> None:
    """A ``description``: a shared stimulus when tagged ``hoclieu:stimulus:KEY``, else skipped."""
    for w in meta.warnings:
        result.problems.append(Problem(ctx.ref, w, "warning"))
    if not meta.stimulus:
        result.problems.append(Problem(ctx.ref, DESCRIPTION_MESSAGE, "warning"))
        return
    if ctx.errors:
        result.give_up(ctx.ref, "; ".join(ctx.errors))
        return
    title = name if name != meta.stimulus else ""
    result.groups.append(
        ParsedGroup(key=meta.stimulus, stimulus=stem, title=title, assets=ctx.assets)
    )


def _common_fields(el: etree._Element, ctx: _Ctx, q: ParsedQuestion) -> None:
    """What every question type has: general feedback, default grade, idnumber."""
    q.general_feedback = _field(el.find("generalfeedback"), ctx)
    grade = el.findtext("defaultgrade")
    if grade is not None and grade.strip():
        try:
            q.points = float(grade)
        except ValueError:
            ctx.warnings.append(f"điểm mặc định “{grade.strip()}” không phải là số")
    q.source_id = _child_text(el, "idnumber")


def _split_solution(q: ParsedQuestion) -> None:
    """``hoclieu:solution-in-feedback``: the general feedback carries the solution too."""
    if SOLUTION_MARK in q.general_feedback:
        feedback, solution = q.general_feedback.split(SOLUTION_MARK, 1)
        q.general_feedback, q.solution = feedback.strip(), solution.strip()
    else:
        q.general_feedback, q.solution = "", q.general_feedback


def _report(q: ParsedQuestion, ctx: _Ctx, result: ParseResult) -> None:
    """Keep ``q`` if it has no errors; report its warnings and errors either way."""
    errors = list(dict.fromkeys(ctx.errors + validate_question(q)))
    for w in dict.fromkeys(ctx.warnings):
        result.problems.append(Problem(ctx.ref, w, "warning"))
    if errors:
        result.reject(q, "; ".join(errors))  # shown on the preview page, at its place
        return
    result.questions.append(q)


def _read_question(el: etree._Element, n: int, category: list[str], result: ParseResult) -> None:
    qtype = (el.get("type") or "").strip().lower()
    name = _child_text(el, "name/text")
    ref = _ref(n, name)
    if qtype not in _SUPPORTED:
        result.give_up(ref, UNSUPPORTED_MESSAGE.format(qtype=qtype or "?"))
        return
    ctx = _Ctx(ref=ref)
    meta = read_hoclieu_tags([_child_text(t, "text") for t in el.findall("tags/tag")])
    stem = _field(el.find("questiontext"), ctx)
    if qtype == "description":
        _read_description(name, stem, ctx, meta, result)
        return
    q = ParsedQuestion(qtype=QType.ESSAY, stem=stem, name=name, ref=ref, category=list(category))
    _common_fields(el, ctx, q)
    _READERS[qtype](el, ctx, q, meta)
    apply_hoclieu_tags(q, meta)
    ctx.warnings += meta.warnings
    if meta.solution_in_feedback:
        _split_solution(q)
    q.assets = ctx.assets
    _report(q, ctx, result)


# --- The file ----------------------------------------------------------------------------------


def _quiz_root(data: bytes, filename: str) -> etree._Element:
    """The ``<quiz>`` element; refuses empty, unsafe and non-Moodle files."""
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
    return root


def _read_guarded(el: etree._Element, n: int, category: list[str], result: ParseResult) -> None:
    try:
        _read_question(el, n, category, result)
    except Exception as exc:  # one unreadable question must not sink the file
        ref = _ref(n, _child_text(el, "name/text"))
        result.give_up(ref, f"không đọc được câu hỏi ({exc})")


def parse(data: bytes, *, filename: str, files: Mapping[str, bytes] | None = None) -> ParseResult:
    """Questions of a Moodle XML file (``<quiz>``); refuses unsafe or non-Moodle files.

    ``files`` is accepted for the common parser signature and unused: a Moodle XML file
    carries its images inside.
    """
    root = _quiz_root(data, filename)
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
                _read_guarded(el, n, category, result)
        el.clear()
        root.remove(el)
    return result
