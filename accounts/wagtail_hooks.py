"""Organisation in the Wagtail admin. Every list, chooser, form field and per-object view
is narrowed by ``accounts.permissions``; the permission policies (registered before the
viewsets, which would otherwise create Wagtail's fallback of model permissions only)
make the bulk actions and the per-object checks agree with the lists."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from accounts import permissions
from accounts.models import School, SchoolClass, SchoolYear
from common.admin import YesNoColumn
from common.admin_guard import ObjectGuardMixin, ScopedFieldsFormMixin, narrowed_chooser_viewset
from common.policies import RuleModelPermissionPolicy

register_permission_policy(
    School,
    RuleModelPermissionPolicy(
        School, rules={"view": permissions.visible_schools, "*": permissions.managed_schools}
    ),
)
register_permission_policy(
    SchoolClass,
    RuleModelPermissionPolicy(
        SchoolClass,
        rules={"view": permissions.visible_classes, "*": permissions.managed_classes},
    ),
)
# School years are the province's calendar: every staff member may see them, only those
# with the model permission (superusers) change them.
register_permission_policy(SchoolYear, ModelPermissionPolicy(SchoolYear))


class ScopedOrganisationForm(ScopedFieldsFormMixin, WagtailAdminModelForm):
    """Schools, district offices, departments and people offered by the user's rule."""


class SchoolViewSet(ObjectGuardMixin, SnippetViewSet):
    model = School
    icon = "home"
    list_display = ["name", "code", "level", "district_office"]
    list_filter = ["level"]
    search_fields = ["name", "code"]
    base_form_class = ScopedOrganisationForm
    chooser_viewset_class = narrowed_chooser_viewset(School)

    def can_view(self, user, obj):
        return permissions.visible_schools(user).filter(pk=obj.pk).exists()

    def can_change(self, user, obj):
        return permissions.can_manage_school(user, obj)

    def get_queryset(self, request):
        return permissions.visible_schools(request.user).select_related("district_office")


class SchoolClassViewSet(ObjectGuardMixin, SnippetViewSet):
    model = SchoolClass
    icon = "group"
    list_display = ["name", "school", "school_year", "homeroom_teacher"]
    list_filter = ["grade", "school_year"]
    base_form_class = ScopedOrganisationForm
    chooser_viewset_class = narrowed_chooser_viewset(SchoolClass)

    def can_view(self, user, obj):
        return permissions.can_view_roster(user, obj)

    def can_change(self, user, obj):
        return permissions.managed_classes(user).filter(pk=obj.pk).exists()

    def get_queryset(self, request):
        return permissions.visible_classes(request.user).select_related(
            "school", "school_year", "homeroom_teacher"
        )


class SchoolYearViewSet(SnippetViewSet):
    model = SchoolYear
    icon = "date"
    list_display = [
        "name",
        "start_date",
        "end_date",
        YesNoColumn("is_current", label=_("Năm học hiện tại")),
    ]


class OrganisationGroup(SnippetViewSetGroup):
    menu_label = _("Trường lớp")
    menu_icon = "home"
    menu_order = 210
    items = (SchoolViewSet, SchoolClassViewSet, SchoolYearViewSet)


register_snippet(OrganisationGroup)


class RosterImportMenuItem(MenuItem):
    """Shown only to those who may open the roster import (others met a bare 403)."""

    def is_shown(self, request):
        return permissions.can_import_rosters(request.user)


@hooks.register("register_admin_menu_item")
def roster_import_menu_item():
    return RosterImportMenuItem(
        _("Nhập danh sách"),
        reverse("roster_upload"),
        icon_name="upload",
        order=220,
    )


@hooks.register("register_log_actions")
def register_credential_log_actions(actions):
    actions.register_action(
        "accounts.credentials.issue",
        _("Cấp mật khẩu cho lớp"),
        _("Đã cấp mật khẩu ban đầu cho học sinh của lớp"),
    )
    actions.register_action(
        "accounts.credentials.reset",
        _("Đặt lại mật khẩu"),
        _("Đã đặt lại mật khẩu ban đầu của học sinh"),
    )
