from django.db import migrations

from search.settings import POSTGRES_SEARCH_CONFIG

CREATE = f"""
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{POSTGRES_SEARCH_CONFIG}') THEN
        CREATE TEXT SEARCH CONFIGURATION {POSTGRES_SEARCH_CONFIG} (COPY = pg_catalog.simple);
        ALTER TEXT SEARCH CONFIGURATION {POSTGRES_SEARCH_CONFIG}
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
    END IF;
END $$;
"""
DROP = f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {POSTGRES_SEARCH_CONFIG};"


def create_config(apps, schema_editor):
    # The text search configuration is PostgreSQL-only; SQLite uses the folded
    # companion fields alone.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_config(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = []
    operations = [migrations.RunPython(create_config, drop_config)]
