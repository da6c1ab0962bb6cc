"""Reads of package tracking: a learner's stored state per SCO (to resume), their progress
in packages (the player's status line; other apps later, e.g. assignments), and the
results a teacher sees."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from content.packages.models import PackageVersion
from lms.packages import cmi as cmi_rules
from lms.packages.models import SELF_REPORTED, Completion, PackageAttempt


@dataclass(frozen=True)
class Progress:
    """A learner's progress in one package version, over all its SCOs."""

    version_id: int
    completion: str = ""  # Completion value; "" never opened
    success: str = ""
    score_raw: Decimal | None = None
    score_max: Decimal | None = None
    score_scaled: Decimal | None = None
    seconds: int = 0
    scos_done: int = 0
    scos_total: int = 0
    updated_at: object = None

    @property
    def completed(self) -> bool:
        return self.completion == Completion.COMPLETED

    @property
    def has_score(self) -> bool:
        return self.score_raw is not None or self.score_scaled is not None

    def completion_text(self) -> str:
        if not self.completion:
            return _("Chưa học")
        return str(Completion(self.completion).label) if self.completion in Completion else ""

    def score_text(self) -> str:
        """ "8/10", "8", "75 %"; "" without a score."""
        return score_text(self.score_raw, self.score_max, self.score_scaled)

    def status_text(self) -> str:
        """ "Đã hoàn thành · 8/10 (điểm do gói tự báo)"."""
        parts = [self.completion_text()]
        if self.has_score:
            parts.append(f"{self.score_text()} ({SELF_REPORTED})")
        return " · ".join(parts)

    def as_json(self) -> dict:
        return {
            "completion": self.completion,
            "completion_text": self.completion_text(),
            "success": self.success,
            "score": self.score_text(),
            "score_source": str(SELF_REPORTED),
            "seconds": self.seconds,
            "time": duration_text(self.seconds),
            "text": self.status_text(),
        }


def number_text(value: Decimal) -> str:
    """4 decimals at most, no trailing zeros, decimal comma: 8, 7,5."""
    text = format(value.quantize(Decimal("0.01")).normalize(), "f")
    return text.replace(".", ",")


def score_text(raw, high, scaled) -> str:
    if raw is not None and high:
        return f"{number_text(raw)}/{number_text(high)}"
    if raw is not None:
        return number_text(raw)
    if scaled is not None:
        return f"{number_text(scaled * 100)} %"
    return ""


def duration_text(seconds: int) -> str:
    """ "1 giờ 5 phút", "12 phút", "40 giây"."""
    hours, rest = divmod(int(seconds or 0), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return _("%(h)s giờ %(m)s phút") % {"h": hours, "m": minutes}
    if minutes:
        return _("%(m)s phút") % {"m": minutes}
    return _("%(s)s giây") % {"s": secs}


def _sco_total(version) -> int:
    if version.kind == "h5p":
        return 1
    return len([s for s in (version.structure or {}).get("scos") or [] if isinstance(s, dict)])


def _combine(version, attempts: list[PackageAttempt]) -> Progress:
    total = max(_sco_total(version), 1)
    done = sum(1 for a in attempts if a.completion_status == Completion.COMPLETED)
    if not attempts:
        completion = ""
    elif done >= total:
        completion = Completion.COMPLETED
    else:
        completion = Completion.INCOMPLETE
    scored = [a for a in attempts if a.has_score]
    raw = high = scaled = None
    if len(scored) == 1:
        raw, high, scaled = scored[0].score_raw, scored[0].score_max, scored[0].score_scaled
    elif scored and all(a.score_raw is not None and a.score_max for a in scored):
        raw = sum(a.score_raw for a in scored)
        high = sum(a.score_max for a in scored)
    elif scored:
        shares = [a.score_scaled for a in scored if a.score_scaled is not None]
        scaled = (sum(shares) / len(shares)).quantize(Decimal("0.0001")) if shares else None
    successes = {a.success_status for a in attempts if a.success_status}
    success = "failed" if "failed" in successes else ("passed" if "passed" in successes else "")
    return Progress(
        version_id=version.pk,
        completion=completion,
        success=success,
        score_raw=raw,
        score_max=high,
        score_scaled=scaled,
        seconds=sum(a.seconds for a in attempts),
        scos_done=done,
        scos_total=total,
        updated_at=max((a.updated_at for a in attempts), default=None),
    )


def package_progress(user, version_ids) -> dict[int, Progress]:
    """``user``'s progress in each of the package versions ``version_ids`` (one query for
    the attempts, one for the versions); a version never opened has an empty Progress."""
    ids = [int(v) for v in version_ids]
    versions = {v.pk: v for v in PackageVersion.objects.filter(pk__in=ids)}
    by_version: dict[int, list[PackageAttempt]] = defaultdict(list)
    if user is not None and user.is_authenticated:
        for attempt in PackageAttempt.objects.filter(user=user, version_id__in=ids):
            by_version[attempt.version_id].append(attempt)
    return {vid: _combine(versions[vid], by_version[vid]) for vid in ids if vid in versions}


def attempt_states(user, version) -> dict[str, dict]:
    """SCO → what the run-time is filled with at launch (``{}`` for a SCO never opened).
    SCORM: ``{"cmi": {...}}`` (see :func:`lms.packages.cmi.restore_state`); H5P (key ""):
    ``{"userData": {...}, "finished": bool}``."""
    attempts = PackageAttempt.objects.filter(user=user, version=version)
    states: dict[str, dict] = {}
    for attempt in attempts:
        if version.kind == "h5p":
            states[attempt.sco] = {
                "userData": dict(attempt.h5p_user_data or {}),
                "finished": attempt.completion_status == Completion.COMPLETED,
            }
        else:
            states[attempt.sco] = cmi_rules.restore_state(
                attempt.cmi, kind=version.kind, total_seconds=attempt.seconds
            )
    return states


@dataclass(frozen=True)
class ResultRow:
    user: object
    progress: Progress


def package_results(version, learners) -> list[ResultRow]:
    """One row per learner of ``learners`` (a User queryset: who the viewer may see) who
    opened ``version``, most recent activity first."""
    attempts = (
        PackageAttempt.objects.filter(version=version, user__in=learners)
        .select_related("user")
        .order_by("user_id", "sco")
    )
    by_user: dict[int, list[PackageAttempt]] = defaultdict(list)
    users = {}
    for attempt in attempts:
        by_user[attempt.user_id].append(attempt)
        users[attempt.user_id] = attempt.user
    rows = [ResultRow(users[uid], _combine(version, items)) for uid, items in by_user.items()]
    rows.sort(key=lambda r: r.progress.updated_at, reverse=True)
    return rows
