"""What the revision pages read: the learner's subjects, the curriculum map coloured by
mastery, the weakest outcomes, an outcome's history and today's review count.

Everything is the signed-in learner's own rows, read from the stored mastery and cards
(a handful of indexed queries, whatever the length of the answer log); the same numbers
feed the teacher's views later.
"""

from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.db.models import Count, Q

from curriculum.models import CurriculumLesson, LearningOutcome, Subject, Topic
from lms.revision import mastery, scheduler
from lms.revision.models import OutcomeMastery, RevisionAnswer, SkillCard
from lms.revision.services import due_cards, review_pool
from question_bank.permissions import practice_questions


class Ref(NamedTuple):
    """A chapter, lesson or outcome as the map shows it (``pk`` and words only: the map
    of 500 outcomes builds no model instances)."""

    pk: int
    name: str = ""
    text: str = ""


@dataclass
class OutcomeRow:
    outcome: LearningOutcome | Ref
    value: float | None
    answers: int
    band: mastery.Band
    due: object = None  # aware datetime of the next review, or None


@dataclass
class LessonRow:
    lesson: CurriculumLesson | Ref
    outcomes: list[OutcomeRow] = field(default_factory=list)


@dataclass
class TopicRow:
    topic: Topic | Ref
    value: float | None
    band: mastery.Band
    lessons: list[LessonRow] = field(default_factory=list)
    practised: int = 0
    total: int = 0


@dataclass
class SubjectRow:
    subject: Subject
    grade: int
    due: int
    mastered: int
    practised: int
    total: int


def mastery_for(user, outcome_ids) -> dict[int, OutcomeMastery]:
    return {
        m.outcome_id: m
        for m in OutcomeMastery.objects.filter(student_id=user.pk, outcome_id__in=outcome_ids)
    }


class _Stored(NamedTuple):
    value: float
    answers: int


class _Card(NamedTuple):
    due: object
    stability: float | None


def _stored_for(user, outcomes) -> dict[int, _Stored]:
    """(value, answers) per outcome of ``outcomes`` (ids or a subquery), without the window."""
    return {
        o: _Stored(v, n)
        for o, v, n in OutcomeMastery.objects.filter(
            student_id=user.pk, outcome_id__in=outcomes
        ).values_list("outcome_id", "value", "answers")
    }


def _cards_for(user, outcomes) -> dict[int, _Card]:
    return {
        o: _Card(d, st)
        for o, d, st in SkillCard.objects.filter(
            student_id=user.pk, outcome_id__in=outcomes
        ).values_list("outcome_id", "due", "stability")
    }


def _row(outcome, stored, card) -> OutcomeRow:
    value = stored.value if stored else None
    answers = stored.answers if stored else 0
    return OutcomeRow(
        outcome=outcome,
        value=value,
        answers=answers,
        band=mastery.band(value, answers),
        due=card.due if card and card.stability is not None else None,
    )


def due_count(user, now=None) -> int:
    """How many outcomes today's review queue holds (capped), counting only outcomes with
    a question the learner may practise."""
    pool = review_pool(user).values("outcome_id")
    return min(
        due_cards(user, now).filter(outcome_id__in=pool).count(), settings.REVISION_DAILY_CAP
    )


def subjects_for(user, now=None) -> list[SubjectRow]:
    """The subjects and grades the learner has questions to practise in, with how many of
    their outcomes are practised and mastered, and how many are due today (grouped in the
    database: a handful of queries whatever the number of outcomes)."""
    pairs = list(
        practice_questions(user)
        .filter(outcome__isnull=False)
        .order_by()
        .values_list("subject_id", "grade")
        .distinct()
    )
    if not pairs:
        return []
    subject_ids = {s for s, _g in pairs}
    subjects = Subject.objects.in_bulk(subject_ids)
    place = ("lesson__topic__subject_id", "lesson__topic__grade")
    totals = {
        (r[0], r[1]): r[2]
        for r in LearningOutcome.objects.filter(lesson__topic__subject_id__in=subject_ids)
        .values_list(*place)
        .annotate(n=Count("pk"))
    }
    mine = {
        (r[0], r[1]): (r[2], r[3])
        for r in OutcomeMastery.objects.filter(student_id=user.pk)
        .values_list(*(f"outcome__{f}" for f in place))
        .annotate(
            practised=Count("pk"),
            mastered=Count(
                "pk",
                filter=Q(value__gte=mastery.STRONG_AT, answers__gte=mastery.STRONG_MIN),
            ),
        )
    }
    due = {
        (r[0], r[1]): r[2]
        for r in due_cards(user, now)
        .order_by()
        .values_list(*(f"outcome__{f}" for f in place))
        .annotate(n=Count("pk"))
    }
    rows = [
        SubjectRow(
            subject=subjects[s],
            grade=g,
            due=due.get((s, g), 0),
            mastered=mine.get((s, g), (0, 0))[1],
            practised=mine.get((s, g), (0, 0))[0],
            total=totals.get((s, g), 0),
        )
        for s, g in pairs
    ]
    rows.sort(key=lambda r: (r.subject.sort_order, r.grade))
    return rows


