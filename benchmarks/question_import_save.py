"""The save of a big import, next to its floor.

Builds a Moodle XML file of N questions (``question_import.make_questions``'s mix: parts
I/II/III, cloze, essays, with two tags each and a passage group every 50 questions), then
times, in a throw-away database on whatever DATABASE_URL names:

* preview: parse + checks + duplicate check (``build_preview``), as the preview page;
* save: ``import_commit``, the one transaction that writes the questions, choices, tags,
  revisions, versions (``--approve``) and log entries;
* index: the search indexing the save queues after its commit (a worker's job; timed
  apart, not part of the total);
* floor: the same rows (read back after the save, then deleted) inserted again with the
  ORM's ``bulk_create`` in one transaction, and on PostgreSQL with ``COPY`` as well:
  what writing those rows costs at the least. Rolled back.

Usage: .venv/bin/python benchmarks/question_import_save.py [--size ci|full] [--questions N]
[--approve] [--profile FILE]
"""

import argparse
import gc
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

SIZES = {"ci": 300, "full": 10000}
KEPT = "; the save took the preview's reading"


def make_file(n: int) -> bytes:
    from question_import import make_questions

    from question_bank.formats.base import ParsedGroup
    from question_bank.formats.registry import export

    questions = make_questions(n)
    groups = []
    for i, q in enumerate(questions):
        q.tags = ["Đạo hàm" if i % 2 else "Tích phân", f"Lớp {10 + i % 3}"]
        if i % 50 == 1 and q.qtype.value == "single_choice":
            key = f"g{i}"
            groups.append(ParsedGroup(key=key, stimulus=f"<p>Đoạn văn {i}.</p>", title=key))
            q.group = key
    data, _ext, _ = export("moodle_xml", questions, groups, title="Benchmark")
    return data


def _models():
    from wagtail.models import ModelLogEntry, Revision

    from question_bank.models import Choice, Question, QuestionTag, QuestionVersion

    # In insertion order (a question's revision pointers are deferred constraints).
    return [Question, Choice, QuestionTag, Revision, QuestionVersion, ModelLogEntry]


def _saved_rows(bank) -> dict:
    from django.contrib.contenttypes.models import ContentType

    from question_bank.models import Question

    ids = list(Question.objects.filter(bank=bank).values_list("pk", flat=True))
    ct = ContentType.objects.get_for_model(Question)
    str_ids = [str(i) for i in ids]
    rows = {}
    for model in _models():
        if model.__name__ == "Question":
            qs = model.objects.filter(pk__in=ids)
        elif model.__name__ in ("Revision", "ModelLogEntry"):
            qs = model.objects.filter(content_type=ct, object_id__in=str_ids)
        elif model.__name__ == "QuestionTag":
            qs = model.objects.filter(content_object_id__in=ids)
        else:
            qs = model.objects.filter(question_id__in=ids)
        rows[model] = list(qs.order_by("pk"))
    return rows


def _delete(rows: dict) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for model in reversed(_models()):
            ids = [r.pk for r in rows[model]]
            if model.__name__ == "Question":
                model.objects.filter(pk__in=ids).update(latest_revision=None, live_revision=None)
            for start in range(0, len(ids), 900):
                chunk = ids[start : start + 900]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE id IN ({marks})", chunk)  # noqa: S608


def floor_bulk_create(rows: dict) -> float:
    from django.db import transaction

    with transaction.atomic():
        _delete(rows)
        t = time.perf_counter()
        for model in _models():
            model.objects.bulk_create(rows[model], batch_size=1000)
        elapsed = time.perf_counter() - t
        transaction.set_rollback(True)
    return elapsed


