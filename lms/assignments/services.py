"""Writes of assignments: give work, edit it, per-student overrides, release results, and
tell students (in-app notification, an email after commit where the student or their
parent has an address).

Keyword-only; each checks its rule in :mod:`lms.permissions`, runs in one transaction and
leaves an audit entry (Wagtail's log). A paper's work runs on the exam engine: the
assignment makes its own session (:func:`lms.exams.services.session_create`) whose
candidates are the assignment's students; an edit changes the session's settings and its
list of candidates, never an attempt.
"""

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail.log_actions import log

from accounts.models import TeachingAssignment
from content.models import ELecturePage, LessonPage
from lms import permissions
from lms.assignments.models import (
    PAPER_KINDS,
    Assignment,
    AssignmentStudent,
    Audience,
    LatePolicy,
    Notification,
    WorkKind,
)
from lms.exams import services as exams
from lms.exams.models import Attempt, Candidate, ExamSession
from lms.exams.saving import forget_attempt_state
from question_bank.assembly.models import Paper
from question_bank.assembly.services import AssemblyOptions, MatrixInvalid, papers_assemble
from question_bank.assembly.shuffle import CodeError
from question_bank.assembly.solver import AssemblyInfeasible

logger = logging.getLogger(__name__)

#: The fields that name the work; they cannot change once a student has started.
WORK_FIELDS = ("kind", "page_id", "library_item_id", "paper_id", "package_id")
STARTED = _lazy("Đã có học sinh bắt đầu làm bài: không đổi được nội dung bài giao.")


@dataclass
class AssignmentInput:
    """What the teacher's form gives (already narrowed to what the teacher may choose)."""

    title: str
    school_class: object
    kind: str
    opens_at: datetime
    due_at: datetime | None = None
    instructions: str = ""
    audience: str = Audience.CLASS
    group_name: str = ""
    students: list = field(default_factory=list)
    page: object = None
    library_item: object = None
    paper: object = None
    package: object = None
    #: A test may come from an exam matrix instead of a paper: a paper with ``versions``
    #: shuffled versions (mã đề) is assembled from it when the work is given.
    matrix: object = None
    versions: int = 1
    late_policy: str = LatePolicy.ACCEPT
    duration_minutes: int | None = None
    attempts_allowed: int = 1
    score_rule: str = "highest"
    release_policy: str = "immediate"
    review_policy: str = "answers"


def _paper_errors(user, data: AssignmentInput) -> dict:
    errors = {}
    wanted = Paper.Kind.PRACTICE if data.kind == WorkKind.PRACTICE else Paper.Kind.EXAM
    if data.matrix is not None:
        errors.update(_matrix_errors(user, data))
    elif data.paper is None:
        errors["paper"] = (
            _("Hãy chọn một đề hoặc một ma trận đề.")
            if data.kind == WorkKind.TEST
            else _("Hãy chọn đề hoặc bộ luyện tập.")
        )
    elif data.paper.kind != wanted:
        errors["paper"] = _("Đề đã chọn không phải loại “%(kind)s”.") % {
            "kind": WorkKind(data.kind).label
        }
    elif not permissions.assignable_papers(user).filter(pk=data.paper.pk).exists():
        errors["paper"] = _("Bạn không được giao đề này.")
    if data.kind == WorkKind.TEST and not data.duration_minutes:
        errors["duration_minutes"] = _("Bài kiểm tra cần thời gian làm bài (phút).")
    return errors


#: Shuffled versions (mã đề) a test assembled from a matrix may have.
MAX_VERSIONS = 24


def _matrix_errors(user, data: AssignmentInput) -> dict:
    """A matrix is for a test only, instead of a paper, one the user may assemble from."""
    if data.kind != WorkKind.TEST:
        return {"matrix": _("Chỉ bài kiểm tra mới ghép đề từ ma trận được.")}
    if data.paper is not None:
        return {"matrix": _("Hãy chọn một đề hoặc một ma trận, không chọn cả hai.")}
    if not permissions.assignable_matrices(user).filter(pk=data.matrix.pk).exists():
        return {"matrix": _("Bạn không được dùng ma trận này.")}
    if not 1 <= (data.versions or 0) <= MAX_VERSIONS:
        return {"versions": _("Số mã đề phải từ 1 đến %(max)d.") % {"max": MAX_VERSIONS}}
    return {}


