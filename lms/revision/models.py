"""What revision remembers about a learner.

* :class:`RevisionAnswer` — the evidence log, append-only: every answer a learner gave while
  revising (a practice check, a review, an answer synced from an offline phone, a graded
  mock exam), re-marked on the server. Mastery and the scheduler are derived from it.
* :class:`OutcomeMastery` — the learner's mastery of one learning outcome, kept up to date
  from the log (:mod:`lms.revision.mastery` says how; it can be recomputed from the log).
* :class:`SkillCard` — the FSRS scheduler's state of one learner and one learning outcome
  (the skill, not one question), and :class:`SkillReview` its append-only review log, kept so
  the parameters can be re-optimised later (``fsrs.Optimizer`` reads exactly these fields).
* :class:`QuestionStat` — how often learners got a question right (the item statistic the
  next-question rule blends with the author's difficulty).
* :class:`RevisionPack` — what a phone downloaded to work offline, so a sync only accepts
  answers to questions that were sent to that learner.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    PRACTICE = "practice", _("Luyện tập")
    REVIEW = "review", _("Ôn lại")
    OFFLINE = "offline", _("Ngoại tuyến")
    MOCK = "mock", _("Thi thử")


class RevisionAnswer(models.Model):
    """One answer given while revising, marked on the server (append-only)."""

    # Indexed by the composite indexes below (student first), not on its own.
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("học sinh"),
        db_index=False,
    )
    question_version = models.ForeignKey(
        "question_bank.QuestionVersion", on_delete=models.PROTECT, related_name="+"
    )
    # Denormalised at answer time: the question (for "not seen recently" and item
    # statistics) and its learning outcome (for mastery and the scheduler).
    question = models.ForeignKey(
        "question_bank.Question", on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.ForeignKey(
        "curriculum.LearningOutcome",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("yêu cầu cần đạt"),
    )
    weight = models.FloatField(_("trọng số mức độ"), default=1.0)
    response = models.JSONField(null=True, blank=True)
    fraction = models.DecimalField(
        _("tỉ lệ điểm"), max_digits=5, decimal_places=4, null=True, blank=True
    )
    rating = models.PositiveSmallIntegerField(_("đánh giá FSRS"), null=True, blank=True)
    answered_at = models.DateTimeField(_("lúc trả lời"))
    received_at = models.DateTimeField(_("lúc máy chủ nhận"), auto_now_add=True)
    duration_ms = models.PositiveIntegerField(_("thời gian (ms)"), null=True, blank=True)
    source = models.CharField(_("nguồn"), max_length=10, choices=Source.choices)
    # An offline answer's own id, made on the phone: a repeated sync stores it once.
    client_id = models.UUIDField(null=True, blank=True, unique=True)
    attempt = models.ForeignKey(
        "lms.Attempt", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    slot = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("câu trả lời ôn tập")
        verbose_name_plural = _("câu trả lời ôn tập")
        indexes = [
            models.Index(
                fields=["student", "outcome", "-answered_at"], name="revision_ans_student_outcome"
            ),
            models.Index(
                fields=["student", "question", "-answered_at"],
                name="revision_ans_student_question",
            ),
            models.Index(fields=["student", "-answered_at"], name="revision_ans_student_time"),
        ]

    def __str__(self):
        return f"{self.student_id} · {self.question_id} · {self.fraction}"


class OutcomeMastery(models.Model):
    """A learner's mastery of one learning outcome (see :mod:`lms.revision.mastery`)."""

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    outcome = models.ForeignKey(
        "curriculum.LearningOutcome", on_delete=models.CASCADE, related_name="+"
    )
    value = models.FloatField(_("mức thành thạo (0–1)"))
    answers = models.PositiveIntegerField(_("số câu đã làm"), default=0)
    # The latest answers, newest first: [[fraction, weight, unix seconds], ...].
    recent = models.JSONField(default=list)
    updated_at = models.DateTimeField(_("cập nhật"))

    class Meta:
        verbose_name = _("mức thành thạo")
        verbose_name_plural = _("mức thành thạo")
        constraints = [
            models.UniqueConstraint(fields=["student", "outcome"], name="revision_mastery_unique")
        ]

    def __str__(self):
        return f"{self.student_id} · {self.outcome_id}: {self.value:.2f}"


class SkillCard(models.Model):
    """FSRS state of one learner and one learning outcome (``fsrs.Card`` fields)."""

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    outcome = models.ForeignKey(
        "curriculum.LearningOutcome", on_delete=models.CASCADE, related_name="+"
    )
    state = models.PositiveSmallIntegerField(_("trạng thái"))
    step = models.PositiveSmallIntegerField(null=True, blank=True)
    stability = models.FloatField(null=True, blank=True)
    difficulty = models.FloatField(null=True, blank=True)
    due = models.DateTimeField(_("đến hạn ôn"))
    last_review = models.DateTimeField(_("lần ôn gần nhất"), null=True, blank=True)
    reviews = models.PositiveIntegerField(default=0)
    lapses = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("lịch ôn theo yêu cầu cần đạt")
        verbose_name_plural = _("lịch ôn theo yêu cầu cần đạt")
        constraints = [
            models.UniqueConstraint(fields=["student", "outcome"], name="revision_card_unique")
        ]
        indexes = [models.Index(fields=["student", "due"], name="revision_card_student_due")]

    def __str__(self):
        return f"{self.student_id} · {self.outcome_id} → {self.due:%Y-%m-%d}"


class SkillReview(models.Model):
    """One FSRS review of a card (append-only; ``fsrs.ReviewLog`` plus the state after)."""

    card = models.ForeignKey(
        SkillCard, on_delete=models.CASCADE, related_name="log", db_index=False
    )
    answer = models.ForeignKey(
        RevisionAnswer, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rating = models.PositiveSmallIntegerField(_("đánh giá"))
    reviewed_at = models.DateTimeField(_("lúc ôn"))
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    stability = models.FloatField()
    difficulty = models.FloatField()
    due = models.DateTimeField()

    class Meta:
        verbose_name = _("lượt ôn")
        verbose_name_plural = _("lượt ôn")
        indexes = [models.Index(fields=["card", "reviewed_at"], name="revision_review_card_time")]

    def __str__(self):
        return f"{self.card_id} · {self.rating} · {self.reviewed_at:%Y-%m-%d}"


class QuestionStat(models.Model):
    """How learners did on one question in revision (counts only, updated per answer)."""

    question = models.OneToOneField(
        "question_bank.Question",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="revision_stat",
    )
    answers = models.PositiveIntegerField(default=0)
    right_sum = models.FloatField(default=0.0)  # sum of the fractions

    class Meta:
        verbose_name = _("thống kê câu hỏi (ôn tập)")
        verbose_name_plural = _("thống kê câu hỏi (ôn tập)")

    def __str__(self):
        return f"{self.question_id}: {self.answers}"


class RevisionPack(models.Model):
    """Questions sent to one learner's phone for offline work (keys included)."""

    class Kind(models.TextChoices):
        REVIEW = "review", _("Ôn lại hôm nay")
        PRACTICE = "practice", _("Bộ luyện tập")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(max_length=255)
    version_ids = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("gói ôn tập ngoại tuyến")
        verbose_name_plural = _("gói ôn tập ngoại tuyến")
        indexes = [models.Index(fields=["student", "-created_at"], name="revision_pack_student")]

    def __str__(self):
        return self.title
