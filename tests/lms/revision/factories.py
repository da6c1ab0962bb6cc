"""Revision test data: a school's grade-12 class, a non-confidential Toán bank shared with
the school, and a small curriculum (two chapters, three learning outcomes) whose approved
single-choice questions carry outcomes, levels and difficulties."""

from dataclasses import dataclass, field

from curriculum.models import CurriculumLesson, LearningOutcome, Subject, Topic
from question_bank.formats.base import Choice, ParsedQuestion, QType
from question_bank.models import Question, QuestionVersion
from tests.accounts.factories import make_class, make_school, make_student_in, make_user
from tests.question_bank.factories import make_bank, make_question


def parsed_mc(n: int, *, level: str = "hieu") -> ParsedQuestion:
    return ParsedQuestion(
        qtype=QType.SINGLE_CHOICE,
        stem=f"<p>Câu {n}: giá trị của \\(x + {n}\\) khi \\(x = 1\\) là</p>",
        choices=[
            Choice(text=str(n + 1), correct=True, feedback="<p>Đúng: thay x = 1.</p>"),
            Choice(text=str(n), correct=False, feedback="<p>Quên cộng 1.</p>"),
            Choice(text=str(n + 2), correct=False),
            Choice(text=str(n - 1), correct=False),
        ],
        solution=f"<p>Thay \\(x = 1\\): \\(1 + {n} = {n + 1}\\).</p>",
        level=level,
        part=1,
    )


def parsed_tf(n: int) -> ParsedQuestion:
    return ParsedQuestion(
        qtype=QType.TRUE_FALSE,
        stem=f"<p>Cho hàm số \\(y = x^{n}\\). Xét tính đúng sai:</p>",
        choices=[
            Choice(text="Khẳng định a", correct=True),
            Choice(text="Khẳng định b", correct=False),
            Choice(text="Khẳng định c", correct=True),
            Choice(text="Khẳng định d", correct=False),
        ],
        solution="<p>a, c đúng; b, d sai.</p>",
        level="hieu",
        part=2,
    )


@dataclass
class RevisionWorld:
    school: object
    teacher: object
    school_class: object
    student: object
    other: object
    subject: Subject
    bank: object
    topics: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)
    questions: dict = field(default_factory=dict)  # outcome pk -> [Question]

    def version(self, question) -> QuestionVersion:
        return question.versions.order_by("-number").first()


def make_outcomes(subject, *, grade: int = 12, prefix: str = "t") -> tuple[list, list]:
    topics, outcomes = [], []
    for t in range(2):
        topic = Topic.objects.create(
            subject=subject, grade=grade, code=f"{prefix}{t}", name=f"Chương {t + 1}", sort_order=t
        )
        lesson = CurriculumLesson.objects.create(
            topic=topic, code=f"{prefix}{t}-b1", name=f"Bài {t + 1}", sort_order=0
        )
        topics.append(topic)
        for o in range(2 if t == 0 else 1):
            outcomes.append(
                LearningOutcome.objects.create(
                    lesson=lesson,
                    code=f"{prefix}{t}-b1-{o}",
                    text=f"Yêu cầu {t + 1}.{o + 1}: tính giá trị biểu thức",
                    sort_order=o,
                )
            )
    return topics, outcomes


def make_revision_world(*, per_outcome: int = 6, confidential: bool = False) -> RevisionWorld:
    school = make_school()
    teacher = make_user(school=school)
    school_class = make_class(school=school, name="12A1", grade=12)
    student = make_student_in(school_class)
    other = make_student_in(school_class)
    subject, _ = Subject.objects.get_or_create(code="toan", defaults={"name": "Toán"})
    bank = make_bank(teacher, subject=subject, scope="school", confidential=confidential)
    topics, outcomes = make_outcomes(subject)
    world = RevisionWorld(school, teacher, school_class, student, other, subject, bank)
    world.topics, world.outcomes = topics, outcomes
    n = 0
    for outcome in outcomes:
        world.questions[outcome.pk] = []
        for k in range(per_outcome):
            n += 1
            level = ("biet", "hieu", "van_dung")[k % 3]
            question = make_question(
                bank,
                parsed=parsed_mc(n, level=level),
                approve=True,
                subject=subject,
                grade=12,
                topic=outcome.lesson.topic,
                outcome=outcome,
            )
            Question.objects.filter(pk=question.pk).update(difficulty=0.2 + 0.1 * (k % 7))
            world.questions[outcome.pk].append(question)
    return world
