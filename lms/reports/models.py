"""Online and blended periods taught, recorded per class, subject and week: the numerator
of the online learning share (the curriculum's periods are its denominator, from data:
:mod:`lms.reports.periods`)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodMode(models.TextChoices):
    ONLINE = "online", _("Trực tuyến")
    BLENDED = "blended", _("Kết hợp (trực tuyến và trên lớp)")


class OnlinePeriods(models.Model):
    """``periods`` periods of ``subject`` taught online (or blended) to ``school_class`` in
    the week starting ``week_start`` (a Monday). One row per class × subject × week × mode:
    recording the week again replaces the number."""

    school_class = models.ForeignKey(
        "accounts.SchoolClass", on_delete=models.CASCADE, related_name="+", verbose_name=_("lớp")
    )
    subject = models.ForeignKey(
        "curriculum.Subject", on_delete=models.PROTECT, related_name="+", verbose_name=_("môn")
    )
    week_start = models.DateField(_("tuần bắt đầu (thứ Hai)"))
    mode = models.CharField(
        _("hình thức"), max_length=8, choices=PeriodMode.choices, default=PeriodMode.ONLINE
    )
    periods = models.PositiveSmallIntegerField(
        _("số tiết"), validators=[MinValueValidator(0), MaxValueValidator(50)]
    )
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("người ghi"),
    )
    recorded_at = models.DateTimeField(_("ghi lúc"), auto_now=True)

    class Meta:
        verbose_name = _("tiết dạy trực tuyến")
        verbose_name_plural = _("tiết dạy trực tuyến")
        constraints = [
            models.UniqueConstraint(
                fields=["school_class", "subject", "week_start", "mode"],
                name="reports_online_periods_unique",
            )
        ]

    def __str__(self):
        return f"{self.school_class_id} · {self.subject_id} · {self.week_start}: {self.periods}"
