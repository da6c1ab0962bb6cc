"""Curation of materials: the approval workflow and the services that publish, take down
and restore library items and pages, each leaving an audit trail.

teacher saves a draft → submits (workflow starts) → a curator of the item's area approves
(publishes) or asks for changes → published items can be taken down with a reason
(unpublished, ``Takedown`` row, audit log entry) and restored later.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.signals import published

from content.library_models import CurationTask, LibraryItem, Processing, Takedown

WORKFLOW_NAME = "Duyệt học liệu (thủ thư)"
TASK_NAME = "Thủ thư duyệt học liệu"
CURATOR_GROUPS = ["Thủ thư", "Quản trị trường", "Quản trị Sở/Phòng"]


@transaction.atomic
def ensure_curation_workflow():
    """Create (idempotently) the curation task and workflow, for library items and for
    every page under the home page (lessons, e-lectures)."""
    from wagtail.models import Page, Workflow, WorkflowContentType, WorkflowPage, WorkflowTask

    from content.models import HomePage

    groups = [Group.objects.get_or_create(name=name)[0] for name in CURATOR_GROUPS]
    task = CurationTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = CurationTask.objects.create(name=TASK_NAME)
    task.groups.add(*groups)
    workflow, _created = Workflow.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowContentType.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(LibraryItem),
        defaults={"workflow": workflow},
    )
    home = HomePage.objects.first()
    if home is not None:
        WorkflowPage.objects.get_or_create(
            page=Page.objects.get(pk=home.pk), defaults={"workflow": workflow}
        )
    return workflow


def library_permissions(*actions: str) -> list[Permission]:
    return list(
        Permission.objects.filter(
            content_type__app_label="content",
            codename__in=[f"{a}_libraryitem" for a in actions],
        )
    )


def _check_curator(user, obj) -> None:
    from content.permissions import can_curate

    if not can_curate(user, obj):
        raise PermissionDenied(_("Bạn không phụ trách duyệt học liệu này."))


@transaction.atomic
def library_item_save(*, item: LibraryItem, user, submit: bool = False) -> LibraryItem:
    """Validate and save a draft (new or edited) with a revision; optionally submit it.

    A new item starts as a draft (``live=False``) owned by ``user``'s area; its file is
    processed after commit (text, cover) by a Celery task.
    """
    from content.tasks import library_item_process_task

    is_new = item.pk is None
    if is_new:
        item.created_by = user
        item.live = False
        item.fill_area_from(user)
    file_changed = bool(item.file) and (
        is_new
        or item.file.name
        != LibraryItem.objects.filter(pk=item.pk).values_list("file", flat=True).first()
    )
    if file_changed:
        item.processing = Processing.PENDING
    item.full_clean()
    if is_new or not item.live:
        item.save()
    else:
        # A published item keeps serving its live version (to readers, search and OAI-PMH
        # harvesters) until the edit is approved and published from its revision.
        file_changed = False
    item.save_revision(user=user, log_action=True)
    if submit:
        library_item_submit(item=item, user=user)
    if file_changed:
        transaction.on_commit(lambda: library_item_process_task.delay(item.pk))
    return item


def library_item_submit(*, item: LibraryItem, user) -> None:
    workflow = item.get_workflow()
    if workflow is None:
        raise PermissionDenied(_("Chưa có quy trình duyệt học liệu."))
    workflow.start(item, user)


@transaction.atomic
def library_item_review(*, item: LibraryItem, user, approve: bool, comment: str = "") -> None:
    """Approve (and so publish) or request changes on the item's current task."""
    _check_curator(user, item)
    state = item.current_workflow_task_state
    if state is None:
        raise PermissionDenied(_("Học liệu này không chờ duyệt."))
    task = state.task.specific
    task.on_action(state, user, "approve" if approve else "reject", comment=comment)


@transaction.atomic
def library_item_publish(*, item: LibraryItem, user) -> None:
    """Publish directly (curators only), e.g. for items the library adds itself."""
    _check_curator(user, item)
    revision = item.latest_revision or item.save_revision(user=user)
    revision.publish(user=user)


@transaction.atomic
def takedown(*, obj, user, reason: str) -> Takedown:
    """Unpublish a published item or page, keeping who, when and why."""
    reason = (reason or "").strip()
    if not reason:
        raise ValueError(_("Cần ghi lý do gỡ học liệu."))
    _check_curator(user, obj)
    if not obj.live:
        raise ValueError(_("Học liệu này chưa xuất bản hoặc đã bị gỡ."))
    is_item = isinstance(obj, LibraryItem)
    record = Takedown.objects.create(
        library_item=obj if is_item else None,
        page=None if is_item else obj.page_ptr,
        title=obj.title,
        reason=reason,
        revision=obj.live_revision,
        taken_down_by=user,
    )
    obj.unpublish(user=user, log_action=True)
    log(obj, "content.takedown", user=user, data={"reason": reason, "takedown": record.pk})
    return record


@transaction.atomic
def restore(*, record: Takedown, user) -> None:
    """Publish again the revision that was live when it was taken down (never an edit
    made since, which has to go through approval), and close the takedown record."""
    obj = record.library_item if record.library_item_id else record.page.specific
    _check_curator(user, obj)
    revision = record.revision or obj.live_revision or obj.latest_revision
    revision.publish(user=user)
    record.restored_by = user
    record.restored_at = timezone.now()
    record.save(update_fields=["restored_by", "restored_at"])
    log(obj, "content.restore", user=user, data={"takedown": record.pk})


@receiver(published)
def process_published_file(sender, instance, **kwargs):
    """A file replaced in an edit of a published item is processed once it is published."""
    if isinstance(instance, LibraryItem) and instance.processing == Processing.PENDING:
        from content.tasks import library_item_process_task

        transaction.on_commit(lambda: library_item_process_task.delay(instance.pk))
