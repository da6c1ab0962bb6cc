"""The search page (server-rendered, works without JavaScript), autocomplete and health.

Views only read the query string through :class:`search.forms.SearchForm` and call
:mod:`search.service`; what each user may find is decided there, by
``search.permissions.search_document_q``. A search engine that is down gives the page's
message with status 503, never a 500.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.db import DatabaseError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts import permissions as accounts_permissions
from content.library_models import LibraryCollection
from curriculum.models import Subject
from search import service
from search.forms import FILTER_LABELS, MULTI, SearchForm
from search.labels import SORTS, kind_labels, level_labels, licence_labels, resource_type_labels
from search.maintenance import health
from search.service import SearchParams, SearchResponse

#: Facet values shown before "Xem thêm" (the rest are in a <details>).
FACET_VISIBLE = 8
#: Page links either side of the current page.
PAGE_WINDOW = 2


# --- Query strings --------------------------------------------------------------------------
def query_pairs(params: SearchParams) -> list[tuple[str, str]]:
    """The query string of ``params`` without the page: what every link keeps."""
    pairs: list[tuple[str, str]] = []
    if params.q:
        pairs.append(("q", params.q))
    for name in FILTER_LABELS:
        value = getattr(params, name)
        if name in MULTI:
            pairs.extend((name, str(v)) for v in value)
        elif value:
            pairs.append((name, str(value)))
    if params.sort != "relevance":
        pairs.append(("sort", params.sort))
    return pairs


def href(pairs: list[tuple[str, str]]) -> str:
    return "?" + urlencode(pairs) if pairs else "?"


def _without(pairs, name: str, value: str | None = None):
    return [(k, v) for k, v in pairs if not (k == name and (value is None or v == value))]


def toggle_url(pairs, name: str, value: str, selected: bool) -> str:
    """The link that adds ``name=value`` (or replaces it, for single-valued filters) or,
    when it is selected, removes it — keeping the query, the other filters and the sort."""
    if selected:
        return href(_without(pairs, name, value))
    if name in MULTI:
        return href([*pairs, (name, value)])
    return href([*_without(pairs, name), (name, value)])


def page_url(pairs, page: int) -> str:
    return href([*pairs, ("page", str(page))] if page > 1 else pairs)


# --- What the template shows ------------------------------------------------------------------
def _fallback_labels(name: str, values: list[str]) -> dict[str, str]:
    """Labels of selected values that are not among the facet counts (no results)."""
    if name == "kind":
        return kind_labels()
    if name == "resource_type":
        return resource_type_labels()
    if name == "level":
        return level_labels()
    if name == "licence":
        return licence_labels()
    if name == "grade":
        return {v: _("Lớp %(grade)s") % {"grade": v} for v in values}
    ids = [int(v) for v in values if v.isdigit()]
    if name == "subject":
        rows = Subject.objects.filter(pk__in=ids).values_list("pk", "name")
    else:
        rows = LibraryCollection.objects.filter(pk__in=ids).values_list("pk", "name")
    return {str(pk): label for pk, label in rows}


def selected_values(params: SearchParams, name: str) -> list[str]:
    value = getattr(params, name)
    if name in MULTI:
        return [str(v) for v in value]
    return [str(value)] if value else []


def facet_groups(response: SearchResponse, pairs) -> list[dict]:
    groups = []
    for name, heading in FILTER_LABELS.items():
        values = [
            {
                "value": fv.value,
                "label": fv.label,
                "count": fv.count,
                "selected": fv.selected,
                "url": toggle_url(pairs, name, fv.value, fv.selected),
            }
            for fv in response.facets.get(name, [])
        ]
        if not values:
            continue
        groups.append(
            {
                "name": name,
                "heading": heading,
                "values": values[:FACET_VISIBLE],
                "more": values[FACET_VISIBLE:],
                "active": any(v["selected"] for v in values),
            }
        )
    return groups


def active_filters(response: SearchResponse | None, params: SearchParams, pairs) -> list[dict]:
    out = []
    for name, heading in FILTER_LABELS.items():
        values = selected_values(params, name)
        if not values:
            continue
        known = {fv.value: fv.label for fv in (response.facets.get(name, []) if response else [])}
        missing = [v for v in values if v not in known]
        if missing:
            known = {**_fallback_labels(name, missing), **known}
        for value in values:
            out.append(
                {
                    "heading": heading,
                    "label": known.get(value, value),
                    "url": href(_without(pairs, name, value)),
                }
            )
    return out


def sort_links(params: SearchParams, pairs) -> list[dict]:
    base = _without(pairs, "sort")
    return [
        {
            "value": value,
            "label": label,
            "selected": value == params.sort,
            "url": href(base if value == "relevance" else [*base, ("sort", value)]),
        }
        for value, label in SORTS.items()
    ]


def pagination(response: SearchResponse, pairs) -> dict | None:
    pages, current = response.pages, response.params.page
    if pages <= 1:
        return None
    numbers = sorted(
        {1, pages, *range(max(1, current - PAGE_WINDOW), min(pages, current + PAGE_WINDOW) + 1)}
    )
    links, previous = [], 0
    for number in numbers:
        if number - previous > 1:
            links.append({"gap": True})
        links.append(
            {"number": number, "url": page_url(pairs, number), "current": number == current}
        )
        previous = number
    return {
        "links": links,
        "previous": page_url(pairs, current - 1) if 1 < current <= pages else "",
        "next": page_url(pairs, current + 1) if current < pages else "",
        "current": current,
        "pages": pages,
    }


def grade_text(grade_min: int | None, grade_max: int | None) -> str:
    if not grade_min:
        return ""
    if grade_max and grade_max != grade_min:
        return _("Lớp %(low)s–%(high)s") % {"low": grade_min, "high": grade_max}
    return _("Lớp %(grade)s") % {"grade": grade_min}


def hit_rows(response: SearchResponse) -> list[dict]:
    licences, types = licence_labels(), resource_type_labels()
    rows = []
    for hit in response.hits:
        doc = hit.document
        rows.append(
            {
                "kind": doc.kind,
                "kind_label": hit.kind_label,
                "title": doc.title,
                "url": doc.url,
                "snippet": hit.snippet,
                "subject": doc.subject_name,
                "grades": grade_text(doc.grade_min, doc.grade_max),
                "resource_type": types.get(doc.resource_type, "")
                if doc.resource_type not in (doc.kind, "")
                else "",
                "licence": licences.get(doc.licence, doc.licence),
                "created_at": doc.created_at,
            }
        )
    return rows


# --- Views -------------------------------------------------------------------------------------
@never_cache
@require_GET
def search_page(request):
    form = SearchForm(request.GET)
    form.is_valid()
    params = form.params()
    pairs = query_pairs(params)
    response = service.search(request.user, params) if form.has_criteria() else None
    context = {
        "form": form,
        "params": params,
        "errors": form.error_list(),
        "response": response,
        "query": params.q,
        "active_filters": active_filters(response, params, pairs),
        "clear_filters_url": href([(k, v) for k, v in pairs if k in ("q", "sort")]),
        # A new query from the page's box keeps the filters and the sort.
        "form_hidden": [(k, v) for k, v in pairs if k != "q"],
    }
    if response is not None and not response.error:
        suggestion_pairs = [("q", response.suggestion), *pairs[1 if params.q else 0 :]]
        context.update(
            hits=hit_rows(response),
            facets=facet_groups(response, pairs),
            sorts=sort_links(params, pairs),
            pager=pagination(response, pairs),
            first_page_url=page_url(pairs, 1),
            suggestion_url=href(suggestion_pairs) if response.suggestion else "",
            first=(params.page - 1) * params.per_page + 1,
            last=(params.page - 1) * params.per_page + len(response.hits),
        )
    status = 503 if response is not None and response.error else 200
    result = render(request, "search/search.html", context, status=status)
    if status == 503:
        result["Retry-After"] = "60"
    return result


@never_cache
@require_GET
def suggest(request):
    """Autocomplete as JSON: ``{"suggestions": [{"label", "kind", "q", "url"}]}``."""
    text = request.GET.get("q", "")
    return JsonResponse({"suggestions": service.autocomplete(request.user, text)})


@never_cache
@require_GET
def health_view(request):
    """``search.maintenance.health()`` as JSON: 200 when every backend answers, else 503.

    Monitoring needs only ``ok`` per backend; document counts and error names are shown to
    staff (the people who can open the admin)."""
    try:
        report = health()
    except DatabaseError as exc:
        report = {"ok": False, "error": type(exc).__name__, "backends": {}}
    if not accounts_permissions.can_access_admin(request.user):
        report = {
            "ok": report["ok"],
            "backends": {
                alias: {"ok": entry["ok"]} for alias, entry in report.get("backends", {}).items()
            },
        }
    return JsonResponse(report, status=200 if report["ok"] else 503)
