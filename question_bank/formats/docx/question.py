"""One ``Câu N`` block: its lines sorted into stem, options, statements, answer, solution.

:class:`Interpreter` reads the lines of a block into a :class:`Draft`; nothing is decided
about the question type yet (:mod:`.build` does that once the whole file is read, because an
answer table at the end may still give the key).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from question_bank.formats.docx.lines import Line, Table
from question_bank.formats.docx.ooxml import BLUE, RED, B, I, U
from question_bank.formats.docx.patterns import (
    RE_ANS_LINE,
    RE_ANSWER,
    RE_BR_LINE,
    RE_DOLLAR_OPT,
    RE_FIXED,
    RE_GUIDE,
    RE_OPT,
    RE_PAIR_LINE,
    RE_PAIRS,
    RE_SOLUTION,
    RE_STMT,
    answer_letters,
    fold_chars,
    is_numeric,
    parse_true_false,
)
from question_bank.html import plain_text

# ---------------------------------------------------------------------------------------
# A question block → a draft question
# ---------------------------------------------------------------------------------------


@dataclass
class Opt:
    letter: str
    html: list[str]
    marked: bool = False
    bold: bool = False
    fixed: bool = False
    full: str = ""  # the whole line, for statements that turn out to be essay sub-parts
    blue: bool = False  # letter or whole option in blue (a key only where nothing is red)
    marks: frozenset = frozenset()  # how it is marked: "*", "u" (underline), "red"
    italic: bool = False  # the letter alone in italics (fixed, where not every letter is)


@dataclass
class Draft:
    number: str
    part: int | None
    ref: str
    group: str
    stem: list[str] = field(default_factory=list)
    options: list[Opt] = field(default_factory=list)
    stmts: list[Opt] = field(default_factory=list)
    answer: list[str] | None = None  # html pieces of the "Đáp án:" value
    solution: list[str] = field(default_factory=list)
    guide: list[str] = field(default_factory=list)
    pairs_kind: str = ""
    pairs: list[tuple[list[str], list[str]]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    assets: dict[str, bytes] = field(default_factory=dict)
    reviews: list[str] = field(default_factory=list)
    points: float | None = None
    level: str = ""
    table_key: tuple[str, object] | None = None
    late_solution: list[str] = field(default_factory=list)
    late_key: str = ""
    ans_lines: list[str] = field(default_factory=list)  # HC-MIX "[<Ans=…>]" values
    child_of: str = ""  # HC-MIX "Con k": the ref of the question it replaces
    keep_order: bool = False  # the options are parts of a sentence (error identification)
    seq: int = 0  # position among the file's questions (1-based), for messages
    order_key: list[str] = field(default_factory=list)  # HC-MIX "[<Ans=F-c-e-d-b-a>]"
    single_tf: bool | None = None  # HC-MIX "[<Ans=Đúng>]" without statements
    unconfirmed: bool = False  # no "Câu N" (after "[<br>]"): a question once a "[<br>]" ends it

    @property
    def n(self) -> int:
        return int(self.number) if self.number.isdigit() else -1


def join_html(parts: list[str]) -> str:
    parts = [p for p in parts if p]
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return "".join(p if p.startswith("<table") else f"<p>{p}</p>" for p in parts)


def disambiguate(drafts: list[Draft]) -> None:
    """When numbering restarts (several "Câu 1"), every ref names its question unambiguously:
    "Câu 1 (lần đánh số thứ 2, câu thứ 41 trong tệp)"."""
    counts: dict[str, int] = {}
    for d in drafts:
        counts[d.ref] = counts.get(d.ref, 0) + 1
    if all(n == 1 for n in counts.values()):
        return
    run, previous = 1, None
    for i, d in enumerate(drafts, start=1):
        n = d.n
        if n >= 0:
            if previous is not None and n <= previous:
                run += 1
            previous = n
        if counts[d.ref] > 1:
            d.ref = f"{d.ref} (lần đánh số thứ {run}, câu thứ {i} trong tệp)"


def collect_extras(draft_assets: dict, reviews: list, item) -> None:
    for name, data, reason in item.extras():
        if name is not None:
            draft_assets[name] = data
        if reason and reason not in reviews:
            reviews.append(reason)


def _split_options(line: Line, start: int | None = None) -> list[tuple[re.Match, int, int]]:
    """Option matches on a line that starts with one (or from ``start``): (match, text
    start, text end)."""
    text = line.text
    if start is None:
        start = len(text) - len(text.lstrip())
    first = RE_OPT.match(text, start)
    if first is None:
        return []
    found = [first]
    expected = ord(first.group(2)) + 1
    for m in RE_OPT.finditer(text, first.end()):
        before = text[: m.start()]
        strong = before.endswith("\t") or len(before) - len(before.rstrip()) >= 2
        if ord(m.group(2)) == expected or strong:
            found.append(m)
            expected = ord(m.group(2)) + 1
    out = []
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        out.append((m, m.end(), end))
    return out


def _marks(line: Line, letter_pos: int, a: int, b: int, star: bool) -> tuple[set, bool, int]:
    """How an option (letter at ``letter_pos``, text ``[a, b)``) is marked: the kinds of
    mark ("*", "u", "red"), blue, and the formatting to drop from its HTML."""
    fmt = line.fmt_at(letter_pos)
    kinds = {"*"} if star else set()
    drop = 0
    if fmt & U:
        kinds.add("u")
    if fmt & RED:
        kinds.add("red")
    if line.all_flag(a, b, U):
        kinds.add("u")
        drop = U
    elif line.all_flag(a, b, RED):
        kinds.add("red")
    blue = bool(fmt & BLUE) or line.all_flag(a, b, BLUE)
    return kinds, blue, drop


def _make_opt(line: Line, m: re.Match, a: int, b: int, letter: str | None = None) -> Opt:
    at = m.start(2) if letter is None else a
    star = letter is None and "*" in m.group(1)
    fmt = line.fmt_at(at)
    kinds, blue, drop = _marks(line, at, a, b, star)
    html = line.html(a, b, drop)
    hashed = letter is None and ("#" in m.group(1) or bool(m.group(3)))
    fixed = hashed or bool(RE_FIXED.search(fold_chars(plain_text(html))))
    opt = Opt(
        letter or m.group(2).upper(), [html] if html else [], bool(kinds), bool(fmt & B), fixed
    )
    opt.blue = blue
    opt.marks = frozenset(kinds)
    # An italic letter (the option's text not italic): "không hoán vị" in McMIX-style guides.
    opt.italic = letter is None and bool(fmt & I) and not line.all_flag(a, b, I)
    return opt


def inline_options_start(text: str, start: int) -> int | None:
    """Where options written on the "Câu N." line begin ("Câu 3. Tính … A. 1 B. 2 C. 3
    D. 4"): an ``A.`` after a space, followed by ``B.`` and ``C.`` in order (or by ``B.``
    after a tab / two spaces); None when the line has no such run of options."""
    best = None
    for m in RE_OPT.finditer(text, start):
        if m.group(2) != "A":
            continue
        found = _split_options(_TextOnly(text), m.start())
        if any(not text[a:b].strip() for _, a, b in found):
            continue  # "các đỉnh A. B. C." names points, it does not list options
        letters = [x[0].group(2) for x in found]
        if letters[:3] == ["A", "B", "C"]:
            best = m.start()
        elif letters == ["A", "B"]:
            before = text[: found[1][0].start()]
            if before.endswith("\t") or before.endswith("  "):
                best = m.start()
    return best  # the last "A." that starts a run: "Cho điểm A. … A. M  B. N"


class _TextOnly:
    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


class Interpreter:
    """Turns the lines of one ``Câu N`` block into a draft."""

    def __init__(self, draft: Draft, part: int | None):
        self.d = draft
        self.part = part
        self.state = "stem"
        self.resume = "stem"
        self.last_stem: Line | None = None

    def feed(self, item) -> None:
        d = self.d
        if isinstance(item, Table):
            collect_extras(d.assets, d.reviews, item)
            if (
                self.state in ("stem", "options")
                and self.part not in (2, 3)
                and _option_table(item)
            ):
                for line in item.lines():
                    self.line(line)
                return
            self.add_html(item.html())
            return
        collect_extras(d.assets, d.reviews, item)
        self.line(item)

    def add_html(self, html: str) -> None:
        d = self.d
        state = self.state
        if state == "stem":
            d.stem.append(html)
        elif state == "options" and d.options:
            d.options[-1].html.append(html)
        elif state == "stmts" and d.stmts:
            d.stmts[-1].html.append(html)
        elif state == "solution":
            d.solution.append(html)
        elif state == "guide":
            d.guide.append(html)
        elif state == "answer" and d.answer is not None:
            d.answer.append(html)
        elif state == "pairs":
            d.stem.append(html)
        else:
            d.stem.append(html)

    def line(self, line: Line) -> None:
        d = self.d
        folded = fold_chars(line.text)
        if self.heading(line, folded):
            return
        if self.state == "answer" and self.answer_continues(line):
            return
        if self.state in ("solution", "guide"):
            (d.solution if self.state == "solution" else d.guide).append(line.html())
            return
        if m := RE_PAIRS.match(folded):
            self.state = "pairs"
            d.pairs_kind = "ordering" if "sap" in m.group(1) or "thu" in m.group(1) else "matching"
            return
        if self.state == "pairs":
            self.pair_line(line)
            return
        if self.error_identification(line):
            return
        if self.options_line(line) or self.statement_line(line):
            return
        if self.state == "stem":
            self.last_stem = line
            if self.labelled_parts(line):
                return
        self.add_html(line.html())

    def heading(self, line: Line, folded: str) -> bool:
        """``Hướng dẫn chấm:``, ``Lời giải:``, ``Đáp án:`` switch the state; what follows
        on the line is the first content of the new part."""
        d = self.d
        if m := RE_ANS_LINE.match(line.text):
            d.ans_lines.append(m.group(1))
            return True
        if RE_BR_LINE.match(line.text):
            return True
        if m := RE_GUIDE.match(folded):
            self.state = "guide"
            rest = line.html(m.end())
            if rest:
                d.guide.append(rest)
            return True
        if m := RE_SOLUTION.match(folded):
            self.state = "solution"
            rest = line.html(m.end())
            if rest:
                d.solution.append(rest)
            return True
        if d.answer is None and self.state != "pairs" and (m := RE_ANSWER.match(folded)):
            value = line.html(m.end())
            d.answer = [value] if value else []
            if not value:  # "Đáp án:" alone: the key follows on the next lines
                self.resume = self.state
                self.state = "answer"
            return True
        return False

    def answer_continues(self, line: Line) -> bool:
        """After a bare "Đáp án:", lines that read as a key belong to it; others end it."""
        text = line.text
        if self.d.answer is not None and (
            parse_true_false(text) is not None or answer_letters(text) or is_numeric(text)
        ):
            self.d.answer.append(line.html())
            return True
        self.state = self.resume
        return False

    def error_identification(self, line: Line) -> bool:
        """A line of letters only ("A   B   C   D") under a stem line with as many underlined
        parts: the parts are the options (an error-identification item)."""
        m = _RE_LETTER_ROW.fullmatch(line.text)
        prev = self.last_stem
        if m is None or self.d.options or prev is None or self.state != "stem":
            return False
        letters = re.findall(r"[A-H]", line.text)
        if letters != [chr(ord("A") + i) for i in range(len(letters))]:
            return False
        spans = prev.flagged_spans(U)
        if len(spans) != len(letters):
            return False
        self._parts(prev, spans)
        return True

    def head_line(self, line: Line, pos: int) -> None:
        """The stem on the "Câu N." line itself (from ``pos``)."""
        self.last_stem = line
        if not self.labelled_parts(line, pos):
            head = line.html(pos)
            if head:
                self.d.stem.append(head)

    def labelled_parts(self, line: Line, pos: int = 0) -> bool:
        """A stem line whose underlined parts are each followed by "(A)", "(B)" …: the parts
        are the options; the line stays in the stem as written."""
        if self.d.options or self.part in (2, 3):
            return False
        spans = line.flagged_spans(U)
        if len(spans) < 3:
            return False
        for i, (_, b) in enumerate(spans):
            m = _RE_PART_LABEL.match(line.text, b)
            if m is None or m.group(1) != chr(ord("A") + i):
                return False
        self.add_html(line.html(pos))
        self._parts(line, spans)
        return True

    def _parts(self, line: Line, spans: list[tuple[int, int]]) -> None:
        for i, (a, b) in enumerate(spans):
            opt = Opt(chr(ord("A") + i), [line.html(a, b, U)])
            opt.blue = line.all_flag(a, b, BLUE)
            opt.marked = line.all_flag(a, b, RED)
            opt.marks = frozenset({"red"} if opt.marked else ())
            self.d.options.append(opt)
        self.d.keep_order = True

    def options_from(self, line: Line, start: int) -> None:
        """Options written after the stem on the "Câu N." line."""
        for m, a, b in _split_options(line, start):
            self.d.options.append(_make_opt(line, m, a, b))
        self.state = "options"

    def dollar_option(self, line: Line) -> bool:
        """``[<$>] text``: the next option (its letter is its position)."""
        m = RE_DOLLAR_OPT.match(line.text)
        if m is None or self.part in (2, 3):
            return False
        letter = chr(ord("A") + len(self.d.options))
        if letter > "H":
            return False
        self.d.options.append(_make_opt(line, m, m.end(), len(line.text), letter))
        self.state = "options"
        return True

    def options_line(self, line: Line) -> bool:
        """``A. …`` (one or several options on the line)."""
        if self.dollar_option(line):
            return True
        first = line.text.lstrip()[:1]
        if self.part in (2, 3) or not first or first not in "ABCDEFGH*#":
            return False
        if self.state == "stmts" and first not in ("A", "*", "#"):
            return False
        opts = _split_options(line)
        if not opts:
            return False
        for m, a, b in opts:
            self.d.options.append(_make_opt(line, m, a, b))
        self.state = "options"
        return True

    def statement_line(self, line: Line) -> bool:
        """``a) …``: a Đúng/Sai statement (or an essay's sub-part, decided later)."""
        if self.part in (1, 3) or self.state == "options":
            return False
        m = RE_STMT.match(line.text)
        if not m:
            return False
        self.d.stmts.append(_make_statement(line, m))
        self.state = "stmts"
        return True

    def pair_line(self, line: Line) -> None:
        d = self.d
        text = line.text
        m = RE_PAIR_LINE.match(text)
        start = m.end() if m else len(text) - len(text.lstrip())
        if d.pairs_kind == "ordering":
            if m is None and d.pairs:  # a continuation of the previous item
                d.pairs[-1][0].append(line.html())
                return
            d.pairs.append(([line.html(start)], []))
            return
        arrow = text.find("→", start)
        if arrow < 0:
            arrow = text.find("->", start)
            width = 2
        else:
            width = 1
        if arrow < 0:
            if d.pairs:  # a continuation of the previous answer
                d.pairs[-1][1].append(line.html())
            return
        d.pairs.append(([line.html(start, arrow)], [line.html(arrow + width)]))


_RE_LETTER_ROW = re.compile(r"\s*\(?A\)?(?:\s+\(?[B-H]\)?){2,7}\s*")
_RE_PART_LABEL = re.compile(r"\s*\(([A-H])\)")


def _make_statement(line: Line, m: re.Match) -> Opt:
    fmt = line.fmt_at(m.start(2))
    a = m.end()
    kinds, blue, drop = _marks(line, m.start(2), a, len(line.text), bool(m.group(1)))
    html = line.html(a, None, drop)
    opt = Opt(m.group(2), [html] if html else [], bool(kinds), bool(fmt & B))
    opt.blue = blue
    opt.marks = frozenset(kinds)
    opt.full = line.html()
    return opt


def _option_table(table: Table) -> bool:
    found = False
    for cell in table.cells():
        lines = [it for it in cell.items if isinstance(it, Line)]
        if not lines:
            if any(isinstance(it, Table) for it in cell.items):
                return False
            continue
        if not RE_OPT.match(lines[0].text.lstrip()):
            return False
        found = True
    return found
