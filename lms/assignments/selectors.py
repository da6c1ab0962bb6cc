"""Reads shared by the assignment pages: a student's "Việc cần làm", a class's assignments
with how many students finished, and where a student goes to do a piece of work. Each
asks :mod:`lms.permissions` for the rows it may show; none grows in queries with rows."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from lms import permissions
from lms.assignments.models import PAPER_KINDS, Assignment, AssignmentStudent, WorkKind
from lms.assignments.status import StudentWork, due_for, statuses
from lms.exams.models import Candidate

#: How many finished pieces of work the to-do list still shows.
DONE_SHOWN = 20
#: Work due longer ago than this leaves the list (a school year's list stays short).
WINDOW_DAYS = 180


@dataclass
class TodoItem:
    assignment: Assignment
    work: StudentWork
    due_at: datetime | None

    @property
    def url(self) -> str:
        return reverse("assignment_work", kwargs={"assignment_id": self.assignment.pk})


def _with_related(queryset):
    return queryset.select_related("school_class", "subject", "session", "page", "created_by")


def todo(*, user, now=None) -> tuple[list[TodoItem], list[TodoItem]]:
    """(to do: by due date, soonest first, no due date last; done: latest due first)."""
    now = now or timezone.now()
    recent = Q(due_at__isnull=True) | Q(due_at__gte=now - dt.timedelta(days=WINDOW_DAYS))
    assignments = list(_with_related(permissions.own_assignments(user, now=now).filter(recent)))
    own = dict(
        AssignmentStudent.objects.filter(
            student=user, assignment__in=[a.pk for a in assignments]
        ).values_list("assignment_id", "due_at")
    )
    works = statuses(assignments, {(a.pk, user.pk): own.get(a.pk) for a in assignments}, now=now)
    items = [TodoItem(a, works[(a.pk, user.pk)], due_for(a, own.get(a.pk))) for a in assignments]
    far = datetime.max.replace(tzinfo=timezone.get_current_timezone())
    pending = sorted(
        (i for i in items if not i.work.finished), key=lambda i: (i.due_at or far, i.assignment.pk)
    )
    done = sorted(
        (i for i in items if i.work.finished),
        key=lambda i: (i.due_at or far, i.assignment.pk),
        reverse=True,
    )[:DONE_SHOWN]
    return pending, done


@dataclass
class ClassAssignmentRow:
    assignment: Assignment
    students: int
    finished: int
    counts: dict

    @property
    def finished_text(self) -> str:
        return f"{self.finished}/{self.students}"


def class_assignments(*, user, school_class) -> list[ClassAssignmentRow]:
    """The class's assignments (latest due first) with how many students finished each."""
    assignments = list(
        _with_related(
            permissions.followed_assignments(user).filter(school_class=school_class)
        ).order_by("-due_at", "-pk")
    )
    pairs = {
        (a_id, s_id): due
        for a_id, s_id, due in AssignmentStudent.objects.filter(
            assignment__in=[a.pk for a in assignments]
        ).values_list("assignment_id", "student_id", "due_at")
    }
    works = statuses(assignments, pairs, seconds=False)
    rows = []
    for assignment in assignments:
        mine = [w for (aid, _sid), w in works.items() if aid == assignment.pk]
        rows.append(
            ClassAssignmentRow(
                assignment=assignment,
                students=len(mine),
                finished=sum(1 for w in mine if w.finished),
                counts=dict(Counter(w.status for w in mine)),
            )
        )
    return rows


def work_url(assignment: Assignment, student) -> str | None:
    """Where the student does the work: the exam engine's entry of their candidacy, the
    lesson page, the library item, the package player."""
    if assignment.kind in PAPER_KINDS:
        candidate = (
            Candidate.objects.filter(session_id=assignment.session_id, student=student)
            .values_list("pk", flat=True)
            .first()
        )
        return reverse("exam_entry", kwargs={"candidate_id": candidate}) if candidate else None
    if assignment.kind == WorkKind.LESSON and assignment.page_id:
        return assignment.page.specific.url
    if assignment.kind == WorkKind.LIBRARY_ITEM and assignment.library_item_id:
        return assignment.library_item.get_absolute_url()
    if assignment.kind == WorkKind.PACKAGE and assignment.package_id:
        version_id = assignment.package.current_id
        if version_id:
            return reverse("lms-package-play", kwargs={"version_id": version_id})
    return None
