"""Organisation in the Wagtail admin. Every list is narrowed by ``lms.permissions``."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from lms import permissions
from lms.models import School, SchoolClass, SchoolYear


class SchoolViewSet(SnippetViewSet):
    model = School
    icon = "home"
    list_display = ["name", "code", "level", "district_office"]
    list_filter = ["level"]
    search_fields = ["name", "code"]

    def get_queryset(self, request):
        return permissions.visible_schools(request.user).select_related("district_office")


class SchoolClassViewSet(SnippetViewSet):
    model = SchoolClass
    icon = "group"
    list_display = ["name", "school", "school_year", "homeroom_teacher"]
    list_filter = ["grade", "school_year"]

    def get_queryset(self, request):
        return permissions.visible_classes(request.user).select_related(
            "school", "school_year", "homeroom_teacher"
        )


class SchoolYearViewSet(SnippetViewSet):
    model = SchoolYear
    icon = "date"
    list_display = ["name", "start_date", "end_date", "is_current"]


class OrganisationGroup(SnippetViewSetGroup):
    menu_label = _("Trường lớp")
    menu_icon = "home"
    menu_order = 210
    items = (SchoolViewSet, SchoolClassViewSet, SchoolYearViewSet)


register_snippet(OrganisationGroup)


@hooks.register("register_admin_menu_item")
def roster_import_menu_item():
    return MenuItem(
        _("Nhập danh sách"),
        reverse("roster_upload"),
        icon_name="upload",
        order=220,
    )
