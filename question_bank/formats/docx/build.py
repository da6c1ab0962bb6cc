"""A :class:`~.question.Draft` → a :class:`ParsedQuestion` and its errors.

The type comes from the section (PHẦN I/II/III), the markers (``[nhiều đáp án]`` …) and the
content: options → choice, marked statements → Đúng/Sai, a numeric ``Đáp án`` → short
numeric, ``Ghép nối``/``Sắp xếp`` → matching/ordering, ``[1: …]`` → cloze, else essay.
"""

from __future__ import annotations

import html as html_lib
import re

from question_bank.formats.base import (
    LEVEL_CODES,
    Blank,
    Choice,
    ParsedQuestion,
    QType,
    validate_question,
)
from question_bank.formats.docx.lines import escape_text
from question_bank.formats.docx.patterns import (
    MARKER_LEVEL,
    RE_ASSET,
    RE_CHOOSE,
    RE_CLOZE,
    RE_MARKER,
    answer_letters,
    is_numeric,
    numeric_key,
    parse_true_false,
)
from question_bank.formats.docx.question import Draft, Opt, join_html
from question_bank.html import plain_text


def _marked_letters(opts: list[Opt], *, single_bold: bool) -> set[str] | None:
    marked = {o.letter for o in opts if o.marked}
    if marked:
        return marked
    bold = {o.letter for o in opts if o.bold}
    if bold and len(bold) < len(opts) and (len(bold) == 1 or not single_bold):
        return bold
    return None


def _order_errors(opts: list[Opt], kind: str, first: str) -> list[str]:
    errors = []
    letters = [o.letter for o in opts]
    dups = sorted({x for x in letters if letters.count(x) > 1})
    for x in dups:
        label = f"{x}." if kind == "phương án" else f"{x})"
        errors.append(f"{kind} {label} bị lặp lại")
    expected = [chr(ord(first) + i) for i in range(len(letters))]
    if not dups and letters != expected:
        errors.append(f"các {kind} không theo thứ tự {', '.join(expected)}: {', '.join(letters)}")
    return errors


