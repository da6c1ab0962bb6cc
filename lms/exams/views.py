"""The candidate's pages: my exams, check-in and start, the take page, the submitted page.

Thin views over :mod:`lms.exams.services`: a candidacy or attempt that is not the signed-in
student's answers 404 (:func:`lms.permissions.own_candidacies`), so nobody can probe other
candidates. The take page names its device with a long-lived random cookie and hands the
page's script a JSON bootstrap: the attempt's signed token, the version's questions as
:func:`lms.exams.delivery.public_items` gives them (never a key), every acknowledged answer
and the server's clock. Before the session opens the page sends no question at all:
:func:`~lms.exams.services.attempt_open` refuses, and the entry page shows the opening time.
Results follow the session's release policy (:func:`lms.permissions.results_released`) and its review policy.
"""

import json
import secrets
import time
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.signin import client_address
from lms.exams import delivery, saving, services
from lms.exams.models import Attempt, AttemptAnswer, Candidate, ExamSession
from lms.permissions import can_check_practice, own_candidacies, results_released
from lms.practice import answer_key_text, score_text
from question_bank.assembly.paper import PART_TITLES

DEVICE_COOKIE = "exam_device"
DEVICE_COOKIE_AGE = 400 * 24 * 3600
#: Static files the take page needs, cached by the service worker for an offline reload.
TAKE_PAGE_STATIC = (
    "lms/exam.css",
    "lms/exam.js",
    "lms/exam-outbox.js",
    "lms/exam-widgets.js",
    "vendor/katex/katex.min.css",
    "vendor/katex/katex.min.js",
    "vendor/katex/contrib/auto-render.min.js",
)


def _status(candidate: Candidate, attempts: list[Attempt], now) -> tuple[str, str]:
    """(code, Vietnamese label) of a candidacy for the list."""
    submitted = [a for a in attempts if a.state == Attempt.State.SUBMITTED]
    session = candidate.session
    if submitted and len(submitted) >= session.attempts_allowed:
        released = results_released(session, now=now, extensions=False)
        if released and any(hasattr(a, "result") for a in submitted):
            return "result", _("Có kết quả")
        return "submitted", _("Đã nộp")
    if any(a.state == Attempt.State.IN_PROGRESS for a in attempts):
        return "in_progress", _("Đang làm bài")
    if session.opens_at and now < session.opens_at:
        return "not_open", _("Chưa mở")
    if session.closes_at and now >= session.closes_at:
        return "closed", _("Đã kết thúc")
    return "open", _("Đang mở")


def _own_candidate(request, candidate_id: int) -> Candidate:
    return get_object_or_404(
        own_candidacies(request.user).select_related("session", "room", "variant"),
        pk=candidate_id,
    )


def _own_attempt(request, attempt_id: int) -> Attempt:
    return get_object_or_404(
        Attempt.objects.select_related("candidate__session", "candidate__room").filter(
            candidate__in=own_candidacies(request.user)
        ),
        pk=attempt_id,
    )


# --- My exams -----------------------------------------------------------------------------
@login_required
@require_GET
def exam_list(request):
    """Bài thi của tôi: every candidacy of the student with its window, room, SBD, status."""
    now = timezone.now()
    rows = []
    candidacies = (
        own_candidacies(request.user)
        .select_related("session", "room")
        .prefetch_related("attempts__result")
        .order_by("-session__opens_at", "-pk")
    )
    for candidate in candidacies:
        attempts = list(candidate.attempts.all())
        code, label = _status(candidate, attempts, now)
        last = next((a for a in reversed(attempts) if a.state == Attempt.State.SUBMITTED), None)
        rows.append({"candidate": candidate, "status": code, "label": label, "submitted": last})
    return render(request, "lms/exams/list.html", {"rows": rows})


