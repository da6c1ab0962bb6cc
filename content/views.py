"""Public pages of the library and the feedback/curation endpoints of all materials.

Views are thin: every rule comes from ``accounts.permissions``, every write from a service.
Library files are served only through :func:`library_file`, after the permission check,
with headers that stop a browser from running anything inside them.
"""

import logging
import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Avg, Count, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from common.serving import serve_file
from common.textsearch import vietnamese_query
from content import curation, feedback, permissions, selectors, signals
from content.blocks import package_embed_context
from content.feedback_models import Comment
from content.forms import CommentForm, RatingForm, TakedownForm
from content.library_models import (
    CollectionKind,
    LibraryCollection,
    LibraryItem,
    ResourceType,
    Takedown,
)
from curriculum.models import Subject

logger = logging.getLogger(__name__)
PAGE_SIZE = 24
FILE_MIME = {
    "pdf": "application/pdf",
    "epub": "application/epub+zip",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _search(queryset, query: str, filters: dict):
    """Narrow ``queryset`` to the items matching ``query`` (the first 500); on a search
    engine failure, keep it as it is and say so in ``filters``."""
    try:
        results = get_search_backend().search(vietnamese_query(query), queryset)
        ids = [item.pk for item in results[:500]]
    except Exception:
        logger.exception("library search failed")
        filters["search_error"] = _(
            "Tạm thời không tìm kiếm được theo từ khoá; đang hiển thị theo bộ lọc."
        )
        return queryset
    return queryset.filter(pk__in=ids)


def library_filter(request):
    """The items of the list filters in the query string; returns (queryset, filters)."""
    params = request.GET
    filters = {
        "q": params.get("q", "").strip()[:200],
        "subject": params.get("mon", ""),
        "grade": _int(params.get("lop")),
        "type": params.get("loai", ""),
    }
    queryset = selectors.library_items(
        user=request.user,
        subject=filters["subject"],
        grade=filters["grade"],
        resource_type=filters["type"] if filters["type"] in ResourceType.values else None,
    )
    if filters["q"]:
        # Full-text search runs on the already-permitted, filtered queryset.
        queryset = _search(queryset, filters["q"], filters)
    return queryset, filters


def library_home(request):
    items, filters = library_filter(request)
    page = Paginator(items.order_by(*selectors.LIBRARY_ORDER), PAGE_SIZE).get_page(
        request.GET.get("trang")
    )
    visible = permissions.visible_library_items(request.user)
    shelves = []
    if not any(filters.values()) and page.number == 1:
        for collection in LibraryCollection.objects.filter(
            kind__in=[CollectionKind.FEATURED, CollectionKind.READING_LIST]
        )[:6]:
            shelf = [
                entry.item
                for entry in collection.entries.filter(item__in=visible)
                .select_related("item", "item__subject")
                .order_by("sort_order")[:8]
            ]
            if shelf:
                shelves.append((collection, shelf))
    return render(
        request,
        "content/library/home.html",
        {
            "page_obj": page,
            "filters": filters,
            "shelves": shelves,
            "subjects": Subject.objects.all(),
            "types": ResourceType.choices,
            "grades": range(1, 13),
            "collections": LibraryCollection.objects.all()[:30],
        },
    )


def library_item_or_404(request, pk) -> LibraryItem:
    item = selectors.library_item_detail(user=request.user, item_id=pk)
    if item is None:
        raise Http404
    return item


def library_item(request, pk):
    item = library_item_or_404(request, pk)
    if item.live and request.method == "GET":
        feedback.material_viewed(user=request.user, item=item)
    reader = None
    if item.readable and item.file and item.processing != "failed":
        reader = {
            "kind": item.file_kind,
            "file_url": reverse("library_file", args=[item.pk]),
            "title": item.title,
        }
    feedback_part = feedback.feedback_context(request, item=item)
    curator = feedback_part["is_curator"]  # decided once, in feedback_context
    context = {
        "item": item,
        "reader": reader,
        "collections": LibraryCollection.objects.filter(entries__item=item).distinct(),
        "takedown_form": TakedownForm() if curator else None,
        "takedowns": item.takedowns.all()[:5] if curator else [],
        **feedback_part,
        # The reader's saved position (from lms; none for a visitor).
        **(signals.learner_context_for(request, item=item) if reader else {}),
        # An e-lecture package plays in place (its own rules decide who sees it).
        **(package_embed_context(item.package, {"request": request}) if item.package_id else {}),
    }
    return render(request, "content/library/item.html", context)


def library_file(request, pk):
    """The item's file, inline for the reader or as a download (``?tai=1``)."""
    item = library_item_or_404(request, pk)
    if not item.file:
        raise Http404
    download = request.GET.get("tai") == "1"
    if download and not item.downloadable:
        raise PermissionDenied(_("Giấy phép của tài liệu này chỉ cho đọc trực tuyến."))
    mime = FILE_MIME.get(item.file_kind) or mimetypes.guess_type(item.file.name)[0]
    # Range for the reader and videos, X-Accel-Redirect in production, and headers under
    # which the file, opened on its own, may run nothing and reach nothing.
    response = serve_file(request, item.file, content_type=mime, download=download)
    # A resumed download (a Range past the first byte) is not another download.
    resumed = not request.headers.get("Range", "bytes=0-").startswith("bytes=0-")
    if download and item.live and request.method == "GET" and not resumed:
        feedback.material_downloaded(user=request.user, item=item)
    return response


def library_collection(request, slug):
    collection = get_object_or_404(LibraryCollection, slug=slug)
    visible = permissions.visible_library_items(request.user)
    entries = (
        collection.entries.filter(item__in=visible)
        .select_related("item", "item__subject")
        .order_by("sort_order")
    )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(
        request, "content/library/collection.html", {"collection": collection, "page_obj": page}
    )


def _target(kind: str, pk: int, user):
    if kind == "item":
        item = get_object_or_404(LibraryItem, pk=pk)
        if not item.live or not permissions.can_view_library_item(user, item):
            raise Http404
        return {"item": item}, item.get_absolute_url()
    if kind == "page":
        page = get_object_or_404(Page, pk=pk).specific
        if not hasattr(page, "scope") or not page.live:
            raise Http404
        if not permissions.can_view_material_page(user, page):
            raise Http404
        return {"page": page}, page.url
    raise Http404


@login_required
@require_POST
def material_rate(request, kind, pk):
    target, url = _target(kind, pk, request.user)
    form = RatingForm(request.POST)
    if form.is_valid():
        feedback.rating_set(user=request.user, stars=form.cleaned_data["stars"], **target)
        messages.success(request, _("Cảm ơn bạn đã đánh giá."))
    else:
        messages.error(request, _("Đánh giá phải từ 1 đến 5 sao."))
    return redirect(f"{url}#phan-hoi")


@login_required
@require_POST
def material_comment(request, kind, pk):
    target, url = _target(kind, pk, request.user)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            feedback.comment_add(user=request.user, body=form.cleaned_data["body"], **target)
            messages.success(request, _("Đã gửi nhận xét."))
        except ValueError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("Nhận xét không được để trống và dài tối đa 2000 ký tự."))
    return redirect(f"{url}#phan-hoi")


