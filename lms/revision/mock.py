"""Mock exams (thi thử): start a fresh 2025-format paper on the exam engine, record its
answers as revision evidence once graded, and report on it.

* :func:`mock_start` draws a new paper for the learner
  (:func:`question_bank.assembly.mock.mock_paper_create`, avoiding the questions the learner
  answered in earlier mocks of the same template) and makes a session of kind
  :attr:`ExamSession.Kind.MOCK` with the learner as its only candidate: timed by the
  template's duration (the deadline is the server's; ``close_overdue`` submits a forgotten
  attempt like an exam's), one attempt, no access code and no identity check, results with
  keys and solutions as soon as it is graded. The per-question check of practice is never
  offered (:mod:`lms.exams.practice` refuses every session that is not a practice).
* :func:`attempt_graded` (connected to :data:`lms.exams.signals.attempt_graded`) records each
  answered objective question of a graded mock with
  :func:`lms.revision.services.answer_record` (source ``MOCK``), once: the answer's id is
  derived from the attempt and the slot.
* :func:`mock_report` gives the score per part and per topic, the time per question
  (:func:`question_seconds` says the rule), the learner's earlier mocks of the same template
  and their class's average.
"""

import datetime as dt
import uuid
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Enrolment
from accounts.selectors import latest_class_grade
from curriculum.models import Subject
from lms.exams import services
from lms.exams.delivery import variant_items
from lms.exams.models import (
    AnswerLog,
    Attempt,
    AttemptAnswer,
    Candidate,
    ExamSession,
    ReleasePolicy,
    ReviewPolicy,
)
from lms.exams.practice import MAX_TIME_ON_QUESTION
from lms.permissions import own_candidacies
from lms.practice import ResponseInvalid, check_response
from lms.revision.models import Source
from lms.revision.services import answer_record
from question_bank.assembly.matrix import PART_NAMES, TEMPLATES, Template
from question_bank.assembly.mock import (
    MOCK_TEMPLATES,
    mock_paper_create,
    mock_problems,
    mock_template,
)
from question_bank.assembly.solver import AssemblyInfeasible
from question_bank.formats.base import QType
from question_bank.models import QuestionVersion
from question_bank.permissions import practice_questions
from question_bank.scoring import score

#: Fewer classmates than this with a mock of the template: no class average is shown (an
#: average of one or two classmates would give their own scores away).
CLASS_AVERAGE_MIN = 3
#: Derives the id of a mock answer in the evidence log (one per attempt and slot).
ANSWER_NAMESPACE = uuid.UUID("6f1d8f3a-0c55-4a7e-9a43-5b0c2a6d7e19")
HUNDREDTH = Decimal("0.01")
DEFAULT_GRADE = 12


def number_text(value: Decimal | None) -> str:
    """A number as people read it here: two places at most, decimal comma ("7,25")."""
    if value is None:
        return ""
    text = f"{Decimal(value).quantize(HUNDREDTH, rounding=ROUND_HALF_UP).normalize():f}"
    return text.replace(".", ",")


def learner_grade(user) -> int:
    """The grade of the learner's latest class (12 when they are in none)."""
    return latest_class_grade(user) or DEFAULT_GRADE


def _mock_attempts(template_code: str):
    return Attempt.objects.filter(
        candidate__session__kind=ExamSession.Kind.MOCK,
        candidate__session__paper__header__mock=template_code,
    )


# --- Starting ----------------------------------------------------------------------------
@dataclass(frozen=True)
class MockOption:
    """A mock the home page offers: the subject, its template and why it cannot start."""

    subject: Subject
    grade: int
    template: Template
    problems: list[str]

    @property
    def available(self) -> bool:
        return not self.problems


def mock_options(*, user) -> list[MockOption]:
    """The subjects of the learner's grade with questions in their practice pool and a mock
    template, each with what (if anything) keeps its mock from being drawn."""
    grade = learner_grade(user)
    subjects = Subject.objects.filter(
        code__in=list(MOCK_TEMPLATES),
        pk__in=practice_questions(user).filter(grade=grade).values("subject_id"),
    ).order_by("sort_order", "name")
    options = []
    for subject in subjects:
        template = mock_template(subject)
        problems = mock_problems(user=user, subject=subject, grade=grade, template=template)
        options.append(MockOption(subject, grade, template, problems))
    return options


