"""The rows :func:`question_bank.services.questions_bulk_save` writes, a few queries for
many questions: the same rows the one-by-one path (``save_revision``, ``publish``,
``Workflow.start``) writes. Helpers of that service only: they check nothing.

Speed (``benchmarks/question_import_save.py``): a revision's content is the JSON
modelcluster's ``serializable_data()`` makes, but built here from a plan of the model's
fields computed once (:func:`revision_content`), from the children kept in memory rather
than through the cluster's managers: on 10,000 questions modelcluster spent most of the
save walking each field's ``pre_save``/``value_to_string``. ``tests/question_bank/save_speed``
proves the two equal for every question type. Tags are looked up in one query and the
missing ones created in one; the questions' revision pointers are set by one
``executemany`` instead of ``bulk_update``'s ``CASE`` per row.
"""

import datetime
import gc
from contextlib import contextmanager
from decimal import Decimal
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, connections, models
from django.db.models import JSONField
from django.utils.translation import gettext as _
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from taggit.models import Tag
from wagtail.models import Revision, TaskState, WorkflowState

from question_bank.convert import question_snapshot
from question_bank.models import Choice, Question, QuestionTag, QuestionVersion, Status

BATCH = 1000
_PLAIN = (type(None), bool, int, float, Decimal, datetime.date, datetime.time)  # protected types


