"""The learner's "Ôn tập" pages (server-rendered, phone first).

* ``revision_home`` — each subject the learner can practise with its mastery summary and a
  link to its map, today's review queue ("Ôn lại hôm nay: N câu"), the weakest learning
  outcomes with a one-tap practice, the practice form and the links to offline revision
  and mock exams.
* ``revision_map`` — one subject and grade as the curriculum map: topics → lessons →
  learning outcomes, each with its band (colour and word).
* ``revision_outcome`` — one learning outcome: mastery, band, next review, short history.
* ``revision_practice`` and ``revision_review`` (POST, CSRF-protected) start a practice
  set or today's review on the exam engine and send the learner to the exam page; a
  refusal (too few questions, nothing due, a forged id) is shown on a page with 400.

Only the signed-in learner's own data is read (every selector takes ``request.user``);
what may be practised is :func:`question_bank.permissions.practice_questions`. Staff who
open these pages get a page explaining that revision is for students (their own practice
is at ``exam_practice_home``).
"""

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.selectors import latest_class_grade
from curriculum.models import LearningOutcome, Subject
from lms.permissions import can_revise
from lms.revision import selectors, services
from lms.revision.formatting import due_text, percent_text
from lms.revision.forms import QuickPracticeForm, RevisionPracticeForm, pool_outcomes
from lms.revision.mastery import BANDS, STRONG_AT, STRONG_MIN, WEAK_BELOW
from lms.revision.scheduler import LOCAL_TZ
from question_bank.assembly.solver import AssemblyInfeasible

TEMPLATES = "lms/revision/"
WEAKEST = 5
HISTORY = 10
#: The pages other helpers build: their URL names and paths (linked by path until the name
#: resolves).
OFFLINE = ("revision_offline", "/on-tap/ngoai-tuyen/")
MOCK = ("revision_mock_home", "/on-tap/thi-thu/")


# --- Formatting -----------------------------------------------------------------------------
def percent_width(value: float | None) -> int:
    """The width of a bar in whole per cent (CSS wants a dot, never a comma)."""
    return 0 if value is None else max(0, min(100, round(value * 100)))


def legend() -> list[dict]:
    """What each band means, with the thresholds of :mod:`lms.revision.mastery`."""
    weak, strong = percent_text(WEAK_BELOW), percent_text(STRONG_AT)
    texts = {
        "none": _("chưa làm câu nào"),
        "weak": _("dưới %(weak)s") % {"weak": weak},
        "learning": _("từ %(weak)s đến dưới %(strong)s") % {"weak": weak, "strong": strong},
        "strong": _("từ %(strong)s, đã làm ít nhất %(n)s câu")
        % {"strong": strong, "n": STRONG_MIN},
    }
    return [{"band": BANDS[code], "text": text} for code, text in texts.items()]


def _optional_url(name_and_path: tuple[str, str]) -> str:
    name, path = name_and_path
    try:
        return reverse(name)
    except NoReverseMatch:
        return path


def take_url(candidate) -> str:
    return reverse("exam_take", kwargs={"candidate_id": candidate.pk})


# --- Who --------------------------------------------------------------------------------------
def _staff_page(request, status: int = 200):
    """Revision follows a learner's own answers: staff get an explanation, not an error."""
    return TemplateResponse(request, TEMPLATES + "staff.html", {}, status=status)


# --- Rows shown -------------------------------------------------------------------------------
def _outcome_item(row) -> dict:
    """An ``OutcomeRow`` of the selectors with what the page shows of it."""
    return {
        "row": row,
        "url": reverse("revision_outcome", kwargs={"outcome_id": row.outcome.pk}),
        "percent": percent_text(row.value if row.answers else None),
        "width": percent_width(row.value if row.answers else None),
        "due": due_text(getattr(row, "due", None)),
    }


def _subject_item(row) -> dict:
    return {
        "row": row,
        "url": reverse("revision_map", kwargs={"subject_id": row.subject.pk, "grade": row.grade}),
        "width": percent_width(row.mastered / row.total if row.total else None),
    }


