"""Assignment test data, built through the services: a school with class 10A1 whose
teacher teaches it, a teacher who does not, students, a practice set of single-choice
questions, and helpers that let a student do the work on the exam engine."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from accounts.models import Role, TeachingAssignment
from curriculum.models import Subject
from lms.assignments import services
from lms.exams import grading, saving
from lms.exams import services as exams
from lms.exams.delivery import variant_items
from question_bank.assembly.models import Paper
from tests.accounts.factories import make_class, make_school, make_student_in, make_user
from tests.lms.exams.factories import make_exam_paper
from tests.question_bank.factories import parsed_single

#: Three questions, key A / C / B in the source paper; 1 point each.
QUESTIONS = [
    (1, "1", parsed_single(stem="Câu một: 1 + 1 bằng", key=0, options=("2", "3", "4", "5"))),
    (1, "1", parsed_single(stem="Câu hai: 2 + 2 bằng", key=2, options=("3", "5", "4", "6"))),
    (1, "1", parsed_single(stem="Câu ba: 3 + 3 bằng", key=1, options=("5", "6", "7", "9"))),
]


@dataclass
class School:
    teacher: object
    outsider: object
    school_class: object
    other_class: object
    students: list
    other_student: object
    paper: Paper
    subject: object
    extra: dict = field(default_factory=dict)


def make_world(*, students: int = 3, versions: int = 2) -> School:
    school = make_school()
    subject, _ = Subject.objects.get_or_create(code="toan", defaults={"name": "Toán"})
    teacher = make_user(role=Role.TEACHER, school=school, full_name="Cô Giáo Toán")
    outsider = make_user(role=Role.TEACHER, school=school, full_name="Thầy Lớp Khác")
    school_class = make_class(school=school, name="10A1")
    other_class = make_class(school=school, name="10A2")
    TeachingAssignment.objects.create(teacher=teacher, school_class=school_class, subject=subject)
    TeachingAssignment.objects.create(teacher=outsider, school_class=other_class, subject=subject)
    people = [
        make_student_in(school_class, full_name=f"Học Sinh {chr(65 + n)}") for n in range(students)
    ]
    other_student = make_student_in(other_class, full_name="Học Sinh Lớp Khác")
    paper = make_exam_paper(teacher, versions=versions, questions=QUESTIONS)
    paper.kind = Paper.Kind.PRACTICE
    paper.title = "Bộ luyện tập cộng"
    paper.save(update_fields=["kind", "title"])
    return School(
        teacher, outsider, school_class, other_class, people, other_student, paper, subject
    )


def give(world: School, **overrides):
    now = timezone.now()
    values = {
        "title": "Luyện tập phép cộng",
        "school_class": world.school_class,
        "kind": "practice",
        "paper": world.paper,
        "opens_at": now - dt.timedelta(minutes=1),
        "due_at": now + dt.timedelta(days=1),
    }
    values.update(overrides)
    return services.assignment_create(user=world.teacher, data=services.AssignmentInput(**values))


def source_to_printed(item: dict, source_index: int) -> int:
    order = item.get("order") or []
    return order.index(source_index) if order else source_index


def do_work(assignment, student, answers: list[int], *, submit: bool = True):
    """``student`` answers the paper's questions with source option indexes ``answers``
    (in source question order), submits, and the attempt is graded."""
    candidate = assignment.session.candidates.get(student=student)
    attempt = exams.attempt_open(user=student, candidate=candidate, device=f"dev{student.pk}")
    items = sorted(variant_items(candidate.variant_id), key=lambda i: i["position"])
    saving.answers_save(
        attempt_id=attempt.pk,
        token=saving.attempt_token(attempt),
        payload={
            "answers": [
                {"slot": item["slot"], "seq": n + 1, "response": source_to_printed(item, pick)}
                for n, (item, pick) in enumerate(zip(items, answers, strict=True))
            ]
        },
    )
    if submit:
        exams.attempt_submit(attempt=attempt, by="student", user=student)
        grading.attempt_grade(attempt.pk)
    attempt.refresh_from_db()
    return attempt
