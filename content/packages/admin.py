"""Wagtail admin registration of e-lecture packages (imported by content.wagtail_hooks)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from content import permissions
from content.packages import views
from content.packages.chooser import package_chooser_viewset


@hooks.register("register_admin_viewset")
def register_package_chooser():
    return package_chooser_viewset


@hooks.register("register_admin_urls")
def package_urls():
    return [
        path("goi-bai-giang/", views.package_list, name="elearning_packages"),
        path("goi-bai-giang/tai-len/", views.package_upload, name="elearning_package_upload"),
        path("goi-bai-giang/<int:pk>/", views.package_detail, name="elearning_package"),
        path(
            "goi-bai-giang/<int:pk>/tai-len/",
            views.package_new_version,
            name="elearning_package_new_version",
        ),
        path(
            "goi-bai-giang/<int:pk>/xuat-ban/",
            views.package_publish,
            name="elearning_package_publish",
        ),
    ]


class PackagesMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_access_admin(request.user)


@hooks.register("register_admin_menu_item")
def package_menu_item():
    return PackagesMenuItem(
        _("Gói bài giảng (SCORM/H5P)"), reverse("elearning_packages"), icon_name="media", order=236
    )


@hooks.register("register_log_actions")
def register_package_log_actions(actions):
    for action, label in (
        ("content.package_create", _("Tải lên gói bài giảng")),
        ("content.package_version", _("Tải lên phiên bản mới của gói bài giảng")),
        ("content.package_publish", _("Xuất bản gói bài giảng")),
        ("content.package_unpublish", _("Chuyển gói bài giảng về bản nháp")),
    ):
        actions.register_action(action, label, label)
