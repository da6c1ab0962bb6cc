"""What is harvested: the library items the repository answers for, their identifiers and
datestamps, and the queries that select and load them."""

from __future__ import annotations

import re

from django.conf import settings
from django.db.models import Case, DateTimeField, F, Prefetch, QuerySet, When
from django.db.models.functions import Coalesce

from common.sharing import SharingScope
from content.library_models import CollectionEntry, LibraryItem
from content.oai.protocol import DEFAULT_PAGE_SIZE, DEFAULT_REPOSITORY_ID, OAIError
from curriculum.models import Topic


def harvestable_items() -> QuerySet[LibraryItem]:
    """Items whose metadata may leave the platform: published (``live``) and shared with
    everyone (scope ``public``).

    Drafts and items waiting for a librarian's approval are not published. Items scoped to
    a school, district or province are visible only inside that area
    (``accounts.permissions.material_scope_q``); the harvesting systems are national and
    provincial catalogues open to anyone, so handing them those records would publish
    what the author kept to the area. This is exactly what a guest may see.
    """
    return LibraryItem.objects.filter(live=True, scope=SharingScope.PUBLIC)


def withdrawn_items() -> QuerySet[LibraryItem]:
    """Public items that were published once and are no longer live (taken down by a
    librarian, or unpublished by the author): OAI deleted records.

    The repository declares ``deletedRecord`` ``transient``: these are reported with
    ``<header status="deleted">`` (no metadata) so harvesters drop their copy, with the
    time of the change (``updated_at``) as datestamp. Items deleted from the database, or
    narrowed from public to an area while live, are not reported, which "transient"
    allows.
    """
    return LibraryItem.objects.filter(
        live=False, first_published_at__isnull=False, scope=SharingScope.PUBLIC
    )


# Live records change when published; withdrawn ones when they were taken down.
DATESTAMP = Case(
    When(live=True, then=Coalesce("last_published_at", "updated_at")),
    default=F("updated_at"),
    output_field=DateTimeField(),
)


def oai_records() -> QuerySet[LibraryItem]:
    """Everything the repository answers for: harvestable and withdrawn items, annotated
    with ``oai_datestamp``."""
    return (harvestable_items() | withdrawn_items()).annotate(oai_datestamp=DATESTAMP)


def repository_id() -> str:
    return getattr(settings, "OAI_REPOSITORY_ID", DEFAULT_REPOSITORY_ID)


def oai_identifier(item: LibraryItem) -> str:
    # From a setting, not the request's host: identifiers must not change with the name
    # under which a harvester reaches the site.
    return f"oai:{repository_id()}:library/{item.pk}"


def _item_pk(identifier: str) -> int | None:
    match = re.fullmatch(rf"oai:{re.escape(repository_id())}:library/([1-9]\d{{0,17}})", identifier)
    return int(match[1]) if match else None


def find_record(identifier: str, items: QuerySet[LibraryItem] | None = None) -> LibraryItem:
    pk = _item_pk(identifier)
    if items is None:
        items = oai_records()
    item = None if pk is None else items.filter(pk=pk).first()
    if item is None:
        raise OAIError("idDoesNotExist", f"Không có bản ghi {identifier}.")
    return item


def in_set(items: QuerySet[LibraryItem], spec: str) -> QuerySet[LibraryItem]:
    kind, _, value = spec.partition(":")
    if kind == "type":
        return items.filter(resource_type=value) if value else items.exclude(resource_type="")
    if kind == "subject":
        return items.filter(subject__code=value) if value else items.filter(subject__isnull=False)
    if kind == "collection":
        entries = CollectionEntry.objects.filter(collection__oai_set=True)
        if value:
            entries = entries.filter(collection__slug=value)
        return items.filter(pk__in=entries.values("item_id"))
    return items.none()


def page_size() -> int:
    return max(1, int(getattr(settings, "OAI_PAGE_SIZE", DEFAULT_PAGE_SIZE)))


def with_relations(items: QuerySet[LibraryItem], *, metadata: bool) -> QuerySet[LibraryItem]:
    """Everything a page of headers (and records) reads, in a fixed number of queries."""
    entries = CollectionEntry.objects.filter(collection__oai_set=True).select_related("collection")
    items = items.select_related("subject").prefetch_related(
        Prefetch("entries", queryset=entries.order_by("collection__slug"), to_attr="oai_entries")
    )
    if metadata:
        items = items.prefetch_related(
            Prefetch("topics", queryset=Topic.objects.order_by("grade", "sort_order", "pk"))
        )
    return items
