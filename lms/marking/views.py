"""Pages of marking (mounted at ``/hoc/cham-bai/``): an assignment's queue, one answer
with its marking guide and rubric, "Trả bài", "Ghi vào sổ điểm", the teacher's rubrics.
Thin: parse, ask :mod:`lms.permissions`, call the service, render. An assignment,
attempt or rubric the user may not mark answers 404, so nobody can probe ids.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lms import permissions
from lms.assignments.models import Assignment
from lms.marking import selectors, services
from lms.marking.forms import GradebookForm, MarkForm, RubricForm
from lms.marking.rubrics import rubric_text

T = "lms/marking/"


def _markable(request, assignment_id: int) -> Assignment:
    return get_object_or_404(
        permissions.markable_assignments(request.user).select_related(
            "school_class", "subject", "session", "paper"
        ),
        pk=assignment_id,
    )


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, problems in error.message_dict.items():
            form.add_error(name if name in form.fields else None, problems)
    else:
        form.add_error(None, error.messages)


@login_required
@require_http_methods(["GET"])
def marking_queue(request, assignment_id: int):
    """The assignment's submitted work: each student's essays marked or waiting, their
    score, whether the work was returned; "Trả bài" for all that are fully marked."""
    assignment = _markable(request, assignment_id)
    rows = selectors.queue(assignment)
    context = {
        "assignment": assignment,
        "rows": rows,
        "waiting": sum(r.waiting for r in rows),
    }
    return TemplateResponse(request, T + "queue.html", context)


def _rubric_of(request):
    raw = request.POST.get("rubric") if request.method == "POST" else request.GET.get("tieu_chi")
    if not raw or not str(raw).isdigit():
        return None
    return permissions.own_rubrics(request.user).filter(pk=int(raw)).first()


@login_required
@require_http_methods(["GET", "POST"])
def marking_answer(request, assignment_id: int, attempt_id: int, slot: int):
    """Mark one answer: the question, the student's answer, the marking guide (or the
    key), a rubric's levels or typed points, a comment; the mark's history below."""
    assignment = _markable(request, assignment_id)
    attempt = services.assignment_attempt(assignment, attempt_id)
    if attempt is None:
        raise Http404
    found = selectors.answer(assignment, attempt, slot)
    if found is None:
        raise Http404
    rubric = _rubric_of(request)
    initial = {"rubric": rubric.pk if rubric else None}
    if found["mark"] is not None:
        initial["comment"] = found["mark"].comment
    form = MarkForm(request.POST or None, user=request.user, rubric=rubric, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = services.MarkInput(
            points=form.cleaned_data["points"],
            comment=form.cleaned_data["comment"],
            reason=form.cleaned_data["reason"],
            rubric=form.cleaned_data["rubric"],
            picks=form.picks(),
        )
        try:
            outcome = services.answer_mark(
                user=request.user, assignment=assignment, attempt=attempt, slot=slot, data=data
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Đã lưu điểm."))
            if outcome.gradebook_warning:
                messages.warning(request, outcome.gradebook_warning)
            return redirect("marking_queue", assignment_id=assignment.pk)
    context = {"assignment": assignment, "attempt": attempt, "form": form, **found}
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, T + "answer.html", context, status=status)


@login_required
@require_POST
def marking_return(request, assignment_id: int):
    """Trả bài: to one student (``hoc_sinh``) or to every student fully marked."""
    assignment = _markable(request, assignment_id)
    raw = request.POST.get("hoc_sinh")
    ids = [int(raw)] if raw and raw.isdigit() else None
    students, waiting = services.marks_return(
        user=request.user, assignment=assignment, student_ids=ids
    )
    if students:
        messages.success(request, _("Đã trả bài cho %(n)d học sinh.") % {"n": len(students)})
    if waiting:
        messages.warning(request, _("%(n)d bài còn câu chờ chấm nên chưa trả.") % {"n": waiting})
    if not students and not waiting:
        messages.info(request, _("Chưa có bài nào để trả."))
    return redirect("marking_queue", assignment_id=assignment.pk)


@login_required
@require_POST
def marking_gradebook(request, assignment_id: int):
    """Ghi vào sổ điểm: map the assignment to a column of its class and write its scores."""
    assignment = _markable(request, assignment_id)
    form = GradebookForm(request.POST, user=request.user, school_class=assignment.school_class)
    back = redirect("assignment_progress", assignment_id=assignment.pk)
    if not form.is_valid():
        messages.error(request, " ".join(" ".join(e) for e in form.errors.values()))
        return back
    try:
        outcome = services.gradebook_write(
            user=request.user,
            assignment=assignment,
            subject=form.cleaned_data["subject"],
            term=form.cleaned_data["term"],
            column=form.cleaned_data["column"],
        )
    except (ValidationError, PermissionDenied) as refused:
        messages.error(request, " ".join(getattr(refused, "messages", None) or [str(refused)]))
        return back
    messages.success(
        request,
        _(
            "Đã ghi điểm của %(n)d học sinh vào sổ điểm (%(changed)d điểm thay đổi); "
            "%(pending)d bài còn câu chờ chấm, %(missing)d học sinh chưa có điểm."
        )
        % {
            "n": outcome.written,
            "changed": outcome.changed,
            "pending": outcome.pending,
            "missing": outcome.missing,
        },
    )
    return back


@login_required
@require_http_methods(["GET", "POST"])
def rubric_list(request):
    """The teacher's rubrics, and a new one."""
    if not permissions.can_keep_rubrics(request.user):
        raise Http404
    form = RubricForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.rubric_save(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Đã lưu tiêu chí chấm."))
            return redirect("marking_rubrics")
    context = {"rubrics": permissions.own_rubrics(request.user), "form": form}
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, T + "rubrics.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def rubric_edit(request, rubric_id: int):
    rubric = get_object_or_404(permissions.own_rubrics(request.user), pk=rubric_id)
    initial = {"title": rubric.title, "text": rubric_text(rubric.criteria)}
    form = RubricForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.rubric_save(user=request.user, rubric=rubric, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Đã lưu tiêu chí chấm."))
            return redirect("marking_rubrics")
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(
        request, T + "rubric_edit.html", {"rubric": rubric, "form": form}, status=status
    )
