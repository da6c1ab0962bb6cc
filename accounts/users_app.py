"""Wagtail's users app with our user forms (:mod:`accounts.admin_users`): listed in
INSTALLED_APPS instead of ``wagtail.users`` (same label, URLs and permissions). Kept apart
from :mod:`accounts.apps` so that the accounts app keeps its own single config."""

from wagtail.users.apps import WagtailUsersAppConfig


class UsersConfig(WagtailUsersAppConfig):
    user_viewset = "accounts.admin_users.UserViewSet"
