"""Search documents on SQLite (the embedded default and the demo): one SQL statement.

modelsearch's SQLite backend keeps the index (an FTS5 table of every document's title and
body, written on each save and by the rebuild), and that index is what is matched here.
Its query path is not used for searching: it adds its FTS5 ``bm25`` once per sub-query and
multiplies the negative scores (so an ``And`` of two well-matching words can rank below
one poor match), weighs the title column like the body, and its folded title, which
unaccented queries match, is in the body column (only fields named ``title`` go to the
title column). Nothing told a lesson titled "Hàm số bậc hai" from a handbook mentioning
"bậc hai" once in its text.

Here one statement reads every document matching the same FTS5 expression (the words of
:class:`search.query.ParsedQuery` with their corrections, variants and abbreviations, as
on PostgreSQL), filtered by the permission rule and facet filters (the same Django ``Q``,
compiled into the ``WHERE``), with its facet columns and ``bm25``. The total and every facet
are counted from those rows, and relevance is decided in Python as PostgreSQL's weights
do: the share of the query's words found in the (folded) title, and the whole query as a
phrase in the title, count first; FTS5's ``bm25`` over the whole text next.
"""

from __future__ import annotations

import re
from collections import Counter, OrderedDict

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from common.db import where_sql
from common.vietnamese import accented_keys, tone_key
from search.models import SearchDocument, SearchDocumentCollection
from search.query import operator_join, relaxed_groups
from search.synonyms import variants

try:  # abbreviations standing for phrases ("bdt" → "bat dang thuc")
    from search.synonyms import expansions
except ImportError:  # pragma: no cover - an older synonyms module

    def expansions(word: str) -> list[str]:
        return []


TABLE = SearchDocument._meta.db_table
_WORD = re.compile(r"\w+", re.UNICODE)
MEMBERSHIPS = SearchDocumentCollection._meta.db_table
FACET_NAMES = {
    "kind": "kind",
    "subject": "subject_id",
    "resource_type": "resource_type",
    "level": "level",
    "licence": "licence",
}
GRADES = range(1, 13)
#: How much the title counts against the text (bm25 scaled to the best match, at most
#: BODY_WEIGHT): a document with every query word in its title (and the words adjacent
#: there) ranks above one that only mentions them, as on PostgreSQL (title words weigh 2.5
#: times body words, and its first pass ranks by title). On the demo's judged queries the
#: nDCG@10 barely moves between title weights 1.5 and 3 (benchmarks/search_quality.py).
TITLE_WEIGHT = 2.0
TITLE_PHRASE_WEIGHT = 1.0
BODY_WEIGHT = 1.0


def uses_sqlite_fts(backend) -> bool:
    """True for the database backend on SQLite with FTS5 (modelsearch's SQLite backend)."""
    if connection.vendor != "sqlite":
        return False  # (the module below only imports where SQLite's index models exist)
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    return isinstance(backend, SQLiteSearchBackend)


# --- The FTS5 expression ---------------------------------------------------------------
def _term(text: str) -> str:
    """One word, or several as an FTS5 phrase (adjacent, in order)."""
    words = text.replace('"', " ").split()
    return '"' + " ".join(words) + '"' if words else ""


def _any(options: list[str]) -> str:
    return operator_join(options, " OR ", unique=True)


def _all(parts: list[str]) -> str:
    return operator_join(parts, " AND ")


def alternatives(word: str, parsed) -> list[str]:
    """Every form that counts as ``word``: its corrections, variants and expansions."""
    forms = []
    for alt in parsed.corrected.get(word) or [word]:
        forms.append(alt)
        forms.extend(variants(alt))
        forms.extend(expansions(alt))
    return list(dict.fromkeys(f for f in forms if f))


def _sequence(parsed) -> list[str]:
    return list(getattr(parsed, "sequence", None) or parsed.words)


