"""The one query layer behind the search page, the search API and autocomplete.

``search(user, params)`` runs a Vietnamese query over every search document the user may
see — the rule is ``search.permissions.search_document_q``, applied inside the query — with
facet filters, a sort and a page, and returns hits with snippets plus facet counts:

* on OpenSearch/Elasticsearch hits, total and every facet come from **one** request
  (terms aggregations sized past the 10-bucket default; grades are a multi-valued field,
  since an item may span several);
* on PostgreSQL one SQL statement matches the documents' stored vectors and returns the
  total, the page and every facet (:mod:`search.postgres`);
* on SQLite (the demo) one SQL statement matches modelsearch's FTS5 index and returns every
  match with its facet columns; relevance (title matches first) and the facets are counted
  from those rows (:mod:`search.sqlite`).

A backend that is down or refuses the query gives a :class:`SearchResponse` with
``error`` set — the page shows the message, never a 500.
"""

from __future__ import annotations

import html
import logging
import math
from collections import OrderedDict
from dataclasses import dataclass, field, replace

from django.db import DatabaseError
from django.db.models import Count, Q
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from modelsearch.backends import get_search_backend
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from modelsearch.query import MatchAll

from common.vietnamese import accented_keys, fold
from curriculum.models import Subject
from search.engine import search_body
from search.labels import (
    SORTS,
    collection_labels,
    kind_labels,
    level_labels,
    licence_labels,
    names_clear,
    resource_type_labels,
    subject_labels,
)
from search.models import Audience, DocumentKind, SearchDocument, SearchDocumentCollection
from search.postgres import autocomplete_documents, search_page, uses_own_vectors
from search.query import ParsedQuery, build, parse, scoped_params, subject_ids, understand
from search.spelling import corrections, vocabulary, vocabulary_tier
from search.sqlite import autocomplete_documents as sqlite_autocomplete
from search.sqlite import search_page as sqlite_page
from search.sqlite import uses_sqlite_fts
from search.synonyms import known

logger = logging.getLogger(__name__)

PER_PAGE = 20
MAX_PER_PAGE = 50
MAX_PAGE = 500
GRADES = range(1, 13)
FACETS = ("kind", "subject", "grade", "resource_type", "level", "collection", "licence")
#: Facet name → SearchDocument column (grade and collection are multi-valued, see below).
FACET_COLUMNS = {
    "kind": "kind",
    "subject": "subject_id",
    "resource_type": "resource_type",
    "level": "level",
    "licence": "licence",
}
BUCKETS = 500  # more than any facet has values; OpenSearch's default is 10


class SearchUnavailable(Exception):
    """The search backend is down or refused the query; ``message`` is for the user."""


@dataclass
class SearchParams:
    q: str = ""
    kind: list[str] = field(default_factory=list)
    subject: list[int] = field(default_factory=list)
    grade: int | None = None
    resource_type: list[str] = field(default_factory=list)
    level: list[str] = field(default_factory=list)
    collection: int | None = None
    licence: list[str] = field(default_factory=list)
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE

    def clean(self) -> SearchParams:
        self.sort = self.sort if self.sort in SORTS else "relevance"
        self.page = min(max(int(self.page or 1), 1), MAX_PAGE)
        self.per_page = min(max(int(self.per_page or PER_PAGE), 1), MAX_PER_PAGE)
        if self.grade is not None and self.grade not in GRADES:
            self.grade = None
        return self

    def filter_q(self) -> Q:
        rule = Q()
        for name, column in FACET_COLUMNS.items():
            values = getattr(self, name)
            if values:
                rule &= Q(**{f"{column}__in": values})
        if self.grade:
            rule &= Q(grade_min__lte=self.grade, grade_max__gte=self.grade)
        if self.collection:
            ids = SearchDocumentCollection.objects.filter(collection_id=self.collection)
            rule &= Q(id__in=list(ids.values_list("document_id", flat=True)))
        return rule


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Hit:
    document: SearchDocument
    kind_label: str
    snippet: SafeString


@dataclass
class SearchResponse:
    params: SearchParams
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    suggestion: str = ""
    relaxed: bool = False
    error: str = ""
    backend: str = ""

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.params.per_page)) if self.total else 0


