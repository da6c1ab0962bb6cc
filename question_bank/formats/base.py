"""The portable question: what every importer produces and every exporter consumes.

Parsers turn a file into a :class:`ParseResult` without touching the database; the
import pipeline (``question_bank.importing``) validates it, shows a preview and saves it
in one transaction. Exporters take the same objects back, so export → import round-trips.

Conventions inside the HTML fields of a :class:`ParsedQuestion`:

* HTML fragments; parsers of plain-text formats escape their text. The pipeline
  sanitises everything again on save, whatever the source.
* Math is LaTeX between ``\\(`` … ``\\)`` (inline) or ``\\[`` … ``\\]`` (display).
* Images are ``<img src="asset:NAME">`` where ``NAME`` is a key of ``assets``.
* A cloze stem marks its blanks ``{{1}}``, ``{{2}}`` … in order, one per :class:`Blank`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

# The refusal of a whole file; raised by the hardened readers of common.safefiles too.
from common.safefiles import ImportRejected  # noqa: F401
from question_bank.html import plain_text
from question_bank.numeric import NumericAnswerError, parse_numeric


class QType(StrEnum):
    SINGLE_CHOICE = "single_choice"  # Phần I: một đáp án đúng
    TRUE_FALSE = (
        "true_false"  # Phần II: chùm mệnh đề Đúng/Sai a)–d) (one statement = Moodle truefalse)
    )
    SHORT_NUMERIC = "short_numeric"  # Phần III: trả lời ngắn (số)
    MULTIPLE_RESPONSE = "multiple_response"  # nhiều đáp án đúng
    SHORT_TEXT = "short_text"  # trả lời ngắn (chữ)
    ESSAY = "essay"  # tự luận
    CLOZE = "cloze"  # điền khuyết
    MATCHING = "matching"  # ghép nối
    ORDERING = "ordering"  # sắp xếp thứ tự


QTYPE_LABELS = {
    QType.SINGLE_CHOICE: _("Trắc nghiệm nhiều lựa chọn"),
    QType.TRUE_FALSE: _("Đúng/Sai"),
    QType.SHORT_NUMERIC: _("Trả lời ngắn (số)"),
    QType.MULTIPLE_RESPONSE: _("Nhiều đáp án đúng"),
    QType.SHORT_TEXT: _("Trả lời ngắn (chữ)"),
    QType.ESSAY: _("Tự luận"),
    QType.CLOZE: _("Điền khuyết"),
    QType.MATCHING: _("Ghép nối"),
    QType.ORDERING: _("Sắp xếp thứ tự"),
}

# Cognitive level codes shared by every format (the scales live in the database).
LEVEL_CODES = ("biet", "hieu", "van_dung", "van_dung_cao")


@dataclass
class Choice:
    """An option, a Đúng/Sai statement, an accepted answer, an ordering item or a matching premise."""

    text: str  # HTML
    correct: bool = False  # single/multiple: correct option; true_false: the statement is true
    fraction: float | None = None  # partial credit as in Moodle (-1..1); None: from ``correct``
    feedback: str = ""  # HTML shown after answering
    fixed: bool = False  # keep this option in its place when options are shuffled
    match: str = ""  # MATCHING: the answer paired with this premise (empty premise = distractor)
    ident: str = ""  # identifier in the source (QTI identifier, option letter)


@dataclass
class Blank:
    """One gap of a cloze question, marked ``{{n}}`` in the stem."""

    kind: str = "text"  # "text" (typed), "numeric" (typed number), "choice" (drop-down)
    answers: list[Choice] = field(default_factory=list)  # accepted answers / options
    points: float = 1.0
    tolerance: float = 0.0
    case_sensitive: bool = False


@dataclass
class ParsedQuestion:
    qtype: QType
    stem: str  # HTML
    choices: list[Choice] = field(default_factory=list)
    # SHORT_NUMERIC: the key as a teacher writes it, decimal comma ("-1,5"); tolerance absolute.
    numeric_answer: str = ""
    tolerance: float = 0.0
    case_sensitive: bool = False  # SHORT_TEXT
    blanks: list[Blank] = field(default_factory=list)  # CLOZE
    solution: str = ""  # lời giải / hướng dẫn giải (HTML)
    general_feedback: str = ""  # HTML
    marking_guide: str = ""  # ESSAY: hướng dẫn chấm (HTML)
    points: float | None = None  # default mark in the source, if it says
    name: str = ""  # title in the source (Moodle name, QTI title)
    ref: str = ""  # where it is in the file, for messages: "Câu 12", "Dòng 40", "items/q1.xml"
    category: list[str] = field(default_factory=list)  # category path, outermost first
    tags: list[str] = field(default_factory=list)
    level: str = ""  # one of LEVEL_CODES when the source says
    difficulty: float | None = None  # 0 (easy) … 1 (hard)
    part: int | None = None  # 2025 exam part (PHẦN I/II/III) when the source says
    group: str = ""  # key of a ParsedGroup (shared stimulus / Nhóm)
    keep_option_order: bool = False  # never shuffle the options ("Cả A và B đều đúng")
    keep_position: bool = False  # never move this question when a paper is shuffled
    shuffle_statements: bool = True  # TRUE_FALSE: statements may be shuffled
    needs_review: list[str] = field(default_factory=list)  # Vietnamese reasons
    assets: dict[str, bytes] = field(default_factory=dict)  # images: src="asset:NAME"
    source_id: str = ""  # identifier in the source system

    @property
    def correct_choices(self) -> list[Choice]:
        return [c for c in self.choices if c.correct]


@dataclass
class ParsedGroup:
    """A shared stimulus (passage, figure, table) or a Word ``Nhóm``: its questions move together."""

    key: str
    stimulus: str = ""  # HTML, may be empty for a pure shuffle group
    title: str = ""
    assets: dict[str, bytes] = field(default_factory=dict)


@dataclass
class Problem:
    """Something wrong with one question or line; ``where`` + ``message`` read as one sentence."""

    where: str  # "Câu 12", "Dòng 5", "Tệp items/q1.xml"
    message: str  # Vietnamese, e.g. "không có đáp án đúng được đánh dấu"
    severity: str = "error"  # "error" blocks the import; "warning" is shown only

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass
class ParseResult:
    format: str  # "docx", "moodle_xml", "gift", "aiken", "qti"
    questions: list[ParsedQuestion] = field(default_factory=list)
    groups: list[ParsedGroup] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Questions read whole but kept out of ``questions`` by their errors (in ``problems``
    # under their ref), each with its index among every question read in file order: the
    # preview shows them and the teacher may fix them (question_bank.import_fixes).
    rejected: list[tuple[int, ParsedQuestion]] = field(default_factory=list)
    # Questions that could not be built at all (an unknown type, an answer block that does
    # not parse, a template item …): their ref → how many questions (built or rejected) come
    # before them in the file, so the preview shows their errors at their place.
    unbuilt: dict[str, int] = field(default_factory=dict)

    def give_up(self, where: str, message: str) -> None:
        """Record a question of the file that could not be built: its error, at its place."""
        self.problems.append(Problem(where, message))
        self.unbuilt.setdefault(where, len(self.questions) + len(self.rejected))

    def reject(self, q: ParsedQuestion, *messages: str) -> None:
        """Keep a question read whole but refused for its errors (``messages``), at its place
        among the questions read: the preview shows it and the teacher may fix it."""
        self.problems.extend(Problem(q.ref, m) for m in messages)
        self.rejected.append((len(self.questions) + len(self.rejected), q))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def in_file_order(self) -> list[ParsedQuestion]:
        """Every question read, built or rejected, in file order (a question's position
        in the file is its index here plus one)."""
        rejected = sorted(self.rejected, key=lambda pair: pair[0])
        built = iter(self.questions)
        ordered: list[ParsedQuestion] = []
        for index, q in rejected:
            while len(ordered) < index:
                nxt = next(built, None)
                if nxt is None:
                    break
                ordered.append(nxt)
            ordered.append(q)
        ordered.extend(built)
        return ordered

    def counts_by_type(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for q in self.questions:
            counts[q.qtype.value] = counts.get(q.qtype.value, 0) + 1
        return counts


def validate_question(q: ParsedQuestion) -> list[str]:
    """Rules every question must meet whatever its source; Vietnamese reasons, empty if fine."""
    errors: list[str] = []
    if not plain_text(q.stem).strip() and "<img" not in q.stem and q.qtype != QType.CLOZE:
        errors.append("thiếu nội dung câu hỏi")
    check = _TYPE_CHECKS.get(q.qtype)
    if check is not None:
        errors += check(q)
    for name in _asset_refs(q):
        if name not in q.assets:
            errors.append(f"thiếu tệp ảnh “{name}”")
    return errors


def _check_single_choice(q: ParsedQuestion) -> list[str]:
    errors = []
    n, n_correct = len(q.choices), len(q.correct_choices)
    if n < 2:
        errors.append(f"cần ít nhất 2 phương án, chỉ có {n}")
    elif n > 8:
        errors.append(f"tối đa 8 phương án, có {n}")
    if n_correct == 0:
        errors.append("không có đáp án đúng được đánh dấu")
    elif n_correct > 1:
        errors.append(f"có {n_correct} đáp án được đánh dấu đúng, câu một lựa chọn chỉ được một")
    return errors


def _check_multiple_response(q: ParsedQuestion) -> list[str]:
    errors = []
    n = len(q.choices)
    if n < 2:
        errors.append(f"cần ít nhất 2 phương án, chỉ có {n}")
    if not q.correct_choices:
        errors.append("không có đáp án đúng được đánh dấu")
    return errors


def _check_true_false(q: ParsedQuestion) -> list[str]:
    n = len(q.choices)
    if n == 0:
        return ["không có mệnh đề Đúng/Sai nào"]
    if n > 8:
        return [f"tối đa 8 mệnh đề, có {n}"]
    return []


def _check_short_numeric(q: ParsedQuestion) -> list[str]:
    if not q.numeric_answer.strip():
        return ["thiếu đáp án số"]
    errors = []
    try:
        parse_numeric(q.numeric_answer)
    except NumericAnswerError as exc:
        errors.append(f"đáp án “{q.numeric_answer}” không phải là số: {exc}")
    if q.part == 3 and len(q.numeric_answer.strip()) > 4:
        errors.append(
            f"đáp án phần III tối đa 4 ký tự (kể cả dấu trừ và dấu phẩy), "
            f"“{q.numeric_answer}” có {len(q.numeric_answer.strip())}"
        )
    return errors


def _check_short_text(q: ParsedQuestion) -> list[str]:
    return [] if q.correct_choices else ["thiếu đáp án đúng"]


def _check_cloze(q: ParsedQuestion) -> list[str]:
    errors = []
    if not q.blanks:
        errors.append("câu điền khuyết không có chỗ trống nào")
    for i, blank in enumerate(q.blanks, start=1):
        if "{{" + str(i) + "}}" not in q.stem:
            errors.append(f"chỗ trống {i} không có trong đề")
        if not any(a.correct for a in blank.answers):
            errors.append(f"chỗ trống {i} không có đáp án đúng")
    return errors


def _check_matching(q: ParsedQuestion) -> list[str]:
    errors = []
    pairs = [c for c in q.choices if plain_text(c.text).strip() or "<img" in c.text]
    if len(pairs) < 2:
        errors.append("câu ghép nối cần ít nhất 2 cặp")
    if any(not c.match.strip() for c in pairs):
        errors.append("có vế trái chưa được ghép với vế phải")
    return errors


def _check_ordering(q: ParsedQuestion) -> list[str]:
    return ["câu sắp xếp cần ít nhất 2 mục"] if len(q.choices) < 2 else []


# The rules of each question type, after the stem's; essays have none of their own.
_TYPE_CHECKS = {
    QType.SINGLE_CHOICE: _check_single_choice,
    QType.MULTIPLE_RESPONSE: _check_multiple_response,
    QType.TRUE_FALSE: _check_true_false,
    QType.SHORT_NUMERIC: _check_short_numeric,
    QType.SHORT_TEXT: _check_short_text,
    QType.CLOZE: _check_cloze,
    QType.MATCHING: _check_matching,
    QType.ORDERING: _check_ordering,
}


def _asset_refs(q: ParsedQuestion) -> set[str]:
    texts = [q.stem, q.solution, q.general_feedback, q.marking_guide]
    for c in q.choices:
        texts += [c.text, c.feedback, c.match]
    return {m for t in texts for m in re.findall(r'src="asset:([^"]+)"', t)}
