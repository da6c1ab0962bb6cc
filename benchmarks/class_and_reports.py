"""A class page and the department's reports (issue 22): the teacher's page of a 45-student
class with 30 assignments (its assignments with who finished, and its progress page: the
students × learning outcomes heatmap and lesson completion), and the department admin's
reports over every student's learning events (active per week, use of the shared
materials, online learning share), each beside a naive baseline in the same run.

1. In a throw-away database (``bench_class_and_reports``; SQLite in memory or PostgreSQL
   from DATABASE_URL): a Sở of ``--schools`` schools, ``--students`` students spread over
   classes of 45, ``--events`` learning events over the last 8 weeks (views, downloads of
   library items and pages, section and checkpoint events), online periods of every class
   and subject, 30 lesson assignments and 40 outcomes' mastery for the measured class.
   Rows are written with ``bulk_create`` in chunks.
2. ``--repeat`` timed requests (after a warm-up) through Django's test client, each with its
   query count: the class's assignments page, its progress page, the three reports.
   The naive baselines: the class progress with one query per student (mastery) and per
   student × page (completion); the active report with one query per school and week.

Prints p50/p95 in ms and the queries of each. Usage (``--size ci`` runs in under 60 s on
SQLite; ``--size note`` is the issue's 500,000 students, 2,000,000 events, for PostgreSQL;
``--schools/--students/--events/--repeat`` override a size):
    .venv/bin/python benchmarks/class_and_reports.py --size ci
    .venv/bin/python benchmarks/class_and_reports.py --size note   # with DATABASE_URL
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

SIZES = {
    "ci": {"schools": 10, "students": 1_000, "events": 20_000, "repeat": 10},
    "note": {"schools": 200, "students": 500_000, "events": 2_000_000, "repeat": 50},
}
CLASS_SIZE, ASSIGNMENTS, OUTCOMES, WEEKS, CHUNK = 45, 30, 40, 8, 5000


def show(label: str, value, unit: str = "") -> None:
    print(f"{label:<34} {value} {unit}".rstrip())


def build(schools: int, students: int, events: int, seed: int) -> dict:
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone
    from wagtail.models import Page

    from accounts.models import (
        Department,
        Enrolment,
        Role,
        School,
        SchoolClass,
        SchoolYear,
        TeachingAssignment,
        User,
    )
    from curriculum.models import CurriculumLesson, LearningOutcome, Subject, Topic
    from lms.assignments.models import Assignment, AssignmentStudent
    from lms.models import LearningEvent
    from lms.reports.models import OnlinePeriods
    from lms.revision.models import OutcomeMastery

    rng = random.Random(seed)
    now = timezone.now()
    year = SchoolYear.objects.create(
        name="2025-2026",
        start_date=(now - dt.timedelta(days=200)).date(),
        end_date=(now + dt.timedelta(days=100)).date(),
        is_current=True,
    )
    dept = Department.objects.create(name="Sở GD&ĐT Thử tải", code="BENCH")
    school_rows = School.objects.bulk_create(
        School(
            department=dept,
            name=f"Trường THPT số {i:03d}",
            code=f"B{i:04d}",
            level="upper_secondary",
        )
        for i in range(schools)
    )
    toan, _ = Subject.objects.get_or_create(code="toan", defaults={"name": "Toán"})
    password = make_password(None)
    teacher = User.objects.create(
        username="gv.bench", role=Role.TEACHER, school=school_rows[0], password=password
    )
    admin = User.objects.create(
        username="so.bench", role=Role.DEPARTMENT_ADMIN, department=dept, password=password
    )
    n_classes = max(students // CLASS_SIZE, 1)
    classes = SchoolClass.objects.bulk_create(
        SchoolClass(school=school_rows[i % schools], school_year=year, name=f"10A{i}", grade=10)
        for i in range(n_classes)
    )
    TeachingAssignment.objects.bulk_create(
        TeachingAssignment(
            teacher=teacher if i == 0 else None or teacher, school_class=c, subject=toan
        )
        for i, c in enumerate(classes[:1])
    )
    ids = []
    for start in range(0, students, CHUNK):
        made = User.objects.bulk_create(
            User(
                username=f"hs{i}",
                student_id=f"27{i:08d}",
                role=Role.STUDENT,
                school=classes[i // CLASS_SIZE % n_classes].school,
                password=password,
            )
            for i in range(start, min(start + CHUNK, students))
        )
        ids += (
            [u.pk for u in made]
            if made[0].pk
            else list(
                User.objects.filter(role=Role.STUDENT)
                .order_by("pk")
                .values_list("pk", flat=True)[start : start + CHUNK]
            )
        )
        Enrolment.objects.bulk_create(
            Enrolment(student_id=pk, school_class=classes[(start + k) // CLASS_SIZE % n_classes])
            for k, pk in enumerate(ids[start:])
        )
    measured = classes[0]
    class_ids = ids[:CLASS_SIZE]
    home = Page.objects.get(depth=1)
    pages = [
        home.add_child(instance=Page(title=f"Bài {k}", slug=f"bai-bench-{k}"))
        for k in range(ASSIGNMENTS)
    ]
    assignments = Assignment.objects.bulk_create(
        Assignment(
            title=f"Bài giao {k}",
            school_class=measured,
            subject=toan,
            kind="lesson",
            page=pages[k],
            opens_at=now - dt.timedelta(days=40 - k),
            due_at=now + dt.timedelta(days=k - 10),
            created_by=teacher,
        )
        for k in range(ASSIGNMENTS)
    )
    if assignments[0].pk is None:
        assignments = list(Assignment.objects.order_by("pk"))
    AssignmentStudent.objects.bulk_create(
        AssignmentStudent(assignment=a, student_id=s) for a in assignments for s in class_ids
    )
    topic = Topic.objects.create(subject=toan, grade=10, code="b-chuong", name="Chương 1")
    lesson = CurriculumLesson.objects.create(topic=topic, code="b-bai", name="Bài 1")
    outcomes = LearningOutcome.objects.bulk_create(
        LearningOutcome(lesson=lesson, code=f"b-yc{k}", text=f"Yêu cầu {k}", sort_order=k)
        for k in range(OUTCOMES)
    )
    if outcomes[0].pk is None:
        outcomes = list(LearningOutcome.objects.order_by("pk"))
    OutcomeMastery.objects.bulk_create(
        OutcomeMastery(
            student_id=s, outcome=o, value=rng.random(), answers=rng.randint(1, 9), updated_at=now
        )
        for s in class_ids
        for o in outcomes
    )
    OnlinePeriods.objects.bulk_create(
        OnlinePeriods(
            school_class=c,
            subject=toan,
            week_start=(now - dt.timedelta(weeks=w)).date()
            - dt.timedelta(days=(now - dt.timedelta(weeks=w)).weekday()),
            periods=2,
        )
        for c in classes
        for w in range(4)
    )
    kinds = ("view", "view", "download", "section_completed", "checkpoint_answered")
    for start in range(0, events, CHUNK):
        LearningEvent.objects.bulk_create(
            LearningEvent(
                user_id=ids[rng.randrange(students)] if i % 10 else class_ids[i % CLASS_SIZE],
                kind=kinds[i % len(kinds)],
                page=pages[i % ASSIGNMENTS],
                section=i % 4,
                data={"schema_version": 1},
            )
            for i in range(start, min(start + CHUNK, events))
        )
    # Spread the events over the last 8 weeks (auto_now_add wrote "now").
    from django.db import connection

    with connection.cursor() as cursor:
        table = LearningEvent._meta.db_table
        if connection.vendor == "postgresql":
            cursor.execute(f"UPDATE {table} SET created_at = now() - (id % 56) * interval '1 day'")  # noqa: S608 - our table name
        else:
            cursor.execute(
                f"UPDATE {table} SET created_at = datetime(created_at, '-' || (id % 56) || ' days')"  # noqa: S608
            )
    return {"teacher": teacher, "admin": admin, "class": measured, "schools": school_rows}


def timed(fn, repeat: int) -> tuple[list[float], int]:
    from django.db import connection

    fn()  # warm-up
    times, count = [], [0]

    def counter(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        fn()
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(1000 * (time.perf_counter() - t0))
    return times, count[0]


def naive_class(school_class) -> None:
    """One query per student for the mastery, one per student × page for completion."""
    from accounts.models import Enrolment
    from lms.assignments.models import Assignment
    from lms.models import LearningEvent
    from lms.revision.models import OutcomeMastery

    pages = list(
        Assignment.objects.filter(school_class=school_class).values_list("page_id", flat=True)
    )
    for e in Enrolment.objects.filter(school_class=school_class):
        list(OutcomeMastery.objects.filter(student_id=e.student_id))
        for p in pages:
            LearningEvent.objects.filter(
                user_id=e.student_id, page_id=p, kind="section_completed"
            ).count()


def naive_active(schools) -> None:
    """One query per school and week."""
    from django.utils import timezone

    from lms.models import LearningEvent

    end = timezone.now()
    for school in schools:
        for w in range(WEEKS):
            LearningEvent.objects.filter(
                user__school=school,
                created_at__gte=end - dt.timedelta(weeks=w + 1),
                created_at__lt=end - dt.timedelta(weeks=w),
            ).values("user_id").distinct().count()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="ci")
    parser.add_argument("--seed", type=int, default=1)
    for name in ("schools", "students", "events", "repeat"):
        parser.add_argument(f"--{name}", type=int, help=f"override the size's {name}")
    args = parser.parse_args()
    size = dict(SIZES[args.size])
    size.update({k: v for k, v in vars(args).items() if k in size and v is not None})
    import django

    django.setup()
    from benchdb import bench_database
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    setup_test_environment()
    started = time.perf_counter()
    with bench_database("class_and_reports") as name:
        show("database", f"{connection.vendor} ({name})")
        world = build(size["schools"], size["students"], size["events"], args.seed)
        show(
            "loaded",
            f"{size['schools']} schools, {size['students']} students, {size['events']} events, class of {CLASS_SIZE} with {ASSIGNMENTS} assignments",
        )
        show("setup time", f"{time.perf_counter() - started:.1f}", "s")
        teacher, admin = Client(), Client()
        teacher.force_login(world["teacher"])
        admin.force_login(world["admin"])
        c = world["class"]

        def get(client, url):
            def run():
                response = client.get(url)
                if response.status_code != 200:
                    raise SystemExit(f"{url}: {response.status_code}")

            return run

        ops = {
            "class assignments page": get(teacher, reverse("assignment_class", args=[c.pk])),
            "class progress page": get(teacher, reverse("report_class_progress", args=[c.pk])),
            "naive class progress": lambda: naive_class(c),
            "report: active per week": get(admin, reverse("report_active")),
            "naive active per week": lambda: naive_active(world["schools"]),
            "report: shared materials": get(admin, reverse("report_materials")),
            "report: online share": get(admin, reverse("report_online_share")),
        }
        print(f"{'operation':<34} {'p50 ms':>9} {'p95 ms':>9} {'queries':>8}")
        for label, fn in ops.items():
            times, queries = timed(fn, size["repeat"])
            p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
            print(f"{label:<34} {statistics.median(times):>9.1f} {p95:>9.1f} {queries:>8}")
    show("total time", f"{time.perf_counter() - started:.1f}", "s")


if __name__ == "__main__":
    main()