# --- Entry: check-in and start ------------------------------------------------------------
def _entry(request, candidate: Candidate, *, error: str = "", status: int = 200):
    session = candidate.session
    now = timezone.now()
    attempts = list(candidate.attempts.all())
    in_progress = any(a.state == Attempt.State.IN_PROGRESS for a in attempts)
    submitted = [a for a in attempts if a.state == Attempt.State.SUBMITTED]
    not_open = bool(session.opens_at and now < session.opens_at)
    needs_check_in = (
        session.kind == ExamSession.Kind.EXAM
        and session.require_identity
        and candidate.checked_in_at is None
        and not in_progress
    )
    context = {
        "candidate": candidate,
        "session": session,
        "error": error,
        "not_open": not_open,
        "needs_check_in": needs_check_in and not not_open,
        "in_progress": in_progress,
        "submitted": submitted[-1] if submitted else None,
        "can_start": not not_open
        and (in_progress or len(attempts) < session.attempts_allowed)
        and not needs_check_in,
    }
    return render(request, "lms/exams/entry.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def candidate_entry(request, candidate_id: int):
    """The candidate's entry: session, room, SBD; the identity check; "Bắt đầu làm bài"."""
    candidate = _own_candidate(request, candidate_id)
    if request.method == "GET":
        return _entry(request, candidate)
    if request.POST.get("action") == "check_in":
        try:
            services.check_in(
                user=request.user,
                candidate=candidate,
                access_code=request.POST.get("access_code", ""),
                identity=request.POST.get("identity", ""),
                ip=client_address(request),
            )
        except services.ExamRefused as refused:
            return _entry(request, candidate, error=refused.message, status=400)
        return redirect("exam_entry", candidate_id=candidate.pk)
    try:
        services.check_entry_window(
            candidate.session, starting=not candidate.attempts.exists(), candidate=candidate
        )
    except services.ExamRefused as refused:
        return _entry(request, candidate, error=refused.message, status=400)
    return redirect("exam_take", candidate_id=candidate.pk)


# --- The take page ------------------------------------------------------------------------
def _device(request) -> tuple[str, bool]:
    device = request.COOKIES.get(DEVICE_COOKIE, "")
    if 16 <= len(device) <= 64 and device.isalnum():
        return device, False
    return secrets.token_hex(16), True


def _optional_url(name: str, attempt_id: int) -> str | None:
    try:
        return reverse(name, kwargs={"attempt_id": attempt_id})
    except NoReverseMatch:
        return None


def _bootstrap(attempt: Attempt, candidate: Candidate) -> dict:
    session = candidate.session
    answers = saving.current_answers(attempt.pk)
    practice = session.kind == ExamSession.Kind.PRACTICE
    return {
        "attempt": attempt.pk,
        "token": saving.attempt_token(attempt),
        "mode": "practice" if practice else "exam",
        "title": session.title,
        "sbd": candidate.number,
        "code": candidate.variant.code,
        "items": delivery.public_items(candidate.variant_id),
        "answers": [
            {"slot": slot, "seq": a["seq"], "response": a["response"], "flagged": a["flagged"]}
            for slot, a in sorted(answers.items())
        ],
        "deadline": int(attempt.deadline.timestamp() * 1000) if attempt.deadline else None,
        "now": int(time.time() * 1000),
        "grace": session.grace_seconds,
        "parts": {str(k): v for k, v in PART_TITLES.items()},
        "urls": {
            "save": reverse("exam_save", kwargs={"attempt_id": attempt.pk}),
            "heartbeat": reverse("exam_heartbeat", kwargs={"attempt_id": attempt.pk}),
            "event": reverse("exam_event", kwargs={"attempt_id": attempt.pk}),
            "submit": reverse("exam_submit", kwargs={"attempt_id": attempt.pk}),
            "submitted": reverse("exam_submitted", kwargs={"attempt_id": attempt.pk}),
            "worker": reverse("exam_service_worker"),
            "static": [static(path) for path in TAKE_PAGE_STATIC],
        },
        # An assigned practice set whose teacher holds back keys gets no check button.
        "check_url": _optional_url("exam_check", attempt.pk)
        if can_check_practice(session)
        else None,
    }


@login_required
@require_GET
def attempt_take(request, candidate_id: int):
    """The exam page: opens (or resumes) the attempt on this device and hands over its
    questions, answers and clock. Another device → 409; a refusal → the entry page."""
    candidate = _own_candidate(request, candidate_id)
    device, new_device = _device(request)
    try:
        attempt = services.attempt_open(
            user=request.user, candidate=candidate, device=device, ip=client_address(request)
        )
    except services.ExamRefused as refused:
        if refused.code == "device":
            response = render(
                request,
                "lms/exams/device.html",
                {"candidate": candidate, "message": refused.message},
                status=409,
            )
        else:
            response = _entry(request, candidate, error=refused.message, status=400)
    else:
        response = render(
            request,
            "lms/exams/take.html",
            {
                "candidate": candidate,
                "session": candidate.session,
                "bootstrap": _bootstrap(attempt, candidate),
            },
        )
    response["Cache-Control"] = "no-store" if new_device else "private, no-cache"
    if new_device:
        response.set_cookie(
            DEVICE_COOKIE,
            device,
            max_age=DEVICE_COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


@require_GET
def exam_service_worker(request):
    """The take page's service worker (scope ``/thi/``): keeps the page and its static files
    so a reload without a network still opens the page and its outbox (exam-outbox.js)."""
    body = render_to_string(
        "lms/exams/exam-sw.js",
        {"static_urls": json.dumps([static(p) for p in TAKE_PAGE_STATIC])},
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


# --- Submitted and results ----------------------------------------------------------------
def _shown_response(item: dict, response) -> str:
    """A saved answer in words, as the student gave it."""
    if response is None:
        return ""
    qtype = item["qtype"]
    if qtype in ("single_choice", "multiple_response"):
        picked = response if isinstance(response, list) else [response]
        labels = [c["label"] for c in item.get("choices", [])]
        return ", ".join(labels[i] if 0 <= i < len(labels) else "?" for i in picked)
    if qtype == "true_false":
        labels = [c["label"] for c in item.get("choices", [])]
        words = {True: _("Đúng"), False: _("Sai"), None: "–"}
        return "; ".join(f"{labels[i]}) {words.get(v, '–')}" for i, v in enumerate(response))
    if qtype == "ordering":
        return " → ".join(str(p + 1) for p in response)
    if isinstance(response, list):
        return "; ".join("–" if v is None else str(v) for v in response)
    return str(response)


def _review_rows(attempt: Attempt, result, *, keys: bool) -> list[dict]:
    candidate = attempt.candidate
    items = delivery.public_items(candidate.variant_id)
    pinned = {it["slot"]: it for it in delivery.variant_items(candidate.variant_id)}
    answers = saving.current_answers(attempt.pk)
    points = {row["slot"]: row for row in (result.items if result else [])}
    rows = []
    for item in items:
        slot = item["slot"]
        row = {
            "item": item,
            "answer": _shown_response(item, (answers.get(slot) or {}).get("response")),
            "points": score_text(Decimal(points[slot]["points"])) if slot in points else "",
            "max": score_text(Decimal(item["points"])),
            "pending": bool(points.get(slot, {}).get("pending")),
        }
        if keys:
            data = pinned[slot]["data"]
            row["key"] = answer_key_text(data)
            row["solution"] = data.get("solution") or ""
        rows.append(row)
    return rows


def _result_context(attempt: Attempt) -> dict:
    session = attempt.candidate.session
    result = getattr(attempt, "result", None)
    if not results_released(session) or result is None:
        return {"result": None}
    parts = [
        {"title": PART_TITLES.get(int(part), part), "score": score_text(Decimal(value))}
        for part, value in sorted(result.part_scores.items(), key=lambda kv: int(kv[0]))
    ]
    review = session.review_policy
    most = sum((Decimal(row["max"]) for row in result.items), Decimal(0))
    context = {
        "result": result,
        "score": score_text(result.score),
        "max_score": score_text(most),
        "parts": parts,
    }
    if review in ("answers", "keys"):
        context["review"] = _review_rows(attempt, result, keys=review == "keys")
    return context


@login_required
@require_GET
def attempt_submitted(request, attempt_id: int):
    """Bài đã được nộp: when, how many answers were saved, and the result when released."""
    attempt = _own_attempt(request, attempt_id)
    if attempt.state != Attempt.State.SUBMITTED:
        return redirect("exam_take", candidate_id=attempt.candidate_id)
    saved = AttemptAnswer.objects.filter(attempt=attempt).exclude(response__isnull=True).count()
    context = {
        "attempt": attempt,
        "candidate": attempt.candidate,
        "session": attempt.candidate.session,
        "saved": saved,
        "total": len(delivery.public_items(attempt.candidate.variant_id)),
        **_result_context(attempt),
        # A mock exam's report (lms.revision), linked by name without importing it.
        "report_url": _optional_url("revision_mock_report", attempt.pk)
        if attempt.candidate.session.kind == ExamSession.Kind.MOCK
        else None,
    }
    return render(request, "lms/exams/submitted.html", context)
