"""The GDPT 2018 curriculum tree: subject → topic/chapter (per grade) → lesson → learning
outcome (yêu cầu cần đạt). Everything else in hoclieu tags against these rows by id.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from common.vietnamese import search_companion

GRADE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(12)]
GRADE_CHOICES = [(g, _("Lớp %(grade)d") % {"grade": g}) for g in range(1, 13)]


class Subject(models.Model):
    code = models.SlugField(_("mã môn"), max_length=40, unique=True)
    name = models.CharField(_("tên môn"), max_length=100)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=100, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("môn học")
        verbose_name_plural = _("môn học")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Topic(index.Indexed, ClusterableModel):
    """A chapter or topic (chương/chủ đề) of one subject in one grade."""

    subject = models.ForeignKey(
        Subject, on_delete=models.PROTECT, related_name="topics", verbose_name=_("môn học")
    )
    grade = models.PositiveSmallIntegerField(
        _("khối"), choices=GRADE_CHOICES, validators=GRADE_VALIDATORS
    )
    code = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên chương/chủ đề"), max_length=255)
    textbook = models.CharField(_("bộ sách"), max_length=120, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    panels = [
        MultiFieldPanel(
            [FieldPanel("subject"), FieldPanel("grade"), FieldPanel("code"), FieldPanel("name")],
            heading=_("Chương/chủ đề"),
        ),
        FieldPanel("textbook"),
        FieldPanel("sort_order"),
        InlinePanel("lessons", heading=_("Bài học"), label=_("bài")),
    ]
    search_fields = [
        index.SearchField("name", boost=2),
        index.SearchField("search_companion"),
        index.AutocompleteField("name"),
        index.FilterField("subject"),
        index.FilterField("grade"),
    ]

    class Meta:
        verbose_name = _("chương/chủ đề")
        verbose_name_plural = _("chương trình (chương/chủ đề)")
        ordering = ["subject__sort_order", "grade", "sort_order"]
        indexes = [models.Index(fields=["subject", "grade", "sort_order"])]

    def __str__(self):
        return f"{self.subject} {self.grade} – {self.name}"

    def search_companion(self) -> str:
        return search_companion(self.name)


class CurriculumLesson(ClusterableModel, Orderable):
    """A lesson (bài) of the approved textbook, inside a topic."""

    topic = ParentalKey(
        Topic, on_delete=models.CASCADE, related_name="lessons", verbose_name=_("chương/chủ đề")
    )
    code = models.SlugField(_("mã"), max_length=80, unique=True)
    name = models.CharField(_("tên bài"), max_length=255)

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        InlinePanel("outcomes", heading=_("Yêu cầu cần đạt"), label=_("yêu cầu")),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("bài học")
        verbose_name_plural = _("bài học")

    def __str__(self):
        return self.name


class LearningOutcome(Orderable):
    """One "yêu cầu cần đạt" of a lesson."""

    lesson = ParentalKey(
        CurriculumLesson,
        on_delete=models.CASCADE,
        related_name="outcomes",
        verbose_name=_("bài học"),
    )
    code = models.SlugField(_("mã"), max_length=90, unique=True)
    text = models.TextField(_("yêu cầu cần đạt"))

    panels = [FieldPanel("code"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("yêu cầu cần đạt")
        verbose_name_plural = _("yêu cầu cần đạt")

    def __str__(self):
        return self.text[:80]
