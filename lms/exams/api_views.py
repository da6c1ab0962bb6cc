"""The exam page's JSON endpoints: save, heartbeat, page events, submit.

Authenticated by the attempt's signed token (header ``X-Exam-Token``), not by the session
cookie, so they need no CSRF token and no session or user lookup per request: the token is
issued by the take page to the candidate who owns the attempt, and names the attempt and
the device allowed to save. JSON is never rendered as a page, so it carries no
Content-Security-Policy (building one costs a fifth of a save). Every response carries the server's time (``now``, epoch
milliseconds) so the page keeps the server's clock, whatever the device's clock says.
"""

import json
import time

from csp.decorators import csp_exempt
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts.signin import client_address
from lms.exams import saving, services
from lms.exams.models import Attempt
from lms.exams.saving import SaveRefused


def now_ms() -> int:
    return int(time.time() * 1000)


def refused_response(refused: SaveRefused) -> JsonResponse:
    body = {"error": refused.message, "code": refused.code, "now": now_ms()}
    if refused.slot is not None:
        body["slot"] = refused.slot
    return JsonResponse(body, status=refused.status)


def json_payload(request):
    try:
        return json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise SaveRefused(_("Dữ liệu gửi lên không phải JSON hợp lệ."), "json", 400) from None


def exam_token(request) -> str:
    return request.headers.get("X-Exam-Token", "")


def _deadline_ms(state: dict) -> int | None:
    return None if state["deadline"] is None else int(state["deadline"] * 1000)


def _state(attempt_id: int, token: str) -> tuple[str, dict]:
    device = saving.read_token(token, attempt_id)
    state = saving.attempt_state(attempt_id)
    if state is None:
        raise SaveRefused(_("Không tìm thấy bài làm."), "token", 403)
    return device, state


@csp_exempt()
@csrf_exempt
@require_POST
def attempt_save(request, attempt_id: int):
    """Save changed answers: ``{"answers": [{"slot", "seq", "response", "flagged"}]}``."""
    try:
        result = saving.answers_save(
            attempt_id=attempt_id,
            token=exam_token(request),
            payload=json_payload(request),
            ip=client_address(request),
        )
    except SaveRefused as refused:
        return refused_response(refused)
    # The deadline too (an extension shows at once), so a page that saves needs no beat.
    return JsonResponse(
        {
            "ok": True,
            "saved": result.saved,
            "stale": result.stale,
            "deadline": result.deadline,
            "now": now_ms(),
        }
    )


@csp_exempt()
@csrf_exempt
@require_POST
def attempt_heartbeat(request, attempt_id: int):
    """The page is alive: the server's time, the deadline (extensions included), and
    whether this device may still save."""
    try:
        device, state = _state(attempt_id, exam_token(request))
    except SaveRefused as refused:
        return refused_response(refused)
    saving.mark_seen(attempt_id)
    return JsonResponse(
        {
            "now": now_ms(),
            "deadline": _deadline_ms(state),
            "grace": state["grace"],
            "state": state["state"],
            "device_ok": state["device"] == device,
        }
    )


@csp_exempt()
@csrf_exempt
@require_POST
def attempt_event(request, attempt_id: int):
    """The page reports leaving it (visibility, blur, full screen): shown, never acted on."""
    try:
        device, state = _state(attempt_id, exam_token(request))
        kind = str(json_payload(request).get("kind", ""))
        services.page_event_record(
            attempt_id=attempt_id,
            candidate_id=state["candidate"],
            kind=kind,
            device=device,
            ip=client_address(request),
        )
    except SaveRefused as refused:
        return refused_response(refused)
    except services.ValidationError:
        return JsonResponse({"error": _("Loại sự kiện không hợp lệ."), "code": "kind"}, status=400)
    return JsonResponse({"ok": True, "now": now_ms()})


@csp_exempt()
@csrf_exempt
@require_POST
def attempt_submit(request, attempt_id: int):
    """Submit, optionally with the last answers (saved first, as a save would). A second
    submit answers the same; a device that lost the attempt cannot submit it."""
    try:
        device, state = _state(attempt_id, exam_token(request))
        if state["device"] != device:
            saving.check_open(state, device, now=time.time())
        payload = json_payload(request)
        if isinstance(payload, dict) and payload.get("answers"):
            saving.answers_save(
                attempt_id=attempt_id,
                token=exam_token(request),
                payload=payload,
                ip=client_address(request),
            )
    except SaveRefused as refused:
        if refused.code != "submitted":
            return refused_response(refused)
    attempt, _done = services.attempt_submit(
        attempt=Attempt.objects.get(pk=attempt_id), by=Attempt.SubmittedBy.STUDENT
    )
    return JsonResponse(
        {
            "ok": True,
            "state": attempt.state,
            "submitted_at": int(attempt.submitted_at.timestamp() * 1000),
            "now": now_ms(),
        }
    )
