"""The exam board's pages under ``/thi/quan-ly/``: sessions, creating one, a session with
its rooms and candidates, results (table and XLSX), one attempt in full, essay marking.

Thin views: each asks :mod:`lms.permissions` and answers 404 (never 403) for a session the
user may not see, so ids cannot be probed; students get 404 everywhere here. The writes
are the services' (:mod:`lms.exams.services`, :mod:`lms.exams.grading`,
:mod:`lms.exams.staffing`), which check the same rules again.
"""

import datetime as dt
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms import permissions
from lms.exams import codes, grading, results, services, staffing
from lms.exams.delivery import variant_items
from lms.exams.forms import (
    EssayMarkForm,
    InvigilatorsForm,
    RegradeForm,
    SessionCreateForm,
    paper_duration,
    session_papers,
)
from lms.exams.models import Attempt, AttemptAnswer, ExamRoom, ExamSession
from question_bank.formats.base import QType


# --- Doors --------------------------------------------------------------------------------
def _managed(request, session_id: int) -> ExamSession:
    """A session the user runs, or 404."""
    return get_object_or_404(
        permissions.manageable_sessions(request.user).select_related("paper"), pk=session_id
    )


def _marked(request, session_id: int) -> ExamSession:
    """A session whose essays the user marks, or 404."""
    return get_object_or_404(
        ExamSession.objects.filter(pk__in=permissions.markable_sessions(request.user).values("pk")),
        pk=session_id,
    )


