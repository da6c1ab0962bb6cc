"""Where each student is with each piece of work, read from the work's own records: exam
attempts and their results (practice sets, tests), learning events (lessons, e-lectures,
library items), package attempts (SCORM/H5P). Nothing is copied into the assignment.

Statuses: ``new`` (nothing yet), ``in_progress``, ``done``, ``late`` (done after the due
date, or not done and the due date passed), ``marked`` (a teacher's mark is in and nothing
waits for marking). One query per kind of work whatever the number of assignments or
students (:func:`statuses`), so lists do not grow in queries with their rows.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, F, Min, Prefetch, Q, Sum, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from content.models import ELecturePage
from lms.assignments.models import PAPER_KINDS, Assignment, ScoreRule, WorkKind
from lms.exams.models import Attempt, Candidate, EssayMark
from lms.models import EventKind, LearningEvent
from lms.packages.models import Completion, PackageAttempt
from question_bank.assembly.models import PaperItem

THOUSANDTH = Decimal("0.001")
#: Longer than this between two events of a lesson counts as this long (the page was left).
MAX_GAP_SECONDS = 15 * 60

LABELS = {
    "new": _("Chưa làm"),
    "in_progress": _("Đang làm"),
    "done": _("Đã nộp"),
    "late": _("Nộp muộn"),
    "overdue": _("Quá hạn"),
    "marked": _("Đã chấm"),
}


@dataclass
class StudentWork:
    """One student's state in one assignment."""

    status: str = "new"
    started: bool = False
    finished_at: datetime | None = None
    score: Decimal | None = None
    max_score: Decimal | None = None
    attempts: int = 0
    seconds: int = 0
    overdue: bool = False
    #: Attempt ids per the score rule's pick (for per-question statistics): one per student.
    counted_attempt_id: int | None = None
    pending: int = 0

    @property
    def label(self) -> str:
        if self.status == "late" and self.overdue:
            return str(LABELS["overdue"])
        return str(LABELS[self.status])

    @property
    def finished(self) -> bool:
        return self.status in ("done", "marked") or (self.status == "late" and not self.overdue)


def due_for(assignment: Assignment, override_due: datetime | None) -> datetime | None:
    return override_due or assignment.due_at


def _finish(work: StudentWork, due: datetime | None, now: datetime, *, marked: bool) -> None:
    """Set the status from what was read: finished or not, and when, against the due date."""
    if work.finished_at is not None:
        if due and work.finished_at > due:
            work.status = "late"
        elif marked:
            work.status = "marked"
        else:
            work.status = "done"
        return
    if due and now > due:
        work.status, work.overdue = "late", True
    else:
        work.status = "in_progress" if work.started else "new"


def counted_score(rule: str, scores: list[Decimal]) -> Decimal | None:
    """The score of a student's graded attempts (in order) by the assignment's rule."""
    if not scores:
        return None
    if rule == ScoreRule.LAST:
        return scores[-1]
    if rule == ScoreRule.AVERAGE:
        return (sum(scores) / len(scores)).quantize(THOUSANDTH, rounding=ROUND_HALF_UP)
    return max(scores)


def _counted_attempt(rule: str, graded: list[Attempt]) -> Attempt | None:
    if not graded:
        return None
    if rule == ScoreRule.HIGHEST:
        return max(graded, key=lambda a: (a.result.score, a.number))
    return graded[-1]


def _paper_maxima(assignments) -> dict[int, Decimal]:
    paper_ids = {a.paper_id for a in assignments if a.paper_id}
    rows = (
        PaperItem.objects.filter(paper_id__in=paper_ids)
        .values("paper_id")
        .annotate(total=Sum("points"))
    )
    return {r["paper_id"]: r["total"] or Decimal(0) for r in rows}


