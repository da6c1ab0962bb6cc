"""Curriculum coverage of a department's shared repository (độ phủ chương trình GDPT 2018).

Departments (Sở) must cover at least ``settings.COVERAGE_TARGET`` (default 50 %) of the
curriculum with approved materials. :func:`curriculum_coverage` is the selector that
measures it, per subject × grade and department-wide.

Rules
-----
- **Approved material**: a live (published) ``LessonPage`` or ``ELecturePage``, or a live
  ``LibraryItem``. Drafts, submitted and taken-down (unpublished) materials don't count.
- **Visible in the department** (scoping): scope ``public`` (wherever it comes from), or
  scope ``province``/``district``/``school`` with the material's ``department``, its
  ``district_office.department`` or its ``school.department`` being the department.
- **Covered lesson**: some approved material is linked to the lesson
  (``page.curriculum_lesson``, ``item.curriculum_lessons``) or to one of its outcomes
  (``page.outcomes``, ``item.outcomes``).
- **Covered outcome** (yêu cầu cần đạt): some approved material lists it explicitly, or is
  linked to its lesson without naming specific outcomes: a page with ``curriculum_lesson``
  set and no ``outcomes`` at all (as :meth:`MaterialPage.covered_outcomes` reads it), an
  item with the lesson in ``curriculum_lessons`` and none of that lesson's outcomes in
  ``outcomes``.
- **Rows**: one per (subject, grade) with at least one curriculum lesson. The material
  count of a row is the number of approved materials linked (by lesson or outcome) to that
  row; a material tagged with a subject/grade only covers nothing identifiable and is not
  counted. The totals row counts each material once even when it spans several rows.
- **Department-wide figure**: covered lessons / all lessons and covered outcomes / all
  outcomes, each met when ``covered >= ceil(target × total)``.

Cost: a fixed number of aggregate queries whatever the size of the data (one for the
curriculum, five per kind of material); each returns at most one row per lesson, outcome
or subject × grade, never one per material: about 1 s on PostgreSQL for 5 760 lessons,
17 280 outcomes and 200 000 items (120 000 links). Joins and conditional aggregates, not
correlated subqueries, keep every query under PostgreSQL's JIT cost threshold.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from django.conf import settings
from django.db.models import Count, F, Model, Q, QuerySet

from accounts.models import DistrictOffice, School
from common.sharing import SharingScope
from content.models import ELecturePage, LessonPage, LibraryItem
from curriculum.models import CurriculumLesson

DEFAULT_TARGET = 0.5

__all__ = [
    "CoverageReport",
    "CoverageRow",
    "Share",
    "TargetCheck",
    "UncoveredLesson",
    "coverage_target",
    "curriculum_coverage",
    "department_materials_q",
]


def coverage_target() -> float:
    """The share of the curriculum a department must cover (0–1)."""
    return float(getattr(settings, "COVERAGE_TARGET", DEFAULT_TARGET))


@dataclass(frozen=True)
class Share:
    covered: int
    total: int

    @property
    def ratio(self) -> float | None:
        """``covered / total`` (0–1), or None when there is nothing to cover."""
        return self.covered / self.total if self.total else None

    @property
    def percent(self) -> float | None:
        """The ratio in per cent, rounded to one decimal (57.1 for 4/7)."""
        return None if self.ratio is None else round(self.ratio * 100, 1)


@dataclass(frozen=True)
class TargetCheck:
    """A department-wide share against the target."""

    share: Share
    target: float

    @property
    def required(self) -> int:
        """How many must be covered: ``ceil(target × total)``, computed exactly."""
        return math.ceil(Fraction(str(self.target)) * self.share.total)

    @property
    def met(self) -> bool:
        return self.share.total > 0 and self.share.covered >= self.required

    @property
    def missing(self) -> int:
        """How many more lessons (or outcomes) must be covered to meet the target."""
        return max(0, self.required - self.share.covered)

    @property
    def gap_points(self) -> float:
        """Percentage points below the target (0 when met), one decimal."""
        if self.met or self.share.ratio is None:
            return 0.0
        return round((self.target - self.share.ratio) * 100, 1)

    @property
    def target_percent(self) -> float:
        return round(self.target * 100, 1)


@dataclass(frozen=True)
class CoverageRow:
    subject_id: int
    subject_name: str
    grade: int
    lessons: Share
    outcomes: Share
    materials: int


@dataclass(frozen=True)
class UncoveredLesson:
    subject_name: str
    grade: int
    topic_name: str
    lesson_name: str


@dataclass(frozen=True)
class CoverageReport:
    department_id: int
    target: float
    rows: list[CoverageRow]
    lessons: Share
    outcomes: Share
    materials: int
    uncovered: list[UncoveredLesson] = field(default_factory=list)

    @property
    def lessons_check(self) -> TargetCheck:
        return TargetCheck(self.lessons, self.target)

    @property
    def outcomes_check(self) -> TargetCheck:
        return TargetCheck(self.outcomes, self.target)


def department_materials_q(*, department_id: int) -> Q:
    """Materials shared within the department: public ones, and province, district and
    school ones owned in the department. Subqueries, not joins or id lists, so the
    filter stays one indexed semi-join whatever the number of schools."""

    owned = (
        Q(department_id=department_id)
        | Q(
            district_office_id__in=DistrictOffice.objects.filter(
                department_id=department_id
            ).values("pk")
        )
        | Q(school_id__in=School.objects.filter(department_id=department_id).values("pk"))
    )
    shared = Q(scope__in=[SharingScope.PROVINCE, SharingScope.DISTRICT, SharingScope.SCHOOL])
    return Q(scope=SharingScope.PUBLIC) | (shared & owned)


@dataclass(frozen=True)
class _Source:
    """One kind of material, as querysets annotated with ``cov_*`` names:

    - ``materials``: the approved materials visible in the department; ``linked``: the
      condition on them of being linked to some lesson or outcome;
    - ``lesson_links``: one row per (material, lesson) link — ``cov_material``,
      ``cov_lesson``; ``lesson_path`` leads from a row to its ``CurriculumLesson`` and
      ``material_outcomes`` to the outcomes its material lists;
    - ``restricted``: condition on a lesson link whose material names specific outcomes
      (then the link alone covers none of the lesson's outcomes);
    - ``outcome_links``: one row per (material, outcome) link — ``cov_material``,
      ``cov_outcome``; ``outcome_path`` leads to its ``LearningOutcome``.

    Joins and conditional aggregates rather than correlated subqueries: PostgreSQL costs
    them well (correlated EXISTS are estimated in millions and pay for JIT compiling).
    """

    materials: QuerySet
    linked: Q
    lesson_links: QuerySet
    lesson_path: str
    material_outcomes: str
    restricted: Q
    outcome_links: QuerySet
    outcome_path: str


def _m2m(model: type[Model], name: str) -> tuple[type[Model], str, str]:
    """(through model, column of ``model``, column of the target) of an M2M field."""
    m2m = model._meta.get_field(name)
    return m2m.remote_field.through, m2m.m2m_field_name(), m2m.m2m_reverse_field_name()


def _page_source(model: type[Model], scope_q: Q) -> _Source:
    materials = model.objects.live().filter(scope_q)
    through, owner, target = _m2m(model, "outcomes")
    return _Source(
        materials=materials,
        linked=Q(curriculum_lesson__isnull=False) | Q(pk__in=through.objects.values(owner)),
        lesson_links=materials.filter(curriculum_lesson__isnull=False).annotate(
            cov_material=F("pk"), cov_lesson=F("curriculum_lesson_id")
        ),
        lesson_path="curriculum_lesson",
        material_outcomes="outcomes",
        # Pages: any listed outcome restricts the page to its list (covered_outcomes()).
        restricted=Q(outcomes__isnull=False),
        outcome_links=through.objects.filter(**{f"{owner}__in": materials.values("pk")}).annotate(
            cov_material=F(f"{owner}_id"), cov_outcome=F(f"{target}_id")
        ),
        outcome_path=target,
    )


def _item_source(scope_q: Q) -> _Source:
    materials = LibraryItem.objects.filter(live=True).filter(scope_q)
    lesson_through, lesson_owner, lesson_target = _m2m(LibraryItem, "curriculum_lessons")
    through, owner, target = _m2m(LibraryItem, "outcomes")
    return _Source(
        materials=materials,
        linked=Q(pk__in=lesson_through.objects.values(lesson_owner))
        | Q(pk__in=through.objects.values(owner)),
        lesson_links=lesson_through.objects.filter(
            **{f"{lesson_owner}__in": materials.values("pk")}
        ).annotate(cov_material=F(f"{lesson_owner}_id"), cov_lesson=F(f"{lesson_target}_id")),
        lesson_path=lesson_target,
        material_outcomes=f"{lesson_owner}__outcomes",
        # Items: only outcomes of *that* lesson restrict the lesson link.
        restricted=Q(**{f"{lesson_owner}__outcomes__lesson_id": F(f"{lesson_target}_id")}),
        outcome_links=through.objects.filter(**{f"{owner}__in": materials.values("pk")}).annotate(
            cov_material=F(f"{owner}_id"), cov_outcome=F(f"{target}_id")
        ),
        outcome_path=target,
    )


def _sources(department_id: int) -> list[_Source]:
    scope_q = department_materials_q(department_id=department_id)
    return [
        _page_source(LessonPage, scope_q),
        _page_source(ELecturePage, scope_q),
        _item_source(scope_q),
    ]


RowKey = tuple[int, int]  # (subject id, grade)


def _whole_and_linked_lessons(source: _Source) -> tuple[set[int], set[int]]:
    """(lessons linked, lessons with an unrestricted link). Per lesson, the materials
    linked and those of them restricted to listed outcomes: a lesson is wholly covered
    when some linked material is not restricted. One grouped query, a row per lesson."""
    linked, whole = set(), set()
    for lesson_id, n_all, n_restricted in (
        source.lesson_links.order_by()
        .values("cov_lesson")
        .annotate(
            n_all=Count("cov_material", distinct=True),
            n_restricted=Count("cov_material", distinct=True, filter=source.restricted),
        )
        .values_list("cov_lesson", "n_all", "n_restricted")
    ):
        linked.add(lesson_id)
        if n_all > n_restricted:
            whole.add(lesson_id)
    return linked, whole


def _row_material_counts(source: _Source) -> dict[RowKey, int]:
    """Distinct materials per row, linked by lesson (A) or by outcome (B): |A ∪ B| = |A| +
    |B| − |A ∩ B|, A ∩ B being the lesson-linked materials that also list an outcome of the
    same row. Two grouped queries, a row per subject × grade each."""
    lp, op, mo = source.lesson_path, source.outcome_path, source.material_outcomes
    counts: dict[RowKey, int] = defaultdict(int)
    same_row = Q(
        **{
            f"{mo}__lesson__topic__subject_id": F(f"{lp}__topic__subject_id"),
            f"{mo}__lesson__topic__grade": F(f"{lp}__topic__grade"),
        }
    )
    for subject_id, grade, n_all, n_both in (
        source.lesson_links.order_by()
        .values(f"{lp}__topic__subject_id", f"{lp}__topic__grade")
        .annotate(
            n_all=Count("cov_material", distinct=True),
            n_both=Count("cov_material", distinct=True, filter=same_row),
        )
        .values_list(f"{lp}__topic__subject_id", f"{lp}__topic__grade", "n_all", "n_both")
    ):
        counts[(subject_id, grade)] += n_all - n_both
    for subject_id, grade, n in (
        source.outcome_links.order_by()
        .values(f"{op}__lesson__topic__subject_id", f"{op}__lesson__topic__grade")
        .annotate(n=Count("cov_material", distinct=True))
        .values_list(f"{op}__lesson__topic__subject_id", f"{op}__lesson__topic__grade", "n")
    ):
        counts[(subject_id, grade)] += n
    return counts


def curriculum_coverage(*, department_id: int, target: float | None = None) -> CoverageReport:
    """Coverage of the curriculum by the approved materials visible in the department.

    Precondition: ``department_id`` names an existing department (the caller has checked
    the user may see it). ``target`` defaults to :func:`coverage_target`.
    """
    target = coverage_target() if target is None else target
    lessons = _curriculum_lessons()
    links = _links(department_id)
    rows, uncovered = _tally(lessons, links)
    report_rows = [
        CoverageRow(
            subject_id=subject_id,
            subject_name=row["name"],
            grade=grade,
            lessons=Share(row["covered"], row["lessons"]),
            outcomes=Share(row["outcomes_covered"], row["outcomes"]),
            materials=links.row_materials.get((subject_id, grade), 0),
        )
        for (subject_id, grade), row in rows.items()
    ]
    return CoverageReport(
        department_id=department_id,
        target=target,
        rows=report_rows,
        lessons=Share(
            sum(r.lessons.covered for r in report_rows), sum(r.lessons.total for r in report_rows)
        ),
        outcomes=Share(
            sum(r.outcomes.covered for r in report_rows),
            sum(r.outcomes.total for r in report_rows),
        ),
        materials=links.total_materials,
        uncovered=uncovered,
    )


def _curriculum_lessons() -> list[tuple]:
    """Every curriculum lesson in report order: (pk, subject id, subject name, grade, topic
    name, lesson name, number of outcomes)."""
    return list(
        CurriculumLesson.objects.annotate(n_outcomes=Count("outcomes"))
        .order_by(
            "topic__subject__sort_order",
            "topic__subject__name",
            "topic__grade",
            "topic__sort_order",
            "topic_id",
            "sort_order",
            "pk",
        )
        .values_list(
            "pk",
            "topic__subject_id",
            "topic__subject__name",
            "topic__grade",
            "topic__name",
            "name",
            "n_outcomes",
        )
    )


@dataclass
class _Links:
    """What the department's approved materials cover, all kinds of material together."""

    linked_lessons: set[int] = field(default_factory=set)  # covered lessons
    whole_lessons: set[int] = field(default_factory=set)  # all their outcomes covered
    listed_outcomes: dict[int, int] = field(default_factory=dict)  # outcome id -> lesson id
    row_materials: dict[RowKey, int] = field(default_factory=lambda: defaultdict(int))
    total_materials: int = 0

    def extra_outcomes(self) -> dict[int, int]:
        """Outcomes listed explicitly, outside lessons already wholly covered, per lesson."""
        extra: dict[int, int] = defaultdict(int)
        for lesson_id in self.listed_outcomes.values():
            if lesson_id not in self.whole_lessons:
                extra[lesson_id] += 1
        return extra


def _links(department_id: int) -> _Links:
    links = _Links()
    for source in _sources(department_id):
        linked, whole = _whole_and_linked_lessons(source)
        links.linked_lessons |= linked
        links.whole_lessons |= whole
        links.listed_outcomes.update(
            source.outcome_links.annotate(cov_outcome_lesson=F(f"{source.outcome_path}__lesson_id"))
            .order_by()
            .values_list("cov_outcome", "cov_outcome_lesson")
            .distinct()
        )
        for key, n in _row_material_counts(source).items():
            links.row_materials[key] += n
        links.total_materials += source.materials.filter(source.linked).order_by().count()
    links.linked_lessons.update(links.listed_outcomes.values())
    return links


def _tally(lessons: list[tuple], links: _Links) -> tuple[dict[RowKey, dict], list[UncoveredLesson]]:
    """Lessons and outcomes, all and covered, per (subject, grade) row; and the lessons
    nothing covers."""
    extra_outcomes = links.extra_outcomes()
    rows: dict[RowKey, dict] = {}
    uncovered: list[UncoveredLesson] = []
    for lesson_id, subject_id, subject_name, grade, topic_name, name, n_outcomes in lessons:
        row = rows.setdefault(
            (subject_id, grade),
            {
                "name": subject_name,
                "lessons": 0,
                "covered": 0,
                "outcomes": 0,
                "outcomes_covered": 0,
            },
        )
        row["lessons"] += 1
        row["outcomes"] += n_outcomes
        if lesson_id in links.linked_lessons:
            row["covered"] += 1
        else:
            uncovered.append(UncoveredLesson(subject_name, grade, topic_name, name))
        row["outcomes_covered"] += (
            n_outcomes if lesson_id in links.whole_lessons else extra_outcomes[lesson_id]
        )
    return rows, uncovered
