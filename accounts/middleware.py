"""Signed-in people without the admin (students) never meet Wagtail's admin pages; people
with an initial password change it before anything else."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.permissions import can_access_admin


class AdminHomeRedirectMiddleware:
    """A signed-in user who may not use the admin (``accounts.permissions.can_access_admin``: a
    student) and opens a page under ``/admin/`` is sent to the site's home with a Vietnamese
    message, instead of Wagtail's English sign-in page and "You do not have permission".
    (Wagtail's own sign-out is behind the same admin check; students sign out at
    ``/dang-xuat/``, in the site's menu.)

    Runs after the authentication and message middleware."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._prefix = None

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if self._prefix is None:
            self._prefix = reverse("wagtailadmin_home")
        if not request.path_info.startswith(self._prefix):
            return None
        user = request.user
        if not user.is_authenticated or can_access_admin(user):
            return None
        messages.info(
            request,
            _(
                "Trang quản trị dành cho giáo viên và cán bộ. Bạn đã được chuyển về trang chủ "
                "của mình."
            ),
        )
        return redirect("/")


class PasswordChangeRequiredMiddleware:
    """A signed-in user whose password was issued by the school (``must_change_password``:
    login slips, resets) is sent to ``/doi-mat-khau/`` from every page, the Wagtail admin
    included, until they have changed it. The JSON API answers 403 with the reason instead.

    Left alone: the change page itself, signing out (the site's and the admin's), the
    language switch, static and media files. Runs after the authentication middleware.
    """

    API_PREFIX = "/api/"

    def __init__(self, get_response):
        self.get_response = get_response
        self._open = None

    def _open_prefixes(self) -> tuple[str, ...]:
        if self._open is None:
            prefixes = [
                reverse("password_change"),
                reverse("logout"),
                reverse("wagtailadmin_logout"),
                reverse("set_language"),
                settings.STATIC_URL or "/static/",
                settings.MEDIA_URL or "/media/",
            ]
            self._open = tuple(p for p in prefixes if p and p != "/")
        return self._open

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is None
            or not user.is_authenticated
            or not getattr(user, "must_change_password", False)
            or request.path.startswith(self._open_prefixes())
        ):
            return self.get_response(request)
        if request.path.startswith(self.API_PREFIX):
            return JsonResponse({"error": _("Bạn cần đổi mật khẩu trước.")}, status=403)
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('password_change')}?{query}")
