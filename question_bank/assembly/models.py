"""The exam matrix (ma trận đề): cells of topic × part × cognitive level with counts, and
the papers (đề) assembled from it with their items and versions (mã đề).

Imported by :mod:`question_bank.models`, so the tables belong to the ``question_bank`` app.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from common.storage import private_storage
from curriculum.models import GRADE_CHOICES, GRADE_VALIDATORS
from question_bank.assembly.paper import PART_ESSAY, PART_MC, PART_SHORT, PART_TF

PART_CHOICES = [
    (PART_MC, _("Phần I – Nhiều lựa chọn")),
    (PART_TF, _("Phần II – Đúng/Sai")),
    (PART_SHORT, _("Phần III – Trả lời ngắn")),
    (PART_ESSAY, _("Tự luận")),
]


class ExamMatrix(ClusterableModel):
    title = models.CharField(_("tên ma trận"), max_length=255)
    template = models.CharField(_("mẫu"), max_length=40, blank=True)
    subject = models.ForeignKey(
        "curriculum.Subject", on_delete=models.PROTECT, related_name="+", verbose_name=_("môn")
    )
    grade = models.PositiveSmallIntegerField(
        _("lớp"), choices=GRADE_CHOICES, validators=GRADE_VALIDATORS
    )
    duration_minutes = models.PositiveSmallIntegerField(_("thời gian làm bài (phút)"), default=90)
    points_mc = models.DecimalField(
        _("điểm mỗi câu Phần I"), max_digits=5, decimal_places=3, default=Decimal("0.25")
    )
    points_tf = models.DecimalField(
        _("điểm mỗi câu Phần II"), max_digits=5, decimal_places=3, default=Decimal("1")
    )
    points_short = models.DecimalField(
        _("điểm mỗi câu Phần III"), max_digits=5, decimal_places=3, default=Decimal("0.5")
    )
    points_essay = models.DecimalField(
        _("điểm mỗi câu tự luận"), max_digits=5, decimal_places=3, default=Decimal("1")
    )
    total_points = models.DecimalField(
        _("tổng điểm"), max_digits=5, decimal_places=2, default=Decimal("10")
    )
    #: Question counts the format requires per part ({"1": 12, "2": 4, "3": 6}); checked.
    expected_counts = models.JSONField(_("số câu theo định dạng"), default=dict, blank=True)
    scale = models.ForeignKey(
        "question_bank.CognitiveScale",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("thang mức độ"),
    )
    target_difficulty = models.FloatField(
        _("độ khó mục tiêu (0–1)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("Để trống: lấy độ khó trung bình của ngân hàng cho ma trận này."),
    )
    banks = ParentalManyToManyField(
        "question_bank.QuestionBank",
        blank=True,
        related_name="+",
        verbose_name=_("ngân hàng dùng để ghép đề"),
        help_text=_("Để trống: mọi ngân hàng bạn được xem."),
    )
    confidential = models.BooleanField(
        _("đề thi bảo mật"),
        default=False,
        help_text=_("Đề ghép từ ma trận này chỉ hội đồng thấy cho tới khi công bố."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("subject"), FieldPanel("grade"), FieldPanel("duration_minutes")]),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("points_mc"),
                        FieldPanel("points_tf"),
                        FieldPanel("points_short"),
                        FieldPanel("points_essay"),
                    ]
                ),
                FieldRowPanel([FieldPanel("total_points"), FieldPanel("scale")]),
            ],
            heading=_("Điểm"),
        ),
        FieldRowPanel([FieldPanel("target_difficulty"), FieldPanel("confidential")]),
        FieldPanel("banks"),
        InlinePanel("cells", heading=_("Các ô của ma trận"), label=_("ô")),
    ]

    class Meta:
        verbose_name = _("ma trận đề")
        verbose_name_plural = _("ma trận đề")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    POINT_FIELDS = {
        PART_MC: "points_mc",
        PART_TF: "points_tf",
        PART_SHORT: "points_short",
        PART_ESSAY: "points_essay",
    }

    def points_for(self, part: int) -> Decimal:
        return getattr(self, self.POINT_FIELDS[part])


class MatrixCell(Orderable):
    """How many questions of one part and level a topic (or learning outcome) contributes."""

    matrix = ParentalKey(ExamMatrix, on_delete=models.CASCADE, related_name="cells")
    part = models.PositiveSmallIntegerField(_("phần"), choices=PART_CHOICES, default=PART_MC)
    topic = models.ForeignKey(
        "curriculum.Topic",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chủ đề"),
        help_text=_("Để trống: mọi chủ đề của môn và lớp."),
    )
    outcome = models.ForeignKey(
        "curriculum.LearningOutcome",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("yêu cầu cần đạt"),
    )
    level = models.ForeignKey(
        "question_bank.CognitiveLevel",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mức độ"),
    )
    count = models.PositiveSmallIntegerField(_("số câu"), default=1)
    points = models.DecimalField(
        _("điểm mỗi câu"),
        max_digits=5,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_("Để trống: theo điểm của phần."),
    )
    requirement = models.TextField(
        _("yêu cầu cần đạt (bảng đặc tả)"),
        blank=True,
        help_text=_("Để trống: lấy từ yêu cầu cần đạt hoặc chủ đề đã chọn."),
    )

    panels = [
        FieldRowPanel([FieldPanel("part"), FieldPanel("level"), FieldPanel("count")]),
        FieldRowPanel([FieldPanel("topic"), FieldPanel("outcome"), FieldPanel("points")]),
        FieldPanel("requirement"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("ô ma trận")
        verbose_name_plural = _("ô ma trận")

    def __str__(self):
        return self.key

    @property
    def key(self) -> str:
        return f"p{self.part}-t{self.topic_id or 0}-o{self.outcome_id or 0}-l{self.level_id or 0}"

    def points_each(self) -> Decimal:
        return self.points if self.points is not None else self.matrix.points_for(self.part)


class Paper(models.Model):
    """A generated paper or practice set: the record of which question versions it used.

    A paper pins :class:`QuestionVersion` rows, so it prints the same forever; its
    :class:`PaperVariant` rows are the shuffled versions (mã đề). Papers of a confidential
    exam are visible to their board only until ``released_at``.
    """

    class Kind(models.TextChoices):
        EXAM = "exam", _("Đề kiểm tra/đề thi")
        PRACTICE = "practice", _("Bộ luyện tập")

    class RenderState(models.TextChoices):
        NONE = "", _("Chưa xuất")
        PENDING = "pending", _("Đang chờ")
        RUNNING = "running", _("Đang xuất tệp")
        DONE = "done", _("Đã xuất")
        FAILED = "failed", _("Lỗi khi xuất")

    title = models.CharField(_("tên đề"), max_length=255)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.EXAM)
    matrix = models.ForeignKey(
        "question_bank.ExamMatrix",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="papers",
        verbose_name=_("ma trận"),
    )
    school = models.ForeignKey(
        "accounts.School",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trường (đơn vị dùng đề)"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    seed = models.BigIntegerField(_("hạt giống ngẫu nhiên"), null=True, blank=True)
    confidential = models.BooleanField(_("bảo mật"), default=False)
    released_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True)
    form_set = models.CharField(_("bộ đề song song"), max_length=40, blank=True, db_index=True)
    form_number = models.PositiveSmallIntegerField(_("đề số"), default=1)
    header = models.JSONField(_("tiêu đề in trên đề"), default=dict, blank=True)
    options = models.JSONField(_("tham số ghép đề"), default=dict, blank=True)
    versions = models.ManyToManyField(
        "question_bank.QuestionVersion", through="PaperItem", related_name="papers"
    )
    render_state = models.CharField(
        max_length=20, choices=RenderState.choices, default=RenderState.NONE, blank=True
    )
    render_error = models.TextField(blank=True)
    # The bundle holds the keys: private, sent only by the checked download view.
    output = models.FileField(storage=private_storage, upload_to="papers/%Y/%m", blank=True)

    class Meta:
        verbose_name = _("đề")
        verbose_name_plural = _("đề")
        ordering = ["-created_at", "form_number"]

    def __str__(self):
        return self.title


class PaperItem(models.Model):
    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="items")
    version = models.ForeignKey(
        "question_bank.QuestionVersion", on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveIntegerField()
    part = models.PositiveSmallIntegerField(_("phần"), default=1)
    cell = models.CharField(_("ô ma trận"), max_length=120, blank=True)
    points = models.DecimalField(max_digits=6, decimal_places=3, null=True, blank=True)

    class Meta:
        ordering = ["paper", "position"]
        constraints = [
            models.UniqueConstraint(fields=["paper", "position"], name="uniq_paper_position")
        ]

    def __str__(self):
        return f"{self.paper_id}#{self.position}"


class PaperVariant(models.Model):
    """One mã đề: the paper's items in a shuffled order, each with its options' order."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="variants")
    code = models.CharField(_("mã đề"), max_length=20)
    position = models.PositiveSmallIntegerField(default=0)
    #: ``[{"item": PaperItem.position, "order": [original choice index, …]}, …]`` in print
    #: order (parts in order, numbering restarting per part).
    layout = models.JSONField(default=list)

    class Meta:
        verbose_name = _("mã đề")
        verbose_name_plural = _("mã đề")
        ordering = ["paper", "position"]
        constraints = [
            models.UniqueConstraint(fields=["paper", "code"], name="uniq_paper_variant_code")
        ]

    def __str__(self):
        return self.code
