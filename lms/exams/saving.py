"""The autosave hot path: check a save quickly, write it once, acknowledge after commit.

A save carries the attempt's signed token (:func:`attempt_token`: attempt and device, so no
session or user lookup is needed per request) and the changed answers, each with the
client's sequence number. The attempt's owner, device, deadline and state come from the
shared cache (:func:`attempt_state`), falling back to the database when the cache misses or
is down: losing Redis costs a query, never a save. All answers of a request are written by
one multi-row upsert that keeps, per question, the answer with the highest sequence number
(a late or replayed request never overwrites a newer answer) and appended to the answer
log in the same transaction (on PostgreSQL one statement: one round trip); the response is sent only after the commit, so an
acknowledged answer is in the database. The server's clock decides the deadline; a save
arriving within the session's grace period after it is kept (it was in flight, or in the
outbox of a device that was offline), a later one is refused and logged as an event.
"""

import json
import time
from dataclasses import dataclass, field

from django.core import signing
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.cache import cache_delete, cache_get, cache_set
from lms.exams.delivery import variant_items
from lms.exams.models import Attempt, AttemptAnswer, AttemptEvent
from lms.practice import ResponseInvalid, check_response
from question_bank.assembly.paper import PART_SHORT
from question_bank.formats.base import QType

TOKEN_SALT = "lms.exams.attempt"  # noqa: S105 - a signing salt, not a password
STATE_SECONDS = 300
SEEN_SECONDS = 3600
MAX_SEQ = 2**53
#: PostgreSQL: the log and the upsert in one statement (a data-modifying CTE), so a save is
#: one round trip and one implicit transaction: committed when the statement returns.
_SAVE_POSTGRESQL = (
    "WITH incoming (attempt_id, slot, response, flagged, seq) AS (VALUES {values}), "
    "logged AS (INSERT INTO lms_answerlog "
    "(attempt_id, slot, response, flagged, seq, device, ip, received_at) "
    "SELECT attempt_id, slot, response, flagged, seq, %s, %s::inet, %s FROM incoming) "
    "INSERT INTO lms_attemptanswer (attempt_id, slot, response, flagged, seq, saved_at) "
    "SELECT attempt_id, slot, response, flagged, seq, %s FROM incoming "
    "WHERE EXISTS (SELECT 1 FROM lms_attempt WHERE id = %s AND state = 'in_progress') "
    "ON CONFLICT (attempt_id, slot) DO UPDATE SET "
    "response = EXCLUDED.response, flagged = EXCLUDED.flagged, seq = EXCLUDED.seq, "
    "saved_at = EXCLUDED.saved_at WHERE lms_attemptanswer.seq < EXCLUDED.seq "
    "RETURNING slot"
)
_ROW_POSTGRESQL = "(%s::bigint, %s::integer, %s::jsonb, %s::boolean, %s::bigint)"
#: SQLite (embedded default): the same upsert and log as two statements in one transaction.
_UPSERT_SQLITE = (
    "INSERT INTO lms_attemptanswer (attempt_id, slot, response, flagged, seq, saved_at) "
    "VALUES {values} ON CONFLICT (attempt_id, slot) DO UPDATE SET "
    "response = excluded.response, flagged = excluded.flagged, seq = excluded.seq, "
    "saved_at = excluded.saved_at WHERE lms_attemptanswer.seq < excluded.seq "
    "RETURNING slot"
)
_LOG_SQLITE = (
    "INSERT INTO lms_answerlog "
    "(attempt_id, slot, response, flagged, seq, device, ip, received_at) VALUES {values}"
)


class SaveRefused(Exception):
    """``status`` 400 (bad input), 403 (not yours), 409 (device, submitted, too late)."""

    def __init__(self, message: str, code: str, status: int = 409, slot: int | None = None):
        super().__init__(message)
        self.message, self.code, self.status, self.slot = message, code, status, slot


def attempt_token(attempt: Attempt) -> str:
    return signing.dumps({"a": attempt.pk, "d": attempt.device}, salt=TOKEN_SALT)


def read_token(token: str, attempt_id: int) -> str:
    """The device named by a valid token of ``attempt_id``; raises SaveRefused (403)."""
    try:
        data = signing.loads(token or "", salt=TOKEN_SALT)
    except signing.BadSignature:
        data = None
    if not isinstance(data, dict) or data.get("a") != attempt_id:
        raise SaveRefused(_("Phiên làm bài không hợp lệ. Hãy tải lại trang."), "token", 403)
    return data.get("d") or ""