def _engine_errors() -> tuple[type[BaseException], ...]:
    """Errors of an unreachable or refusing search engine (retried by the sync task)."""
    errors: list[type[BaseException]] = [ConnectionError, TimeoutError]
    for module in ("opensearchpy.exceptions", "elasticsearch", "elastic_transport"):
        try:
            mod = __import__(module, fromlist=["x"])
        except ImportError:
            continue
        for name in ("TransportError", "ConnectionError", "ApiError", "SerializationError"):
            if isinstance(getattr(mod, name, None), type):
                errors.append(getattr(mod, name))
    return tuple(errors)


ENGINE_ERRORS = _engine_errors()
#: What the page turns into a message: the engine's errors, and the database's (the
#: database backend searches in PostgreSQL).
SEARCH_ERRORS = (*ENGINE_ERRORS, DatabaseError)
UNAVAILABLE = (
    "Chức năng tìm kiếm đang tạm thời gián đoạn. Vui lòng thử lại sau ít phút; các trang "
    "khác vẫn dùng bình thường. (Search is temporarily unavailable.)"
)
REJECTED = (
    "Máy tìm kiếm không xử lý được câu tìm kiếm này. Hãy bỏ bớt ký tự đặc biệt hoặc rút "
    "gọn câu tìm kiếm. (The search engine could not process this query.)"
)


def _is_rejection(exc: BaseException) -> bool:
    status = getattr(exc, "status_code", None) or getattr(exc, "status", None)
    return isinstance(status, int) and 400 <= status < 500


def document_queryset(user, params: SearchParams):
    from search.permissions import search_document_q

    qs = SearchDocument.objects.filter(search_document_q(user) & params.filter_q())
    if params.sort == "newest":
        qs = qs.order_by("-created_at", "-id")
    elif params.sort == "popular":
        qs = qs.order_by("-popularity", "-id")
    return qs


def document_parts(user, params: SearchParams) -> list:
    """The documents of :func:`document_queryset`, one queryset per audience that the facet
    filters leave (PostgreSQL reads each through that audience's indexes)."""
    from search.permissions import search_document_parts

    audiences = {Audience.MATERIAL, Audience.QUESTION}
    # Only questions are of kind "question", and only they have a cognitive level
    # (search.documents): the other part cannot match, and need not be looked at.
    if params.kind:
        audiences &= {
            Audience.QUESTION if kind == DocumentKind.QUESTION else Audience.MATERIAL
            for kind in params.kind
        }
    if params.level:
        audiences &= {Audience.QUESTION}
    rule = params.filter_q()
    return [
        SearchDocument.objects.filter(part & rule)
        for audience, part in search_document_parts(user).items()
        if audience in audiences
    ]


def spelling_corrections(user, query_words: list[str]) -> dict[str, list[str]]:
    """Typo corrections from the vocabulary ``user`` may be offered (``search.spelling``),
    each followed by the word as typed: the suggestion never names a word the user may
    not read, and a word the vocabulary lacks but the user's own documents hold (a private
    bank's) is still searched for."""
    found = corrections([w for w in query_words if not known(w)], tier=vocabulary_tier(user))
    return {word: [*alternatives, word] for word, alternatives in found.items()}


#: A query of three words or more whose words all match fewer documents than this also
#: shows the documents that match most of its words, after those (relaxed_minimum; of two
#: words that would be either word, so only when nothing has both).
RELAX_BELOW = 3


def _understood(user, params: SearchParams, *, scoped: bool = True):
    """The query as read (Telex decoded, typos corrected) and the params it runs with (a
    subject and grade shorthand narrows them: search.query.scoped_params)."""
    tier = vocabulary_tier(user)
    parsed = understand(params.q, is_word=vocabulary(tier).__contains__, scoped=scoped)
    parsed.corrected = spelling_corrections(user, parsed.words)
    return parsed, scoped_params(params, parsed, subject_ids)


