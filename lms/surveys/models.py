"""A survey, its questions, the answers and who has answered.

Anonymity: an anonymous survey's :class:`SurveyResponse` keeps no link to its author; the
separate :class:`SurveyParticipation` row ("has answered", no time) keeps one answer per
person. Responses have random ids and keep only the day, so their order cannot be matched
with the participation rows.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    TEACHERS = "teachers", _("Giáo viên")
    STUDENTS = "students", _("Học sinh")
    # Parents have no accounts of their own: they answer signed in with their child's
    # account (one answer per child), as schools ask them to for other online forms.
    PARENTS = "parents", _("Phụ huynh (trả lời bằng tài khoản của con)")


class QuestionKind(models.TextChoices):
    STARS = "stars", _("Chấm sao (1–5)")
    CHOICE = "choice", _("Chọn một phương án")
    TEXT = "text", _("Trả lời tự do")


class Survey(models.Model):
    """Published to the ``audience`` of one scope: a school, a district office's schools or
    a department's schools (the most specific one set)."""

    title = models.CharField(_("tên khảo sát"), max_length=200)
    description = models.TextField(_("mô tả"), blank=True)
    audience = models.CharField(_("đối tượng"), max_length=10, choices=Audience.choices)
    anonymous = models.BooleanField(_("ẩn danh"), default=True)
    department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("sở GD&ĐT"),
    )
    district_office = models.ForeignKey(
        "accounts.DistrictOffice",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("phòng GD&ĐT"),
    )
    school = models.ForeignKey(
        "accounts.School",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trường"),
    )
    closes_at = models.DateTimeField(_("hạn trả lời"), null=True, blank=True)
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("khảo sát")
        verbose_name_plural = _("khảo sát")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["department", "audience", "published_at"])]

    def __str__(self):
        return self.title


class SurveyQuestion(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    kind = models.CharField(_("loại câu hỏi"), max_length=8, choices=QuestionKind.choices)
    text = models.CharField(_("câu hỏi"), max_length=300)
    choices = models.JSONField(_("các phương án"), default=list, blank=True)
    required = models.BooleanField(_("bắt buộc"), default=True)

    class Meta:
        verbose_name = _("câu hỏi khảo sát")
        verbose_name_plural = _("câu hỏi khảo sát")
        ordering = ["survey", "position"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "position"], name="survey_question_position")
        ]

    def __str__(self):
        return self.text


class SurveyResponse(models.Model):
    """One person's answers; ``respondent`` is empty for an anonymous survey."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_on = models.DateField(_("ngày trả lời"))

    class Meta:
        verbose_name = _("phiếu trả lời khảo sát")
        verbose_name_plural = _("phiếu trả lời khảo sát")

    def __str__(self):
        return f"{self.survey_id} · {self.submitted_on}"


class SurveyAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    stars = models.PositiveSmallIntegerField(null=True, blank=True)
    choice = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("câu trả lời khảo sát")
        verbose_name_plural = _("câu trả lời khảo sát")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="survey_answer_once")
        ]

    def __str__(self):
        return f"{self.question_id}"


class SurveyParticipation(models.Model):
    """That ``user`` has answered ``survey`` (no time, no link to the answers)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("đã trả lời khảo sát")
        verbose_name_plural = _("đã trả lời khảo sát")
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="survey_answered_once")
        ]

    def __str__(self):
        return f"{self.survey_id} · {self.user_id}"
