"""Admin views of the question bank: import (upload → preview → confirm) and export."""

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from question_bank import permissions, selectors
from question_bank.convert import questions_to_parsed
from question_bank.formats.registry import export
from question_bank.forms import ExportForm, ImportForm
from question_bank.import_jobs import ImportJob
from question_bank.import_preview import (
    ImportFixRefused,
    import_job_fix,
    import_job_leave_out,
    item_context,
)
from question_bank.importing import import_job_confirm, import_job_create
from question_bank.models import Question
from question_bank.rendering import question_context
from question_bank.tasks import progress_key


def import_upload(request):
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        job = import_job_create(
            user=request.user,
            bank=form.cleaned_data["bank"],
            upload=form.cleaned_data["file"],
            extra_files=form.cleaned_data["extra_files"],
            submit_for_review=form.cleaned_data["submit_for_review"],
            default_topic=form.cleaned_data["default_topic"],
        )
        return redirect("question_import_job", pk=job.pk)
    return render(request, "question_bank/import_upload.html", {"form": form})


def _job_for(request, pk) -> ImportJob:
    job = get_object_or_404(ImportJob.objects.select_related("bank"), pk=pk)
    if not permissions.can_use_import_job(request.user, job):
        raise PermissionDenied
    return job


def import_job(request, pk):
    job = _job_for(request, pk)
    progress = cache.get(progress_key(job.pk)) if job.state == ImportJob.State.SAVING else None
    questions_url = None
    if job.state == ImportJob.State.DONE:
        # The question list of the admin, filtered to what this import saved.
        questions_url = reverse(Question.snippet_viewset.get_url_name("list"))
        questions_url += "?" + urlencode({"import_job": job.pk})
    report = job.report or {}
    groups, shown = report.get("groups") or {}, set()
    left_out = set(report.get("leave_out") or [])
    editable = job.state == ImportJob.State.PREVIEW
    items = [item_context(item, groups, shown) for item in report.get("items") or []]
    rendered = [
        render_to_string(
            "question_bank/includes/import_item.html",
            {
                **ctx,
                "job": job,
                "editable": editable,
                "left_out": ctx["item"]["ref"] in left_out,
            },
            request=request,  # the fix forms carry the CSRF token
        )
        for ctx in items
    ]
    return render(
        request,
        "question_bank/import_job.html",
        {
            "job": job,
            "questions_url": questions_url,
            "report": report,
            "items": rendered,
            "doubtful": sum(1 for ctx in items if ctx["doubtful"]),
            "progress": progress,
            "refresh": job.state
            in (ImportJob.State.PENDING, ImportJob.State.PARSING, ImportJob.State.SAVING),
        },
    )


@require_POST
def import_confirm(request, pk):
    job = _job_for(request, pk)
    if job.state != ImportJob.State.PREVIEW:
        messages.error(
            request,
            _("Lượt nhập này không thể xác nhận (trạng thái: %s).") % job.get_state_display(),
        )
        return redirect("question_import_job", pk=job.pk)
    # The questions the teacher left out on the preview page; a question with an error that
    # is not left out stops the save here (and again in the save itself).
    problems = import_job_leave_out(
        user=request.user, job=job, refs=request.POST.getlist("leave_out")
    )
    if problems:
        for problem in problems:
            messages.error(request, problem)
        return redirect("question_import_job", pk=job.pk)
    import_job_confirm(user=request.user, job=job)
    return redirect("question_import_job", pk=job.pk)


@require_POST
def import_fix(request, pk):
    """Fix one question of a previewed import in place (its key, type, texts), or take the
    fix back; the question's position in the file is in the form, like the ticked
    "Bỏ qua" boxes the page sends along (import.js) so that they are not lost."""
    job = _job_for(request, pk)
    page = reverse("question_import_job", args=[job.pk])
    position = request.POST.get("position", "")
    if not position.isdigit():
        messages.error(request, _("Không rõ câu hỏi cần sửa."))
        return redirect(page)
    reset = request.POST.get("action") == "reset"
    sent = request.POST.get("leave_out_sent") == "1"
    try:
        item = import_job_fix(
            user=request.user,
            job=job,
            position=int(position),
            data=request.POST,
            reset=reset,
            leave_out=request.POST.getlist("leave_out") if sent else None,
        )
    except ImportFixRefused as exc:
        messages.error(request, str(exc))
        return redirect(page)
    ref = item["ref"]
    if reset:
        messages.info(request, _("%(ref)s đã trở lại như trong tệp.") % {"ref": ref})
    elif item["problems"]:
        messages.error(
            request,
            _("%(ref)s sau khi sửa vẫn còn lỗi: %(errors)s.")
            % {"ref": ref, "errors": "; ".join(item["problems"])},
        )
    else:
        messages.success(
            request, _("Đã sửa %(ref)s; câu này sẽ được lưu cùng các câu khác.") % {"ref": ref}
        )
    return redirect(f"{page}#cau-{item['position']}")


def export_questions(request):
    """Export the questions the user can see, by ids or by bank, as Word, Moodle XML or QTI."""
    form = ExportForm(request.GET)
    if not form.is_valid():
        return HttpResponse(_("Định dạng xuất không hợp lệ."), status=400)
    ids = [int(x) for x in request.GET.get("ids", "").split(",") if x.strip().isdigit()]
    bank = request.GET.get("bank")
    if request.GET.get("ids"):
        questions = selectors.questions_for_export(user=request.user, ids=ids)
    elif bank:
        bank_id = int(bank) if bank.isdigit() else 0
        questions = selectors.questions_for_export(user=request.user, bank_id=bank_id)
    else:
        return HttpResponse(_("Hãy chọn câu hỏi hoặc ngân hàng cần xuất."), status=400)
    if not questions:
        return HttpResponse(_("Không có câu hỏi nào để xuất."), status=404)
    return export_response(questions, form.cleaned_data["format"])


def export_response(questions, fmt: str) -> HttpResponse:
    """The questions as a downloadable file (the export page and the bulk action share it)."""
    parsed, groups = questions_to_parsed(questions)
    data, ext, content_type = export(fmt, parsed, groups, title=_("Câu hỏi xuất từ hoclieu"))
    response = HttpResponse(data, content_type=content_type)
    name = (slugify(questions[0].bank.name) if questions else "") or "cau-hoi"
    response["Content-Disposition"] = f'attachment; filename="{name}{ext}"'
    return response


def question_student_view(request, pk):
    """The question exactly as a student sees it (``?key=1`` adds the key and the solution)."""
    question = selectors.question_detail(user=request.user, question_id=pk)
    if question is None:
        raise Http404
    context = question_context(question, show_key=request.GET.get("key") == "1")
    return render(request, "question_bank/question_preview.html", context)
