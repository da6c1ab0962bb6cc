"""Reads of the exam board: the sessions list with counts, the results table (a few
queries for any number of candidates), its XLSX export, one attempt in full (answers,
keys, the append-only logs) and the marking queue.

Callers check :mod:`lms.permissions` first; these selectors read what they are given.
Numbers for people use the decimal comma (:func:`vn`); the XLSX keeps numbers as numbers.
"""

import io
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from accounts.models import Enrolment
from lms import permissions
from lms.exams.delivery import variant_items
from lms.exams.models import (
    AnswerLog,
    Attempt,
    AttemptEvent,
    Candidate,
    EssayMark,
    ExamSession,
    ScoreChange,
)
from question_bank.assembly.paper import PART_ESSAY, PART_MC, PART_SHORT, PART_TF
from question_bank.formats.base import QType
from question_bank.rendering import LETTERS, STATEMENT_LETTERS

#: The results' part columns: (part, heading).
PARTS = (
    (PART_MC, "Phần I"),
    (PART_TF, "Phần II"),
    (PART_SHORT, "Phần III"),
    (PART_ESSAY, "Tự luận"),
)

PART_NAMES = dict(PARTS)


def vn(value, places: int = 2) -> str:
    """A number as people read it here: ``Decimal("2.25")`` → ``"2,25"``; None → ``"—"``."""
    if value is None or value == "":
        return "—"
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-places))
    return f"{number:,.{places}f}".replace(",", " ").replace(".", ",")


# --- Sessions -----------------------------------------------------------------------------
def session_status(session: ExamSession, now=None) -> str:
    now = now or timezone.now()
    if session.opens_at and now < session.opens_at:
        return _("Chưa mở")
    if session.closes_at and now >= session.closes_at:
        return _("Đã kết thúc")
    return _("Đang thi")


def board_sessions(user):
    """Sessions the user runs or marks, newest first, with the counts of their candidates:
    registered, started, submitted and graded."""
    ids = permissions.markable_sessions(user).values("pk")
    managed = set(permissions.manageable_sessions(user).values_list("pk", flat=True))
    sessions = list(
        ExamSession.objects.filter(pk__in=ids)
        .select_related("paper")
        .annotate(
            n_candidates=Count("candidates", distinct=True),
            n_started=Count(
                "candidates", filter=Q(candidates__attempts__isnull=False), distinct=True
            ),
            n_submitted=Count(
                "candidates",
                filter=Q(candidates__attempts__state=Attempt.State.SUBMITTED),
                distinct=True,
            ),
            n_graded=Count(
                "candidates", filter=Q(candidates__attempts__result__isnull=False), distinct=True
            ),
        )
        .order_by("-opens_at", "-pk")
    )
    now = timezone.now()
    for session in sessions:
        session.status = session_status(session, now)
        session.manages = session.pk in managed
    return sessions


# --- The results table ----------------------------------------------------------------------
@dataclass
class ResultRow:
    candidate_id: int
    number: str
    name: str
    class_name: str
    room: str
    room_id: int | None
    variant: str
    status: str
    attempt_id: int | None = None
    parts: dict = field(default_factory=dict)
    score: Decimal | None = None
    pending: int = 0
    submitted_at: object = None
    submitted_by: str = ""

    @property
    def parts_shown(self) -> list[str]:
        return [vn(self.parts.get(str(p))) for p, _h in PARTS]

    @property
    def score_shown(self) -> str:
        return vn(self.score)


def _classes_of(session: ExamSession, student_ids: list[int]) -> dict[int, str]:
    """Each student's class name (in the session's school first)."""
    names: dict[int, str] = {}
    rows = Enrolment.objects.filter(student_id__in=student_ids).values_list(
        "student_id", "school_class__name", "school_class__school_id"
    )
    for student_id, name, _school in sorted(rows, key=lambda r: r[2] != session.school_id):
        names.setdefault(student_id, name)
    return names


def _latest_attempts(session: ExamSession) -> dict[int, Attempt]:
    latest: dict[int, Attempt] = {}
    attempts = (
        Attempt.objects.filter(candidate__session=session)
        .select_related("result")
        .order_by("candidate_id", "number")
    )
    for attempt in attempts:
        latest[attempt.candidate_id] = attempt
    return latest


def _status(candidate: Candidate, attempt: Attempt | None) -> str:
    if attempt is None:
        return _("Vắng") if candidate.present is False else _("Chưa làm bài")
    if attempt.state == Attempt.State.IN_PROGRESS:
        return _("Đang làm bài")
    result = getattr(attempt, "result", None)
    if result is None:
        return _("Đã nộp, chờ chấm")
    if result.pending:
        return _("Chờ chấm tự luận")
    return _("Đã chấm")