def mastery_map(user, subject, grade: int) -> list[TopicRow]:
    """The curriculum of ``subject`` in ``grade`` (chapters → lessons → outcomes), each
    outcome with the learner's mastery, band and next review; a chapter's value is the mean
    of its practised outcomes. Read as tuples (three queries, no model instances)."""
    tree = (
        LearningOutcome.objects.filter(lesson__topic__subject=subject, lesson__topic__grade=grade)
        .order_by(
            "lesson__topic__sort_order",
            "lesson__topic_id",
            "lesson__sort_order",
            "lesson_id",
            "sort_order",
            "pk",
        )
        .values_list(
            "lesson__topic_id",
            "lesson__topic__name",
            "lesson_id",
            "lesson__name",
            "pk",
            "text",
        )
    )
    topics = list(
        Topic.objects.filter(subject=subject, grade=grade)
        .order_by("sort_order", "pk")
        .values_list("pk", "name")
    )
    in_map = LearningOutcome.objects.filter(
        lesson__topic__subject=subject, lesson__topic__grade=grade
    ).values("pk")
    stored = _stored_for(user, in_map)
    cards = _cards_for(user, in_map)
    lessons: dict[int, list[LessonRow]] = {pk: [] for pk, _name in topics}
    current: dict[int, LessonRow] = {}
    for topic_id, _topic_name, lesson_id, lesson_name, pk, text in tree:
        row = current.get(lesson_id)
        if row is None:
            row = current[lesson_id] = LessonRow(lesson=Ref(lesson_id, lesson_name))
            lessons.setdefault(topic_id, []).append(row)
        row.outcomes.append(_row(Ref(pk, text=text), stored.get(pk), cards.get(pk)))
    rows = []
    for topic_id, name in topics:
        measured = [o for les in lessons[topic_id] for o in les.outcomes if o.answers]
        value = sum(o.value for o in measured) / len(measured) if measured else None
        rows.append(
            TopicRow(
                topic=Ref(topic_id, name),
                value=value,
                band=mastery.band(value, sum(o.answers for o in measured)),
                lessons=lessons[topic_id],
                practised=len(measured),
                total=sum(len(les.outcomes) for les in lessons[topic_id]),
            )
        )
    return rows


def weakest_outcomes(user, *, subject=None, grade=None, limit: int = 5) -> list[OutcomeRow]:
    """The learner's practised outcomes with the lowest mastery that still have questions
    to practise (one tap practises them)."""
    stored = OutcomeMastery.objects.filter(
        student_id=user.pk,
        outcome_id__in=practice_questions(user).values("outcome_id"),
        value__lt=mastery.STRONG_AT,
    )
    if subject is not None:
        stored = stored.filter(outcome__lesson__topic__subject=subject)
    if grade is not None:
        stored = stored.filter(outcome__lesson__topic__grade=grade)
    stored = list(
        stored.select_related("outcome__lesson__topic__subject")
        .defer("recent")
        .order_by("value", "-updated_at")[:limit]
    )
    cards = _cards_for(user, [m.outcome_id for m in stored])
    return [_row(m.outcome, m, cards.get(m.outcome_id)) for m in stored]


def outcome_row(user, outcome) -> OutcomeRow:
    stored = OutcomeMastery.objects.filter(student_id=user.pk, outcome=outcome).first()
    card = SkillCard.objects.filter(student_id=user.pk, outcome=outcome).first()
    return _row(outcome, stored, card)


def outcome_history(user, outcome, limit: int = 10) -> list[RevisionAnswer]:
    """The learner's latest graded answers of ``outcome``, newest first, with the question's
    level (for "Biết/Hiểu/Vận dụng")."""
    return list(
        RevisionAnswer.objects.filter(student_id=user.pk, outcome=outcome)
        .select_related("question__level")
        .order_by("-answered_at", "-pk")[:limit]
    )


def local_date(moment):
    """A moment as a date in Việt Nam (for "đến hạn ôn 07/12/2026")."""
    return moment.astimezone(scheduler.LOCAL_TZ).date() if moment else None
