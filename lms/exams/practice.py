"""Practice on the exam engine: a practice set taken like an exam, untimed, with a check
per question.

A learner's practice set (:func:`question_bank.assembly.services.practice_set_create`)
becomes a practice session with the learner as its only candidate (:func:`practice_start`):
no window, no timer, no access code or identity check, results at once with keys. The page
saves answers through the exam endpoints; :func:`practice_check` then marks one saved
answer against the version's pinned snapshot and returns the key, the solution and the
feedback, which an exam attempt never gets from here (refused with 403, whatever the
release policy says). Every check is a ``QUESTION_ANSWERED`` learning event, so progress
counts practice like the questions of a lesson: a second check of the same question in
the same attempt comes after the key was shown and is recorded as not passed.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch, Sum
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from lms.exams import services, signals
from lms.exams.delivery import variant_items
from lms.exams.models import (
    Attempt,
    AttemptAnswer,
    Candidate,
    ExamSession,
    ReleasePolicy,
    ReviewPolicy,
)
from lms.exams.saving import SaveRefused, attempt_state, read_token
from lms.models import EventKind, LearningEvent
from lms.permissions import can_check_practice
from lms.practice import ResponseInvalid, answer_key_text, check_response, score_text
from lms.services import learning_event_record
from question_bank.assembly.models import Paper
from question_bank.assembly.services import practice_set_create
from question_bank.formats.base import QType
from question_bank.models import QuestionVersion
from question_bank.scoring import score

#: A learner may take their practice set again and again.
PRACTICE_ATTEMPTS = 99
#: Schema of the answered events written here (the same as lms.views: ``key_seen``,
#: ``passed``), plus where the answer was given (``session``, ``attempt``, ``slot``).
EVENT_DATA_SCHEMA = 2
FOUR_PLACES = Decimal("0.0001")
#: Longer than this on one question counts as this long (the learner left the page).
MAX_TIME_ON_QUESTION = 30 * 60


@transaction.atomic
def practice_start(*, user, paper: Paper) -> Candidate:
    """A practice session of ``user``'s own practice set with ``user`` as its only
    candidate: untimed, no identity check, results and keys at once."""
    if paper.kind != Paper.Kind.PRACTICE:
        raise PermissionDenied(_("Chỉ bộ luyện tập mới làm được ở chế độ luyện tập."))
    session = services.session_create(
        user=user,
        paper=paper,
        title=paper.title,
        window=services.SessionWindow(),
        kind=ExamSession.Kind.PRACTICE,
        students=[user],
        attempts_allowed=PRACTICE_ATTEMPTS,
        release_policy=ReleasePolicy.IMMEDIATE,
        review_policy=ReviewPolicy.KEYS,
        require_identity=False,
    )
    return session.candidates.get(student=user)


@transaction.atomic
def practice_create(
    *, user, subject, grade: int, count: int, topic=None, level=None, qtypes=None
) -> Candidate:
    """A new practice set drawn for ``user`` and its session, in one transaction.
    Raises :class:`question_bank.assembly.solver.AssemblyInfeasible` when the bank has
    too few questions (nothing is written then)."""
    paper = practice_set_create(
        user=user,
        subject=subject,
        grade=grade,
        count=count,
        topic=topic,
        level=level,
        qtypes=qtypes or None,
    )
    return practice_start(user=user, paper=paper)


# --- Checking one answer -----------------------------------------------------------------
def _statements_html(data: dict, response) -> str:
    """For a Đúng/Sai group: each statement with the learner's judgement, ✓ or ✗, and the
    right one when it differs (so the 2025 partial points can be traced)."""
    if data["qtype"] != QType.TRUE_FALSE:
        return ""
    yes, no = _("Đúng"), _("Sai")
    rows = []
    for n, (choice, judged) in enumerate(zip(data.get("choices") or [], response, strict=False)):
        letter = "abcdefgh"[n] if n < 8 else str(n + 1)
        if judged is None:
            rows.append(
                format_html(
                    '<li class="is-wrong">{}) {} — {}</li>',
                    letter,
                    _("chưa chọn"),
                    _("đáp án: %(key)s") % {"key": yes if choice["correct"] else no},
                )
            )
        elif bool(judged) == bool(choice["correct"]):
            rows.append(
                format_html('<li class="is-right">{}) {} ✓</li>', letter, yes if judged else no)
            )
        else:
            rows.append(
                format_html(
                    '<li class="is-wrong">{}) {} ✗ — {}</li>',
                    letter,
                    yes if judged else no,
                    _("đáp án: %(key)s") % {"key": yes if choice["correct"] else no},
                )
            )
    right = sum(1 for r in rows if 'class="is-right"' in r)
    head = format_html(
        "<p>{}</p>",
        _("Bạn đúng %(right)s/%(total)s ý.") % {"right": right, "total": len(rows)},
    )
    return head + format_html('<ul class="q__statements">{}</ul>', mark_safe("".join(rows)))  # noqa: S308


def _practice_attempt(attempt_id: int, token: str) -> Attempt:
    """The attempt named by a valid token, if it belongs to a practice session."""
    read_token(token, attempt_id)
    if attempt_state(attempt_id) is None:
        raise SaveRefused(_("Không tìm thấy bài làm."), "token", 403)
    attempt = Attempt.objects.select_related("candidate__session__paper", "candidate__student").get(
        pk=attempt_id
    )
    session = attempt.candidate.session
    if session.kind != ExamSession.Kind.PRACTICE:
        raise SaveRefused(
            _("Chỉ bài luyện tập mới được kiểm tra từng câu khi đang làm."), "not_practice", 403
        )
    if not can_check_practice(session):
        raise SaveRefused(
            _("Giáo viên chưa cho xem đáp án bài luyện tập này."), "not_released", 403
        )
    return attempt


def _slot(payload, count: int) -> int:
    slot = payload.get("slot") if isinstance(payload, dict) else None
    if not isinstance(slot, int) or isinstance(slot, bool) or not 0 <= slot < count:
        raise SaveRefused(_("Câu hỏi không có trong bài của bạn."), "slot", 400)
    return slot


def _feedback_html(data: dict, response) -> str:
    """The feedback of the options chosen (after a check the key is shown anyway, so a
    right option's feedback too), then the question's general feedback."""
    qtype = QType(data["qtype"])
    choices = data.get("choices") or []
    picked: list[int] = []
    if qtype == QType.SINGLE_CHOICE:
        picked = [response]
    elif qtype == QType.MULTIPLE_RESPONSE:
        picked = list(response)
    parts = [choices[i].get("feedback") or "" for i in picked if 0 <= i < len(choices)]
    parts.append(data.get("general_feedback") or "")
    return "".join(p for p in parts if p.strip())


@dataclass(frozen=True)
class Checked:
    """One checked answer: what the page shows under the question."""

    fraction: Decimal | None  # None: an essay, not marked automatically
    points: Decimal
    most: Decimal
    correct: bool
    key_html: str
    solution_html: str
    feedback_html: str
    statements_html: str = ""

    def as_dict(self) -> dict:
        return {
            "graded": self.fraction is not None,
            "fraction": None if self.fraction is None else f"{self.fraction.normalize():f}",
            "points": score_text(self.points),
            "max": score_text(self.most),
            "correct": self.correct,
            "key_html": self.key_html,
            "solution_html": self.solution_html,
            "feedback_html": self.feedback_html,
            "statements_html": self.statements_html,
        }


def _seconds_on(attempt: Attempt, checks) -> int:
    """Time on this question as the server saw it: since the attempt's previous check (or
    its start), capped, in milliseconds (the page works through the questions in order)."""
    previous = checks.order_by("-created_at").values_list("created_at", flat=True).first()
    since = max(filter(None, [previous, attempt.started_at]), default=timezone.now())
    return int(min(MAX_TIME_ON_QUESTION, max(0.0, (timezone.now() - since).total_seconds())) * 1000)


def _record(attempt: Attempt, item: dict, response, fraction: Decimal | None) -> None:
    """The check as a learning event; an earlier check of the same question in this
    attempt already showed the key, so a right answer now is not a pass. Announced
    (:data:`lms.exams.signals.answer_checked`) for revision."""
    student = attempt.candidate.student
    checks = LearningEvent.objects.filter(
        user=student, kind=EventKind.QUESTION_ANSWERED, data__attempt=attempt.pk
    )
    key_seen = checks.filter(data__slot=item["slot"]).exists()
    duration_ms = _seconds_on(attempt, checks)
    graded = fraction is not None
    passed = (not graded or fraction == 1) and not key_seen
    learning_event_record(
        user=student,
        kind=EventKind.QUESTION_ANSWERED,
        question_version=QuestionVersion.objects.only("pk").get(pk=item["version_id"]),
        score=fraction.quantize(FOUR_PLACES) if graded else None,
        data={
            "schema_version": EVENT_DATA_SCHEMA,
            "response": response,
            "key_seen": key_seen,
            "passed": passed,
            "session": attempt.candidate.session_id,
            "attempt": attempt.pk,
            "slot": item["slot"],
        },
    )
    revision = (attempt.candidate.session.paper.header or {}).get("revision", "")
    signals.answer_checked.send(
        sender=Attempt,
        attempt_id=attempt.pk,
        slot=item["slot"],
        version_id=item["version_id"],
        response=response,
        fraction=fraction,
        key_seen=key_seen,
        duration_ms=duration_ms,
        revision=revision,
    )


def practice_check(*, attempt_id: int, token: str, payload) -> Checked:
    """Mark the saved answer of one question of a practice attempt (``{"slot": n}``).

    Authenticated like a save, by the attempt's signed token. Raises
    :class:`~lms.exams.saving.SaveRefused`: 403 for a bad token or an exam attempt (no key
    ever leaves through here for an exam), 400 for a slot not in the paper or an answer
    not saved yet (the page saves before it checks)."""
    attempt = _practice_attempt(attempt_id, token)
    items = variant_items(attempt.candidate.variant_id)
    item = items[_slot(payload, len(items))]
    saved = (
        AttemptAnswer.objects.filter(attempt=attempt, slot=item["slot"])
        .values_list("response", flat=True)
        .first()
    )
    if saved is None:
        raise SaveRefused(_("Hãy lưu câu trả lời trước."), "unsaved", 400, item["slot"])
    data = item["data"]
    try:
        response = check_response(data, saved, version_id=item["version_id"])
    except ResponseInvalid as exc:
        raise SaveRefused(str(exc), "response", 400, item["slot"]) from exc
    most = Decimal(item["points"])
    fraction = None if data["qtype"] == QType.ESSAY else score(data, response)
    _record(attempt, item, response, fraction)
    key = answer_key_text(data)
    return Checked(
        fraction=fraction,
        points=(fraction or Decimal(0)) * most,
        most=most,
        correct=fraction == 1,
        key_html=format_html("<p><strong>{}</strong> {}</p>", _("Đáp án:"), key) if key else "",
        solution_html=data.get("solution") or "",
        feedback_html=_feedback_html(data, response),
        statements_html=_statements_html(data, response),
    )


# --- The learner's practice sessions -----------------------------------------------------
@dataclass(frozen=True)
class PracticeRow:
    candidate: Candidate
    title: str
    created_at: object
    attempts: int
    in_progress: bool
    score: Decimal | None  # of the last graded attempt
    most: Decimal
    last_submitted_id: int | None

    @property
    def score_text(self) -> str:
        return "" if self.score is None else score_text(self.score)

    @property
    def most_text(self) -> str:
        return score_text(self.most)


def recent_practice(*, user, limit: int = 10) -> list[PracticeRow]:
    """The learner's latest practice sessions with their last score (own rows only)."""
    candidates = (
        Candidate.objects.filter(student=user, session__kind=ExamSession.Kind.PRACTICE)
        .select_related("session")
        .annotate(most=Sum("session__paper__items__points"))
        .prefetch_related(
            Prefetch(
                "attempts",
                queryset=Attempt.objects.select_related("result").order_by("number"),
            )
        )
        .order_by("-session__created_at", "-pk")[:limit]
    )
    rows = []
    for candidate in candidates:
        attempts = list(candidate.attempts.all())
        graded = [a for a in attempts if hasattr(a, "result")]
        submitted = [a for a in attempts if a.state == Attempt.State.SUBMITTED]
        rows.append(
            PracticeRow(
                candidate=candidate,
                title=candidate.session.title,
                created_at=candidate.session.created_at,
                attempts=len(attempts),
                in_progress=any(a.state == Attempt.State.IN_PROGRESS for a in attempts),
                score=graded[-1].result.score if graded else None,
                most=candidate.most or Decimal(0),
                last_submitted_id=submitted[-1].pk if submitted else None,
            )
        )
    return rows
