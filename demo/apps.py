from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo seed (``manage.py seed_demo``) and its data; installed by the dev and test
    settings only, never in production."""

    name = "demo"
    verbose_name = _("Dữ liệu mẫu")
