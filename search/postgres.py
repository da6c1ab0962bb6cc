"""Search documents on PostgreSQL: one SQL statement per search.

modelsearch's PostgreSQL backend matches on an index table joined back to the documents,
concatenating title and body vectors at query time, so no GIN index serves the match and
every permitted document is joined (seconds per statement at 300,000 documents). Here each
document has a search row in a narrower table kept by triggers (migration ``0004``): the
match is a GIN lookup on its ``search_vector``, the permission rule and facet filters are
the same Django ``Q`` as on every backend, compiled into the ``WHERE``, and one statement
returns the total, the page and every facet count, grouped over the matching rows
computed once.

The matching rows are read in one part per audience (``UNION ALL``), each with its own
half of the permission rule (``search.permissions.search_document_parts``), so each part
names its audience and PostgreSQL can use that audience's indexes: the partial GIN index
of its vectors, ``search_row_browse`` (materials by scope, covering every column browsing
reads) and ``search_row_question_bank`` (questions by bank, migration ``0006``). With the
two rules OR-ed in one ``WHERE`` it could use none of them and read the whole table for a
teacher.

The tsquery is built from the same :class:`search.query.ParsedQuery` as the modelsearch
query of the other backends: folded words (with their typo corrections and variants)
joined by AND, or by "most of them" when relaxed; quoted phrases adjacent (``<->``); and a
ranking query adding the accented tone keys and the whole query as a phrase, so exact
spellings and adjacent words rank first.
"""

from __future__ import annotations

import json
import re
from collections import OrderedDict

from django.db import connection

from common.db import where_sql
from common.vietnamese import tone_key
from search.models import SearchDocument, SearchDocumentCollection
from search.query import operator_join, relaxed_groups
from search.synonyms import expansions, variants

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
    return operator_join(options, " | ", unique=True)


def _all(parts: list[str]) -> str:
    return operator_join(parts, " & ")


def _word(word: str, parsed) -> str:
    options = []
    for alt in parsed.corrected.get(word) or [word]:
        options.append(_lexeme(alt))
        options.extend(_lexeme(v) for v in variants(alt))
        # An abbreviation also matches the phrases it stands for (adjacent lexemes).
        options.extend(_lexeme(p) for p in expansions(alt))
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
        keys = tone_key(parsed.accented).split()
        options.append(_any([_lexeme(k) for k in keys]))
        if len(keys) > 1:  # the exact spelling, adjacent: "đồng vị", not "động … vị trí"
            options.append(_phrase(keys))
    if len(parsed.sequence) > 1 and not parsed.corrected:
        options.append(_phrase(parsed.sequence))
    return _any(options)


# --- The statement -------------------------------------------------------------------------
#: The narrow table the searches read (migration ``0004``), one row per document.
ROWS = "hoclieu_search_row"
FACET_COLUMNS = ("kind", "subject_id", "resource_type", "level", "licence")
FACET_NAMES = ("kind", "subject", "resource_type", "level", "licence")
#: GROUPING() of each facet's grouping set → its facet: GROUPING() sets a bit for each
#: column *not* grouped, the first column the top bit.
GROUPING_FACETS = {
    (1 << len(FACET_NAMES)) - 1 - (1 << (len(FACET_NAMES) - 1 - i)): name
    for i, name in enumerate(FACET_NAMES)
}
#: Relevance in two passes: every match is ranked on its small title vector, then the
#: first RANK_WINDOW of those on the full vector (the large one, often stored out of line).
#: Pages past the window keep the title order.
RANK_WINDOW = 400
GRADES = range(1, 13)