def _paper_from_matrix(user, data: AssignmentInput) -> Paper:
    """The paper assembled from the matrix by question_bank's own service (CP-SAT), with
    the versions asked; when the bank falls short, a form error naming each short cell
    (the assembly writes nothing then; the caller's transaction undoes the rest)."""
    options = AssemblyOptions(
        versions=data.versions, school_id=data.school_class.school_id, time_limit=3.0
    )
    try:
        [paper] = papers_assemble(user=user, matrix=data.matrix, options=options)
    except (MatrixInvalid, AssemblyInfeasible) as exc:
        problems = exc.problems if isinstance(exc, MatrixInvalid) else exc.messages
        intro = _("Không ghép được đề từ ma trận “%(matrix)s”:") % {"matrix": data.matrix.title}
        raise ValidationError({"matrix": [intro, *problems]}) from exc
    except CodeError as exc:
        raise ValidationError({"versions": str(exc)}) from exc
    if permissions.has_confidential_questions(paper):
        raise ValidationError(
            {
                "matrix": _(
                    "Ma trận “%(matrix)s” lấy câu hỏi từ kho đề bảo mật của hội đồng thi, không "
                    "giao cho lớp được. Hãy chọn cho ma trận các ngân hàng không bảo mật."
                )
                % {"matrix": data.matrix.title}
            }
        )
    return paper


#: The field each other kind of work needs, and the error when it is empty.
_WORK_FIELD = {
    WorkKind.LESSON: ("page", _lazy("Hãy chọn bài học hoặc bài giảng.")),
    WorkKind.LIBRARY_ITEM: ("library_item", _lazy("Hãy chọn tài liệu trong thư viện.")),
    WorkKind.PACKAGE: ("package", _lazy("Hãy chọn gói bài giảng.")),
}


def _may_give(user, name: str, work) -> bool:
    """The same rule that narrows the form's choices (:mod:`lms.permissions`)."""
    if name == "page":
        return any(
            permissions.assignable_pages(user, model).filter(pk=work.pk).exists()
            for model in (LessonPage, ELecturePage)
        )
    if name == "library_item":
        return permissions.assignable_library_items(user).filter(pk=work.pk).exists()
    return permissions.assignable_packages(user).filter(pk=work.pk).exists()


def _check_work(user, data: AssignmentInput) -> None:
    """The work named by ``kind`` is there, of the right type, and the user may give it;
    the dates and the number of attempts make sense."""
    if data.kind in PAPER_KINDS:
        errors = _paper_errors(user, data)
    else:
        name, message = _WORK_FIELD[WorkKind(data.kind)]
        work = getattr(data, name)
        errors = {name: str(message)} if work is None else {}
        if work is not None and not _may_give(user, name, work):
            errors[name] = _("Bạn không được giao học liệu này.")
    if data.due_at and data.due_at <= data.opens_at:
        errors["due_at"] = _("Hạn nộp phải sau thời điểm mở bài.")
    if data.late_policy == LatePolicy.REFUSE and not data.due_at:
        errors["late_policy"] = _("Không nhận bài muộn thì cần có hạn nộp.")
    if not 1 <= (data.attempts_allowed or 0) <= 99:
        errors["attempts_allowed"] = _("Số lần làm phải từ 1 đến 99.")
    if errors:
        raise ValidationError(errors)


def _recipients(user, data: AssignmentInput) -> list:
    allowed = permissions.class_students_for_assignment(user, data.school_class)
    if data.audience == Audience.CLASS:
        return list(allowed.order_by("pk"))
    ids = {s.pk for s in data.students}
    chosen = list(allowed.filter(pk__in=ids).order_by("pk"))
    if not chosen:
        raise ValidationError({"students": _("Hãy chọn ít nhất một học sinh của lớp.")})
    if len(chosen) != len(ids):
        raise ValidationError({"students": _("Có học sinh không thuộc lớp này.")})
    return chosen


