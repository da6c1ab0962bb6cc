"""The search documents: one flat row per thing the search box finds.

Lessons, e-lectures, library items and questions live in different tables with different
rules. Each gets one :class:`SearchDocument` holding the text to match and, as plain
columns, everything the query filters or counts on: kind, subject, grades, type, level,
licence, the sharing area and, for questions, the bank and review state. So one index
ranks them together, facets count them in one request, and the permission rules run
inside the query (see ``search.permissions.search_document_q``). Documents are written by
``search.documents.document_sync`` (through Celery when content changes) and indexed by
modelsearch like any other model.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelsearch import index

from common.vietnamese import fold


class DocumentKind(models.TextChoices):
    LESSON = "lesson", _("Bài học")
    ELECTURE = "electure", _("Bài giảng điện tử")
    LIBRARY = "library", _("Thư viện")
    QUESTION = "question", _("Câu hỏi")


class Audience(models.TextChoices):
    MATERIAL = "material", _("Học liệu đã xuất bản")
    QUESTION = "question", _("Ngân hàng câu hỏi")


class SearchDocument(index.Indexed, models.Model):
    kind = models.CharField(_("loại"), max_length=10, choices=DocumentKind.choices)
    source_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    source_id = models.PositiveBigIntegerField()
    url = models.CharField(max_length=300)
    title = models.CharField(_("tiêu đề"), max_length=500)
    body = models.TextField(_("nội dung"), blank=True)
    # The folded text and accented tone keys (common.vietnamese.search_companion).
    title_keys = models.TextField(blank=True)
    body_keys = models.TextField(blank=True)
    # Folded title, subject and topics: what the search box completes.
    suggest = models.CharField(max_length=600, blank=True)
    subject_id = models.PositiveIntegerField(null=True, blank=True)
    subject_name = models.CharField(max_length=100, blank=True)
    grade_min = models.PositiveSmallIntegerField(null=True, blank=True)
    grade_max = models.PositiveSmallIntegerField(null=True, blank=True)
    resource_type = models.CharField(_("dạng"), max_length=30, blank=True)
    level = models.CharField(_("mức độ"), max_length=40, blank=True)
    licence = models.CharField(_("giấy phép"), max_length=40, blank=True)
    # Who may find it (the rules are in search.permissions.search_document_q).
    audience = models.CharField(max_length=10, choices=Audience.choices)
    scope = models.CharField(max_length=10, blank=True)
    school_id = models.PositiveIntegerField(null=True, blank=True)
    district_office_id = models.PositiveIntegerField(null=True, blank=True)
    department_id = models.PositiveIntegerField(null=True, blank=True)
    bank_id = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=20, blank=True)
    live = models.BooleanField(default=True)
    created_at = models.DateTimeField()
    popularity = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    # Written and indexed explicitly by search.documents, never by modelsearch's signals.
    search_auto_update = False
    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("title_keys", boost=3),
        index.SearchField("body"),
        index.SearchField("body_keys"),
        index.AutocompleteField("suggest"),
        index.FilterField("id"),
        index.FilterField("kind"),
        index.FilterField("subject_id"),
        index.FilterField("grade_min"),
        index.FilterField("grade_max"),
        index.FilterField("resource_type"),
        index.FilterField("level"),
        index.FilterField("licence"),
        index.FilterField("audience"),
        index.FilterField("scope"),
        index.FilterField("school_id"),
        index.FilterField("district_office_id"),
        index.FilterField("department_id"),
        index.FilterField("bank_id"),
        index.FilterField("status"),
        index.FilterField("live"),
        index.FilterField("created_at"),
        index.FilterField("popularity"),
        index.FilterField("collection_ids"),
        index.FilterField("grades"),
    ]

    class Meta:
        verbose_name = _("tài liệu tìm kiếm")
        verbose_name_plural = _("tài liệu tìm kiếm")
        constraints = [
            models.UniqueConstraint(
                fields=["source_type", "source_id"], name="search_document_unique_source"
            )
        ]
        indexes = [models.Index(fields=["kind", "audience"])]

    def __str__(self):
        return self.title

    def grades(self) -> list[int]:
        """Every grade the document spans (a multi-valued facet on the search engines)."""
        if self.grade_min is None or self.grade_max is None:
            return []
        return list(range(self.grade_min, self.grade_max + 1))

    def collection_ids(self) -> list[int]:
        """Collections the document is in (a multi-valued facet on the search engines)."""
        cached = getattr(self, "_collection_ids", None)
        if cached is None:
            cached = [m.collection_id for m in self.memberships.all()]
        return cached


class SearchDocumentCollection(models.Model):
    """A library collection a document belongs to (facet and filter ``collection``)."""

    document = models.ForeignKey(
        SearchDocument, on_delete=models.CASCADE, related_name="memberships"
    )
    collection_id = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["document", "collection_id"], name="search_document_collection_unique"
            )
        ]
        indexes = [models.Index(fields=["collection_id"])]

    def __str__(self):
        return f"{self.document_id} ∈ {self.collection_id}"


class SearchTerm(models.Model):
    """A folded word of the indexed text with its document frequency: the vocabulary that
    corrects typos in queries (search.spelling). Suggestions come from one of two
    vocabularies, so a word is never offered to someone who may not see where it is
    written: ``public_frequency`` counts published public materials (for everyone),
    ``staff_frequency`` every published material and the approved questions of shared,
    non-confidential banks (for staff who search the bank)."""

    word = models.CharField(max_length=40, primary_key=True)
    frequency = models.PositiveIntegerField(default=0)
    public_frequency = models.PositiveIntegerField(default=0)
    staff_frequency = models.PositiveIntegerField(default=0)

    def __str__(self):
        return self.word


class Abbreviation(models.Model):
    """An abbreviation teachers and students write ("BĐT") and the phrases it stands for
    ("bất đẳng thức"): a search for either finds both (``search.synonyms``). Librarians
    and department admins extend the list in the admin; the first list comes from
    ``search/data/abbreviations.yaml``."""

    abbreviation = models.CharField(
        _("từ viết tắt"),
        max_length=40,
        help_text=_(
            "Như giáo viên viết, ví dụ BĐT, HPT, CTPT (chữ hoa hay thường, có dấu hay "
            "không đều như nhau khi tìm)."
        ),
    )
    # The folded abbreviation ("bdt"): what a query word is compared with, unique.
    key = models.CharField(max_length=40, unique=True, editable=False)
    expansions = models.TextField(
        _("viết đầy đủ"),
        help_text=_("Mỗi dòng một cụm từ mà từ viết tắt thay cho, ví dụ “bất đẳng thức”."),
    )
    subject = models.CharField(
        _("môn"), max_length=100, blank=True, help_text=_("Để trống nếu dùng cho mọi môn.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("từ viết tắt")
        verbose_name_plural = _("từ viết tắt")
        ordering = ["key"]

    def __str__(self):
        return self.abbreviation

    def clean(self):
        self.key = "".join(fold(self.abbreviation).split())
        if not self.key.isalnum():
            raise ValidationError(
                {"abbreviation": _("Từ viết tắt chỉ gồm chữ và số, không có dấu cách.")}
            )
        if not self.expansion_list():
            raise ValidationError({"expansions": _("Cần ít nhất một cụm từ viết đầy đủ.")})
        taken = Abbreviation.objects.filter(key=self.key).exclude(pk=self.pk).first()
        if taken:
            raise ValidationError(
                {
                    "abbreviation": _("Đã có từ viết tắt “%(abbreviation)s”: hãy thêm vào đó.")
                    % {"abbreviation": taken.abbreviation}
                }
            )

    def expansion_list(self) -> list[str]:
        """The phrases, one per non-empty line."""
        return [line.strip() for line in self.expansions.splitlines() if line.strip()]
