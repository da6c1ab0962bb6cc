"""An index of the question rows by bank, and autovacuum settings for the search rows
(PostgreSQL only).

* ``search_row_question_bank`` reads a teacher's questions by their banks
  (``lms.permissions._question_rule`` puts every visible bank in one top-level condition):
  an index-only scan when browsing, and a bitmap ANDed with the question vectors' GIN
  index when words are typed. Its predicate is ``bank_id IS NOT NULL``, not the audience:
  PostgreSQL does not AND two partial indexes with the same predicate, as it takes the
  second for redundant.
* Browsing reads covering indexes, which skip the table only for pages the visibility
  map marks all-visible; vacuuming the rows after 5% of them changed (instead of 20%)
  keeps that map current.
"""

from django.db import migrations

QUESTION_INCLUDE = (
    "audience, id, kind, subject_id, grade_min, grade_max, resource_type, level, licence, "
    "live, status, created_at, popularity"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS search_row_question_bank ON hoclieu_search_row "
        f"(bank_id) INCLUDE ({QUESTION_INCLUDE}) WHERE bank_id IS NOT NULL"
    )
    schema_editor.execute(
        "ALTER TABLE hoclieu_search_row SET (autovacuum_vacuum_scale_factor = 0.05, "
        "autovacuum_vacuum_insert_scale_factor = 0.05, autovacuum_analyze_scale_factor = 0.05)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS search_row_question_bank")
    schema_editor.execute(
        "ALTER TABLE hoclieu_search_row RESET (autovacuum_vacuum_scale_factor, "
        "autovacuum_vacuum_insert_scale_factor, autovacuum_analyze_scale_factor)"
    )


class Migration(migrations.Migration):
    dependencies = [("hoclieu_search", "0005_abbreviations_and_browse_index")]
    operations = [migrations.RunPython(forwards, backwards)]
