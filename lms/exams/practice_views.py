"""Practice on the exam engine: the page that draws a practice set and lists the learner's
practice, and the JSON check of one saved answer (:mod:`lms.exams.practice`).

The check is authenticated like the exam page's other endpoints, by the attempt's signed
token in ``X-Exam-Token`` (no cookie, so no CSRF token), and answers JSON with the
server's time (``now``); an exam attempt is refused with 403 and never gets a key.
"""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from lms.exams import api_views, practice
from lms.exams.practice_forms import PracticeForm
from lms.exams.saving import SaveRefused
from question_bank.assembly.solver import AssemblyInfeasible

TEMPLATE = "lms/exams/practice/home.html"


def take_url(candidate_id: int) -> str:
    """The exam page of a candidate: the practice is taken there like an exam."""
    return reverse("exam_take", kwargs={"candidate_id": candidate_id})


@login_required
@require_http_methods(["GET", "POST"])
def practice_home(request):
    """Draw a practice set (subject, grade, topic, level, kind, count) and start it."""
    form = PracticeForm(request.POST or None, user=request.user)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            candidate = practice.practice_create(
                user=request.user,
                subject=data["subject"],
                grade=data["grade"],
                count=data["count"],
                topic=data["topic"],
                level=data["level"],
                qtypes=form.qtypes(),
            )
        except AssemblyInfeasible as exc:
            errors = [
                _("Chưa đủ câu hỏi để tạo bài luyện tập: %(reason)s") % {"reason": message}
                for message in exc.messages
            ]
        else:
            return redirect(take_url(candidate.pk))
    context = {
        "form": form,
        "errors": errors,
        "practices": [
            {"row": row, "url": take_url(row.candidate.pk)}
            for row in practice.recent_practice(user=request.user)
        ],
    }
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, TEMPLATE, context, status=status)


@csrf_exempt
@require_POST
def practice_check(request, attempt_id: int):
    """Mark one saved answer of a practice attempt: ``{"slot": n}`` → the fraction, the
    points, the key, the solution and the feedback."""
    try:
        checked = practice.practice_check(
            attempt_id=attempt_id,
            token=api_views.exam_token(request),
            payload=api_views.json_payload(request),
        )
    except SaveRefused as refused:
        return api_views.refused_response(refused)
    return JsonResponse({**checked.as_dict(), "now": api_views.now_ms()})
