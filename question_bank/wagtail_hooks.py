"""The question bank in the Wagtail admin: lists narrowed by ``lms.permissions``, filters,
search, student-view previews, review workflow, bulk approve/tag/move/export, import."""

import django_filters
from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from content.admin_guard import ObjectGuardMixin
from content.models import Subject, Topic
from lms import permissions
from question_bank import services, views
from question_bank.forms import ExportForm, MoveForm, QuestionAdminForm, TagForm
from question_bank.models import (
    QTYPE_CHOICES,
    CognitiveLevel,
    CognitiveScale,
    Question,
    QuestionBank,
    Status,
    Stimulus,
    TrueFalseScore,
)


class QuestionFilterSet(WagtailFilterSet):
    bank = django_filters.ModelChoiceFilter(
        queryset=lambda request: permissions.visible_banks(request.user),
        label=gettext_lazy("Ngân hàng"),
    )
    subject = django_filters.ModelChoiceFilter(
        queryset=Subject.objects.all(), label=gettext_lazy("Môn")
    )
    grade = django_filters.NumberFilter(label=gettext_lazy("Khối"))
    topic = django_filters.ModelChoiceFilter(
        queryset=Topic.objects.select_related("subject"), label=gettext_lazy("Chương/chủ đề")
    )
    level = django_filters.ModelChoiceFilter(
        queryset=CognitiveLevel.objects.select_related("scale"), label=gettext_lazy("Mức độ")
    )
    qtype = django_filters.ChoiceFilter(choices=QTYPE_CHOICES, label=gettext_lazy("Dạng"))
    status = django_filters.ChoiceFilter(choices=Status.choices, label=gettext_lazy("Trạng thái"))
    author = django_filters.CharFilter(
        field_name="author__username",
        lookup_expr="iexact",
        label=gettext_lazy("Tác giả (tên đăng nhập)"),
    )
    duplicates = django_filters.BooleanFilter(
        method="filter_duplicates", label=gettext_lazy("Chỉ câu có thể trùng lặp")
    )

    class Meta:
        model = Question
        fields = []

    def filter_duplicates(self, queryset, name, value):
        if not value:
            return queryset
        from django.db.models import Count

        dup = (
            queryset.exclude(fingerprint="")
            .values("fingerprint")
            .annotate(n=Count("pk"))
            .filter(n__gt=1)
            .values("fingerprint")
        )
        return queryset.filter(fingerprint__in=dup)


# --- the question chooser (questions embedded in lessons and e-lectures) ------------------
# Every view of the chooser, including "chosen" (which answers with the question's text),
# offers only the questions the editor may embed: approved, visible to them, never from a
# confidential pool.
class ChoosableQuestionsMixin:
    def get_object_list(self):
        return permissions.choosable_questions(self.request.user).select_related("bank")


class QuestionChooseView(ChoosableQuestionsMixin, snippet_chooser.ChooseView):
    pass


class QuestionChooseResultsView(ChoosableQuestionsMixin, snippet_chooser.ChooseResultsView):
    pass


class QuestionChosenView(snippet_chooser.SnippetChosenView):
    def get_object(self, pk):
        return permissions.choosable_questions(self.request.user).get(pk=pk)


