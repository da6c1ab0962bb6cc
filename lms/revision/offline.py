"""Offline revision on a phone: packs of questions to download, and the sync of the answers
given without a network.

**Packs.** :func:`pack_review_create` (today's review queue) and :func:`pack_practice_create`
(a practice set of a subject, grade and topic) choose the questions as the online pages do
(:mod:`lms.revision.selection`: near the learner's level, weak outcomes first, not seen
recently), but only of the four types the phone marks itself (:data:`OFFLINE_QTYPES`: one
choice, several choices, Đúng/Sai, a short numeric answer), only from the learner's practice
pool (``question_bank.permissions.practice_questions``: approved, live, non-confidential
banks shared with them). A pack is saved as a :class:`~lms.revision.models.RevisionPack`
(which versions went to which learner) and :func:`pack_payload` gives what the phone keeps:
the questions *with their keys*, statements' truth, numeric answers and tolerances in the
shape of :mod:`question_bank.scoring`, per-option feedback, solutions and the points of the
2025 format. Keys of practice questions may be on the device; an exam's never: packs draw
only from the practice pool, never from a paper or a confidential bank.

**Sync.** :func:`answers_sync` takes the phone's answers, each with an id made on the phone.
An answer is accepted only for a version in one of the learner's own packs whose question is
still in a non-confidential bank (else refused, 404, nothing stored), in the shape of its
type (else refused, 400, with the reason in Vietnamese); it is marked again on the server
(the device's mark is never trusted), its time is clamped (never in the future, never before
its pack was made), and answers are recorded oldest first with
:func:`lms.revision.services.answer_record`, idempotent on the phone's id: a batch sent
twice, or in another order, stores each answer once.
"""

import datetime as dt
import logging
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from accounts.permissions import is_active
from lms.permissions import can_revise
from lms.practice import ResponseInvalid, answer_key_text
from lms.revision import scheduler, selection, services
from lms.revision.models import RevisionAnswer, RevisionPack, Source
from question_bank.assembly.paper import PART_MC, PART_SHORT, PART_TF
from question_bank.assembly.services import latest_versions, points_2025
from question_bank.formats.base import QType
from question_bank.models import QuestionVersion
from question_bank.numeric import dot_decimal, format_numeric
from question_bank.permissions import practice_questions
from question_bank.rendering import LETTERS, STATEMENT_LETTERS
from question_bank.scales import TrueFalseScore

logger = logging.getLogger(__name__)

#: The types the phone marks itself, exactly as question_bank.scoring does.
OFFLINE_QTYPES = (
    QType.SINGLE_CHOICE,
    QType.MULTIPLE_RESPONSE,
    QType.TRUE_FALSE,
    QType.SHORT_NUMERIC,
)
PACK_COUNTS = (5, 10, 20)
MAX_PACK = 30
MAX_SYNC = 200
#: A longer time on one question counts as this long (the phone was put away).
MAX_DURATION_MS = 30 * 60 * 1000
#: Part III answers are written in four boxes on the 2025 answer sheet.
SHORT_ANSWER_CHARS = 4
PAYLOAD_SCHEMA = 1

PART_LABELS = {PART_MC: "Phần I", PART_TF: "Phần II", PART_SHORT: "Phần III"}
QTYPE_PART = {
    QType.SINGLE_CHOICE: PART_MC,
    QType.TRUE_FALSE: PART_TF,
    QType.SHORT_NUMERIC: PART_SHORT,
}


class PackRefused(Exception):
    """A pack cannot be made (message in Vietnamese); ``status`` is the HTTP answer."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


# --- Choosing the questions --------------------------------------------------------------
def offline_pool(user):
    """The questions ``user`` may take offline: their practice pool, four types only."""
    return practice_questions(user).filter(qtype__in=OFFLINE_QTYPES)


def _review_question_ids(user, now) -> list[int]:
    """Today's queue (:func:`lms.revision.services.review_items`) from the offline pool."""
    return [
        i.question_id for i in services.review_items(user=user, now=now, pool=offline_pool(user))
    ]