def _answered_questions(user, template_code: str) -> set[int]:
    """Questions the learner gave an answer to in earlier mocks of the template."""
    answered: set[int] = set()
    attempts = _mock_attempts(template_code).filter(candidate__student=user)
    slots: dict[int, set[int]] = {}
    for variant_id, slot in AttemptAnswer.objects.filter(
        attempt__in=attempts, response__isnull=False
    ).values_list("attempt__candidate__variant_id", "slot"):
        slots.setdefault(variant_id, set()).add(slot)
    for variant_id, wanted in slots.items():
        answered.update(i["question_id"] for i in variant_items(variant_id) if i["slot"] in wanted)
    return answered


def _open_mock(user, template_code: str) -> Candidate | None:
    """The learner's mock of the template not yet finished (never opened, or in progress
    before its deadline): starting again resumes it rather than drawing another."""
    now = timezone.now()
    for candidate in (
        own_candidacies(user)
        .filter(session__kind=ExamSession.Kind.MOCK, session__paper__header__mock=template_code)
        .order_by("-pk")[:3]
    ):
        attempts = list(candidate.attempts.all())
        if not attempts:
            return candidate
        if any(
            a.state == Attempt.State.IN_PROGRESS and (a.deadline is None or a.deadline > now)
            for a in attempts
        ):
            return candidate
    return None


def mock_start(*, user, subject, template: str | None = None) -> Candidate:
    """A new mock of ``subject`` (its platform template unless ``template`` names another
    one for the subject) for ``user``, or the one they have not finished. Raises
    :class:`AssemblyInfeasible` with the Vietnamese reason when the pool cannot make one."""
    spec = TEMPLATES.get(template) if template else mock_template(subject)
    if spec is None or (spec.subjects and subject.code not in spec.subjects):
        raise AssemblyInfeasible(
            _("Chưa có đề thi thử môn %(subject)s theo định dạng này.") % {"subject": subject.name}
        )
    unfinished = _open_mock(user, spec.code)
    if unfinished is not None:
        return unfinished
    with transaction.atomic():
        paper = mock_paper_create(
            user=user,
            subject=subject,
            grade=learner_grade(user),
            template=spec.code,
            avoid=_answered_questions(user, spec.code),
        )
        session = services.session_create(
            user=user,
            paper=paper,
            title=paper.title,
            window=services.SessionWindow(duration_minutes=spec.duration),
            kind=ExamSession.Kind.MOCK,
            students=[user],
            attempts_allowed=1,
            release_policy=ReleasePolicy.IMMEDIATE,
            review_policy=ReviewPolicy.KEYS,
            require_identity=False,
        )
        return session.candidates.get(student=user)


# --- Time per question -------------------------------------------------------------------
def question_seconds(attempt: Attempt) -> dict[int, float]:
    """Seconds spent on each question, from the answer log (server times).

    Rule: the saves are taken in the order the server received them, up to the submission;
    the time since the previous save (the start of the attempt for the first) goes to the
    question(s) of this save, split evenly when one request saved several, and at most
    :data:`~lms.exams.practice.MAX_TIME_ON_QUESTION` (the page was left open). Time after
    the last save (reading the paper over before submitting) goes to no question; a
    question never saved has no time.
    """
    logs = AnswerLog.objects.filter(attempt=attempt)
    if attempt.submitted_at:
        logs = logs.filter(received_at__lte=attempt.submitted_at)
    groups: dict[dt.datetime, set[int]] = {}
    for received_at, slot in logs.order_by("received_at", "seq").values_list("received_at", "slot"):
        groups.setdefault(received_at, set()).add(slot)
    seconds: dict[int, float] = {}
    previous = attempt.started_at
    for received_at in sorted(groups):
        gap = min(MAX_TIME_ON_QUESTION, max(0.0, (received_at - previous).total_seconds()))
        share = gap / len(groups[received_at])
        for slot in groups[received_at]:
            seconds[slot] = seconds.get(slot, 0.0) + share
        previous = received_at
    return seconds


def duration_text(seconds: float | None) -> str:
    """ "2 phút 05 giây", "45 giây"; "—" for none."""
    if seconds is None:
        return "—"
    whole = round(seconds)
    if whole == 0:
        return _("dưới 1 giây")
    minutes, rest = divmod(whole, 60)
    if minutes:
        return _("%(m)d phút %(s)02d giây") % {"m": minutes, "s": rest}
    return _("%(s)d giây") % {"s": rest}


