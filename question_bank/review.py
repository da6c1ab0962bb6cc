"""The review workflow (tổ chuyên môn duyệt) on Wagtail's workflow machinery, and the
signal handlers that keep a question's status and versions in step with it.

draft → submitted (workflow started) → approved (last task approved: the revision is
published and a new immutable QuestionVersion recorded) / changes requested (rejected,
with the reviewer's comment kept in the workflow history).
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import published, workflow_cancelled, workflow_rejected, workflow_submitted

from question_bank.permissions import REVIEWER_GROUP

WORKFLOW_NAME = "Duyệt câu hỏi (tổ chuyên môn)"
TASK_NAME = "Tổ chuyên môn duyệt"
REVIEWER_PERMISSIONS = [
    "access_admin",
    "view_question",
    "change_question",
    "publish_question",
    "view_questionbank",
]


@transaction.atomic
def ensure_review_workflow():
    """Create (idempotently) the reviewer group, its approval task and the question workflow."""
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowContentType, WorkflowTask

    from question_bank.models import Question

    group, _ = Group.objects.get_or_create(name=REVIEWER_GROUP)
    group.permissions.add(*Permission.objects.filter(codename__in=REVIEWER_PERMISSIONS))
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(group)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    content_type = ContentType.objects.get_for_model(Question)
    WorkflowContentType.objects.get_or_create(
        content_type=content_type, defaults={"workflow": workflow}
    )
    return workflow


def _question_of(workflow_state):
    from question_bank.models import Question

    if workflow_state.base_content_type.model_class() is not Question:
        return None
    return Question.objects.filter(pk=workflow_state.object_id).first()


def _set_status(question, status):
    from question_bank.models import Question

    Question.objects.filter(pk=question.pk).update(status=status)


@receiver(workflow_submitted)
def on_submitted(sender, instance, user=None, **kwargs):
    from question_bank.models import Status

    if question := _question_of(instance):
        _set_status(question, Status.SUBMITTED)


@receiver(workflow_rejected)
def on_rejected(sender, instance, user=None, **kwargs):
    from question_bank.models import Status

    if question := _question_of(instance):
        _set_status(question, Status.CHANGES_REQUESTED)


@receiver(workflow_cancelled)
def on_cancelled(sender, instance, user=None, **kwargs):
    from question_bank.models import Status

    if (question := _question_of(instance)) is not None:
        _set_status(question, Status.APPROVED if question.live else Status.DRAFT)


@receiver(published)
def on_published(sender, instance, revision=None, **kwargs):
    from question_bank.models import Question, Status
    from question_bank.services import fingerprint_update, version_record

    if not isinstance(instance, Question):
        return
    user = kwargs.get("user") or getattr(revision, "user", None)
    _set_status(instance, Status.APPROVED)
    fingerprint_update(question=instance)
    version_record(question=instance, user=user, revision=revision)