def _paper_work(assignments, student_ids) -> dict[tuple[int, int], StudentWork]:
    by_session = {a.session_id: a for a in assignments if a.kind in PAPER_KINDS and a.session_id}
    if not by_session:
        return {}
    maxima = _paper_maxima(by_session.values())
    attempts = Attempt.objects.select_related("result").order_by("number")
    candidates = Candidate.objects.filter(
        session_id__in=list(by_session), student_id__in=student_ids
    ).prefetch_related(Prefetch("attempts", queryset=attempts))
    found = {}
    for candidate in candidates:
        assignment = by_session[candidate.session_id]
        found[(assignment.pk, candidate.student_id)] = _one_paper(
            assignment, list(candidate.attempts.all()), maxima.get(assignment.paper_id)
        )
    return found


def _one_paper(assignment, attempts: list[Attempt], most) -> StudentWork:
    submitted = [a for a in attempts if a.state == Attempt.State.SUBMITTED]
    graded = [a for a in submitted if hasattr(a, "result")]
    counted = _counted_attempt(assignment.score_rule, graded)
    seconds = sum(
        int((a.submitted_at - a.started_at).total_seconds()) for a in submitted if a.submitted_at
    )
    return StudentWork(
        started=bool(attempts),
        finished_at=min((a.submitted_at for a in submitted if a.submitted_at), default=None),
        score=counted_score(assignment.score_rule, [a.result.score for a in graded]),
        max_score=most,
        attempts=len(attempts),
        seconds=seconds,
        counted_attempt_id=counted.pk if counted else None,
        pending=counted.result.pending if counted else 0,
    )


def _event_seconds(times: list[datetime]) -> int:
    times = sorted(times)
    return int(
        sum(min((b - a).total_seconds(), MAX_GAP_SECONDS) for a, b in itertools.pairwise(times))
    )


def _event_work(
    assignments, student_ids, *, seconds: bool = True
) -> dict[tuple[int, int], StudentWork]:
    """Lessons, e-lectures and library items, from one query of learning events. Without
    ``seconds`` (lists of many assignments) the database groups the events per student and
    work, so a busy class's thousands of events are not read one by one."""
    pages = {a.page_id: a for a in assignments if a.kind == WorkKind.LESSON and a.page_id}
    items = {
        a.library_item_id: a
        for a in assignments
        if a.kind == WorkKind.LIBRARY_ITEM and a.library_item_id
    }
    if not pages and not items:
        return {}
    rule = Q(pk__in=[])
    if pages:
        rule |= Q(page_id__in=list(pages))
    if items:
        rule |= Q(library_item_id__in=list(items))
    events = LearningEvent.objects.filter(rule, user_id__in=student_ids)
    electure = ContentType.objects.get_for_model(ELecturePage).pk
    if not seconds:
        return _event_firsts(events, pages, items, electure)
    grouped: dict[tuple[int, int], list] = defaultdict(list)
    for user_id, page_id, item_id, kind, at in events.values_list(
        "user_id", "page_id", "library_item_id", "kind", "created_at"
    ):
        assignment = pages.get(page_id) if page_id else items.get(item_id)
        if assignment is not None:
            grouped[(assignment.pk, user_id)].append((kind, at))
    by_pk = {a.pk: a for a in assignments}
    found = {}
    for key, rows in grouped.items():
        assignment = by_pk[key[0]]
        done_kinds = (
            {EventKind.COMPLETED}
            if _needs_completion(assignment, electure)
            else {e.value for e in EventKind}
        )
        finished = [at for kind, at in rows if kind in done_kinds]
        found[key] = StudentWork(
            started=True,
            finished_at=min(finished) if finished else None,
            seconds=_event_seconds([at for _kind, at in rows]),
            attempts=1,
        )
    return found


def _needs_completion(assignment: Assignment, electure: int) -> bool:
    """An e-lecture is done only when completed; any event finishes a lesson or an item."""
    return assignment.kind == WorkKind.LESSON and assignment.page.content_type_id == electure