def build_question(d: Draft) -> tuple[ParsedQuestion, list[str]]:
    errors = list(d.errors)
    flags: set[str] = set()
    level = d.level

    def marker(m):
        key = m.group(1).lower()
        if key in MARKER_LEVEL:
            nonlocal level
            level = MARKER_LEVEL[key]
        else:
            flags.add(key)
        return ""

    stem_parts = [RE_MARKER.sub(marker, p).strip() for p in d.stem]
    stem = join_html(stem_parts)
    # Statement-looking lines ("a) …") that are not Đúng/Sai statements belong to the stem.
    extra = [RE_MARKER.sub(marker, x).strip() for s in d.stmts for x in (s.full, *s.html[1:])]
    stem_all = join_html(stem_parts + extra)
    solution = join_html(d.solution + d.late_solution)
    guide = join_html(d.guide)
    # An answer is inline: a display equation in it is read as an inline one.
    answer_html = (
        join_html(d.answer).replace("\\[", "\\(").replace("\\]", "\\)") if d.answer else ""
    )
    answer_text = plain_text(answer_html) if d.answer is not None else None
    part = d.part if d.part in (1, 2, 3) else None
    q = ParsedQuestion(qtype=QType.ESSAY, stem=stem, ref=d.ref, group=d.group, part=part)
    q.points = d.points
    q.level = level if level in LEVEL_CODES else ""
    q.keep_option_order = "giữ thứ tự" in flags
    q.keep_position = "cố định" in flags
    q.needs_review = list(d.reviews)
    forced = next((f for f in ("nhiều đáp án", "trả lời ngắn", "tự luận") if f in flags), "")

    if d.part == 1 or (d.part not in (2, 3) and d.options and forced != "tự luận"):
        errors += _order_errors(d.options, "phương án", "A")
        marked = _marked_letters(d.options, single_bold=True)
        key: set[str] | None = None
        if answer_text:
            letters = answer_letters(answer_text)
            if letters is None and (lm := re.match(r"\s*([A-H])(?:[.):]|\s|$)", answer_text)):
                letters = [lm.group(1)]
            if letters is None:
                errors.append(
                    f"dòng “Đáp án: {answer_text}” không ghi rõ phương án đúng (A, B, C…)"
                )
            else:
                key = set(letters)
        if d.table_key is not None and d.table_key[0] == "letters":
            table = set(d.table_key[1])
            if key is not None and key != table:
                errors.append(
                    f"bảng đáp án ghi {', '.join(sorted(table))} nhưng dòng “Đáp án” ghi {', '.join(sorted(key))}"
                )
            key = key or table
        if marked and key and marked != key and any(o.marked for o in d.options):
            errors.append(
                f"đáp án ghi {', '.join(sorted(key))} nhưng phương án được đánh dấu là {', '.join(sorted(marked))}"
            )
        correct = key or marked
        if not correct and d.late_key:
            correct = {d.late_key}
        if not correct and solution:
            found = RE_CHOOSE.findall(plain_text(solution))
            if found:
                correct = {found[-1]}
        correct = correct or set()
        letters_present = {o.letter for o in d.options}
        for letter in sorted(correct - letters_present):
            if d.options:
                errors.append(f"đáp án {letter} không có trong các phương án")
        many = len(correct) > 1
        if d.part == 1:
            q.qtype = QType.SINGLE_CHOICE
        elif forced == "nhiều đáp án" or many:
            q.qtype = QType.MULTIPLE_RESPONSE
        else:
            q.qtype = QType.SINGLE_CHOICE
        q.choices = [
            Choice(
                text=join_html(o.html), correct=o.letter in correct, fixed=o.fixed, ident=o.letter
            )
            for o in d.options
        ]
        q.stem = stem_all
        q.solution = solution
    elif d.part == 2 or (
        d.part != 3
        and d.stmts
        and forced != "tự luận"
        and (
            (answer_text and parse_true_false(answer_text) is not None)
            or any(s.marked for s in d.stmts)
            or (d.table_key is not None and d.table_key[0] == "tf")
        )
    ):
        q.qtype = QType.TRUE_FALSE
        errors += _order_errors(d.stmts, "mệnh đề", "a")
        values: dict[str, bool] | None = None
        if answer_text:
            values = parse_true_false(answer_text)
            if values is None:
                errors.append(
                    f"không đọc được dòng “Đáp án: {answer_text}” (cần dạng a) Đ, b) S, …)"
                )
        if values is None and d.table_key is not None and d.table_key[0] == "tf":
            values = dict(d.table_key[1])
        if values is None:
            marked = _marked_letters(d.stmts, single_bold=False)
            if marked is not None:
                values = {s.letter: s.letter in marked for s in d.stmts}
        if values is None and d.stmts:
            errors.append(
                "các mệnh đề Đúng/Sai chưa được đánh dấu (gạch chân hoặc tô đỏ mệnh đề đúng, "
                "hoặc thêm dòng “Đáp án: a) Đ, b) S, …”)"
            )
            values = {}
        elif values is not None:
            missing = [s.letter for s in d.stmts if s.letter not in values]
            for letter in missing:
                errors.append(f"mệnh đề {letter}) chưa được đánh dấu Đúng/Sai")
        values = values or {}
        q.choices = [
            Choice(text=join_html(s.html), correct=bool(values.get(s.letter)), ident=s.letter)
            for s in d.stmts
        ]
        q.shuffle_statements = not q.keep_option_order
        q.keep_option_order = False
        q.solution = solution
    elif d.part == 3:
        q.qtype = QType.SHORT_NUMERIC
        if d.stmts:  # statement-looking lines in Part III belong to the stem
            q.stem = stem_all
        value = answer_text
        if not value and d.table_key is not None and d.table_key[0] == "num":
            value = str(d.table_key[1])
        if not value:
            errors.append("thiếu dòng “Đáp án: …” (câu trả lời ngắn phần III)")
        else:
            q.numeric_answer, q.tolerance = numeric_key(value)
        q.solution = solution
    elif d.pairs_kind:
        q.solution = solution
        if d.pairs_kind == "ordering":
            q.qtype = QType.ORDERING
            q.choices = [
                Choice(text=join_html(left), ident=str(i)) for i, (left, _) in enumerate(d.pairs, 1)
            ]
        else:
            q.qtype = QType.MATCHING
            q.choices = [
                Choice(text=join_html(left), match=join_html(right)) for left, right in d.pairs
            ]
        if d.stmts:
            q.stem = stem_all
    elif answer_text is not None and forced != "tự luận":
        q.stem = stem_all
        q.solution = solution
        if forced != "trả lời ngắn" and answer_text and is_numeric(answer_text):
            q.qtype = QType.SHORT_NUMERIC
            q.numeric_answer, q.tolerance = numeric_key(answer_text)
        else:
            q.qtype = QType.SHORT_TEXT
            alternatives = [a.strip() for a in answer_html.split("|")]
            if not answer_text:
                errors.append("dòng “Đáp án:” để trống")
            q.choices = [Choice(text=a, correct=True) for a in alternatives if plain_text(a)]
    elif d.table_key is not None and d.table_key[0] == "num" and not d.stmts:
        q.qtype = QType.SHORT_NUMERIC
        q.numeric_answer, q.tolerance = numeric_key(str(d.table_key[1]))
        q.solution = solution
    elif RE_CLOZE.search(stem) and forced != "tự luận":
        q.qtype = QType.CLOZE
        q.stem, q.blanks = _cloze(stem_all)
        q.solution = solution
    else:
        q.qtype = QType.ESSAY
        q.stem = stem_all
        if guide:
            q.marking_guide = guide
            q.solution = solution
        else:
            q.marking_guide = solution

    if forced == "trả lời ngắn" and q.qtype not in (QType.SHORT_TEXT, QType.SHORT_NUMERIC):
        errors.append("câu có đánh dấu [trả lời ngắn] nhưng thiếu dòng “Đáp án: …”")
    if guide and q.qtype != QType.ESSAY:
        q.marking_guide = guide
    errors += [
        e
        for e in validate_question(with_assets(q, d.assets))
        if e not in errors and not (e == "thiếu đáp án số" and any("Đáp án" in x for x in errors))
    ]
    return q, errors