def search_page(parts, parsed, *, operator: str, sort: str, start: int, size: int):
    """(documents of the page, total, facet counts) for the documents of ``parts`` (the
    permission and facet filters as querysets of SearchDocument, one per audience: see
    ``search.permissions.search_document_parts``) matching ``parsed``."""
    if not parts:
        return [], 0, _counts(None, None, None)
    match = match_query(parsed, operator) if not parsed.empty else ""
    ranked = bool(match) and sort == "relevance"
    cheap, cheap_params = "0.0", []
    if ranked:
        rank = rank_query(parsed, match)
        cheap = f"ts_rank('{WEIGHTS}', title_vector, to_tsquery('simple'::regconfig, %s), 1)"
        cheap_params = [rank]
    order = {
        "newest": "created_at DESC, id DESC",
        "popular": "popularity DESC, id DESC",
    }.get(sort, "cheap DESC, popularity DESC, id DESC" if ranked else "popularity DESC, id DESC")
    head = max(0, min(size, RANK_WINDOW - start)) if ranked else 0
    tail_from = max(start, RANK_WINDOW) if ranked else start
    tail = max(0, start + size - tail_from)
    head_sql, head_params = "NULL", []
    if ranked:
        head_sql = f"""(SELECT json_agg(id) FROM (
        SELECT t.id FROM (SELECT id, popularity FROM m ORDER BY {order} LIMIT {RANK_WINDOW}) t
        JOIN {ROWS} r ON r.id = t.id
        ORDER BY ts_rank('{WEIGHTS}', r.search_vector, to_tsquery('simple'::regconfig, %s), 1)
            DESC, t.popularity DESC, t.id DESC
        LIMIT %s OFFSET %s) p)"""  # noqa: S608 - constants only
        head_params = [rank, head, start]
    # The compiled WHERE names the documents table: the rows take its name as their alias.
    # Only constants and Django's compiled WHERE are interpolated; values are parameters.
    # Only the columns the statement reads: every match is copied into ``m``.
    columns = "id, kind, subject_id, grade_min, grade_max, resource_type, level, licence"
    columns += ", popularity" + (", created_at" if sort == "newest" else "")
    columns += f", {cheap} AS cheap" if ranked else ""
    selects, params = [], []
    for part in parts:
        where, where_params = where_sql(part)
        if match:
            where += " AND search_vector @@ to_tsquery('simple'::regconfig, %s)"
            where_params.append(match)
        selects.append(f"SELECT {columns} FROM {ROWS} AS {TABLE} WHERE {where}")  # noqa: S608
        params += [*cheap_params, *where_params]
    # Facets: the matches are counted once per combination of facet values, and the grouping
    # sets sum those few rows (grouping sets straight over the matches hash every match once
    # per facet, which is most of the cost of a large result). Grades come as (first, last)
    # ranges, expanded below.
    facets = ", ".join(FACET_COLUMNS)
    sql = f"""
WITH m AS MATERIALIZED ({" UNION ALL ".join(selects)})
SELECT
    {head_sql},
    (SELECT json_agg(id) FROM (SELECT id FROM m ORDER BY {order} LIMIT %s OFFSET %s) p),
    (SELECT json_agg(json_build_array(g, {facets}, n)) FROM (
        SELECT GROUPING({facets}) AS g, {facets}, sum(n) AS n FROM (
            SELECT {facets}, count(*) AS n FROM m GROUP BY {facets}) c
        GROUP BY GROUPING SETS ({", ".join(f"({c})" for c in FACET_COLUMNS)})) f),
    (SELECT json_agg(json_build_array(grade_min, grade_max, n)) FROM (
        SELECT grade_min, grade_max, count(*) AS n FROM m GROUP BY 1, 2) g),
    (SELECT json_object_agg(collection_id, n) FROM (
        SELECT c.collection_id, count(*) AS n FROM {MEMBERSHIPS} c
        JOIN m ON m.id = c.document_id GROUP BY 1) f)
"""  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *head_params, tail, tail_from])
        head_ids, tail_ids, groups, grade_counts, collections = cursor.fetchone()
    groups = _json(groups) or []
    # Every match has a kind: the total is the sum of the kind counts.
    total = sum(n for g, *_values, n in groups if GROUPING_FACETS[g] == "kind")
    page = (_json(head_ids) or []) + (_json(tail_ids) or [])
    found = {d.pk: d for d in SearchDocument.objects.filter(pk__in=page).defer("body", "body_keys")}
    docs = [found[pk] for pk in page if pk in found]
    return docs, int(total), _counts(groups, grade_counts, collections)