def _window(data: AssignmentInput) -> exams.SessionWindow:
    refuse = data.late_policy == LatePolicy.REFUSE
    return exams.SessionWindow(
        opens_at=data.opens_at,
        closes_at=data.due_at if refuse else None,
        duration_minutes=data.duration_minutes if data.kind == WorkKind.TEST else None,
    )


def _session_for(user, data: AssignmentInput, students: list) -> ExamSession | None:
    if data.kind not in PAPER_KINDS:
        return None
    practice = data.kind == WorkKind.PRACTICE
    return exams.session_create(
        user=user,
        paper=data.paper,
        title=data.title,
        window=_window(data),
        kind=ExamSession.Kind.PRACTICE if practice else ExamSession.Kind.EXAM,
        students=students,
        attempts_allowed=data.attempts_allowed,
        release_policy=data.release_policy,
        review_policy=data.review_policy,
        require_identity=False,
    )


_COPIED = (
    "title",
    "instructions",
    "audience",
    "group_name",
    "kind",
    "page",
    "library_item",
    "paper",
    "package",
    "opens_at",
    "due_at",
    "late_policy",
    "duration_minutes",
    "attempts_allowed",
    "score_rule",
    "release_policy",
    "review_policy",
)


def _copy(assignment: Assignment, data: AssignmentInput) -> None:
    for name in _COPIED:
        setattr(assignment, name, getattr(data, name))
    assignment.title = (data.title or "").strip()
    if data.kind not in PAPER_KINDS:
        assignment.paper = None
    if data.kind != WorkKind.LESSON:
        assignment.page = None
    if data.kind != WorkKind.LIBRARY_ITEM:
        assignment.library_item = None
    if data.kind != WorkKind.PACKAGE:
        assignment.package = None
    if data.kind != WorkKind.TEST:
        assignment.duration_minutes = None
    if data.audience == Audience.CLASS:
        assignment.group_name = ""


@transaction.atomic
def assignment_create(*, user, data: AssignmentInput) -> Assignment:
    """Give ``data``'s work to the class (or the chosen students) and tell them."""
    if not permissions.can_assign_to(user, data.school_class):
        raise PermissionDenied(_("Bạn không dạy lớp này nên không giao bài cho lớp được."))
    _check_work(user, data)
    students = _recipients(user, data)
    if not students:
        raise ValidationError({"school_class": _("Lớp này chưa có học sinh nào.")})
    audit = {"students": len(students)}
    if data.matrix is not None:
        audit["matrix"] = data.matrix.pk
        data = replace(data, paper=_paper_from_matrix(user, data), matrix=None)
    assignment = Assignment(school_class=data.school_class, created_by=user)
    _copy(assignment, data)
    assignment.subject_id = _subject_id(user, data)
    assignment.session = _session_for(user, data, students)
    assignment.save()
    AssignmentStudent.objects.bulk_create(
        [AssignmentStudent(assignment=assignment, student=s) for s in students]
    )
    log(assignment, "lms.assignment.create", user=user, data=audit)
    _notify_new_work(assignment, students)
    logger.info("assignment %s given by %s to %d students", assignment.pk, user, len(students))
    return assignment


def _subject_id(user, data: AssignmentInput):
    """The work's subject; else the subject the teacher teaches the class, if only one."""
    for work in (data.page, data.library_item, data.package):
        subject_id = getattr(work, "subject_id", None)
        if subject_id:
            return subject_id
    if data.paper is not None:
        found = (
            data.paper.items.exclude(version__question__subject_id=None)
            .values_list("version__question__subject_id", flat=True)
            .first()
        )
        if found:
            return found
    taught = set(
        TeachingAssignment.objects.filter(teacher=user, school_class=data.school_class)
        .exclude(subject_id=None)
        .values_list("subject_id", flat=True)
    )
    return taught.pop() if len(taught) == 1 else None


def started_student_ids(assignment: Assignment) -> set[int]:
    """Students who began the work (on the exam engine: an attempt)."""
    if assignment.session_id is None:
        return set()
    return set(
        Attempt.objects.filter(candidate__session_id=assignment.session_id).values_list(
            "candidate__student_id", flat=True
        )
    )


