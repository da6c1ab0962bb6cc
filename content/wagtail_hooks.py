from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from common.admin import YesNoInspectView
from common.admin_guard import (
    ObjectGuardMixin,
    ScopedFieldsFormMixin,
    narrowed_chooser_viewset,
)
from content import permissions, policy
from content.documents import document_check
from content.forms import LibraryItemAdminForm
from content.models import LibraryCollection, LibraryItem, Takedown

# Registered before the viewsets below, which would otherwise create Wagtail's fallback
# (model permissions only: any curator could delete any school's items in bulk).
register_permission_policy(LibraryItem, policy.LibraryItemPermissionPolicy(LibraryItem))
register_permission_policy(
    LibraryCollection, policy.LibraryCollectionPermissionPolicy(LibraryCollection)
)
register_permission_policy(Page, policy.AreaPagePermissionPolicy())
register_permission_policy(Takedown, policy.TakedownPermissionPolicy(Takedown))
# Exact-class registrations win over those of wagtail.documents and wagtail.images, which
# may run after this module: staff work only in their school's collection.
register_permission_policy(
    get_document_model(),
    policy.media_permission_policy(get_document_model(), "wagtaildocs.Document"),
    exact_class=True,
)
register_permission_policy(
    get_image_model(),
    policy.media_permission_policy(get_image_model(), "wagtailimages.Image"),
    exact_class=True,
)


class PrivateFileInput(forms.ClearableFileInput):
    """The file input for private-storage files, which have no URL (``PrivateStorage.url``
    is None): the current file links to the view that checks permission before serving."""

    def is_initial(self, value):
        return isinstance(value, FieldFile) and bool(value.name)

    def format_value(self, value):
        if not self.is_initial(value):
            return None
        return _CurrentFile(value)


class _CurrentFile:
    def __init__(self, value: FieldFile):
        self.name = value.name.rsplit("/", 1)[-1]
        pk = getattr(value.instance, "pk", None)
        self.url = reverse("library_file", args=[pk]) if pk else ""

    def __str__(self):
        return self.name


def _with_panel(panels, field_name, replacement):
    """``panels`` with the FieldPanel of ``field_name`` (at any depth) replaced."""
    result = []
    for panel in panels:
        if isinstance(panel, FieldPanel) and panel.field_name == field_name:
            panel = replacement
        elif getattr(panel, "children", None):
            panel = panel.clone()
            panel.children = _with_panel(panel.children, field_name, replacement)
        result.append(panel)
    return result


class ScopedLibraryItemForm(ScopedFieldsFormMixin, LibraryItemAdminForm):
    """The library item form, its school, district, department and other related fields
    narrowed to what the user may choose."""


class ScopedAdminForm(ScopedFieldsFormMixin, WagtailAdminModelForm):
    pass


class LibraryItemViewSet(ObjectGuardMixin, SnippetViewSet):
    """Teachers add and submit items; curators of the item's area approve and publish.
    Lists show only what ``accounts.permissions`` lets the user edit."""

    model = LibraryItem
    icon = "doc-full-inverse"
    menu_label = _("Tài nguyên")
    # The model's panels, bound to the form that checks uploads by content; the private
    # file gets an input that doesn't ask the storage for a URL.
    edit_handler = ObjectList(
        _with_panel(LibraryItem.panels, "file", FieldPanel("file", widget=PrivateFileInput)),
        base_form_class=ScopedLibraryItemForm,
    )
    chooser_viewset_class = narrowed_chooser_viewset(LibraryItem)
    list_display = [
        "title",
        Column("resource_type", label=_("Loại"), accessor="get_resource_type_display"),
        Column("subject", label=_("Môn")),
        Column("scope", label=_("Phạm vi"), accessor="get_scope_display"),
        Column("processing", label=_("Xử lý tệp"), accessor="get_processing_display"),
    ]
    list_filter = ["resource_type", "subject", "scope", "live", "licence"]
    # No ``search_fields``: the admin searches every field the model indexes (title,
    # authors, publisher, ISBN, description, text), which a field-restricted search cannot
    # do on SQLite's full-text table.
    list_per_page = 50
    ordering = ["-updated_at"]
    inspect_view_enabled = True
    inspect_view_class = YesNoInspectView

    def can_view(self, user, obj):
        return permissions.editable_library_items(user).filter(pk=obj.pk).exists()

    def can_change(self, user, obj):
        return self.can_view(user, obj)

    def get_queryset(self, request):
        return permissions.editable_library_items(request.user).select_related("subject")


class LibraryCollectionViewSet(SnippetViewSet):
    """Province-wide shelves: curators keep them, department admins and superusers delete
    them (``content.policy.LibraryCollectionPermissionPolicy``)."""

    model = LibraryCollection
    icon = "folder-inverse"
    base_form_class = ScopedAdminForm
    menu_label = _("Bộ sưu tập")
    list_display = ["name", Column("kind", accessor="get_kind_display"), "grade", "sort_order"]


