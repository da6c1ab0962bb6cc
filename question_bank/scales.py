"""Cognitive-level scales and the Đúng/Sai scoring table: the reference data a bank and its
questions are measured against.

* :class:`CognitiveScale` and its :class:`CognitiveLevel` rows — 3 levels (Biết/Hiểu/Vận dụng)
  or the older 4 levels; a bank picks one scale, each question one of its levels.
* :class:`TrueFalseScore` — how many points K right statements out of N earn.

Imported by :mod:`question_bank.models`, so the tables belong to the ``question_bank`` app.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from question_bank.numeric import format_numeric


class CognitiveScale(models.Model):
    """A scale of cognitive levels: 3 levels (Biết/Hiểu/Vận dụng) or the older 4 levels."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên thang"), max_length=120)
    is_default = models.BooleanField(_("mặc định"), default=False)

    class Meta:
        verbose_name = _("thang mức độ nhận thức")
        verbose_name_plural = _("thang mức độ nhận thức")
        ordering = ["-is_default", "name"]

    def __str__(self):
        return self.name


class CognitiveLevel(models.Model):
    scale = models.ForeignKey(
        CognitiveScale,
        on_delete=models.CASCADE,
        related_name="levels",
        verbose_name=_("thang mức độ"),
    )
    code = models.SlugField(_("mã"), max_length=40)
    name = models.CharField(_("tên mức"), max_length=80)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("mức độ nhận thức")
        verbose_name_plural = _("mức độ nhận thức")
        ordering = ["scale", "sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "code"], name="uniq_level_code_per_scale")
        ]

    def __str__(self):
        # The default scale's levels need no qualifier ("Biết"); another scale's get its short
        # name ("Vận dụng (4 mức)"), not the whole scale title repeating the level names.
        if not self.scale_id or self.scale.is_default:
            return self.name
        short = self.scale.name.split(" (", 1)[0].strip()
        return f"{self.name} ({short})" if short and short != self.name else self.name


class TrueFalseScore(models.Model):
    """The Đúng/Sai scoring table: with N statements, K right earn this share of the points.

    Data, not code: the 2025 table (4 statements: 1→0,1; 2→0,25; 3→0,5; 4→1) is seeded by a
    migration and can be changed in the admin. Missing rows fall back to K/N.
    """

    statements = models.PositiveSmallIntegerField(_("số mệnh đề"))
    correct = models.PositiveSmallIntegerField(_("số mệnh đề trả lời đúng"))
    fraction = models.DecimalField(
        _("tỉ lệ điểm"),
        max_digits=5,
        decimal_places=4,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )

    class Meta:
        verbose_name = _("bảng điểm Đúng/Sai")
        verbose_name_plural = _("bảng điểm Đúng/Sai")
        ordering = ["statements", "correct"]
        constraints = [
            models.UniqueConstraint(fields=["statements", "correct"], name="uniq_tf_score")
        ]

    def __str__(self):
        return f"{self.correct}/{self.statements} → {format_numeric(self.fraction)}"
