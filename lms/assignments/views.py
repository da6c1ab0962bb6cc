"""Pages of assignments: the teacher's (their classes, a class's assignments, the form, the
progress page with overrides and release) and the student's ("Việc cần làm", one piece of
work, notifications). Thin: parse, ask :mod:`lms.permissions`, call the service, render.
An assignment or class the user may not see answers 404, so nobody can probe ids.
"""

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import SchoolClass
from lms import permissions
from lms.assignments import progress, selectors, services
from lms.assignments.forms import AssignmentForm, OverrideForm, initial_from
from lms.assignments.models import PAPER_KINDS, Assignment
from lms.assignments.status import THOUSANDTH, statuses
from lms.exams.models import ReleasePolicy
from lms.marking import selectors as marking
from lms.permissions import results_released
from lms.practice import score_text

T = "lms/assignments/"


def _taught_class(request, class_id: int) -> SchoolClass:
    return get_object_or_404(
        permissions.taught_classes(request.user).select_related("school", "school_year"),
        pk=class_id,
    )


def _followed(request, assignment_id: int) -> Assignment:
    return get_object_or_404(
        permissions.followed_assignments(request.user).select_related(
            "school_class", "subject", "session", "paper", "page", "created_by"
        ),
        pk=assignment_id,
    )


# --- Teacher -------------------------------------------------------------------------------
@login_required
@require_GET
def teacher_home(request):
    """Giao bài: the classes the teacher teaches."""
    classes = permissions.taught_classes(request.user).select_related("school", "school_year")
    return TemplateResponse(request, T + "teacher_home.html", {"classes": classes})


@login_required
@require_GET
def class_assignments(request, class_id: int):
    school_class = _taught_class(request, class_id)
    rows = selectors.class_assignments(user=request.user, school_class=school_class)
    return TemplateResponse(
        request, T + "class_list.html", {"school_class": school_class, "rows": rows}
    )