@contextmanager
def cyclic_gc_paused():
    """Pause Python's cyclic garbage collector while many rows are built: their objects are
    freed by reference counting, and the collector's passes over every model instance made
    cost about a tenth of a 10,000-question save. It runs again (and collects) after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# --- revision content, as modelcluster's serializable_data() -----------------------------
@cache
def _field_plan(model) -> tuple:
    """(name, attname, raw) of each serialised column, the pk first, in modelcluster's
    order (``get_serializable_data_for_fields``); ``raw``: a foreign key's id or a JSON
    value, taken as it is."""
    plan = [("pk", model._meta.pk.attname, False)]
    for field in model._meta.fields:
        if field.serialize:
            raw = field.remote_field is not None or isinstance(field, JSONField)
            plan.append((field.name, field.attname, raw))
    return tuple(plan)


def _utc(value: datetime.datetime) -> datetime.datetime:
    from django.utils import timezone

    if timezone.is_naive(value):
        value = timezone.make_aware(value, timezone.get_default_timezone())
    return value.astimezone(datetime.UTC)


def _fields(obj, plan) -> dict:
    """modelcluster's ``get_serializable_data_for_fields`` without ``pre_save``: a value of
    a protected type as it is (datetimes in UTC), a JSON field's value as it is, anything
    else as ``str`` (``Field.value_to_string``). Foreign keys are their ids."""
    values = obj.__dict__
    out = {}
    for name, attname, raw in plan:
        value = values.get(attname)
        if raw:
            pass
        elif isinstance(value, datetime.datetime):
            value = _utc(value)
        elif not isinstance(value, _PLAIN):
            value = str(value)
        out[name] = value
    return out


@cache
def _child_relations(model) -> tuple:
    if get_all_child_m2m_relations(model):  # none today; would need their pks
        raise NotImplementedError("child m2m relations are not serialised here")
    return tuple(
        (rel.get_accessor_name(), rel.related_model) for rel in get_all_child_relations(model)
    )


def revision_content(question: Question, children: dict[str, list]) -> dict:
    """The revision content of a saved question whose child rows (``choices``,
    ``tagged_items``) are ``children``, equal to ``question.serializable_data()``."""
    data = _fields(question, _field_plan(Question))
    for name, model in _child_relations(Question):
        plan = _field_plan(model)
        data[name] = [_fields(child, plan) for child in children.get(name, ())]
    return data


# --- inserting --------------------------------------------------------------------------
# Field classes whose value goes to the database as it is (no get_db_prep_save needed).
_AS_IS = (
    models.CharField, models.TextField, models.BooleanField, models.IntegerField,
    models.FloatField, models.ForeignKey,
)  # fmt: skip


# On PostgreSQL (only: SQLite needs them as text) psycopg adapts these itself, as
# ``get_db_prep_save`` would leave them (aware datetimes, decimals, UUIDs).
_AS_IS_ON_POSTGRES = (models.DateTimeField, models.DecimalField, models.UUIDField)


@cache
def _columns(model, vendor: str) -> tuple:
    """(column, attname, field or None when the value goes as it is, field or None when it
    stamps the time on insert)."""
    as_is = _AS_IS + (_AS_IS_ON_POSTGRES if vendor == "postgresql" else ())
    out = []
    for f in model._meta.concrete_fields:
        if f.primary_key:
            continue
        stamp = f if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False) else None
        prep = None if isinstance(f, as_is) else f
        out.append((f.column, f.attname, prep, stamp))
    return tuple(out)


def _ids(cursor, model, n: int) -> list[int]:
    """``n`` fresh ids of the model's table: from its sequence on PostgreSQL; on SQLite past
    the largest ever given (``sqlite_sequence``, as AUTOINCREMENT does; once the transaction
    has written, SQLite keeps other writers out, and an id another writer took before that
    fails the insert on its primary key: the save rolls back, nothing is overwritten)."""
    table, pk = model._meta.db_table, model._meta.pk.column
    if connection.vendor == "postgresql":
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, pk, n],
        )
        return sorted(row[0] for row in cursor.fetchall())
    quoted = connection.ops.quote_name(table)
    cursor.execute(
        f"SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "  # noqa: S608
        f"COALESCE((SELECT MAX({connection.ops.quote_name(pk)}) FROM {quoted}), 0))",
        [table],
    )
    first = cursor.fetchone()[0] + 1
    return list(range(first, first + n))


def _rows(model, objs: list, ids: list[int], conn):
    columns = _columns(model, conn.vendor)
    for obj, pk_value in zip(objs, ids, strict=True):
        obj.pk = pk_value
        row = [pk_value]
        for _column, attname, field, stamp in columns:
            value = stamp.pre_save(obj, True) if stamp else getattr(obj, attname)
            if field is not None:
                value = field.get_db_prep_save(value, conn)
            row.append(getattr(value, "adapted", value))
        yield row


def insert(model, objs: list) -> None:
    """Insert ``objs`` and set their ids, taken in one query (:func:`_ids`); the rows go
    with ``COPY`` on PostgreSQL, with one ``executemany`` on SQLite (``bulk_create``
    elsewhere), the values prepared as ``bulk_create`` would."""
    if not objs:
        return
    if connection.vendor not in ("postgresql", "sqlite"):
        model.objects.bulk_create(objs, batch_size=BATCH)
        return
    conn = connections[connection.alias]  # not the proxy: it is asked for every value
    quote = conn.ops.quote_name
    names = ", ".join(quote(c) for c, *_ in _columns(model, conn.vendor))
    head = f"{quote(model._meta.db_table)} ({quote(model._meta.pk.column)}, {names})"
    with conn.cursor() as cursor:
        rows = _rows(model, objs, _ids(cursor, model, len(objs)), conn)
        if conn.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {head} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * (len(_columns(model, conn.vendor)) + 1))
            cursor.executemany(f"INSERT INTO {head} VALUES ({marks})", list(rows))  # noqa: S608
    for obj in objs:
        obj._state.adding, obj._state.db = False, connection.alias


# --- rows ------------------------------------------------------------------------------
def _tags(names: set[str]) -> dict[str, Tag]:
    """The tags named, the missing ones created: two queries whatever their number."""
    tags = {t.name: t for t in Tag.objects.filter(name__in=names)}
    missing = [Tag(name=n) for n in sorted(names - set(tags))]
    if missing:
        for tag in missing:
            tag.slug = tag.slugify(tag.name)
        _unique_slugs(missing)
        Tag.objects.bulk_create(missing, batch_size=BATCH)
        if missing[0].pk is None:  # a backend that doesn't return ids
            missing = list(Tag.objects.filter(name__in=[t.name for t in missing]))
        tags.update((t.name, t) for t in missing)
    return tags


def _unique_slugs(new: list[Tag]) -> None:
    """taggit's ``save()`` makes a slug unique with ``_1``, ``_2``…; the same here, against
    the table and each other (two names may slugify alike, "Đạo hàm" and "dao ham")."""
    taken = set(Tag.objects.filter(slug__in=[t.slug for t in new]).values_list("slug", flat=True))
    for tag in new:
        base, i = tag.slug, 1
        while tag.slug in taken:
            tag.slug = f"{base}_{i}"
            i += 1
        taken.add(tag.slug)


def questions_insert(questions: list[Question]) -> list[dict[str, list]]:
    """Insert the questions with their choices and tags (clusters unknown to bulk_create);
    each question's child rows, for its revision."""
    for q in questions:
        q.live = False
        q.has_unpublished_changes = True
        q.fingerprint = q.compute_fingerprint()
        q.status = Status.DRAFT
    # Keep the in-memory children before bulk_create (it doesn't know about clusters).
    kept = [
        (list(q.choices.all()), getattr(q, "_pending_tags", None) or [t.name for t in q.tags.all()])
        for q in questions
    ]
    insert(Question, questions)
    choices, tag_names = [], set()
    for q, (qchoices, names) in zip(questions, kept, strict=True):
        for c in qchoices:
            c.question_id = q.pk
        choices.extend(qchoices)
        tag_names.update(names)
    insert(Choice, choices)
    tags = _tags(tag_names) if tag_names else {}
    tagged, children = [], []
    for q, (qchoices, names) in zip(questions, kept, strict=True):
        items = [QuestionTag(content_object=q, tag=tags[name]) for name in names]
        tagged.extend(items)
        children.append({"choices": qchoices, "tagged_items": items})
    insert(QuestionTag, tagged)
    for q, rows in zip(questions, children, strict=True):
        # In memory too, as the one-by-one save leaves them (the version's tags, the index).
        q.tagged_items = rows["tagged_items"]
    return children