def _pack_save(*, user, kind: str, title: str, question_ids: list[int]) -> RevisionPack:
    versions = latest_versions(question_ids)
    pack = RevisionPack.objects.create(
        student=user,
        kind=kind,
        title=title,
        version_ids=[versions[q].pk for q in question_ids if q in versions],
    )
    logger.info("revision pack %s (%s, %d questions) for %s", pack.pk, kind, len(versions), user)
    return pack


def _check_student(user) -> None:
    if not is_active(user):
        raise PermissionDenied(_("Hãy đăng nhập để ôn tập."))
    if not can_revise(user):
        raise PermissionDenied(_("Ôn tập ngoại tuyến dành cho học sinh."))


def pack_review_create(*, user, now=None) -> RevisionPack:
    """Today's review queue as a pack; :class:`PackRefused` when nothing is due."""
    _check_student(user)
    question_ids = _review_question_ids(user, now)
    if not question_ids:
        raise PackRefused(_("Hôm nay bạn không có câu nào cần ôn lại."), 409)
    day = scheduler.local_today(now)
    title = _("Ôn lại ngày %(day)s") % {"day": day.strftime("%d/%m/%Y")}
    return _pack_save(
        user=user, kind=RevisionPack.Kind.REVIEW, title=title, question_ids=question_ids
    )


def pack_practice_create(*, user, subject, grade: int, count: int, topic=None, now=None):
    """A practice set of ``count`` questions of a subject, grade and topic as a pack."""
    _check_student(user)
    if count not in PACK_COUNTS:
        raise PackRefused(_("Số câu phải là 5, 10 hoặc 20."))
    pool = offline_pool(user).filter(subject=subject, grade=grade)
    if topic is not None:
        pool = pool.filter(topic=topic)
    rows = list(pool.values(*selection.POOL_FIELDS))
    label = " · ".join(filter(None, [f"{subject.name} {grade}", topic.name if topic else ""]))
    if not rows:
        raise PackRefused(
            _("Chưa có câu hỏi nào tải về được để luyện: %(label)s.") % {"label": label}, 409
        )
    chosen = selection.pick(user=user, rows=rows, count=count, now=now)
    return _pack_save(
        user=user,
        kind=RevisionPack.Kind.PRACTICE,
        title=_("Luyện tập: %(label)s") % {"label": label},
        question_ids=chosen,
    )


# --- What the phone receives ---------------------------------------------------------------
def points_for(data: dict, subject_code: str) -> tuple[Decimal, int | None]:
    """(points of the question in the 2025 format, its part or None)."""
    qtype = QType(data["qtype"])
    part = data.get("part") or QTYPE_PART.get(qtype)
    points = points_2025(subject_code)
    if qtype == QType.MULTIPLE_RESPONSE or part not in points:
        return Decimal(1), None
    return points[part], part


def tf_table() -> dict[str, list[str | None]]:
    """The Đúng/Sai table as the phone reads it: statements → share by right answers."""
    table: dict[str, list[str | None]] = {}
    for row in TrueFalseScore.objects.all():
        shares = table.setdefault(str(row.statements), [None] * (row.statements + 1))
        if row.correct < len(shares):
            shares[row.correct] = dot_decimal(row.fraction)
    return table


def _choices(data: dict, qtype: QType) -> list[dict]:
    letters = STATEMENT_LETTERS if qtype == QType.TRUE_FALSE else LETTERS
    return [
        {
            "label": letters[i] if i < len(letters) else str(i + 1),
            "text": c["text"],
            "correct": bool(c["correct"]),
            "fraction": None if c.get("fraction") is None else dot_decimal(c["fraction"]),
            "feedback": c.get("feedback") or "",
        }
        for i, c in enumerate(data.get("choices") or [])
    ]