def search(user, params: SearchParams, *, backend: str = "default") -> SearchResponse:
    params.clean()
    response = SearchResponse(params=params, backend=backend)
    parsed, run = _understood(user, params)
    response.suggestion = parsed.suggestion()
    try:
        engine = get_search_backend(backend)
        own_vectors = uses_own_vectors(engine)

        def attempt(parsed, run, operator):
            qs = None if own_vectors else document_queryset(user, run)
            parts = document_parts(user, run) if own_vectors else []
            _run(engine, qs, parts, parsed, run, response, operator=operator)

        if parsed.empty and parsed.subject and run is not params and _first_page(run):
            # "toán 12" alone: every material of the subject and grade; on the first page
            # those named after it ("Toán 12 – Cánh Diều"), then those whose text names it
            # ("Bài tập Toán 12"). Later pages are the rest, by popularity.
            name = f"{parsed.subject} {parsed.grade}"
            named = parse(name, correct=False, scoped=False)
            attempt(named, replace(run, per_page=RESCORE_WINDOW), "and")
            first = sorted(response.hits, key=lambda h: not fold(h.document.title).startswith(name))
            attempt(parsed, run, "and")
            _put_first(response, first)
        else:
            attempt(parsed, run, "and")
        if not response.total and run is not params:
            # Nothing of that subject and grade: the words as typed, anywhere.
            parsed, run = _understood(user, params, scoped=False)
            attempt(parsed, run, "and")
        if len(parsed.words) > 1 and (
            not response.total or (response.total < RELAX_BELOW and len(parsed.words) > 2)
        ):
            strict = response.hits
            attempt(parsed, run, "or")
            response.relaxed = not strict and bool(response.total)
            _put_first(response, strict)
    except SEARCH_ERRORS as exc:
        logger.warning("search failed on %s: %r", backend, exc)
        response.error = REJECTED if _is_rejection(exc) else UNAVAILABLE
        response.hits, response.total, response.facets = [], 0, {}
        return response
    response.facets = _label_facets(response.facets, params)
    return response


def _first_page(params: SearchParams) -> bool:
    return params.sort == "relevance" and params.page == 1


def _put_first(response: SearchResponse, strict: list[Hit]) -> None:
    """The hits of every word before those of most words, on the first page (the others
    leave them out: they are on the first)."""
    if not strict:
        return
    seen = {h.document.pk for h in strict}
    # A document deleted since the first read is left out, as _run leaves it out.
    alive = set(SearchDocument.objects.filter(pk__in=seen).values_list("pk", flat=True))
    strict = [h for h in strict if h.document.pk in alive]
    rest = [h for h in response.hits if h.document.pk not in seen]
    first = response.params.page == 1
    response.hits = (strict + rest)[: response.params.per_page] if first else rest


#: Accented queries re-rank the first results so the exact spelling comes first (a rescore
#: window, as OpenSearch's own ``rescore`` does), the same way on every backend.
RESCORE_WINDOW = 60


def _run(engine, qs, parts, parsed: ParsedQuery, params, response, *, operator: str) -> None:
    relevance = params.sort == "relevance" and not parsed.empty
    own_vectors = uses_own_vectors(engine)
    is_engine = isinstance(engine, ElasticsearchBaseSearchBackend)
    own_fts = uses_sqlite_fts(engine)  # SQLite: search.sqlite matches modelsearch's index
    if is_engine:
        # The query body is search.engine's; modelsearch compiles the filters and sort.
        results = engine.search(MatchAll(), qs, order_by_relevance=relevance)
    elif not own_vectors and not own_fts:
        qs = qs.defer("body", "body_keys")
        results = engine.search(build(parsed, operator=operator), qs, order_by_relevance=relevance)
    start = (params.page - 1) * params.per_page
    keys = set(accented_keys(parsed.accented)) if relevance and parsed.accented else set()
    rescore = bool(keys) and start + params.per_page <= RESCORE_WINDOW
    first, size = (0, RESCORE_WINDOW) if rescore else (start, params.per_page)
    if own_vectors:
        docs, total, counts = search_page(
            parts, parsed, operator=operator, sort=params.sort, start=first, size=size
        )
    elif is_engine:
        body = search_body(results.query_compiler, parsed, operator=operator, relevance=relevance)
        docs, total, counts = _engine_page(results, body, first, size)
    elif own_fts:
        docs, total, counts = sqlite_page(
            qs, parsed, operator=operator, sort=params.sort, start=first, size=size
        )
    else:
        docs, total, counts = _database_page(results, first, size)
    if rescore:
        # Stable: among documents with as many of the typed accents, relevance decides.
        docs.sort(key=lambda d: -len(keys & set(d.title_keys.split())))
        docs = docs[start : start + params.per_page]
    deferred = {d.pk for d in docs if "body" in d.get_deferred_fields()}
    bodies = dict(SearchDocument.objects.filter(pk__in=deferred).values_list("pk", "body"))
    # A document deleted since the page was read is left out, as one gone before it is
    # (reading its body later would fail).
    docs = [d for d in docs if d.pk not in deferred or d.pk in bodies]
    words = parsed.all_words()
    for values in parsed.corrected.values():
        words.extend(values)
    labels = kind_labels()
    response.hits = []
    for d in docs:
        if d.pk in bodies:
            d.body = bodies[d.pk]
        snip = snippet(d.body, words)
        response.hits.append(Hit(document=d, kind_label=labels.get(d.kind, d.kind), snippet=snip))
    response.total = total
    response.facets = counts


