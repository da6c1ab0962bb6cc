"""The demo's term of teaching for the printed teacher (gv001.01): in each class they teach,
a practice set, a lesson to read and a 45-minute test with an essay (all due in the past),
one practice set still to do; the students' attempts; the essays of most students marked
(some with a rubric and a comment) and returned; the test mapped to ĐĐGtx2 of HK I; and
the class's HK I gradebook filled for every subject, so averages and levels show.

Built through the services (assignments, the exam engine, marking, the gradebook), as a
teacher and students would; deterministic and small: a few seconds on SQLite.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from accounts.models import TeachingAssignment, User
from content.models import LessonPage
from demo.people import EXAM_CLASS_NAME, EXAM_SCHOOL_CODE
from lms.assignments import services as assignments
from lms.assignments.models import Assignment
from lms.exams import grading, saving
from lms.exams import services as exams
from lms.exams.delivery import variant_items
from lms.exams.models import Attempt
from lms.gradebook import services as gradebook
from lms.gradebook.models import Term
from lms.marking import services as marking
from lms.models import EventKind, LearningEvent
from question_bank.assembly.models import Paper
from question_bank.assembly.services import practice_paper_create
from question_bank.formats.base import QType
from question_bank.permissions import practice_questions

TEACHER_USERNAME = "gv001.01"
RUBRIC_TITLE = "Bài tự luận Toán (3 tiêu chí)"
RUBRIC_TEXT = (
    "Lập luận: Chặt chẽ = 0,5; Còn thiếu = 0,25; Sai = 0\n"
    "Tính toán: Đúng = 0,25; Sai = 0\n"
    "Trình bày: Rõ ràng = 0,25; Chưa rõ = 0"
)
COMMENTS = (
    "Lập luận tốt, trình bày sạch sẽ.",
    "Cần ghi rõ điều kiện trước khi kết luận.",
    "Tính toán đúng nhưng thiếu bước giải thích.",
    "Em xem lại cách đặt ẩn ở bước đầu.",
)
#: The test goes to the gradebook here (HK I, second regular assessment).
TEST_TERM, TEST_COLUMN = Term.FIRST, "tx2"
_AUTO = (QType.SINGLE_CHOICE, QType.TRUE_FALSE, QType.SHORT_NUMERIC)
ESSAY_TEXT = "Em trình bày lời giải: đặt ẩn, lập phương trình, giải và kết luận."


def seed_teaching_term(*, seed: int = 2025) -> list[Assignment]:
    """Once: the printed teacher's assignments, attempts, marks and gradebook (see above)."""
    teacher = User.objects.filter(username=TEACHER_USERNAME).first()
    if teacher is None or Assignment.objects.filter(created_by=teacher).exists():
        return []
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    rubric = marking.rubric_save(user=teacher, title=RUBRIC_TITLE, text=RUBRIC_TEXT)
    given = []
    taught = (
        TeachingAssignment.objects.filter(teacher=teacher, subject__isnull=False)
        .select_related("school_class", "subject")
        .order_by("school_class__name", "subject__code", "pk")
    )
    for row in taught:
        given += _class_term(teacher, row.school_class, row.subject, rubric, rng)
    # The printed student's class (12A1) gets its Toán teacher's term too, so the student's
    # "Việc cần làm" and "Điểm của em" show work at first sign-in.
    printed = (
        TeachingAssignment.objects.filter(
            school_class__school__code=EXAM_SCHOOL_CODE,
            school_class__name=EXAM_CLASS_NAME,
            subject__code="toan",
        )
        .exclude(teacher=teacher)
        .select_related("teacher", "school_class", "subject")
        .first()
    )
    if printed is not None:
        own = marking.rubric_save(user=printed.teacher, title=RUBRIC_TITLE, text=RUBRIC_TEXT)
        given += _class_term(printed.teacher, printed.school_class, printed.subject, own, rng)
    return given


def _class_term(teacher, school_class, subject, rubric, rng) -> list[Assignment]:
    students = list(User.objects.filter(enrolments__school_class=school_class).order_by("username"))
    auto, essays = _questions(teacher, subject, school_class.grade, rng)
    given = []
    now = timezone.now()
    day = dt.timedelta(days=1)
    if len(auto) >= 14:
        practice = practice_paper_create(
            user=teacher,
            question_ids=auto[:8],
            subject=subject,
            title="Luyện tập chương I",
            seed=rng.randrange(2**31),
        )
        done = _give(
            teacher, school_class, "practice", practice, "Luyện tập chương I", now - 40 * day
        )
        _do_all(done, students, rng, late_share=0.1)
        given.append(done)
        upcoming = practice_paper_create(
            user=teacher,
            question_ids=auto[8:14],
            subject=subject,
            title="Luyện tập chương II",
            seed=rng.randrange(2**31),
        )
        next_one = _give(
            teacher, school_class, "practice", upcoming, "Luyện tập chương II", now - day
        )
        next_one.due_at = now + 3 * day
        next_one.save(update_fields=["due_at"])
        given.append(next_one)
    lesson = _lesson(subject, school_class.grade)
    if lesson is not None:
        read = _give(
            teacher, school_class, "lesson", None, lesson.title, now - 30 * day, page=lesson
        )
        _read(read, students, rng)
        given.append(read)
    if len(auto) >= 22 and essays:
        test = _test_paper(teacher, subject, auto[14:22], essays[0], rng.randrange(2**31))
        exam = _give(
            teacher, school_class, "test", test, "Kiểm tra 45 phút chương I", now - 20 * day
        )
        attempts = _do_all(exam, students, rng, late_share=0.0)
        _mark_and_return(teacher, exam, attempts, rubric, rng)
        given.append(exam)
    _fill_gradebook(school_class, students, rng)
    if given and given[-1].kind == "test":
        marking.gradebook_write(
            user=teacher, assignment=given[-1], subject=subject, term=TEST_TERM, column=TEST_COLUMN
        )
    return given


