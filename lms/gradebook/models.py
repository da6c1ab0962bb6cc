"""The gradebook's tables: one row per mark (class × subject × term × student × column),
its append-only history, and the term locks of a school.

A mark subject keeps ``value`` (0–10, one decimal), a comment subject ``passed`` (Đạt /
Chưa đạt). Averages and levels are never stored: they are computed from the marks by the
rules in force (:mod:`lms.gradebook.rules`), so a corrected mark corrects them too.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Term(models.IntegerChoices):
    FIRST = 1, _("Học kỳ I")
    SECOND = 2, _("Học kỳ II")


class MarkSource(models.TextChoices):
    MANUAL = "manual", _("Nhập tay")
    IMPORT = "import", _("Nhập từ tệp Excel")
    FILL = "fill", _("Lấy từ bài làm")


class Mark(models.Model):
    """One cell of the gradebook; cleared marks keep their row (value and passed None)."""

    school_class = models.ForeignKey(
        "accounts.SchoolClass", on_delete=models.CASCADE, related_name="+", verbose_name=_("lớp")
    )
    subject = models.ForeignKey(
        "curriculum.Subject", on_delete=models.PROTECT, related_name="+", verbose_name=_("môn")
    )
    term = models.PositiveSmallIntegerField(_("học kỳ"), choices=Term.choices)
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="gradebook_marks",
        verbose_name=_("học sinh"),
    )
    column = models.CharField(_("cột điểm"), max_length=8, help_text="tx1…tx4, gk, ck")
    value = models.DecimalField(_("điểm"), max_digits=3, decimal_places=1, null=True, blank=True)
    passed = models.BooleanField(_("Đạt"), null=True, blank=True)
    source = models.CharField(
        _("nguồn"), max_length=8, choices=MarkSource.choices, default=MarkSource.MANUAL
    )
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("người nhập"),
    )
    entered_at = models.DateTimeField(_("nhập lúc"))

    class Meta:
        verbose_name = _("điểm")
        verbose_name_plural = _("sổ điểm")
        constraints = [
            models.UniqueConstraint(
                fields=["school_class", "subject", "term", "student", "column"],
                name="uniq_gradebook_mark",
            )
        ]
        indexes = [models.Index(fields=["student", "term"], name="gradebook_student_term")]

    def __str__(self):
        return f"{self.student_id} {self.subject_id} HK{self.term} {self.column}"


class MarkChange(models.Model):
    """Append-only: every entry, change and clearing of a mark — who, when, from where."""

    mark = models.ForeignKey(Mark, on_delete=models.CASCADE, related_name="changes")
    old_value = models.DecimalField(max_digits=3, decimal_places=1, null=True)
    new_value = models.DecimalField(max_digits=3, decimal_places=1, null=True)
    old_passed = models.BooleanField(null=True)
    new_passed = models.BooleanField(null=True)
    source = models.CharField(max_length=8, choices=MarkSource.choices)
    note = models.CharField(max_length=200, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        verbose_name = _("lịch sử sửa điểm")
        verbose_name_plural = _("lịch sử sửa điểm")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.mark_id}: {self.old_value} → {self.new_value}"


class TermLock(models.Model):
    """A school's term of a school year, locked by its head: no mark of it changes."""

    school = models.ForeignKey(
        "accounts.School", on_delete=models.CASCADE, related_name="+", verbose_name=_("trường")
    )
    school_year = models.ForeignKey(
        "accounts.SchoolYear", on_delete=models.PROTECT, related_name="+", verbose_name=_("năm học")
    )
    term = models.PositiveSmallIntegerField(_("học kỳ"), choices=Term.choices)
    reason = models.CharField(_("lý do"), max_length=200, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("người khoá"),
    )
    locked_at = models.DateTimeField(_("khoá lúc"))

    class Meta:
        verbose_name = _("khoá sổ học kỳ")
        verbose_name_plural = _("khoá sổ học kỳ")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "school_year", "term"], name="uniq_gradebook_term_lock"
            )
        ]

    def __str__(self):
        return f"{self.school_id} {self.school_year_id} HK{self.term}"
