"""The demo's revision history: a few weeks of practice by grade-12 students, so "Ôn tập"
shows something real on the first run (the curriculum map coloured weak / learning /
strong, "Ôn lại hôm nay" with questions due today, the history of an outcome).

Who: the students of class 12A1 of Trường THPT Nguyễn Huệ (the printed student first, with
the fullest history), then other grade-12 students, :data:`STUDENTS` in all. What: for each,
3–5 weeks of evening sessions ending yesterday, on Toán 12 and one or two of Vật lí, Hoá học,
Lịch sử 12, chapter after chapter through the province bank's approved questions (the types
of the 2025 papers). A session starts with the outcomes due that day (one question each,
"Ôn lại"), then practises a chapter. Each student has an ability, each outcome a spread
around it that grows a little with practice; an answer is right with the chance
:func:`lms.revision.selection.success` gives for the question's difficulty. Yesterday's
session gets two wrong answers, so today's queue is never empty.

Every answer is a real response marked by :func:`lms.revision.services.answer_mark` and
recorded in time order through :func:`lms.revision.services.answer_record` (mastery, FSRS
cards and their review log, item statistics: the same rows the site writes). Deterministic
for a seed (and the day it runs on); idempotent (nothing is added when the students already
have revision answers).
"""

import datetime as dt
import random
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from accounts.models import Role, User
from demo.people import exam_class_students
from lms.revision import scheduler, selection, services
from lms.revision.models import RevisionAnswer, Source
from question_bank.models import QuestionVersion
from question_bank.permissions import practice_questions

#: Grade-12 students with a history (the printed one's class first).
STUDENTS = 36
#: Answers of each student, and of the printed student (who also does three subjects).
ANSWERS = 100
PRINTED_ANSWERS = 400
OTHER_SUBJECTS = ["vat-ly", "hoa-hoc", "lich-su"]
#: The question types of the 2025 papers (answered on the practice page with a mark).
QTYPES = ["single_choice", "true_false", "short_numeric"]
REVIEWS_PER_SESSION = 5
FORCED_WRONG_YESTERDAY = 2


@dataclass(frozen=True)
class Item:
    version: QuestionVersion
    outcome_id: int
    difficulty: float


@dataclass
class RevisionSummary:
    students: int = 0
    answers: int = 0


def _learners(limit: int) -> list[User]:
    printed_class = list(exam_class_students().order_by("pk")[:limit])
    others = (
        User.objects.filter(
            role=Role.STUDENT,
            is_active=True,
            enrolments__school_class__grade=12,
        )
        .exclude(pk__in=[u.pk for u in printed_class])
        .order_by("pk")
        .distinct()
    )
    return printed_class + list(others[: max(0, limit - len(printed_class))])


def _pools(student) -> dict[str, list[list[Item]]]:
    """For each subject code: the grade-12 questions the student may practise, as chapters
    (in curriculum order) of items."""
    rows = (
        practice_questions(student)
        .filter(grade=12, outcome__isnull=False, qtype__in=QTYPES, subject__isnull=False)
        .filter(Q(difficulty__isnull=False) | Q(level__isnull=False))
        .values_list(
            "pk",
            "subject__code",
            "outcome__lesson__topic_id",
            "outcome_id",
            "difficulty",
            "level__code",
            "outcome__lesson__topic__sort_order",
        )
        .order_by("pk")
    )
    rows = list(rows)
    versions = {
        v.question_id: v
        for v in QuestionVersion.objects.filter(question_id__in=[r[0] for r in rows]).order_by(
            "question_id", "number"
        )
    }  # the latest version of each question (ordered by number)
    chapters: dict[str, dict[tuple, list[Item]]] = {}
    for pk, code, topic_id, outcome_id, difficulty, level, order in rows:
        if pk not in versions:
            continue
        b = selection.item_difficulty(difficulty, level, 0, 0.0)
        chapters.setdefault(code, {}).setdefault((order, topic_id), []).append(
            Item(versions[pk], outcome_id, b)
        )
    return {code: [by[key] for key in sorted(by)] for code, by in chapters.items()}


# --- Answers ----------------------------------------------------------------------------------
def _numeric_wrong(key: str, rng: random.Random) -> str:
    try:
        value = float(key.replace(",", "."))
    except ValueError:
        return "0"
    wrong = value + rng.choice([-2, -1, 1, 2]) * max(1.0, abs(value) * 0.1)
    return f"{wrong:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def _response(data: dict, chance: float, rng: random.Random, *, wrong: bool = False):
    """A plausible response: right with ``chance`` (each Đúng/Sai statement separately)."""
    qtype = data["qtype"]
    choices = data.get("choices") or []
    if qtype == "true_false":
        truth = [bool(c.get("correct")) for c in choices]
        if wrong:
            return [not t for t in truth]
        return [t if rng.random() < chance + 0.15 else not t for t in truth]
    right = not wrong and rng.random() < chance
    if qtype == "short_numeric":
        key = data.get("numeric_answer") or "0"
        return key if right else _numeric_wrong(key, rng)
    key = next((i for i, c in enumerate(choices) if c.get("correct")), 0)
    if right or len(choices) < 2:
        return key
    return rng.choice([i for i in range(len(choices)) if i != key])


