"""Writes of learners' records. Keyword-only; anonymous activity is not logged."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from lms.models import LearningEvent, ReadingPosition
from lms.permissions import can_keep_records

# --- Learning events and reading positions -------------------------------------------
EVENT_SCHEMA_VERSION = 1


def learning_event_record(
    *,
    user,
    kind: str,
    page=None,
    item=None,
    section: int | None = None,
    question_version=None,
    score=None,
    data: dict | None = None,
):
    """Append one event for a signed-in learner; anonymous activity is not logged."""

    if not can_keep_records(user):
        return None
    return LearningEvent.objects.create(
        user=user,
        kind=kind,
        page=page,
        library_item=item,
        section=section,
        question_version=question_version,
        score=score,
        data={"schema_version": EVENT_SCHEMA_VERSION, **(data or {})},
    )


def reading_position_save(*, user, item, page: int | None = None, cfi: str = ""):
    if not can_keep_records(user):
        raise PermissionDenied(_("Cần đăng nhập để lưu vị trí đọc."))

    position, _created = ReadingPosition.objects.update_or_create(
        user=user, library_item=item, defaults={"page": page, "cfi": cfi[:500]}
    )
    return position
