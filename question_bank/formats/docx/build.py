"""A :class:`~.question.Draft` → a :class:`ParsedQuestion` and its errors.

The type comes from the section (PHẦN I/II/III), the markers (``[nhiều đáp án]`` …) and the
content: options → choice, marked statements → Đúng/Sai, a numeric ``Đáp án`` → short
numeric, ``Ghép nối``/``Sắp xếp`` → matching/ordering, ``[1: …]`` → cloze, else essay.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass

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
    fold_chars,
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
    blue = {o.letter for o in opts if o.blue}  # blue keys only where nothing is red/underlined
    if blue and len(blue) < len(opts):
        return blue
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


@dataclass
class _Context:
    """What every type's builder reads: the draft, its HTML pieces, the errors so far."""

    d: Draft
    errors: list[str]
    stem: str  # without the statement-looking lines
    stem_all: str  # with them
    solution: str
    guide: str
    answer_html: str
    answer_text: str | None  # None: no "Đáp án" line
    forced: str  # "nhiều đáp án" / "trả lời ngắn" / "tự luận" / ""
    flags: frozenset = frozenset()

    def table_key(self, kind: str):
        """The answer-table key when it is of ``kind`` ("letters", "tf", "num"), else None."""
        key = self.d.table_key
        return key[1] if key is not None and key[0] == kind else None


def build_question(d: Draft) -> tuple[ParsedQuestion, list[str]]:
    """The question a draft describes and the errors that keep it out of the result."""
    q, c = _start(d)
    _BUILDERS[_kind(c)](q, c)
    if c.forced == "trả lời ngắn" and q.qtype not in (QType.SHORT_TEXT, QType.SHORT_NUMERIC):
        c.errors.append("câu có đánh dấu [trả lời ngắn] nhưng thiếu dòng “Đáp án: …”")
    if c.guide and q.qtype != QType.ESSAY:
        q.marking_guide = c.guide
    errors = c.errors
    errors += [
        e
        for e in validate_question(with_assets(q, d.assets))
        if e not in errors
        and not (e == "thiếu đáp án số" and any("Đáp án" in x for x in errors))
        and not (e == "không có đáp án đúng được đánh dấu" and any("[<Ans=" in x for x in errors))
    ]
    return q, errors


def _start(d: Draft) -> tuple[ParsedQuestion, _Context]:
    """The markers read out of the stem, the HTML pieces joined, the common fields set."""
    flags: set[str] = set()
    level = d.level

    def marker(m):
        nonlocal level
        key = m.group(1).lower()
        if key in MARKER_LEVEL:
            level = MARKER_LEVEL[key]
        else:
            flags.add(key)
        return ""

    stem_parts = [RE_MARKER.sub(marker, p).strip() for p in d.stem]
    if stem_parts and d.stem[0].lstrip().startswith("["):  # "Câu 1 [NB]: …": the ":" goes too
        stem_parts[0] = stem_parts[0].lstrip(".:) ")
    # Statement-looking lines ("a) …") that are not Đúng/Sai statements belong to the stem.
    extra = [RE_MARKER.sub(marker, x).strip() for s in d.stmts for x in (s.full, *s.html[1:])]
    # An answer is inline: a display equation in it is read as an inline one.
    answer_html = (
        join_html(d.answer).replace("\\[", "\\(").replace("\\]", "\\)") if d.answer else ""
    )
    c = _Context(
        d=d,
        errors=list(d.errors),
        stem=join_html(stem_parts),
        stem_all=join_html(stem_parts + extra),
        solution=join_html(d.solution + d.late_solution),
        guide=join_html(d.guide),
        answer_html=answer_html,
        answer_text=plain_text(answer_html) if d.answer is not None else None,
        forced=next((f for f in ("nhiều đáp án", "trả lời ngắn", "tự luận") if f in flags), ""),
        flags=frozenset(flags),
    )
    if d.ans_lines and d.answer is None:
        _ans_lines(c)
    part = d.part if d.part in (1, 2, 3) else None
    q = ParsedQuestion(qtype=QType.ESSAY, stem=c.stem, ref=d.ref, group=d.group, part=part)
    q.points = d.points
    q.level = level if level in LEVEL_CODES else ""
    q.keep_option_order = "giữ thứ tự" in flags or d.keep_order
    q.keep_position = "cố định" in flags
    q.needs_review = list(d.reviews)
    if d.child_of:
        q.needs_review.append(
            f"câu con (HC-MIX) thay cho {d.child_of} ở đề khác — được nhập thành câu hỏi riêng"
        )
    return q, c