class _Learner:
    """One student's history, recorded answer after answer."""

    def __init__(self, student, pools: dict, subjects: list[str], rng: random.Random):
        self.student, self.pools, self.subjects, self.rng = student, pools, subjects, rng
        base = min(0.85, max(0.25, rng.gauss(0.58, 0.14)))
        self.ability = {
            code: {
                item.outcome_id: min(0.95, max(0.05, base + rng.gauss(0, 0.2)))
                for chapter in pools[code]
                for item in chapter
            }
            for code in subjects
        }
        self.seen: set[int] = set()
        self.answers = 0

    def answer(self, code: str, item: Item, when, *, source: str, wrong: bool = False):
        skill = self.ability[code]
        chance = selection.success(skill[item.outcome_id], item.difficulty)
        response = _response(item.version.data, chance, self.rng, wrong=wrong)
        checked, fraction = services.answer_mark(item.version, response)
        services.answer_record(
            student=self.student,
            version=item.version,
            response=checked,
            fraction=fraction,
            answered_at=when,
            source=source,
            duration_ms=self.rng.randrange(25_000, 150_000),
        )
        skill[item.outcome_id] = min(0.97, skill[item.outcome_id] + 0.025)
        self.seen.add(item.version.question_id)
        self.answers += 1
        return when + dt.timedelta(seconds=self.rng.randrange(40, 160))

    def pick(self, items: list[Item]) -> Item:
        fresh = [i for i in items if i.version.question_id not in self.seen]
        return self.rng.choice(fresh or items)

    def review(self, when):
        """The outcomes due at the start of the session, one question each."""
        due = list(
            services.due_cards(self.student, when).values_list("outcome_id", flat=True)[
                :REVIEWS_PER_SESSION
            ]
        )
        for outcome_id in due:
            for code in self.subjects:
                items = [i for ch in self.pools[code] for i in ch if i.outcome_id == outcome_id]
                if items:
                    when = self.answer(code, self.pick(items), when, source=Source.REVIEW)
                    break
        return when

    def practise(self, code: str, chapter: list[Item], count: int, when, *, wrong: int = 0):
        """``count`` questions of a chapter, outcomes in turn; the first ``wrong`` new
        outcomes of the session answered wrongly."""
        by_outcome: dict[int, list[Item]] = {}
        for item in chapter:
            by_outcome.setdefault(item.outcome_id, []).append(item)
        outcomes = list(by_outcome)
        self.rng.shuffle(outcomes)
        for k in range(count):
            outcome_id = outcomes[k % len(outcomes)]
            forced = k < wrong and k < len(outcomes)
            item = self.pick(by_outcome[outcome_id])
            when = self.answer(code, item, when, source=Source.PRACTICE, wrong=forced)
        return when


def _days(rng: random.Random, today: dt.date, weeks: int) -> list[dt.date]:
    """The days with a session: about four a week, always yesterday."""
    start = today - dt.timedelta(days=7 * weeks)
    days = [start + dt.timedelta(days=n) for n in range(7 * weeks)]
    chosen = [d for d in days if rng.random() < 0.6]
    yesterday = today - dt.timedelta(days=1)
    return sorted(set(chosen) | {yesterday})


def _history(learner: _Learner, *, total: int, weeks: int, today: dt.date) -> None:
    rng = learner.rng
    days = _days(rng, today, weeks)
    per_session = max(4, total // len(days))
    for n, day in enumerate(days):
        if learner.answers >= total and day != days[-1]:
            continue
        when = scheduler.day_start(day) + dt.timedelta(hours=19, minutes=rng.randrange(0, 150))
        when = learner.review(when)
        code = learner.subjects[0] if rng.random() < 0.5 else rng.choice(learner.subjects)
        chapters = learner.pools[code]
        # Through the chapters as the weeks go by, now and then back to an earlier one.
        front = min(len(chapters) - 1, n * len(chapters) // max(1, len(days) - 1))
        chapter = chapters[front if rng.random() < 0.7 else rng.randrange(front + 1)]
        wrong = FORCED_WRONG_YESTERDAY if day == days[-1] else 0
        learner.practise(code, chapter, per_session, when, wrong=wrong)


def seed_revision_history(
    *, seed: int = 2025, now=None, students: int = STUDENTS, answers: int = ANSWERS
) -> RevisionSummary:
    """Record the demo's revision history once (see the module docstring)."""
    summary = RevisionSummary()
    learners = _learners(students)
    if not learners or RevisionAnswer.objects.filter(student__in=learners).exists():
        return summary
    today = scheduler.local_today(now or timezone.now())
    pools_by_school: dict[int, dict] = {}
    for k, student in enumerate(learners):
        pools = pools_by_school.get(student.school_id)
        if pools is None:
            pools = pools_by_school[student.school_id] = _pools(student)
        if not pools.get("toan"):
            continue
        rng = random.Random(f"{seed}-revision-{student.username}")  # noqa: S311 - demo data
        others = [c for c in OTHER_SUBJECTS if pools.get(c)]
        extra = others[:2] if k == 0 else rng.sample(others, min(len(others), rng.randint(1, 2)))
        learner = _Learner(student, pools, ["toan", *extra], rng)
        _history(
            learner,
            total=PRINTED_ANSWERS if k == 0 else answers,
            weeks=5 if k == 0 else rng.randint(3, 5),
            today=today,
        )
        summary.students += 1
        summary.answers += learner.answers
    return summary
