"""What a SCORM run-time commits, checked against the limits of its standard, and the
summary an LMS keeps of it (status, score, time). Pure functions: no database.

The CMI arrives in scorm-again's JSON shape (``{"cmi": {...}}`` as ``renderCommitCMI``
gives it with the ``json`` commit format), values as the run-time holds them (strings).
Limits are the standards' smallest permitted maximums (SPM) that an LMS must keep:

- SCORM 1.2: ``cmi.suspend_data`` 4,096 characters, ``cmi.core.lesson_location`` 255,
  ``cmi.core.lesson_status`` one of six words, ``cmi.core.score.raw/min/max`` a number
  from 0 to 100, ``cmi.core.session_time`` ``HHHH:MM:SS.SS``.
- SCORM 2004: ``cmi.suspend_data`` 64,000 characters (3rd and 4th edition; 4,000 in the
  2nd), ``cmi.location`` 1,000, ``completion_status`` and ``success_status`` vocabularies,
  ``cmi.score.scaled`` from −1 to 1, ``cmi.session_time`` an ISO 8601 duration.

Interactions and objectives are kept as committed (the whole object is stored).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

#: The whole committed CMI, as JSON, may not pass this many characters (interactions of a
#: long quiz fit many times over; a run-time sending more is broken or hostile).
CMI_MAX_CHARS = 1_000_000

SCORM12 = "scorm12"
SCORM2004 = "scorm2004"

LESSON_STATUSES_12 = ("passed", "completed", "failed", "incomplete", "browsed", "not attempted")
COMPLETION_STATUSES = ("completed", "incomplete", "not attempted", "unknown")
SUCCESS_STATUSES = ("passed", "failed", "unknown")

_TIMESPAN_12 = re.compile(r"^(\d{2,4}):(\d{2}):(\d{2})(\.\d{1,2})?$")
_DURATION_2004 = re.compile(
    r"^P(?:(?P<y>\d+)Y)?(?:(?P<mo>\d+)M)?(?:(?P<d>\d+)D)?"
    r"(?:T(?:(?P<h>\d+)H)?(?:(?P<mi>\d+)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)


class CMIInvalid(ValueError):
    """The commit breaks a limit of its standard; the message says which, in Vietnamese."""


@dataclass(frozen=True)
class Summary:
    """What the LMS keeps of a commit, beside the whole CMI."""

    lesson_status: str = ""
    completion_status: str = ""
    success_status: str = ""
    score_raw: Decimal | None = None
    score_min: Decimal | None = None
    score_max: Decimal | None = None
    score_scaled: Decimal | None = None
    location: str = ""
    suspend_data: str = ""
    session_seconds: int = 0


def thousands(number: int) -> str:
    """An integer as Vietnamese write it: 4.096, 64.000."""
    return f"{number:,}".replace(",", ".")


def suspend_data_limit(kind: str, edition: str) -> int:
    if kind == SCORM12:
        return 4096
    return 4000 if "2nd" in (edition or "") else 64000


def standard_name(kind: str, edition: str) -> str:
    if kind == SCORM12:
        return "SCORM 1.2"
    found = re.search(r"(2nd|3rd|4th)", edition or "")
    names = {"2nd": "2nd Edition", "3rd": "3rd Edition", "4th": "4th Edition"}
    return f"SCORM 2004 {names[found.group(1)]}" if found else "SCORM 2004"


def unwrap(cmi) -> dict:
    """The ``cmi`` object of a commit (``{"cmi": {...}}`` or already the inner object)."""
    if not isinstance(cmi, dict):
        raise CMIInvalid(_("Dữ liệu CMI phải là một đối tượng JSON."))
    inner = cmi.get("cmi", cmi)
    if not isinstance(inner, dict):
        raise CMIInvalid(_("Dữ liệu CMI phải là một đối tượng JSON."))
    return inner


def _text(node: dict, key: str, element: str) -> str:
    value = node.get(key, "")
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise CMIInvalid(_("Phần tử %(element)s phải là chuỗi ký tự.") % {"element": element})
    return str(value)


def _node(parent: dict, key: str) -> dict:
    value = parent.get(key) or {}
    return value if isinstance(value, dict) else {}


def _check_length(value: str, *, element: str, limit: int, standard: str, label: str) -> None:
    if len(value) > limit:
        raise CMIInvalid(
            _(
                "%(label)s (%(element)s) dài %(length)s ký tự, vượt giới hạn %(limit)s ký tự "
                "của %(standard)s."
            )
            % {
                "label": label,
                "element": element,
                "length": thousands(len(value)),
                "limit": thousands(limit),
                "standard": standard,
            }
        )


def _check_word(value: str, *, element: str, words: tuple[str, ...], standard: str) -> None:
    if value and value not in words:
        raise CMIInvalid(
            _(
                "Giá trị “%(value)s” của %(element)s không có trong %(standard)s (chỉ nhận: %(words)s)."
            )
            % {
                "value": value[:40],
                "element": element,
                "standard": standard,
                "words": ", ".join(words),
            }
        )


def _number(value: str, *, element: str, low=None, high=None, standard: str) -> Decimal | None:
    if value == "":
        return None
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise CMIInvalid(
            _("%(element)s phải là một số (nhận được “%(value)s”).")
            % {"element": element, "value": value[:40]}
        )
    if (low is not None and number < low) or (high is not None and number > high):
        raise CMIInvalid(
            _("%(element)s = %(value)s nằm ngoài khoảng %(low)s đến %(high)s của %(standard)s.")
            % {
                "element": element,
                "value": value[:40],
                "low": str(low).replace(".", ","),
                "high": str(high).replace(".", ","),
                "standard": standard,
            }
        )
    return number.quantize(Decimal("0.0001")) if abs(number) < 10**9 else None


def timespan_seconds_12(value: str) -> int:
    """``HHHH:MM:SS.SS`` (CMITimespan of SCORM 1.2) in whole seconds; "" is 0."""
    if not value:
        return 0
    found = _TIMESPAN_12.match(value.strip())
    if not found or int(found.group(2)) > 59 or int(found.group(3)) > 59:
        raise CMIInvalid(
            _(
                "Thời gian phiên học (cmi.core.session_time) “%(value)s” không đúng dạng "
                "HHHH:MM:SS.SS của SCORM 1.2."
            )
            % {"value": value[:40]}
        )
    hours, minutes, seconds, fraction = found.groups()
    total = int(hours) * 3600 + int(minutes) * 60 + int(seconds)
    return total + round(float(fraction or 0))


def duration_seconds_2004(value: str) -> int:
    """An ISO 8601 duration (``PT1H2M3.5S``, timeinterval of SCORM 2004) in whole seconds.
    Years count 365 days and months 30, as the standard leaves them loose."""
    if not value:
        return 0
    found = _DURATION_2004.match(value.strip())
    if not found or value.strip() in ("P", "PT") or value.strip().endswith("T"):
        raise CMIInvalid(
            _(
                "Thời gian phiên học (cmi.session_time) “%(value)s” không đúng dạng ISO 8601 "
                "(ví dụ PT1H5M30S) của SCORM 2004."
            )
            % {"value": value[:40]}
        )
    parts = {k: float(v) if v else 0.0 for k, v in found.groupdict().items()}
    days = parts["y"] * 365 + parts["mo"] * 30 + parts["d"]
    return round(days * 86400 + parts["h"] * 3600 + parts["mi"] * 60 + parts["s"])


def seconds_timespan_12(seconds: int) -> str:
    hours, rest = divmod(max(0, int(seconds)), 3600)
    return f"{min(hours, 9999):04d}:{rest // 60:02d}:{rest % 60:02d}.00"


def seconds_duration_2004(seconds: int) -> str:
    hours, rest = divmod(max(0, int(seconds)), 3600)
    return f"PT{hours}H{rest // 60}M{rest % 60}S"


def _check_size(cmi) -> None:
    size = len(json.dumps(cmi, ensure_ascii=False))
    if size > CMI_MAX_CHARS:
        raise CMIInvalid(
            _("Dữ liệu CMI dài %(length)s ký tự, vượt giới hạn %(limit)s ký tự mỗi lần lưu.")
            % {"length": thousands(size), "limit": thousands(CMI_MAX_CHARS)}
        )


def check_scorm12(cmi) -> Summary:
    """Validate a SCORM 1.2 commit and summarise it; :class:`CMIInvalid` when it breaks a limit."""
    _check_size(cmi)
    root = unwrap(cmi)
    core = _node(root, "core")
    score = _node(core, "score")
    std = "SCORM 1.2"
    suspend = _text(root, "suspend_data", "cmi.suspend_data")
    _check_length(
        suspend, element="cmi.suspend_data", limit=4096, standard=std, label=_("Dữ liệu tạm")
    )
    location = _text(core, "lesson_location", "cmi.core.lesson_location")
    _check_length(
        location,
        element="cmi.core.lesson_location",
        limit=255,
        standard=std,
        label=_("Vị trí trong bài"),
    )
    status = _text(core, "lesson_status", "cmi.core.lesson_status")
    _check_word(status, element="cmi.core.lesson_status", words=LESSON_STATUSES_12, standard=std)
    numbers = {
        name: _number(
            _text(score, name, f"cmi.core.score.{name}"),
            element=f"cmi.core.score.{name}",
            low=Decimal(0),
            high=Decimal(100),
            standard=std,
        )
        for name in ("raw", "min", "max")
    }
    completion = {"passed": "completed", "completed": "completed", "failed": "completed"}.get(
        status, {"incomplete": "incomplete", "browsed": "incomplete"}.get(status, status)
    )
    success = {"passed": "passed", "failed": "failed"}.get(status, "")
    return Summary(
        lesson_status=status,
        completion_status=completion,
        success_status=success,
        score_raw=numbers["raw"],
        score_min=numbers["min"],
        score_max=numbers["max"],
        score_scaled=_scaled(numbers["raw"], numbers["min"], numbers["max"], default_max=100),
        location=location,
        suspend_data=suspend,
        session_seconds=timespan_seconds_12(_text(core, "session_time", "cmi.core.session_time")),
    )


def check_scorm2004(cmi, *, edition: str = "") -> Summary:
    """Validate a SCORM 2004 commit and summarise it; :class:`CMIInvalid` when it breaks a limit."""
    _check_size(cmi)
    root = unwrap(cmi)
    score = _node(root, "score")
    std = standard_name(SCORM2004, edition)
    suspend = _text(root, "suspend_data", "cmi.suspend_data")
    _check_length(
        suspend,
        element="cmi.suspend_data",
        limit=suspend_data_limit(SCORM2004, edition),
        standard=std,
        label=_("Dữ liệu tạm"),
    )
    location = _text(root, "location", "cmi.location")
    _check_length(
        location, element="cmi.location", limit=1000, standard=std, label=_("Vị trí trong bài")
    )
    completion = _text(root, "completion_status", "cmi.completion_status")
    _check_word(
        completion, element="cmi.completion_status", words=COMPLETION_STATUSES, standard=std
    )
    success = _text(root, "success_status", "cmi.success_status")
    _check_word(success, element="cmi.success_status", words=SUCCESS_STATUSES, standard=std)
    numbers = {
        name: _number(
            _text(score, name, f"cmi.score.{name}"), element=f"cmi.score.{name}", standard=std
        )
        for name in ("raw", "min", "max")
    }
    scaled = _number(
        _text(score, "scaled", "cmi.score.scaled"),
        element="cmi.score.scaled",
        low=Decimal(-1),
        high=Decimal(1),
        standard=std,
    )
    if scaled is None:
        scaled = _scaled(numbers["raw"], numbers["min"], numbers["max"], default_max=None)
    return Summary(
        completion_status=completion,
        success_status=success,
        score_raw=numbers["raw"],
        score_min=numbers["min"],
        score_max=numbers["max"],
        score_scaled=scaled,
        location=location,
        suspend_data=suspend,
        session_seconds=duration_seconds_2004(_text(root, "session_time", "cmi.session_time")),
    )


def _scaled(raw, low, high, *, default_max) -> Decimal | None:
    """Raw score as a share of its range (0–1), when the range is known."""
    high = high if high is not None else default_max
    low = low if low is not None else Decimal(0)
    if raw is None or high is None or Decimal(high) <= low:
        return None
    share = (raw - low) / (Decimal(high) - low)
    return max(Decimal(-1), min(Decimal(1), share)).quantize(Decimal("0.0001"))


def check(cmi, *, kind: str, edition: str = "") -> Summary:
    if kind == SCORM12:
        return check_scorm12(cmi)
    if kind == SCORM2004:
        return check_scorm2004(cmi, edition=edition)
    raise CMIInvalid(_("Gói H5P không gửi dữ liệu CMI."))


def restore_state(stored: dict, *, kind: str, total_seconds: int) -> dict:
    """The stored CMI as the run-time is to be filled before the SCO's first GetValue:
    ``entry`` "resume" after a suspended exit, the last session's time left out, total
    time the sum the LMS kept. ``exit`` stays, so a launcher can tell the same (the
    launcher drops it before loading: it is write-only)."""
    if not stored:
        return {}
    root = json.loads(json.dumps(unwrap(stored)))  # a deep copy
    if kind == SCORM12:
        core = root.get("core") if isinstance(root.get("core"), dict) else {}
        exited = core.get("exit", "")
        core.pop("session_time", None)
        core["entry"] = "resume" if exited == "suspend" else ""
        core["total_time"] = seconds_timespan_12(total_seconds)
        root["core"] = core
    else:
        exited = root.get("exit", "")
        root.pop("session_time", None)
        root["entry"] = "resume" if exited == "suspend" else ""
        root["total_time"] = seconds_duration_2004(total_seconds)
    return {"cmi": root}
