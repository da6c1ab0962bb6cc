"""What the revision pages read: the learner's subjects, the curriculum map coloured by
mastery, the weakest outcomes, an outcome's history and today's review count.

Everything is the signed-in learner's own rows, read from the stored mastery and cards
(a handful of indexed queries, whatever the length of the answer log); the same numbers
feed the teacher's views later.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count

from curriculum.models import CurriculumLesson, LearningOutcome, Subject, Topic
from lms.revision import mastery, scheduler
from lms.revision.models import OutcomeMastery, RevisionAnswer, SkillCard
from lms.revision.services import due_cards
from question_bank.permissions import practice_questions


@dataclass
class OutcomeRow:
    outcome: LearningOutcome
    value: float | None
    answers: int
    band: mastery.Band
    due: object = None  # aware datetime of the next review, or None


@dataclass
class LessonRow:
    lesson: CurriculumLesson
    outcomes: list[OutcomeRow] = field(default_factory=list)


@dataclass
class TopicRow:
    topic: Topic
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


def _cards_for(user, outcome_ids) -> dict[int, SkillCard]:
    return {
        c.outcome_id: c
        for c in SkillCard.objects.filter(student_id=user.pk, outcome_id__in=outcome_ids).only(
            "outcome_id", "due", "stability"
        )
    }


def _row(outcome, stored: OutcomeMastery | None, card: SkillCard | None) -> OutcomeRow:
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
    pool = practice_questions(user).values("outcome_id")
    return min(
        due_cards(user, now).filter(outcome_id__in=pool).count(), settings.REVISION_DAILY_CAP
    )


def subjects_for(user, now=None) -> list[SubjectRow]:
    """The subjects and grades the learner has questions to practise in, with how many of
    their outcomes are practised and mastered, and how many are due today."""
    pool = practice_questions(user).filter(outcome__isnull=False)
    pairs = (
        pool.values("subject_id", "grade").annotate(n=Count("pk")).order_by("subject_id", "grade")
    )
    subjects = Subject.objects.in_bulk({p["subject_id"] for p in pairs})
    stored = OutcomeMastery.objects.filter(student_id=user.pk).values(
        "outcome__lesson__topic__subject_id", "outcome__lesson__topic__grade", "value", "answers"
    )
    due = set(due_cards(user, now).values_list("outcome_id", flat=True))
    outcome_place = dict(
        LearningOutcome.objects.filter(pk__in=due).values_list("pk", "lesson__topic__subject_id")
    )
    rows = []
    for pair in pairs:
        key = (pair["subject_id"], pair["grade"])
        mine = [
            m
            for m in stored
            if (m["outcome__lesson__topic__subject_id"], m["outcome__lesson__topic__grade"]) == key
        ]
        total = LearningOutcome.objects.filter(
            lesson__topic__subject_id=key[0], lesson__topic__grade=key[1]
        ).count()
        rows.append(
            SubjectRow(
                subject=subjects[key[0]],
                grade=key[1],
                due=sum(1 for o, s in outcome_place.items() if s == key[0]),
                mastered=sum(
                    1 for m in mine if mastery.band(m["value"], m["answers"]).code == "strong"
                ),
                practised=len(mine),
                total=total,
            )
        )
    rows.sort(key=lambda r: (r.subject.sort_order, r.grade))
    return rows


def mastery_map(user, subject, grade: int) -> list[TopicRow]:
    """The curriculum of ``subject`` in ``grade`` (chapters → lessons → outcomes), each
    outcome with the learner's mastery, band and next review; a chapter's value is the mean
    of its practised outcomes."""
    topics = list(
        Topic.objects.filter(subject=subject, grade=grade)
        .order_by("sort_order", "pk")
        .prefetch_related("lessons__outcomes")
    )
    outcome_ids = [o.pk for t in topics for les in t.lessons.all() for o in les.outcomes.all()]
    stored = mastery_for(user, outcome_ids)
    cards = _cards_for(user, outcome_ids)
    rows = []
    for topic in topics:
        lessons = [
            LessonRow(
                lesson=lesson,
                outcomes=[
                    _row(o, stored.get(o.pk), cards.get(o.pk)) for o in lesson.outcomes.all()
                ],
            )
            for lesson in topic.lessons.all()
        ]
        measured = [o for les in lessons for o in les.outcomes if o.answers]
        value = sum(o.value for o in measured) / len(measured) if measured else None
        answers = sum(o.answers for o in measured)
        rows.append(
            TopicRow(
                topic=topic,
                value=value,
                band=mastery.band(value, answers),
                lessons=lessons,
                practised=len(measured),
                total=sum(len(les.outcomes) for les in lessons),
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
        stored.select_related("outcome__lesson__topic__subject").order_by("value", "-updated_at")[
            :limit
        ]
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