def _event_firsts(events, pages, items, electure) -> dict[tuple[int, int], StudentWork]:
    """Per student and work: started, and the first finishing event (no time spent)."""
    found = {}
    rows = events.values("user_id", "page_id", "library_item_id").annotate(
        first=Min("created_at"),
        completed=Min(Case(When(kind=EventKind.COMPLETED, then=F("created_at")))),
    )
    for row in rows:
        page_id, item_id = row["page_id"], row["library_item_id"]
        assignment = pages.get(page_id) if page_id else items.get(item_id)
        if assignment is None:
            continue
        finished = row["completed"] if _needs_completion(assignment, electure) else row["first"]
        found[(assignment.pk, row["user_id"])] = StudentWork(
            started=True, finished_at=finished, attempts=1
        )
    return found


def _package_work(assignments, student_ids) -> dict[tuple[int, int], StudentWork]:
    packages = {a.package_id: a for a in assignments if a.kind == WorkKind.PACKAGE and a.package_id}
    if not packages:
        return {}
    grouped: dict[tuple[int, int], list[PackageAttempt]] = defaultdict(list)
    attempts = PackageAttempt.objects.filter(
        version__package_id__in=list(packages), user_id__in=student_ids
    ).select_related("version")
    for attempt in attempts:
        grouped[(packages[attempt.version.package_id].pk, attempt.user_id)].append(attempt)
    found = {}
    for key, rows in grouped.items():
        complete = all(r.completion_status == Completion.COMPLETED for r in rows)
        scored = [r for r in rows if r.score_raw is not None and r.score_max]
        found[key] = StudentWork(
            started=True,
            finished_at=max(r.completed_at or r.updated_at for r in rows) if complete else None,
            score=sum((r.score_raw for r in scored), Decimal(0)) if scored else None,
            max_score=sum((r.score_max for r in scored), Decimal(0)) if scored else None,
            attempts=len(rows),
            seconds=sum(r.seconds for r in rows),
        )
    return found


def statuses(
    assignments: list[Assignment],
    overrides: dict[tuple[int, int], datetime | None],
    *,
    now=None,
    seconds: bool = True,
) -> dict[tuple[int, int], StudentWork]:
    """``(assignment id, student id)`` → :class:`StudentWork`, for every pair in
    ``overrides`` (whose value is the student's own due date, or None). The assignments
    come with ``page`` selected (for lessons). Without ``seconds`` the time spent on lessons
    and library items is not counted (lists that show only who finished)."""
    now = now or timezone.now()
    student_ids = sorted({sid for _aid, sid in overrides})
    found: dict[tuple[int, int], StudentWork] = {}
    found.update(_paper_work(assignments, student_ids))
    found.update(_event_work(assignments, student_ids, seconds=seconds))
    found.update(_package_work(assignments, student_ids))
    hand_marked = _hand_marked(found)
    by_pk = {a.pk: a for a in assignments}
    out = {}
    for key, own_due in overrides.items():
        work = found.get(key) or StudentWork()
        assignment = by_pk[key[0]]
        marked = key in hand_marked and work.pending == 0
        _finish(work, due_for(assignment, own_due), now, marked=marked)
        out[key] = work
    return out


def _hand_marked(found: dict) -> set:
    """Pairs whose counted attempt has a teacher's mark (one query)."""
    ids = {w.counted_attempt_id: key for key, w in found.items() if w.counted_attempt_id}
    if not ids:
        return set()
    marked = EssayMark.objects.filter(attempt_id__in=list(ids)).values_list("attempt_id", flat=True)
    return {ids[a] for a in set(marked)}


def assignment_scores(assignment: Assignment) -> dict[int, tuple[Decimal, Decimal]]:
    """``{student id: (score, max)}`` of the assignment's students who have a score,
    counted by the assignment's rule (highest / last / average of the graded attempts; a
    package's self-reported score). For the gradebook, which converts to the 10-point scale."""
    overrides = {
        (assignment.pk, sid): None
        for sid in assignment.students.values_list("student_id", flat=True)
    }
    works = statuses([assignment], overrides)
    return {
        sid: (w.score, w.max_score)
        for (_aid, sid), w in works.items()
        if w.score is not None and w.max_score
    }