def pack_item(version: QuestionVersion, subject_code: str) -> dict:
    """One question for the phone, keys included (its options in the version's own order,
    so a response means the same to the server's :func:`~question_bank.scoring.score`)."""
    data = version.data
    qtype = QType(data["qtype"])
    points, part = points_for(data, subject_code)
    item = {
        "version_id": version.pk,
        "question_id": version.question_id,
        "qtype": qtype.value,
        "part": part,
        "part_label": PART_LABELS.get(part, _("Nhiều lựa chọn")),
        "points": dot_decimal(points),
        "stem": data["stem"],
        "stimulus": data.get("stimulus") or "",
        "choices": _choices(data, qtype),
        "solution": data.get("solution") or "",
        "general_feedback": data.get("general_feedback") or "",
        "key_text": answer_key_text(data),
    }
    if qtype == QType.SHORT_NUMERIC:
        item["numeric_answer"] = data.get("numeric_answer") or ""
        item["tolerance"] = dot_decimal(data.get("tolerance") or 0)
        item["max_chars"] = SHORT_ANSWER_CHARS if part == PART_SHORT else None
    return item


def pack_payload(pack: RevisionPack) -> dict:
    """The pack as the phone stores it (JSON)."""
    versions = QuestionVersion.objects.in_bulk(pack.version_ids)
    subjects = dict(
        QuestionVersion.objects.filter(pk__in=pack.version_ids).values_list(
            "pk", "question__subject__code"
        )
    )
    items = [
        pack_item(versions[pk], subjects.get(pk) or "") for pk in pack.version_ids if pk in versions
    ]
    return {
        "schema_version": PAYLOAD_SCHEMA,
        "id": str(pack.pk),
        "kind": pack.kind,
        "title": pack.title,
        "created_at": pack.created_at.isoformat(),
        "tf_table": tf_table(),
        "items": items,
        "total_points": format_numeric(sum((Decimal(i["points"]) for i in items), Decimal(0))),
    }


# --- Sync ----------------------------------------------------------------------------------
@dataclass
class Incoming:
    """One answer of a sync that passed the checks, ready to be recorded."""

    client_id: uuid.UUID
    pack: RevisionPack
    version: QuestionVersion
    response: object
    fraction: Decimal
    answered_at: dt.datetime
    duration_ms: int | None


class AnswerRefused(Exception):
    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.message = message
        self.status = status


def _uuid(value, message: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError) as exc:
        raise AnswerRefused(message, 400) from exc


def _when(value, pack: RevisionPack, now: dt.datetime) -> dt.datetime:
    """The answer's time, clamped to [the pack's creation, now]."""
    parsed = parse_datetime(value) if isinstance(value, str) else None
    if parsed is None:
        raise AnswerRefused(_("Thời điểm trả lời không hợp lệ (cần dạng ISO 8601)."), 400)
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, dt.UTC)
    return min(now, max(pack.created_at, parsed))


def _duration(value) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise AnswerRefused(_("Thời gian làm câu phải là số mili giây không âm."), 400)
    return min(value, MAX_DURATION_MS)


def _version_in_packs(raw: dict, packs: dict, versions: dict) -> tuple[RevisionPack, object]:
    pack_id = _uuid(raw.get("pack"), _("Mã gói ôn tập không hợp lệ."))
    pack = packs.get(pack_id)
    if pack is None:
        raise AnswerRefused(_("Không tìm thấy gói ôn tập này trong các gói của bạn."), 404)
    version_id = raw.get("version_id")
    if not isinstance(version_id, int) or isinstance(version_id, bool):
        raise AnswerRefused(_("Mã câu hỏi phải là một số."), 400)
    version = versions.get(version_id)
    if version_id not in pack.version_ids or version is None:
        raise AnswerRefused(_("Câu hỏi này không có trong gói ôn tập của bạn."), 404)
    return pack, version


def _incoming(raw, packs: dict, versions: dict, now: dt.datetime) -> Incoming:
    """One posted answer checked and marked; raises :class:`AnswerRefused`."""
    if not isinstance(raw, dict):
        raise AnswerRefused(_("Mỗi câu trả lời phải là một đối tượng JSON."), 400)
    client_id = _uuid(raw.get("id"), _("Mã câu trả lời (id) phải là một UUID."))
    pack, version = _version_in_packs(raw, packs, versions)
    if version.data.get("qtype") not in OFFLINE_QTYPES:
        raise AnswerRefused(_("Dạng câu hỏi này không làm ngoại tuyến được."), 400)
    try:
        response, fraction = services.answer_mark(version, raw.get("response"))
    except ResponseInvalid as exc:
        raise AnswerRefused(str(exc), 400) from exc
    return Incoming(
        client_id=client_id,
        pack=pack,
        version=version,
        response=response,
        fraction=fraction,
        answered_at=_when(raw.get("answered_at"), pack, now),
        duration_ms=_duration(raw.get("duration_ms")),
    )


