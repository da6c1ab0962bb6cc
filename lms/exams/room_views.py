"""The invigilator's room view (giám thị): the room's access code, every candidate's state,
and the actions an invigilator may take for one candidate.

Thin views: a room the user may not invigilate (:func:`lms.permissions.invigilated_rooms`)
and a candidate of another room answer 404, so nobody can probe other rooms. Each action
goes through a service that checks the room again and logs an
:class:`~lms.exams.models.AttemptEvent` with ``by``; a wrong input (no reason, bad
minutes) comes back on the candidate's page with a Vietnamese message (400) and changes
nothing. Page events ("left the exam page") are shown, never acted on.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from lms import permissions
from lms.exams import room as selectors
from lms.exams import services
from lms.exams.invigilation import attempt_collect
from lms.exams.models import Attempt, Candidate, ExamRoom

#: Minutes an invigilator may pick from (the service accepts 1–240).
EXTEND_CHOICES = (5, 10, 15, 20, 30)


class _ActionError(Exception):
    """An action refused for a reason the invigilator can fix (shown on the page, 400)."""


def _room_or_404(request, room_id: int) -> ExamRoom:
    room = (
        permissions.invigilated_rooms(request.user)
        .select_related("session")
        .filter(pk=room_id)
        .first()
    )
    if room is None:
        raise Http404
    return room


def _candidate_or_404(room: ExamRoom, candidate_id: int) -> Candidate:
    candidate = (
        Candidate.objects.select_related("student", "variant", "session", "room")
        .filter(pk=candidate_id, room=room)
        .first()
    )
    if candidate is None:
        raise Http404
    return candidate


@never_cache
@login_required
@require_GET
def room_view(request, room_id: int):
    room = _room_or_404(request, room_id)
    status = selectors.room_status(room=room)
    return render(
        request,
        "lms/exams/room/room.html",
        {"room": room, "session": room.session, "status": status},
    )


@never_cache
@login_required
@require_GET
def room_status_json(request, room_id: int):
    """The same as the page, for room.js to refresh without reloading."""
    room = _room_or_404(request, room_id)
    return JsonResponse(selectors.room_status(room=room))


def _render_candidate(request, room, candidate, *, errors=(), status=200):
    attempt = candidate.attempts.order_by("number").last()
    context = {
        "room": room,
        "session": room.session,
        "candidate": candidate,
        "attempt": attempt,
        "events": selectors.candidate_events(candidate=candidate),
        "extend_choices": EXTEND_CHOICES,
        "extension_minutes": attempt.extension_seconds // 60 if attempt else 0,
        "errors": list(errors),
        "posted": request.POST if request.method == "POST" else {},
        "action": (request.resolver_match.kwargs or {}).get("action", ""),
    }
    return render(request, "lms/exams/room/candidate.html", context, status=status)


@never_cache
@login_required
@require_GET
def candidate_view(request, room_id: int, candidate_id: int):
    """One candidate's events (check-in, devices, extensions, incidents, page events…) and
    the invigilator's actions."""
    room = _room_or_404(request, room_id)
    return _render_candidate(request, room, _candidate_or_404(room, candidate_id))


def _open_attempt(candidate: Candidate) -> Attempt:
    attempt = candidate.attempts.order_by("number").last()
    if attempt is None:
        raise _ActionError(_("Thí sinh chưa bắt đầu làm bài."))
    if attempt.state == Attempt.State.SUBMITTED:
        raise _ActionError(_("Bài làm đã nộp: không thể gia hạn hay mở khoá nữa."))
    return attempt


def _minutes(text: str) -> int:
    try:
        return int((text or "").strip())
    except ValueError:
        raise _ActionError(_("Số phút gia hạn phải là một số nguyên.")) from None


def _present(request, candidate):
    services.candidate_presence(user=request.user, candidate=candidate, present=True)
    return _("Đã ghi %(name)s có mặt.") % {"name": candidate.student}


def _absent(request, candidate):
    services.candidate_presence(user=request.user, candidate=candidate, present=False)
    return _("Đã ghi %(name)s vắng mặt.") % {"name": candidate.student}


def _extend(request, candidate):
    attempt = _open_attempt(candidate)
    if not request.POST.get("reason", "").strip():
        raise _ActionError(_("Hãy ghi lý do gia hạn."))
    minutes = _minutes(request.POST.get("minutes", ""))
    services.attempt_extend(
        user=request.user, attempt=attempt, minutes=minutes, reason=request.POST.get("reason", "")
    )
    return _("Đã gia hạn %(n)d phút cho %(name)s.") % {"n": minutes, "name": candidate.student}


def _unlock(request, candidate):
    attempt = _open_attempt(candidate)
    services.attempt_unlock(
        user=request.user, attempt=attempt, reason=request.POST.get("reason", "")
    )
    return _("Đã mở khoá: %(name)s có thể tiếp tục trên thiết bị khác.") % {
        "name": candidate.student
    }


def _incident(request, candidate):
    if not request.POST.get("note", "").strip():
        raise _ActionError(_("Hãy ghi nội dung biên bản."))
    services.incident_record(
        user=request.user, candidate=candidate, note=request.POST.get("note", "")
    )
    return _("Đã ghi biên bản cho %(name)s.") % {"name": candidate.student}


def _collect(request, candidate):
    attempt = candidate.attempts.order_by("number").last()
    if attempt is None:
        raise _ActionError(_("Thí sinh chưa bắt đầu làm bài: không có bài để thu."))
    _attempt, done = attempt_collect(user=request.user, attempt=attempt)
    if not done:
        return _("Bài của %(name)s đã được nộp trước đó.") % {"name": candidate.student}
    return _("Đã thu bài của %(name)s.") % {"name": candidate.student}


#: URL segment → handler (returns the message shown after it is done).
ACTIONS = {
    "co-mat": _present,
    "vang-mat": _absent,
    "gia-han": _extend,
    "mo-khoa": _unlock,
    "bien-ban": _incident,
    "thu-bai": _collect,
}


@never_cache
@login_required
@require_POST
def candidate_action(request, room_id: int, candidate_id: int, action: str):
    room = _room_or_404(request, room_id)
    candidate = _candidate_or_404(room, candidate_id)
    handler = ACTIONS.get(action)
    if handler is None:
        raise Http404
    try:
        message = handler(request, candidate)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        return _render_candidate(request, room, candidate, errors=exc.messages, status=400)
    except _ActionError as exc:
        return _render_candidate(request, room, candidate, errors=[str(exc)], status=400)
    messages.success(request, message)
    if request.POST.get("back") == "room":
        return HttpResponseRedirect(reverse("exam_room", args=[room.pk]))
    return HttpResponseRedirect(reverse("exam_room_candidate", args=[room.pk, candidate.pk]))