_RE_ANS_ORDER = re.compile(r"[A-Ha-h](?:\s*-\s*[A-Ha-h]){1,7}")
_RE_ANS_PAIRS = re.compile(r"\d+\s*-\s*[A-Za-z](?:\s*,\s*\d+\s*-\s*[A-Za-z])*")


def _ans_lines(c: _Context) -> None:
    """HC-MIX ``[<Ans=…>]`` lines (hoanchan.github.io/projects/hc-mix, "Biên soạn câu hỏi"):
    letters (one line or several), ``Đúng``/``Sai``, a text or a number, an order
    ``F-c-e-d-b-a``; read as the "Đáp án" line would be, or reported."""
    d = c.d
    values = [html_lib.unescape(v).strip() for v in d.ans_lines]
    raw = ", ".join(values)
    if d.options:
        letters = re.split(r"\s*[,;]\s*", raw)
        if all(re.fullmatch(r"[A-Ha-h]", x) for x in letters):
            text = ", ".join(x.upper() for x in letters)
        elif _RE_ANS_ORDER.fullmatch(raw):
            d.order_key = [x.upper() for x in re.findall(r"[A-Ha-h]", raw)]
            return
        else:
            kind = "ghép nối" if _RE_ANS_PAIRS.fullmatch(raw) else ""
            c.errors.append(
                f"không đọc được thuộc tính [<Ans={raw}>]"
                + (
                    f" (kiểu {kind} của HC-MIX chưa được hỗ trợ)"
                    if kind
                    else " (cần chữ cái A, B, C…)"
                )
            )
            return
    elif d.stmts:
        text = raw
    elif fold_chars(raw) in ("dung", "sai", "d", "s") and len(values) == 1:
        d.single_tf = fold_chars(raw).startswith("d")
        return
    else:
        text = " | ".join(values)
    c.answer_text = text
    c.answer_html = escape_text(text)


def _kind(c: _Context) -> str:
    """Which builder reads the draft: the first rule that applies, in this order."""
    d, essay = c.d, c.forced == "tự luận"
    if d.order_key and d.part not in (2, 3):
        return "order_key"
    if d.single_tf is not None and d.part not in (1, 3):
        return "single_tf"
    if d.part == 1 or (d.part not in (2, 3) and d.options and not essay):
        return "choice"
    tf = _looks_true_false(c) or "tf" in c.flags
    if d.part == 2 or (d.part != 3 and d.stmts and not essay and tf):
        return "true_false"
    if d.part == 3:
        return "part_3"
    if d.pairs_kind:
        return "pairs"
    if c.answer_text is not None and not essay:
        return "answer"
    if c.table_key("num") is not None and not d.stmts:
        return "table_number"
    if RE_CLOZE.search(c.stem) and not essay:
        return "cloze"
    return "essay"


def _looks_true_false(c: _Context) -> bool:
    return bool(
        (c.answer_text and parse_true_false(c.answer_text) is not None)
        or any(s.marked for s in c.d.stmts)
        or c.table_key("tf") is not None
    )


def _choice(q: ParsedQuestion, c: _Context) -> None:
    d = c.d
    c.errors += _order_errors(d.options, "phương án", "A")
    correct = _choice_key(c)
    for letter in sorted(correct - {o.letter for o in d.options}):
        if d.options:
            c.errors.append(f"đáp án {letter} không có trong các phương án")
    if d.part == 1:
        q.qtype = QType.SINGLE_CHOICE
    elif c.forced == "nhiều đáp án" or len(correct) > 1:
        q.qtype = QType.MULTIPLE_RESPONSE
    else:
        q.qtype = QType.SINGLE_CHOICE
    italic = {o.letter for o in d.options if o.italic}
    if len(italic) == len(d.options):
        italic = set()  # every letter in italics is the file's style, not a mark
    q.choices = [
        Choice(
            text=join_html(o.html),
            correct=o.letter in correct,
            fixed=o.fixed or o.letter in italic,
            ident=o.letter,
        )
        for o in d.options
    ]
    q.stem = c.stem_all
    q.solution = c.solution