# --- Evidence ----------------------------------------------------------------------------
def attempt_graded(sender, *, attempt_id: int, kind: str = "", **kwargs) -> None:
    """Receiver of :data:`lms.exams.signals.attempt_graded`: each answered objective
    question of a graded mock goes to the evidence log (source ``MOCK``), marked against
    the version the learner saw; unanswered questions and essays are not evidence. Safe
    to call again: each answer's id is derived from the attempt and the slot."""
    if kind != ExamSession.Kind.MOCK:
        return
    attempt = Attempt.objects.select_related("candidate__student").get(pk=attempt_id)
    items = variant_items(attempt.candidate.variant_id)
    saved = {a.slot: a for a in attempt.answers.exclude(response__isnull=True)}
    versions = QuestionVersion.objects.in_bulk([i["version_id"] for i in items])
    seconds = question_seconds(attempt)
    for item in items:
        answer = saved.get(item["slot"])
        if answer is None or item["data"]["qtype"] == QType.ESSAY:
            continue
        try:
            checked = check_response(item["data"], answer.response, version_id=item["version_id"])
        except ResponseInvalid:
            continue
        spent = seconds.get(item["slot"])
        answer_record(
            student=attempt.candidate.student,
            version=versions[item["version_id"]],
            response=checked,
            fraction=score(item["data"], checked),
            answered_at=answer.saved_at,
            source=Source.MOCK,
            duration_ms=None if spent is None else int(spent * 1000),
            client_id=uuid.uuid5(ANSWER_NAMESPACE, f"mock:{attempt.pk}:{item['slot']}"),
            attempt=attempt,
            slot=item["slot"],
        )


# --- The report --------------------------------------------------------------------------
@dataclass
class ScoreRow:
    """Points of a group of questions (a part, a topic)."""

    title: str
    score: Decimal = Decimal(0)
    most: Decimal = Decimal(0)
    count: int = 0
    right: int = 0  # questions with full marks

    @property
    def score_text(self) -> str:
        return number_text(self.score)

    @property
    def most_text(self) -> str:
        return number_text(self.most)

    @property
    def percent(self) -> int:
        return int((self.score * 100 / self.most).to_integral_value()) if self.most else 0


@dataclass(frozen=True)
class QuestionRow:
    slot: int
    label: str  # "Phần I – Câu 3"
    topic: str
    points: Decimal
    most: Decimal
    answered: bool
    seconds: float | None

    @property
    def points_text(self) -> str:
        return number_text(self.points)

    @property
    def most_text(self) -> str:
        return number_text(self.most)

    @property
    def time_text(self) -> str:
        return duration_text(self.seconds)


@dataclass(frozen=True)
class HistoryRow:
    attempt_id: int
    submitted_at: dt.datetime
    score: Decimal
    current: bool

    @property
    def score_text(self) -> str:
        return number_text(self.score)


@dataclass(frozen=True)
class ClassAverage:
    class_name: str
    classmates: int  # with a graded mock of the template
    average: Decimal | None  # None below CLASS_AVERAGE_MIN

    @property
    def average_text(self) -> str:
        return number_text(self.average)


@dataclass
class Report:
    attempt: Attempt
    title: str
    template: Template
    graded: bool
    score: Decimal = Decimal(0)
    most: Decimal = Decimal(0)
    parts: list[ScoreRow] = field(default_factory=list)
    topics: list[ScoreRow] = field(default_factory=list)
    questions: list[QuestionRow] = field(default_factory=list)
    history: list[HistoryRow] = field(default_factory=list)
    class_average: ClassAverage | None = None
    notes: list[str] = field(default_factory=list)
    pending: int = 0

    @property
    def score_text(self) -> str:
        return number_text(self.score)

    @property
    def most_text(self) -> str:
        return number_text(self.most)

    @property
    def previous(self) -> HistoryRow | None:
        """The learner's mock of this template just before this one."""
        earlier = [h for h in self.history if h.submitted_at < self.attempt.submitted_at]
        return earlier[-1] if earlier else None

    @property
    def change_text(self) -> str:
        """ "+0,75" / "−0,5" / "0" against the previous mock; "" without one."""
        previous = self.previous
        if previous is None:
            return ""
        delta = self.score - previous.score
        sign = "+" if delta > 0 else ("−" if delta < 0 else "")
        return sign + number_text(abs(delta))


def _topics_of(items: list[dict]) -> dict[int, str]:
    """Version id → the name of its question's topic."""
    names = dict(
        QuestionVersion.objects.filter(pk__in=[i["version_id"] for i in items]).values_list(
            "pk", "question__topic__name"
        )
    )
    return {pk: name or _("Chưa xếp chủ đề") for pk, name in names.items()}


