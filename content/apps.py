from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "content"
    verbose_name = _("Chương trình và học liệu")

    def ready(self):
        # Signal receivers: processing of files published from a revision.
        from content import curation  # noqa: F401
        from content.bulk_guard import install

        install()
