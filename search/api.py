"""JSON API of search (django-ninja), mounted at ``/api/v1/search/``.

The same query string as the page (``search.forms.SearchForm``) and the same service, so
the API never shows what the page would not: what a user may find is decided by
``search.permissions.search_document_q`` inside ``search.service``. Readable without signing
in (public materials only), like the library API; a signed-in session sees its own area.
"""

import datetime as dt
from dataclasses import asdict

from ninja import Field, Router, Schema, Status

from search import service
from search.forms import SearchForm
from search.service import SearchResponse

router = Router(tags=["search"])

_ARRAY = {"type": "array", "items": {"type": "string"}}
_PARAMETERS = [
    {"in": "query", "name": name, "required": False, "schema": schema, "description": text}
    for name, schema, text in (
        ("q", {"type": "string"}, "Từ khoá (query)"),
        ("kind", _ARRAY, "lesson | electure | library | question; repeatable"),
        ("subject", {"type": "array", "items": {"type": "integer"}}, "Subject id; repeatable"),
        ("grade", {"type": "integer", "minimum": 1, "maximum": 12}, "Grade 1–12"),
        ("resource_type", _ARRAY, "Resource or question type; repeatable"),
        ("level", _ARRAY, "Cognitive level code; repeatable"),
        ("collection", {"type": "integer"}, "Library collection id"),
        ("licence", _ARRAY, "Licence code; repeatable"),
        ("sort", {"type": "string", "enum": ["relevance", "newest", "popular"]}, "Order"),
        ("page", {"type": "integer", "minimum": 1}, "Page (20 hits a page)"),
    )
]


class HitOut(Schema):
    kind: str
    kind_label: str
    title: str
    url: str
    snippet: str = Field(description="HTML: the escaped text with the query words in <mark>")
    subject: str
    subject_id: int | None
    grade_min: int | None
    grade_max: int | None
    resource_type: str
    level: str
    licence: str
    created_at: dt.datetime


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class SearchOut(Schema):
    q: str
    total: int
    page: int
    pages: int
    per_page: int
    sort: str
    suggestion: str
    relaxed: bool
    hits: list[HitOut]
    facets: dict[str, list[FacetValueOut]]


class ErrorOut(Schema):
    detail: str


class FieldError(Schema):
    loc: list[str]
    msg: str
    type: str


class InvalidOut(Schema):
    detail: list[FieldError]


class SuggestionOut(Schema):
    label: str
    kind: str
    q: str
    url: str


class SuggestionsOut(Schema):
    suggestions: list[SuggestionOut]


def _hit(hit) -> dict:
    doc = hit.document
    return {
        "kind": doc.kind,
        "kind_label": hit.kind_label,
        "title": doc.title,
        "url": doc.url,
        "snippet": str(hit.snippet),
        "subject": doc.subject_name,
        "subject_id": doc.subject_id,
        "grade_min": doc.grade_min,
        "grade_max": doc.grade_max,
        "resource_type": doc.resource_type,
        "level": doc.level,
        "licence": doc.licence,
        "created_at": doc.created_at,
    }


def _out(response: SearchResponse) -> dict:
    params = response.params
    return {
        "q": params.q,
        "total": response.total,
        "page": params.page,
        "pages": response.pages,
        "per_page": params.per_page,
        "sort": params.sort,
        "suggestion": response.suggestion,
        "relaxed": response.relaxed,
        "hits": [_hit(h) for h in response.hits],
        "facets": {name: [asdict(fv) for fv in values] for name, values in response.facets.items()},
    }


@router.get(
    "/",
    response={200: SearchOut, 422: InvalidOut, 503: ErrorOut},
    auth=None,
    summary="Search lessons, e-lectures, library items and questions",
    openapi_extra={"parameters": _PARAMETERS},
)
def search(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        detail = [
            {"loc": ["query", name], "msg": str(message), "type": "invalid"}
            for name, messages in form.errors.items()
            for message in messages
        ]
        return Status(422, {"detail": detail})
    response = service.search(request.user, form.params())
    if response.error:
        return Status(503, {"detail": response.error})
    return Status(200, _out(response))


@router.get(
    "/suggest",
    response=SuggestionsOut,
    auth=None,
    summary="Autocomplete what the user is typing",
    openapi_extra={
        "parameters": [{"in": "query", "name": "q", "required": True, "schema": {"type": "string"}}]
    },
)
def suggest(request):
    return {"suggestions": service.autocomplete(request.user, request.GET.get("q", ""))}
