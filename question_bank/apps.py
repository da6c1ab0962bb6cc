from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


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