def _lookups(user, answers: list) -> tuple[dict, dict]:
    """The learner's packs named in the batch, and the versions they may still answer (in
    their packs, of a question still in their practice pool: a bank made confidential or
    no longer shared since the download is refused)."""
    pack_ids = set()
    for raw in answers:
        try:
            pack_ids.add(uuid.UUID(str(raw.get("pack"))))
        except (ValueError, TypeError, AttributeError):
            continue
    packs = {p.pk: p for p in RevisionPack.objects.filter(student=user, pk__in=pack_ids)}
    version_ids = {v for p in packs.values() for v in p.version_ids}
    versions = QuestionVersion.objects.filter(
        pk__in=version_ids, question__in=practice_questions(user)
    ).in_bulk()
    return packs, versions


def _key_seen(user, item: Incoming) -> bool:
    """Whether the learner already answered this question from this pack (the phone showed
    the key then): a right answer now is no proof of learning."""
    return RevisionAnswer.objects.filter(
        student=user,
        question_version=item.version,
        source=Source.OFFLINE,
        answered_at__gte=item.pack.created_at,
        answered_at__lt=item.answered_at,
    ).exists()


def answers_sync(*, user, answers: list, now=None) -> list[dict]:
    """Record a phone's answers; one result per answer, in the order given:
    ``{"id", "status": "stored"|"duplicate"|"refused", "reason", "code", "fraction"}``.
    The phone deletes an answer from its outbox once it has a result for it."""
    _check_student(user)
    now = now or timezone.now()
    packs, versions = _lookups(user, answers)
    results: dict[int, dict] = {}
    accepted: list[tuple[int, Incoming]] = []
    seen_ids: set[uuid.UUID] = set()
    for n, raw in enumerate(answers):
        try:
            item = _incoming(raw, packs, versions, now)
        except AnswerRefused as refused:
            results[n] = _refused(raw, refused.message, refused.status)
            continue
        if item.client_id in seen_ids:
            results[n] = {"id": str(item.client_id), "status": "duplicate"}
            continue
        seen_ids.add(item.client_id)
        accepted.append((n, item))
    stored_before = dict(
        RevisionAnswer.objects.filter(client_id__in=seen_ids).values_list("client_id", "student_id")
    )
    for n, item in sorted(accepted, key=lambda pair: (pair[1].answered_at, pair[0])):
        results[n] = _record(user, item, stored_before)
    counts = {s: sum(r["status"] == s for r in results.values()) for s in STATUSES}
    logger.info("revision sync for %s: %s", user, counts)
    return [results[n] for n in range(len(answers))]


STATUSES = ("stored", "duplicate", "refused")


def _refused(raw, reason: str, code: int) -> dict:
    ident = raw.get("id") if isinstance(raw, dict) else None
    return {
        "id": str(ident) if ident is not None else None,
        "status": "refused",
        "reason": reason,
        "code": code,
    }


def _record(user, item: Incoming, stored_before: dict) -> dict:
    owner = stored_before.get(item.client_id)
    if owner is not None:
        if owner != user.pk:
            return _refused({"id": item.client_id}, _("Mã câu trả lời này đã được dùng."), 400)
        return {"id": str(item.client_id), "status": "duplicate"}
    try:
        answer = services.answer_record(
            student=user,
            version=item.version,
            response=item.response,
            fraction=item.fraction,
            answered_at=item.answered_at,
            source=Source.OFFLINE,
            duration_ms=item.duration_ms,
            client_id=item.client_id,
            key_seen=_key_seen(user, item),
        )
    except PermissionDenied as exc:
        return _refused({"id": item.client_id}, str(exc), 400)
    return {
        "id": str(item.client_id),
        "status": "stored",
        "fraction": None if answer.fraction is None else dot_decimal(answer.fraction),
    }
