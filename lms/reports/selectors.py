"""The reports' figures, computed in the database with a fixed number of queries however
many schools, classes, students or events there are (a report's size grows with its rows,
never its query count).

* :func:`online_share` — per school, the online and blended periods recorded for its
  classes of a school year against the curriculum's periods of the subjects each class is
  taught, and against the official target (5 % primary, 10 % secondary: data,
  :mod:`lms.reports.periods`).
* :func:`active_per_week` — students and teachers active in each week.
* :func:`materials_use` — views and downloads of the shared materials by each school's
  people, and the assignments of its classes that used them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Case, Count, IntegerField, Q, Sum, Value, When

from accounts.models import Role, SchoolClass, TeachingAssignment
from lms.assignments.models import Assignment
from lms.gradebook.models import Mark
from lms.models import EventKind, LearningEvent
from lms.reports.models import OnlinePeriods
from lms.reports.periods import periods_per_year, targets

PERCENT = Decimal("0.1")


def percent(part, whole) -> Decimal | None:
    """``part`` of ``whole`` in per cent, one decimal (None for an empty whole)."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(PERCENT, rounding=ROUND_HALF_UP)


# --- Online learning share --------------------------------------------------------------------
@dataclass
class ShareRow:
    school: object
    classes: int = 0
    periods: int = 0  # the curriculum's periods per year of the classes' subjects
    target_periods: Decimal = Decimal(0)
    online: int = 0
    blended: int = 0

    @property
    def recorded(self) -> int:
        return self.online + self.blended

    @property
    def share(self) -> Decimal | None:
        return percent(self.recorded, self.periods)

    @property
    def target(self) -> Decimal | None:
        return percent(self.target_periods, self.periods)

    @property
    def met(self) -> bool | None:
        if not self.periods:
            return None
        return self.recorded >= self.target_periods


def online_share(*, schools, school_year) -> list[ShareRow]:
    """One row per school of ``schools`` (a queryset), for the classes of ``school_year``.

    A class's periods are those of the subjects it is taught (its teaching assignments)
    and of any subject it has online periods recorded in; its target is its periods times
    the target share of its grade."""
    rows = {s.pk: ShareRow(school=s) for s in schools.order_by("name")}
    classes = {
        c.pk: c
        for c in SchoolClass.objects.filter(school__in=schools, school_year=school_year).only(
            "pk", "school_id", "grade"
        )
    }
    subjects: dict[int, dict[int, tuple[str, str]]] = defaultdict(dict)
    for class_id, sid, code, name in TeachingAssignment.objects.filter(
        school_class_id__in=list(classes), subject__isnull=False
    ).values_list("school_class_id", "subject_id", "subject__code", "subject__name"):
        subjects[class_id][sid] = (code, name)
    recorded = (
        OnlinePeriods.objects.filter(school_class_id__in=list(classes))
        .values("school_class_id", "subject_id", "subject__code", "subject__name", "mode")
        .annotate(n=Sum("periods"))
    )
    for r in recorded:
        row = rows[classes[r["school_class_id"]].school_id]
        subjects[r["school_class_id"]][r["subject_id"]] = (r["subject__code"], r["subject__name"])
        if r["mode"] == "blended":
            row.blended += r["n"]
        else:
            row.online += r["n"]
    for class_id, school_class in classes.items():
        row = rows[school_class.school_id]
        row.classes += 1
        periods = sum(
            periods_per_year(
                code=code, name=name, grade=school_class.grade, school_year=school_year
            )
            for code, name in subjects[class_id].values()
        )
        row.periods += periods
        row.target_periods += periods * targets().share_for(school_class.grade)
    return list(rows.values())


# --- Active people per week -------------------------------------------------------------------
@dataclass
class WeekRow:
    week: dt.date
    students: int = 0
    teachers: int = 0


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _week_index(field_name: str, bounds: list[dt.datetime]) -> Case:
    """The number of the week a time falls in (0 = the first), as a plain SQL CASE over
    the weeks' bounds: no time-zone function per row, on any database."""
    return Case(
        *(When(**{f"{field_name}__lt": bound}, then=Value(i)) for i, bound in enumerate(bounds)),
        output_field=IntegerField(),
    )


