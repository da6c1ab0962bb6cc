"""The assignment's scores as marking needs them, read from the exam engine through
:func:`lms.assignments.status.statuses` (the same counted score the progress page shows):
out of 10 for the gradebook, leaving out students whose answers still wait for marking;
and who can have their work returned."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from lms.assignments.models import Assignment, WorkKind
from lms.assignments.status import StudentWork, statuses

TEN = Decimal(10)
#: Work with a score, which a gradebook column can take.
SCORED_KINDS = frozenset({WorkKind.PRACTICE, WorkKind.TEST, WorkKind.PACKAGE})


@dataclass
class ColumnScores:
    scores: dict[int, Decimal] = field(default_factory=dict)  # student id → out of 10
    pending: int = 0  # a score, but answers still wait for a marker
    missing: int = 0  # no score yet


def student_works(assignment: Assignment, student_ids=None) -> dict[int, StudentWork]:
    rows = assignment.students.all()
    if student_ids is not None:
        rows = rows.filter(student_id__in=list(student_ids))
    pairs = {(assignment.pk, sid): due for sid, due in rows.values_list("student_id", "due_at")}
    return {sid: work for (_aid, sid), work in statuses([assignment], pairs).items()}


def column_scores(assignment: Assignment, *, student_ids=None) -> ColumnScores:
    """``{student id: score out of 10}`` (not yet rounded: the gradebook's rules round)."""
    found = ColumnScores()
    for student_id, work in student_works(assignment, student_ids).items():
        if work.score is None or not work.max_score:
            found.missing += 1
        elif work.pending:
            found.pending += 1
        else:
            found.scores[student_id] = Decimal(work.score) * TEN / Decimal(work.max_score)
    return found


def returnable_students(assignment: Assignment, student_ids=None) -> tuple[list[int], int]:
    """(students whose work is in and fully marked, how many have answers still waiting)."""
    ready, waiting = [], 0
    for student_id, work in sorted(student_works(assignment, student_ids).items()):
        if work.counted_attempt_id is None:
            continue
        if work.pending:
            waiting += 1
        else:
            ready.append(student_id)
    return ready, waiting
