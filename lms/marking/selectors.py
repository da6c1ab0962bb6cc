"""Reads of marking: the queue of an assignment (every submitted attempt with its essays
marked or waiting, and whether it was returned), one answer with its marking guide and
its history, what a student sees once their work is returned, and the gradebook panel of
the progress page. Callers check :mod:`lms.permissions` first; none grows in queries
with the number of students."""

from __future__ import annotations

from dataclasses import dataclass, field

from curriculum.models import Subject
from lms import permissions
from lms.assignments.models import Assignment
from lms.exams.delivery import variant_items
from lms.exams.models import Attempt, AttemptAnswer, EssayMark
from lms.exams.results import PART_NAMES, answer_text, key_text, vn
from lms.gradebook.models import Term
from lms.gradebook.values import column_label
from lms.marking.models import GradebookLink, ManualMark, MarkReturn
from lms.marking.scores import SCORED_KINDS, student_works
from question_bank.formats.base import QType

#: The columns a mapping may name (the subject's own are checked when writing).
COLUMNS = ("tx1", "tx2", "tx3", "tx4", "gk", "ck")


@dataclass
class QueueEssay:
    slot: int
    number: int
    marked: bool
    points: str
    max: str


@dataclass
class QueueRow:
    attempt: Attempt
    student: object
    essays: list[QueueEssay] = field(default_factory=list)
    score: str = "—"
    returned_at: object = None

    @property
    def waiting(self) -> int:
        return sum(1 for e in self.essays if not e.marked)


def queue(assignment: Assignment) -> list[QueueRow]:
    """Submitted attempts of the assignment (by student name, then attempt number) with
    each essay marked or waiting; a few queries whatever the class size."""
    if not assignment.session_id:
        return []
    attempts = list(
        Attempt.objects.filter(
            candidate__session_id=assignment.session_id, state=Attempt.State.SUBMITTED
        )
        .select_related("candidate__student", "result")
        .order_by("candidate__student__full_name", "candidate__student_id", "number")
    )
    marks = {
        (m.attempt_id, m.slot): m
        for m in EssayMark.objects.filter(attempt__in=[a.pk for a in attempts])
    }
    returned = dict(
        MarkReturn.objects.filter(assignment=assignment).values_list("student_id", "returned_at")
    )
    rows = []
    for attempt in attempts:
        student = attempt.candidate.student
        row = QueueRow(attempt, student, returned_at=returned.get(student.pk))
        result = getattr(attempt, "result", None)
        if result is not None:
            row.score = vn(result.score)
        for item in variant_items(attempt.candidate.variant_id):
            if item["data"].get("qtype") != QType.ESSAY:
                continue
            mark = marks.get((attempt.pk, item["slot"]))
            row.essays.append(
                QueueEssay(
                    item["slot"],
                    item["number"],
                    mark is not None,
                    vn(mark.points) if mark else "",
                    vn(item["points"]),
                )
            )
        rows.append(row)
    return rows


def answer(assignment: Assignment, attempt: Attempt, slot: int) -> dict | None:
    """One answer for the marking page: the question, the student's answer, the key or
    the marking guide, the mark in force and every manual mark before (who, when)."""
    items = variant_items(attempt.candidate.variant_id)
    if not 0 <= slot < len(items):
        return None
    item = items[slot]
    response = (
        AttemptAnswer.objects.filter(attempt=attempt, slot=slot)
        .values_list("response", flat=True)
        .first()
    )
    data = item["data"]
    essay = data.get("qtype") == QType.ESSAY
    return {
        "item": item,
        "part_name": PART_NAMES.get(item["part"], str(item["part"])),
        "essay": essay,
        "answer": answer_text(data, response),
        "key": "" if essay else key_text(data),
        "marking_guide": data.get("marking_guide") or "",
        "mark": EssayMark.objects.filter(attempt=attempt, slot=slot).first(),
        "history": list(
            ManualMark.objects.filter(attempt=attempt, slot=slot)
            .select_related("marker", "rubric")
            .order_by("-marked_at", "-pk")
        ),
        "slots": [
            {
                "slot": i["slot"],
                "label": f"{PART_NAMES.get(i['part'], i['part'])} – {i['number']}",
                "essay": i["data"].get("qtype") == QType.ESSAY,
            }
            for i in items
        ],
        "max": vn(item["points"]),
    }


def student_feedback(*, assignment: Assignment, student) -> dict | None:
    """What a student sees once their work is returned: when, and for their counted
    attempt each hand-marked answer's points, rubric levels and comment. None before."""
    returned = (
        permissions.own_returns(student)
        .filter(assignment=assignment)
        .select_related("returned_by")
        .first()
    )
    if returned is None:
        return None
    work = student_works(assignment, [student.pk]).get(student.pk)
    attempt_id = work.counted_attempt_id if work else None
    if attempt_id is None:
        return {"returned": returned, "rows": []}
    attempt = Attempt.objects.select_related("candidate").get(pk=attempt_id)
    items = variant_items(attempt.candidate.variant_id)
    latest = {}
    for mark in ManualMark.objects.filter(attempt_id=attempt_id).order_by("marked_at", "pk"):
        latest[mark.slot] = mark
    rows = []
    for mark in EssayMark.objects.filter(attempt_id=attempt_id).order_by("slot"):
        item = items[mark.slot] if mark.slot < len(items) else None
        manual = latest.get(mark.slot)
        rows.append(
            {
                "label": f"{PART_NAMES.get(item['part'], '')} – {item['number']}" if item else "",
                "stem": item["data"].get("stem", "") if item else "",
                "points": vn(mark.points),
                "max": vn(item["points"]) if item else "",
                "comment": mark.comment,
                "levels": [{**level, "points": vn(level["points"])} for level in manual.chosen]
                if manual
                else [],
                "rubric": manual.rubric.title if manual and manual.rubric else "",
            }
        )
    return {"returned": returned, "rows": rows}


def gradebook_panel(user, assignment: Assignment) -> dict:
    """The "Ghi vào sổ điểm" form: the subjects the user keeps marks of in the class, the
    terms and columns, and the mapping in force."""
    editable = permissions.editable_gradebook_subjects(user, assignment.school_class)
    link = GradebookLink.objects.filter(assignment=assignment).select_related("subject").first()
    return {
        "scored": assignment.kind in SCORED_KINDS,
        "link": link,
        "link_column": column_label(link.column) if link else "",
        "subjects": list(Subject.objects.filter(pk__in=editable).order_by("sort_order", "name")),
        "terms": Term.choices,
        "columns": [(c, column_label(c)) for c in COLUMNS],
        "default_subject": link.subject_id if link else assignment.subject_id,
    }


__all__ = ["COLUMNS", "answer", "gradebook_panel", "queue", "student_feedback"]
