"""Scores of an online exam session (:mod:`lms.exams`) for a gradebook column: each
student's latest graded attempt, as a mark out of 10 before the rules round it (the
session's paper may total anything: a result's items carry their maximum points).

Students with essays not yet marked, or without a graded attempt, are left out and
counted, so the teacher can fill the column again once marking is done.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet

from lms import permissions
from lms.exams.models import AttemptResult, ExamSession

TEN = Decimal(10)


@dataclass
class SessionScores:
    scores: dict[int, Decimal] = field(default_factory=dict)  # student id → score out of 10
    pending: int = 0  # graded but with essays waiting for a marker
    missing: int = 0  # the class's candidates without a graded attempt


def fillable_sessions(user, school_class) -> QuerySet[ExamSession]:
    """Sessions the user runs that have candidates of ``school_class``, newest first."""
    return (
        permissions.manageable_sessions(user)
        .filter(candidates__student__enrolments__school_class=school_class)
        .distinct()
        .order_by("-opens_at", "-pk")
    )


def session_scores(*, session: ExamSession, school_class) -> SessionScores:
    """The class's students' scores in ``session`` (one query for the results)."""
    found = SessionScores()
    latest: dict[int, AttemptResult] = {}
    results = (
        AttemptResult.objects.filter(
            attempt__candidate__session=session,
            attempt__candidate__student__enrolments__school_class=school_class,
        )
        .select_related("attempt__candidate")
        .order_by("attempt__candidate_id", "attempt__number")
    )
    for result in results:
        latest[result.attempt.candidate.student_id] = result
    candidates = set(
        session.candidates.filter(student__enrolments__school_class=school_class).values_list(
            "student_id", flat=True
        )
    )
    found.missing = len(candidates - set(latest))
    for student_id, result in latest.items():
        total = sum((Decimal(str(i.get("max") or 0)) for i in result.items), Decimal(0))
        if result.pending:
            found.pending += 1
        elif total > 0:
            found.scores[student_id] = Decimal(result.score) * TEN / total
    return found
