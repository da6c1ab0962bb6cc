"""Signed-in people without the admin (students) never meet Wagtail's admin pages."""

from django.contrib import messages
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
