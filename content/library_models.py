"""The smart e-library (thư viện điện tử): items with Dublin Core metadata, curated
collections and the takedown record.

Items are Wagtail snippets with drafts, revisions and the curation workflow: a teacher
saves and submits, a librarian approves, and approval publishes (``live``). The file is
kept in private storage (``common.storage``, outside MEDIA_ROOT) and served through a
view that checks permission; the cover and extracted text are made by a Celery task
(``content.tasks.library_item_process``).
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import (
    AbstractGroupApprovalTask,
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

# PrivateStorage: named by migration 0003 (the library's file field before common.storage).
from common.storage import PrivateStorage, private_storage, public_storage  # noqa: F401
from common.vietnamese import search_companion
from content.sharing import SharedMaterial

GRADE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(12)]


class ResourceType(models.TextChoices):
    TEXTBOOK = "textbook", _("Sách giáo khoa điện tử")
    REFERENCE = "reference", _("Sách tham khảo")
    DOCUMENT = "document", _("Tài liệu")
    VIDEO = "video", _("Video")
    AUDIO = "audio", _("Âm thanh")
    IMAGE = "image", _("Hình ảnh")
    LINK = "link", _("Liên kết")
    PACKAGE = "package", _("Gói bài giảng (SCORM/H5P)")


# Dublin Core type vocabulary (DCMI Type) for each resource type, used by OAI-PMH.
DCMI_TYPES = {
    ResourceType.TEXTBOOK: "Text",
    ResourceType.REFERENCE: "Text",
    ResourceType.DOCUMENT: "Text",
    ResourceType.VIDEO: "MovingImage",
    ResourceType.AUDIO: "Sound",
    ResourceType.IMAGE: "StillImage",
    ResourceType.LINK: "InteractiveResource",
    ResourceType.PACKAGE: "InteractiveResource",
}


class Processing(models.TextChoices):
    NONE = "none", _("Không cần xử lý")
    PENDING = "pending", _("Đang xử lý")
    READY = "ready", _("Đã xử lý")
    FAILED = "failed", _("Xử lý lỗi")


def isbn_normalise(value: str) -> str:
    return re.sub(r"[\s-]", "", value or "").upper()


def validate_isbn(value: str) -> None:
    """ISBN-10 or ISBN-13 with a correct check digit."""
    digits = isbn_normalise(value)
    ok = False
    if re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        ok = total % 11 == 0
    elif re.fullmatch(r"97[89]\d{10}", digits):
        total = sum((1 if i % 2 == 0 else 3) * int(c) for i, c in enumerate(digits))
        ok = total % 10 == 0
    if not ok:
        raise ValidationError(
            _("ISBN “%(value)s” không hợp lệ (sai độ dài hoặc chữ số kiểm tra)."),
            params={"value": value},
        )


def library_upload_to(instance, filename):
    return f"library/{filename}"


class LibraryItem(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    SharedMaterial,
    index.Indexed,
    ClusterableModel,
):
    # Dublin Core: title, creator, publisher, date, identifier, subject, type, language,
    # rights, description; plus the curriculum mapping.
    title = models.CharField(_("nhan đề"), max_length=300)
    authors = models.TextField(
        _("tác giả"), blank=True, help_text=_("Mỗi dòng một tác giả (Họ và tên).")
    )
    publisher = models.CharField(_("nhà xuất bản"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(
        _("năm xuất bản"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    isbn = models.CharField(_("ISBN"), max_length=20, blank=True, validators=[validate_isbn])
    resource_type = models.CharField(
        _("loại tài nguyên"), max_length=12, choices=ResourceType.choices, db_index=True
    )
    language = models.CharField(
        _("ngôn ngữ"),
        max_length=8,
        default="vi",
        help_text=_("Mã ngôn ngữ ISO 639-1, ví dụ vi, en."),
    )
    description = models.TextField(_("mô tả"), blank=True)
    subject = models.ForeignKey(
        "curriculum.Subject",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="library_items",
        verbose_name=_("môn học"),
    )
    grade_min = models.PositiveSmallIntegerField(
        _("từ lớp"), null=True, blank=True, validators=GRADE_VALIDATORS
    )
    grade_max = models.PositiveSmallIntegerField(
        _("đến lớp"), null=True, blank=True, validators=GRADE_VALIDATORS
    )
    topics = ParentalManyToManyField(
        "curriculum.Topic", blank=True, related_name="library_items", verbose_name=_("chủ đề")
    )
    curriculum_lessons = ParentalManyToManyField(
        "curriculum.CurriculumLesson",
        blank=True,
        related_name="library_items",
        verbose_name=_("bài trong chương trình"),
    )
    outcomes = ParentalManyToManyField(
        "curriculum.LearningOutcome",
        blank=True,
        related_name="library_items",
        verbose_name=_("yêu cầu cần đạt"),
    )
    file = models.FileField(
        _("tệp"), storage=private_storage, upload_to=library_upload_to, blank=True, max_length=255
    )
    external_url = models.URLField(_("đường dẫn ngoài"), blank=True)
    # An e-lecture package played in place from the content origin (resource type
    # "Gói bài giảng"); its rules are the package's own (content.permissions).
    package = models.ForeignKey(
        "content.ElearningPackage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="library_items",
        verbose_name=_("gói bài giảng"),
    )
    file_kind = models.CharField(_("định dạng"), max_length=10, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(_("dung lượng (byte)"), default=0, editable=False)
    # Covers are shown on listings and cards, so they are public by path, under a name with
    # a random part (``PublicMediaStorage``): the cover of an item one may not see cannot be
    # found by its id.
    cover = models.ImageField(
        _("ảnh bìa"),
        storage=public_storage,
        upload_to="library/covers/",
        blank=True,
        max_length=255,
    )
    full_text = models.TextField(_("văn bản trích xuất"), blank=True, editable=False)
    page_count = models.PositiveIntegerField(_("số trang"), null=True, blank=True, editable=False)
    processing = models.CharField(
        _("xử lý tệp"),
        max_length=10,
        choices=Processing.choices,
        default=Processing.NONE,
        editable=False,
    )
    processing_error = models.TextField(_("lỗi xử lý"), blank=True, editable=False)
    download_count = models.PositiveIntegerField(_("lượt tải"), default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="library_items",
        verbose_name=_("người đăng"),
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldPanel("authors"),
                FieldRowPanel([FieldPanel("publisher"), FieldPanel("year"), FieldPanel("isbn")]),
                FieldRowPanel([FieldPanel("resource_type"), FieldPanel("language")]),
                FieldPanel("description"),
            ],
            heading=_("Thông tin (Dublin Core)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("file"),
                FieldPanel("external_url"),
                FieldPanel("package"),
                FieldPanel("cover"),
            ],
            heading=_("Tệp hoặc liên kết"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("subject"),
                FieldRowPanel([FieldPanel("grade_min"), FieldPanel("grade_max")]),
                FieldPanel("topics"),
                FieldPanel("curriculum_lessons"),
                FieldPanel("outcomes"),
            ],
            heading=_("Chương trình GDPT 2018"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("scope"),
                FieldPanel("licence"),
                FieldPanel("school"),
                FieldPanel("district_office"),
                FieldPanel("department"),
            ],
            heading=_("Chia sẻ và giấy phép"),
        ),
    ]
    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("authors"),
        # Found by the admin's search box as well (content.wagtail_hooks.LibraryItemViewSet).
        index.SearchField("publisher"),
        index.SearchField("isbn"),
        index.SearchField("description"),
        index.SearchField("full_text"),
        index.SearchField("search_companion"),
        index.AutocompleteField("title"),
        # The admin narrows its searches by the permission rules, which filter on the id.
        index.FilterField("id"),
        index.FilterField("live"),
        index.FilterField("resource_type"),
        index.FilterField("subject"),
        index.FilterField("grade_min"),
        index.FilterField("grade_max"),
        index.FilterField("scope"),
        index.FilterField("school"),
        index.FilterField("district_office"),
        index.FilterField("department"),
        index.FilterField("licence"),
        index.FilterField("language"),
        index.FilterField("created_by"),
    ]

    class Meta:
        verbose_name = _("tài nguyên thư viện")
        verbose_name_plural = _("thư viện điện tử")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["live", "scope"]),
            models.Index(fields=["subject", "grade_min", "grade_max"]),
            models.Index(fields=["last_published_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(grade_min__isnull=True)
                | models.Q(grade_max__isnull=True)
                | models.Q(grade_min__lte=models.F("grade_max")),
                name="library_item_grade_range",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("library_item", args=[self.pk])

    def clean(self):
        super().clean()
        errors = {}
        if self.isbn:
            self.isbn = isbn_normalise(self.isbn)
        if self.grade_min and not self.grade_max:
            self.grade_max = self.grade_min
        if self.grade_max and not self.grade_min:
            self.grade_min = self.grade_max
        if self.grade_min and self.grade_max and self.grade_min > self.grade_max:
            errors["grade_max"] = _("“Đến lớp” phải lớn hơn hoặc bằng “Từ lớp”.")
        if self.resource_type == ResourceType.PACKAGE:
            if not self.package_id:
                errors["package"] = _("Tài nguyên loại “Gói bài giảng” cần chọn một gói.")
        elif not self.file and not self.external_url:
            errors["file"] = _("Cần tải lên một tệp hoặc nhập đường dẫn ngoài.")
        if self.resource_type == "link" and not self.external_url:
            errors["external_url"] = _("Tài nguyên loại “Liên kết” cần đường dẫn.")
        if errors:
            raise ValidationError(errors)
        self.clean_scope()

    @cached_property
    def author_list(self) -> list[str]:
        return [a.strip() for a in self.authors.splitlines() if a.strip()]

    @property
    def grade_label(self) -> str:
        if not self.grade_min:
            return ""
        if self.grade_min == self.grade_max:
            return _("Lớp %(g)d") % {"g": self.grade_min}
        return _("Lớp %(a)d–%(b)d") % {"a": self.grade_min, "b": self.grade_max}

    @property
    def readable(self) -> bool:
        return self.file_kind in ("pdf", "epub")

    def search_companion(self) -> str:
        return search_companion(self.title, " ".join(self.author_list), self.description)

    def get_preview_template(self, request, mode_name):
        return "content/library/item_preview.html"

    def get_preview_context(self, request, mode_name):
        return {"item": self, "preview": True}


class CollectionKind(models.TextChoices):
    FEATURED = "featured", _("Kệ sách nổi bật")
    NEW = "new", _("Mới cập nhật")
    READING_LIST = "reading", _("Danh mục đọc theo khối")
    TOPIC = "topic", _("Bộ sưu tập chủ đề")


class LibraryCollection(ClusterableModel):
    """A shelf curated by librarians: featured, new arrivals, a reading list for a grade."""

    name = models.CharField(_("tên bộ sưu tập"), max_length=200)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True)
    kind = models.CharField(
        _("loại"), max_length=10, choices=CollectionKind.choices, default=CollectionKind.TOPIC
    )
    grade = models.PositiveSmallIntegerField(
        _("khối"), null=True, blank=True, validators=GRADE_VALIDATORS
    )
    description = models.TextField(_("mô tả"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    oai_set = models.BooleanField(
        _("cho phép thu thập (OAI-PMH set)"),
        default=True,
        help_text=_("Bộ sưu tập là một set khi các hệ thống khác thu thập qua OAI-PMH."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("grade"), FieldPanel("sort_order")]),
        FieldPanel("description"),
        FieldPanel("oai_set"),
        InlinePanel("entries", heading=_("Tài nguyên"), label=_("tài nguyên")),
    ]

    class Meta:
        verbose_name = _("bộ sưu tập")
        verbose_name_plural = _("bộ sưu tập")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("library_collection", args=[self.slug])


class CollectionEntry(Orderable):
    collection = ParentalKey(LibraryCollection, on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey(
        LibraryItem, on_delete=models.CASCADE, related_name="entries", verbose_name=_("tài nguyên")
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    panels = [FieldPanel("item"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("tài nguyên trong bộ sưu tập")
        constraints = [
            models.UniqueConstraint(fields=["collection", "item"], name="uniq_collection_item")
        ]


class Takedown(models.Model):
    """A published material withdrawn by a librarian: who, when, why. Kept when the
    material is restored (``restored_at``) so the audit trail stays whole."""

    library_item = models.ForeignKey(
        LibraryItem,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="takedowns",
        verbose_name=_("tài nguyên thư viện"),
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trang học liệu"),
    )
    title = models.CharField(_("nhan đề lúc gỡ"), max_length=300)
    reason = models.TextField(_("lý do gỡ"))
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "Phiên bản đang xuất bản lúc gỡ; khôi phục là xuất bản lại đúng phiên bản này."
        ),
        verbose_name=_("bản lưu lúc gỡ"),
    )
    taken_down_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("người gỡ"),
    )
    taken_down_at = models.DateTimeField(_("thời điểm gỡ"), auto_now_add=True)
    restored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người khôi phục"),
    )
    restored_at = models.DateTimeField(_("thời điểm khôi phục"), null=True, blank=True)

    class Meta:
        verbose_name = _("lần gỡ học liệu")
        verbose_name_plural = _("nhật ký gỡ học liệu")
        ordering = ["-taken_down_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(library_item__isnull=False, page__isnull=True)
                | models.Q(library_item__isnull=True, page__isnull=False),
                name="takedown_one_target",
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.taken_down_at:%d/%m/%Y})"


class CurationTask(AbstractGroupApprovalTask):
    """Approval by curators (librarians and admins) of the material's own area only.

    Like Wagtail's group approval, but a librarian of one school never approves, locks or
    sees in their queue what another school submitted: the area rule is the one in
    :func:`content.permissions.can_curate`.
    """

    def _may(self, obj, user) -> bool:
        from content.permissions import can_curate

        if user.is_superuser:
            return True
        target = obj.specific if hasattr(obj, "specific") else obj
        return self._user_in_groups(user) and can_curate(user, target)

    def user_can_access_editor(self, obj, user):
        return self._may(obj, user)

    def locked_for_user(self, obj, user):
        return not self._may(obj, user)

    def user_can_lock(self, obj, user):
        return self._may(obj, user)

    def get_actions(self, obj, user):
        return super().get_actions(obj, user) if self._may(obj, user) else []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if user.is_superuser:
            return states
        keep = [
            state.pk
            for state in states.select_related("workflow_state")
            if (obj := state.workflow_state.content_object) is not None and self._may(obj, user)
        ]
        return states.filter(pk__in=keep)

    @classmethod
    def get_description(cls):
        return _("Thủ thư hoặc quản trị của đúng trường/phòng/sở duyệt học liệu.")

    class Meta:
        verbose_name = _("bước duyệt học liệu")
        verbose_name_plural = _("bước duyệt học liệu")
