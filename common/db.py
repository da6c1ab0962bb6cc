"""Database housekeeping shared by the bulk writers (seed, imports, search rebuilds).

The query planner chooses its plans from table statistics. SQLite keeps none until
``ANALYZE`` runs, and without them it joins the full-text index row by row: a search on
the seeded demo took seconds (the worst query 38 s), and 36 ms median once analysed.
PostgreSQL's autovacuum analyses eventually, but a bulk load is searched right away.
So every bulk load refreshes the statistics once it is committed:
:func:`statistics_refresh_on_commit` (or :func:`statistics_refresh` outside a transaction).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Model

#: Rows SQLite samples per index (``PRAGMA analysis_limit``): statistics good enough for the
#: planner at a bounded cost on a large database (0.1 s on the seeded demo).
SQLITE_ANALYSIS_LIMIT = 1000


Tables = Iterable[str | type[Model]]


def _names(tables: Tables) -> list[str]:
    return [t if isinstance(t, str) else t._meta.db_table for t in tables]


def statistics_refresh(*, tables: Tables = (), using: str = DEFAULT_DB_ALIAS) -> None:
    """Refresh the planner statistics: on SQLite of the whole database (its full-text
    shadow tables included), on PostgreSQL of ``tables`` (models or table names; every
    table when none is named). Other databases are left to themselves."""
    connection = connections[using]
    tables = _names(tables)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA analysis_limit={SQLITE_ANALYSIS_LIMIT}")
            cursor.execute("ANALYZE")
        elif connection.vendor == "postgresql":
            names = ", ".join(connection.ops.quote_name(t) for t in tables)
            cursor.execute(f"ANALYZE {names}" if names else "ANALYZE")


def statistics_refresh_on_commit(*, tables: Tables = (), using: str = DEFAULT_DB_ALIAS) -> None:
    """:func:`statistics_refresh` once the current transaction commits (at once outside
    one), so the statistics count the rows just written."""
    tables = _names(tables)
    transaction.on_commit(lambda: statistics_refresh(tables=tables, using=using), using=using)


def statistics_drop(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """Forget SQLite's planner statistics (a benchmark's baseline: the database as it was
    before :func:`statistics_refresh`). Nothing elsewhere."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE 'sqlite_stat%'")
        for (name,) in cursor.fetchall():
            cursor.execute(f"DELETE FROM {name}")  # noqa: S608 - SQLite's own tables
        cursor.execute("ANALYZE sqlite_schema")  # the planner reloads the (empty) tables


def where_sql(queryset) -> tuple[str, list]:
    """The WHERE clause of ``queryset`` as SQL on its own table, for statements written by
    hand around a filter the ORM built (the permission rules of search documents). A
    filter that can match nothing (``pk__in=[]``: a teacher with no bank yet) is FALSE,
    one that matches everything TRUE; both are understood by PostgreSQL and SQLite."""
    query = queryset.query
    if not query.where:
        return "TRUE", []
    compiler = query.get_compiler(using=queryset.db)
    try:
        sql, params = compiler.compile(query.where)
    except EmptyResultSet:
        return "FALSE", []
    except FullResultSet:
        return "TRUE", []
    return sql or "TRUE", list(params)