# --- OpenSearch / Elasticsearch: one request --------------------------------------------
def _engine_page(results, body: dict, start: int, size: int):
    compiler = results.query_compiler
    mapping = compiler.mapping

    def column(name: str) -> str:
        return mapping.get_field_column_name(compiler._get_filterable_field(name))

    aggs = {
        name: {"terms": {"field": column(col), "size": BUCKETS}}
        for name, col in FACET_COLUMNS.items()
    }
    aggs["collection"] = {"terms": {"field": column("collection_ids"), "size": BUCKETS}}
    # Grades: a multi-valued field (every grade a document spans), counted by terms.
    aggs["grade"] = {"terms": {"field": column("grades"), "size": len(GRADES)}}
    body["aggregations"] = aggs
    body["track_total_hits"] = True
    index = results.backend.get_index_for_model(SearchDocument).name
    reply = results._backend_do_search(
        body,
        index=index,
        from_=start,
        size=size,
        _source=False,
        **{results.fields_param_name: "pk"},
    )
    pks = [int(hit["fields"]["pk"][0]) for hit in reply["hits"]["hits"]]
    found = {d.pk: d for d in SearchDocument.objects.filter(pk__in=pks).defer("body", "body_keys")}
    docs = [found[pk] for pk in pks if pk in found]
    total = reply["hits"]["total"]
    total = total["value"] if isinstance(total, dict) else int(total)
    aggregations = reply.get("aggregations", {})
    counts: dict[str, dict[str, int]] = {}
    for name in (*FACET_COLUMNS, "collection", "grade"):
        counts[name] = OrderedDict(
            (str(b["key"]), b["doc_count"])
            for b in aggregations.get(name, {}).get("buckets", [])
            if b["doc_count"]
        )
    return docs, total, counts


# --- Database backends: the page from modelsearch, facets in SQL -------------------------
def _matching(results):
    compiler = results.query_compiler
    config = compiler.get_config(results.backend)
    try:
        return compiler.search(config, None, None, backend=results.backend)
    except TypeError:  # SQLite's compiler takes no backend argument
        return compiler.search(config, None, None)


def _database_page(results, start: int, size: int):
    docs = list(results[start : start + size])
    matching = _matching(results).order_by().values("pk")
    scope = SearchDocument.objects.filter(pk__in=matching)
    total = scope.count()
    counts: dict[str, dict[str, int]] = {}
    if total:
        for name, col in FACET_COLUMNS.items():
            rows = scope.values(col).annotate(n=Count("pk")).order_by("-n")
            counts[name] = OrderedDict(
                (str(r[col]), r["n"]) for r in rows if r[col] not in (None, "")
            )
        grades = scope.aggregate(
            **{str(g): Count("pk", filter=Q(grade_min__lte=g, grade_max__gte=g)) for g in GRADES}
        )
        counts["grade"] = OrderedDict((g, n) for g, n in grades.items() if n)
        rows = (
            SearchDocumentCollection.objects.filter(document__in=matching)
            .values("collection_id")
            .annotate(n=Count("document_id"))
            .order_by("-n")
        )
        counts["collection"] = OrderedDict((str(r["collection_id"]), r["n"]) for r in rows)
    return docs, total, counts


