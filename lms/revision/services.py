"""Revision's writes: record an answer (mastery, the FSRS card, item statistics), draw a
practice set near the learner's level, and start the day's review queue.

Every answer a learner gives while revising goes through :func:`answer_record`, whatever
the door (the practice page's check, a review, an offline sync, a graded mock exam): it is
appended to :class:`~lms.revision.models.RevisionAnswer` (once: a phone's answer id is
unique), then, in the same transaction, the outcome's mastery (:mod:`.mastery`), the
outcome's FSRS card (:mod:`.scheduler`: each graded answer reviews it) and
the question's statistic are brought up to date.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import is_active
from lms.exams.models import Attempt, Candidate
from lms.exams.practice import practice_start
from lms.practice import ResponseInvalid, check_response
from lms.revision import mastery, scheduler, selection
from lms.revision.models import (
    OutcomeMastery,
    QuestionStat,
    RevisionAnswer,
    SkillCard,
    SkillReview,
    Source,
)
from question_bank.assembly.services import practice_paper_create, practice_pool
from question_bank.assembly.solver import AssemblyInfeasible
from question_bank.formats.base import QType
from question_bank.models import Question, QuestionVersion
from question_bank.permissions import practice_questions
from question_bank.scoring import score

FOUR_PLACES = Decimal("0.0001")

__all__ = [
    "AssemblyInfeasible",
    "NothingDue",
    "ResponseInvalid",
    "ReviewItem",
    "answer_mark",
    "answer_record",
    "practice_create",
    "review_items",
    "review_start",
]


class NothingDue(Exception):
    """No learning outcome is due for review today (message in Vietnamese)."""


def answer_mark(version: QuestionVersion, response):
    """``response`` checked against the version's shape, and its fraction of the points
    (``None`` for an essay). Raises :class:`ResponseInvalid` with a Vietnamese reason."""
    checked = check_response(version.data, response, version_id=version.pk)
    if version.data["qtype"] == QType.ESSAY:
        return checked, None
    return checked, score(version.data, checked)


# --- Recording one answer ----------------------------------------------------------------
def _mastery_update(answer: RevisionAnswer) -> None:
    entry = [float(answer.fraction), answer.weight, answer.answered_at.timestamp()]
    row = (
        OutcomeMastery.objects.select_for_update()
        .filter(student_id=answer.student_id, outcome_id=answer.outcome_id)
        .first()
    )
    if row is None:
        try:
            with transaction.atomic():
                OutcomeMastery.objects.create(
                    student_id=answer.student_id,
                    outcome_id=answer.outcome_id,
                    value=mastery.mastery_value([entry]),
                    answers=1,
                    recent=[entry],
                    updated_at=timezone.now(),
                )
                return
        except IntegrityError:  # the learner's other device got there first
            row = OutcomeMastery.objects.select_for_update().get(
                student_id=answer.student_id, outcome_id=answer.outcome_id
            )
    row.recent = mastery.window_push(row.recent, entry)
    row.value = mastery.mastery_value(row.recent)
    row.answers += 1
    row.updated_at = timezone.now()
    row.save(update_fields=["recent", "value", "answers", "updated_at"])


def _card_for(student_id: int, outcome_id: int, when: dt.datetime) -> SkillCard:
    card = (
        SkillCard.objects.select_for_update()
        .filter(student_id=student_id, outcome_id=outcome_id)
        .first()
    )
    if card is not None:
        return card
    try:
        with transaction.atomic():
            return SkillCard.objects.create(
                student_id=student_id,
                outcome_id=outcome_id,
                state=scheduler.State.Learning,
                due=when,
            )
    except IntegrityError:
        return SkillCard.objects.select_for_update().get(
            student_id=student_id, outcome_id=outcome_id
        )


def _reviews_card(card: SkillCard, when: dt.datetime) -> bool:
    """Whether an answer at ``when`` reviews the card: not when it is older than the card's
    last review (an offline answer synced late changes mastery only)."""
    return card.last_review is None or when >= card.last_review


def _card_review(answer: RevisionAnswer, *, qtype: str, key_seen: bool):
    """Review the outcome's FSRS card with this answer (:mod:`.scheduler`)."""
    rating = scheduler.rating_for(
        fraction=answer.fraction, duration_ms=answer.duration_ms, qtype=qtype, key_seen=key_seen
    )
    if rating is None:
        return None
    when = answer.answered_at.astimezone(dt.UTC)
    card = _card_for(answer.student_id, answer.outcome_id, when)
    if not _reviews_card(card, when):
        return None
    was_review = card.stability is not None and card.state == scheduler.State.Review
    after = scheduler.review(scheduler.card_of(card), rating, when, answer.duration_ms)
    card.state, card.step = int(after.state), after.step
    card.stability, card.difficulty = after.stability, after.difficulty
    card.due, card.last_review = after.due, after.last_review
    card.reviews += 1
    card.lapses += int(was_review and rating == scheduler.Rating.Again)
    card.save()
    SkillReview.objects.create(
        card=card,
        answer=answer,
        rating=int(rating),
        reviewed_at=when,
        duration_ms=answer.duration_ms,
        stability=after.stability,
        difficulty=after.difficulty,
        due=after.due,
    )
    return rating


