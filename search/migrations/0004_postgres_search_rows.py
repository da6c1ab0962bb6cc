"""PostgreSQL: a narrow table of search rows, kept by triggers, that searches read.

A search document's row is wide (title, body, companions and a ~2 kB vector: about two rows
per 8 kB page), so every search that matched thousands of documents read thousands of
pages just to check the permission columns, count facets and rank. ``hoclieu_search_row``
holds, per document, only what a search reads: the permission and facet columns, a small
``title_vector`` kept inline (``STORAGE MAIN``) for the first ranking pass, and the full
``search_vector`` (title words weight A, body words B) for the GIN lookup and the final
ranking of the first results (:mod:`search.postgres`). ``STORAGE EXTERNAL`` moves that
vector out of line only in rows over PostgreSQL's 2 kB toast threshold; shorter rows keep
it inline.

Triggers on the documents table insert, update, delete and truncate the rows in the same
transaction (an update that keeps the words leaves the vectors alone), so the rows are
always current whoever writes documents (the sync task, the rebuild, bulk loads). SQLite
(the demo) keeps modelsearch's own index table.
"""

from django.db import migrations

#: Columns copied from the document (the permission and facet filters and the sorts).
COLUMNS = (
    "kind",
    "subject_id",
    "grade_min",
    "grade_max",
    "resource_type",
    "level",
    "licence",
    "audience",
    "scope",
    "school_id",
    "district_office_id",
    "department_id",
    "bank_id",
    "status",
    "live",
    "created_at",
    "popularity",
)
_NEW = ", ".join(f"NEW.{c}" for c in COLUMNS)
_SET = ", ".join(f"{c} = EXCLUDED.{c}" for c in COLUMNS)
_VECTORS = """
    setweight(to_tsvector('simple'::regconfig, coalesce({p}title_keys, '')), 'A'),
    setweight(to_tsvector('simple'::regconfig, coalesce({p}title_keys, '')), 'A')
        || setweight(to_tsvector('simple'::regconfig, coalesce({p}body_keys, '')), 'B')
"""

CREATE = f"""
ALTER TABLE {{table}} DROP COLUMN IF EXISTS search_vector;
CREATE TABLE hoclieu_search_row (
    id bigint PRIMARY KEY,
    kind varchar(10) NOT NULL,
    subject_id integer,
    grade_min smallint,
    grade_max smallint,
    resource_type varchar(30) NOT NULL,
    level varchar(40) NOT NULL,
    licence varchar(40) NOT NULL,
    audience varchar(10) NOT NULL,
    scope varchar(10) NOT NULL,
    school_id integer,
    district_office_id integer,
    department_id integer,
    bank_id integer,
    status varchar(20) NOT NULL,
    live boolean NOT NULL,
    created_at timestamptz NOT NULL,
    popularity integer NOT NULL,
    title_vector tsvector NOT NULL,
    search_vector tsvector NOT NULL
);
ALTER TABLE hoclieu_search_row ALTER COLUMN title_vector SET STORAGE MAIN,
    ALTER COLUMN search_vector SET STORAGE EXTERNAL;
CREATE FUNCTION hoclieu_search_row_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.title_keys IS NOT DISTINCT FROM OLD.title_keys
            AND NEW.body_keys IS NOT DISTINCT FROM OLD.body_keys THEN
        -- Same words (a popularity or permission change): no vectors to recompute.
        UPDATE hoclieu_search_row SET ({", ".join(COLUMNS)}) = ({_NEW}) WHERE id = NEW.id;
        IF FOUND THEN
            RETURN NULL;
        END IF;
    END IF;
    INSERT INTO hoclieu_search_row (id, {", ".join(COLUMNS)}, title_vector, search_vector)
    VALUES (NEW.id, {_NEW}, {_VECTORS.format(p="NEW.")})
    ON CONFLICT (id) DO UPDATE SET {_SET},
        title_vector = EXCLUDED.title_vector, search_vector = EXCLUDED.search_vector;
    RETURN NULL;
END $$;
CREATE FUNCTION hoclieu_search_row_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM hoclieu_search_row WHERE id = OLD.id;
    RETURN NULL;
END $$;
CREATE FUNCTION hoclieu_search_row_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE hoclieu_search_row;
    RETURN NULL;
END $$;
CREATE TRIGGER hoclieu_search_row_write AFTER INSERT OR UPDATE ON {{table}}
    FOR EACH ROW EXECUTE FUNCTION hoclieu_search_row_write();
CREATE TRIGGER hoclieu_search_row_delete AFTER DELETE ON {{table}}
    FOR EACH ROW EXECUTE FUNCTION hoclieu_search_row_delete();
CREATE TRIGGER hoclieu_search_row_truncate AFTER TRUNCATE ON {{table}}
    FOR EACH STATEMENT EXECUTE FUNCTION hoclieu_search_row_truncate();
INSERT INTO hoclieu_search_row (id, {", ".join(COLUMNS)}, title_vector, search_vector)
    SELECT id, {", ".join(COLUMNS)}, {_VECTORS.format(p="")} FROM {{table}};
-- One GIN index per audience: every permission rule names the audience, so a student's
-- search never visits question rows, nor a teacher's question part the materials.
CREATE INDEX search_row_material_vector ON hoclieu_search_row USING gin (search_vector)
    WHERE audience = 'material';
CREATE INDEX search_row_question_vector ON hoclieu_search_row USING gin (search_vector)
    WHERE audience = 'question';
ANALYZE hoclieu_search_row;
"""
DROP = """
DROP TRIGGER IF EXISTS hoclieu_search_row_write ON {table};
DROP TRIGGER IF EXISTS hoclieu_search_row_delete ON {table};
DROP TRIGGER IF EXISTS hoclieu_search_row_truncate ON {table};
DROP FUNCTION IF EXISTS hoclieu_search_row_write();
DROP FUNCTION IF EXISTS hoclieu_search_row_delete();
DROP FUNCTION IF EXISTS hoclieu_search_row_truncate();
DROP TABLE IF EXISTS hoclieu_search_row;
ALTER TABLE {table} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple'::regconfig, coalesce(title_keys, '')), 'A')
    || setweight(to_tsvector('simple'::regconfig, coalesce(body_keys, '')), 'B')
) STORED;
CREATE INDEX search_document_vector ON {table} USING gin (search_vector);
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
    dependencies = [("hoclieu_search", "0003_postgres_search_vectors")]
    operations = [migrations.RunPython(create, drop)]