# --- Facet labels -------------------------------------------------------------------------
def _label_facets(counts: dict[str, dict[str, int]], params: SearchParams):
    labels = {
        "kind": kind_labels(),
        "resource_type": resource_type_labels(),
        "level": level_labels(),
        "licence": licence_labels(),
        "grade": {str(g): _("Lớp %(grade)s") % {"grade": g} for g in GRADES},
    }
    subjects, collections = subject_labels(), collection_labels()
    if any(v not in subjects for v in counts.get("subject", {})) or any(
        v not in collections for v in counts.get("collection", {})
    ):  # a subject or shelf newer than the cached names
        names_clear()
        subjects, collections = subject_labels(), collection_labels()
    labels["subject"], labels["collection"] = subjects, collections
    selected = {
        "kind": set(params.kind),
        "subject": {str(s) for s in params.subject},
        "grade": {str(params.grade)} if params.grade else set(),
        "resource_type": set(params.resource_type),
        "level": set(params.level),
        "collection": {str(params.collection)} if params.collection else set(),
        "licence": set(params.licence),
    }
    out: dict[str, list[FacetValue]] = {}
    for name in FACETS:
        values = counts.get(name, {})
        if name == "grade":
            items = sorted(values.items(), key=lambda kv: int(kv[0]))
        else:
            items = sorted(values.items(), key=lambda kv: (-kv[1], labels[name].get(kv[0], kv[0])))
        out[name] = [
            FacetValue(v, labels[name].get(v, v), n, v in selected[name]) for v, n in items
        ]
    return out


# --- Snippets -------------------------------------------------------------------------------
SNIPPET_CHARS = 220


class _FoldTable(dict):
    """``fold`` of one character, as a ``str.translate`` table filled on first use: the
    same as folding character by character (positions in the result match the text),
    without a Unicode normalisation per character of every hit."""

    def __missing__(self, cp: int) -> str:
        self[cp] = value = (fold(chr(cp)) or " ")[0]
        return value


_FOLD_TABLE = _FoldTable({cp: chr(cp).lower() for cp in range(ord("A"), ord("Z") + 1)})


def _folded_chars(text: str) -> str:
    """``fold`` character by character, so positions in the result match ``text``."""
    return text.translate(_FOLD_TABLE)


def snippet(text: str, words: list[str]) -> SafeString:
    """A window of ``text`` around the first query word, with the words in ``<mark>``."""
    text = text or ""
    folded = _folded_chars(text)
    targets = sorted({w for w in words if w}, key=len, reverse=True)
    spans = []
    for word in targets:
        start = 0
        while (pos := folded.find(word, start)) != -1:
            end = pos + len(word)
            if (pos == 0 or not folded[pos - 1].isalnum()) and (
                end == len(folded) or not folded[end].isalnum()
            ):
                spans.append((pos, end))
            start = end
    spans.sort()
    first = spans[0][0] if spans else 0
    begin = max(0, first - SNIPPET_CHARS // 3)
    if begin:
        space = text.rfind(" ", 0, begin)
        begin = space + 1 if space != -1 and begin - space < 30 else begin
    stop = min(len(text), begin + SNIPPET_CHARS)
    out, cursor = [], begin
    for pos, end in spans:
        if pos < cursor or end > stop:
            continue
        out.append(html.escape(text[cursor:pos]))
        out.append(f"<mark>{html.escape(text[pos:end])}</mark>")
        cursor = end
    out.append(html.escape(text[cursor:stop]))
    prefix = "…" if begin else ""
    suffix = "…" if stop < len(text) else ""
    return mark_safe(prefix + "".join(out) + suffix)  # noqa: S308 - every piece is escaped


# --- Autocomplete -----------------------------------------------------------------------------
def autocomplete(user, text: str, *, limit: int = 8, backend: str = "default") -> list[dict]:
    """Titles (and subjects) completing what the user is typing; [] when the engine is down."""

    folded = fold(text or "").strip()[:80]
    if len(folded) < 2:
        return []
    out: list[dict] = []
    for name in Subject.objects.order_by("sort_order").values_list("name", flat=True):
        if fold(name).startswith(folded):
            out.append({"label": name, "kind": "subject", "q": name, "url": ""})
    try:
        engine = get_search_backend(backend)
        qs = document_queryset(user, SearchParams())
        if uses_own_vectors(engine):
            docs = autocomplete_documents(qs, folded, limit)
        elif uses_sqlite_fts(engine):
            docs = sqlite_autocomplete(qs, folded, limit)
        else:
            docs = list(engine.autocomplete(folded, qs)[:limit])
    except SEARCH_ERRORS as exc:
        logger.warning("autocomplete failed on %s: %r", backend, exc)
        return out[:limit]
    labels = kind_labels()
    seen = set()
    for d in docs:
        if d.title in seen:
            continue
        seen.add(d.title)
        out.append(
            {"label": d.title, "kind": labels.get(d.kind, d.kind), "q": d.title, "url": d.url}
        )
    return out[:limit]