def active_per_week(*, schools, end: dt.date, weeks: int = 8) -> list[WeekRow]:
    """Students and teachers of ``schools`` active in each of the ``weeks`` weeks up to the
    week of ``end`` (weeks from Monday, Asia/Ho_Chi_Minh): a student with a learning event
    that week; a teacher with a learning event, an assignment given, a mark entered or
    online periods recorded that week.

    Students are counted in the database (one grouped query, a row per week); teachers'
    (week, teacher) pairs are few and are joined across their four sources here: five
    queries whatever the number of schools, people or events."""
    tz = ZoneInfo(settings.TIME_ZONE)
    first = week_start(end) - dt.timedelta(weeks=weeks - 1)
    rows = [WeekRow(week=first + dt.timedelta(weeks=i)) for i in range(weeks)]
    bounds = [
        dt.datetime.combine(r.week + dt.timedelta(days=7), dt.time.min, tzinfo=tz) for r in rows
    ]
    start = bounds[0] - dt.timedelta(days=7)
    school_ids = list(schools.values_list("pk", flat=True))
    events = LearningEvent.objects.filter(
        created_at__gte=start, created_at__lt=bounds[-1], user__school_id__in=school_ids
    ).annotate(week=_week_index("created_at", bounds))
    for r in (
        events.filter(user__role=Role.STUDENT)
        .values("week")
        .annotate(n=Count("user_id", distinct=True))
        .order_by()
    ):
        rows[r["week"]].students = r["n"]
    teachers: set[tuple[int, int]] = set()
    sources = (
        (events, "created_at", "user"),
        (Assignment.objects.all(), "created_at", "created_by"),
        (Mark.objects.all(), "entered_at", "entered_by"),
        (OnlinePeriods.objects.all(), "recorded_at", "recorded_by"),
    )
    for qs, when, who in sources:
        if qs is not events:
            qs = qs.filter(
                **{f"{when}__gte": start, f"{when}__lt": bounds[-1]},
                school_class__school_id__in=school_ids,
            ).annotate(week=_week_index(when, bounds))
        pairs = qs.filter(**{f"{who}__role": Role.TEACHER}).values_list("week", f"{who}_id")
        teachers |= set(pairs.distinct().order_by())
    for week, _user in teachers:
        rows[week].teachers += 1
    return rows


# --- Use of the shared materials --------------------------------------------------------------
@dataclass
class UseRow:
    school: object
    views: int = 0
    downloads: int = 0
    materials: int = 0
    assignments: int = 0
    extra: dict = field(default_factory=dict)


MATERIAL_Q = Q(library_item__isnull=False) | Q(page__isnull=False)


def materials_use(*, schools, start: dt.datetime, stop: dt.datetime) -> list[UseRow]:
    """Per school: views and downloads of the shared materials (library items and material
    pages) by its people between ``start`` and ``stop``, how many different materials they
    used, and how many of its classes' assignments in that time were one of them."""
    rows = {s.pk: UseRow(school=s) for s in schools.order_by("name")}
    school_ids = list(rows)
    events = LearningEvent.objects.filter(
        MATERIAL_Q,
        kind__in=(EventKind.VIEW, EventKind.DOWNLOAD),
        created_at__gte=start,
        created_at__lt=stop,
        user__school_id__in=school_ids,
    )
    for r in events.values("user__school_id", "kind").annotate(n=Count("pk")):
        row = rows[r["user__school_id"]]
        if r["kind"] == EventKind.VIEW:
            row.views = r["n"]
        else:
            row.downloads = r["n"]
    for r in events.values("user__school_id").annotate(
        items=Count("library_item", distinct=True), pages=Count("page", distinct=True)
    ):
        rows[r["user__school_id"]].materials = r["items"] + r["pages"]
    for r in (
        Assignment.objects.filter(
            Q(library_item__isnull=False) | Q(page__isnull=False) | Q(package__isnull=False),
            school_class__school_id__in=school_ids,
            created_at__gte=start,
            created_at__lt=stop,
        )
        .values("school_class__school_id")
        .annotate(n=Count("pk"))
    ):
        rows[r["school_class__school_id"]].assignments = r["n"]
    return list(rows.values())
