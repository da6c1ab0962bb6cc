"""Reads of the gradebook for its pages and exports: one subject's sheet of a class, the
whole class (subjects × students with the averages and levels), a student's own marks.

A fixed handful of queries for any number of students and subjects (the marks of a class
come in one query). Callers check :mod:`lms.permissions` first.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from accounts.models import Enrolment, SchoolClass, TeachingAssignment, User
from common.vietnamese import fold
from curriculum.models import Subject
from lms.gradebook.models import Mark, Term, TermLock
from lms.gradebook.rules import Rules
from lms.gradebook.services import class_rules

TERMS = tuple(Term.values)
YEAR = "cn"


@dataclass
class SubjectResult:
    """One student's marks of one subject and what the rules make of them."""

    subject: Subject
    comment: bool
    columns: list[str]
    cells: dict[int, dict[str, Mark]] = field(default_factory=dict)
    terms: dict[int, Decimal | bool | None] = field(default_factory=dict)
    year: Decimal | bool | None = None

    def result(self, period) -> Decimal | bool | None:
        return self.year if period == YEAR else self.terms.get(period)


def subject_result(rules: Rules, grade: int, subject: Subject, cells: dict) -> SubjectResult:
    """``cells``: term → column → Mark (any missing)."""
    comment = rules.is_comment(subject)
    columns = rules.columns(subject, grade)
    result = SubjectResult(subject=subject, comment=comment, columns=columns, cells=cells)
    for term in TERMS:
        marks = cells.get(term, {})
        if comment:
            verdicts = {c: m.passed for c, m in marks.items()}
            result.terms[term] = rules.comment_term_result(verdicts, columns)
        else:
            values = {c: m.value for c, m in marks.items()}
            result.terms[term] = rules.term_average(values, columns)
    if comment:
        result.year = rules.comment_year_result(result.terms)
    else:
        result.year = rules.year_average(result.terms)
    return result


def student_level(rules: Rules, results: list[SubjectResult], period) -> tuple[str, str] | None:
    """The learning-result level of a term (1, 2) or the year (``YEAR``)."""
    averages = [r.result(period) for r in results if not r.comment]
    comments = [r.result(period) for r in results if r.comment]
    if not results:
        return None
    return rules.level(averages, comments)


def roster(school_class: SchoolClass) -> list[User]:
    """The class's students in the order of a Vietnamese class list (given name, then
    full name, folded)."""
    students = list(
        User.objects.filter(enrolments__school_class=school_class).only(
            "pk", "full_name", "username", "student_id", "date_of_birth"
        )
    )

    def key(student):
        name = student.full_name or student.username
        return (fold(name.rsplit(" ", 1)[-1]), fold(name), student.pk)

    return sorted(students, key=key)


def class_subjects(school_class: SchoolClass, extra_ids=()) -> list[Subject]:
    """The subjects of a class: those taught there (teaching assignments) and any that
    has marks in it."""
    taught = TeachingAssignment.objects.filter(
        school_class=school_class, subject__isnull=False
    ).values("subject_id")
    marked = Mark.objects.filter(school_class=school_class).values("subject_id")
    return list(
        Subject.objects.filter(pk__in=taught)
        | Subject.objects.filter(pk__in=marked)
        | Subject.objects.filter(pk__in=list(extra_ids))
    )


def term_locks(school_class: SchoolClass) -> dict[int, TermLock]:
    return {
        lock.term: lock
        for lock in TermLock.objects.filter(
            school_id=school_class.school_id, school_year_id=school_class.school_year_id
        ).select_related("locked_by", "school_year")
    }


# --- One subject's sheet ---------------------------------------------------------------------
@dataclass
class SheetRow:
    student: User
    result: SubjectResult


@dataclass
class Sheet:
    school_class: SchoolClass
    subject: Subject
    rules: Rules
    comment: bool
    columns: list[str]
    rows: list[SheetRow]
    locks: dict[int, TermLock]