class QuestionChosenMultipleView(snippet_chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return permissions.choosable_questions(self.request.user).filter(pk__in=pks)


class QuestionChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    choose_view_class = QuestionChooseView
    choose_results_view_class = QuestionChooseResultsView
    chosen_view_class = QuestionChosenView
    chosen_multiple_view_class = QuestionChosenMultipleView


class QuestionViewSet(ObjectGuardMixin, SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = gettext_lazy("Câu hỏi")
    chooser_viewset_class = QuestionChooserViewSet
    base_form_class = QuestionAdminForm
    filterset_class = QuestionFilterSet
    list_display = [
        "__str__",
        Column("qtype", label=gettext_lazy("Dạng"), accessor="get_qtype_display"),
        Column("level", label=gettext_lazy("Mức độ")),
        Column("topic", label=gettext_lazy("Chương")),
        Column("status", label=gettext_lazy("Trạng thái"), accessor="get_status_display"),
        Column("bank", label=gettext_lazy("Ngân hàng")),
    ]
    list_per_page = 50
    ordering = ["-updated_at"]
    inspect_view_enabled = True

    def can_view(self, user, obj):
        return permissions.can_view_question(user, obj)

    def can_change(self, user, obj):
        return permissions.can_edit_question(user, obj) or permissions.can_review_question(
            user, obj
        )

    def get_queryset(self, request):
        return (
            permissions.visible_questions(request.user)
            .select_related("bank", "level", "topic", "subject", "author")
            .order_by("-updated_at")
        )


class QuestionBankViewSet(ObjectGuardMixin, SnippetViewSet):
    model = QuestionBank
    icon = "folder-open-inverse"
    menu_label = gettext_lazy("Ngân hàng")
    list_display = ["name", "subject", "scope", "confidential", "owner"]
    search_fields = ["name"]

    def can_view(self, user, obj):
        return permissions.can_view_bank(user, obj.pk)

    def can_change(self, user, obj):
        return permissions.can_edit_bank(user, obj)

    def get_queryset(self, request):
        return permissions.visible_banks(request.user).select_related("subject", "owner")


class StimulusViewSet(ObjectGuardMixin, SnippetViewSet):
    model = Stimulus
    icon = "doc-full"
    menu_label = gettext_lazy("Ngữ liệu chung")
    list_display = ["__str__", "bank"]

    def can_view(self, user, obj):
        return permissions.can_view_bank(user, obj.bank_id)

    def can_change(self, user, obj):
        return permissions.can_edit_bank(user, obj.bank)

    def get_queryset(self, request):
        return Stimulus.objects.filter(bank__in=permissions.visible_banks(request.user))


class ScaleViewSet(SnippetViewSet):
    model = CognitiveScale
    icon = "list-ol"
    menu_label = gettext_lazy("Thang mức độ")


class TrueFalseScoreViewSet(SnippetViewSet):
    model = TrueFalseScore
    icon = "table"
    menu_label = gettext_lazy("Bảng điểm Đúng/Sai")
    list_display = ["statements", "correct", "fraction"]


class QuestionBankGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Ngân hàng câu hỏi")
    menu_icon = "help"
    menu_order = 230
    items = (
        QuestionViewSet,
        QuestionBankViewSet,
        StimulusViewSet,
        ScaleViewSet,
        TrueFalseScoreViewSet,
    )


register_snippet(QuestionBankGroup)


# --- bulk actions ----------------------------------------------------------------------
class QuestionBulkAction(SnippetBulkAction):
    models = [Question]
    template_name = "question_bank/bulk/confirm.html"
    action_title = ""

    def check_perm(self, obj):
        return permissions.can_edit_question(self.request.user, obj)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_title"] = self.action_title
        return context

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}


class ApproveBulkAction(QuestionBulkAction):
    display_name = gettext_lazy("Duyệt")
    action_type = "approve_questions"
    aria_label = gettext_lazy("Duyệt các câu hỏi đã chọn")
    action_title = gettext_lazy("Duyệt câu hỏi")
    action_priority = 10

    def check_perm(self, obj):
        return permissions.can_review_question(self.request.user, obj)

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        done = 0
        for question in objects:
            if question.status != Status.APPROVED or question.has_unpublished_changes:
                services.question_review(question, user, approve=True, comment=_("Duyệt hàng loạt"))
                done += 1
        return done, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return _("Đã duyệt %(n)d câu hỏi.") % {"n": num_parent_objects}


class SubmitBulkAction(QuestionBulkAction):
    display_name = gettext_lazy("Gửi duyệt")
    action_type = "submit_questions"
    aria_label = gettext_lazy("Gửi tổ chuyên môn duyệt")
    action_title = gettext_lazy("Gửi tổ chuyên môn duyệt")
    action_priority = 15

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        done = 0
        for question in objects:
            if (
                question.status in (Status.DRAFT, Status.CHANGES_REQUESTED)
                or question.has_unpublished_changes
            ):
                services.question_submit(question, user)
                done += 1
        return done, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return _("Đã gửi duyệt %(n)d câu hỏi.") % {"n": num_parent_objects}


class TagBulkAction(QuestionBulkAction):
    display_name = gettext_lazy("Gắn thẻ")
    action_type = "tag_questions"
    aria_label = gettext_lazy("Gắn thẻ cho các câu hỏi đã chọn")
    action_title = gettext_lazy("Gắn thẻ")
    form_class = TagForm
    action_priority = 20

    def get_execution_context(self):
        tags = [t.strip() for t in self.cleaned_form.cleaned_data["tags"].split(",") if t.strip()]
        return {**super().get_execution_context(), "tags": tags}

    @classmethod
    def execute_action(cls, objects, user=None, tags=(), **kwargs):
        return services.questions_tag(objects, list(tags), user), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return _("Đã gắn thẻ cho %(n)d câu hỏi.") % {"n": num_parent_objects}


class MoveBulkAction(QuestionBulkAction):
    display_name = gettext_lazy("Chuyển ngân hàng")
    action_type = "move_questions"
    aria_label = gettext_lazy("Chuyển các câu hỏi sang ngân hàng khác")
    action_title = gettext_lazy("Chuyển sang ngân hàng khác")
    form_class = MoveForm
    action_priority = 25

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_execution_context(self):
        return {**super().get_execution_context(), "bank": self.cleaned_form.cleaned_data["bank"]}

    @classmethod
    def execute_action(cls, objects, user=None, bank=None, **kwargs):
        return services.questions_move(objects, bank, user), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return _("Đã chuyển %(n)d câu hỏi.") % {"n": num_parent_objects}


class ExportBulkAction(QuestionBulkAction):
    display_name = gettext_lazy("Xuất tệp")
    action_type = "export_questions"
    aria_label = gettext_lazy("Xuất các câu hỏi đã chọn")
    action_title = gettext_lazy("Xuất câu hỏi")
    form_class = ExportForm
    action_priority = 30

    def check_perm(self, obj):
        return permissions.can_view_question(self.request.user, obj)

    def prepare_action(self, objects, objects_without_access):
        return views.export_response(objects, self.cleaned_form.cleaned_data["format"])

    @classmethod
    def execute_action(cls, objects, **kwargs):  # pragma: no cover - prepare_action answers
        return 0, 0


for action in (
    ApproveBulkAction,
    SubmitBulkAction,
    TagBulkAction,
    MoveBulkAction,
    ExportBulkAction,
):
    hooks.register("register_bulk_action", action)


# --- duplicate warnings, import/export pages ---------------------------------------------
def _warn_duplicates(request, instance):
    if not isinstance(instance, Question):
        return
    services.fingerprint_update(instance)
    fingerprint = instance.compute_fingerprint()
    others = (
        permissions.visible_questions(request.user)
        .filter(fingerprint=fingerprint)
        .exclude(pk=instance.pk)
    )
    ids = list(others.values_list("pk", flat=True)[:5])
    if ids:
        messages.warning(
            request,
            _("Câu hỏi này có thể trùng với: %(ids)s.") % {"ids": ", ".join(f"#{i}" for i in ids)},
        )


@hooks.register("after_create_snippet")
def after_create_question(request, instance):
    _warn_duplicates(request, instance)


@hooks.register("after_edit_snippet")
def after_edit_question(request, instance):
    _warn_duplicates(request, instance)


@hooks.register("register_admin_urls")
def question_bank_urls():
    return [
        path("ngan-hang-cau-hoi/nhap/", views.import_upload, name="question_import"),
        path("ngan-hang-cau-hoi/nhap/<int:pk>/", views.import_job, name="question_import_job"),
        path(
            "ngan-hang-cau-hoi/nhap/<int:pk>/xac-nhan/",
            views.import_confirm,
            name="question_import_confirm",
        ),
        path("ngan-hang-cau-hoi/xuat/", views.export_questions, name="question_export"),
        path(
            "ngan-hang-cau-hoi/cau-hoi/<int:pk>/xem/",
            views.question_student_view,
            name="question_student_view",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def question_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Question):
        url = reverse("question_student_view", args=[snippet.pk])
        yield ListingButton(_("Xem như học sinh"), url, priority=15)
        yield ListingButton(_("Xem kèm đáp án"), url + "?key=1", priority=16)


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.editable_banks(request.user).exists()


@hooks.register("register_admin_menu_item")
def question_import_menu_item():
    return ImportMenuItem(
        _("Nhập câu hỏi"), reverse("question_import"), icon_name="upload", order=231
    )


@hooks.register("insert_global_admin_css")
def question_admin_css():
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html(
        "<style>.html-source textarea, textarea.html-source {{ font-family: monospace; }}</style>"
        '<link rel="stylesheet" href="{}">',
        static("question_bank/question.css"),
    )


import question_bank.assembly.admin  # noqa: E402, F401  (matrices and papers in the admin)