def _form_page(request, form, school_class, assignment=None, status=200):
    context = {"form": form, "school_class": school_class, "assignment": assignment}
    return TemplateResponse(request, T + "form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def assignment_create(request, class_id: int):
    school_class = _taught_class(request, class_id)
    form = AssignmentForm(request.POST or None, user=request.user, school_class=school_class)
    if request.method == "POST" and form.is_valid():
        try:
            assignment = services.assignment_create(user=request.user, data=form.to_input())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return redirect("assignment_progress", assignment_id=assignment.pk)
    return _form_page(request, form, school_class, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def assignment_edit(request, assignment_id: int):
    assignment = _followed(request, assignment_id)
    if not permissions.can_edit_assignment(request.user, assignment):
        raise PermissionDenied(_("Chỉ giáo viên đã giao bài mới sửa được bài giao này."))
    school_class = assignment.school_class
    form = AssignmentForm(
        request.POST or None,
        user=request.user,
        school_class=school_class,
        initial=initial_from(assignment),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.assignment_update(
                user=request.user, assignment=assignment, data=form.to_input()
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return redirect("assignment_progress", assignment_id=assignment.pk)
    status = 400 if request.method == "POST" else 200
    return _form_page(request, form, school_class, assignment, status=status)


def _progress_context(request, assignment: Assignment) -> dict:
    rows = progress.student_rows(assignment)
    stats = progress.question_stats(assignment, rows) if assignment.kind in PAPER_KINDS else []
    return {
        "assignment": assignment,
        "rows": rows,
        "status_counts": progress.status_counts(rows),
        "status_chart": progress.status_chart(rows),
        "stats": [{"stat": s, "chart": progress.option_chart(s)} for s in stats],
        "questions_chart": progress.questions_chart(stats) if stats else "",
        "can_edit": permissions.can_edit_assignment(request.user, assignment),
        "waits_release": bool(
            assignment.session
            and assignment.session.release_policy == ReleasePolicy.MANUAL
            and not assignment.session.released_at
        ),
        "override_form": OverrideForm(),
        "can_mark": assignment.kind in PAPER_KINDS,
        "gradebook": marking.gradebook_panel(request.user, assignment),
    }


@login_required
@require_GET
def assignment_progress(request, assignment_id: int):
    """Each student's status, score, time and attempts; per question the share right and
    the options chosen; charts with their tables."""
    assignment = _followed(request, assignment_id)
    return TemplateResponse(request, T + "progress.html", _progress_context(request, assignment))


def _decimal(value) -> str | None:
    """A score as a decimal string with 3 places (the same on every database)."""
    return None if value is None else str(Decimal(value).quantize(THOUSANDTH))


@login_required
@require_GET
def assignment_progress_json(request, assignment_id: int):
    """The progress rows as JSON (scores as decimal strings), for the same people."""
    assignment = _followed(request, assignment_id)
    rows = progress.student_rows(assignment)
    return JsonResponse(
        {
            "assignment": assignment.pk,
            "students": [
                {
                    "id": r.student.pk,
                    "name": r.student.full_name or r.student.username,
                    "status": r.work.status,
                    "score": _decimal(r.work.score),
                    "max": _decimal(r.work.max_score),
                    "attempts": r.work.attempts,
                    "seconds": r.work.seconds,
                }
                for r in rows
            ],
        }
    )


@login_required
@require_POST
def assignment_override(request, assignment_id: int):
    assignment = _followed(request, assignment_id)
    form = OverrideForm(request.POST)
    error = ""
    if form.is_valid():
        student = assignment.students.filter(student_id=form.cleaned_data["student"]).first()
        if student is None:
            error = _("Học sinh này không được giao bài này.")
        else:
            try:
                services.override_set(
                    user=request.user,
                    assignment=assignment,
                    student=student.student,
                    due_at=form.cleaned_data.get("due_at"),
                    extra_minutes=form.cleaned_data.get("extra_minutes") or 0,
                )
            except ValidationError as refused:
                error = " ".join(refused.messages)
            else:
                return redirect("assignment_progress", assignment_id=assignment.pk)
    else:
        error = " ".join(" ".join(e) for e in form.errors.values())
    context = _progress_context(request, assignment)
    context["override_error"] = error
    return TemplateResponse(request, T + "progress.html", context, status=400)


@login_required
@require_POST
def assignment_release(request, assignment_id: int):
    assignment = _followed(request, assignment_id)
    services.assignment_release(user=request.user, assignment=assignment)
    return redirect("assignment_progress", assignment_id=assignment.pk)


# --- Student -------------------------------------------------------------------------------
@login_required
@require_GET
def todo(request):
    """Việc cần làm: the student's work across subjects by due date, with its status."""
    pending, done = selectors.todo(user=request.user)
    return TemplateResponse(request, T + "todo.html", {"pending": pending, "done": done})


@login_required
@require_GET
def assignment_work(request, assignment_id: int):
    """One piece of the student's work: what, until when, their status and score (when
    released), and the way to do it. Opening it reads its notifications."""
    assignment = get_object_or_404(
        permissions.own_assignments(request.user).select_related(
            "school_class", "subject", "session", "page", "library_item", "package"
        ),
        pk=assignment_id,
    )
    own = assignment.students.get(student=request.user)
    work = statuses([assignment], {(assignment.pk, request.user.pk): own.due_at})[
        (assignment.pk, request.user.pk)
    ]
    show_score = assignment.session is None or results_released(assignment.session)
    with transaction.atomic():
        permissions.own_notifications(request.user).filter(
            assignment=assignment, read_at__isnull=True
        ).update(read_at=timezone.now())
    context = {
        "assignment": assignment,
        "work": work,
        "due_at": own.due_at or assignment.due_at,
        "extra_minutes": own.extra_minutes,
        "show_score": show_score and work.score is not None,
        "score": score_text(work.score) if work.score is not None else "",
        "max_score": score_text(work.max_score) if work.max_score else "",
        "work_url": selectors.work_url(assignment, request.user),
        "feedback": marking.student_feedback(assignment=assignment, student=request.user),
    }
    return TemplateResponse(request, T + "work.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request):
    """The user's notifications; POST marks them all read."""
    if request.method == "POST":
        services.notifications_read(user=request.user)
        return redirect("assignment_notifications")
    rows = permissions.own_notifications(request.user)[:50]
    return TemplateResponse(request, T + "notifications.html", {"rows": rows})
