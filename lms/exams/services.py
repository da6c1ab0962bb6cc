"""Writes of the exam engine: sessions, check-in, attempts, invigilation.

Keyword-only; each checks its rule in :mod:`lms.permissions` and records what it did in the
append-only :class:`~lms.exams.models.AttemptEvent` log. Times are the server's, never the
device's. The autosave path is :mod:`lms.exams.saving`; grading is :mod:`lms.exams.grading`.
"""

import datetime as dt
import logging
import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Enrolment, Role, User
from common.cache import cache_get, cache_set
from lms import permissions
from lms.exams import codes, signals, versions
from lms.exams.models import (
    Attempt,
    AttemptEvent,
    Candidate,
    ExamRoom,
    ExamSession,
    ReleasePolicy,
)
from lms.exams.saving import forget_attempt_state
from question_bank.assembly.models import Paper

logger = logging.getLogger(__name__)


class ExamRefused(Exception):
    """A candidate's request the rules refuse; ``message`` is shown as it is (Vietnamese),
    ``code`` names the reason for the page's script."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


# --- Sessions -----------------------------------------------------------------------------
@dataclass
class SessionWindow:
    opens_at: dt.datetime | None = None
    last_entry_at: dt.datetime | None = None
    closes_at: dt.datetime | None = None
    duration_minutes: int | None = None
    grace_seconds: int = 120


def _check_window(kind: str, window: SessionWindow) -> None:
    errors = {}
    if kind == ExamSession.Kind.EXAM:
        if not window.opens_at:
            errors["opens_at"] = _("Hãy nhập thời điểm mở cửa ca thi.")
        if not window.duration_minutes:
            errors["duration_minutes"] = _("Hãy nhập thời gian làm bài (phút).")
    if window.opens_at and window.closes_at and window.closes_at <= window.opens_at:
        errors["closes_at"] = _("Ca thi phải kết thúc sau khi mở cửa.")
    if window.opens_at and window.last_entry_at and window.last_entry_at < window.opens_at:
        errors["last_entry_at"] = _("Giờ vào muộn nhất phải sau giờ mở cửa.")
    if window.closes_at and window.last_entry_at and window.last_entry_at > window.closes_at:
        errors["last_entry_at"] = _("Giờ vào muộn nhất phải trước khi ca thi kết thúc.")
    if errors:
        raise ValidationError(errors)


def _class_students(classes) -> list[User]:
    ids = Enrolment.objects.filter(school_class__in=classes).values("student_id")
    return list(User.objects.filter(pk__in=ids, role=Role.STUDENT, is_active=True))


def _order_key(student: User):
    return (student.last_name or "", student.first_name or "", student.full_name, student.pk)


def _rooms_for(session: ExamSession, classes, students: list[User], room_size: int | None):
    """Rooms and their students: one room per class by default, or rooms of ``room_size``."""
    if room_size:
        ordered = sorted(students, key=_order_key)
        chunks = [ordered[i : i + room_size] for i in range(0, len(ordered), room_size)]
        return [(_("Phòng %(n)d") % {"n": n}, chunk) for n, chunk in enumerate(chunks, 1)]
    by_class: dict = {}
    placed = set()
    for enrolment in Enrolment.objects.filter(
        school_class__in=classes, student__in=students
    ).select_related("school_class"):
        if enrolment.student_id in placed:
            continue
        placed.add(enrolment.student_id)
        by_class.setdefault(enrolment.school_class.name, []).append(enrolment.student_id)
    people = {s.pk: s for s in students}
    rooms = [
        (_("Phòng %(name)s") % {"name": name}, sorted((people[i] for i in ids), key=_order_key))
        for name, ids in sorted(by_class.items())
    ]
    rest = sorted((s for s in students if s.pk not in placed), key=_order_key)
    if rest:
        rooms.append((_("Phòng %(n)d") % {"n": len(rooms) + 1}, rest))
    return rooms


def _candidate(session, student, room, seat: int, number: int, variant_ids: list[int]) -> Candidate:
    """A candidate at a seat: their number (six digits, in seating order) and the version
    the seat gets."""
    return Candidate(
        session=session,
        student=student,
        room=room,
        seat=seat,
        number=f"{number:06d}",
        variant_id=versions.variant_for_seat(
            variant_ids, session_id=session.pk, room_id=room.pk if room else None, seat=seat
        ),
    )


def _place_candidates(session: ExamSession, rooms, variant_ids: list[int]) -> None:
    number = 0
    for position, (name, students) in enumerate(rooms):
        room = ExamRoom.objects.create(
            session=session, name=name, position=position, secret=codes.new_secret()
        )
        rows = []
        for seat, student in enumerate(students):
            number += 1
            rows.append(_candidate(session, student, room, seat, number, variant_ids))
        Candidate.objects.bulk_create(rows)


def candidates_add(*, session: ExamSession, students: list) -> None:
    """Seat students added after the session was made in its first room, after the others,
    numbered after them (an assignment's new students; the caller has checked its rights)."""
    if not students:
        return
    room = session.rooms.order_by("position", "pk").first()
    taken = Candidate.objects.filter(session=session).aggregate(n=Max("seat"))["n"]
    seat = -1 if taken is None else taken
    variant_ids = list(session.paper.variants.order_by("position").values_list("pk", flat=True))
    number = Candidate.objects.filter(session=session).count()
    rows = []
    for student in students:
        seat += 1
        number += 1
        rows.append(_candidate(session, student, room, seat, number, variant_ids))
    Candidate.objects.bulk_create(rows)


@transaction.atomic
def session_create(
    *,
    user,
    paper: Paper,
    title: str,
    window: SessionWindow,
    kind: str = ExamSession.Kind.EXAM,
    classes=(),
    students=(),
    room_size: int | None = None,
    attempts_allowed: int = 1,
    release_policy: str = ReleasePolicy.MANUAL,
    review_policy: str = "score",
    require_identity: bool = True,
    markers=(),
) -> ExamSession:
    """A session of ``paper`` for the students of ``classes`` and the listed ``students``,
    seated in rooms, each given their version (:mod:`lms.exams.versions`)."""
    if not permissions.can_create_session(user, paper):
        raise PermissionDenied(_("Bạn không được tạo ca thi từ đề này."))
    _check_window(kind, window)
    variant_ids = list(paper.variants.order_by("position").values_list("pk", flat=True))
    if not variant_ids:
        raise ValidationError({"paper": _("Đề này chưa có mã đề nào: hãy ghép đề trước.")})
    people = {s.pk: s for s in [*_class_students(classes), *students]}
    if not people:
        raise ValidationError({"classes": _("Hãy chọn ít nhất một lớp hoặc một thí sinh.")})
    session = ExamSession.objects.create(
        title=title.strip() or paper.title,
        kind=kind,
        paper=paper,
        school_id=user.school_id,
        department_id=user.department_id or getattr(user.school, "department_id", None),
        opens_at=window.opens_at,
        last_entry_at=window.last_entry_at,
        closes_at=window.closes_at,
        duration_minutes=window.duration_minutes,
        grace_seconds=window.grace_seconds,
        attempts_allowed=max(1, attempts_allowed),
        release_policy=release_policy,
        review_policy=review_policy,
        require_identity=require_identity,
        created_by=user,
    )
    if markers:
        session.markers.set(markers)
    _place_candidates(
        session, _rooms_for(session, classes, list(people.values()), room_size), variant_ids
    )
    logger.info("exam session %s created by %s (%d candidates)", session.pk, user, len(people))
    return session


def session_release(*, user, session: ExamSession) -> ExamSession:
    if not permissions.can_manage_session(user, session):
        raise PermissionDenied(_("Bạn không được công bố kết quả ca thi này."))
    if session.released_at is None:
        session.released_at = timezone.now()
        session.save(update_fields=["released_at"])
    return session


# --- Candidates: check-in ----------------------------------------------------------------
_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d%m%Y")


def _typed_date(text: str) -> dt.date | None:
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a date, no time
        except ValueError:
            continue
    return None


def identity_matches(student: User, typed: str) -> bool:
    """The candidate's date of birth (dd/mm/yyyy) or the last 6 digits of their CCCD."""
    typed = (typed or "").strip()
    digits = re.sub(r"\D", "", typed)
    if student.citizen_id and len(digits) == 6 and student.citizen_id.endswith(digits):
        return True
    return bool(student.date_of_birth) and _typed_date(typed) == student.date_of_birth


def check_entry_window(
    session: ExamSession, *, now=None, starting: bool = True, candidate=None
) -> None:
    """Refuses (ExamRefused) outside the session's window; a candidate's own end of the
    session (:attr:`Candidate.closes_at`) replaces the session's for them."""
    now = now or timezone.now()
    closes_at = (candidate.closes_at if candidate else None) or session.closes_at
    if session.opens_at and now < session.opens_at:
        raise ExamRefused(
            _("Ca thi chưa mở. Giờ mở cửa: %(at)s.")
            % {"at": timezone.localtime(session.opens_at).strftime("%H:%M %d/%m/%Y")},
            "not_open",
        )
    if closes_at and now >= closes_at:
        raise ExamRefused(_("Ca thi đã kết thúc."), "closed")
    if starting and session.last_entry_at and now > session.last_entry_at:
        raise ExamRefused(_("Đã hết giờ vào phòng thi: không thể bắt đầu bài làm."), "late")


#: Wrong codes or identities a candidate may type per code window before the invigilator
#: must help (a six-digit code cannot be guessed in ten tries).
CHECK_IN_TRIES = 10


def _count_failure(candidate: Candidate) -> None:
    key = f"exam:checkin-fail:{candidate.pk}"
    cache_set(key, (cache_get(key) or 0) + 1, codes.WINDOW_SECONDS)


def check_in(*, user, candidate: Candidate, access_code: str, identity: str, ip=None) -> Candidate:
    """The identity check: the room's access code and the date of birth or CCCD digits."""
    if candidate.student_id != user.pk:
        raise PermissionDenied
    if (cache_get(f"exam:checkin-fail:{candidate.pk}") or 0) >= CHECK_IN_TRIES:
        raise ExamRefused(_("Bạn đã nhập sai quá nhiều lần. Hãy gặp giám thị phòng thi."), "tries")
    try:
        return _check_in(candidate, access_code=access_code, identity=identity, ip=ip)
    except ExamRefused as refused:
        if refused.code in ("code", "identity"):
            _count_failure(candidate)
        raise


def _check_in(candidate: Candidate, *, access_code: str, identity: str, ip) -> Candidate:
    session = candidate.session
    check_entry_window(session, starting=not candidate.attempts.exists(), candidate=candidate)
    if candidate.present is False:
        raise ExamRefused(_("Giám thị đã ghi bạn vắng mặt. Hãy gặp giám thị phòng thi."), "absent")
    room = candidate.room
    if room is None or not codes.code_accepted(room.secret, access_code):
        raise ExamRefused(_("Mã vào phòng thi không đúng. Hãy hỏi giám thị."), "code")
    if session.require_identity and not identity_matches(candidate.student, identity):
        raise ExamRefused(
            _("Ngày sinh (hoặc 6 số cuối CCCD) không khớp với danh sách thí sinh."), "identity"
        )
    candidate.checked_in_at = timezone.now()
    if candidate.present is None:
        candidate.present = True
    candidate.save(update_fields=["checked_in_at", "present"])
    AttemptEvent.objects.create(candidate=candidate, kind=AttemptEvent.Kind.CHECK_IN, ip=ip)
    return candidate


# --- Attempts ----------------------------------------------------------------------------
def attempt_deadline(attempt: Attempt, session: ExamSession) -> dt.datetime | None:
    """Start + duration (+ the candidate's extra minutes) + extensions, capped by the end
    of the session (the candidate's own end when they have one)."""
    candidate = attempt.candidate
    ends = []
    if session.duration_minutes:
        minutes = session.duration_minutes + candidate.extra_minutes
        ends.append(
            attempt.started_at + dt.timedelta(minutes=minutes, seconds=attempt.extension_seconds)
        )
    closes_at = candidate.closes_at or session.closes_at
    if closes_at:
        ends.append(closes_at + dt.timedelta(seconds=attempt.extension_seconds))
    return min(ends) if ends else None


def _new_attempt(candidate: Candidate, session: ExamSession, *, device: str, ip) -> Attempt:
    done = candidate.attempts.count()
    if done >= session.attempts_allowed:
        raise ExamRefused(_("Bạn đã làm bài này đủ số lần cho phép."), "attempts")
    check_entry_window(session, candidate=candidate)
    identity = session.kind == ExamSession.Kind.EXAM and session.require_identity
    if identity and candidate.checked_in_at is None:
        raise ExamRefused(_("Hãy xác minh danh tính trước khi làm bài."), "check_in")
    attempt = Attempt(
        candidate=candidate, number=done + 1, started_at=timezone.now(), device=device
    )
    attempt.deadline = attempt_deadline(attempt, session)
    attempt.save()
    AttemptEvent.objects.create(
        candidate=candidate, attempt=attempt, kind=AttemptEvent.Kind.START, device=device, ip=ip
    )
    return attempt


def attempt_open(*, user, candidate: Candidate, device: str, ip=None) -> Attempt:
    """The candidate's attempt in progress (resumed) or a new one; the first device to open
    it holds it, another device is refused until an invigilator unlocks it (the refusal is
    logged for the room view, outside the transaction the refusal rolls back)."""
    if candidate.student_id != user.pk:
        raise PermissionDenied
    with transaction.atomic():
        attempt, refused = _open_locked(candidate, device=device, ip=ip)
    if refused:
        AttemptEvent.objects.create(
            candidate_id=candidate.pk,
            attempt=attempt,
            kind=AttemptEvent.Kind.DEVICE_REFUSED,
            device=device,
            ip=ip,
        )
        raise ExamRefused(
            _(
                "Bài làm đang mở trên một thiết bị khác. Hãy nhờ giám thị mở khoá để "
                "tiếp tục trên thiết bị này."
            ),
            "device",
        )
    return attempt


def _open_locked(candidate: Candidate, *, device: str, ip) -> tuple[Attempt, bool]:
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    session = candidate.session
    attempt = candidate.attempts.filter(state=Attempt.State.IN_PROGRESS).last()
    if attempt is None:
        return _new_attempt(candidate, session, device=device, ip=ip), False
    if attempt.device and attempt.device != device:
        return attempt, True
    if not attempt.device:
        attempt.device = device
        attempt.save(update_fields=["device"])
        transaction.on_commit(lambda: forget_attempt_state(attempt.pk))
    AttemptEvent.objects.create(
        candidate=candidate, attempt=attempt, kind=AttemptEvent.Kind.RESUME, device=device, ip=ip
    )
    return attempt, False


def attempt_submit(*, attempt: Attempt, by: str, user=None) -> tuple[Attempt, bool]:
    """Submit (idempotent): returns the attempt and whether this call submitted it.
    Grading is enqueued after the commit."""
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if attempt.state == Attempt.State.SUBMITTED:
            return attempt, False
        attempt.state = Attempt.State.SUBMITTED
        attempt.submitted_at = timezone.now()
        attempt.submitted_by = by
        attempt.save(update_fields=["state", "submitted_at", "submitted_by"])
        kind = (
            AttemptEvent.Kind.CLOSE
            if by == Attempt.SubmittedBy.DEADLINE
            else AttemptEvent.Kind.SUBMIT
        )
        AttemptEvent.objects.create(
            candidate_id=attempt.candidate_id, attempt=attempt, kind=kind, by=user
        )
        transaction.on_commit(lambda: forget_attempt_state(attempt.pk))
        transaction.on_commit(
            lambda: signals.attempt_submitted.send(sender=Attempt, attempt_id=attempt.pk)
        )
    return attempt, True


def attempts_close_overdue(*, now=None) -> list[int]:
    """Submit every attempt in progress whose deadline and grace period have passed, from
    its last saved answers (a vanished candidate is never left unsubmitted)."""
    now = now or timezone.now()
    closed = []
    overdue = Attempt.objects.filter(
        state=Attempt.State.IN_PROGRESS, deadline__isnull=False, deadline__lt=now
    ).select_related("candidate__session")
    for attempt in overdue.iterator():
        grace = dt.timedelta(seconds=attempt.candidate.session.grace_seconds)
        if attempt.deadline + grace >= now:
            continue
        _attempt, done = attempt_submit(attempt=attempt, by=Attempt.SubmittedBy.DEADLINE)
        if done:
            closed.append(attempt.pk)
    return closed


# --- Invigilation ------------------------------------------------------------------------
def _check_room(user, candidate: Candidate) -> None:
    if candidate.room is None or not permissions.can_invigilate(user, candidate.room):
        raise PermissionDenied(_("Bạn không coi thi phòng này."))


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do.")})
    return reason


@transaction.atomic
def attempt_extend(*, user, attempt: Attempt, minutes: int, reason: str) -> Attempt:
    """Give one candidate more time (a power cut, a broken device), with the reason."""
    _check_room(user, attempt.candidate)
    reason = _reason(reason)
    if not 0 < minutes <= 240:
        raise ValidationError({"minutes": _("Số phút gia hạn phải từ 1 đến 240.")})
    attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
    attempt.extension_seconds += minutes * 60
    attempt.deadline = attempt_deadline(attempt, attempt.candidate.session)
    attempt.save(update_fields=["extension_seconds", "deadline"])
    AttemptEvent.objects.create(
        candidate_id=attempt.candidate_id,
        attempt=attempt,
        kind=AttemptEvent.Kind.EXTEND,
        by=user,
        note=reason,
        data={"minutes": minutes},
    )
    transaction.on_commit(lambda: forget_attempt_state(attempt.pk))
    return attempt


@transaction.atomic
def attempt_unlock(*, user, attempt: Attempt, reason: str = "") -> Attempt:
    """Let the next device that opens the attempt take it; the old device stops saving."""
    _check_room(user, attempt.candidate)
    attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
    old = attempt.device
    attempt.device = ""
    attempt.save(update_fields=["device"])
    AttemptEvent.objects.create(
        candidate_id=attempt.candidate_id,
        attempt=attempt,
        kind=AttemptEvent.Kind.UNLOCK,
        by=user,
        note=(reason or "").strip(),
        data={"old_device": old},
    )
    transaction.on_commit(lambda: forget_attempt_state(attempt.pk))
    return attempt


def candidate_presence(*, user, candidate: Candidate, present: bool) -> Candidate:
    _check_room(user, candidate)
    candidate.present = present
    candidate.save(update_fields=["present"])
    AttemptEvent.objects.create(
        candidate=candidate,
        kind=AttemptEvent.Kind.PRESENT if present else AttemptEvent.Kind.ABSENT,
        by=user,
    )
    return candidate


def incident_record(*, user, candidate: Candidate, note: str) -> AttemptEvent:
    """A biên bản against a candidate: recorded, never acted on automatically."""
    _check_room(user, candidate)
    return AttemptEvent.objects.create(
        candidate=candidate,
        attempt=candidate.attempts.last(),
        kind=AttemptEvent.Kind.INCIDENT,
        by=user,
        note=_reason(note),
    )


#: Events the exam page reports; shown to the invigilator, never acted on.
PAGE_EVENTS = frozenset(
    {AttemptEvent.Kind.LEFT_PAGE, AttemptEvent.Kind.BLUR, AttemptEvent.Kind.FULLSCREEN_EXIT}
)


def page_event_record(*, attempt_id: int, candidate_id: int, kind: str, device: str, ip) -> None:
    if kind not in PAGE_EVENTS:
        raise ValidationError({"kind": _("Loại sự kiện không hợp lệ.")})
    AttemptEvent.objects.create(
        candidate_id=candidate_id, attempt_id=attempt_id, kind=kind, device=device, ip=ip
    )
