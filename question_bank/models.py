"""The question bank: banks with owners and sharing scope, questions with versions and review.

* :class:`QuestionBank` — owned by a teacher or an exam board; shared privately, with a
  school, a district or the province; ``confidential`` pools are seen by their members only.
* :class:`Question` — the editable head of a question. It uses Wagtail's revision, draft and
  workflow machinery: a teacher saves drafts and submits; the subject group (tổ chuyên môn)
  approves or requests changes with a comment; approval publishes the revision.
* :class:`QuestionVersion` — an immutable snapshot written each time a question is
  approved. Papers pin versions, so editing an approved question never changes a paper.

The cognitive scales and the Đúng/Sai score table live in :mod:`question_bank.scales`, the
matrix and paper tables in :mod:`question_bank.assembly.models`.

Who may see or change what is decided in :mod:`accounts.permissions` only.
"""

import hashlib
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from common.sharing import BANK_SCOPES, Licence, SharingScope
from common.storage import public_storage
from common.vietnamese import nfc, search_companion
from curriculum.models import GRADE_CHOICES, GRADE_VALIDATORS
from question_bank.formats.base import QTYPE_LABELS, QType
from question_bank.html import clean_html, fingerprint, plain_text
from question_bank.plaintext import summary

# Banks and questions point at the scales; TrueFalseScore is imported here too so that
# `from question_bank.models import TrueFalseScore` keeps working where it is still used.
from question_bank.scales import CognitiveLevel, CognitiveScale, TrueFalseScore  # noqa: F401

QTYPE_CHOICES = [(t.value, label) for t, label in QTYPE_LABELS.items()]


class Status(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    SUBMITTED = "submitted", _("Chờ duyệt")
    CHANGES_REQUESTED = "changes_requested", _("Cần chỉnh sửa")
    APPROVED = "approved", _("Đã duyệt")


class QuestionBank(models.Model):
    name = models.CharField(_("tên ngân hàng"), max_length=200)
    description = models.TextField(_("mô tả"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_question_banks",
        verbose_name=_("chủ sở hữu"),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="question_banks",
        verbose_name=_("thành viên (cùng biên soạn / hội đồng thi)"),
    )
    subject = models.ForeignKey(
        "curriculum.Subject",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("môn học"),
    )
    scale = models.ForeignKey(
        CognitiveScale,
        on_delete=models.PROTECT,
        related_name="banks",
        verbose_name=_("thang mức độ nhận thức"),
    )
    scope = models.CharField(
        _("phạm vi chia sẻ"), max_length=20, choices=BANK_SCOPES, default=SharingScope.PRIVATE
    )
    department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sở GD&ĐT"),
    )
    district_office = models.ForeignKey(
        "accounts.DistrictOffice",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("phòng GD&ĐT"),
    )
    school = models.ForeignKey(
        "accounts.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trường"),
    )
    confidential = models.BooleanField(
        _("kho đề bảo mật của hội đồng thi"),
        default=False,
        help_text=_("Chỉ thành viên mới thấy câu hỏi — kể cả trong tìm kiếm, xuất tệp và API."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("subject"), FieldPanel("scale")]),
        FieldPanel("scope"),
        FieldPanel("confidential"),
        FieldPanel("members"),
    ]

    class Meta:
        verbose_name = _("ngân hàng câu hỏi")
        verbose_name_plural = _("ngân hàng câu hỏi")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.confidential and self.scope != SharingScope.PRIVATE:
            raise ValidationError(
                {"scope": _("Kho đề bảo mật chỉ dành cho thành viên, phạm vi phải là “Riêng tư”.")}
            )


