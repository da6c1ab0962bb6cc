"""Writes of package tracking: a SCORM commit, an H5P xAPI statement, H5P user data.

Keyword-only; each checks :func:`lms.permissions.can_play_package` (the user is the
session's, never the payload's, so a learner only ever writes their own attempt), saves
nothing when the data is invalid, and appends what it received to :class:`PackageEvent`.
"""

from __future__ import annotations

import json
import logging
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.packages import cmi as cmi_rules
from lms.packages.cmi import CMIInvalid, thousands
from lms.packages.models import Completion, PackageAttempt, PackageEvent, Success
from lms.permissions import can_play_package

logger = logging.getLogger(__name__)

#: One H5P user-data value (a content's resume state) may not pass this many characters.
USERDATA_MAX_CHARS = 64000
#: All user data of one attempt together.
USERDATA_TOTAL_MAX_CHARS = 512000
#: One xAPI statement, as JSON.
STATEMENT_MAX_CHARS = 64000
_USERDATA_KEY = re.compile(r"^[A-Za-z0-9_-]{1,64}/[A-Za-z0-9_-]{1,64}$")
_VERBS = {
    "answered": "http://adlnet.gov/expapi/verbs/answered",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "passed": "http://adlnet.gov/expapi/verbs/passed",
    "failed": "http://adlnet.gov/expapi/verbs/failed",
}
_SUBCONTENT = "http://h5p.org/x-api/h5p-subContentId"


def _check_player(user, version) -> None:
    if not can_play_package(user, version):
        raise PermissionDenied(_("Bạn không có quyền học gói này."))


def sco_ids(version) -> list[str]:
    """The SCOs of a SCORM version, in the order of its table of contents."""
    scos = (version.structure or {}).get("scos") or []
    return [str(s.get("id")) for s in scos if isinstance(s, dict) and s.get("id")]


def _attempt_for_update(*, user, version, sco: str) -> PackageAttempt:
    attempt, _created = PackageAttempt.objects.get_or_create(user=user, version=version, sco=sco)
    return PackageAttempt.objects.select_for_update().get(pk=attempt.pk)


def _mark_completed(attempt: PackageAttempt) -> None:
    if attempt.completion_status == Completion.COMPLETED and attempt.completed_at is None:
        attempt.completed_at = timezone.now()


def cmi_commit(*, user, version, sco: str, cmi, final: bool, ip: str | None = None):
    """Store a SCORM run-time's commit for ``user``'s attempt at ``sco`` of ``version``.

    Raises :class:`PermissionDenied` when the user may not play the package, and
    :class:`~lms.packages.cmi.CMIInvalid` (a Vietnamese message naming the limit) when
    the SCO is not the version's or the data breaks its standard; nothing is stored then.
    ``final`` (Finish/Terminate) closes the session: its time joins the total."""
    _check_player(user, version)
    if version.kind not in (cmi_rules.SCORM12, cmi_rules.SCORM2004):
        raise CMIInvalid(_("Gói H5P không gửi dữ liệu CMI."))
    if not isinstance(sco, str) or sco not in sco_ids(version):
        raise CMIInvalid(_("Gói này không có SCO “%(sco)s”.") % {"sco": str(sco)[:80]})
    summary = cmi_rules.check(cmi, kind=version.kind, edition=version.edition)
    stored = {"cmi": cmi_rules.unwrap(cmi)}
    with transaction.atomic():
        attempt = _attempt_for_update(user=user, version=version, sco=sco)
        attempt.cmi = stored
        attempt.lesson_status = summary.lesson_status
        attempt.completion_status = summary.completion_status
        attempt.success_status = summary.success_status
        attempt.score_raw = summary.score_raw
        attempt.score_min = summary.score_min
        attempt.score_max = summary.score_max
        attempt.score_scaled = summary.score_scaled
        attempt.location = summary.location
        attempt.suspend_data = summary.suspend_data
        if final:
            attempt.total_seconds += summary.session_seconds
            attempt.open_session_seconds = 0
        else:
            attempt.open_session_seconds = summary.session_seconds
        _mark_completed(attempt)
        attempt.save()
        PackageEvent.objects.create(
            attempt=attempt,
            kind=PackageEvent.Kind.COMMIT,
            payload={"schema_version": 1, "final": bool(final), **stored},
            ip=ip,
        )
    logger.info("package commit user=%s version=%s sco=%s", user.pk, version.pk, sco)
    return attempt


def session_open(*, user, version, sco: str) -> PackageAttempt | None:
    """A new launch: a session left open (the tab closed before Finish) is closed, its
    last reported time joining the total. Returns the attempt, if the learner has one."""
    _check_player(user, version)
    with transaction.atomic():
        attempt = (
            PackageAttempt.objects.select_for_update()
            .filter(user=user, version=version, sco=sco)
            .first()
        )
        if attempt is not None and attempt.open_session_seconds:
            attempt.total_seconds += attempt.open_session_seconds
            attempt.open_session_seconds = 0
            attempt.save(update_fields=["total_seconds", "open_session_seconds", "updated_at"])
    return attempt


def _decimal(value) -> Decimal | None:
    if value is None or isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    if not number.is_finite() or abs(number) >= 10**9:
        return None
    return number.quantize(Decimal("0.0001"))


def _verb(statement: dict) -> str:
    verb_id = ((statement.get("verb") or {}).get("id")) or ""
    return next((name for name, uri in _VERBS.items() if verb_id == uri), "")