def _state_key(attempt_id: int) -> str:
    return f"exam:attempt:{attempt_id}:v1"


def attempt_state(attempt_id: int) -> dict | None:
    """What a save needs to know about an attempt (cached; the database when missing)."""
    state = cache_get(_state_key(attempt_id))
    if state is not None:
        return state
    row = (
        Attempt.objects.filter(pk=attempt_id)
        .values(
            "state",
            "device",
            "deadline",
            "candidate_id",
            "candidate__variant_id",
            "candidate__session__grace_seconds",
        )
        .first()
    )
    if row is None:
        return None
    state = {
        "state": row["state"],
        "device": row["device"],
        "deadline": row["deadline"].timestamp() if row["deadline"] else None,
        "candidate": row["candidate_id"],
        "variant": row["candidate__variant_id"],
        "grace": row["candidate__session__grace_seconds"],
    }
    cache_set(_state_key(attempt_id), state, STATE_SECONDS)
    return state


def forget_attempt_state(attempt_id: int) -> None:
    cache_delete(_state_key(attempt_id))


def mark_seen(attempt_id: int) -> None:
    """The heartbeat: when the page last reached the server (room view; cache only)."""
    cache_set(f"exam:seen:{attempt_id}", time.time(), SEEN_SECONDS)


@dataclass
class Change:
    slot: int
    seq: int
    response: object
    flagged: bool = False


@dataclass
class SaveResult:
    saved: list[dict] = field(default_factory=list)
    stale: list[dict] = field(default_factory=list)
    #: The attempt's deadline (epoch ms; None: untimed) as this save was checked against.
    deadline: int | None = None


def _check_int(value, *, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value < high


def parse_changes(payload, items: list[dict]) -> list[Change]:
    """The posted answers checked against the version: slot, sequence, response shape."""
    rows = payload.get("answers") if isinstance(payload, dict) else None
    if not isinstance(rows, list) or not rows or len(rows) > len(items):
        raise SaveRefused(_("Dữ liệu lưu bài không hợp lệ."), "shape", 400)
    changes: dict[int, Change] = {}
    for row in rows:
        if not isinstance(row, dict) or not _check_int(row.get("slot"), low=0, high=len(items)):
            raise SaveRefused(_("Câu hỏi không có trong đề của bạn."), "slot", 400)
        slot = row["slot"]
        if not _check_int(row.get("seq"), low=1, high=MAX_SEQ):
            raise SaveRefused(_("Số thứ tự lần lưu không hợp lệ."), "seq", 400, slot)
        response = _checked(items[slot], row.get("response"))
        change = Change(slot, row["seq"], response, bool(row.get("flagged")))
        if slot not in changes or changes[slot].seq < change.seq:
            changes[slot] = change
    return list(changes.values())


def _checked(item: dict, response):
    """The response as posted, once its shape is right for the question (None clears)."""
    if response is None or response == "" or response == []:
        return None
    data = item["data"]
    try:
        check_response(data, response, version_id=item["version_id"])
    except ResponseInvalid as exc:
        raise SaveRefused(
            _("Câu %(n)d phần %(part)d: %(reason)s")
            % {"n": item["number"], "part": item["part"], "reason": exc},
            "response",
            400,
            item["slot"],
        ) from exc
    if (
        item["part"] == PART_SHORT
        and data["qtype"] == QType.SHORT_NUMERIC
        and len(str(response).strip()) > 4
    ):
        raise SaveRefused(
            _("Câu %(n)d phần III: đáp án chỉ có tối đa 4 ký tự.") % {"n": item["number"]},
            "response",
            400,
            item["slot"],
        )
    return response


def check_open(state: dict, device: str, *, now: float) -> None:
    if state["device"] != device:
        raise SaveRefused(
            _("Bài làm đã được mở trên thiết bị khác; thiết bị này không lưu được nữa."),
            "device",
        )
    if state["state"] != Attempt.State.IN_PROGRESS:
        raise SaveRefused(_("Bài đã nộp: không thể sửa câu trả lời."), "submitted")
    if state["deadline"] is not None and now > state["deadline"] + state["grace"]:
        raise SaveRefused(
            _("Đã hết giờ làm bài: câu trả lời gửi sau giờ thu bài không được nhận."), "late"
        )


def _json(value) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _write(attempt_id: int, changes: list[Change], *, device: str, ip, now) -> set[int]:
    """Append the changes to the log and upsert them; the slots whose answer was replaced."""
    rows = [(attempt_id, c.slot, _json(c.response), c.flagged, c.seq) for c in changes]
    if connection.vendor == "postgresql":
        sql = _SAVE_POSTGRESQL.format(values=", ".join([_ROW_POSTGRESQL] * len(rows)))
        params = [v for row in rows for v in row] + [device, ip, now, now, attempt_id]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return {r[0] for r in cursor.fetchall()}
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT state FROM lms_attempt WHERE id = %s", [attempt_id])
        found = cursor.fetchone()
        if found is None or found[0] != Attempt.State.IN_PROGRESS:
            return set()  # submitted meanwhile: nothing applied (answers_save says why)
        cursor.execute(
            _UPSERT_SQLITE.format(values=", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(rows))),
            [v for row in rows for v in (*row, now)],
        )
        applied = {r[0] for r in cursor.fetchall()}
        cursor.execute(
            _LOG_SQLITE.format(values=", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s)"] * len(rows))),
            [v for row in rows for v in (*row, device, ip, now)],
        )
    return applied


