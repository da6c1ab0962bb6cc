"""Admin views of the question bank: import (upload → preview → confirm) and export."""

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from question_bank import permissions
from question_bank.convert import questions_to_parsed
from question_bank.formats.registry import export
from question_bank.forms import ExportForm, ImportForm
from question_bank.models import ImportJob, Question
from question_bank.tasks import import_commit_task, import_preview_task, progress_key


def import_upload(request):
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = ImportJob(
            bank=form.cleaned_data["bank"],
            created_by=request.user,
            filename=upload.name[:255],
            submit_for_review=form.cleaned_data["submit_for_review"],
            default_topic=form.cleaned_data["default_topic"],
        )
        # Private storage: an upload is read by the import task and never served back.
        job.upload.save(upload.name, upload, save=False)
        storage = job.upload.storage
        extra = []
        for f in form.cleaned_data["extra_files"]:
            path = storage.save(f"question_imports/extra/{f.name}", ContentFile(f.read()))
            extra.append({"name": f.name, "path": path})
            extra.append({"name": f"images/{f.name}", "path": path})
        job.extra_files = extra
        job.save()
        import_preview_task.delay(job.pk)
        return redirect("question_import_job", pk=job.pk)
    return render(request, "question_bank/import_upload.html", {"form": form})


def _job_for(request, pk) -> ImportJob:
    job = get_object_or_404(ImportJob.objects.select_related("bank"), pk=pk)
    if job.created_by_id != request.user.pk or not permissions.can_edit_bank(
        request.user, job.bank
    ):
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
    return render(
        request,
        "question_bank/import_job.html",
        {
            "job": job,
            "questions_url": questions_url,
            "report": job.report,
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
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.SAVING)
    import_commit_task.delay(job.pk)
    return redirect("question_import_job", pk=job.pk)


def export_questions(request):
    """Export the questions the user can see, by ids or by bank, as Word, Moodle XML or QTI."""
    form = ExportForm(request.GET)
    if not form.is_valid():
        return HttpResponse(_("Định dạng xuất không hợp lệ."), status=400)
    qs = permissions.visible_questions(request.user)
    if ids := request.GET.get("ids"):
        qs = qs.filter(pk__in=[int(x) for x in ids.split(",") if x.strip().isdigit()])
    elif bank := request.GET.get("bank"):
        qs = qs.filter(bank_id=int(bank) if bank.isdigit() else 0)
    else:
        return HttpResponse(_("Hãy chọn câu hỏi hoặc ngân hàng cần xuất."), status=400)
    questions = list(
        qs.select_related("bank", "topic", "level", "stimulus")
        .prefetch_related("choices", "tags")
        .order_by("pk")
    )
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
    from question_bank.rendering import question_context

    question = (
        permissions.visible_questions(request.user)
        .select_related("stimulus", "bank")
        .filter(pk=pk)
        .first()
    )
    if question is None:
        raise Http404
    context = question_context(question, show_key=request.GET.get("key") == "1")
    return render(request, "question_bank/question_preview.html", context)