def _home_context(request, *, form, errors=(), review_error: str = "") -> dict:
    user = request.user
    subjects = [_subject_item(row) for row in selectors.subjects_for(user)]
    grade = latest_class_grade(user)  # their subjects of that grade come first
    mine = [s for s in subjects if grade is None or s["row"].grade == grade]
    return {
        "grade": grade,
        "subjects": mine or subjects,
        "other_subjects": [s for s in subjects if s not in mine] if mine else [],
        "due": selectors.due_count(user),
        "weakest": [_outcome_item(r) for r in selectors.weakest_outcomes(user, limit=WEAKEST)],
        "form": form,
        "errors": [*errors, *_form_errors(form)],
        "review_error": review_error,
        "offline_url": _optional_url(OFFLINE),
        "mock_url": _optional_url(MOCK),
    }


def _form_errors(form) -> list[str]:
    """The form's errors as sentences, each field's named by its short label."""
    if not form.is_bound:
        return []
    found = [str(e) for e in form.non_field_errors()]
    for field in form:
        name = str(field.label).split(" (")[0]
        found += [f"{name}: {e}" for e in field.errors]
    return found


def _home(request, *, form=None, errors=(), review_error: str = "", status: int = 200):
    form = form or RevisionPracticeForm(user=request.user)
    context = _home_context(request, form=form, errors=errors, review_error=review_error)
    return TemplateResponse(request, TEMPLATES + "home.html", context, status=status)


def _infeasible(exc: AssemblyInfeasible) -> list[str]:
    return [
        _("Chưa đủ câu hỏi để tạo bài luyện tập: %(reason)s") % {"reason": message}
        for message in exc.messages
    ]


# --- Pages ------------------------------------------------------------------------------------
@login_required
@require_GET
def revision_home(request):
    if not can_revise(request.user):
        return _staff_page(request)
    return _home(request)


@login_required
@require_POST
def revision_practice(request):
    """Start a practice set: the full form of the home page, or a one-tap button (a topic
    or a learning outcome, with ``quick``)."""
    if not can_revise(request.user):
        return _staff_page(request, status=403)
    if request.POST.get("quick"):
        return _quick_practice(request)
    form = RevisionPracticeForm(request.POST, user=request.user)
    errors: list[str] = []
    if form.is_valid():
        data = form.cleaned_data
        try:
            candidate = services.practice_create(
                user=request.user,
                subject=data["subject"],
                grade=data["grade"],
                count=data["count"],
                topic=data["topic"],
                outcome=data["outcome"],
                level=data["level"],
                qtypes=form.qtypes() or None,
            )
        except AssemblyInfeasible as exc:
            errors = _infeasible(exc)
        else:
            return redirect(take_url(candidate))
    return _home(request, form=form, errors=errors, status=400)


def _quick_practice(request):
    form = QuickPracticeForm(request.POST, user=request.user)
    if not form.is_valid():
        return _problem(request, form.error_list())
    target = form.target()
    try:
        candidate = services.practice_create(user=request.user, **target)
    except AssemblyInfeasible as exc:
        return _problem(request, _infeasible(exc), target=target)
    return redirect(take_url(candidate))


def _problem(request, errors: list[str], *, target: dict | None = None):
    """A refused one-tap practice: the reasons and the way back (400)."""
    back = reverse("revision_home")
    if target and target.get("outcome") is not None:
        back = reverse("revision_outcome", kwargs={"outcome_id": target["outcome"].pk})
    elif target:
        back = reverse(
            "revision_map", kwargs={"subject_id": target["subject"].pk, "grade": target["grade"]}
        )
    context = {"errors": errors, "back": back}
    return TemplateResponse(request, TEMPLATES + "problem.html", context, status=400)


