"""What learners did: the append-only log of learning events and where a reader stopped."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    VIEW = "view", _("Xem")
    DOWNLOAD = "download", _("Tải về")
    SECTION_STARTED = "section_started", _("Bắt đầu phần")
    SECTION_COMPLETED = "section_completed", _("Hoàn thành phần")
    CHECKPOINT_ANSWERED = "checkpoint_answered", _("Trả lời câu hỏi dừng")
    QUESTION_ANSWERED = "question_answered", _("Trả lời câu hỏi luyện tập")
    COMPLETED = "completed", _("Hoàn thành")


class LearningEvent(models.Model):
    """Append-only log of what a learner did with a material (page or library item).

    Progress and dashboards are computed from it later; nothing here is ever updated.
    ``data`` carries a ``schema_version`` so its shape can change without a migration.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="learning_events",
    )
    kind = models.CharField(_("loại"), max_length=24, choices=EventKind.choices)
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    library_item = models.ForeignKey(
        "content.LibraryItem", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    section = models.PositiveSmallIntegerField(_("phần (từ 0)"), null=True, blank=True)
    question_version = models.ForeignKey(
        "question_bank.QuestionVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    score = models.DecimalField(
        _("tỉ lệ điểm (0–1)"), max_digits=5, decimal_places=4, null=True, blank=True
    )
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("sự kiện học tập")
        verbose_name_plural = _("sự kiện học tập")
        indexes = [
            models.Index(fields=["user", "page", "created_at"]),
            models.Index(fields=["library_item", "kind"]),
        ]

    def __str__(self):
        return f"{self.user_id} {self.kind}"


class ReadingPosition(models.Model):
    """Where a reader stopped in a library item: a page number (PDF) or a CFI (EPUB)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reading_positions"
    )
    library_item = models.ForeignKey(
        "content.LibraryItem", on_delete=models.CASCADE, related_name="+"
    )
    page = models.PositiveIntegerField(null=True, blank=True)
    cfi = models.CharField(max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("vị trí đọc")
        verbose_name_plural = _("vị trí đọc")
        constraints = [
            models.UniqueConstraint(fields=["user", "library_item"], name="uniq_reading_position")
        ]

    def __str__(self):
        return f"{self.user_id}:{self.library_item_id} p{self.page}"


# The exam tables live in their own module; imported here so Django registers them.
from lms.assignments.models import (  # noqa: E402, F401
    Assignment,
    AssignmentStudent,
    Notification,
)
from lms.exams.models import (  # noqa: E402, F401
    AnswerLog,
    Attempt,
    AttemptAnswer,
    AttemptEvent,
    AttemptResult,
    Candidate,
    EssayMark,
    ExamRoom,
    ExamSession,
    ScoreChange,
)
from lms.gradebook.models import Mark, MarkChange, TermLock  # noqa: E402, F401
from lms.marking.models import GradebookLink, ManualMark, MarkReturn, Rubric  # noqa: E402, F401
from lms.packages.models import PackageAttempt, PackageEvent  # noqa: E402, F401
from lms.reports.models import OnlinePeriods  # noqa: E402, F401
from lms.revision.models import (  # noqa: E402, F401
    OutcomeMastery,
    QuestionStat,
    RevisionAnswer,
    RevisionPack,
    SkillCard,
    SkillReview,
)
from lms.surveys.models import (  # noqa: E402, F401
    Survey,
    SurveyAnswer,
    SurveyParticipation,
    SurveyQuestion,
    SurveyResponse,
)