def _score_rows(report: Report, attempt: Attempt, result) -> None:
    items = variant_items(attempt.candidate.variant_id)
    topic_of = _topics_of(items)
    graded = {row["slot"]: row for row in result.items}
    answered = set(attempt.answers.exclude(response__isnull=True).values_list("slot", flat=True))
    seconds = question_seconds(attempt)
    parts: dict[int, ScoreRow] = {}
    topics: dict[str, ScoreRow] = {}
    for item in items:
        row = graded[item["slot"]]
        points, most = Decimal(row["points"]), Decimal(row["max"])
        topic = topic_of.get(item["version_id"], _("Chưa xếp chủ đề"))
        part = parts.setdefault(item["part"], ScoreRow(str(PART_NAMES[item["part"]])))
        for group in (part, topics.setdefault(topic, ScoreRow(topic))):
            group.score += points
            group.most += most
            group.count += 1
            group.right += int(most > 0 and points == most)
        report.questions.append(
            QuestionRow(
                slot=item["slot"],
                label=_("%(part)s – Câu %(n)d")
                % {"part": PART_NAMES[item["part"]], "n": item["number"]},
                topic=topic,
                points=points,
                most=most,
                answered=item["slot"] in answered,
                seconds=seconds.get(item["slot"]),
            )
        )
    report.parts = [parts[p] for p in sorted(parts)]
    report.topics = sorted(
        topics.values(), key=lambda r: (r.score / r.most if r.most else 1, r.title)
    )
    report.most = sum((p.most for p in report.parts), Decimal(0))


def _history(user, attempt: Attempt, template_code: str) -> list[HistoryRow]:
    rows = (
        _mock_attempts(template_code)
        .filter(candidate__student=user, result__isnull=False)
        .select_related("result")
        .order_by("submitted_at", "pk")
    )
    return [HistoryRow(a.pk, a.submitted_at, a.result.score, a.pk == attempt.pk) for a in rows]


def _class_average(user, template_code: str) -> ClassAverage | None:
    """The average of the latest graded mock of the template of each classmate (the others
    of the learner's latest class); None when the learner is in no class."""
    enrolment = (
        Enrolment.objects.filter(student_id=user.pk).select_related("school_class").order_by("-pk")
    ).first()
    if enrolment is None:
        return None
    classmates = Enrolment.objects.filter(school_class_id=enrolment.school_class_id).exclude(
        student_id=user.pk
    )
    latest: dict[int, Decimal] = {}
    for student_id, value in (
        _mock_attempts(template_code)
        .filter(Q(candidate__student__in=classmates.values("student_id")), result__isnull=False)
        .order_by("submitted_at", "pk")
        .values_list("candidate__student_id", "result__score")
    ):
        latest[student_id] = value
    average = None
    if len(latest) >= CLASS_AVERAGE_MIN:
        average = sum(latest.values(), Decimal(0)) / len(latest)
    return ClassAverage(enrolment.school_class.name, len(latest), average)


def mock_report(*, user, attempt: Attempt) -> Report:
    """The report of the learner's own mock attempt (anyone else's: PermissionDenied)."""
    candidate = attempt.candidate
    session = candidate.session
    if candidate.student_id != user.pk or session.kind != ExamSession.Kind.MOCK:
        raise PermissionDenied(_("Đây không phải bài thi thử của bạn."))
    header = session.paper.header or {}
    template = TEMPLATES[header["mock"]]
    result = getattr(attempt, "result", None)
    report = Report(
        attempt=attempt,
        title=session.title,
        template=template,
        graded=result is not None,
        notes=list(header.get("mock_notes") or []),
    )
    if result is None:
        return report
    report.score, report.pending = result.score, result.pending
    _score_rows(report, attempt, result)
    report.history = _history(user, attempt, template.code)
    report.class_average = _class_average(user, template.code)
    return report


# --- The learner's mocks -----------------------------------------------------------------
@dataclass(frozen=True)
class MockRow:
    candidate: Candidate
    title: str
    created_at: dt.datetime
    attempt: Attempt | None
    score: Decimal | None

    @property
    def score_text(self) -> str:
        return number_text(self.score)

    @property
    def submitted(self) -> bool:
        return self.attempt is not None and self.attempt.state == Attempt.State.SUBMITTED


def recent_mocks(*, user, limit: int = 20) -> list[MockRow]:
    """The learner's latest mocks (own rows only), with their attempt and score."""
    rows = []
    candidates = (
        own_candidacies(user)
        .filter(session__kind=ExamSession.Kind.MOCK)
        .select_related("session")
        .prefetch_related("attempts__result")
        .order_by("-session__created_at", "-pk")[:limit]
    )
    for candidate in candidates:
        attempts = list(candidate.attempts.all())
        last = attempts[-1] if attempts else None
        result = getattr(last, "result", None) if last else None
        rows.append(
            MockRow(
                candidate=candidate,
                title=candidate.session.title,
                created_at=candidate.session.created_at,
                attempt=last,
                score=result.score if result else None,
            )
        )
    return rows