def match_expression(parsed, operator: str = "and") -> str:
    """The FTS5 query (without column filter) a document must match; the tone keys and the
    whole query as a phrase are OR-ed in as ranking signals, which match no document the
    words do not."""
    parts = []
    if parsed.words:
        words = [_any([_term(a) for a in alternatives(w, parsed)]) for w in parsed.words]
        if operator == "and" or len(words) == 1:
            joined = _all(words)
        else:
            joined = _any([_all(group) for group in relaxed_groups(words)])
        options = [joined]
        if parsed.accented and not parsed.corrected and operator == "and":
            options.append(_all([_term(k) for k in tone_key(parsed.accented).split()]))
        sequence = _sequence(parsed)
        if len(sequence) > 1 and not parsed.corrected and operator == "and":
            options.append(_term(" ".join(sequence)))
        parts.append(_any(options))
    parts.extend(_term(p) for p in parsed.phrases)
    return _all(parts)


# --- Relevance -------------------------------------------------------------------------
def title_score(title_keys: str, parsed, accents: list[str]) -> float:
    """The share of the query's words (and quoted phrases) found in the folded title, plus
    :data:`TITLE_PHRASE_WEIGHT` when the words stand together there as typed. Of an accented
    query, a title with other accents ("động" for "đồng") counts half."""
    padded = f" {title_keys} "
    wanted = [alternatives(w, parsed) for w in parsed.words] + [[p] for p in parsed.phrases]
    if not wanted:
        return 0.0
    found = sum(1 for forms in wanted if any(f" {f} " in padded for f in forms))
    score = TITLE_WEIGHT * found / len(wanted)
    if accents:
        score *= 0.5 + 0.5 * sum(1 for k in accents if f" {k} " in padded) / len(accents)
    sequence = _sequence(parsed)
    if len(sequence) > 1 and f" {' '.join(sequence)} " in padded:
        score += TITLE_PHRASE_WEIGHT
    return score


# --- The statement -----------------------------------------------------------------------
def _entries() -> tuple[str, str]:
    from wagtail.search.models import IndexEntry

    entries = IndexEntry._meta.db_table
    return entries, f"{entries}_fts"


COLUMNS = (
    "id, kind, subject_id, grade_min, grade_max, resource_type, level, licence, popularity, "
    "created_at, title_keys"
)


def _rows(qs, match: str) -> list[tuple]:
    """(columns…, bm25, collection ids) of every document of ``qs`` matching ``match``."""
    where, params = where_sql(qs)
    memberships = (
        f"(SELECT group_concat(c.collection_id) FROM {MEMBERSHIPS} c "  # noqa: S608
        f"WHERE c.document_id = {TABLE}.id)"
    )
    cols = ", ".join(f"{TABLE}.{c.strip()}" for c in COLUMNS.split(","))
    if not match:
        sql = f"SELECT {cols}, 0.0, {memberships} FROM {TABLE} WHERE {where}"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    entries, fts = _entries()
    content_type = ContentType.objects.get_for_model(SearchDocument).pk
    # bm25 weights of the FTS columns (autocomplete, body, title): the title (accented, as
    # written) counts double; the folded title is in the body and counted in title_score.
    # Only constants, the compiled WHERE and the table names are interpolated.
    sql = f"""
SELECT {cols}, bm25({fts}, 0.0, 1.0, 2.0), {memberships}
FROM {fts}
JOIN {entries} e ON e.id = {fts}.rowid
JOIN {TABLE} ON {TABLE}.id = CAST(e.object_id AS INTEGER)
WHERE {fts} MATCH %s AND e.content_type_id = %s AND ({where})
"""  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, ["{title body} : (" + match + ")", content_type, *params])
        return cursor.fetchall()