def subject_sheet(*, school_class: SchoolClass, subject: Subject) -> Sheet:
    """Every student of the class with their marks of ``subject`` in both terms."""
    rules = class_rules(school_class)
    students = roster(school_class)
    cells: dict[int, dict[int, dict[str, Mark]]] = defaultdict(lambda: defaultdict(dict))
    marks = Mark.objects.filter(school_class=school_class, subject=subject).select_related(
        "entered_by"
    )
    for mark in marks:
        cells[mark.student_id][mark.term][mark.column] = mark
    rows = [
        SheetRow(
            student=s,
            result=subject_result(rules, school_class.grade, subject, cells.get(s.pk, {})),
        )
        for s in students
    ]
    return Sheet(
        school_class=school_class,
        subject=subject,
        rules=rules,
        comment=rules.is_comment(subject),
        columns=rules.columns(subject, school_class.grade),
        rows=rows,
        locks=term_locks(school_class),
    )


# --- The whole class ------------------------------------------------------------------------
@dataclass
class ClassRow:
    student: User
    results: list[SubjectResult]
    levels: dict = field(default_factory=dict)


@dataclass
class ClassOverview:
    school_class: SchoolClass
    rules: Rules
    subjects: list[Subject]
    rows: list[ClassRow]


def class_overview(*, school_class: SchoolClass) -> ClassOverview:
    """Subjects × students with each subject's results and each student's levels (HK I,
    HK II, the year)."""
    rules = class_rules(school_class)
    subjects = class_subjects(school_class)
    students = roster(school_class)
    cells: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(dict)))
    for mark in Mark.objects.filter(school_class=school_class, subject__in=subjects):
        cells[mark.student_id][mark.subject_id][mark.term][mark.column] = mark
    rows = []
    for student in students:
        mine = cells.get(student.pk, {})
        results = [
            subject_result(rules, school_class.grade, s, mine.get(s.pk, {})) for s in subjects
        ]
        levels = {p: student_level(rules, results, p) for p in (*TERMS, YEAR)}
        rows.append(ClassRow(student=student, results=results, levels=levels))
    return ClassOverview(school_class=school_class, rules=rules, subjects=subjects, rows=rows)


# --- A student's own marks ---------------------------------------------------------------------
@dataclass
class OwnClass:
    school_class: SchoolClass
    rules: Rules
    results: list[SubjectResult]
    levels: dict


def own_marks(*, student: User, school_class: SchoolClass | None = None) -> list[OwnClass]:
    """The student's classes (latest school year first; only ``school_class`` when given)
    with their subjects' marks."""
    enrolments = Enrolment.objects.filter(student=student)
    if school_class is not None:
        enrolments = enrolments.filter(school_class=school_class)
    classes = [
        e.school_class
        for e in enrolments.select_related(
            "school_class__school_year", "school_class__school", "school_class__homeroom_teacher"
        ).order_by("-school_class__school_year__start_date", "school_class__name")
    ]
    taught = defaultdict(set)
    for class_id, subject_id in TeachingAssignment.objects.filter(
        school_class__in=classes, subject__isnull=False
    ).values_list("school_class_id", "subject_id"):
        taught[class_id].add(subject_id)
    cells: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(dict)))
    for mark in Mark.objects.filter(student=student, school_class__in=classes):
        cells[mark.school_class_id][mark.subject_id][mark.term][mark.column] = mark
        taught[mark.school_class_id].add(mark.subject_id)
    subjects = Subject.objects.in_bulk({s for ids in taught.values() for s in ids})
    found = []
    for school_class in classes:
        rules = class_rules(school_class)
        ordered = sorted(
            (subjects[s] for s in taught[school_class.pk]), key=lambda s: (s.sort_order, s.name)
        )
        results = [
            subject_result(rules, school_class.grade, s, cells[school_class.pk].get(s.pk, {}))
            for s in ordered
        ]
        levels = {p: student_level(rules, results, p) for p in (*TERMS, YEAR)}
        found.append(
            OwnClass(school_class=school_class, rules=rules, results=results, levels=levels)
        )
    return found
