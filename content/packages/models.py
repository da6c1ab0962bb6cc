"""An e-lecture package and its immutable versions.

A version's files are extracted once to private storage under ``storage_prefix``
(``packages/<sha256 of the archive>/``): never under MEDIA_ROOT, so no media path reaches
them; the content origin (``content.packages.origin``) serves them to a signed token.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    SCORM12 = "scorm12", _("SCORM 1.2")
    SCORM2004 = "scorm2004", _("SCORM 2004")
    H5P = "h5p", _("H5P")


class Status(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    PUBLISHED = "published", _("Đã xuất bản")


class ElearningPackage(models.Model):
    """One package (a SCORM course or an H5P content), with one or more versions."""

    title = models.CharField(_("tên"), max_length=255)
    description = models.TextField(_("mô tả"), blank=True)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="elearning_packages",
        verbose_name=_("người tải lên"),
    )
    school = models.ForeignKey(
        "accounts.School",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trường"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)
    current = models.ForeignKey(
        "PackageVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("phiên bản hiện hành"),
    )

    class Meta:
        verbose_name = _("gói bài giảng")
        verbose_name_plural = _("gói bài giảng (SCORM/H5P)")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED


class PackageVersion(models.Model):
    """One uploaded archive of a package, validated and extracted; never changed after."""

    package = models.ForeignKey(
        ElearningPackage,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("gói bài giảng"),
    )
    number = models.PositiveIntegerField(_("phiên bản"))
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    edition = models.CharField(
        _("phiên bản chuẩn"),
        max_length=40,
        blank=True,
        help_text=_("SCORM: 1.2, 2004 2nd/3rd/4th Edition; H5P: phiên bản coreApi cần có."),
    )
    content_hash = models.CharField(_("mã băm SHA-256"), max_length=64, db_index=True)
    storage_prefix = models.CharField(_("thư mục lưu"), max_length=200)
    launch = models.CharField(_("tệp khởi chạy"), max_length=1000, blank=True)
    structure = models.JSONField(_("cấu trúc"), default=dict, blank=True)
    file_count = models.PositiveIntegerField(_("số tệp"), default=0)
    size = models.PositiveBigIntegerField(_("dung lượng giải nén (byte)"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người tải lên"),
    )
    created_at = models.DateTimeField(_("ngày tải lên"), auto_now_add=True)

    class Meta:
        verbose_name = _("phiên bản gói bài giảng")
        verbose_name_plural = _("phiên bản gói bài giảng")
        ordering = ["package", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["package", "number"], name="uniq_package_version")
        ]

    def __str__(self):
        return f"{self.package.title} — phiên bản {self.number}"

    @property
    def scos(self) -> list[dict]:
        """SCORM: the table of contents (items that launch a SCO or an asset)."""
        return list(self.structure.get("scos", []))
