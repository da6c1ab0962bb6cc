"""Search documents on PostgreSQL: one SQL statement per search.

modelsearch's PostgreSQL backend matches on an index table joined back to the documents,
concatenating title and body vectors at query time, so no GIN index serves the match and
every permitted document is joined (seconds per statement at 300,000 documents). Here the
documents carry their own stored vectors (migration ``0003``): the match is a GIN lookup on
``search_vector``, the permission rule and facet filters are the same Django ``Q`` as on
every backend, compiled into the ``WHERE``, and one statement returns the total, the page
and every facet count, grouped over the matching rows computed once.

The tsquery is built from the same :class:`search.query.ParsedQuery` as the modelsearch
query of the other backends: folded words (with their typo corrections and variants)
joined by AND, or by "all but one" when relaxed; quoted phrases adjacent (``<->``); and a
ranking query adding the accented tone keys and the whole query as a phrase, so exact
spellings and adjacent words rank first.
"""

from __future__ import annotations

import json
import re
from collections import OrderedDict

from django.db import connection

from search.models import SearchDocument, SearchDocumentCollection
from search.query import relaxed_groups
from search.synonyms import variants
from search.vietnamese import tone_key

TABLE = SearchDocument._meta.db_table
MEMBERSHIPS = SearchDocumentCollection._meta.db_table
_LEXEME = re.compile(r"[^\w]+", re.UNICODE)
#: ts_rank weights for {D, C, B, A}: title words (A) count 2.5 times body words (B).
WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"


def uses_own_vectors(backend) -> bool:
    """True for the database backend on PostgreSQL: search documents are matched on their
    stored vectors here, not through modelsearch's index table."""
    from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend

    return connection.vendor == "postgresql" and not isinstance(
        backend, ElasticsearchBaseSearchBackend
    )


# --- tsquery text ------------------------------------------------------------------------
def _lexeme(word: str) -> str:
    word = _LEXEME.sub(" ", word).strip()
    if " " in word:
        return _phrase(word.split())
    return f"'{word}'" if word else ""


def _phrase(words: list[str]) -> str:
    lexemes = [w for w in (_lexeme(w) for w in words) if w]
    if len(lexemes) == 1:
        return lexemes[0]
    return "(" + " <-> ".join(lexemes) + ")"


def _any(options: list[str]) -> str:
    options = [o for o in dict.fromkeys(options) if o]
    if len(options) == 1:
        return options[0]
    return "(" + " | ".join(options) + ")"


def _all(parts: list[str]) -> str:
    parts = [p for p in parts if p]
    if len(parts) == 1:
        return parts[0]
    return "(" + " & ".join(parts) + ")"


def _word(word: str, parsed) -> str:
    options = []
    for alt in parsed.corrected.get(word) or [word]:
        options.append(_lexeme(alt))
        options.extend(_phrase(v.split()) for v in variants(alt))
    return _any(options)


def match_query(parsed, operator: str = "and") -> str:
    """The tsquery a document must match ('' for an empty query: everything matches)."""
    parts = []
    if parsed.words:
        words = [_word(w, parsed) for w in parsed.words]
        if operator == "and" or len(words) == 1:
            parts.append(_all(words))
        else:
            parts.append(_any([_all(group) for group in relaxed_groups(words)]))
    parts.extend(_phrase(p.split()) for p in parsed.phrases)
    return _all(parts)


def rank_query(parsed, match: str) -> str:
    """What relevance counts: the match, the accented tone keys and the words as a phrase."""
    options = [match]
    if parsed.accented and not parsed.corrected:
        options.append(_any([_lexeme(k) for k in tone_key(parsed.accented).split()]))
    if len(parsed.words) > 1 and not parsed.corrected:
        options.append(_phrase(parsed.words))
    return _any(options)


# --- The statement -------------------------------------------------------------------------
FACET_COLUMNS = ("kind", "subject_id", "resource_type", "level", "licence")


def _facet(column: str) -> str:
    return (  # a constant column
        f"(SELECT coalesce(json_object_agg(v, n), '{{}}') FROM ("  # noqa: S608
        f"SELECT {column} AS v, count(*) AS n FROM m WHERE {column} IS NOT NULL "
        f"AND {column}::text <> '' GROUP BY 1) f)"
    )