def _choice_key(c: _Context) -> set[str]:
    """The correct letters: the "Đáp án" line or the answer table, else the marks, else a
    late "Chọn B" in the answer section or the solution."""
    d = c.d
    marked = _marked_letters(d.options, single_bold=True)
    key = _answer_line_letters(c)
    table = c.table_key("letters")
    if table is not None:
        table = set(table)
        if key is not None and key != table:
            c.errors.append(
                f"bảng đáp án ghi {', '.join(sorted(table))} nhưng dòng “Đáp án” ghi {', '.join(sorted(key))}"
            )
        key = key or table
    if marked and key and marked != key and any(o.marked for o in d.options):
        c.errors.append(
            f"đáp án ghi {', '.join(sorted(key))} nhưng phương án được đánh dấu là {', '.join(sorted(marked))}"
        )
    if not key and marked and c.forced != "nhiều đáp án" and _conflicting(d.options, marked):
        c.errors.append(
            "các phương án được đánh dấu bằng những cách khác nhau ("
            + ", ".join(
                f"{o.letter}: {_MARK_NAMES[min(o.marks)]}" for o in d.options if o.letter in marked
            )
            + ") — không rõ đáp án đúng, cần kiểm tra"
        )
    correct = key or marked
    if not correct and d.late_key:
        correct = {d.late_key}
    if not correct and c.solution:
        found = RE_CHOOSE.findall(plain_text(c.solution))
        if found:
            correct = {found[-1]}
    return correct or set()


_MARK_NAMES = {"*": "dấu *", "red": "tô đỏ", "u": "gạch chân"}


def _conflicting(opts: list[Opt], marked: set[str]) -> bool:
    """Several options marked, and no kind of mark shared by all of them (a red A and an
    underlined C): never read as a multiple-response question."""
    kinds = [o.marks for o in opts if o.letter in marked and o.marks]
    if len(kinds) < 2:
        return False
    return not frozenset.intersection(*kinds)


def _answer_line_letters(c: _Context) -> set[str] | None:
    if not c.answer_text:
        return None
    letters = answer_letters(c.answer_text)
    if letters is None and (lm := re.match(r"\s*([A-H])(?:[.):]|\s|$)", c.answer_text)):
        letters = [lm.group(1)]
    if letters is None:
        c.errors.append(f"dòng “Đáp án: {c.answer_text}” không ghi rõ phương án đúng (A, B, C…)")
        return None
    return set(letters)


def _true_false(q: ParsedQuestion, c: _Context) -> None:
    d = c.d
    q.qtype = QType.TRUE_FALSE
    c.errors += _order_errors(d.stmts, "mệnh đề", "a")
    values = _statement_values(c)
    if values is None and d.stmts:
        c.errors.append(
            "các mệnh đề Đúng/Sai chưa được đánh dấu (gạch chân hoặc tô đỏ mệnh đề đúng, "
            "hoặc thêm dòng “Đáp án: a) Đ, b) S, …”)"
        )
        values = {}
    elif values is not None:
        for letter in [s.letter for s in d.stmts if s.letter not in values]:
            c.errors.append(f"mệnh đề {letter}) chưa được đánh dấu Đúng/Sai")
    values = values or {}
    q.choices = [
        Choice(text=join_html(s.html), correct=bool(values.get(s.letter)), ident=s.letter)
        for s in d.stmts
    ]
    q.shuffle_statements = not q.keep_option_order
    q.keep_option_order = False
    q.solution = c.solution


def _statement_values(c: _Context) -> dict[str, bool] | None:
    """Đúng/Sai per statement letter: the "Đáp án" line, the answer table, else the marks."""
    values: dict[str, bool] | None = None
    if c.answer_text:
        values = parse_true_false(c.answer_text)
        if values is None:
            c.errors.append(
                f"không đọc được dòng “Đáp án: {c.answer_text}” (cần dạng a) Đ, b) S, …)"
            )
    if values is None and (table := c.table_key("tf")) is not None:
        values = dict(table)
    if values is None:
        marked = _marked_letters(c.d.stmts, single_bold=False)
        if marked is not None:
            values = {s.letter: s.letter in marked for s in c.d.stmts}
    return values