class TakedownViewSet(ObjectGuardMixin, SnippetViewSet):
    """The takedown record of the materials the user curates, read-only for curators."""

    model = Takedown
    icon = "warning"
    chooser_viewset_class = narrowed_chooser_viewset(Takedown)
    menu_label = _("Nhật ký gỡ học liệu")
    list_display = ["title", "reason", "taken_down_by", "taken_down_at", "restored_at"]
    inspect_view_enabled = True
    inspect_view_class = YesNoInspectView
    add_to_admin_menu = False

    def can_view(self, user, obj):
        return permissions.curatable_takedowns(user).filter(pk=obj.pk).exists()

    def can_change(self, user, obj):
        return self.can_view(user, obj)

    def get_queryset(self, request):
        return permissions.curatable_takedowns(request.user).select_related("taken_down_by")


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


class CoverageReportMenuItem(MenuItem):
    """Shown only to those the coverage report answers: the right and a department."""

    def is_shown(self, request):
        user = request.user
        return (
            permissions.can_view_coverage(user) and permissions.coverage_departments(user).exists()
        )


@hooks.register("register_admin_menu_item")
def register_report_menu_items():
    return CoverageReportMenuItem(
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
    from content.permissions import can_view_material_page

    if isinstance(page, MaterialPage) and not can_view_material_page(request.user, page):
        raise Http404
    if isinstance(page, MaterialPage):
        from content.feedback import material_viewed

        material_viewed(user=request.user, page=page)


# --- area limits of lesson and e-lecture pages in the admin --------------------------------
# Group page permissions are granted at the root (accounts.roles); these hooks narrow them to the
# pages the user may work on (content.permissions.can_work_on_page): their own materials and
# those of the area they curate, hub pages for department admins.
def _check_page(request, page) -> None:
    if not permissions.can_work_on_page(request.user, page):
        raise PermissionDenied


# The explorer, the page search and site history list ``explorable_instances`` of the
# page policy registered above; the hook also narrows the explorer's own search when
# WAGTAILADMIN_PAGE_SEARCH_FILTER_BY_PERMISSIONS is off.
@hooks.register("construct_explorer_page_queryset")
def explorer_pages_in_area(parent_page, pages, request):
    return pages.filter(permissions.workable_pages_q(request.user))


@hooks.register("construct_page_chooser_queryset")
def chooser_pages_in_area(pages, request):
    return pages.filter(permissions.choosable_pages_q(request.user))


@hooks.register("before_edit_page")
@hooks.register("before_delete_page")
@hooks.register("before_copy_page")
@hooks.register("before_convert_alias_page")
def check_page_in_area(request, page):
    _check_page(request, page)


@hooks.register("before_move_page")
def check_move_in_area(request, page, destination):
    _check_page(request, page)


@hooks.register("before_publish_page")
@hooks.register("before_unpublish_page")
def check_page_curated(request, page):
    if not permissions.can_curate_page(request.user, page):
        raise PermissionDenied


@hooks.register("before_create_page")
def check_page_type_creation(request, parent_page, page_class):
    if not permissions.can_create_page(request.user, page_class):
        raise PermissionDenied


@hooks.register("before_bulk_action")
def check_bulk_pages_in_area(request, action_type, objects, action_class_instance):
    """Page bulk actions (publish, unpublish, delete, move) apply to pages in the area only;
    bulk actions of snippets are narrowed by their permission policies."""
    if action_type in ("publish", "unpublish"):
        check = permissions.can_curate_page
    else:
        check = permissions.can_work_on_page
    for obj in objects:
        if isinstance(obj, Page) and not check(request.user, obj):
            raise PermissionDenied


# After wagtail.documents and wagtail.images have registered their endpoints.
@hooks.register("construct_admin_api", order=100)
def narrow_admin_api_media(router):
    from content.admin_api import (
        NarrowedDocumentsAdminAPIViewSet,
        NarrowedImagesAdminAPIViewSet,
    )

    router.register_endpoint("documents", NarrowedDocumentsAdminAPIViewSet)
    router.register_endpoint("images", NarrowedImagesAdminAPIViewSet)


# Documents of a school's collection only for that school (accounts.permissions), after Wagtail's
# own collection view restrictions; content.documents explains how documents are sent.
hooks.register("before_serve_document", document_check, order=100)


@hooks.register("construct_reports_menu")
def hide_site_wide_reports(request, menu_items):
    """Reports of the whole site's pages and workflows are for superusers only (refused
    by ``content.admin_guard.check_admin_door`` too); site history stays, narrowed."""
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name == "site-history"]


# E-lecture packages: admin pages, chooser, menu item and log actions.
import content.packages.admin  # noqa: E402, F401