def _stat_update(question_id: int, fraction: Decimal) -> None:
    updated = QuestionStat.objects.filter(question_id=question_id).update(
        answers=F("answers") + 1, right_sum=F("right_sum") + float(fraction)
    )
    if not updated:
        try:
            with transaction.atomic():
                QuestionStat.objects.create(
                    question_id=question_id, answers=1, right_sum=float(fraction)
                )
        except IntegrityError:
            _stat_update(question_id, fraction)


@transaction.atomic
def answer_record(
    *,
    student,
    version: QuestionVersion,
    response,
    fraction: Decimal | None,
    answered_at: dt.datetime,
    source: str,
    duration_ms: int | None = None,
    client_id=None,
    attempt=None,
    slot: int | None = None,
    key_seen: bool = False,
) -> RevisionAnswer:
    """Append one marked answer and bring mastery, the card and the statistic up to date.

    Idempotent on ``client_id``: an answer already stored is returned as it is (a phone
    that syncs twice stores it once); another learner's id is refused."""
    if client_id is not None:
        existing = RevisionAnswer.objects.filter(client_id=client_id).first()
        if existing is not None:
            if existing.student_id != student.pk:
                raise PermissionDenied(_("Mã câu trả lời này không phải của bạn."))
            return existing
    question = Question.objects.select_related("level").only(
        "pk", "outcome_id", "qtype", "level__code"
    )
    question = question.get(pk=version.question_id)
    answer = RevisionAnswer(
        student=student,
        question_version=version,
        question_id=question.pk,
        outcome_id=question.outcome_id,
        weight=mastery.level_weight(question.level.code if question.level_id else None),
        response=response,
        fraction=None if fraction is None else Decimal(fraction).quantize(FOUR_PLACES),
        answered_at=answered_at,
        duration_ms=duration_ms,
        source=source,
        client_id=client_id,
        attempt=attempt,
        slot=slot,
    )
    try:
        with transaction.atomic():
            answer.save()
    except IntegrityError:  # the same phone answer in a concurrent sync
        return RevisionAnswer.objects.get(client_id=client_id)
    if answer.fraction is None:
        return answer
    _stat_update(question.pk, answer.fraction)
    if answer.outcome_id:
        _mastery_update(answer)
        rating = _card_review(answer, qtype=question.qtype, key_seen=key_seen)
        if rating is not None:
            answer.rating = int(rating)
            answer.save(update_fields=["rating"])
    return answer


def practice_checked(
    sender,
    *,
    attempt_id: int,
    slot: int,
    version_id: int,
    response,
    fraction,
    key_seen: bool,
    duration_ms: int | None,
    revision: str = "",
    **kwargs,
) -> None:
    """Receiver of :data:`lms.exams.signals.answer_checked`: the practice page's check."""
    attempt = Attempt.objects.select_related("candidate__student").get(pk=attempt_id)
    answer_record(
        student=attempt.candidate.student,
        version=QuestionVersion.objects.get(pk=version_id),
        response=response,
        fraction=fraction,
        answered_at=timezone.now(),
        source=Source.REVIEW if revision == "review" else Source.PRACTICE,
        duration_ms=duration_ms,
        attempt=attempt,
        slot=slot,
        key_seen=key_seen,
    )


# --- Drawing questions -------------------------------------------------------------------
def _label(subject, grade, topic, outcome) -> str:
    bits = [f"{subject.name} {grade}"]
    if topic is not None:
        bits.append(topic.name)
    if outcome is not None:
        bits.append(str(outcome))
    return " · ".join(bits)