def _by_relevance(rows: list[tuple], parsed) -> None:
    """Sort ``rows`` best first: :func:`title_score` plus FTS5's ``bm25`` of the whole text
    scaled to the best match's (bm25 is negative, better matches lower), then popularity."""
    best = min((r[11] for r in rows), default=0.0) or -1.0
    accents = accented_keys(parsed.accented) if parsed.accented else []

    def key(r):
        score = title_score(r[10] or "", parsed, accents) + BODY_WEIGHT * r[11] / best
        return (-score, -r[8], -r[0])

    rows.sort(key=key)


def search_page(qs, parsed, *, operator: str, sort: str, start: int, size: int):
    """(documents of the page, total, facet counts) for the documents of ``qs`` (the
    permission and facet filters as a queryset of SearchDocument) matching ``parsed``."""
    match = match_expression(parsed, operator) if not parsed.empty else ""
    rows = _rows(qs, match)
    ranked = bool(match) and sort == "relevance"
    if sort == "newest":
        rows.sort(key=lambda r: (str(r[9]), r[0]), reverse=True)
    elif ranked:
        _by_relevance(rows, parsed)
    else:
        rows.sort(key=lambda r: (r[8], r[0]), reverse=True)
    page = [r[0] for r in rows[start : start + size]]
    found = {d.pk: d for d in SearchDocument.objects.filter(pk__in=page).defer("body", "body_keys")}
    docs = [found[pk] for pk in page if pk in found]
    return docs, len(rows), _counts(rows)


def _counts(rows: list[tuple]) -> dict[str, dict[str, int]]:
    """Facet counts, most frequent first."""
    index = {
        name: COLUMNS.replace(" ", "").split(",").index(col) for name, col in FACET_NAMES.items()
    }
    counts: dict[str, dict[str, int]] = {}
    for name, i in index.items():
        counter = Counter(str(r[i]) for r in rows if r[i] not in (None, ""))
        counts[name] = OrderedDict(counter.most_common())
    grades: Counter = Counter()
    collections: Counter = Counter()
    for r in rows:
        if r[3] is not None and r[4] is not None:
            grades.update(range(max(r[3], GRADES.start), min(r[4], GRADES.stop - 1) + 1))
        if r[12]:
            collections.update(str(c) for c in str(r[12]).split(","))
    counts["grade"] = OrderedDict((str(g), grades[g]) for g in GRADES if grades[g])
    counts["collection"] = OrderedDict(collections.most_common())
    return counts


# --- Autocomplete --------------------------------------------------------------------------
def autocomplete_documents(qs, folded: str, limit: int) -> list[SearchDocument]:
    """Documents whose suggest text (the FTS5 ``autocomplete`` column) has every typed word,
    the last one as a prefix: the best matches (bm25 of that column: the words make up more
    of a short text) first, then the most used."""
    words = [w for w in _WORD.findall(folded) if w]
    if not words:
        return []
    match = " AND ".join([*(_term(w) for w in words[:-1]), _term(words[-1]) + "*"])
    where, params = where_sql(qs)
    entries, fts = _entries()
    content_type = ContentType.objects.get_for_model(SearchDocument).pk
    sql = f"""
SELECT {TABLE}.id FROM {fts}
JOIN {entries} e ON e.id = {fts}.rowid
JOIN {TABLE} ON {TABLE}.id = CAST(e.object_id AS INTEGER)
WHERE {fts} MATCH %s AND e.content_type_id = %s AND ({where})
ORDER BY bm25({fts}, 1.0, 0.0, 0.0), {TABLE}.popularity DESC, {TABLE}.id DESC LIMIT %s
"""  # noqa: S608 - constants and the compiled WHERE only
    with connection.cursor() as cursor:
        cursor.execute(sql, ["{autocomplete} : (" + match + ")", content_type, *params, limit * 3])
        ids = [row[0] for row in cursor.fetchall()]
    found = {
        d.pk: d for d in SearchDocument.objects.filter(pk__in=ids).only("title", "kind", "url")
    }
    return [found[pk] for pk in ids if pk in found]
