"""What the invigilator's room view shows (selector; reads only).

:func:`room_status` answers the room's access code and every candidate's state in a fixed
number of queries whatever the room's size: the candidates (with their student and mã
đề), their attempts with the answered count and the newest save, the page events ("left the
exam page") counted per candidate, and who collected submitted attempts. When a page was
last seen comes from the heartbeat cache (:func:`lms.exams.saving.mark_seen`), read in one
``get_many``; without the cache (Redis down) the newest save stands in for it, then the
start of the attempt. Times are the server's.
"""

import time

from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.cache import cache_get_many
from lms.exams import codes
from lms.exams.models import Attempt, AttemptEvent, Candidate, ExamRoom
from lms.exams.services import PAGE_EVENTS

#: A page not heard from (heartbeat or save) for this long is shown offline.
OFFLINE_SECONDS = 60


class State:
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    OFFLINE = "offline"
    SUBMITTED = "submitted"


def ago_text(seconds: float) -> str:
    """``12 giây trước``, ``3 phút trước``, ``1 giờ 5 phút trước``."""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return _("%(n)d giây trước") % {"n": seconds}
    if seconds < 3600:
        return _("%(n)d phút trước") % {"n": seconds // 60}
    return _("%(h)d giờ %(m)d phút trước") % {"h": seconds // 3600, "m": seconds % 3600 // 60}


def clock_text(seconds: int | None) -> str:
    """Remaining time as ``mm:ss`` or ``h:mm:ss``; ``—`` without a time limit."""
    if seconds is None:
        return "—"
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def _local(value) -> str:
    return timezone.localtime(value).strftime("%H:%M:%S") if value else ""


def _person(name: str, username: str) -> str:
    return name or username or ""


def _attempts(room: ExamRoom) -> dict[int, Attempt]:
    """Each candidate's latest attempt, with ``answered`` and ``last_save``."""
    rows = (
        Attempt.objects.filter(candidate__room=room)
        .annotate(
            answered=Count("answers", filter=Q(answers__response__isnull=False)),
            last_save=Max("answers__saved_at"),
        )
        .order_by("candidate_id", "number")
    )
    return {a.candidate_id: a for a in rows}


def _page_events(room: ExamRoom) -> dict[int, dict]:
    rows = (
        AttemptEvent.objects.filter(candidate__room=room, kind__in=PAGE_EVENTS)
        .values("candidate_id")
        .annotate(n=Count("pk"), last=Max("created_at"))
        .order_by()
    )
    return {r["candidate_id"]: r for r in rows}


def _collectors(room: ExamRoom) -> dict[int, str]:
    """Attempt id → who submitted it for the candidate (an invigilator's Thu bài)."""
    rows = AttemptEvent.objects.filter(
        candidate__room=room, kind=AttemptEvent.Kind.SUBMIT, by__isnull=False
    ).values_list("attempt_id", "by__full_name", "by__username")
    return {attempt_id: _person(name, username) for attempt_id, name, username in rows}


def _seen(attempts: dict[int, Attempt]) -> dict[int, float]:
    keys = {f"exam:seen:{a.pk}": a.pk for a in attempts.values()}
    found = cache_get_many(list(keys)) if keys else {}
    return {keys[k]: float(v) for k, v in found.items() if k in keys and v is not None}


def _last_seen(attempt: Attempt, seen: float | None) -> float:
    saved = attempt.last_save.timestamp() if attempt.last_save else None
    if seen is not None:
        return max(seen, saved or 0)
    return saved if saved is not None else attempt.started_at.timestamp()


def _attempt_fields(attempt: Attempt, *, seen: float | None, collector: str, now: float) -> dict:
    """The state columns of a candidate who has an attempt."""
    fields = {
        "attempt_id": attempt.pk,
        "answered": attempt.answered,
        "deadline": int(attempt.deadline.timestamp() * 1000) if attempt.deadline else None,
        "extension_minutes": attempt.extension_seconds // 60,
        "last_save_seconds": int(now - attempt.last_save.timestamp())
        if attempt.last_save
        else None,
    }
    if attempt.state == Attempt.State.SUBMITTED:
        by = attempt.get_submitted_by_display()
        if collector:
            by = f"{by} ({collector})"
        fields.update(
            state=State.SUBMITTED,
            state_text=_("Đã nộp bài lúc %(at)s · %(by)s")
            % {"at": _local(attempt.submitted_at), "by": by},
            submitted_by=attempt.submitted_by,
            remaining_seconds=None,
        )
        return fields
    last = _last_seen(attempt, seen)
    save = (
        _("lưu %(ago)s") % {"ago": ago_text(fields["last_save_seconds"])}
        if attempt.last_save
        else _("chưa lưu câu nào")
    )
    if now - last > OFFLINE_SECONDS:
        fields.update(
            state=State.OFFLINE,
            state_text=_("Mất kết nối (lần cuối %(ago)s) · %(save)s")
            % {"ago": ago_text(now - last), "save": save},
        )
    else:
        fields.update(
            state=State.IN_PROGRESS, state_text=_("Đang làm bài · %(save)s") % {"save": save}
        )
    fields["remaining_seconds"] = (
        max(0, int(attempt.deadline.timestamp() - now)) if attempt.deadline else None
    )
    return fields


_PRESENCE = {
    None: gettext_lazy("Chưa điểm danh"),
    True: gettext_lazy("Có mặt"),
    False: gettext_lazy("Vắng"),
}


def _row(candidate: Candidate, attempt, *, seen, collector, events, now: float) -> dict:
    row = {
        "id": candidate.pk,
        "number": candidate.number,
        "name": _person(candidate.student.full_name, candidate.student.username),
        "seat": candidate.seat + 1,  # seats are shown from 1
        "variant": candidate.variant.code,
        "total": len(candidate.variant.layout or ()),
        "present": candidate.present,
        "present_text": str(_PRESENCE[candidate.present]),
        "checked_in_at": _local(candidate.checked_in_at),
        "page_events": events["n"] if events else 0,
        "page_event_last": _local(events["last"]) if events else "",
        "page_events_text": _("%(n)d lần, gần nhất %(at)s")
        % {"n": events["n"], "at": _local(events["last"])}
        if events
        else "—",
        "attempt_id": None,
        "answered": 0,
        "deadline": None,
        "extension_minutes": 0,
        "last_save_seconds": None,
        "remaining_seconds": None,
        "state": State.NOT_STARTED,
        "state_text": _("Chưa bắt đầu"),
    }
    if attempt is not None:
        row.update(_attempt_fields(attempt, seen=seen, collector=collector, now=now))
    row["remaining_text"] = clock_text(row["remaining_seconds"]) if row["deadline"] else "—"
    return row


def _counts(rows: list[dict]) -> dict:
    counts = {"total": len(rows), "present": 0, "absent": 0, "checked_in": 0}
    counts.update(
        dict.fromkeys((State.NOT_STARTED, State.IN_PROGRESS, State.OFFLINE, State.SUBMITTED), 0)
    )
    for row in rows:
        counts[row["state"]] += 1
        counts["present"] += row["present"] is True
        counts["absent"] += row["present"] is False
        counts["checked_in"] += bool(row["checked_in_at"])
    return counts


def room_status(*, room: ExamRoom, now: float | None = None) -> dict:
    """The room's code and every candidate's row, JSON-ready (the page and room.js share
    it). ``now``: epoch seconds (the server's clock)."""
    now = time.time() if now is None else now
    candidates = list(
        Candidate.objects.filter(room=room)
        .select_related("student", "variant")
        .order_by("seat", "number")
    )
    attempts = _attempts(room)
    seen = _seen(attempts)
    events = _page_events(room)
    collectors = _collectors(room)
    rows = []
    for candidate in candidates:
        attempt = attempts.get(candidate.pk)
        rows.append(
            _row(
                candidate,
                attempt,
                seen=seen.get(attempt.pk) if attempt else None,
                collector=collectors.get(attempt.pk, "") if attempt else "",
                events=events.get(candidate.pk),
                now=now,
            )
        )
    return {
        "now": int(now * 1000),
        "room": room.pk,
        "code": codes.access_code(room.secret, at=now),
        "code_seconds_left": codes.seconds_left(at=now),
        "code_left_text": clock_text(codes.seconds_left(at=now)),
        "offline_seconds": OFFLINE_SECONDS,
        "counts": _counts(rows),
        "candidates": rows,
    }


#: Events written by the system rather than by the candidate's device (when ``by`` is empty).
_SYSTEM_KINDS = frozenset({AttemptEvent.Kind.CLOSE})


def _event_detail(event: AttemptEvent) -> str:
    data = event.data or {}
    if event.kind == AttemptEvent.Kind.EXTEND and data.get("minutes"):
        return _("+%(n)s phút") % {"n": data["minutes"]}
    if event.kind == AttemptEvent.Kind.LATE_SAVE and isinstance(data.get("answers"), list):
        return _("%(n)d câu trả lời gửi sau hạn") % {"n": len(data["answers"])}
    return ""


def candidate_events(*, candidate: Candidate) -> list[dict]:
    """Every event of a candidate, oldest first: when, what, who, the note, and the device
    and address it came from (for a biên bản or a dispute)."""
    rows = []
    for event in (
        AttemptEvent.objects.filter(candidate=candidate)
        .select_related("by")
        .order_by("created_at", "pk")
    ):
        if event.by is not None:
            who = _person(event.by.full_name, event.by.username)
        elif event.kind in _SYSTEM_KINDS:
            who = _("Hệ thống")
        else:
            who = _("Thí sinh")
        rows.append(
            {
                "at": event.created_at,
                "kind": event.kind,
                "label": event.get_kind_display(),
                "who": who,
                "note": event.note,
                "detail": _event_detail(event),
                "device": event.device,
                "ip": event.ip or "",
                "page_event": event.kind in PAGE_EVENTS,
            }
        )
    return rows