def answers_save(*, attempt_id: int, token: str, payload, ip=None) -> SaveResult:
    """Save the posted answers of an attempt; returns which were applied and, for answers
    the server already held newer, the newer ones. Raises :class:`SaveRefused`."""
    device = read_token(token, attempt_id)
    state = attempt_state(attempt_id)
    if state is None:
        raise SaveRefused(_("Không tìm thấy bài làm."), "token", 403)
    try:
        check_open(state, device, now=time.time())
    except SaveRefused:
        # A refusal is never decided on a cached state alone (an extension or an unlock
        # whose cache invalidation was lost while Redis was down): ask the database.
        forget_attempt_state(attempt_id)
        state = _refused_unless_open(attempt_id, device, payload, ip=ip)
    changes = parse_changes(payload, variant_items(state["variant"]))
    now = timezone.now()
    applied = _write(attempt_id, changes, device=device, ip=ip, now=now)
    mark_seen(attempt_id)
    result = _result(attempt_id, changes, applied)
    result.deadline = None if state["deadline"] is None else int(state["deadline"] * 1000)
    return result


def _refused_unless_open(attempt_id: int, device: str, payload, *, ip) -> dict:
    state = attempt_state(attempt_id)
    try:
        check_open(state, device, now=time.time())
    except SaveRefused as refused:
        if refused.code == "late":
            late_save_record(attempt_id, state, payload, device=device, ip=ip)
        raise
    return state


def _result(attempt_id: int, changes: list[Change], applied: set[int]) -> SaveResult:
    result = SaveResult(
        saved=[{"slot": c.slot, "seq": c.seq} for c in changes if c.slot in applied]
    )
    stale = {c.slot: c.seq for c in changes if c.slot not in applied}
    if stale:
        for row in AttemptAnswer.objects.filter(attempt_id=attempt_id, slot__in=stale).values(
            "slot", "seq", "response", "flagged"
        ):
            if row["seq"] >= stale[row["slot"]]:
                del stale[row["slot"]]
                result.stale.append(row)
    if stale:
        # Not applied and nothing newer stored: the attempt was submitted meanwhile (its
        # cached state said otherwise); the page must stop as for any submitted attempt.
        forget_attempt_state(attempt_id)
        raise SaveRefused(_("Bài đã nộp: không thể sửa câu trả lời."), "submitted")
    return result


def late_save_record(attempt_id: int, state: dict, payload, *, device: str, ip) -> None:
    """A refused late save is kept as an event (for a dispute), never as an answer."""
    answers = payload.get("answers") if isinstance(payload, dict) else None
    AttemptEvent.objects.create(
        candidate_id=state["candidate"],
        attempt_id=attempt_id,
        kind=AttemptEvent.Kind.LATE_SAVE,
        device=device,
        ip=ip,
        data={"answers": answers if isinstance(answers, list) else None},
    )


def current_answers(attempt_id: int) -> dict[int, dict]:
    """slot → {response, flagged, seq}: what resumes the page (every acknowledged answer)."""
    return {
        row["slot"]: row
        for row in AttemptAnswer.objects.filter(attempt_id=attempt_id).values(
            "slot", "response", "flagged", "seq"
        )
    }