def _sync_session(assignment: Assignment, added: list, removed: set[int]) -> None:
    session = assignment.session
    window = _window(assignment)
    session.title = assignment.title
    session.opens_at = window.opens_at
    session.closes_at = window.closes_at
    session.duration_minutes = window.duration_minutes
    session.attempts_allowed = assignment.attempts_allowed
    session.release_policy = assignment.release_policy
    session.review_policy = assignment.review_policy
    session.save()
    exams.candidates_add(session=session, students=added)
    # A student taken off keeps the attempts they made; one who never started goes.
    Candidate.objects.filter(
        session=session, student_id__in=removed, attempts__isnull=True
    ).delete()
    _apply_overrides(assignment)


@transaction.atomic
def assignment_update(*, user, assignment: Assignment, data: AssignmentInput) -> Assignment:
    """Edit an assignment. Students' attempts are kept: the work itself cannot change once a
    student has started, and a student taken off keeps what they did."""
    if not permissions.can_edit_assignment(user, assignment):
        raise PermissionDenied(_("Bạn không được sửa bài giao này."))
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if data.school_class.pk != assignment.school_class_id:
        raise ValidationError({"school_class": _("Không đổi được lớp của bài đã giao.")})
    _check_work(user, data)
    if data.matrix is not None:
        if started_student_ids(assignment):
            raise ValidationError({"kind": str(STARTED)})
        data = replace(data, paper=_paper_from_matrix(user, data), matrix=None)
    before = {name: getattr(assignment, name) for name in WORK_FIELDS}
    _copy(assignment, data)
    work_changed = any(getattr(assignment, n) != before[n] for n in WORK_FIELDS)
    if work_changed and started_student_ids(assignment):
        raise ValidationError({"kind": str(STARTED)})
    students = _recipients(user, data)
    current = set(assignment.students.values_list("student_id", flat=True))
    added = [s for s in students if s.pk not in current]
    removed = current - {s.pk for s in students}
    if work_changed and assignment.session_id:
        old = assignment.session
        assignment.session = None
        assignment.save(update_fields=["session"])
        old.delete()
    if work_changed:
        assignment.subject_id = _subject_id(user, data)
        assignment.session = _session_for(user, data, students)
    assignment.save()
    assignment.students.filter(student_id__in=removed).delete()
    AssignmentStudent.objects.bulk_create(
        [AssignmentStudent(assignment=assignment, student=s) for s in added]
    )
    if assignment.session_id and not work_changed:
        _sync_session(assignment, added, removed)
    log(
        assignment,
        "lms.assignment.edit",
        user=user,
        data={"added": [s.pk for s in added], "removed": sorted(removed)},
    )
    _notify_new_work(assignment, added)
    return assignment


def _apply_overrides(assignment: Assignment) -> None:
    """Copy the students' own due dates and extra minutes to their candidacies; their
    attempts in progress get the new deadline."""
    refuse = assignment.late_policy == LatePolicy.REFUSE
    rows = {r.student_id: r for r in assignment.students.all()}
    candidates = list(Candidate.objects.filter(session_id=assignment.session_id))
    for candidate in candidates:
        row = rows.get(candidate.student_id)
        candidate.closes_at = row.due_at if (row and refuse and row.due_at) else None
        candidate.extra_minutes = row.extra_minutes if row else 0
    Candidate.objects.bulk_update(candidates, ["closes_at", "extra_minutes"])
    session = assignment.session
    open_attempts = Attempt.objects.filter(
        candidate__session_id=assignment.session_id, state=Attempt.State.IN_PROGRESS
    ).select_related("candidate")
    for attempt in open_attempts:
        attempt.deadline = exams.attempt_deadline(attempt, session)
        attempt.save(update_fields=["deadline"])
        transaction.on_commit(lambda pk=attempt.pk: forget_attempt_state(pk))