def _result_of(attempt: Attempt | None):
    if attempt is None:
        return None
    try:
        return attempt.result
    except Attempt.result.RelatedObjectDoesNotExist:
        return None


def result_rows(
    session: ExamSession, *, room_id=None, class_id=None, variant_id=None
) -> list[ResultRow]:
    """The session's candidates with their latest attempt and result, in room and seat
    order, optionally of one room, class or version. Four queries whatever the size."""
    candidates = Candidate.objects.filter(session=session).select_related(
        "student", "room", "variant"
    )
    if room_id:
        candidates = candidates.filter(room_id=room_id)
    if variant_id:
        candidates = candidates.filter(variant_id=variant_id)
    if class_id:
        candidates = candidates.filter(
            student_id__in=Enrolment.objects.filter(school_class_id=class_id).values("student_id")
        )
    candidates = list(candidates.order_by("room__position", "seat", "number"))
    classes = _classes_of(session, [c.student_id for c in candidates])
    attempts = _latest_attempts(session)
    rows = []
    for c in candidates:
        attempt = attempts.get(c.pk)
        result = _result_of(attempt)
        row = ResultRow(
            candidate_id=c.pk,
            number=c.number,
            name=c.student.full_name or c.student.username,
            class_name=classes.get(c.student_id, ""),
            room=c.room.name if c.room else "",
            room_id=c.room_id,
            variant=c.variant.code,
            status=_status(c, attempt),
        )
        if attempt is not None:
            row.attempt_id = attempt.pk
            row.submitted_at = attempt.submitted_at
            row.submitted_by = attempt.get_submitted_by_display() if attempt.submitted_by else ""
        if result is not None:
            row.parts = {k: Decimal(v) for k, v in result.part_scores.items()}
            row.score = result.score
            row.pending = result.pending
        rows.append(row)
    return rows


def result_filters(session: ExamSession) -> dict:
    """The rooms, classes and versions the results table can be filtered by."""
    students = Candidate.objects.filter(session=session).values("student_id")
    classes = (
        Enrolment.objects.filter(student_id__in=students)
        .values_list("school_class_id", "school_class__name")
        .distinct()
        .order_by("school_class__name")
    )
    return {
        "rooms": list(session.rooms.values_list("pk", "name")),
        "classes": list(classes),
        "variants": list(session.paper.variants.order_by("position").values_list("pk", "code")),
    }


XLSX_HEADINGS = ["SBD", "Họ và tên", "Lớp", "Phòng", "Mã đề", *(h for _p, h in PARTS), "Tổng điểm"]


