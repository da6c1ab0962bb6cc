"""Writes of marking: rubrics, a teacher's mark of one answer (through the exam engine's
:func:`lms.exams.grading.essay_mark`, which keeps the attempt's total and its
:class:`~lms.exams.models.ScoreChange`), returning work to students, and the assignment's
gradebook column ("Ghi vào sổ điểm") that every later mark updates.

Keyword-only; each checks its rule in :mod:`lms.permissions`, runs in one transaction and
leaves an audit entry (Wagtail's log).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.models import User
from lms import permissions
from lms.assignments.models import Assignment
from lms.assignments.services import mark_returned_notify
from lms.exams import grading
from lms.exams.models import Attempt
from lms.gradebook import services as gradebook
from lms.gradebook.models import Term
from lms.marking.models import SCHEMA_VERSION, GradebookLink, ManualMark, MarkReturn, Rubric
from lms.marking.rubrics import levels_chosen, rubric_parse
from lms.marking.scores import SCORED_KINDS, column_scores, returnable_students

MARK_ACTION = "lms.marking.mark"
RETURN_ACTION = "lms.marking.return"
LINK_ACTION = "lms.marking.gradebook"
RUBRIC_ACTION = "lms.marking.rubric"


# --- Rubrics ------------------------------------------------------------------------------
@transaction.atomic
def rubric_save(*, user, title: str, text: str, rubric: Rubric | None = None) -> Rubric:
    """Create (``rubric`` None) or change one of the user's rubrics from its text."""
    if not permissions.can_keep_rubrics(user):
        raise PermissionDenied(_("Chỉ giáo viên mới tạo được tiêu chí chấm."))
    if rubric is not None and not permissions.own_rubrics(user).filter(pk=rubric.pk).exists():
        raise PermissionDenied(_("Tiêu chí chấm này không phải của bạn."))
    title = (title or "").strip()
    errors = {}
    if not title:
        errors["title"] = [_("Hãy đặt tên cho tiêu chí chấm.")]
    try:
        criteria = rubric_parse(text)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    rubric = rubric or Rubric(owner=user)
    rubric.title, rubric.criteria = title[:200], criteria
    rubric.save()
    log(rubric, RUBRIC_ACTION, user=user, data={"criteria": len(criteria["criteria"])})
    return rubric


# --- Marking one answer -------------------------------------------------------------------
@dataclass
class MarkInput:
    """A teacher's mark of one answer: typed points, or a rubric's levels (criterion index
    → level index) whose points add up; typed points win over the rubric's sum."""

    points: Decimal | None = None
    comment: str = ""
    reason: str = ""
    rubric: Rubric | None = None
    picks: dict[int, int] = field(default_factory=dict)


@dataclass
class MarkOutcome:
    mark: ManualMark
    gradebook_warning: str = ""


def assignment_attempt(assignment: Assignment, attempt_id) -> Attempt | None:
    """A submitted attempt of the assignment's own session, or None."""
    if not assignment.session_id:
        return None
    return (
        Attempt.objects.filter(
            pk=attempt_id,
            candidate__session_id=assignment.session_id,
            state=Attempt.State.SUBMITTED,
        )
        .select_related("candidate__student", "candidate__session")
        .first()
    )


def _points_of(user, data: MarkInput) -> tuple[Decimal, dict]:
    """The points to give and the rubric levels to keep."""
    levels: dict = {}
    total = None
    if data.rubric is not None:
        if not permissions.own_rubrics(user).filter(pk=data.rubric.pk).exists():
            raise ValidationError({"rubric": _("Tiêu chí chấm này không phải của bạn.")})
        chosen, errors = levels_chosen(data.rubric.criteria, data.picks)
        if errors:
            raise ValidationError(errors)
        total = sum((Decimal(c["points"]) for c in chosen), Decimal(0))
        levels = {"schema_version": SCHEMA_VERSION, "levels": chosen}
    points = data.points if data.points is not None else total
    if points is None:
        raise ValidationError({"points": _("Hãy nhập điểm hoặc chọn mức theo tiêu chí chấm.")})
    return points, levels


@transaction.atomic
def answer_mark(
    *, user, assignment: Assignment, attempt: Attempt, slot: int, data: MarkInput
) -> MarkOutcome:
    """Mark one answer of a student's attempt (an essay, or an override with a reason),
    keep the rubric levels, the comment, who and when; then update the assignment's
    gradebook column for that student (a refusal there is told, the mark is kept)."""
    if not permissions.can_mark_assignment(user, assignment):
        raise PermissionDenied(_("Bạn không dạy lớp này nên không chấm được bài này."))
    if assignment_attempt(assignment, attempt.pk) is None:
        raise ValidationError({"attempt": _("Bài làm không thuộc bài giao này.")})
    points, levels = _points_of(user, data)
    grading.essay_mark(
        user=user,
        attempt=attempt,
        slot=slot,
        points=points,
        comment=data.comment,
        reason=data.reason,
    )
    mark = ManualMark.objects.create(
        assignment=assignment,
        attempt=attempt,
        slot=slot,
        points=points,
        comment=(data.comment or "").strip(),
        reason=(data.reason or "").strip()[:300],
        rubric=data.rubric,
        levels=levels,
        marker=user,
        marked_at=timezone.now(),
    )
    log(
        assignment,
        MARK_ACTION,
        user=user,
        data={"attempt": attempt.pk, "slot": slot, "points": str(points)},
    )
    warning = gradebook_update(
        user=user, assignment=assignment, student_ids={attempt.candidate.student_id}
    )
    return MarkOutcome(mark=mark, gradebook_warning=warning)