def floor_copy(rows: dict) -> float | None:
    """PostgreSQL's COPY of the same rows (values prepared as the ORM would), or None."""
    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        return None
    with transaction.atomic():
        _delete(rows)
        prepared = {}
        for model in _models():
            fields = model._meta.concrete_fields
            prepared[model] = (
                [f.column for f in fields],
                [[f.get_db_prep_save(getattr(r, f.attname), connection) for f in fields] for r in rows[model]],
            )  # fmt: skip
        t = time.perf_counter()
        with connection.cursor() as cursor:
            for model in _models():
                columns, values = prepared[model]
                cols = ", ".join(f'"{c}"' for c in columns)
                with cursor.cursor.copy(f"COPY {model._meta.db_table} ({cols}) FROM STDIN") as copy:
                    for row in values:
                        copy.write_row([getattr(v, "adapted", v) for v in row])
        elapsed = time.perf_counter() - t
        transaction.set_rollback(True)
    return elapsed


def run(n: int, approve: bool, profile: str | None) -> dict:
    import django

    django.setup()
    from benchdb import bench_database

    with bench_database("question_import_save"):
        return _run(n, approve, profile)


def _run(n: int, approve: bool, profile: str | None) -> dict:
    from django.core.cache import cache
    from django.db import connection

    from accounts.models import Role, User
    from question_bank import services, tasks
    from question_bank.importing import build_preview, import_commit
    from question_bank.models import Question

    user = User.objects.create_user("gv.bench", role=Role.TEACHER, full_name="GV")
    bank = services.bank_create(owner=user, name="Benchmark")
    data = make_file(n)
    queued = []
    tasks.index_questions_task.delay = queued.append  # the worker's job, timed below

    # As the import job's two tasks do: the preview keeps its reading for the save.
    key = f"question_bank:import-reading:bench:{time.time()}"
    t0 = time.perf_counter()
    preview, _result = build_preview("bench.xml", data, bank, user, reading_key=key)
    t1 = time.perf_counter()
    if not preview.ok:
        raise SystemExit(f"preview failed: {preview.errors[:5]}")
    del preview, _result  # the preview page's request has ended before the teacher saves
    kept = cache.has_key(key)
    gc.collect()
    t_save = time.perf_counter()
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    summary = import_commit("bench.xml", data, bank, user, approve=approve, reading_key=key)
    t2 = time.perf_counter()
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile)
    if not summary.created == n == Question.objects.count():
        raise SystemExit("not every question was saved")
    t3 = time.perf_counter()
    for ids in queued:
        tasks.index_questions_task(ids)
    t4 = time.perf_counter()
    rows = _saved_rows(bank)
    return {
        "database": connection.vendor,
        "questions": n,
        "rows": {m.__name__: len(r) for m, r in rows.items()},
        "preview_s": t1 - t0,
        "reading_kept": kept,
        "save_s": t2 - t_save,
        "total_s": (t1 - t0) + (t2 - t_save),
        "index_s": t4 - t3,
        "floor_bulk_create_s": floor_bulk_create(rows),
        "floor_copy_s": floor_copy(rows),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", choices=sorted(SIZES), default="full")
    parser.add_argument("--questions", type=int, help="instead of --size")
    parser.add_argument("--approve", action="store_true", help="publish too (version 1 each)")
    parser.add_argument("--profile", help="write the save's cProfile stats to this file")
    args = parser.parse_args()
    r = run(args.questions or SIZES[args.size], args.approve, args.profile)
    rows = ", ".join(f"{k} {v}" for k, v in r["rows"].items())
    copy = f" | COPY {r['floor_copy_s']:.2f} s" if r["floor_copy_s"] is not None else ""
    print(
        f"{r['questions']} questions on {r['database']} ({rows}):\n"
        f"  preview {r['preview_s']:.2f} s + save {r['save_s']:.2f} s = total {r['total_s']:.2f} s"
        f" ({r['questions'] / r['total_s']:.0f}/s)"
        f"{KEPT if r['reading_kept'] else ''}\n"
        f"  floor, the same rows: bulk_create {r['floor_bulk_create_s']:.2f} s{copy}\n"
        f"  search indexing after the commit (worker): {r['index_s']:.2f} s"
    )


if __name__ == "__main__":
    main()