def search_page(qs, parsed, *, operator: str, sort: str, start: int, size: int):
    """(documents of the page, total, facet counts) for ``qs`` (the permission and facet
    filters as a queryset of SearchDocument) matching ``parsed``."""
    where, params = _where(qs)
    match = match_query(parsed, operator) if not parsed.empty else ""
    score = "0.0"
    score_params: list = []
    if match:
        where += " AND search_vector @@ to_tsquery('simple'::regconfig, %s)"
        params.append(match)
        if sort == "relevance":
            score = f"ts_rank('{WEIGHTS}', search_vector, to_tsquery('simple'::regconfig, %s), 1)"
            score_params = [rank_query(parsed, match)]
    order = {
        "newest": "created_at DESC, id DESC",
        "popular": "popularity DESC, id DESC",
    }.get(sort, "score DESC, popularity DESC, id DESC" if match else "popularity DESC, id DESC")
    # Only constants and Django's compiled WHERE are interpolated; values are parameters.
    sql = f"""
WITH m AS MATERIALIZED (
    SELECT id, kind, subject_id, grade_min, grade_max, resource_type, level, licence,
           created_at, popularity, {score} AS score
    FROM {TABLE} WHERE {where}
)
SELECT
    (SELECT count(*) FROM m),
    (SELECT coalesce(json_agg(id), '[]') FROM (
        SELECT id FROM m ORDER BY {order} LIMIT %s OFFSET %s) p),
    {", ".join(_facet(c) for c in FACET_COLUMNS)},
    (SELECT coalesce(json_object_agg(g, n), '{{}}') FROM (
        SELECT g, count(*) AS n FROM m
        CROSS JOIN LATERAL generate_series(m.grade_min::int, m.grade_max::int) AS g
        WHERE m.grade_min IS NOT NULL AND m.grade_max IS NOT NULL GROUP BY g) f),
    (SELECT coalesce(json_object_agg(collection_id, n), '{{}}') FROM (
        SELECT c.collection_id, count(*) AS n FROM {MEMBERSHIPS} c
        WHERE c.document_id IN (SELECT id FROM m) GROUP BY 1) f)
"""  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*score_params, *params, size, start])
        total, page, *facets = cursor.fetchone()
    page, facets = _json(page), [_json(f) for f in facets]
    found = {d.pk: d for d in SearchDocument.objects.filter(pk__in=page).defer("body", "body_keys")}
    docs = [found[pk] for pk in page if pk in found]
    names = ("kind", "subject", "resource_type", "level", "licence", "grade", "collection")
    counts: dict[str, dict[str, int]] = {}
    for name, values in zip(names, facets, strict=True):
        items = sorted(values.items(), key=lambda kv: -kv[1])
        counts[name] = OrderedDict((str(k), int(n)) for k, n in items if n)
    return docs, int(total), counts


def _json(value):
    return json.loads(value) if isinstance(value, str) else value


def _where(qs) -> tuple[str, list]:
    """The WHERE clause of ``qs`` (a filter of SearchDocument) as SQL on its table."""
    query = qs.query
    compiler = query.get_compiler(connection=connection)
    if not query.where:
        return "TRUE", []
    sql, params = compiler.compile(query.where)
    return sql or "TRUE", list(params)


# --- Autocomplete ------------------------------------------------------------------------------
def autocomplete_documents(qs, folded: str, limit: int) -> list[SearchDocument]:
    """Documents whose suggest text has every typed word, the last one as a prefix, most
    used first."""
    words = [w for w in _LEXEME.sub(" ", folded).split() if w]
    if not words:
        return []
    terms = [f"'{w}'" for w in words[:-1]] + [f"'{words[-1]}':*"]
    where, params = _where(qs)
    sql = (
        f"SELECT id FROM {TABLE} WHERE {where} AND suggest_vector @@ "  # noqa: S608
        "to_tsquery('simple'::regconfig, %s) ORDER BY popularity DESC, id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, " & ".join(terms), limit * 3])
        ids = [row[0] for row in cursor.fetchall()]
    found = {
        d.pk: d for d in SearchDocument.objects.filter(pk__in=ids).only("title", "kind", "url")
    }
    return [found[pk] for pk in ids if pk in found]
