from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from content.admin_guard import ObjectGuardMixin
from content.forms import LibraryItemAdminForm
from content.models import LibraryCollection, LibraryItem, Subject, Takedown, Topic


class SubjectViewSet(SnippetViewSet):
    model = Subject
    icon = "folder-open-inverse"
    list_display = ["name", "code", "name_en"]


class TopicViewSet(SnippetViewSet):
    """The curriculum tree: each topic edits its lessons and their outcomes inline."""

    model = Topic
    icon = "list-ul"
    list_display = ["name", "subject", "grade", "textbook"]
    list_filter = ["subject", "grade"]
    search_fields = ["name"]
    ordering = ["subject__sort_order", "grade", "sort_order"]


class CurriculumGroup(SnippetViewSetGroup):
    menu_label = _("Chương trình GDPT 2018")
    menu_icon = "doc-full"
    menu_order = 200
    items = (SubjectViewSet, TopicViewSet)


register_snippet(CurriculumGroup)


class LibraryItemViewSet(ObjectGuardMixin, SnippetViewSet):
    """Teachers add and submit items; curators of the item's area approve and publish.
    Lists show only what ``lms.permissions`` lets the user edit."""

    model = LibraryItem
    icon = "doc-full-inverse"
    menu_label = _("Tài nguyên")
    # The model's panels, bound to the form that checks uploads by content.
    edit_handler = ObjectList(LibraryItem.panels, base_form_class=LibraryItemAdminForm)
    list_display = [
        "title",
        Column("resource_type", label=_("Loại"), accessor="get_resource_type_display"),
        Column("subject", label=_("Môn")),
        Column("scope", label=_("Phạm vi"), accessor="get_scope_display"),
        Column("processing", label=_("Xử lý tệp"), accessor="get_processing_display"),
    ]
    list_filter = ["resource_type", "subject", "scope", "live", "licence"]
    search_fields = ["title", "authors", "publisher", "isbn"]
    list_per_page = 50
    ordering = ["-updated_at"]
    inspect_view_enabled = True

    def can_view(self, user, obj):
        from lms import permissions

        return permissions.editable_library_items(user).filter(pk=obj.pk).exists()

    def can_change(self, user, obj):
        return self.can_view(user, obj)

    def get_queryset(self, request):
        from lms import permissions

        return permissions.editable_library_items(request.user).select_related("subject")


class LibraryCollectionViewSet(SnippetViewSet):
    model = LibraryCollection
    icon = "folder-inverse"
    menu_label = _("Bộ sưu tập")
    list_display = ["name", Column("kind", accessor="get_kind_display"), "grade", "sort_order"]


class TakedownViewSet(SnippetViewSet):
    model = Takedown
    icon = "warning"
    menu_label = _("Nhật ký gỡ học liệu")
    list_display = ["title", "reason", "taken_down_by", "taken_down_at", "restored_at"]
    inspect_view_enabled = True
    add_to_admin_menu = False


class LibraryGroup(SnippetViewSetGroup):
    menu_label = _("Thư viện điện tử")
    menu_icon = "doc-full-inverse"
    menu_order = 150
    items = (LibraryItemViewSet, LibraryCollectionViewSet, TakedownViewSet)


register_snippet(LibraryGroup)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def queue_library_file_processing(request, instance):
    """A new or replaced PDF/EPUB gets its text and cover from a Celery task after commit."""
    from django.db import transaction

    from content.library_models import Processing
    from content.tasks import library_item_process_task

    if isinstance(instance, LibraryItem) and instance.processing == Processing.PENDING:
        transaction.on_commit(lambda: library_item_process_task.delay(instance.pk))


@hooks.register("register_log_actions")
def register_content_log_actions(actions):
    actions.register_action("content.takedown", _("Gỡ học liệu"), _("Gỡ học liệu"))
    actions.register_action("content.restore", _("Khôi phục học liệu"), _("Khôi phục học liệu"))


@hooks.register("register_admin_menu_item")
def register_report_menu_items():
    return MenuItem(
        _("Báo cáo độ phủ chương trình"),
        reverse("coverage_report"),
        icon_name="table",
        order=900,
    )


@hooks.register("before_serve_page")
def check_material_scope(page, request, serve_args, serve_kwargs):
    """Lessons and e-lectures are served only inside their sharing area (404 outside)."""
    from django.http import Http404

    from content.models import MaterialPage
    from lms.permissions import can_view_material_page

    if isinstance(page, MaterialPage) and not can_view_material_page(request.user, page):
        raise Http404
    if isinstance(page, MaterialPage):
        from content.feedback import material_viewed

        material_viewed(user=request.user, page=page)
