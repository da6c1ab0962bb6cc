"""The question bank's audit log: its action types (with the Vietnamese labels the admin's
history pages show) and the few helpers its services write entries with.

Entries are Wagtail's ``ModelLogEntry`` rows, written through :func:`wagtail.log_actions.log`
as Wagtail's own actions do. Creations and deletions use Wagtail's ``wagtail.create`` and
``wagtail.delete``; what only the bank does has a ``question_bank.*`` name registered here.
"""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import get_active_log_context, log
from wagtail.models import ModelLogEntry

#: action → (label, message) shown in the history of an object and the site history.
ACTIONS = {
    "question_bank.move": (_("Chuyển ngân hàng"), _("Đã chuyển sang ngân hàng khác")),
    "question_bank.tag": (_("Gắn thẻ"), _("Đã gắn thẻ")),
    "question_bank.submit": (_("Gửi duyệt"), _("Đã gửi tổ chuyên môn duyệt")),
    "question_bank.import.upload": (_("Tải tệp câu hỏi lên"), _("Đã tải tệp câu hỏi lên")),
    "question_bank.import.confirm": (_("Xác nhận nhập câu hỏi"), _("Đã xác nhận nhập câu hỏi")),
    "question_bank.import.leave_out": (
        _("Chọn câu bỏ qua khi nhập"),
        _("Đã chọn các câu hỏi không lưu khi nhập"),
    ),
    "question_bank.import": (_("Nhập câu hỏi"), _("Đã nhập câu hỏi từ tệp")),
    "question_bank.paper.assemble": (_("Tạo đề"), _("Đã tạo đề từ ma trận")),
    "question_bank.paper.practice": (_("Tạo bài luyện tập"), _("Đã tạo bài luyện tập")),
    "question_bank.paper.release": (_("Công bố đề"), _("Đã công bố đề")),
}


@hooks.register("register_log_actions")
def register_question_bank_log_actions(actions):
    for action, (label, message) in ACTIONS.items():
        actions.register_action(action, label, message)


def log_entry(obj, action: str, *, user, data: dict | None = None) -> ModelLogEntry:
    """One audit-log entry for ``obj`` (saved) by ``user``."""
    return log(obj, action, user=user, data=data or {})


def log_entries(
    objects: Iterable,
    action: str,
    *,
    user,
    data: dict | None = None,
    labels=None,
    insert=None,
) -> None:
    """The same entry for many objects of one model, in one query (bulk imports, bulk
    actions): the rows :func:`log_entry` would write one by one. ``labels``: each object's
    ``str()`` when the caller has it already; ``insert(model, rows)`` writes the rows
    instead of ``bulk_create`` (the bulk save's COPY)."""
    objects = list(objects)
    if not objects:
        return
    content_type = ContentType.objects.get_for_model(objects[0], for_concrete_model=False)
    context = get_active_log_context()
    user = user or context.user
    now = timezone.now()
    labels = labels or [str(obj)[:255] for obj in objects]
    entries = [
        ModelLogEntry(
            content_type=content_type,
            object_id=str(obj.pk),
            label=label,
            action=action,
            timestamp=now,
            data=data or {},
            user=user,
            uuid=context.uuid,
        )
        for obj, label in zip(objects, labels, strict=True)
    ]
    if insert is not None:
        insert(ModelLogEntry, entries)
    else:
        ModelLogEntry.objects.bulk_create(entries, batch_size=500)
