"""The GDPT 2018 curriculum tree and the CMS pages that hang off it.

Subject → topic/chapter (per grade) → lesson → learning outcome (yêu cầu cần đạt).
Everything else in hoclieu tags against these rows by id.
"""

from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from common.sharing import SharingScope
from common.vietnamese import search_companion
from content.blocks import ELectureStreamBlock, LessonStreamBlock
from content.forms import MaterialPageForm
from content.sharing import SharedMaterial
from curriculum.models import (
    GRADE_CHOICES,
    GRADE_VALIDATORS,
    CurriculumLesson,
    LearningOutcome,
    Subject,
    Topic,
)


class HomePage(Page):
    intro = RichTextField(_("giới thiệu"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["content.SubjectPage", "content.LessonPage", "content.ELecturePage"]
    max_count = 1

    class Meta:
        verbose_name = _("trang chủ")

    def get_context(self, request, *args, **kwargs):
        from content.permissions import visible_material_pages

        context = super().get_context(request, *args, **kwargs)
        context["lessons"] = (
            visible_material_pages(request.user, LessonPage)
            .select_related("subject")
            .order_by("-first_published_at")[:12]
        )
        context["electures"] = (
            visible_material_pages(request.user, ELecturePage)
            .select_related("subject")
            .order_by("-first_published_at")[:6]
        )
        context["hubs"] = SubjectPage.objects.live().child_of(self).select_related("subject")
        context["subjects"] = Subject.objects.annotate(topic_count=models.Count("topics"))
        return context


class SubjectPage(Page):
    """Hub of one subject (môn học), with one child hub per grade; made by ``hubs_sync``."""

    subject = models.OneToOneField(
        Subject, on_delete=models.PROTECT, related_name="hub", verbose_name=_("môn học")
    )
    intro = RichTextField(_("giới thiệu"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("subject"), FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.GradePage"]

    class Meta:
        verbose_name = _("trang môn học")
        verbose_name_plural = _("trang môn học")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["grades"] = GradePage.objects.live().child_of(self).order_by("grade")
        return context


class GradePage(Page):
    """Hub of one subject in one grade: the curriculum topics with their materials."""

    grade = models.PositiveSmallIntegerField(
        _("khối"), choices=GRADE_CHOICES, validators=GRADE_VALIDATORS
    )

    content_panels = [*Page.content_panels, FieldPanel("grade")]
    parent_page_types = ["content.SubjectPage"]
    subpage_types = ["content.LessonPage", "content.ELecturePage"]

    class Meta:
        verbose_name = _("trang khối lớp")
        verbose_name_plural = _("trang khối lớp")

    @property
    def subject(self):
        return self.get_parent().specific.subject

    def get_context(self, request, *args, **kwargs):
        from content.permissions import visible_library_items, visible_material_pages

        context = super().get_context(request, *args, **kwargs)
        subject = self.subject
        topics = list(
            Topic.objects.filter(subject=subject, grade=self.grade).prefetch_related("lessons")
        )
        lessons = visible_material_pages(request.user, LessonPage).filter(
            subject=subject, grade=self.grade
        )
        electures = visible_material_pages(request.user, ELecturePage).filter(
            subject=subject, grade=self.grade
        )
        by_lesson: dict[int | None, list] = {}
        for page in [*lessons, *electures]:
            by_lesson.setdefault(page.curriculum_lesson_id, []).append(page)
        for topic in topics:
            topic.entries = [
                (lesson, by_lesson.get(lesson.pk, [])) for lesson in topic.lessons.all()
            ]
        context["topics"] = topics
        context["unmapped"] = by_lesson.get(None, [])
        context["library_items"] = (
            visible_library_items(request.user)
            .filter(subject=subject)
            .filter(
                models.Q(grade_min__isnull=True)
                | models.Q(grade_min__lte=self.grade, grade_max__gte=self.grade)
            )
            .order_by("-first_published_at")[:12]
        )
        return context


class MaterialPage(SharedMaterial, Page):
    """What lessons and e-lectures share: curriculum mapping, scope, licence, feedback."""

    subject = models.ForeignKey(
        Subject,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("môn học"),
    )
    grade = models.PositiveSmallIntegerField(
        _("khối"), choices=GRADE_CHOICES, validators=GRADE_VALIDATORS, null=True, blank=True
    )
    curriculum_lesson = models.ForeignKey(
        CurriculumLesson,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bài trong chương trình"),
    )
    outcomes = ParentalManyToManyField(
        LearningOutcome,
        blank=True,
        related_name="+",
        verbose_name=_("yêu cầu cần đạt"),
        help_text=_("Để trống: bài học đáp ứng mọi yêu cầu cần đạt của bài trong chương trình."),
    )
    summary = models.CharField(_("tóm tắt"), max_length=300, blank=True)

    curriculum_panels = [
        MultiFieldPanel(
            [
                FieldPanel("subject"),
                FieldPanel("grade"),
                FieldPanel("curriculum_lesson"),
                FieldPanel("outcomes"),
            ],
            heading=_("Chương trình GDPT 2018"),
        ),
    ]
    # Filters the sharing rules and the hubs query with, on every search backend.
    material_index_fields = [
        index.SearchField("search_companion"),
        index.FilterField("subject"),
        index.FilterField("grade"),
        index.FilterField("scope"),
        index.FilterField("school"),
        index.FilterField("district_office"),
        index.FilterField("department"),
    ]
    sharing_panels = [
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

    # Embedded questions are checked against the editor's rights (content.forms).
    base_form_class = MaterialPageForm

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.curriculum_lesson_id:
            topic = self.curriculum_lesson.topic
            self.subject_id = self.subject_id or topic.subject_id
            self.grade = self.grade or topic.grade
        self.clean_scope()

    def full_clean(self, *args, **kwargs):
        # Wagtail calls full_clean on save; default the owning area from the author first.
        if self.owner_id and not (self.school_id or self.district_office_id or self.department_id):
            self.fill_area_from(self.owner)
        super().full_clean(*args, **kwargs)

    def permissions_for_user(self, user):
        """Wagtail's page permissions narrowed to the user's area: every admin view of the
        page (edit, preview, revisions, history, publish…) asks this tester."""
        from content.policy import MaterialPagePermissionTester

        return MaterialPagePermissionTester(user, self)

    def covered_outcomes(self):
        """The outcomes this material meets: its own list, else all of its lesson's."""
        chosen = list(self.outcomes.all())
        if chosen or not self.curriculum_lesson_id:
            return chosen
        return list(self.curriculum_lesson.outcomes.all())

    def get_context(self, request, *args, **kwargs):
        from content.feedback import feedback_context
        from content.signals import learner_context_for

        context = super().get_context(request, *args, **kwargs)
        context.update(feedback_context(request, page=self))
        context.update(learner_context_for(request, page=self))
        return context


class LessonPage(MaterialPage):
    """A published lesson (bài học) mapped to the curriculum."""

    body = StreamField(LessonStreamBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = [
        *Page.content_panels,
        *MaterialPage.curriculum_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        *MaterialPage.sharing_panels,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        *MaterialPage.material_index_fields,
    ]
    parent_page_types = ["content.HomePage", "content.GradePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("bài học")
        verbose_name_plural = _("bài học")

    def search_companion(self) -> str:
        return search_companion(self.title, self.summary)


class ELecturePage(MaterialPage):
    """An e-lecture (bài giảng điện tử): ordered sections of video or slides, each followed
    by checkpoint questions the student answers before going on."""

    objectives = RichTextField(_("mục tiêu"), blank=True, features=["bold", "italic", "ul", "ol"])
    duration_minutes = models.PositiveSmallIntegerField(
        _("thời lượng (phút)"), default=15, help_text=_("Thời gian học dự kiến, tính bằng phút.")
    )
    sections = StreamField(ELectureStreamBlock(), verbose_name=_("các phần"))

    content_panels = [
        *Page.content_panels,
        *MaterialPage.curriculum_panels,
        FieldPanel("summary"),
        FieldPanel("objectives"),
        FieldPanel("duration_minutes"),
        FieldPanel("sections"),
        *MaterialPage.sharing_panels,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("objectives"),
        *MaterialPage.material_index_fields,
    ]
    parent_page_types = ["content.HomePage", "content.GradePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("bài giảng điện tử")
        verbose_name_plural = _("bài giảng điện tử")

    def search_companion(self) -> str:
        return search_companion(self.title, self.summary, strip_tags(self.objectives))

    def checkpoint_question_ids(self) -> list[int]:
        return [
            checkpoint["question"].pk
            for section in self.sections
            for checkpoint in section.value["checkpoints"]
            if checkpoint["question"] is not None
        ]


from content.feedback_models import Comment, Rating  # noqa: E402
from content.library_models import (  # noqa: E402
    CollectionEntry,
    CurationTask,
    LibraryCollection,
    LibraryItem,
    Takedown,
)
from content.packages.models import ElearningPackage, PackageVersion  # noqa: E402

__all__ = [
    "CollectionEntry",
    "Comment",
    "CurationTask",
    "ElearningPackage",
    "LibraryCollection",
    "LibraryItem",
    "PackageVersion",
    "Rating",
    "SharingScope",
    "Takedown",
]
