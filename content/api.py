"""JSON API of the library and the lesson/e-lecture pages (django-ninja).

Public items are readable without signing in, as on the site; everything else is decided
by ``accounts.permissions`` exactly as on the pages.
"""

import datetime as dt

from django.http import Http404
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from content import permissions, selectors
from content.models import ELecturePage, LessonPage

router = Router(tags=["content"])


class ItemOut(Schema):
    id: int
    title: str
    authors: list[str]
    publisher: str
    year: int | None
    isbn: str
    resource_type: str
    language: str
    licence: str
    scope: str
    subject: str | None = Field(None, alias="subject.code")
    grade_min: int | None
    grade_max: int | None
    file_kind: str
    page_count: int | None
    url: str
    published_at: dt.datetime | None = Field(None, alias="last_published_at")

    @staticmethod
    def resolve_authors(obj):
        return obj.author_list

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()


class ItemDetail(ItemOut):
    description: str
    topics: list[str]
    file_url: str | None
    cover_url: str | None

    @staticmethod
    def resolve_topics(obj):
        return [t.code for t in obj.topics.all()]

    @staticmethod
    def resolve_file_url(obj):
        return reverse("library_file", args=[obj.pk]) if obj.file else None

    @staticmethod
    def resolve_cover_url(obj):
        return obj.cover.url if obj.cover else None


class ItemFilters(Schema):
    subject: str | None = None
    grade: int | None = None
    resource_type: str | None = None


class PageOut(Schema):
    id: int
    title: str
    kind: str
    subject: str | None = Field(None, alias="subject.code")
    grade: int | None
    scope: str
    licence: str
    url: str

    @staticmethod
    def resolve_kind(obj):
        return "e-lecture" if isinstance(obj, ELecturePage) else "lesson"

    @staticmethod
    def resolve_url(obj):
        return obj.url


@router.get("/items", response=list[ItemOut], auth=None)
@paginate(LimitOffsetPagination)
def list_items(request, filters: Query[ItemFilters]):
    return selectors.library_items(
        user=request.user,
        subject=filters.subject,
        grade=filters.grade,
        resource_type=filters.resource_type,
    ).order_by(*selectors.LIBRARY_ORDER)


@router.get("/items/{item_id}", response=ItemDetail, auth=None)
def get_item(request, item_id: int):
    item = selectors.library_item_detail(user=request.user, item_id=item_id)
    if item is None:
        raise Http404
    return item


@router.get("/pages", response=list[PageOut], auth=None)
@paginate(LimitOffsetPagination)
def list_pages(request, kind: str = "lesson", subject: str | None = None, grade: int | None = None):
    model = ELecturePage if kind == "e-lecture" else LessonPage
    qs = permissions.visible_material_pages(request.user, model).select_related("subject")
    if subject:
        qs = qs.filter(subject__code=subject)
    if grade:
        qs = qs.filter(grade=grade)
    return qs.order_by("-first_published_at", "-pk")