def _form_errors(form, error: ValidationError) -> None:
    """A service's ValidationError onto the form's fields (unknown fields: the form)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


# --- Sessions -----------------------------------------------------------------------------
@login_required
def board_home(request):
    user = request.user
    sessions = results.board_sessions(user)
    runs = permissions.can_run_sessions(user)
    # An invigilator finds the rooms they watch here, running the session or not.
    rooms = list(
        permissions.invigilated_rooms(user)
        .filter(invigilators=user)
        .select_related("session")
        .order_by("-session__opens_at", "position")[:50]
    )
    if not runs and not sessions and not rooms:
        raise Http404
    return render(
        request,
        "lms/exams/board/home.html",
        {"sessions": sessions, "can_create": runs, "rooms": rooms},
    )


def _initial(request, user) -> dict:
    """Defaults of a new session: the paper of ``?paper=`` if the user may use it, opening
    at the next quarter hour."""
    now = timezone.localtime()
    opens = (now + dt.timedelta(minutes=15 - now.minute % 15)).replace(second=0, microsecond=0)
    initial = {"opens_at": opens}
    paper_id = request.GET.get("paper", "")
    if paper_id.isdigit():
        paper = session_papers(user).filter(pk=int(paper_id)).first()
        if paper is not None:
            initial.update(
                paper=paper.pk, title=paper.title, duration_minutes=paper_duration(paper)
            )
    return initial


@login_required
def session_new(request):
    user = request.user
    if not permissions.can_run_sessions(user):
        raise Http404
    if request.method == "POST":
        form = SessionCreateForm(request.POST, user=user)
    else:
        form = SessionCreateForm(initial=_initial(request, user), user=user)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                session = services.session_create(user=user, **form.service_kwargs())
        except ValidationError as error:
            _form_errors(form, error)
        except PermissionDenied:
            form.add_error("paper", _("Bạn không được tạo ca thi từ đề này."))
        else:
            messages.success(
                request,
                _("Đã tạo ca thi “%(title)s” với %(n)d thí sinh.")
                % {"title": session.title, "n": session.candidates.count()},
            )
            return redirect("exam_board_session", session_id=session.pk)
    return render(request, "lms/exams/board/create.html", {"form": form})


def _rooms(session: ExamSession) -> tuple[list[dict], int]:
    left = codes.seconds_left()
    rooms = []
    for room in session.rooms.prefetch_related("invigilators"):
        rooms.append(
            {
                "room": room,
                "code": codes.access_code(room.secret),
                "invigilators": list(room.invigilators.all()),
                "form": InvigilatorsForm(
                    session=session,
                    initial={"invigilators": [p.pk for p in room.invigilators.all()]},
                    prefix=f"room{room.pk}",
                ),
            }
        )
    return rooms, left


@login_required
def session_detail(request, session_id: int):
    session = _managed(request, session_id)
    rooms, seconds_left = _rooms(session)
    context = {
        "session": session,
        "status": results.session_status(session),
        "variants": list(
            session.paper.variants.order_by("position").values_list("code", flat=True)
        ),
        "rooms": rooms,
        "seconds_left": seconds_left,
        "candidates": results.result_rows(session),
        "regrade_form": RegradeForm(),
        "queue_size": len(results.marking_queue(session)),
    }
    return render(request, "lms/exams/board/session.html", context)


@login_required
@require_POST
def room_invigilators(request, session_id: int, room_id: int):
    session = _managed(request, session_id)
    room = get_object_or_404(ExamRoom.objects.filter(session=session), pk=room_id)
    form = InvigilatorsForm(request.POST, session=session, prefix=f"room{room.pk}")
    if form.is_valid():
        try:
            staffing.room_invigilators_set(
                user=request.user, room=room, invigilators=form.cleaned_data["invigilators"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã cập nhật giám thị %(room)s.") % {"room": room.name})
    else:
        messages.error(request, _("Giám thị đã chọn không hợp lệ."))
    return redirect("exam_board_session", session_id=session.pk)


@login_required
@require_POST
def session_release(request, session_id: int):
    session = _managed(request, session_id)
    services.session_release(user=request.user, session=session)
    messages.success(request, _("Đã công bố kết quả ca thi."))
    return redirect("exam_board_session", session_id=session.pk)


@login_required
@require_POST
def session_regrade(request, session_id: int):
    session = _managed(request, session_id)
    form = RegradeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy ghi lý do chấm lại."))
        return redirect("exam_board_session", session_id=session.pk)
    changed = grading.session_regrade(
        user=request.user, session=session, reason=form.cleaned_data["reason"]
    )
    messages.success(request, _("Đã chấm lại ca thi: %(n)d bài thay đổi điểm.") % {"n": changed})
    return redirect("exam_board_session", session_id=session.pk)


# --- Results ------------------------------------------------------------------------------
def _int(value) -> int | None:
    return int(value) if str(value or "").isdigit() else None


def _filtered_rows(request, session):
    chosen = {
        "room_id": _int(request.GET.get("phong")),
        "class_id": _int(request.GET.get("lop")),
        "variant_id": _int(request.GET.get("ma_de")),
    }
    return results.result_rows(session, **chosen), chosen


@login_required
def session_results(request, session_id: int):
    session = _managed(request, session_id)
    rows, chosen = _filtered_rows(request, session)
    context = {
        "session": session,
        "rows": rows,
        "chosen": chosen,
        "filters": results.result_filters(session),
        "parts": [heading for _part, heading in results.PARTS],
        "query": request.GET.urlencode(),
    }
    return render(request, "lms/exams/board/results.html", context)


@login_required
def session_results_xlsx(request, session_id: int):
    session = _managed(request, session_id)
    rows, _chosen = _filtered_rows(request, session)
    response = HttpResponse(
        results.results_xlsx(session, rows),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="ket-qua-ca-thi-{session.pk}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def attempt_detail(request, session_id: int, attempt_id: int):
    session = _managed(request, session_id)
    attempt = get_object_or_404(
        Attempt.objects.filter(candidate__session=session).select_related(
            "candidate__student", "candidate__room", "candidate__variant"
        ),
        pk=attempt_id,
    )
    context = {"session": session, "attempt": attempt, **results.attempt_detail(attempt)}
    return render(request, "lms/exams/board/attempt.html", context)


# --- Marking ------------------------------------------------------------------------------
@login_required
def marking_queue(request, session_id: int):
    session = _marked(request, session_id)
    queue = results.marking_queue(session)
    return render(
        request,
        "lms/exams/board/queue.html",
        {
            "session": session,
            "queue": queue,
            "manages": permissions.can_manage_session(request.user, session),
        },
    )


def _essay(session, attempt_id: int, slot: int):
    attempt = get_object_or_404(
        Attempt.objects.filter(
            candidate__session=session, state=Attempt.State.SUBMITTED
        ).select_related("candidate__student", "candidate__session"),
        pk=attempt_id,
    )
    items = variant_items(attempt.candidate.variant_id)
    if not 0 <= slot < len(items) or items[slot]["data"].get("qtype") != QType.ESSAY:
        raise Http404
    return attempt, items[slot]


@login_required
def essay_mark(request, session_id: int, attempt_id: int, slot: int):
    session = _marked(request, session_id)
    attempt, item = _essay(session, attempt_id, slot)
    most = Decimal(item["points"])
    form = EssayMarkForm(request.POST or None, most=most)
    if request.method == "POST" and form.is_valid():
        try:
            grading.essay_mark(
                user=request.user,
                attempt=attempt,
                slot=slot,
                points=form.cleaned_data["points"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request,
                _("Đã lưu điểm bài %(number)s, câu %(q)d.")
                % {"number": attempt.candidate.number, "q": item["number"]},
            )
            following = results.marking_queue(session)
            if following:
                nxt = following[0]
                return redirect(
                    "exam_board_mark",
                    session_id=session.pk,
                    attempt_id=nxt.attempt_id,
                    slot=nxt.slot,
                )
            return redirect("exam_board_marking", session_id=session.pk)
    answer = AttemptAnswer.objects.filter(attempt=attempt, slot=slot).first()
    mark = attempt.marks.filter(slot=slot).select_related("marker").first()
    context = {
        "session": session,
        "attempt": attempt,
        "item": item,
        "max": results.vn(most),
        "answer": answer.response if answer and answer.response not in (None, "") else "",
        "form": form,
        "show_name": permissions.can_see_candidate_names(request.user, session),
        "mark": mark,
        "mark_points": results.vn(mark.points) if mark else "",
    }
    return render(request, "lms/exams/board/mark.html", context)
