"""Reads of the library that the pages and the API share: the rules of
:mod:`content.permissions`, then the list filters, the order and the related rows."""

from django.db.models import QuerySet

from content import permissions
from content.library_models import LibraryItem
from curriculum.models import Subject

#: Newest first, as the library's home page and the API list them.
LIBRARY_ORDER = ("-last_published_at", "-pk")


def library_items(
    *,
    user,
    subject: str | None = None,
    grade: int | None = None,
    resource_type: str | None = None,
) -> QuerySet[LibraryItem]:
    """Published items ``user`` may find, filtered by subject code, grade and resource type;
    unordered, so that a full-text search can run on it (order with ``LIBRARY_ORDER``)."""
    qs = permissions.visible_library_items(user).select_related("subject")
    if subject:
        # By id: the search backends filter only on indexed fields (subject, not its code).
        subject_ids = list(Subject.objects.filter(code=subject).values_list("pk", flat=True))
        qs = qs.filter(subject_id__in=subject_ids)
    if grade:
        qs = qs.filter(grade_min__lte=grade, grade_max__gte=grade)
    if resource_type:
        qs = qs.filter(resource_type=resource_type)
    return qs


def library_item_detail(*, user, item_id: int) -> LibraryItem | None:
    """One item ``user`` may open (published in their area, or theirs to edit), with its
    subject and topics; None otherwise."""
    item = (
        LibraryItem.objects.select_related("subject", "package")
        .prefetch_related("topics")
        .filter(pk=item_id)
        .first()
    )
    if item is None or not permissions.can_view_library_item(user, item):
        return None
    return item
