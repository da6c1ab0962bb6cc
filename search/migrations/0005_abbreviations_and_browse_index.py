"""Abbreviations in the indexed text, and a covering index for browsing on PostgreSQL.

* Text with a phrase that has an abbreviation ("trung học phổ thông") now carries the
  abbreviation ("thpt") in its companion keys (``search.synonyms.abbreviations``), so a
  query for "THPT" is one word instead of a phrase looked up in every document. Documents
  written before get their keys recomputed here; on PostgreSQL the row triggers of ``0004``
  refresh their vectors.
* ``search_row_browse`` covers every column a search without words reads (permission,
  facet and sort columns), so browsing the library is an index-only scan of about 45 MB
  instead of a scan of the ~2 kB-per-row search rows (which PostgreSQL reads through a
  small ring buffer when the table is over a quarter of ``shared_buffers``).
"""

from django.db import migrations

BATCH = 2000
BROWSE_INCLUDE = (
    "id, kind, subject_id, grade_min, grade_max, resource_type, level, licence, live, "
    "school_id, district_office_id, department_id, bank_id, status, created_at, popularity"
)


def keys_refresh(apps, schema_editor):
    from search.synonyms import abbreviations

    SearchDocument = apps.get_model("hoclieu_search", "SearchDocument")
    last = 0
    while True:
        batch = list(
            SearchDocument.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "title_keys", "body_keys")[:BATCH]
        )
        if not batch:
            return
        last = batch[-1][0]
        for pk, title_keys, body_keys in batch:
            changes = {}
            for name, keys in (("title_keys", title_keys), ("body_keys", body_keys)):
                words = keys.split()
                extra = [a for a in abbreviations(keys) if a not in words]
                if extra:
                    changes[name] = " ".join([keys, *extra])
            if changes:
                SearchDocument.objects.filter(pk=pk).update(**changes)


def browse_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS search_row_browse ON hoclieu_search_row "
        f"(audience, scope) INCLUDE ({BROWSE_INCLUDE})"
    )


def browse_index_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_row_browse")


class Migration(migrations.Migration):
    dependencies = [("hoclieu_search", "0004_postgres_search_rows")]

    operations = [
        migrations.RunPython(keys_refresh, migrations.RunPython.noop),
        migrations.RunPython(browse_index, browse_index_drop),
    ]
