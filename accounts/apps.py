from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from common.admin_guard import register_choosable


def _ensure_role_groups(sender, **kwargs):
    # post_migrate fires once per app in INSTALLED_APPS order and permissions of each app
    # are created in its own turn, so wait for the last app before building the groups.
    with_models = [c for c in apps.get_app_configs() if c.models_module is not None]
    if sender is not with_models[-1]:
        return
    from accounts.roles import ensure_role_groups

    ensure_role_groups()


def _register_choosable_rules() -> None:
    """What each user may pick of schools, classes, offices and people in the admin's
    choosers and form fields (:mod:`common.admin_guard`)."""
    from django.contrib.auth import get_user_model

    from accounts import permissions
    from accounts.models import Department, DistrictOffice, School, SchoolClass

    register_choosable(School, permissions.area_schools)
    register_choosable(SchoolClass, permissions.visible_classes)
    register_choosable(DistrictOffice, permissions.area_district_offices)
    register_choosable(Department, permissions.area_departments)
    register_choosable(get_user_model(), permissions.colleagues)


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("Trường lớp và người dùng")

    def ready(self):
        post_migrate.connect(_ensure_role_groups, dispatch_uid="accounts.ensure_role_groups")
        _register_choosable_rules()
        # Wagtail hooks of the admin's locked sign-ins page (its own module, not wagtail_hooks).
        import accounts.admin_signin  # noqa: F401
