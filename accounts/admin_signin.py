"""The admin's page of locked sign-ins: see who is throttled and unlock them.

Registered from ``LmsConfig.ready`` (Wagtail collects hooks at import). Who may use it, and
whose records they see, is decided in ``accounts.permissions`` (``can_unlock_sign_in``,
``unlockable_sign_in_attempts``); the unlock itself is ``accounts.signin.sign_in_unlock``.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts import permissions
from accounts.signin import locked_sign_in_summary, sign_in_unlock


@require_http_methods(["GET", "POST"])
def locked_sign_ins(request):
    if not permissions.can_unlock_sign_in(request.user):
        raise PermissionDenied
    if request.method == "POST":
        username = request.POST.get("username", "").strip()
        ip_address = request.POST.get("ip_address", "").strip()
        sign_in_unlock(user=request.user, username=username or None, ip_address=ip_address or None)
        messages.success(
            request,
            _("Đã mở khoá đăng nhập cho %(who)s.") % {"who": username or ip_address},
        )
        return redirect("lms_locked_sign_ins")
    return TemplateResponse(
        request, "accounts/admin/locked_sign_ins.html", locked_sign_in_summary(user=request.user)
    )


@hooks.register("register_admin_urls")
def locked_sign_in_urls():
    return [path("dang-nhap-bi-khoa/", locked_sign_ins, name="lms_locked_sign_ins")]


class _UnlockMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_unlock_sign_in(request.user)


@hooks.register("register_admin_menu_item")
def locked_sign_in_menu_item():
    return _UnlockMenuItem(
        gettext_lazy("Đăng nhập bị khoá"),
        reverse("lms_locked_sign_ins"),
        icon_name="lock",
        order=230,
    )
