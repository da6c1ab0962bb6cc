"""The document: sections, groups, questions and answer keys → :class:`ParseResult`.

:class:`Document` receives the reader's lines and tables in order, opens and closes
sections (``PHẦN I``…), groups (``Nhóm k`` … ``Hết nhóm``, "Dùng thông tin sau…") and
question blocks (``Câu N``), collects answer keys (answer lines and tables, a "BẢNG ĐÁP
ÁN" section with late solutions), then builds every question at the end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from common.safefiles import SafeZip, parse_xml
from question_bank.formats.base import (
    ImportRejected,
    ParsedGroup,
    ParseResult,
    Problem,
)
from question_bank.formats.docx.answer_tables import apply_keys, table_keys
from question_bank.formats.docx.build import build_question, with_assets
from question_bank.formats.docx.gaps import gap_options_line, gap_stems
from question_bank.formats.docx.legacy import legacy_problem
from question_bank.formats.docx.lines import Line, Table
from question_bank.formats.docx.mcmix import loose_item, mcmix_line, placeholders
from question_bank.formats.docx.ooxml import ZWSP, W
from question_bank.formats.docx.package import Package
from question_bank.formats.docx.patterns import (
    LEVELS,
    QUESTION_WORDS,
    RE_ANSWER_HEADING,
    RE_ASSET,
    RE_CHILD,
    RE_CHOOSE,
    RE_EN_INSTRUCTION,
    RE_EN_RANGE,
    RE_END,
    RE_GROUP,
    RE_GROUP_END,
    RE_GROUP_FIRST,
    RE_GROUP_HINT,
    RE_GROUP_START,
    RE_GROUP_VERB,
    RE_HEADING_KIND,
    RE_PAREN,
    RE_POINTS,
    RE_QUESTION,
    RE_SECTION,
    RE_SUBQUESTION,
    ROMAN,
    ROMAN_OUT,
    fold_chars,
    key_tokens,
    section_part,
)
from question_bank.formats.docx.question import (
    Draft,
    Interpreter,
    collect_extras,
    disambiguate,
    inline_options_start,
    join_html,
)
from question_bank.formats.docx.reader import Reader

# ---------------------------------------------------------------------------------------
# The document: sections, groups, questions, answer tables
# ---------------------------------------------------------------------------------------


@dataclass
class _GroupState:
    key: str
    title: str
    items: list = field(default_factory=list)
    first: int | None = None
    last: int | None = None
    count: int = 0
    explicit: bool = False  # "Nhóm k" (ends at "Hết nhóm"), not an instruction line
    head: list[str] = field(default_factory=list)  # "Câu 5." stem shared by "Câu 5.1", "Câu 5.2"
    sub_of: str = ""
    head_assets: dict[str, bytes] = field(default_factory=dict)
    mcmix: str = ""  # McMIX "[<sg>]": "content" until "[<egc>]", then "questions"
    con: str = ""  # the ref of a bare "Câu N" whose "Con k:" lines are its sub-questions


class _Document:
    def __init__(self):
        self.result = ParseResult(format="docx")
        self.part: int | None = None
        self.section_label = ""
        self.block: tuple[Draft, Interpreter] | None = None
        self.group: _GroupState | None = None
        self.groups: list[tuple[_GroupState, ParsedGroup]] = []
        self.drafts: list[Draft] = []
        self.by_number: dict[int, list[Draft]] = {}
        self.keys: list[tuple[int, str, int | None]] = []
        self.answer_mode = False
        self.key_part: int | None = None
        self.late: Draft | None = None
        self.group_count = 0
        self.mcmix_next = False  # after "[<br>]": the next line starts a question (mcmix.py)
        self.loose: list = []  # lines outside any question, before the first "[<br>]"

    # -- stream ------------------------------------------------------------------------------
    def feed(self, item) -> None:
        if isinstance(item, Table):
            self.table(item)
        else:
            self.line(item)

    def line(self, line: Line) -> None:
        folded = fold_chars(line.text)
        if self.answer_mode:
            self.answer_line(line, folded)
            return
        rules = (self.section, self.answer_heading, self.key_line, self.group_line,
                 self.subquestion_line, self.question_line, self.child_line,
                 self.instruction_line, self.english_instruction, self.end_line,
                 self.kind_heading)  # fmt: skip
        if (
            mcmix_line(self, line, folded)
            or gap_options_line(self, line, folded)
            or any(rule(line, folded) for rule in rules)
        ):
            return
        if self.block is not None:
            self.block[1].feed(line)
        elif not loose_item(self, line) and self.group is not None:
            self.group.items.append(line)

    # -- structural lines: each rule says whether the line was its kind ----------------------
    def close_all(self) -> None:
        self.close_question()
        self.close_group()
        self.mcmix_next, self.loose = False, []

    def section(self, line: Line, folded: str) -> bool:
        """``PHẦN I`` …: the part (and so the type) of the questions that follow."""
        m = RE_SECTION.match(folded)
        if not m:
            return False
        self.close_all()
        self.part = section_part(m, folded)
        self.section_label = ROMAN_OUT[ROMAN[m.group(1)]]
        return True

    def answer_heading(self, line: Line, folded: str) -> bool:
        """``BẢNG ĐÁP ÁN`` / ``ĐÁP ÁN``: keys and late solutions follow."""
        text = line.text
        if not (
            len(text) < 90
            and RE_ANSWER_HEADING.match(folded)
            and ("bang" in folded[:12] or text.strip() == text.strip().upper())
            and not (self.block is not None and ":" in text)
        ):
            return False
        self.close_all()
        self.answer_mode = True
        self.key_part = self.part
        return True

    def key_line(self, line: Line, folded: str) -> bool:
        """``1-A 2-B 3-C`` (two keys or more) anywhere in the file."""
        keys = key_tokens(line.text, 2)
        if keys:
            self.add_keys(keys)
        return bool(keys)

    def group_line(self, line: Line, folded: str) -> bool:
        """``Hết nhóm`` closes a group, ``Nhóm k. <title>`` opens one."""
        if RE_GROUP_END.match(folded):
            self.close_all()
            return True
        m = RE_GROUP.match(folded)
        if not m:
            return False
        self.close_all()
        self.open_group(_clean_title(line.text[m.end() :]), folded[m.end() :])
        self.group.explicit = True
        return True

    def question_line(self, line: Line, folded: str) -> bool:
        m = RE_QUESTION.match(folded)
        return bool(m) and self.question_start(line, folded, m)

    def subquestion_line(self, line: Line, folded: str) -> bool:
        """``Câu 5.1``: a sub-question; the stem of an open ``Câu 5`` (no options yet)
        becomes the shared stem of a group holding ``Câu 5.1``, ``Câu 5.2`` …"""
        m = RE_SUBQUESTION.match(folded)
        if m is None:
            return False
        parent, k = m.group(1), m.group(2)
        block = self.block[0] if self.block is not None else None
        group = self.group
        if block is not None and block.number == parent and not block.options and not block.stmts:
            self.share_stem(block)
        elif group is None or group.sub_of != parent:
            self.close_question()
        number = f"{parent}.{k}"
        self.start_block(line, number, self.ref(number), m.end(), (None, ""))
        return True

    def share_stem(self, block: Draft) -> None:
        """The stem of an open question without options becomes the shared stem of a group
        holding its sub-questions (``Câu 5.1``, ``Câu 5.2`` … or ``Con 1:``, ``Con 2:`` …)."""
        self.block = None
        self.close_group()
        self.open_group(f"Câu {block.number}", "")
        group = self.group
        group.head, group.sub_of = list(block.stem), block.number
        group.head_assets = dict(block.assets)
        group.first = group.last = -1  # the next plain "Câu N" closes the group

    def child_line(self, line: Line, folded: str) -> bool:
        """``Con k:`` under a bare ``Câu N`` (a stem, no options): its sub-questions, sharing
        the stem. After a whole question, HC-MIX's "câu con": a variant that replaces it in
        another paper (hoanchan.github.io/projects/hc-mix), imported as its own question."""
        m = RE_CHILD.match(folded)
        if m is None:
            return False
        block = self.block[0] if self.block is not None else None
        if block is not None and _bare(block):
            self.share_stem(block)
            self.group.con = block.ref
        if self.group is not None and self.group.con:
            number = f"{self.group.sub_of}.{m.group(1)}"
            self.start_block(
                line, number, f"{self.group.con}, con {m.group(1)}", m.end(), (None, "")
            )
            return True
        parent = self.block[0] if self.block is not None else None
        if parent is None and self.drafts:
            parent = self.drafts[-1]
        if parent is None:
            return False
        base = parent.child_of or parent.ref
        number = f"{parent.number.split('c')[0]}c{m.group(1)}"
        self.start_block(line, number, f"{base} — câu con {m.group(1)}", m.end(), (None, ""))
        self.block[0].child_of = base
        return True

    def english_instruction(self, line: Line, folded: str) -> bool:
        """ "Read the following passage … numbered blanks from 1 to 5" opens a group for
        those questions; "Mark the letter A, B, C or D … each of the following questions"
        closes the previous one (the 2025 English paper)."""
        if (
            len(line.text) > 400
            or not RE_EN_INSTRUCTION.match(folded)
            or not ("following" in folded or "letter" in folded)
        ):
            return False
        self.close_all()
        rng = RE_EN_RANGE.search(folded)
        if rng and any(
            w in folded for w in ("passage", "text", "blank", "advertisement", "leaflet", "notice")
        ):
            first, last = int(rng.group(1)), int(rng.group(2))
            self.open_group(_clean_title(line.text), "", (min(first, last), max(first, last)))
        return True

    def instruction_line(self, line: Line, folded: str) -> bool:
        return "sau" in folded and "cau" in folded and self.group_instruction(line.text, folded)

    def end_line(self, line: Line, folded: str) -> bool:
        """``--- HẾT ---``."""
        if not RE_END.match(folded):
            return False
        self.close_all()
        return True

    def kind_heading(self, line: Line, folded: str) -> bool:
        """An old-style ``I. TRẮC NGHIỆM`` / ``II. TỰ LUẬN`` heading."""
        text = line.text
        m = RE_HEADING_KIND.match(folded) if len(text) < 100 else None
        if m is None or not text[m.start(1) : m.end(1)].isupper():
            return False
        self.close_all()
        if m.group(1) == "tu luan" or self.part in (2, 3):
            self.part = None
        return True

    def table(self, table: Table) -> None:
        keys = table_keys(table, self.answer_mode)
        if keys:
            self.add_keys(keys)
            return
        if self.answer_mode:
            if self.late is not None:
                collect_extras(self.late.assets, self.late.reviews, table)
                self.late.late_solution.append(table.html())
            return
        if _structural(table):
            for line in table.lines():
                self.line(line)
            return
        if self.block is not None:
            self.block[1].feed(table)
        elif not loose_item(self, table) and self.group is not None:
            self.group.items.append(table)

    # -- pieces ------------------------------------------------------------------------------
    def ref(self, number: str, word: str = "Câu") -> str:
        if self.section_label:
            return f"Phần {self.section_label}, {word} {number}"
        return f"{word} {number}"

    def question_start(self, line: Line, folded: str, m: re.Match) -> bool:
        """``Câu N (0,5 điểm) (NB).``: a new block, unless the text after the number shows
        that this is not a question heading ("Câu 3a", "Câu2x")."""
        head = _question_head(line.text, folded, m.end())
        if head is None:
            return False
        pos, points, level = head
        number = m.group(1)
        n = int(number)
        group = self.group
        in_range = (
            group is None or group.first is None or group.first <= n <= (group.last or group.first)
        )
        if group is not None and not in_range:
            if group.count:
                self.close_group()
            else:
                group.first = group.last = None  # renumbered: rely on Hết nhóm
        self.close_question()
        ref = self.ref(number, QUESTION_WORDS[folded[m.start() :].lstrip()[0]])
        self.start_block(line, number, ref, pos, (points, level))
        return True

    def start_block(self, line: Line, number: str, ref: str, pos: int, meta: tuple) -> None:
        """A new question block whose heading line's content starts at ``pos``; options
        written on the heading line ("Câu 3. Tính … A. 1 B. 2 C. 3 D. 4") are read as such."""
        self.close_question()
        self.mcmix_next, self.loose = False, []
        group = self.group
        draft = Draft(number=number, part=self.part, ref=ref, group=group.key if group else "")
        draft.points, draft.level = meta
        draft.seq = len(self.drafts) + 1
        interp = Interpreter(draft, self.part)
        collect_extras(draft.assets, draft.reviews, line)
        text = line.text
        while pos < len(text) and text[pos].isspace():
            pos += 1
        start = inline_options_start(text, pos) if self.part not in (2, 3) else None
        if start is not None:
            head = line.html(pos, start)
            if head:
                draft.stem.append(head)
            interp.options_from(line, start)
        else:
            interp.head_line(line, pos)
        self.block = (draft, interp)
        if group is not None:
            group.count += 1

    def group_instruction(self, text: str, folded: str) -> bool:
        if text.lstrip().startswith(ZWSP):
            return False
        if not RE_GROUP_START.match(folded) or not RE_GROUP_HINT.search(folded):
            return False
        if self.group is not None and self.group.explicit and self.group.count == 0:
            return False  # the instruction of the "Nhóm" just opened: part of its stimulus
        if not RE_GROUP_VERB.search(folded):
            return False
        first = RE_GROUP_FIRST.search(folded)
        if first is None:
            return False
        numbers = [int(x) for x in re.findall(r"\d+", folded[first.start() :])]
        if not numbers:
            return False
        self.close_question()
        self.close_group()
        self.open_group(_clean_title(text), "", (min(numbers), max(numbers)))
        return True

    def open_group(self, title: str, folded_rest: str, rng: tuple[int, int] | None = None) -> None:
        self.group_count += 1
        group = _GroupState(key=f"nhom-{self.group_count}", title=title)
        if rng is None and folded_rest and (first := RE_GROUP_FIRST.search(folded_rest)):
            numbers = [int(x) for x in re.findall(r"\d+", folded_rest[first.start() :])]
            if numbers:
                rng = (min(numbers), max(numbers))
        if rng is not None:
            group.first, group.last = rng
        self.group = group

    def close_group(self) -> None:
        group = self.group
        if group is None:
            return
        self.close_question()
        self.group = None
        assets: dict[str, bytes] = dict(group.head_assets)
        reviews: list[str] = []
        parts = list(group.head)
        for item in group.items:
            collect_extras(assets, reviews, item)
            html = item.html()
            if html:
                parts.append(html)
        stimulus = join_html(parts)
        refs = set(RE_ASSET.findall(stimulus))
        pg = ParsedGroup(
            key=group.key,
            stimulus=stimulus,
            title=group.title,
            assets={k: v for k, v in assets.items() if k in refs},
        )
        self.groups.append((group, pg))

    def close_question(self) -> None:
        if self.block is None:
            return
        draft, _ = self.block
        self.block = None
        if draft.unconfirmed and _bare(draft):
            if self.group is not None:  # an instruction line, not a question (mcmix.py)
                self.group.count -= 1
            return
        self.drafts.append(draft)
        if draft.n >= 0:
            self.by_number.setdefault(draft.n, []).append(draft)

    # -- answers -----------------------------------------------------------------------------
    def add_keys(self, keys: list[tuple[int, str]]) -> None:
        part = self.key_part if self.answer_mode else self.part
        self.keys.extend((n, value, part) for n, value in keys)

    def answer_line(self, line: Line, folded: str) -> None:
        if m := RE_SECTION.match(folded):
            self.key_part = section_part(m, folded)
            self.late = None
            return
        if keys := key_tokens(line.text, 1):
            self.add_keys(keys)
            return
        if (m := RE_QUESTION.match(folded)) is not None:
            n = int(m.group(1))
            candidates = self.by_number.get(n, [])
            preferred = [d for d in candidates if d.part == self.key_part] or candidates
            if preferred:
                self.late = preferred[0]
                rest = line.html(m.end())
                rest = re.sub(r"^\s*[.:)]\s*", "", rest)
                if rest:
                    self.late.late_solution.append(rest)
                self.scan_late_key(line.text)
                return
            self.answer_mode = False
            self.late = None
            self.part = self.key_part
            self.line(line)
            return
        if self.late is not None:
            collect_extras(self.late.assets, self.late.reviews, line)
            html = line.html()
            if html:
                self.late.late_solution.append(html)
            self.scan_late_key(line.text)

    def scan_late_key(self, text: str) -> None:
        if self.late is not None and not self.late.late_key:
            found = RE_CHOOSE.search(text)
            if found:
                self.late.late_key = found.group(1)

    # -- the end -----------------------------------------------------------------------------
    def finish(self) -> ParseResult:
        self.close_question()
        self.close_group()
        result = self.result
        apply_keys(self.keys, self.by_number, result.problems)
        disambiguate(self.drafts)
        placeholders(self.groups)
        gap_stems(self.groups, self.drafts)
        used_groups: set[str] = set()  # by a question, even one the teacher has to fix
        for index, draft in enumerate(self.drafts):
            q, errors = build_question(draft)
            with_assets(q, draft.assets)
            if q.group:
                used_groups.add(q.group)
            if errors:
                for message in errors:
                    result.problems.append(Problem(where=draft.ref, message=message))
                result.rejected.append((index, q))
                continue
            result.questions.append(q)
        for state, group in self.groups:
            if group.key in used_groups:
                result.groups.append(group)
            elif state.count == 0:
                result.problems.append(
                    Problem(
                        where=f"Nhóm {group.key.rsplit('-', 1)[-1]}",
                        message="nhóm không có câu hỏi nào",
                        severity="warning",
                    )
                )
        return result


def _bare(d: Draft) -> bool:
    """Only a stem: no options, statements, answer or pairs."""
    return not (d.options or d.stmts or d.ans_lines or d.pairs_kind or d.answer is not None)


def _question_head(text: str, folded: str, pos: int) -> tuple[int, float | None, str] | None:
    """After the number: ``(0,5 điểm)``, ``(NB)`` and a ``.``/``:``/``)``; where the stem
    starts, the points and the level, or None when the number runs into other text."""
    points = None
    level = ""
    while pm := RE_PAREN.match(folded, pos):
        inner = pm.group(1).strip()
        if pt := RE_POINTS.fullmatch(inner):
            points = float(pt.group(1).replace(",", "."))
        elif inner in LEVELS:
            level = LEVELS[inner]
        else:
            break
        pos = pm.end()
    rest = text[pos:]
    pm = re.match(r"\s*[.:)]", rest)
    if pm:
        pos += pm.end()
    elif rest and not rest[0].isspace():
        return None
    return pos, points, level


def _clean_title(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().strip(".:").strip()


def _structural(table: Table) -> bool:
    for line in table.lines():
        folded = fold_chars(line.text)
        if RE_QUESTION.match(folded) or RE_SECTION.match(folded) or RE_GROUP.match(folded):
            return True
    return False


# ---------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------


def parse_document(data: bytes, filename: str) -> ParseResult:
    """Read a Word question file (the conventions are in the package docstring)."""
    label = f"Tệp {filename}: " if filename else ""
    legacy = legacy_problem(data[:64], data=data, name=filename)
    if legacy is not None:  # .doc, .rtf, a password-protected .docx (legacy.py)
        raise ImportRejected(f"{label}{legacy}")
    if data[:2] != b"PK":
        raise ImportRejected(f"{label}không phải tệp Word .docx (tệp .docx là một tệp nén zip)")
    zf = SafeZip(data, name=filename)
    if "word/document.xml" not in zf:
        raise ImportRejected(f"{label}không phải tệp Word .docx: thiếu phần word/document.xml")
    pkg = Package(zf)
    tree = parse_xml(zf.read("word/document.xml"), name="word/document.xml", huge=True)
    body = tree.getroot().find(W + "body")
    if body is None:
        raise ImportRejected(f"{label}tệp Word không có nội dung (thiếu w:body)")
    reader = Reader(pkg)
    document = _Document()
    for item in reader.items(body):
        document.feed(item)
    del tree, body
    return document.finish()
