"""Ratings and comments on materials (pages and library items) from students and teachers.

One rating per person per material (changed in place); comments are kept, and a librarian
may hide one (``hidden``) without deleting what was said.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

_ONE_TARGET = models.Q(library_item__isnull=False, page__isnull=True) | models.Q(
    library_item__isnull=True, page__isnull=False
)


class Rating(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    library_item = models.ForeignKey(
        "content.LibraryItem",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="ratings",
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    stars = models.PositiveSmallIntegerField(
        _("số sao"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("đánh giá")
        verbose_name_plural = _("đánh giá")
        constraints = [
            models.CheckConstraint(condition=_ONE_TARGET, name="rating_one_target"),
            models.CheckConstraint(
                condition=models.Q(stars__gte=1, stars__lte=5), name="rating_stars_1_5"
            ),
            models.UniqueConstraint(
                fields=["user", "library_item"],
                condition=models.Q(library_item__isnull=False),
                name="uniq_rating_user_item",
            ),
            models.UniqueConstraint(
                fields=["user", "page"],
                condition=models.Q(page__isnull=False),
                name="uniq_rating_user_page",
            ),
        ]

    def __str__(self):
        return f"{self.stars}★"


class Comment(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    library_item = models.ForeignKey(
        "content.LibraryItem",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("nhận xét"), max_length=2000)
    hidden = models.BooleanField(_("đã ẩn"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nhận xét")
        verbose_name_plural = _("nhận xét")
        ordering = ["-created_at"]
        constraints = [models.CheckConstraint(condition=_ONE_TARGET, name="comment_one_target")]
        indexes = [
            models.Index(fields=["library_item", "-created_at"]),
            models.Index(fields=["page", "-created_at"]),
        ]

    def __str__(self):
        return self.body[:60]
