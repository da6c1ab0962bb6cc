from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    label = "hoclieu_search"
    verbose_name = _("Tìm kiếm")

    def ready(self):
        from search import signals

        signals.connect()