def _questions(user, subject, grade: int, rng) -> tuple[list[int], list[int]]:
    """(auto-marked question ids, essay ids) of the class's subject and grade the teacher
    may practise with, shuffled by the seed."""
    rows = list(
        practice_questions(user)
        .filter(subject=subject, grade=grade)
        .order_by("pk")
        .values_list("pk", "qtype")
    )
    auto = [pk for pk, qtype in rows if qtype in _AUTO]
    essays = [pk for pk, qtype in rows if qtype == QType.ESSAY]
    rng.shuffle(auto)
    rng.shuffle(essays)
    return auto, essays


def _test_paper(teacher, subject, auto: list[int], essay: int, seed: int) -> Paper:
    """A test of eight auto-marked questions and one essay (a practice paper of exactly
    those questions, then made a test: the assembly's own path for a hand-picked paper)."""
    paper = practice_paper_create(
        user=teacher,
        question_ids=[*auto, essay],
        subject=subject,
        title="Kiểm tra 45 phút chương I – có tự luận",
        seed=seed,
    )
    paper.kind = Paper.Kind.EXAM
    paper.header = {**paper.header, "exam_title": "BÀI KIỂM TRA 45 PHÚT", "duration_minutes": 45}
    paper.save(update_fields=["kind", "header"])
    return paper


def _lesson(subject, grade: int):
    return (
        LessonPage.objects.live().filter(subject=subject, grade=grade).order_by("path").first()
        or LessonPage.objects.live().filter(subject=subject).order_by("path").first()
    )


def _give(teacher, school_class, kind, paper, title, opens_at, *, page=None) -> Assignment:
    data = assignments.AssignmentInput(
        title=title,
        school_class=school_class,
        kind=kind,
        paper=paper,
        page=page,
        opens_at=opens_at,
        due_at=opens_at + dt.timedelta(days=7),
        duration_minutes=45 if kind == "test" else None,
        instructions="Các em làm bài nghiêm túc, nộp đúng hạn.",
    )
    return assignments.assignment_create(user=teacher, data=data)


def _response(item: dict, right: bool, rng):
    data = item["data"]
    qtype = data["qtype"]
    if qtype == QType.SINGLE_CHOICE:
        key = next(i for i, c in enumerate(data["choices"]) if c["correct"])
        return (
            key
            if right
            else (key + rng.randint(1, len(data["choices"]) - 1)) % len(data["choices"])
        )
    if qtype == QType.TRUE_FALSE:
        truth = [bool(c["correct"]) for c in data["choices"]]
        if not right:
            flip = rng.randrange(len(truth))
            truth[flip] = not truth[flip]
        return truth
    if qtype == QType.SHORT_NUMERIC:
        return data["numeric_answer"].replace(".", ",") if right else "99"
    return ESSAY_TEXT


def _do_all(assignment: Assignment, students, rng, *, late_share: float) -> list[Attempt]:
    """Most students do the work once (each with their own share of right answers), on
    time but a few; their attempts are dated inside the assignment's window."""
    session = assignment.session
    candidates = {c.student_id: c for c in session.candidates.all()}
    attempts = []
    for student in students:
        if rng.random() < 0.12:  # a few never did it
            continue
        candidate = candidates[student.pk]
        attempt = exams.attempt_open(user=student, candidate=candidate, device=f"demo-{student.pk}")
        skill = rng.uniform(0.45, 0.95)
        answers = [
            {"slot": item["slot"], "seq": n, "response": _response(item, rng.random() < skill, rng)}
            for n, item in enumerate(variant_items(candidate.variant_id), 1)
        ]
        saving.answers_save(
            attempt_id=attempt.pk, token=saving.attempt_token(attempt), payload={"answers": answers}
        )
        exams.attempt_submit(attempt=attempt, by=Attempt.SubmittedBy.STUDENT, user=student)
        grading.attempt_grade(attempt.pk)
        late = rng.random() < late_share
        started = assignment.opens_at + dt.timedelta(
            days=8 if late else rng.randint(1, 5), hours=rng.randint(7, 20)
        )
        Attempt.objects.filter(pk=attempt.pk).update(
            started_at=started, submitted_at=started + dt.timedelta(minutes=rng.randint(12, 40))
        )
        attempts.append(attempt)
    return attempts


