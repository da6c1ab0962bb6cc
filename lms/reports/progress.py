"""A class's progress for its teachers: students × learning outcomes from the revision's
mastery numbers (:class:`lms.revision.models.OutcomeMastery`), and each student's
completion of the lessons and e-lectures given to the class (from
:class:`lms.models.LearningEvent`: sections completed, checkpoints answered). A fixed
number of queries whatever the class's size."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Page

from accounts.models import Role, User
from curriculum.models import LearningOutcome
from lms.assignments.models import Assignment
from lms.models import EventKind, LearningEvent
from lms.revision.mastery import BANDS, band
from lms.revision.models import OutcomeMastery

#: At most this many outcomes are columns (the most practised first); a subject narrows.
MAX_OUTCOMES = 40


@dataclass(frozen=True)
class Cell:
    value: float | None
    answers: int

    @property
    def band(self):
        return band(self.value, self.answers)

    @property
    def percent(self) -> int | None:
        return None if self.value is None else round(self.value * 100)

    def html(self, words: dict) -> str:
        """The cell's ``<td>``: numbers, and the band's code and label escaped once per
        page in ``words`` (a large table is thousands of cells)."""
        b = self.band
        hidden = f'<span class="visually-hidden"> {words[b.code]}</span>'
        if self.value is None:
            return f'<td class="heat--{b.code}" data-band="{b.code}">–{hidden}</td>'
        return (
            f'<td class="heat--{b.code}" data-band="{b.code}">{self.percent}%<br>'
            f"<small>{self.answers} {words['answers']}</small>{hidden}</td>"
        )


@dataclass
class Heatmap:
    students: list
    outcomes: list
    cells: dict  # (student id, outcome id) → Cell

    def rows(self):
        empty = Cell(None, 0)
        for student in self.students:
            yield student, [self.cells.get((student.pk, o.pk), empty) for o in self.outcomes]

    def html_rows(self):
        """(student, the row's cells as HTML): built here, not cell by cell in the template
        (a 45 × 40 table is 1,800 cells)."""
        words = {code: escape(b.label) for code, b in BANDS.items()}
        words["answers"] = escape(_("câu"))
        for student, cells in self.rows():
            yield student, mark_safe("".join(c.html(words) for c in cells))  # noqa: S308


def class_students(school_class) -> list[User]:
    return list(
        User.objects.filter(
            role=Role.STUDENT, is_active=True, enrolments__school_class=school_class
        ).order_by("full_name", "pk")
    )


def class_heatmap(*, school_class, subject_id: int | None = None) -> Heatmap:
    students = class_students(school_class)
    masteries = OutcomeMastery.objects.filter(student__in=[s.pk for s in students])
    if subject_id:
        masteries = masteries.filter(outcome__lesson__topic__subject_id=subject_id)
    outcome_ids = list(
        masteries.values("outcome_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "outcome_id")
        .values_list("outcome_id", flat=True)[:MAX_OUTCOMES]
    )
    outcomes = list(
        LearningOutcome.objects.filter(pk__in=outcome_ids)
        .select_related("lesson__topic")
        .order_by("lesson__topic__sort_order", "lesson__sort_order", "sort_order")
    )
    cells = {
        (m.student_id, m.outcome_id): Cell(m.value, m.answers)
        for m in masteries.filter(outcome_id__in=outcome_ids).only(
            "student_id", "outcome_id", "value", "answers"
        )
    }
    return Heatmap(students=students, outcomes=outcomes, cells=cells)


@dataclass(frozen=True)
class PageCompletion:
    sections_done: int
    sections: int | None
    checkpoints: int
    completed: bool

    @property
    def text(self) -> str:
        total = "?" if self.sections is None else str(self.sections)
        return f"{self.sections_done}/{total}"

    def html(self, words: dict) -> str:
        done = "✓ " if self.completed else ""
        return (
            f"<td>{done}{self.text} {words['sections']} · {self.checkpoints} "
            f"{words['checkpoints']}</td>"
        )


@dataclass
class Completion:
    students: list
    pages: list
    cells: dict  # (student id, page id) → PageCompletion

    def rows(self):
        empty = {p.pk: PageCompletion(0, _sections(p), 0, False) for p in self.pages}
        for student in self.students:
            yield student, [self.cells.get((student.pk, p.pk), empty[p.pk]) for p in self.pages]

    def html_rows(self):
        words = {"sections": escape(_("phần")), "checkpoints": escape(_("câu dừng"))}
        for student, cells in self.rows():
            yield student, mark_safe("".join(c.html(words) for c in cells))  # noqa: S308


def _sections(page) -> int | None:
    sections = getattr(page, "sections", None)
    return None if sections is None else len(sections)


def class_completion(*, school_class) -> Completion:
    """Each student's completion of the lessons and e-lectures given to the class."""
    students = class_students(school_class)
    page_ids = list(
        Assignment.objects.filter(school_class=school_class, page__isnull=False)
        .order_by("opens_at")
        .values_list("page_id", flat=True)
        .distinct()
    )
    pages_by_id = {p.pk: p for p in Page.objects.filter(pk__in=page_ids).specific()}
    pages = [pages_by_id[i] for i in dict.fromkeys(page_ids) if i in pages_by_id]
    counts: dict = defaultdict(lambda: {"sections": 0, "checkpoints": 0, "completed": False})
    for r in (
        LearningEvent.objects.filter(
            user__in=[s.pk for s in students],
            page_id__in=list(pages_by_id),
            kind__in=(
                EventKind.SECTION_COMPLETED,
                EventKind.CHECKPOINT_ANSWERED,
                EventKind.COMPLETED,
            ),
        )
        .values("user_id", "page_id", "kind")
        .annotate(
            sections=Count("section", distinct=True),
            questions=Count("question_version", distinct=True),
        )
        .order_by()
    ):
        c = counts[(r["user_id"], r["page_id"])]
        if r["kind"] == EventKind.SECTION_COMPLETED:
            c["sections"] = r["sections"]
        elif r["kind"] == EventKind.CHECKPOINT_ANSWERED:
            c["checkpoints"] = r["questions"]
        else:
            c["completed"] = True
    cells = {}
    for (user_id, page_id), c in counts.items():
        total = _sections(pages_by_id[page_id])
        done = c["completed"] or (total is not None and total > 0 and c["sections"] >= total)
        cells[(user_id, page_id)] = PageCompletion(c["sections"], total, c["checkpoints"], done)
    return Completion(students=students, pages=pages, cells=cells)
