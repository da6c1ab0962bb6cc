"""Admin pages: a matrix from a template, assembly, papers with their files, practice sets.

Permission checks are the ones of :mod:`accounts.permissions`; the services re-check them.
"""

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import permissions as accounts_permissions
from common.serving import serve_file
from question_bank import permissions
from question_bank.assembly import services
from question_bank.assembly.forms import AssembleForm, PracticeForm, TemplateForm
from question_bank.assembly.matrix import matrix_problems, spec_table
from question_bank.assembly.models import Paper
from question_bank.assembly.shuffle import CodeError
from question_bank.assembly.solver import AssemblyInfeasible
from question_bank.tasks import render_paper_task, render_progress_key


def _assembler(request):
    if not permissions.can_assemble(request.user):
        raise PermissionDenied


def _render_later(paper_ids: list[int]) -> None:
    for pk in paper_ids:
        Paper.objects.filter(pk=pk).update(render_state=Paper.RenderState.PENDING)
        transaction.on_commit(lambda pk=pk: render_paper_task.delay(pk))


def matrix_from_template(request):
    _assembler(request)
    form = TemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        matrix = services.matrix_create_from_template(
            user=request.user,
            template=form.cleaned_data["template"],
            subject=form.cleaned_data["subject"],
            grade=form.cleaned_data["grade"],
            title=form.cleaned_data["title"],
        )
        messages.success(request, _("Đã tạo ma trận “%(title)s”.") % {"title": matrix.title})
        return redirect("exam_matrix_assemble", pk=matrix.pk)
    return TemplateResponse(request, "question_bank/assembly/template_form.html", {"form": form})


def matrix_assemble(request, pk: int):
    matrix = get_object_or_404(permissions.visible_matrices(request.user), pk=pk)
    form = AssembleForm(request.POST or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        options = services.AssemblyOptions(
            forms=data["forms_count"],
            versions=data["versions"],
            codes=data["codes"],
            seed=data["seed"],
            school_id=request.user.school_id,
            avoid_recent=data["avoid_recent"],
            max_overlap=data["max_overlap"],
            shuffle_statements=data["shuffle_statements"],
        )
        header = {
            k: data[k]
            for k in ("authority", "organisation", "exam_title", "school_year")
            if data[k]
        }
        try:
            with transaction.atomic():
                papers = services.papers_assemble(
                    user=request.user, matrix=matrix, options=options, header=header
                )
                _render_later([p.pk for p in papers])
        except services.MatrixInvalid as exc:
            errors = exc.problems
        except AssemblyInfeasible as exc:
            errors = [str(exc), *[s.message() for s in exc.shortages]]
        except CodeError as exc:
            form.add_error("codes", str(exc))
        else:
            messages.success(
                request,
                _("Đã ghép %(n)d đề; các tệp đang được xuất.") % {"n": len(papers)},
            )
            if len(papers) == 1:
                return redirect("exam_paper", pk=papers[0].pk)
            return redirect(reverse("exam_papers") + f"?set={papers[0].form_set}")
    context = {
        "matrix": matrix,
        "form": form,
        "errors": errors,
        "problems": matrix_problems(matrix),
        "spec": spec_table(matrix),
        "edit_url": reverse("wagtailsnippets_question_bank_exammatrix:edit", args=[matrix.pk]),
    }
    return TemplateResponse(request, "question_bank/assembly/assemble.html", context)


def paper_list(request):
    papers = permissions.visible_papers(request.user).select_related("matrix", "created_by")
    if form_set := request.GET.get("set"):
        papers = papers.filter(form_set=form_set)
    return TemplateResponse(
        request, "question_bank/assembly/paper_list.html", {"papers": papers[:200]}
    )


def paper_detail(request, pk: int):
    paper = get_object_or_404(permissions.visible_papers(request.user), pk=pk)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "render":
            with transaction.atomic():
                _render_later([paper.pk])
            messages.success(request, _("Đang xuất lại các tệp."))
        elif action == "release":
            services.paper_release(user=request.user, paper=paper)
            messages.success(request, _("Đã công bố đề."))
        return redirect("exam_paper", pk=paper.pk)
    assembled = services.paper_assembled(paper)
    progress = cache.get(render_progress_key(paper.pk))
    context = {
        "paper": paper,
        "assembled": assembled,
        "progress": progress,
        "can_release": paper.confidential
        and not paper.released_at
        and permissions.can_release_paper(request.user, paper),
    }
    return TemplateResponse(request, "question_bank/assembly/paper_detail.html", context)


def paper_download(request, pk: int):
    paper = get_object_or_404(permissions.visible_papers(request.user), pk=pk)
    if not paper.output:
        raise Http404
    # The bundle holds the keys: never cached by a shared cache, always a download.
    return serve_file(request, paper.output, download=True, cache_control="private, no-store")


@require_POST
def paper_regenerate(request, pk: int):
    paper = get_object_or_404(permissions.visible_papers(request.user), pk=pk)
    with transaction.atomic():
        papers = services.papers_regenerate(user=request.user, paper=paper)
        _render_later([p.pk for p in papers])
    return redirect("exam_paper", pk=papers[0].pk)


def practice_create(request):
    if (
        not accounts_permissions.is_active(request.user)
        or not permissions.visible_banks(request.user).exists()
    ):
        raise PermissionDenied
    form = PracticeForm(request.POST or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                paper = services.practice_set_create(
                    user=request.user,
                    subject=data["subject"],
                    grade=data["grade"],
                    topic=data["topic"],
                    level=data["level"],
                    count=data["count"],
                )
                _render_later([paper.pk])
        except AssemblyInfeasible as exc:
            errors = exc.messages
        else:
            return redirect("exam_paper", pk=paper.pk)
    return TemplateResponse(
        request, "question_bank/assembly/practice_form.html", {"form": form, "errors": errors}
    )
