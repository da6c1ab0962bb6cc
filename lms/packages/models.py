"""A learner's attempt at an e-lecture package (one per SCO of a version) and the
append-only log of everything its run-time sent.

The attempt is the summary kept current (status, score, where the learner stopped, the
whole CMI to restore); :class:`PackageEvent` keeps each commit, xAPI statement and user
data save as received, so nothing a package committed is lost when a later commit
overwrites the summary. Scores are self-reported: both standards grade in the browser.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

#: Shown next to every score a package reported (both standards grade in the browser).
SELF_REPORTED = _("điểm do gói tự báo")


class Completion(models.TextChoices):
    COMPLETED = "completed", _("Đã hoàn thành")
    INCOMPLETE = "incomplete", _("Đang học")
    NOT_ATTEMPTED = "not attempted", _("Chưa học")
    UNKNOWN = "unknown", _("Chưa rõ")


class Success(models.TextChoices):
    PASSED = "passed", _("Đạt")
    FAILED = "failed", _("Chưa đạt")
    UNKNOWN = "unknown", _("Chưa rõ")


class PackageAttempt(models.Model):
    """One learner's state in one SCO of one package version (``sco`` is "" for H5P).

    A new version of a package starts new attempts: learners who began the old one keep it.
    ``total_seconds`` sums the sessions already closed; ``open_session_seconds`` is the
    session still running (its ``session_time`` is cumulative, so it is folded into the
    total once, when the session ends or the next one starts)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="package_attempts"
    )
    version = models.ForeignKey(
        "content.PackageVersion", on_delete=models.PROTECT, related_name="attempts"
    )
    sco = models.CharField(_("SCO"), max_length=255, blank=True)
    cmi = models.JSONField(_("dữ liệu CMI"), default=dict, blank=True)
    completion_status = models.CharField(
        _("hoàn thành"), max_length=16, choices=Completion.choices, blank=True
    )
    success_status = models.CharField(
        _("kết quả"), max_length=16, choices=Success.choices, blank=True
    )
    lesson_status = models.CharField(_("lesson_status (SCORM 1.2)"), max_length=16, blank=True)
    score_raw = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    score_min = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    score_max = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    score_scaled = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    location = models.CharField(_("vị trí trong bài"), max_length=1000, blank=True)
    suspend_data = models.TextField(_("dữ liệu tạm"), blank=True)
    total_seconds = models.PositiveIntegerField(_("thời gian học (giây)"), default=0)
    open_session_seconds = models.PositiveIntegerField(default=0)
    h5p_user_data = models.JSONField(_("dữ liệu H5P"), default=dict, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lượt học gói")
        verbose_name_plural = _("lượt học gói")
        constraints = [
            models.UniqueConstraint(fields=["user", "version", "sco"], name="uniq_package_attempt")
        ]
        indexes = [models.Index(fields=["version", "user"])]

    def __str__(self):
        return f"{self.user_id}:{self.version_id}:{self.sco or '-'}"

    @property
    def seconds(self) -> int:
        return self.total_seconds + self.open_session_seconds

    @property
    def has_score(self) -> bool:
        return self.score_raw is not None or self.score_scaled is not None

    @property
    def score_label(self) -> str:
        """How every page names the score's source."""
        return str(SELF_REPORTED)


class PackageEvent(models.Model):
    """What a package's run-time sent, as received (never updated)."""

    class Kind(models.TextChoices):
        COMMIT = "commit", _("Lưu CMI")
        XAPI = "xapi", _("Câu lệnh xAPI")
        USERDATA = "userdata", _("Dữ liệu H5P")

    attempt = models.ForeignKey(PackageAttempt, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    payload = models.JSONField(default=dict)
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = _("dữ liệu gói gửi về")
        verbose_name_plural = _("dữ liệu gói gửi về")

    def __str__(self):
        return f"{self.attempt_id} {self.kind}"
