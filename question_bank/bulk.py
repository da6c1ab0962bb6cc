"""The rows :func:`question_bank.services.questions_bulk_save` writes, a few queries for
many questions: the same rows the one-by-one path (``save_revision``, ``publish``,
``Workflow.start``) writes. Helpers of that service only: they check nothing.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.models import Revision, TaskState, WorkflowState

from question_bank.convert import question_snapshot
from question_bank.models import Choice, Question, QuestionTag, QuestionVersion, Status


def questions_insert(questions: list[Question]) -> None:
    """Insert the questions with their choices and tags (clusters unknown to bulk_create)."""
    for q in questions:
        q.live = False
        q.has_unpublished_changes = True
        q.fingerprint = q.compute_fingerprint()
        q.status = Status.DRAFT
    # Keep the in-memory children before bulk_create (it doesn't know about clusters).
    children = [
        (list(q.choices.all()), getattr(q, "_pending_tags", None) or [t.name for t in q.tags.all()])
        for q in questions
    ]
    Question.objects.bulk_create(questions, batch_size=500)
    choices, tag_names = [], set()
    for q, (qchoices, names) in zip(questions, children, strict=True):
        for c in qchoices:
            c.question_id = q.pk
            choices.append(c)
        tag_names.update(names)
    Choice.objects.bulk_create(choices, batch_size=1000)
    tags = {}
    for name in tag_names:
        tags[name] = Tag.objects.filter(name=name).first() or Tag.objects.create(name=name)
    tagged = []
    for q, (_c, names) in zip(questions, children, strict=True):
        items = [QuestionTag(content_object=q, tag=tags[name]) for name in names]
        # In memory too, so the revision below carries the tags without a query per question.
        q.tagged_items = items
        tagged.extend(items)
    QuestionTag.objects.bulk_create(tagged, batch_size=1000)


def revisions_create(questions: list[Question], user, now) -> list[Revision]:
    content_type = ContentType.objects.get_for_model(Question)
    revisions = [
        Revision(
            content_type=content_type,
            base_content_type=content_type,
            object_id=str(q.pk),
            created_at=now,
            user=user,
            content=q.serializable_data(),
            object_str=str(q)[:255],
        )
        for q in questions
    ]
    Revision.objects.bulk_create(revisions, batch_size=500)
    for q, revision in zip(questions, revisions, strict=True):
        q.latest_revision = revision
    return revisions


def revisions_publish(questions: list[Question], revisions: list[Revision], user, now) -> list[str]:
    """Publish every revision and record version 1; the fields to update."""
    versions = []
    for q, revision in zip(questions, revisions, strict=True):
        q.live, q.has_unpublished_changes, q.status = True, False, Status.APPROVED
        q.live_revision = revision
        q.first_published_at = q.last_published_at = now
        data = question_snapshot(q)
        versions.append(
            QuestionVersion(
                question=q,
                number=1,
                data=data,
                content_hash=QuestionVersion.hash_of(data),
                revision=revision,
                approved_by=user,
            )
        )
    QuestionVersion.objects.bulk_create(versions, batch_size=500)
    return ["live", "has_unpublished_changes", "status", "live_revision",
            "first_published_at", "last_published_at"]  # fmt: skip


def workflows_start(questions: list[Question], revisions: list[Revision], user) -> list[str]:
    """Start the review workflow of every question at its first task; the fields to update."""
    workflow = Question(bank_id=questions[0].bank_id).get_workflow()
    if workflow is None:
        raise ValidationError(_("Chưa có quy trình duyệt câu hỏi (workflow) nào được bật."))
    task = workflow.tasks.first()
    content_type = ContentType.objects.get_for_model(Question)
    task_ct = ContentType.objects.get_for_model(TaskState)
    states = [
        WorkflowState(
            content_type=content_type,
            base_content_type=content_type,
            object_id=str(q.pk),
            workflow=workflow,
            status=WorkflowState.STATUS_IN_PROGRESS,
            requested_by=user,
        )
        for q in questions
    ]
    WorkflowState.objects.bulk_create(states, batch_size=500)
    task_states = [
        TaskState(
            workflow_state=state,
            revision=revision,
            task=task,
            status=TaskState.STATUS_IN_PROGRESS,
            content_type=task_ct,
        )
        for state, revision in zip(states, revisions, strict=True)
    ]
    TaskState.objects.bulk_create(task_states, batch_size=500)
    for state, task_state in zip(states, task_states, strict=True):
        state.current_task_state = task_state
    WorkflowState.objects.bulk_update(states, ["current_task_state"], batch_size=500)
    for q in questions:
        q.status = Status.SUBMITTED
    return ["status"]