class Stimulus(models.Model):
    """A shared stimulus (passage, figure, data table) or a Word ``Nhóm``; its questions move together."""

    bank = models.ForeignKey(
        QuestionBank, on_delete=models.CASCADE, related_name="stimuli", verbose_name=_("ngân hàng")
    )
    title = models.CharField(_("tiêu đề"), max_length=255, blank=True)
    content = models.TextField(_("ngữ liệu chung (HTML)"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [FieldPanel("bank"), FieldPanel("title"), FieldPanel("content")]

    class Meta:
        verbose_name = _("ngữ liệu dùng chung")
        verbose_name_plural = _("ngữ liệu dùng chung")

    def __str__(self):
        return self.title or summary(self.content, limit=80) or f"#{self.pk}"

    def save(self, *args, **kwargs):
        self.title = nfc(self.title).strip()
        self.content = clean_html(self.content)
        super().save(*args, **kwargs)


class QuestionTag(TaggedItemBase):
    content_object = ParentalKey(
        "question_bank.Question", on_delete=models.CASCADE, related_name="tagged_items"
    )


HTML_HELP = _(
    "HTML đơn giản; công thức LaTeX đặt trong \\( … \\) hoặc \\[ … \\]; "
    "hoá học dùng <sub>, <sup> (H<sub>2</sub>O)."
)


class Question(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    bank = models.ForeignKey(
        QuestionBank,
        on_delete=models.PROTECT,
        related_name="questions",
        verbose_name=_("ngân hàng"),
    )
    stimulus = models.ForeignKey(
        Stimulus,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("ngữ liệu chung (câu hỏi chùm)"),
    )
    qtype = models.CharField(_("dạng câu hỏi"), max_length=30, choices=QTYPE_CHOICES)
    stem = models.TextField(_("nội dung câu hỏi"), help_text=HTML_HELP)
    solution = models.TextField(_("lời giải"), blank=True)
    general_feedback = models.TextField(_("nhận xét chung"), blank=True)
    marking_guide = models.TextField(_("hướng dẫn chấm (tự luận)"), blank=True)
    numeric_answer = models.CharField(
        _("đáp án số"), max_length=30, blank=True, help_text=_("Dùng dấu phẩy thập phân: -1,5")
    )
    tolerance = models.FloatField(_("sai số cho phép"), default=0)
    case_sensitive = models.BooleanField(_("phân biệt chữ hoa/thường"), default=False)
    blanks = models.JSONField(_("chỗ trống (điền khuyết)"), default=list, blank=True)
    points = models.DecimalField(
        _("điểm mặc định"), max_digits=6, decimal_places=3, null=True, blank=True
    )
    part = models.PositiveSmallIntegerField(
        _("phần (định dạng 2025)"),
        null=True,
        blank=True,
        choices=[(1, _("Phần I")), (2, _("Phần II")), (3, _("Phần III"))],
    )

    subject = models.ForeignKey(
        "curriculum.Subject",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("môn học"),
    )
    grade = models.PositiveSmallIntegerField(
        _("khối"), choices=GRADE_CHOICES, validators=GRADE_VALIDATORS, null=True, blank=True
    )
    topic = models.ForeignKey(
        "curriculum.Topic",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("chương/chủ đề"),
    )
    outcome = models.ForeignKey(
        "curriculum.LearningOutcome",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("yêu cầu cần đạt"),
    )
    level = models.ForeignKey(
        CognitiveLevel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("mức độ nhận thức"),
    )
    difficulty = models.FloatField(
        _("độ khó ước lượng (0–1)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    tags = ClusterTaggableManager(through=QuestionTag, blank=True, verbose_name=_("thẻ"))
    source = models.CharField(_("nguồn"), max_length=255, blank=True)
    source_id = models.CharField(_("mã trong nguồn"), max_length=255, blank=True)
    # The import that created the question, so its job page links to what it saved.
    import_job = models.ForeignKey(
        "ImportJob",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="questions",
        verbose_name=_("lượt nhập"),
    )
    licence = models.CharField(
        _("giấy phép"), max_length=20, choices=Licence.choices, default=Licence.SCHOOL
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="authored_questions",
        verbose_name=_("tác giả"),
    )
    keep_option_order = models.BooleanField(_("giữ nguyên thứ tự phương án"), default=False)
    keep_position = models.BooleanField(_("giữ cố định vị trí câu"), default=False)
    shuffle_statements = models.BooleanField(_("cho phép đảo mệnh đề Đúng/Sai"), default=True)
    needs_review = models.TextField(_("cần kiểm tra"), blank=True)

    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    fingerprint = models.CharField(
        _("dấu vân tay (phát hiện trùng)"),
        max_length=64,
        blank=True,
        db_index=True,
        editable=False,
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    content_panels = [
        FieldRowPanel([FieldPanel("bank"), FieldPanel("qtype"), FieldPanel("part")]),
        FieldPanel("stimulus"),
        FieldPanel("stem"),
        InlinePanel("choices", heading=_("Phương án / mệnh đề / đáp án"), label=_("mục")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("numeric_answer"), FieldPanel("tolerance")]),
                FieldPanel("case_sensitive"),
                FieldPanel("blanks"),
            ],
            heading=_("Đáp án theo dạng"),
        ),
        FieldPanel("solution"),
        FieldPanel("general_feedback"),
        FieldPanel("marking_guide"),
    ]
    metadata_panels = [
        FieldRowPanel([FieldPanel("subject"), FieldPanel("grade")]),
        FieldPanel("topic"),
        FieldPanel("outcome"),
        FieldRowPanel([FieldPanel("level"), FieldPanel("difficulty"), FieldPanel("points")]),
        FieldPanel("tags"),
        FieldRowPanel([FieldPanel("source"), FieldPanel("licence")]),
        FieldPanel("author"),
        FieldRowPanel(
            [
                FieldPanel("keep_option_order"),
                FieldPanel("keep_position"),
                FieldPanel("shuffle_statements"),
            ]
        ),
        HelpPanel(
            content=_(
                "Câu hỏi đã duyệt và đã dùng trong đề không bị sửa trực tiếp: mỗi lần duyệt "
                "tạo một phiên bản mới, đề cũ giữ phiên bản của mình."
            )
        ),
        FieldPanel("needs_review"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Nội dung")),
            ObjectList(metadata_panels, heading=_("Thông tin")),
        ]
    )

    search_fields = [
        index.SearchField("stem_text", boost=2),
        index.SearchField("choices_text"),
        index.SearchField("search_companion"),
        index.AutocompleteField("stem_text"),
        index.FilterField("bank"),
        index.FilterField("qtype"),
        index.FilterField("status"),
        index.FilterField("subject"),
        index.FilterField("grade"),
        index.FilterField("topic"),
        index.FilterField("level"),
        index.FilterField("author"),
        index.FilterField("live"),
    ]

    class Meta:
        verbose_name = _("câu hỏi")
        verbose_name_plural = _("câu hỏi")
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["bank", "status"]),
            models.Index(fields=["subject", "grade", "topic"]),
        ]

    def __str__(self):
        # Admin lists and choosers print this: formulas as Unicode text, never raw TeX.
        return summary(self.stem, limit=90) or f"#{self.pk}"

    # --- text helpers -------------------------------------------------------------------
    def stem_text(self) -> str:
        return plain_text(self.stem)

    def choices_text(self) -> str:
        return " ".join(plain_text(c.text) + " " + plain_text(c.match) for c in self.choices.all())

    def search_companion(self) -> str:
        # Indexing asks for it once per field and backend; compute it once per instance.
        key = (self.stem, self.updated_at)
        cached = getattr(self, "_companion_cache", None)
        if cached is None or cached[0] != key:
            cached = (key, search_companion(self.stem_text(), self.choices_text()))
            self._companion_cache = cached
        return cached[1]

    def compute_fingerprint(self) -> str:
        return fingerprint(self.stem, (c.text for c in self.choices.all()))

    def clean(self):
        super().clean()
        if self.level_id and self.bank_id and self.level.scale_id != self.bank.scale_id:
            raise ValidationError(
                {
                    "level": _("Mức độ phải thuộc thang mức độ của ngân hàng (%(scale)s).")
                    % {"scale": self.bank.scale}
                }
            )
        if self.outcome_id and self.topic_id and self.outcome.lesson.topic_id != self.topic_id:
            raise ValidationError(
                {"outcome": _("Yêu cầu cần đạt không thuộc chương/chủ đề đã chọn.")}
            )

    def save(self, *args, **kwargs):
        for name in ("stem", "solution", "general_feedback", "marking_guide"):
            setattr(self, name, clean_html(getattr(self, name)))
        self.numeric_answer = nfc(self.numeric_answer).strip()
        self.source = nfc(self.source).strip()
        if self.topic_id and not self.subject_id:
            self.subject_id = self.topic.subject_id
            self.grade = self.grade or self.topic.grade
        super().save(*args, **kwargs)

    # --- Wagtail ------------------------------------------------------------------------
    def get_preview_template(self, request, mode_name):
        return "question_bank/question_preview.html"

    def get_preview_context(self, request, mode_name):
        from question_bank.rendering import question_context

        context = super().get_preview_context(request, mode_name)
        context.update(question_context(self, show_key=mode_name == "key"))
        return context

    @property
    def preview_modes(self):
        return [("", _("Như học sinh thấy")), ("key", _("Kèm đáp án và lời giải"))]

    @property
    def latest_version(self):
        return self.versions.order_by("-number").first()


class Choice(Orderable):
    """An option, a Đúng/Sai statement, an accepted answer, an ordering item or a matching pair."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.TextField(_("nội dung"), blank=True)
    correct = models.BooleanField(_("đúng"), default=False)
    fraction = models.DecimalField(
        _("tỉ lệ điểm"), max_digits=6, decimal_places=4, null=True, blank=True
    )
    feedback = models.TextField(_("phản hồi"), blank=True)
    fixed = models.BooleanField(_("giữ vị trí khi đảo"), default=False)
    match = models.TextField(_("vế ghép (ghép nối)"), blank=True)
    ident = models.CharField(max_length=100, blank=True)

    panels = [
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("correct"), FieldPanel("fixed"), FieldPanel("fraction")]),
        FieldPanel("match"),
        FieldPanel("feedback"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("phương án")
        verbose_name_plural = _("phương án")

    def save(self, *args, **kwargs):
        self.text = clean_html(self.text)
        self.feedback = clean_html(self.feedback)
        self.match = clean_html(self.match)
        super().save(*args, **kwargs)


class QuestionImage(models.Model):
    """An image carried by a question: validated and resized with Pillow, stored once per content."""

    bank = models.ForeignKey(
        QuestionBank, on_delete=models.CASCADE, related_name="images", verbose_name=_("ngân hàng")
    )
    # Public by path: question HTML embeds the URL and is shown wherever the question is
    # (lessons, exams, printed papers); the name is the content's hash plus a random part.
    file = models.FileField(storage=public_storage, upload_to="question_images/%Y/%m")
    sha256 = models.CharField(max_length=64, db_index=True)
    original_name = models.CharField(max_length=255, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ảnh câu hỏi")
        verbose_name_plural = _("ảnh câu hỏi")
        constraints = [
            models.UniqueConstraint(fields=["bank", "sha256"], name="uniq_image_per_bank")
        ]

    def __str__(self):
        return self.original_name or self.sha256[:12]


class QuestionVersion(models.Model):
    """An immutable snapshot of an approved question; papers and attempts point here."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("phiên bản"))
    data = models.JSONField(_("nội dung"))
    content_hash = models.CharField(max_length=64)
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("phiên bản câu hỏi")
        verbose_name_plural = _("phiên bản câu hỏi")
        ordering = ["question", "number"]
        constraints = [
            models.UniqueConstraint(fields=["question", "number"], name="uniq_question_version")
        ]

    def __str__(self):
        return f"{self.question_id} v{self.number}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(
                _("Phiên bản câu hỏi đã duyệt không được sửa; hãy tạo phiên bản mới.")
            )
        self.content_hash = self.hash_of(self.data)
        super().save(*args, **kwargs)

    @staticmethod
    def hash_of(data: dict) -> str:
        return hashlib.sha256(
            json.dumps(data, sort_keys=True, ensure_ascii=False).encode()
        ).hexdigest()


QTYPE_WITH_CHOICES = {
    QType.SINGLE_CHOICE,
    QType.MULTIPLE_RESPONSE,
    QType.TRUE_FALSE,
    QType.SHORT_TEXT,
    QType.MATCHING,
    QType.ORDERING,
}


# The assembly tables (matrix, papers) and the import jobs belong to this app: importing
# them registers them.
from question_bank.assembly.models import (  # noqa: E402, F401
    ExamMatrix,
    MatrixCell,
    Paper,
    PaperItem,
    PaperVariant,
)
from question_bank.import_jobs import ImportJob  # noqa: E402, F401