def _is_main_content(statement: dict) -> bool:
    """Statements about the whole content, not one of its sub-contents (a question set's
    questions report their own scores too)."""
    target = statement.get("object") or {}
    extensions = (target.get("definition") or {}).get("extensions") or {}
    return _SUBCONTENT not in extensions


def _apply_result(attempt: PackageAttempt, verb: str, result: dict) -> None:
    score = result.get("score") if isinstance(result.get("score"), dict) else {}
    raw, high = _decimal(score.get("raw")), _decimal(score.get("max"))
    if raw is not None:
        low = _decimal(score.get("min"))
        scaled = _decimal(score.get("scaled"))
        if scaled is None and high:
            scaled = (raw - (low or 0)) / (high - (low or 0)) if high != (low or 0) else None
        attempt.score_raw, attempt.score_max, attempt.score_min = raw, high, low
        if scaled is not None:
            scaled = max(Decimal(-1), min(Decimal(1), scaled)).quantize(Decimal("0.0001"))
        attempt.score_scaled = scaled
    if verb in ("completed", "passed", "failed") or result.get("completion") is True:
        attempt.completion_status = Completion.COMPLETED
    elif not attempt.completion_status:
        attempt.completion_status = Completion.INCOMPLETE
    # H5P's result.duration is the time since the content opened in this page: the running
    # session, folded into the total when the next session starts (as SCORM's session_time).
    try:
        seconds = cmi_rules.duration_seconds_2004(str(result.get("duration") or ""))
    except CMIInvalid:
        seconds = 0
    attempt.open_session_seconds = max(attempt.open_session_seconds, seconds)
    success = result.get("success")
    if verb in ("passed", "failed"):
        attempt.success_status = verb
    elif isinstance(success, bool):
        attempt.success_status = Success.PASSED if success else Success.FAILED


def _check_statement_size(statement) -> None:
    size = len(json.dumps(statement, ensure_ascii=False))
    if size > STATEMENT_MAX_CHARS:
        raise CMIInvalid(
            _("Câu lệnh xAPI dài %(length)s ký tự, vượt giới hạn %(limit)s ký tự.")
            % {"length": thousands(size), "limit": thousands(STATEMENT_MAX_CHARS)}
        )


def xapi_record(*, user, version, statement, ip: str | None = None) -> PackageAttempt:
    """Keep an H5P xAPI statement; answered/completed/passed/failed statements about the
    whole content with a result set the attempt's (self-reported) score and completion."""
    _check_player(user, version)
    if version.kind != "h5p":
        raise CMIInvalid(_("Chỉ gói H5P gửi câu lệnh xAPI."))
    if not isinstance(statement, dict):
        raise CMIInvalid(_("Câu lệnh xAPI phải là một đối tượng JSON."))
    _check_statement_size(statement)
    verb = _verb(statement)
    result = statement.get("result") if isinstance(statement.get("result"), dict) else None
    with transaction.atomic():
        attempt = _attempt_for_update(user=user, version=version, sco="")
        if verb and result is not None and _is_main_content(statement):
            _apply_result(attempt, verb, result)
            _mark_completed(attempt)
            attempt.save()
        PackageEvent.objects.create(
            attempt=attempt, kind=PackageEvent.Kind.XAPI, payload=statement, ip=ip
        )
    return attempt


def userdata_save(*, user, version, key: str, data, ip: str | None = None) -> PackageAttempt:
    """Keep one H5P user-data value (``"<subContentId>/<dataType>"``, the content's resume
    state); ``None`` (or H5P's "RESET") forgets it. Sizes are capped."""
    _check_player(user, version)
    if version.kind != "h5p":
        raise CMIInvalid(_("Chỉ gói H5P lưu dữ liệu người học kiểu H5P."))
    if not isinstance(key, str) or not _USERDATA_KEY.match(key):
        raise CMIInvalid(_("Khóa dữ liệu H5P “%(key)s” không hợp lệ.") % {"key": str(key)[:80]})
    if data is not None and not isinstance(data, str):
        data = json.dumps(data, ensure_ascii=False)
    if data is not None and len(data) > USERDATA_MAX_CHARS:
        raise CMIInvalid(
            _("Dữ liệu H5P “%(key)s” dài %(length)s ký tự, vượt giới hạn %(limit)s ký tự.")
            % {"key": key, "length": thousands(len(data)), "limit": thousands(USERDATA_MAX_CHARS)}
        )
    with transaction.atomic():
        attempt = _attempt_for_update(user=user, version=version, sco="")
        values = dict(attempt.h5p_user_data or {})
        if data is None or data == "RESET":
            values.pop(key, None)
        else:
            values[key] = data
        total = sum(len(v) for v in values.values())
        if total > USERDATA_TOTAL_MAX_CHARS:
            raise CMIInvalid(
                _("Dữ liệu H5P của gói này dài %(length)s ký tự, vượt giới hạn %(limit)s ký tự.")
                % {"length": thousands(total), "limit": thousands(USERDATA_TOTAL_MAX_CHARS)}
            )
        attempt.h5p_user_data = values
        if not attempt.completion_status:
            attempt.completion_status = Completion.INCOMPLETE
        attempt.save()
        PackageEvent.objects.create(
            attempt=attempt,
            kind=PackageEvent.Kind.USERDATA,
            payload={"key": key, "data": data},
            ip=ip,
        )
    return attempt
