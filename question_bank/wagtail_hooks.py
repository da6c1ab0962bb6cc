"""The question bank in the Wagtail admin: lists narrowed by ``accounts.permissions``, filters,
search, student-view previews, review workflow, bulk approve/tag/move/export, import."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import ListingButton
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from common.admin import YesNoColumn, YesNoInspectView
from common.admin_guard import ObjectGuardMixin
from curriculum.models import Subject, Topic
from question_bank import permissions, policy, services, views
from question_bank.admin_base import AdminFormMixin, scoped_chooser_viewset
from question_bank.assembly import services as assembly_services
from question_bank.assembly.models import ExamMatrix, Paper
from question_bank.forms import (
    ExportForm,
    MoveForm,
    QuestionAdminForm,
    QuestionBankAdminForm,
    StimulusAdminForm,
    TagForm,
)
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

# Registered before the viewsets below (and those of question_bank.assembly.admin), which
# would otherwise create Wagtail's fallback of model permissions only: any teacher could
# delete a colleague's bank or matrix, or add a stimulus to a confidential pool. Questions'
# policy is registered in question_bank.apps.
register_permission_policy(QuestionBank, policy.QuestionBankPermissionPolicy(QuestionBank))
register_permission_policy(Stimulus, policy.StimulusPermissionPolicy(Stimulus))
register_permission_policy(ExamMatrix, policy.ExamMatrixPermissionPolicy(ExamMatrix))
register_permission_policy(Paper, policy.PaperPermissionPolicy(Paper))
register_permission_policy(CognitiveScale, policy.ReferenceDataPermissionPolicy(CognitiveScale))
register_permission_policy(TrueFalseScore, policy.ReferenceDataPermissionPolicy(TrueFalseScore))


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
    # The questions one import saved (its job page links here); the list is already the
    # user's visible questions, so a job id shows nothing the user could not see.
    import_job = django_filters.NumberFilter(
        field_name="import_job_id", label=gettext_lazy("Lượt nhập (mã số)")
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


# Questions embedded in lessons and e-lectures: approved, visible, never confidential.
QuestionChooserViewSet = scoped_chooser_viewset(
    "QuestionChooserViewSet",
    lambda user: permissions.choosable_questions(user).select_related("bank"),
)
# The bank of a question or stimulus: the banks the user adds to.
BankChooserViewSet = scoped_chooser_viewset("BankChooserViewSet", permissions.editable_banks)
# The passage of a question: those of the banks the user adds to.
StimulusChooserViewSet = scoped_chooser_viewset(
    "StimulusChooserViewSet", permissions.editable_stimuli
)


class QuestionViewSet(AdminFormMixin, ObjectGuardMixin, SnippetViewSet):
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
    inspect_view_class = YesNoInspectView

    def can_view(self, user, obj):
        return permissions.can_view_question(user, obj)

    def can_change(self, user, obj):
        return permissions.can_edit_question(user, obj) or permissions.can_review_question(
            user, obj
        )

    def get_queryset(self, request):
        return (
            permissions.visible_questions(request.user)
            # What every row prints: its level with its scale (the level's label names a
            # non-default scale), and its latest revision (the status and buttons).
            .select_related("bank", "level__scale", "topic", "subject", "author", "latest_revision")
            .order_by("-updated_at")
        )


class QuestionBankViewSet(AdminFormMixin, ObjectGuardMixin, SnippetViewSet):
    model = QuestionBank
    icon = "folder-open-inverse"
    menu_label = gettext_lazy("Ngân hàng")
    base_form_class = QuestionBankAdminForm
    chooser_viewset_class = BankChooserViewSet
    list_display = [
        "name",
        "subject",
        "scope",
        YesNoColumn("confidential", label=gettext_lazy("Bảo mật")),
        "owner",
    ]
    search_fields = ["name"]

    def can_view(self, user, obj):
        return permissions.can_view_bank(user, obj.pk)

    def can_change(self, user, obj):
        return permissions.can_manage_bank(user, obj)

    def get_queryset(self, request):
        return permissions.visible_banks(request.user).select_related("subject", "owner")


class StimulusViewSet(AdminFormMixin, ObjectGuardMixin, SnippetViewSet):
    model = Stimulus
    icon = "doc-full"
    menu_label = gettext_lazy("Ngữ liệu chung")
    base_form_class = StimulusAdminForm
    chooser_viewset_class = StimulusChooserViewSet
    list_display = ["__str__", "bank"]

    def can_view(self, user, obj):
        return permissions.can_view_bank(user, obj.bank_id)

    def can_change(self, user, obj):
        return permissions.can_edit_stimulus(user, obj)

    def get_queryset(self, request):
        return permissions.visible_stimuli(request.user).select_related("bank")


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
# Wagtail's bulk actions read ``?id=<n>`` (or ``id=all``: every row of the model) and list
# the objects, those the user may not act on included, by title. Here the objects are first
# narrowed to those the user may see (others are 404, never named nor counted) and
# ``id=all`` means "all I may act on".
class ScopedBulkActionMixin:
    """Narrows a bulk action's objects by the rules: :meth:`objects_shown` are the only
    ones shown, :meth:`objects_acted_on` the only ones acted on."""

    #: The permission-policy action whose objects are acted on.
    permission_action = "change"

    def objects_shown(self) -> QuerySet:
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view", self.permission_action]
        )

    def objects_acted_on(self) -> QuerySet:
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, [self.permission_action]
        )

    def get_all_objects_in_listing_query(self, parent_id):
        return self.objects_acted_on().values("pk")

    def get_queryset(self, model, object_ids):
        # Wagtail declares this a classmethod; here it needs the request's user.
        if not isinstance(object_ids, QuerySet):
            object_ids = [i for i in object_ids if str(i).isdigit()]
        objects = list(self.objects_shown().filter(pk__in=object_ids))
        if not objects:
            raise Http404
        self._actionable_ids = set(
            self.objects_acted_on()
            .filter(pk__in=[o.pk for o in objects])
            .values_list("pk", flat=True)
        )
        return objects

    def check_perm(self, obj):
        ids = getattr(self, "_actionable_ids", None)
        if ids is None:  # the objects were loaded by another narrowing (content.bulk_guard)
            return self.objects_acted_on().filter(pk=obj.pk).exists()
        return obj.pk in ids


class QuestionBulkAction(ScopedBulkActionMixin, SnippetBulkAction):
    models = [Question]
    template_name = "question_bank/bulk/confirm.html"
    action_title = ""

    def objects_shown(self):
        return permissions.visible_questions(self.request.user)

    def objects_acted_on(self):
        return permissions.editable_questions(self.request.user)

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

    def objects_shown(self):
        return permissions.reviewable_questions(self.request.user)

    def objects_acted_on(self):
        return permissions.reviewable_questions(self.request.user)

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        done = 0
        for question in objects:
            if question.status != Status.APPROVED or question.has_unpublished_changes:
                services.question_review(
                    question=question, user=user, approve=True, comment=_("Duyệt hàng loạt")
                )
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
                services.question_submit(question=question, user=user)
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
        return services.questions_tag(questions=objects, tags=list(tags), user=user), 0

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
        return services.questions_move(questions=objects, bank=bank, user=user), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return _("Đã chuyển %(n)d câu hỏi.") % {"n": num_parent_objects}


class ExportBulkAction(QuestionBulkAction):
    display_name = gettext_lazy("Xuất tệp")
    action_type = "export_questions"
    aria_label = gettext_lazy("Xuất các câu hỏi đã chọn")
    action_title = gettext_lazy("Xuất câu hỏi")
    form_class = ExportForm
    action_priority = 30

    def objects_acted_on(self):
        return permissions.visible_questions(self.request.user)

    def prepare_action(self, objects, objects_without_access):
        return views.export_response(objects, self.cleaned_form.cleaned_data["format"])

    @classmethod
    def execute_action(cls, objects, **kwargs):  # pragma: no cover - prepare_action answers
        return 0, 0


class QuestionBankDeleteBulkAction(ScopedBulkActionMixin, DeleteBulkAction):
    """Wagtail's bulk delete for the bank's models, narrowed by their permission policies,
    each deletion made by the service that checks it again."""

    permission_action = "delete"
    models = [Question, QuestionBank, Stimulus, ExamMatrix, CognitiveScale, TrueFalseScore]

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        objects = list(objects)
        if objects and isinstance(objects[0], Question):
            return services.questions_delete(user=user, questions=objects), 0
        for obj in objects:
            if isinstance(obj, QuestionBank):
                services.bank_delete(user=user, bank=obj)
            elif isinstance(obj, Stimulus):
                services.stimulus_delete(user=user, stimulus=obj)
            elif isinstance(obj, ExamMatrix):
                assembly_services.matrix_delete(user=user, matrix=obj)
            elif permissions.can_edit_reference_data(user):
                obj.delete()
            else:
                raise PermissionDenied
        return len(objects), 0


for action in (
    ApproveBulkAction,
    SubmitBulkAction,
    TagBulkAction,
    MoveBulkAction,
    ExportBulkAction,
):
    hooks.register("register_bulk_action", action)
# After Wagtail's own snippet DeleteBulkAction (order 0), which it replaces for these models.
hooks.register("register_bulk_action", QuestionBankDeleteBulkAction, order=100)


# --- duplicate warnings, import/export pages ---------------------------------------------
def _warn_duplicates(request, instance):
    if not isinstance(instance, Question):
        return
    services.fingerprint_update(question=instance)
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
        path("ngan-hang-cau-hoi/nhap/<int:pk>/sua/", views.import_fix, name="question_import_fix"),
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
        return permissions.has_editable_bank(request.user)


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
from question_bank import audit  # noqa: E402, F401  (the audit log's action labels)
