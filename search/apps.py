from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from common.vietnamese import register_companion_terms


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    label = "hoclieu_search"
    verbose_name = _("Tìm kiếm")

    def ready(self):
        from search import signals
        from search.synonyms import abbreviations

        signals.connect()
        register_companion_terms(abbreviations)