def with_assets(q: ParsedQuestion, assets: dict[str, bytes]) -> ParsedQuestion:
    refs = set()
    texts = [q.stem, q.solution, q.general_feedback, q.marking_guide]
    for c in q.choices:
        texts += [c.text, c.feedback, c.match]
    for t in texts:
        if "asset:" in t:
            refs.update(RE_ASSET.findall(t))
    q.assets = {name: assets[name] for name in sorted(refs) if name in assets}
    return q


def _cloze(stem: str) -> tuple[str, list[Blank]]:
    blanks: list[Blank] = []

    def repl(m):
        raw = html_lib.unescape(m.group(2))
        blank = Blank()
        alternatives = [a.strip() for a in raw.split("|")]
        if len(alternatives) == 1 and alternatives[0].startswith("="):
            value, tol = numeric_key(alternatives[0][1:])
            blank.kind = "numeric"
            blank.tolerance = tol
            blank.answers = [Choice(text=value, correct=True)]
        elif any(a.startswith("*") for a in alternatives):
            blank.kind = "choice"
            blank.answers = [
                Choice(text=escape_text(a.lstrip("*").strip()), correct=a.startswith("*"))
                for a in alternatives
                if a.lstrip("*").strip()
            ]
        else:
            blank.answers = [Choice(text=escape_text(a), correct=True) for a in alternatives if a]
        blanks.append(blank)
        return "{{" + str(len(blanks)) + "}}"

    return RE_CLOZE.sub(repl, stem), blanks
