"""Exam test data, built through the services: a small 2025-format paper with versions, a
class of students, an open session, and the correct answer of every question as the page
posts it."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from accounts.models import Role
from lms.exams import codes, services
from lms.exams.delivery import variant_items
from lms.exams.models import ExamSession
from question_bank.assembly.models import Paper, PaperItem
from question_bank.assembly.services import AssemblyOptions, _create_variants
from question_bank.formats.base import Choice, ParsedQuestion, QType
from question_bank.models import QuestionVersion
from tests.accounts.factories import make_class, make_school, make_student_in, make_user
from tests.question_bank.factories import make_bank, make_question, parsed_single

DOB = dt.date(2008, 3, 15)


def _questions():
    """Part I ×2, Part II ×1, Part III ×1, essay ×1 (points 0,25 / 1 / 0,5 / 2)."""
    return [
        (1, "0.25", parsed_single()),
        (
            1,
            "0.25",
            parsed_single(stem="Số nghiệm của \\(x^2=4\\) là", key=2, options=("0", "1", "2", "3")),
        ),
        (
            2,
            "1",
            ParsedQuestion(
                qtype=QType.TRUE_FALSE,
                stem="<p>Cho hàm số \\(y=x^3\\). Xét tính đúng sai:</p>",
                choices=[
                    Choice(text="Hàm số đồng biến trên ℝ", correct=True),
                    Choice(text="Đồ thị đi qua gốc toạ độ", correct=True),
                    Choice(text="\\(y'(1)=2\\)", correct=False),
                    Choice(text="Hàm số là hàm chẵn", correct=False),
                ],
                level="hieu",
                part=2,
            ),
        ),
        (
            3,
            "0.5",
            ParsedQuestion(
                qtype=QType.SHORT_NUMERIC,
                stem="<p>Tính \\(\\int_0^1 3x^2\\,dx\\) (làm tròn đến hàng phần mười).</p>",
                numeric_answer="1",
                level="van_dung",
                part=3,
            ),
        ),
        (
            4,
            "2",
            ParsedQuestion(
                qtype=QType.ESSAY,
                stem="<p>Chứng minh rằng hàm số \\(y=x^3\\) đồng biến trên ℝ.</p>",
                marking_guide="<p>Tính đạo hàm (1 điểm), kết luận (1 điểm).</p>",
                level="van_dung",
                part=4,
            ),
        ),
    ]


def make_exam_paper(
    owner, *, versions: int = 4, confidential: bool = False, questions=None
) -> Paper:
    """``questions``: [(part, points, ParsedQuestion)] instead of the five of :func:`_questions`."""
    bank = make_bank(owner, confidential=confidential) if confidential else make_bank(owner)
    paper = Paper.objects.create(
        title="Kiểm tra giữa kì Toán 12",
        created_by=owner,
        school_id=owner.school_id,
        confidential=confidential,
        seed=7,
        header={"subject": "Toán", "duration_minutes": 45},
    )
    items = []
    for position, (part, points, parsed) in enumerate(questions or _questions(), 1):
        question = make_question(bank, parsed=parsed, approve=True)
        version = QuestionVersion.objects.filter(question=question).latest("pk")
        items.append(
            PaperItem(paper=paper, version=version, position=position, part=part, points=points)
        )
    PaperItem.objects.bulk_create(items)
    items = list(paper.items.select_related("version").order_by("position"))
    codes_ = [f"{101 + n:04d}" for n in range(versions)]
    _create_variants(paper, items, codes_, 7, AssemblyOptions(versions=versions))
    return paper


def correct_response(item: dict):
    """The right answer to a version item as the exam page posts it."""
    data = item["data"]
    qtype = data["qtype"]
    if qtype == QType.SINGLE_CHOICE:
        return next(i for i, c in enumerate(data["choices"]) if c["correct"])
    if qtype == QType.TRUE_FALSE:
        return [bool(c["correct"]) for c in data["choices"]]
    if qtype == QType.SHORT_NUMERIC:
        return data["numeric_answer"].replace(".", ",")
    return "Ta có \\(y'=3x^2\\ge 0\\) nên hàm số đồng biến."


@dataclass
class ExamWorld:
    board: object
    school_class: object
    students: list
    paper: Paper
    session: ExamSession


def make_exam_world(
    *, students: int = 3, versions: int = 4, questions=None, **session_kwargs
) -> ExamWorld:
    school = make_school()
    board = make_user(role=Role.EXAM_BOARD, school=school)
    school_class = make_class(school=school, name="12A1", grade=12)
    people = [make_student_in(school_class, date_of_birth=DOB) for _ in range(students)]
    paper = make_exam_paper(board, versions=versions, questions=questions)
    now = timezone.now()
    window = services.SessionWindow(
        opens_at=now - dt.timedelta(minutes=5),
        last_entry_at=now + dt.timedelta(minutes=30),
        closes_at=now + dt.timedelta(hours=2),
        duration_minutes=45,
    )
    session_kwargs.setdefault("title", "Thi thử")
    session = services.session_create(
        user=board, paper=paper, window=window, classes=[school_class], **session_kwargs
    )
    return ExamWorld(board, school_class, people, paper, session)


def checked_in(world: ExamWorld, student):
    candidate = world.session.candidates.get(student=student)
    return services.check_in(
        user=student,
        candidate=candidate,
        access_code=codes.access_code(candidate.room.secret),
        identity=DOB.strftime("%d/%m/%Y"),
    )


def started(world: ExamWorld, student, *, device: str = "thiet-bi-1"):
    """(attempt, items of its version) for a checked-in student."""
    candidate = checked_in(world, student)
    attempt = services.attempt_open(user=student, candidate=candidate, device=device)
    return attempt, variant_items(candidate.variant_id)