# --- Returning work -----------------------------------------------------------------------
@transaction.atomic
def marks_return(*, user, assignment: Assignment, student_ids=None) -> tuple[list, int]:
    """Return the marked work (trả bài) of the assignment's students (all, or
    ``student_ids``) whose answers are all marked; tell them. Returns (the students
    returned to, how many were left out because something still waits for marking)."""
    if not permissions.can_mark_assignment(user, assignment):
        raise PermissionDenied(_("Bạn không dạy lớp này nên không trả bài được."))
    ready, waiting = returnable_students(assignment, student_ids)
    if not ready:
        return [], waiting
    now = timezone.now()
    students = list(User.objects.filter(pk__in=ready).order_by("pk"))
    for student in students:
        MarkReturn.objects.update_or_create(
            assignment=assignment,
            student=student,
            defaults={"returned_by": user, "returned_at": now},
        )
    mark_returned_notify(assignment=assignment, students=students)
    log(assignment, RETURN_ACTION, user=user, data={"students": [s.pk for s in students]})
    return students, waiting


# --- The gradebook column -----------------------------------------------------------------
@dataclass
class FillOutcome:
    link: GradebookLink
    written: int
    changed: int
    pending: int
    missing: int


def _check_column(user, assignment: Assignment, subject, term: int, column: str) -> None:
    school_class = assignment.school_class
    if assignment.kind not in SCORED_KINDS:
        raise ValidationError({"assignment": _("Bài giao này không có điểm để ghi vào sổ điểm.")})
    if not permissions.can_edit_gradebook(user, school_class, subject):
        raise PermissionDenied(_("Bạn không dạy môn này ở lớp này nên không ghi sổ điểm được."))
    if term not in Term.values:
        raise ValidationError({"term": _("Học kỳ không hợp lệ.")})
    rules = gradebook.class_rules(school_class)
    if rules.is_comment(subject):
        raise ValidationError({"subject": _("Môn đánh giá bằng nhận xét không nhận điểm số.")})
    if column not in rules.columns(subject, school_class.grade):
        raise ValidationError({"column": _("Môn này không có cột điểm đã chọn.")})


@transaction.atomic
def gradebook_write(
    *, user, assignment: Assignment, subject, term: int, column: str
) -> FillOutcome:
    """Map the assignment to a gradebook column of its class and write its scores there
    (converted to the 10-point scale, rounded by the rules). Refused whole (the mapping
    too) when the user does not teach the subject there or the term is locked (its reason)."""
    if not permissions.can_mark_assignment(user, assignment):
        raise PermissionDenied(_("Bạn không dạy lớp này."))
    _check_column(user, assignment, subject, term, column)
    now = timezone.now()
    link, _created = GradebookLink.objects.update_or_create(
        assignment=assignment,
        defaults={
            "subject": subject,
            "term": term,
            "column": column,
            "set_by": user,
            "set_at": now,
        },
    )
    found = column_scores(assignment)
    changed = gradebook.gradebook_column_fill(
        user=user,
        school_class=assignment.school_class,
        subject=subject,
        term=term,
        column=column,
        scores=found.scores,
        scale_max=Decimal(10),
        note=assignment.title,
    )
    link.written_at = now
    link.save(update_fields=["written_at"])
    log(
        assignment,
        LINK_ACTION,
        user=user,
        data={"subject": subject.pk, "term": term, "column": column, "changed": changed},
    )
    return FillOutcome(link, len(found.scores), changed, found.pending, found.missing)


def gradebook_update(*, user, assignment: Assignment, student_ids: set[int]) -> str:
    """After a mark: the students' scores into the assignment's column, if it has one.
    Returns why it could not (the term locked, the marker not teaching the subject), or ""."""
    link = GradebookLink.objects.filter(assignment=assignment).select_related("subject").first()
    if link is None:
        return ""
    found = column_scores(assignment, student_ids=student_ids)
    if not found.scores:
        return ""
    try:
        with transaction.atomic():
            gradebook.gradebook_column_fill(
                user=user,
                school_class=assignment.school_class,
                subject=link.subject,
                term=link.term,
                column=link.column,
                scores=found.scores,
                scale_max=Decimal(10),
                note=assignment.title,
            )
    except (PermissionDenied, ValidationError) as refused:
        reason = " ".join(getattr(refused, "messages", None) or [str(refused)])
        return _("Điểm đã lưu nhưng chưa ghi được vào sổ điểm: %(reason)s") % {"reason": reason}
    return ""


__all__ = [
    "FillOutcome",
    "MarkInput",
    "answer_mark",
    "gradebook_update",
    "gradebook_write",
    "marks_return",
    "rubric_save",
]
