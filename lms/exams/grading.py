"""Grading: exactly once per attempt, against the version's pinned snapshots.

Auto-marked questions are scored with :func:`question_bank.scoring.score` (the 2025 Đúng/Sai
table, numeric forms) times the points the paper gives the question; essays wait for a
marker (:func:`essay_mark`). :func:`attempt_grade` locks the attempt row and creates the one
:class:`~lms.exams.models.AttemptResult` (unique per attempt), so a retried task, a second
worker or a worker that died half-way can never grade an attempt twice. Every later change
of a score (a marker's points, a regrade after a key correction) is an append-only
:class:`~lms.exams.models.ScoreChange` with who, when and why.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms import permissions
from lms.exams import signals
from lms.exams.delivery import variant_items
from lms.exams.models import Attempt, AttemptResult, EssayMark, ExamSession, ScoreChange
from lms.practice import ResponseInvalid, check_response
from question_bank.assembly.shuffle import permuted
from question_bank.formats.base import QType
from question_bank.models import QuestionVersion
from question_bank.scoring import score

THOUSANDTH = Decimal("0.001")


def _q(value: Decimal) -> Decimal:
    return value.quantize(THOUSANDTH, rounding=ROUND_HALF_UP)


def _fraction(item: dict, response) -> Decimal:
    if response is None:
        return Decimal(0)
    try:
        normalised = check_response(item["data"], response, version_id=item["version_id"])
    except ResponseInvalid:
        return Decimal(0)
    return score(item["data"], normalised)


def compute(items: list[dict], answers: dict[int, object], marks: dict[int, Decimal]) -> dict:
    """The result of one attempt: total, per part, per question, essays still pending."""
    total, parts, rows, pending = Decimal(0), {}, [], 0
    for item in items:
        slot, most = item["slot"], Decimal(item["points"])
        auto = item["data"]["qtype"] != QType.ESSAY
        if slot in marks:
            points = marks[slot]
        elif auto:
            points = _q(_fraction(item, answers.get(slot)) * most)
        else:
            points = Decimal(0)
            pending += 1
        total += points
        parts[str(item["part"])] = parts.get(str(item["part"]), Decimal(0)) + points
        rows.append(
            {
                "slot": slot,
                "part": item["part"],
                "number": item["number"],
                "version_id": item["version_id"],
                "points": str(points),
                "max": str(most),
                "auto": auto and slot not in marks,
                "pending": not auto and slot not in marks,
            }
        )
    return {
        "score": _q(total),
        "part_scores": {k: str(_q(v)) for k, v in sorted(parts.items())},
        "items": rows,
        "pending": pending,
    }


def _inputs(attempt: Attempt) -> tuple[dict, dict]:
    answers = dict(attempt.answers.values_list("slot", "response"))
    marks = dict(attempt.marks.values_list("slot", "points"))
    return answers, marks


def attempt_grade(attempt_id: int) -> AttemptResult | None:
    """Grade a submitted attempt once; later calls return the same result."""
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update().select_related("candidate").get(pk=attempt_id)
        if attempt.state != Attempt.State.SUBMITTED:
            return None
        existing = AttemptResult.objects.filter(attempt_id=attempt_id).first()
        if existing is not None:
            return existing
        answers, marks = _inputs(attempt)
        outcome = compute(variant_items(attempt.candidate.variant_id), answers, marks)
        try:
            with transaction.atomic():
                result = AttemptResult.objects.create(
                    attempt=attempt, graded_at=timezone.now(), **outcome
                )
        except IntegrityError:  # another worker got there first (no row lock on SQLite)
            return AttemptResult.objects.get(attempt_id=attempt_id)
        kind = ExamSession.objects.values_list("kind", flat=True).get(
            pk=attempt.candidate.session_id
        )
        transaction.on_commit(
            lambda: signals.attempt_graded.send(sender=Attempt, attempt_id=attempt_id, kind=kind)
        )
        return result


def attempts_ungraded(*, submitted_before, limit: int = 500) -> list[int]:
    """Submitted attempts without a result (their grading message was lost)."""
    return list(
        Attempt.objects.filter(
            state=Attempt.State.SUBMITTED,
            result__isnull=True,
            submitted_at__lt=submitted_before,
        )
        .order_by("submitted_at")
        .values_list("pk", flat=True)[:limit]
    )


def _apply(result: AttemptResult, outcome: dict, *, user, reason: str, slot=None) -> bool:
    """Store a new outcome; a changed total is logged as a ScoreChange."""
    old = result.score
    result.score = outcome["score"]
    result.part_scores = outcome["part_scores"]
    result.items = outcome["items"]
    result.pending = outcome["pending"]
    result.graded_at = timezone.now()
    result.save()
    changed = old != result.score
    if changed or slot is not None:
        ScoreChange.objects.create(
            attempt_id=result.attempt_id,
            slot=slot,
            old_score=old,
            new_score=result.score,
            reason=reason,
            by=user,
        )
    return changed


def _item_for(attempt: Attempt, slot: int) -> dict:
    items = variant_items(attempt.candidate.variant_id)
    if not 0 <= slot < len(items):
        raise ValidationError({"slot": _("Câu hỏi không có trong đề của thí sinh.")})
    return items[slot]


@transaction.atomic
def essay_mark(
    *, user, attempt: Attempt, slot: int, points: Decimal, comment: str = "", reason: str = ""
) -> EssayMark:
    """A marker's points for one question (an essay, or an override with a reason)."""
    session = attempt.candidate.session
    if not permissions.can_mark(user, session):
        raise PermissionDenied(_("Bạn không được chấm bài của ca thi này."))
    item = _item_for(attempt, slot)
    most = Decimal(item["points"])
    if not Decimal(0) <= points <= most:
        raise ValidationError(
            {"points": _("Điểm phải từ 0 đến %(max)s.") % {"max": str(most).replace(".", ",")}}
        )
    auto = item["data"]["qtype"] != QType.ESSAY
    if auto and not (reason or "").strip():
        raise ValidationError({"reason": _("Sửa điểm câu chấm tự động cần ghi lý do.")})
    mark, _created = EssayMark.objects.update_or_create(
        attempt=attempt,
        slot=slot,
        defaults={
            "points": _q(points),
            "comment": comment.strip(),
            "marker": user,
            "marked_at": timezone.now(),
        },
    )
    result = AttemptResult.objects.select_for_update().filter(attempt=attempt).first()
    if result is not None:
        answers, marks = _inputs(attempt)
        outcome = compute(variant_items(attempt.candidate.variant_id), answers, marks)
        _apply(result, outcome, user=user, reason=reason or _("Chấm tự luận"), slot=slot)
    return mark


