from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accounts.signals import role_groups_ready


def _review_workflow(sender, **kwargs):
    from question_bank.review import ensure_review_workflow

    ensure_review_workflow()


class QuestionBankConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "question_bank"
    verbose_name = _("Ngân hàng câu hỏi")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from question_bank import review  # noqa: F401  (connects the workflow signal handlers)
        from question_bank.models import Question
        from question_bank.policy import QuestionPermissionPolicy
        from question_bank.signals import connect

        register_permission_policy(Question, QuestionPermissionPolicy(Question))
        connect()
        role_groups_ready.connect(_review_workflow, dispatch_uid="question_bank.review_workflow")
