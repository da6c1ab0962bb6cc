"""PostgreSQL: the stored text-search vectors that search documents are matched on.

``search_vector`` (title words weighted A, body words B) and ``suggest_vector`` (what the
search box completes) are generated from the folded, word-only companion columns, so they
are always current and need no separate index table; GIN indexes make ``@@`` matching an
index lookup. SQLite (the demo) has no such type and keeps modelsearch's own index.
"""

from django.db import migrations

CREATE = """
ALTER TABLE {table}
    ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, coalesce(title_keys, '')), 'A')
        || setweight(to_tsvector('simple'::regconfig, coalesce(body_keys, '')), 'B')
    ) STORED,
    ADD COLUMN suggest_vector tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig, coalesce(suggest, ''))
    ) STORED;
CREATE INDEX search_document_vector ON {table} USING gin (search_vector);
CREATE INDEX search_document_suggest ON {table} USING gin (suggest_vector);
CREATE INDEX search_document_popularity ON {table} (popularity DESC, id DESC);
"""
DROP = """
DROP INDEX IF EXISTS search_document_popularity;
ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector,
    DROP COLUMN IF EXISTS suggest_vector;
"""


def _table(apps) -> str:
    return apps.get_model("hoclieu_search", "SearchDocument")._meta.db_table


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE.format(table=_table(apps)))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP.format(table=_table(apps)))


class Migration(migrations.Migration):
    dependencies = [("hoclieu_search", "0002_search_documents")]
    operations = [migrations.RunPython(create, drop)]