def practice_create(
    *,
    user,
    subject,
    grade: int,
    count: int,
    topic=None,
    outcome=None,
    level=None,
    qtypes=None,
    now=None,
) -> Candidate:
    """A practice set of ``count`` questions chosen for ``user`` (:mod:`.selection`: near
    their level, weak outcomes first, not seen recently) and its practice session on the
    exam engine. Fewer questions when the pool is smaller; :class:`AssemblyInfeasible`
    (nothing written) when it is empty."""
    if not is_active(user):
        raise PermissionDenied(_("Hãy đăng nhập để luyện tập."))
    rows = list(
        practice_pool(
            user=user,
            subject=subject,
            grade=grade,
            topic=topic,
            outcome=outcome,
            level=level,
            qtypes=qtypes,
        ).values(*selection.POOL_FIELDS)
    )
    label = _label(subject, grade, topic, outcome)
    if not rows:
        raise AssemblyInfeasible(
            _("Chưa có câu hỏi nào đã duyệt để luyện: %(label)s.") % {"label": label}
        )
    chosen = selection.pick(user=user, rows=rows, count=count, now=now)
    with transaction.atomic():
        paper = practice_paper_create(
            user=user,
            question_ids=chosen,
            subject=subject,
            title=_("Luyện tập: %(label)s") % {"label": label},
        )
        return practice_start(user=user, paper=paper)


@dataclass(frozen=True)
class ReviewItem:
    outcome_id: int
    question_id: int


def due_cards(user, now=None):
    """The learner's cards due by the end of today (Việt Nam) and not reviewed today,
    most overdue first."""
    today = scheduler.local_today(now)
    return (
        SkillCard.objects.filter(student_id=user.pk, due__lt=scheduler.day_end(today))
        .exclude(last_review__gte=scheduler.day_start(today))
        .order_by("due", "pk")
    )


def review_pool(user):
    """The questions a review may draw: the learner's practice questions that are marked
    automatically (an essay gives the scheduler no grade)."""
    return practice_questions(user).exclude(qtype=QType.ESSAY)


def review_items(*, user, now=None, limit: int | None = None, pool=None) -> list[ReviewItem]:
    """Today's review queue: for each due outcome (at most ``REVISION_DAILY_CAP``), one
    question of that outcome the learner may practise and has not seen recently, chosen
    near their level. Outcomes with no question left in the pool are skipped. ``pool``
    narrows the learner's practice questions (the offline pack: the types a phone marks)."""
    cap = limit or settings.REVISION_DAILY_CAP
    outcome_ids = list(due_cards(user, now).values_list("outcome_id", flat=True)[: cap * 2])
    if not outcome_ids:
        return []
    pool = review_pool(user) if pool is None else pool
    rows = list(pool.filter(outcome_id__in=outcome_ids).values(*selection.POOL_FIELDS))
    by_outcome: dict[int, list] = {}
    for cand in selection.candidates_from(rows):
        by_outcome.setdefault(cand.outcome_id, []).append(cand)
    seen = selection.recently_seen(user.pk, [r["pk"] for r in rows], now=now)
    ability = selection.abilities(user.pk, outcome_ids)
    items = []
    for outcome_id in outcome_ids:
        cands = by_outcome.get(outcome_id)
        if not cands:
            continue
        picked = selection.choose(cands, ability=ability, seen=seen, count=1)
        items.append(ReviewItem(outcome_id=outcome_id, question_id=picked[0]))
        if len(items) >= cap:
            break
    return items


def review_start(*, user, now=None) -> Candidate:
    """Today's review queue as a practice set (marked ``"revision": "review"``) and its
    session on the exam engine; :class:`NothingDue` when nothing is due."""
    items = review_items(user=user, now=now)
    if not items:
        raise NothingDue(_("Hôm nay bạn không có câu nào cần ôn lại."))
    first = Question.objects.select_related("subject").get(pk=items[0].question_id)
    day = scheduler.local_today(now)
    with transaction.atomic():
        paper = practice_paper_create(
            user=user,
            question_ids=[i.question_id for i in items],
            subject=first.subject,
            title=_("Ôn lại ngày %(day)s") % {"day": day.strftime("%d/%m/%Y")},
            header={"revision": "review"},
        )
        return practice_start(user=user, paper=paper)
