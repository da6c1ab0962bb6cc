"""Mock exam pages (thi thử), mounted at ``/on-tap/thi-thu/``.

* ``revision_mock_home`` — the mocks the learner's grade and subjects offer (each with why
  it cannot start yet, when the pool is too small), a start button per subject (POST,
  CSRF-protected) that draws a fresh paper and sends the learner to the exam page, and the
  learner's earlier mocks with their scores.
  Staff, whose answers revision does not follow, get revision's explanation page.
* ``revision_mock_report`` — the report of one of the learner's own mock attempts; anyone
  else's attempt, or an attempt that is not a mock, answers 404.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from curriculum.models import Subject
from lms.exams.models import Attempt, ExamSession
from lms.permissions import can_revise, own_candidacies
from lms.revision import mock
from lms.revision.formatting import local_date, local_time
from lms.revision.scheduler import LOCAL_TZ
from question_bank.assembly.solver import AssemblyInfeasible

HOME = "lms/revision/mock_home.html"
REPORT = "lms/revision/mock_report.html"
STAFF = "lms/revision/staff.html"


def _take_url(candidate_id: int) -> str:
    return reverse("exam_take", kwargs={"candidate_id": candidate_id})


def _posted_subject(request) -> Subject | None:
    try:
        pk = int(request.POST.get("subject", ""))
    except ValueError:
        return None
    return Subject.objects.filter(pk=pk).first()


def _home(request, *, errors=(), status: int = 200):
    rows = []
    for row in mock.recent_mocks(user=request.user):
        if row.submitted:
            url = reverse("revision_mock_report", kwargs={"attempt_id": row.attempt.pk})
        else:
            url = _take_url(row.candidate.pk)
        rows.append({"row": row, "url": url, "date": local_time(row.created_at)})
    context = {
        "options": mock.mock_options(user=request.user),
        "grade": mock.learner_grade(request.user),
        "mocks": rows,
        "errors": list(errors),
    }
    return TemplateResponse(request, HOME, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def mock_home(request):
    """The mocks on offer and the learner's earlier ones; POST ``subject`` starts one.
    Staff get revision's explanation page (a POST is refused with 403)."""
    if not can_revise(request.user):
        status = 200 if request.method == "GET" else 403
        return TemplateResponse(request, STAFF, {}, status=status)
    if request.method == "GET":
        return _home(request)
    subject = _posted_subject(request)
    if subject is None or mock.mock_template(subject) is None:
        return _home(request, errors=[_("Hãy chọn một môn có đề thi thử.")], status=400)
    try:
        candidate = mock.mock_start(user=request.user, subject=subject)
    except AssemblyInfeasible as exc:
        errors = [_("Chưa tạo được đề thi thử: %(reason)s") % {"reason": m} for m in exc.messages]
        return _home(request, errors=errors, status=400)
    return redirect(_take_url(candidate.pk))


@login_required
@require_GET
def mock_report(request, attempt_id: int):
    """The report of the learner's own submitted mock attempt (404 for any other)."""
    attempt = get_object_or_404(
        Attempt.objects.select_related(
            "candidate__session__paper", "candidate__student", "result"
        ).filter(
            candidate__in=own_candidacies(request.user),
            candidate__session__kind=ExamSession.Kind.MOCK,
        ),
        pk=attempt_id,
    )
    if attempt.state != Attempt.State.SUBMITTED:
        return redirect(_take_url(attempt.candidate_id))
    report = mock.mock_report(user=request.user, attempt=attempt)
    context = {
        "report": report,
        "submitted": local_time(attempt.submitted_at),
        "history": [
            {
                "row": h,
                "date": local_date(h.submitted_at),
                "time": timezone.localtime(h.submitted_at, LOCAL_TZ).strftime("%H:%M"),
                "url": reverse("revision_mock_report", kwargs={"attempt_id": h.attempt_id}),
            }
            for h in report.history
        ],
        "review_url": reverse("exam_submitted", kwargs={"attempt_id": attempt.pk}),
    }
    return TemplateResponse(request, REPORT, context)
