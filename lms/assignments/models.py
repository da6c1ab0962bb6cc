"""Assignments (giao bài): a teacher gives a class, a group of it or chosen students a piece
of work with open and due dates; and the in-app notifications that tell students so.

An assignment never copies what students did: their status is read from the work's own
records (exam attempts, learning events, package attempts; :mod:`lms.assignments.status`).
A paper's work runs on the exam engine as an :class:`~lms.exams.models.ExamSession` of its
own (``session``), whose candidates are the assignment's students, so editing the
assignment changes the session's settings and never its attempts.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.exams.models import ReleasePolicy, ReviewPolicy


class WorkKind(models.TextChoices):
    LESSON = "lesson", _("Bài học / bài giảng điện tử")
    LIBRARY_ITEM = "library_item", _("Tài liệu thư viện")
    PRACTICE = "practice", _("Bộ luyện tập")
    TEST = "test", _("Bài kiểm tra trực tuyến")
    PACKAGE = "package", _("Gói bài giảng (SCORM/H5P)")


#: Work taken on the exam engine (a paper), scored per attempt.
PAPER_KINDS = frozenset({WorkKind.PRACTICE, WorkKind.TEST})


class Audience(models.TextChoices):
    CLASS = "class", _("Cả lớp")
    GROUP = "group", _("Một nhóm trong lớp")
    STUDENTS = "students", _("Học sinh được chọn")


class LatePolicy(models.TextChoices):
    ACCEPT = "accept", _("Vẫn nhận bài nộp muộn (ghi là muộn)")
    REFUSE = "refuse", _("Không nhận bài sau hạn nộp")


class ScoreRule(models.TextChoices):
    HIGHEST = "highest", _("Lần cao nhất")
    LAST = "last", _("Lần cuối")
    AVERAGE = "average", _("Trung bình các lần")


class Assignment(models.Model):
    """One piece of work given to students of one class."""

    title = models.CharField(_("tên bài giao"), max_length=255)
    instructions = models.TextField(_("hướng dẫn"), blank=True)
    school_class = models.ForeignKey(
        "accounts.SchoolClass",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("lớp"),
    )
    subject = models.ForeignKey(
        "curriculum.Subject",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("môn học"),
    )
    audience = models.CharField(
        _("giao cho"), max_length=10, choices=Audience.choices, default=Audience.CLASS
    )
    group_name = models.CharField(_("tên nhóm"), max_length=60, blank=True)
    kind = models.CharField(_("loại bài"), max_length=14, choices=WorkKind.choices)
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bài học / bài giảng"),
    )
    library_item = models.ForeignKey(
        "content.LibraryItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tài liệu"),
    )
    paper = models.ForeignKey(
        "question_bank.Paper",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đề / bộ luyện tập"),
    )
    package = models.ForeignKey(
        "content.ElearningPackage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gói bài giảng"),
    )
    #: The work's content may be deleted later (the assignment then names no work; its
    #: students' records stay); a paper cannot, while a session runs on it.
    #: The exam engine's sitting of ``paper`` for this assignment's students.
    session = models.OneToOneField(
        "lms.ExamSession",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignment",
    )
    opens_at = models.DateTimeField(_("mở từ"))
    due_at = models.DateTimeField(_("hạn nộp"), null=True, blank=True)
    late_policy = models.CharField(
        _("nộp muộn"), max_length=8, choices=LatePolicy.choices, default=LatePolicy.ACCEPT
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("thời gian làm bài (phút)"), null=True, blank=True
    )
    attempts_allowed = models.PositiveSmallIntegerField(_("số lần làm"), default=1)
    score_rule = models.CharField(
        _("tính điểm theo"), max_length=8, choices=ScoreRule.choices, default=ScoreRule.HIGHEST
    )
    release_policy = models.CharField(
        _("công bố kết quả"),
        max_length=12,
        choices=ReleasePolicy.choices,
        default=ReleasePolicy.IMMEDIATE,
    )
    review_policy = models.CharField(
        _("học sinh được xem"),
        max_length=10,
        choices=ReviewPolicy.choices,
        default=ReviewPolicy.ANSWERS,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bài giao")
        verbose_name_plural = _("bài giao")
        ordering = ["due_at", "pk"]
        indexes = [models.Index(fields=["school_class", "due_at"])]

    def __str__(self):
        return self.title


class AssignmentStudent(models.Model):
    """A student the assignment is for, with their own overrides (a new due date, extra
    minutes on a timed test); both empty: the assignment's own."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="students")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="assigned_work",
        verbose_name=_("học sinh"),
    )
    due_at = models.DateTimeField(_("hạn nộp riêng"), null=True, blank=True)
    extra_minutes = models.PositiveSmallIntegerField(_("thêm thời gian (phút)"), default=0)

    class Meta:
        verbose_name = _("học sinh được giao")
        verbose_name_plural = _("học sinh được giao")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "student"], name="uniq_assignment_student"
            )
        ]

    def __str__(self):
        return f"{self.assignment_id}:{self.student_id}"


class Notification(models.Model):
    """An in-app notice for one user (new work, a returned mark); read once opened."""

    class Kind(models.TextChoices):
        NEW_WORK = "new_work", _("Bài mới được giao")
        MARK_RETURNED = "mark_returned", _("Bài đã được chấm")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return self.title
