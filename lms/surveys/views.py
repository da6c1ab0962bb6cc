"""Survey pages: the list of surveys waiting for the user, answering one, and for admins
the list of their area's surveys, the builder, publication and the results (charts with
counts, a table, XLSX). A survey the user may not see answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lms import permissions
from lms.reports.charts import Series, bar_chart, vn_number
from lms.reports.xlsx import XLSX_CONTENT_TYPE, table_xlsx
from lms.surveys import selectors, services
from lms.surveys.forms import SurveyForm
from lms.surveys.models import QuestionKind, SurveyParticipation

T = "lms/surveys/"


@login_required
@require_GET
def survey_list(request):
    surveys = permissions.open_surveys(request.user).order_by("closes_at", "-published_at")
    answered = set(
        SurveyParticipation.objects.filter(user=request.user, survey__in=surveys).values_list(
            "survey_id", flat=True
        )
    )
    rows = [(s, s.pk in answered) for s in surveys]
    return TemplateResponse(request, T + "list.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def survey_answer(request, survey_id: int):
    survey = get_object_or_404(permissions.open_surveys(request.user), pk=survey_id)
    questions = list(survey.questions.all())
    done = SurveyParticipation.objects.filter(survey=survey, user=request.user).exists()
    errors, status = [], 200
    if request.method == "POST" and not done:
        answers = {q.pk: request.POST.get(f"q{q.pk}") for q in questions}
        try:
            services.survey_answer(user=request.user, survey=survey, answers=answers)
        except ValidationError as error:
            errors, status = error.messages, 400
        else:
            messages.success(request, _("Cảm ơn bạn đã trả lời khảo sát."))
            return redirect("survey_list")
    elif request.method == "POST":
        errors, status = [_("Bạn đã trả lời khảo sát này rồi.")], 400
    context = {
        "survey": survey,
        "questions": questions,
        "done": done,
        "errors": errors,
        "posted": request.POST,
        "stars": range(1, 6),
    }
    return TemplateResponse(request, T + "answer.html", context, status=status)


@login_required
@require_GET
def survey_manage(request):
    if not permissions.can_make_surveys(request.user):
        raise PermissionDenied
    surveys = permissions.managed_surveys(request.user).select_related(
        "school", "district_office", "department"
    )
    return TemplateResponse(request, T + "manage.html", {"surveys": surveys})


@login_required
@require_http_methods(["GET", "POST"])
def survey_create(request):
    if not permissions.can_make_surveys(request.user):
        raise PermissionDenied
    form = SurveyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(user=request.user, data=form.to_input())
        except ValidationError as error:
            for name, msgs in error.message_dict.items():
                form.add_error(name if name in form.fields else None, msgs)
        else:
            messages.success(request, _("Đã lưu khảo sát (bản nháp). Hãy công bố khi sẵn sàng."))
            return redirect("survey_results", survey.pk)
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, T + "form.html", {"form": form}, status=status)


@login_required
@require_POST
def survey_publish(request, survey_id: int):
    survey = get_object_or_404(permissions.managed_surveys(request.user), pk=survey_id)
    services.survey_publish(user=request.user, survey=survey)
    messages.success(request, _("Đã công bố khảo sát."))
    return redirect("survey_results", survey.pk)


def _results(request, survey_id: int):
    survey = get_object_or_404(
        permissions.managed_surveys(request.user).select_related(
            "school", "district_office", "department"
        ),
        pk=survey_id,
    )
    responses, results = selectors.survey_results(survey=survey)
    return survey, responses, results


@login_required
@require_GET
def survey_results(request, survey_id: int):
    survey, responses, results = _results(request, survey_id)
    charts = [
        bar_chart(
            labels=[label for label, _n in r.counts],
            series=[Series(_("Số người chọn"), tuple(n for _label, n in r.counts))],
        )
        if r.question.kind != QuestionKind.TEXT
        else None
        for r in results
    ]
    context = {
        "survey": survey,
        "responses": responses,
        "results": list(zip(results, charts, strict=True)),
        "mean_text": {r.question.pk: vn_number(r.mean) for r in results if r.mean is not None},
    }
    return TemplateResponse(request, T + "results.html", context)


@login_required
@require_GET
def survey_export(request, survey_id: int):
    survey, responses, results = _results(request, survey_id)
    rows = []
    for r in results:
        for label, n in r.counts:
            rows.append([r.question.position, r.question.text, label, n])
        if r.mean is not None:
            rows.append([r.question.position, r.question.text, _("Trung bình"), float(r.mean)])
        for text in r.texts:
            rows.append([r.question.position, r.question.text, text, None])
    data = table_xlsx(
        title=survey.title,
        subtitle=_("Số phiếu trả lời: %(n)s") % {"n": responses},
        headers=[_("Câu"), _("Câu hỏi"), _("Phương án / câu trả lời"), _("Số người")],
        rows=rows,
    )
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="khao-sat-{survey.pk}.xlsx"'
    return response