def _part_3(q: ParsedQuestion, c: _Context) -> None:
    q.qtype = QType.SHORT_NUMERIC
    if c.d.stmts:  # statement-looking lines in Part III belong to the stem
        q.stem = c.stem_all
    value = c.answer_text
    if not value and (table := c.table_key("num")) is not None:
        value = str(table)
    if not value:
        c.errors.append("thiếu dòng “Đáp án: …” (câu trả lời ngắn phần III)")
    else:
        q.numeric_answer, q.tolerance = numeric_key(value)
    q.solution = c.solution


def _pairs(q: ParsedQuestion, c: _Context) -> None:
    d = c.d
    q.solution = c.solution
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
        q.stem = c.stem_all


def _answer(q: ParsedQuestion, c: _Context) -> None:
    """A plain "Đáp án: …" line: a number (short numeric) or accepted texts (short text)."""
    q.stem = c.stem_all
    q.solution = c.solution
    if c.forced != "trả lời ngắn" and c.answer_text and is_numeric(c.answer_text):
        q.qtype = QType.SHORT_NUMERIC
        q.numeric_answer, q.tolerance = numeric_key(c.answer_text)
        return
    q.qtype = QType.SHORT_TEXT
    alternatives = [a.strip() for a in c.answer_html.split("|")]
    if not c.answer_text:
        c.errors.append("dòng “Đáp án:” để trống")
    q.choices = [Choice(text=a, correct=True) for a in alternatives if plain_text(a)]


def _order_key(q: ParsedQuestion, c: _Context) -> None:
    """HC-MIX ``[<Ans=F-c-e-d-b-a>]``: the options in that order are an ordering question."""
    d = c.d
    by_letter = {o.letter: o for o in d.options}
    order = d.order_key
    missing = sorted(set(by_letter) - set(order)) + sorted(set(order) - set(by_letter))
    if missing or len(set(order)) != len(order):
        c.errors.append(f"thứ tự [<Ans={'-'.join(order)}>] không khớp các phương án")
    q.qtype = QType.ORDERING
    q.stem = c.stem_all
    q.solution = c.solution
    q.choices = [
        Choice(text=join_html(by_letter[x].html), ident=x) for x in order if x in by_letter
    ]


def _single_tf(q: ParsedQuestion, c: _Context) -> None:
    """HC-MIX ``[<Ans=Đúng>]`` / ``[<Ans=Sai>]`` under a stem: one statement, the stem."""
    q.qtype = QType.TRUE_FALSE
    q.stem = c.stem_all
    q.solution = c.solution
    q.choices = [Choice(text="", correct=bool(c.d.single_tf))]


def _table_number(q: ParsedQuestion, c: _Context) -> None:
    q.qtype = QType.SHORT_NUMERIC
    q.numeric_answer, q.tolerance = numeric_key(str(c.table_key("num")))
    q.solution = c.solution


def _cloze_question(q: ParsedQuestion, c: _Context) -> None:
    q.qtype = QType.CLOZE
    q.stem, q.blanks = _cloze(c.stem_all)
    q.solution = c.solution


_RE_OPTIONS_IN_TEXT = re.compile(r"(?<!\S)A\s*[.)].+?(?<!\S)B\s*[.)].+?(?<!\S)C\s*[.)]", re.S)


def _essay(q: ParsedQuestion, c: _Context) -> None:
    q.qtype = QType.ESSAY
    q.stem = c.stem_all
    if c.forced != "tự luận" and _RE_OPTIONS_IN_TEXT.search(plain_text(c.stem_all)):
        c.errors.append(
            "câu có các phương án A., B., C. trong nội dung nhưng không tách được thành "
            "câu trắc nghiệm — cần kiểm tra (hoặc đánh dấu [tự luận] nếu đúng là câu tự luận)"
        )
    if c.guide:
        q.marking_guide = c.guide
        q.solution = c.solution
    else:
        q.marking_guide = c.solution


_BUILDERS = {
    "choice": _choice,
    "true_false": _true_false,
    "part_3": _part_3,
    "pairs": _pairs,
    "answer": _answer,
    "table_number": _table_number,
    "cloze": _cloze_question,
    "essay": _essay,
    "order_key": _order_key,
    "single_tf": _single_tf,
}


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
