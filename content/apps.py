from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accounts.signals import role_groups_ready


def _curation_workflow(sender, **kwargs):
    from content.curation import ensure_curation_workflow

    ensure_curation_workflow()


class ContentConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "content"
    verbose_name = _("Chương trình và học liệu")

    def ready(self):
        # Signal receivers: processing of files published from a revision.
        from content import curation  # noqa: F401
        from content.admin_guard import register_choosable_rules
        from content.bulk_guard import install

        install()
        register_choosable_rules()
        role_groups_ready.connect(_curation_workflow, dispatch_uid="content.curation_workflow")