@login_required
@require_POST
def revision_review(request):
    """Start today's review queue (one question per due learning outcome)."""
    if not can_revise(request.user):
        return _staff_page(request, status=403)
    try:
        candidate = services.review_start(user=request.user)
    except services.NothingDue:
        message = _("Hôm nay bạn không có câu nào cần ôn lại. Hãy luyện thêm một chủ đề nhé!")
    except AssemblyInfeasible as exc:
        message = " ".join(_infeasible(exc))
    else:
        return redirect(take_url(candidate))
    return _home(request, review_error=message, status=400)


@login_required
@require_GET
def revision_map(request, subject_id: int, grade: int):
    """The curriculum map of one subject and grade, coloured by mastery."""
    if not can_revise(request.user):
        return _staff_page(request)
    subject = get_object_or_404(Subject, pk=subject_id)
    rows = [r for r in selectors.subjects_for(request.user) if r.subject.pk == subject.pk]
    row = next((r for r in rows if r.grade == grade), None)
    if row is None:
        raise Http404(_("Bạn chưa có câu hỏi để luyện môn này ở lớp này."))
    topics = [
        {
            "row": t,
            "percent": percent_text(t.value),
            "width": percent_width(t.value),
            "open": any(o.answers for lesson in t.lessons for o in lesson.outcomes),
            "lessons": [
                {"row": lesson, "outcomes": [_outcome_item(o) for o in lesson.outcomes]}
                for lesson in t.lessons
            ],
        }
        for t in selectors.mastery_map(request.user, subject, grade)
    ]
    context = {
        "subject": subject,
        "grade": grade,
        "summary": _subject_item(row),
        "topics": topics,
        "legend": legend(),
    }
    return TemplateResponse(request, TEMPLATES + "map.html", context)


def _history_item(answer) -> dict:
    question = answer.question
    points = Decimal(question.points or 1)
    fraction = answer.fraction
    if fraction is None:
        verdict, css = _("Chưa chấm"), "none"
    elif fraction >= 1:
        verdict, css = _("Đúng"), "right"
    elif fraction <= 0:
        verdict, css = _("Sai"), "wrong"
    else:
        verdict, css = _("Đúng một phần"), "partial"
    got = None if fraction is None else (fraction * points).quantize(Decimal("0.01"))
    with translation.override("vi"):
        got_text = "" if got is None else number_format(got.normalize(), use_l10n=True)
        most_text = number_format(points.normalize(), use_l10n=True)
    return {
        "answer": answer,
        "when": timezone.localtime(answer.answered_at, LOCAL_TZ).strftime("%d/%m/%Y %H:%M"),
        "level": question.level.name if question.level_id else "",
        "verdict": verdict,
        "css": css,
        "points": f"{got_text}/{most_text}" if got is not None else "",
        "source": answer.get_source_display(),
    }


@login_required
@require_GET
def revision_outcome(request, outcome_id: int):
    """One learning outcome: mastery, band, next review and the latest answers."""
    if not can_revise(request.user):
        return _staff_page(request)
    user = request.user
    outcome = get_object_or_404(
        LearningOutcome.objects.select_related("lesson__topic__subject"), pk=outcome_id
    )
    row = selectors.outcome_row(user, outcome)
    # The outcome's own questions must be practisable, or the learner answered some before.
    if not row.answers and not pool_outcomes(user).filter(pk=outcome.pk).exists():
        raise Http404(_("Không tìm thấy yêu cầu cần đạt này."))
    topic = outcome.lesson.topic
    context = {
        "outcome": outcome,
        "lesson": outcome.lesson,
        "topic": topic,
        "map_url": reverse(
            "revision_map", kwargs={"subject_id": topic.subject_id, "grade": topic.grade}
        ),
        "answers": row.answers,
        "percent": percent_text(row.value if row.answers else None),
        "width": percent_width(row.value if row.answers else None),
        "band": row.band,
        "due": due_text(row.due),
        "history": [_history_item(a) for a in selectors.outcome_history(user, outcome, HISTORY)],
    }
    return TemplateResponse(request, TEMPLATES + "outcome.html", context)