@login_required
@require_POST
def comment_hide(request, pk):
    comment = get_object_or_404(Comment, pk=pk)
    target = comment.library_item if comment.library_item_id else comment.page.specific
    if not permissions.can_curate(request.user, target):
        raise PermissionDenied
    feedback.comment_hide(comment=comment, hidden=request.POST.get("hidden") != "0")
    url = target.get_absolute_url() if comment.library_item_id else target.url
    return redirect(f"{url}#phan-hoi")


@login_required
@require_POST
def material_takedown(request, kind, pk):
    if kind == "item":
        obj = get_object_or_404(LibraryItem, pk=pk)
        url = obj.get_absolute_url()
    else:
        obj = get_object_or_404(Page, pk=pk).specific
        url = obj.url or "/"
    if not permissions.can_curate(request.user, obj):
        raise PermissionDenied
    form = TakedownForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cần ghi lý do gỡ học liệu."))
        return redirect(url)
    try:
        curation.takedown(obj=obj, user=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("Đã gỡ học liệu; lý do đã được ghi lại."))
    except ValueError as exc:
        messages.error(request, str(exc))
    return redirect(url if kind == "item" else reverse("library_stats"))


@login_required
@require_POST
def takedown_restore(request, pk):
    record = get_object_or_404(Takedown, pk=pk, restored_at__isnull=True)
    obj = record.library_item or record.page.specific
    if not permissions.can_curate(request.user, obj):
        raise PermissionDenied
    curation.restore(record=record, user=request.user)
    messages.success(request, _("Đã khôi phục học liệu."))
    return redirect(obj.get_absolute_url() if record.library_item_id else obj.url)


@login_required
def library_stats(request):
    """Views, downloads, ratings and comments per item and per collection, for curators."""
    if not permissions.is_curator(request.user):
        raise PermissionDenied
    items = (
        permissions.curatable_library_items(request.user)
        .annotate(
            rating_avg=Avg("ratings__stars"),
            rating_n=Count("ratings", distinct=True),
            comment_n=Count("comments", distinct=True),
        )
        .order_by(
            request.GET.get("sap_xep") if request.GET.get("sap_xep") in SORTS else "-view_count"
        )
    )
    page = Paginator(items, 50).get_page(request.GET.get("trang"))
    curated = permissions.curatable_library_items(request.user)
    collections = (
        LibraryCollection.objects.annotate(
            n=Count("entries", filter=Q(entries__item__in=curated), distinct=True),
            views=Sum("entries__item__view_count", filter=Q(entries__item__in=curated)),
            downloads=Sum("entries__item__download_count", filter=Q(entries__item__in=curated)),
        )
        .filter(n__gt=0)
        .order_by("-views")
    )
    open_takedowns = Takedown.objects.filter(
        restored_at__isnull=True, library_item__in=curated
    ).select_related("library_item", "taken_down_by")[:50]
    return render(
        request,
        "content/library/stats.html",
        {"page_obj": page, "collections": collections, "takedowns": open_takedowns},
    )


SORTS = {"-view_count", "-download_count", "-rating_avg", "-comment_n", "title"}