def _read(assignment: Assignment, students, rng) -> None:
    """Most students open the lesson, work through its sections, three in four finish it."""
    events = []
    for student in students:
        if rng.random() < 0.15:
            continue
        at = assignment.opens_at + dt.timedelta(days=rng.randint(0, 5), hours=rng.randint(7, 21))
        kinds = [EventKind.VIEW, EventKind.SECTION_STARTED, EventKind.SECTION_COMPLETED]
        if rng.random() < 0.75:
            kinds.append(EventKind.COMPLETED)
        for n, kind in enumerate(kinds):
            events.append(
                LearningEvent(
                    user=student,
                    kind=kind,
                    page_id=assignment.page_id,
                    section=0 if "section" in kind else None,
                    created_at=at + dt.timedelta(minutes=4 * n),
                )
            )
    created = LearningEvent.objects.bulk_create(events)
    # created_at is auto_now_add: date each event as it happened.
    for event, wanted in zip(created, events, strict=True):
        event.created_at = wanted.created_at
    LearningEvent.objects.bulk_update(created, ["created_at"])


def _mark_and_return(teacher, assignment, attempts, rubric, rng) -> None:
    """The teacher marks four in five essays (half with the rubric), comments on some, and
    returns the marked work; the rest wait in the queue."""
    for attempt in attempts:
        if rng.random() < 0.2:
            continue
        candidate = attempt.candidate
        essay = next(
            i for i in variant_items(candidate.variant_id) if i["data"]["qtype"] == QType.ESSAY
        )
        most = Decimal(essay["points"])
        if rng.random() < 0.5:
            picks = {n: rng.randrange(len(row["levels"])) for n, row in enumerate(rubric.rows)}
            data = marking.MarkInput(rubric=rubric, picks=picks)
            chosen = sum(
                Decimal(row["levels"][picks[n]]["points"]) for n, row in enumerate(rubric.rows)
            )
            if chosen > most:
                data.points = most
        else:
            data = marking.MarkInput(points=most * Decimal(rng.choice((2, 3, 4))) / 4)
        if rng.random() < 0.6:
            data.comment = rng.choice(COMMENTS)
        marking.answer_mark(
            user=teacher, assignment=assignment, attempt=attempt, slot=essay["slot"], data=data
        )
    marking.marks_return(user=teacher, assignment=assignment)


def _fill_gradebook(school_class, students, rng) -> None:
    """HK I marks of every subject of the class, each entered by the teacher who teaches it."""
    rules = gradebook.class_rules(school_class)
    ids = [s.pk for s in students]
    for row in (
        TeachingAssignment.objects.filter(school_class=school_class, subject__isnull=False)
        .select_related("subject", "teacher")
        .order_by("subject__code", "pk")
    ):
        if rules.is_comment(row.subject):
            entries = {
                (sid, c): rng.random() < 0.93
                for sid in ids
                for c in rules.columns(row.subject, school_class.grade)
            }
        else:
            entries = {}
            for sid in ids:
                base = rng.uniform(5.0, 9.3)
                for column in rules.columns(row.subject, school_class.grade):
                    value = min(10.0, max(2.0, base + rng.uniform(-1.5, 1.5)))
                    entries[(sid, column)] = Decimal(str(round(value, 1)))
        gradebook.marks_save(
            user=row.teacher,
            school_class=school_class,
            subject=row.subject,
            term=Term.FIRST,
            entries=entries,
        )


def teaching_demo_line() -> str:
    """One line of the seed's report: where the printed teacher's term of work shows."""
    test = (
        Assignment.objects.filter(created_by__username=TEACHER_USERNAME, kind="test")
        .select_related("school_class")
        .first()
    )
    if test is None:
        return ""
    cls = test.school_class
    line = (
        f"Giao bài, chấm bài, sổ điểm: {TEACHER_USERNAME} (lớp {cls.name}) — "
        f"/hoc/giao-bai/lop/{cls.pk}/, chấm bài /hoc/cham-bai/{test.pk}/, "
        f"sổ điểm /hoc/so-diem/lop/{cls.pk}/."
    )
    other = (
        Assignment.objects.filter(
            school_class__school__code=EXAM_SCHOOL_CODE, school_class__name=EXAM_CLASS_NAME
        )
        .select_related("created_by")
        .first()
    )
    if other is not None:  # its students have weeks of revision: the heatmap has colours
        line += (
            f" Bản đồ thành thạo của lớp {EXAM_CLASS_NAME}: {other.created_by.username} — "
            f"/hoc/bao-cao/lop/{other.school_class_id}/."
        )
    return line


__all__ = ["TEACHER_USERNAME", "seed_teaching_term", "teaching_demo_line"]