def _latest_items(items: list[dict]) -> list[dict]:
    """The items with each question's latest version, in the same option order."""
    latest = {}
    for v in QuestionVersion.objects.filter(
        question_id__in=[i["question_id"] for i in items]
    ).order_by("question_id", "-pk"):
        latest.setdefault(v.question_id, v)
    out = []
    for item in items:
        version = latest.get(item["question_id"])
        if version is None or version.pk == item["version_id"]:
            out.append(item)
            continue
        same_shape = len(version.data.get("choices") or []) == len(
            item["data"].get("choices") or []
        )
        order = item["order"] if same_shape else []
        out.append({**item, "version_id": version.pk, "data": permuted(version.data, order)})
    return out


def session_regrade(*, user, session: ExamSession, reason: str) -> int:
    """Grade every submitted attempt again with the questions' latest versions (a key was
    corrected); returns how many scores changed. Each change records who and why."""
    if not permissions.can_manage_session(user, session):
        raise PermissionDenied(_("Bạn không được chấm lại ca thi này."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do chấm lại.")})
    changed = 0
    attempts = Attempt.objects.filter(
        candidate__session=session, state=Attempt.State.SUBMITTED
    ).select_related("candidate")
    items_of: dict[int, list[dict]] = {}
    for attempt in attempts:
        variant = attempt.candidate.variant_id
        if variant not in items_of:
            items_of[variant] = _latest_items(variant_items(variant))
        with transaction.atomic():
            result = AttemptResult.objects.select_for_update().filter(attempt=attempt).first()
            if result is None:
                continue
            answers, marks = _inputs(attempt)
            outcome = compute(items_of[variant], answers, marks)
            changed += _apply(result, outcome, user=user, reason=reason)
    return changed
