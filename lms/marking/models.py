"""Tables of marking. The points themselves stay the exam engine's
(:class:`lms.exams.models.EssayMark`, with :class:`~lms.exams.models.ScoreChange` for the
attempt's total); marking adds what the engine does not keep: the rubric a teacher marked
with and the levels chosen (append-only, so every manual mark keeps who and when), the
return of the work to the student, and the gradebook column an assignment feeds.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

#: Version of the JSON layout of :attr:`Rubric.criteria` and :attr:`ManualMark.levels`.
SCHEMA_VERSION = 1


class Rubric(models.Model):
    """A teacher's rubric (tiêu chí chấm): criteria × levels with points, reusable across
    their assignments. ``criteria`` is ``{"schema_version": 1, "criteria": [{"name": …,
    "levels": [{"label": …, "points": "1.5"}, …]}, …]}`` (points as decimal strings)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="rubrics",
        verbose_name=_("giáo viên"),
    )
    title = models.CharField(_("tên tiêu chí chấm"), max_length=200)
    criteria = models.JSONField(_("tiêu chí và mức"), default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tiêu chí chấm")
        verbose_name_plural = _("tiêu chí chấm")
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title

    @property
    def rows(self) -> list[dict]:
        return list((self.criteria or {}).get("criteria") or [])


class ManualMark(models.Model):
    """Append-only: one teacher's mark of one answer (an essay, or an override of an
    auto-marked answer) — the points, the rubric and levels chosen, the comment, who and
    when. The latest row of an (attempt, slot) is the one in force."""

    assignment = models.ForeignKey(
        "lms.Assignment", on_delete=models.CASCADE, related_name="+", verbose_name=_("bài giao")
    )
    attempt = models.ForeignKey(
        "lms.Attempt", on_delete=models.CASCADE, related_name="+", verbose_name=_("lần làm")
    )
    slot = models.PositiveSmallIntegerField()
    points = models.DecimalField(_("điểm"), max_digits=6, decimal_places=3)
    comment = models.TextField(_("nhận xét"), blank=True)
    reason = models.CharField(_("lý do sửa điểm"), max_length=300, blank=True)
    rubric = models.ForeignKey(
        Rubric,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tiêu chí chấm"),
    )
    #: ``{"schema_version": 1, "levels": [{"criterion": …, "level": …, "points": "1"}]}``,
    #: copied so a later edit of the rubric never changes a mark already given.
    levels = models.JSONField(_("mức đã chọn"), default=dict, blank=True)
    marker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    marked_at = models.DateTimeField(_("chấm lúc"))

    class Meta:
        verbose_name = _("lịch sử chấm tay")
        verbose_name_plural = _("lịch sử chấm tay")
        ordering = ["marked_at", "pk"]
        indexes = [models.Index(fields=["attempt", "slot"], name="marking_attempt_slot")]

    def __str__(self):
        return f"{self.attempt_id}:{self.slot}={self.points}"

    @property
    def chosen(self) -> list[dict]:
        return list((self.levels or {}).get("levels") or [])


class MarkReturn(models.Model):
    """The work of one student in one assignment, returned (trả bài): from then on the
    student sees their marks, the rubric levels and the comments."""

    assignment = models.ForeignKey(
        "lms.Assignment", on_delete=models.CASCADE, related_name="+", verbose_name=_("bài giao")
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    returned_at = models.DateTimeField(_("trả bài lúc"))

    class Meta:
        verbose_name = _("trả bài")
        verbose_name_plural = _("trả bài")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "student"], name="uniq_mark_return")
        ]

    def __str__(self):
        return f"{self.assignment_id}:{self.student_id}"


class GradebookLink(models.Model):
    """The gradebook column an assignment's scores go to (class × subject × term × column;
    the class is the assignment's): "Ghi vào sổ điểm" fills it, a later mark updates it."""

    assignment = models.OneToOneField(
        "lms.Assignment", on_delete=models.CASCADE, related_name="gradebook_link"
    )
    subject = models.ForeignKey(
        "curriculum.Subject", on_delete=models.PROTECT, related_name="+", verbose_name=_("môn")
    )
    term = models.PositiveSmallIntegerField(_("học kỳ"))
    column = models.CharField(_("cột điểm"), max_length=8)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    set_at = models.DateTimeField(_("đặt lúc"))
    written_at = models.DateTimeField(_("ghi sổ lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("cột sổ điểm của bài giao")
        verbose_name_plural = _("cột sổ điểm của bài giao")

    def __str__(self):
        return f"{self.assignment_id} → {self.subject_id} HK{self.term} {self.column}"