def revisions_create(
    questions: list[Question], children: list[dict], labels: list[str], user, now
) -> list[Revision]:
    content_type = ContentType.objects.get_for_model(Question)
    revisions = [
        Revision(
            content_type=content_type,
            base_content_type=content_type,
            object_id=str(q.pk),
            created_at=now,
            user=user,
            content=revision_content(q, rows),
            object_str=label,
        )
        for q, rows, label in zip(questions, children, labels, strict=True)
    ]
    insert(Revision, revisions)
    for q, revision in zip(questions, revisions, strict=True):
        q.latest_revision = revision
    return revisions


def revisions_publish(questions: list[Question], revisions: list[Revision], user, now) -> list[str]:
    """Publish every revision and record version 1; the fields to update."""
    versions = []
    for q, revision in zip(questions, revisions, strict=True):
        q.live, q.has_unpublished_changes, q.status = True, False, Status.APPROVED
        q.live_revision = revision
        q.first_published_at = q.last_published_at = now
        data = question_snapshot(q)
        versions.append(
            QuestionVersion(
                question=q,
                number=1,
                data=data,
                content_hash=QuestionVersion.hash_of(data),
                revision=revision,
                approved_by=user,
            )
        )
    insert(QuestionVersion, versions)
    return ["live", "has_unpublished_changes", "status", "live_revision",
            "first_published_at", "last_published_at"]  # fmt: skip


def workflows_start(questions: list[Question], revisions: list[Revision], user) -> list[str]:
    """Start the review workflow of every question at its first task; the fields to update."""
    workflow = Question(bank_id=questions[0].bank_id).get_workflow()
    if workflow is None:
        raise ValidationError(_("Chưa có quy trình duyệt câu hỏi (workflow) nào được bật."))
    task = workflow.tasks.first()
    content_type = ContentType.objects.get_for_model(Question)
    task_ct = ContentType.objects.get_for_model(TaskState)
    states = [
        WorkflowState(
            content_type=content_type,
            base_content_type=content_type,
            object_id=str(q.pk),
            workflow=workflow,
            status=WorkflowState.STATUS_IN_PROGRESS,
            requested_by=user,
        )
        for q in questions
    ]
    WorkflowState.objects.bulk_create(states, batch_size=BATCH)
    task_states = [
        TaskState(
            workflow_state=state,
            revision=revision,
            task=task,
            status=TaskState.STATUS_IN_PROGRESS,
            content_type=task_ct,
        )
        for state, revision in zip(states, revisions, strict=True)
    ]
    TaskState.objects.bulk_create(task_states, batch_size=BATCH)
    for state, task_state in zip(states, task_states, strict=True):
        state.current_task_state = task_state
    WorkflowState.objects.bulk_update(states, ["current_task_state"], batch_size=BATCH)
    for q in questions:
        q.status = Status.SUBMITTED
    return ["status"]


def questions_update(questions: list[Question], fields: list[str]) -> None:
    """Write ``fields`` of every question: on PostgreSQL one ``UPDATE … FROM unnest()`` per
    batch when only the revision pointers differ between rows (as after a bulk save), else
    one ``executemany`` (``bulk_update`` builds a ``CASE`` over every row of a batch, slower
    than the rows it writes)."""
    meta = Question._meta
    columns = [meta.get_field(name) for name in fields]
    rows = [
        [f.get_db_prep_save(getattr(q, f.attname), connection) for f in columns] + [q.pk]
        for q in questions
    ]
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    pointers = [i for i, f in enumerate(columns) if f.name in ("latest_revision", "live_revision")]
    same = all(
        len({repr(row[i]) for row in rows}) == 1 for i in range(len(columns)) if i not in pointers
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and same and pointers:
            sets = [
                f"{quote(f.column)} = v.r{i}" if i in pointers else f"{quote(f.column)} = %s"
                for i, f in enumerate(columns)
            ]
            arrays = ", ".join("%s::bigint[]" for _ in pointers)
            names = ", ".join(f"r{i}" for i in pointers)
            sql = (
                f"UPDATE {table} AS t SET {', '.join(sets)} FROM unnest(%s::bigint[], {arrays}) "  # noqa: S608
                f"AS v(id, {names}) WHERE t.id = v.id"
            )
            constants = [rows[0][i] for i in range(len(columns)) if i not in pointers]
            for start in range(0, len(rows), 5000):
                chunk = rows[start : start + 5000]
                arrays_values = [[row[-1] for row in chunk]] + [
                    [row[i] for row in chunk] for i in pointers
                ]
                cursor.execute(sql, constants + arrays_values)
            return
        sets = ", ".join(f"{quote(f.column)} = %s" for f in columns)
        sql = f"UPDATE {table} SET {sets} WHERE id = %s"  # noqa: S608 - our names
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])