def _counts(groups, grade_counts, collections) -> dict[str, dict[str, int]]:
    """Facet counts, most frequent first, from the statement's grouping sets."""
    counts: dict[str, dict[str, int]] = {name: {} for name in FACET_NAMES}
    for g, *values, n in _json(groups) or []:
        name = GROUPING_FACETS[g]
        value = values[FACET_NAMES.index(name)]
        if value not in (None, "") and n:
            counts[name][str(value)] = int(n)
    counts = {
        name: OrderedDict(sorted(values.items(), key=lambda kv: -kv[1]))
        for name, values in counts.items()
    }
    grades = dict.fromkeys(GRADES, 0)
    for first, last, n in _json(grade_counts) or []:
        if first is not None and last is not None:
            for grade in range(max(first, GRADES.start), min(last, GRADES.stop - 1) + 1):
                grades[grade] += int(n)
    counts["grade"] = OrderedDict((str(g), n) for g, n in grades.items() if n)
    collections = _json(collections) or {}
    counts["collection"] = OrderedDict(
        (str(k), int(n)) for k, n in sorted(collections.items(), key=lambda kv: -kv[1]) if n
    )
    return counts


# --- The rows' life cycle ----------------------------------------------------------------------
#: The row columns copied from the document, and its vectors (as the triggers of migration
#: ``0004`` write them; that migration keeps its own frozen copy).
ROW_COLUMNS = (
    "kind, subject_id, grade_min, grade_max, resource_type, level, licence, audience, scope, "
    "school_id, district_office_id, department_id, bank_id, status, live, created_at, popularity"
)
ROW_VECTORS = """
    setweight(to_tsvector('simple'::regconfig, coalesce(title_keys, '')), 'A'),
    setweight(to_tsvector('simple'::regconfig, coalesce(title_keys, '')), 'A')
        || setweight(to_tsvector('simple'::regconfig, coalesce(body_keys, '')), 'B')
"""


def rows_rebuild() -> int:
    """Bring every document's search row up to date in one transaction (searches keep
    reading the previous rows until it commits): write the rows that differ from their
    document, drop rows of documents that are gone, and refresh the planner statistics
    (and vacuum, when not called inside a transaction).
    Returns the number of rows."""
    from django.db import transaction

    columns = [*ROW_COLUMNS.split(", "), "title_vector", "search_vector"]
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns)
    # Only rows that differ are written: rewriting all of them would leave the table twice
    # its size (every old version a dead tuple), and searches scan it.
    changed = f"({', '.join(f'r.{c}' for c in columns)}) IS DISTINCT FROM "
    changed += f"({', '.join(f'EXCLUDED.{c}' for c in columns)})"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {ROWS} r WHERE NOT EXISTS "  # noqa: S608 - constants only
            f"(SELECT 1 FROM {TABLE} d WHERE d.id = r.id)"
        )
        cursor.execute(
            f"INSERT INTO {ROWS} AS r (id, {ROW_COLUMNS}, title_vector, search_vector) "  # noqa: S608
            f"SELECT id, {ROW_COLUMNS}, {ROW_VECTORS} FROM {TABLE} "
            f"ON CONFLICT (id) DO UPDATE SET {updates} WHERE {changed}"
        )
    # Planner statistics, and (outside a transaction, where VACUUM may run) the visibility
    # map, without which browsing's covering indexes read the table after all.
    analyze = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        for table in (ROWS, TABLE, MEMBERSHIPS):
            cursor.execute(f"{analyze} {table}")
    return rows_count()


def rows_count() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {ROWS}")  # noqa: S608 - a constant
        return cursor.fetchone()[0]


def _json(value):
    return json.loads(value) if isinstance(value, str) else value


# --- Autocomplete ------------------------------------------------------------------------------
def autocomplete_documents(qs, folded: str, limit: int) -> list[SearchDocument]:
    """Documents whose suggest text has every typed word, the last one as a prefix, most
    used first."""
    words = [w for w in _LEXEME.sub(" ", folded).split() if w]
    if not words:
        return []
    terms = [f"'{w}'" for w in words[:-1]] + [f"'{words[-1]}':*"]
    where, params = where_sql(qs)
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