def results_xlsx(session: ExamSession, rows: list[ResultRow]) -> bytes:
    """The results as an XLSX workbook: scores are numbers formatted ``0.00`` (Excel shows
    the reader's decimal separator), empty when the candidate has no result."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Kết quả"
    sheet.append(XLSX_HEADINGS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        scores = [float(row.parts[str(p)]) if str(p) in row.parts else None for p, _h in PARTS] + [
            float(row.score) if row.score is not None else None
        ]
        sheet.append([row.number, row.name, row.class_name, row.room, row.variant, *scores])
        for cell in sheet[sheet.max_row][5:]:
            cell.number_format = "0.00"
    for column, width in zip("ABCDEFGHIJ", (10, 28, 10, 14, 8, 9, 9, 9, 9, 10), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- One attempt --------------------------------------------------------------------------
def _letters(data: dict) -> str:
    return STATEMENT_LETTERS if data.get("qtype") == QType.TRUE_FALSE else LETTERS


def _label(data: dict, index) -> str:
    letters = _letters(data)
    try:
        return letters[int(index)]
    except (TypeError, ValueError, IndexError):
        return str(index)


def _truth(value) -> str:
    return {True: _("Đúng"), False: _("Sai")}.get(value, "—")


def answer_text(data: dict, response) -> str:
    """A response as the board reads it: option letters, Đúng/Sai per statement, text."""
    if response is None or response == "" or response == []:
        return "—"
    qtype = data.get("qtype")
    if qtype == QType.SINGLE_CHOICE:
        return _label(data, response)
    if qtype == QType.MULTIPLE_RESPONSE and isinstance(response, list):
        return ", ".join(_label(data, i) for i in response)
    if qtype == QType.TRUE_FALSE and isinstance(response, list):
        return "; ".join(f"{_label(data, i)}) {_truth(v)}" for i, v in enumerate(response))
    if isinstance(response, list):
        return "; ".join("—" if v in (None, "") else str(v) for v in response)
    return str(response)


def key_text(data: dict) -> str:
    """The key of a pinned snapshot, in the same words as :func:`answer_text`."""
    qtype = data.get("qtype")
    choices = data.get("choices") or []
    if qtype in (QType.SINGLE_CHOICE, QType.MULTIPLE_RESPONSE):
        return ", ".join(_label(data, i) for i, c in enumerate(choices) if c.get("correct"))
    if qtype == QType.TRUE_FALSE:
        return "; ".join(
            f"{_label(data, i)}) {_truth(bool(c.get('correct')))}" for i, c in enumerate(choices)
        )
    if qtype == QType.SHORT_NUMERIC:
        return str(data.get("numeric_answer") or "").replace(".", ",")
    if qtype == QType.CLOZE:
        return "; ".join(
            " / ".join(str(a.get("text", "")) for a in b.get("answers") or [])
            for b in data.get("blanks") or []
        )
    if qtype == QType.MATCHING:
        return "; ".join(f"{c.get('text', '')} → {c.get('match', '')}" for c in choices)
    if qtype == QType.ESSAY:
        return _("Chấm theo hướng dẫn chấm")
    return ", ".join(str(c.get("text", "")) for c in choices if c.get("correct"))


def attempt_detail(attempt: Attempt) -> dict:
    """Everything about one attempt for those who run the session: each question with the
    answer, the key and the points; the answer log, the events and the score changes."""
    result = _result_of(attempt)
    graded = {row["slot"]: row for row in (result.items if result else [])}
    answers = {a.slot: a for a in attempt.answers.all()}
    marks = {m.slot: m for m in EssayMark.objects.filter(attempt=attempt).select_related("marker")}
    questions = []
    for item in variant_items(attempt.candidate.variant_id):
        data, slot = item["data"], item["slot"]
        answer = answers.get(slot)
        grade = graded.get(slot, {})
        questions.append(
            {
                "slot": slot,
                "part": item["part"],
                "part_name": PART_NAMES.get(item["part"], str(item["part"])),
                "number": item["number"],
                "stem": data.get("stem", ""),
                "answer": answer_text(data, answer.response if answer else None),
                "flagged": bool(answer and answer.flagged),
                "key": key_text(data),
                "points": vn(grade.get("points")) if grade else "—",
                "max": vn(item["points"]),
                "pending": grade.get("pending", data.get("qtype") == QType.ESSAY),
                "mark": marks.get(slot),
            }
        )
    log = list(AnswerLog.objects.filter(attempt=attempt).order_by("received_at", "pk"))
    for row in log:
        row.response_json = json.dumps(row.response, ensure_ascii=False)
    changes = list(
        ScoreChange.objects.filter(attempt=attempt).select_related("by").order_by("at", "pk")
    )
    for change in changes:
        change.old_shown, change.new_shown = vn(change.old_score), vn(change.new_score)
    return {
        "questions": questions,
        "result": result,
        "total": vn(result.score) if result else "—",
        "log": log,
        "events": list(
            AttemptEvent.objects.filter(candidate_id=attempt.candidate_id)
            .filter(Q(attempt=attempt) | Q(attempt__isnull=True))
            .select_related("by")
        ),
        "changes": changes,
    }


# --- Marking ------------------------------------------------------------------------------
@dataclass(frozen=True)
class QueueEntry:
    attempt_id: int
    slot: int
    number: str
    question: int


def marking_queue(session: ExamSession) -> list[QueueEntry]:
    """Essays of submitted attempts that no marker has marked yet, by candidate number."""
    attempts = list(
        Attempt.objects.filter(candidate__session=session, state=Attempt.State.SUBMITTED)
        .select_related("candidate")
        .order_by("candidate__number", "number")
    )
    marked = set(
        EssayMark.objects.filter(attempt__in=[a.pk for a in attempts]).values_list(
            "attempt_id", "slot"
        )
    )
    queue = []
    for attempt in attempts:
        for item in variant_items(attempt.candidate.variant_id):
            if item["data"].get("qtype") != QType.ESSAY:
                continue
            if (attempt.pk, item["slot"]) in marked:
                continue
            queue.append(
                QueueEntry(attempt.pk, item["slot"], attempt.candidate.number, item["number"])
            )
    return queue