@transaction.atomic
def override_set(
    *, user, assignment: Assignment, student, due_at: datetime | None, extra_minutes: int = 0
) -> AssignmentStudent:
    """One student's own due date and extra minutes (both empty: the assignment's)."""
    if not permissions.can_edit_assignment(user, assignment):
        raise PermissionDenied(_("Bạn không được sửa bài giao này."))
    row = assignment.students.filter(student=student).first()
    if row is None:
        raise ValidationError({"student": _("Học sinh này không được giao bài này.")})
    if due_at and due_at <= assignment.opens_at:
        raise ValidationError({"due_at": _("Hạn nộp riêng phải sau thời điểm mở bài.")})
    if not 0 <= extra_minutes <= 600:
        raise ValidationError({"extra_minutes": _("Thời gian thêm phải từ 0 đến 600 phút.")})
    row.due_at = due_at
    row.extra_minutes = extra_minutes
    row.save(update_fields=["due_at", "extra_minutes"])
    if assignment.session_id:
        _apply_overrides(assignment)
    log(
        assignment,
        "lms.assignment.override",
        user=user,
        data={
            "student": student.pk,
            "due_at": due_at.isoformat() if due_at else None,
            "extra_minutes": extra_minutes,
        },
    )
    return row


def assignment_release(*, user, assignment: Assignment) -> Assignment:
    """Release the results of a paper's work whose policy waits for the teacher."""
    if not permissions.can_edit_assignment(user, assignment):
        raise PermissionDenied(_("Bạn không được công bố kết quả bài giao này."))
    if assignment.session_id:
        exams.session_release(user=user, session=assignment.session)
        log(assignment, "lms.assignment.release", user=user)
    return assignment


# --- Telling students ---------------------------------------------------------------------
def todo_url() -> str:
    return reverse("assignment_todo")


def _notify_new_work(assignment: Assignment, students: list) -> None:
    """An in-app notice for each student, and after commit an email to those who have an
    address (a failed email never undoes the assignment)."""
    if not students:
        return
    title = _("Bài mới: %(title)s") % {"title": assignment.title}
    due = (
        timezone.localtime(assignment.due_at).strftime("%H:%M %d/%m/%Y")
        if assignment.due_at
        else _("không có hạn")
    )
    body = _("Lớp %(cls)s · hạn nộp %(due)s") % {"cls": assignment.school_class.name, "due": due}
    _notify(assignment, students, Notification.Kind.NEW_WORK, title, body)


def mark_returned_notify(*, assignment: Assignment, students: list, comment: str = "") -> None:
    """Tell students their work was marked and returned (called by marking once it returns
    a mark: the caller has checked its own permission). In-app, and an email after commit."""
    title = _("Bài đã chấm: %(title)s") % {"title": assignment.title}
    body = comment.strip()[:500] or _("Giáo viên đã chấm và trả bài.")
    _notify(assignment, students, Notification.Kind.MARK_RETURNED, title, body)


def _notify(assignment: Assignment, students: list, kind: str, title: str, body: str) -> None:
    """One in-app notice per student linking to the work, and after commit an email to each
    student and parent address set (a failed email never undoes what was done)."""
    url = reverse("assignment_work", kwargs={"assignment_id": assignment.pk})
    Notification.objects.bulk_create(
        [
            Notification(user=s, kind=kind, title=title, body=body, url=url, assignment=assignment)
            for s in students
        ]
    )
    addresses = _addresses(students)
    if addresses:
        transaction.on_commit(lambda: _send_new_work(title, body, url, addresses))


def _addresses(students: list) -> list[str]:
    """Each student's address and their parent's, where set, each once. Every address gets
    its own email (as before): one address that bounces or fails never keeps the message
    from the other, and nobody sees another family's address."""
    seen: dict[str, str] = {}
    for student in students:
        for address in (student.email, student.parent_email):
            if address:
                seen.setdefault(address.strip().lower(), address.strip())
    return list(seen.values())


def _send_new_work(title: str, body: str, url: str, addresses: list[str]) -> None:
    site = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or ""
    text = _("%(body)s\n\nXem và làm bài tại: %(url)s") % {"body": body, "url": site + url}
    for address in addresses:
        try:
            send_mail(title, text, None, [address])
        except Exception:
            logger.exception("new-work email to %s failed", address)


def notifications_read(*, user, ids=None) -> int:
    """Mark the user's notifications (all, or ``ids``) read; returns how many changed."""
    rows = permissions.own_notifications(user).filter(read_at__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    return rows.update(read_at=timezone.now())


__all__ = [
    "AssignmentInput",
    "assignment_create",
    "assignment_release",
    "assignment_update",
    "mark_returned_notify",
    "notifications_read",
    "override_set",
]
