"""The demo's online periods and satisfaction surveys, so the department's online-share
report and the survey results show real-looking figures at first run.

- Online periods: every class's teachers record, week by week through the school year,
  the periods they taught online or blended; each school at its own pace (one above the
  10% target, one near it, one below), so the report shows who meets it.
- Surveys: the Sở asks the teachers about the shared library (anonymous), the printed
  student's school asks its students about online learning (named) and their parents
  (answered with the child's account). Most people have answered; the printed teacher
  and student have not, so their home page shows the waiting survey.

Built through the services, as the people would; deterministic for a seed.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from accounts.models import Role, School, TeachingAssignment, User
from demo.people import EXAM_SCHOOL_CODE, PRINTED_ROLES, demo_logins
from lms.reports import services as reports
from lms.reports.models import OnlinePeriods, PeriodMode
from lms.reports.periods import periods_per_year
from lms.surveys import services as surveys
from lms.surveys.models import Audience, QuestionKind, Survey

#: Each demo school's online pace, as a share of the curriculum's periods (target: 10%).
SCHOOL_PACE = {"27001": 0.125, "27002": 0.07, "27101": 0.102}
#: Of the online periods, this share is blended (part online, part in class).
BLENDED_SHARE = 0.3
TEACHER_SURVEY = "Mức độ hài lòng của giáo viên với kho học liệu số dùng chung"
STUDENT_SURVEY = "Học sinh đánh giá việc học trực tuyến học kỳ I"
PARENT_SURVEY = "Ý kiến phụ huynh về việc học trực tuyến của con"


def seed_online_periods(*, seed: int = 2025) -> int:
    """Once: every class × subject's online and blended periods of the school year, each
    recorded by its teacher; returns the number of weekly records."""
    if OnlinePeriods.objects.exists():
        return 0
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    count = 0
    rows = TeachingAssignment.objects.filter(
        subject__isnull=False, school_class__school__code__in=list(SCHOOL_PACE)
    ).select_related("teacher", "subject", "school_class__school", "school_class__school_year")
    for row in rows.order_by("school_class__school__code", "school_class__name", "subject__code"):
        school_class = row.school_class
        year = school_class.school_year
        total = periods_per_year(
            code=row.subject.code, name=row.subject.name, grade=school_class.grade, school_year=year
        )
        online = round(total * SCHOOL_PACE[school_class.school.code] * rng.uniform(0.85, 1.15))
        weeks = _weeks(year.start_date, min(year.end_date, timezone.localdate()))
        for monday, periods in _spread(online, weeks, rng).items():
            blended = round(periods * BLENDED_SHARE)
            for mode, n in ((PeriodMode.ONLINE, periods - blended), (PeriodMode.BLENDED, blended)):
                if n:
                    reports.online_periods_record(
                        user=row.teacher,
                        school_class=school_class,
                        subject=row.subject,
                        week=monday,
                        mode=mode,
                        periods=n,
                    )
                    count += 1
    _recorded_in_their_week()
    return count


def _weeks(start: dt.date, end: dt.date) -> list[dt.date]:
    """The Mondays from ``start``'s week to ``end``'s (at least the first)."""
    monday = start - dt.timedelta(days=start.weekday())
    weeks = [monday]
    while monday + dt.timedelta(days=7) <= end:
        monday += dt.timedelta(days=7)
        weeks.append(monday)
    return weeks


def _recorded_in_their_week() -> None:
    """Each record written on the Friday afternoon of its week, not at seed time (the
    report of active teachers counts the week a teacher recorded in)."""
    records = list(OnlinePeriods.objects.all())
    for record in records:
        friday = record.week_start + dt.timedelta(days=4)
        record.recorded_at = timezone.make_aware(dt.datetime.combine(friday, dt.time(16, 30)))
    OnlinePeriods.objects.bulk_update(records, ["recorded_at"], batch_size=500)


def _spread(total: int, weeks: list[dt.date], rng) -> dict[dt.date, int]:
    """``total`` periods over a few weeks of the year, one to three a week."""
    chosen: dict[dt.date, int] = {}
    while total > 0:
        n = min(total, rng.randint(1, 3))
        week = rng.choice(weeks)
        chosen[week] = chosen.get(week, 0) + n
        total -= n
    return chosen


def seed_surveys(*, seed: int = 2025) -> list[Survey]:
    """Once: the three surveys above, published and mostly answered."""
    if Survey.objects.exists():
        return []
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    printed = dict(_printed_usernames())
    school = School.objects.get(code=EXAM_SCHOOL_CODE)
    department_admin = User.objects.get(username=printed[Role.DEPARTMENT_ADMIN])
    school_admin = User.objects.get(username=printed[Role.SCHOOL_ADMIN])
    made = [
        _publish(
            department_admin,
            TEACHER_SURVEY,
            Audience.TEACHERS,
            True,
            (department_admin.department_id, None, None),
            [
                (QuestionKind.STARS, "Thầy/cô hài lòng với kho học liệu số dùng chung ở mức nào?"),
                (
                    QuestionKind.CHOICE,
                    "Thầy/cô dùng học liệu của kho bao lâu một lần?",
                    ["Hằng ngày", "Hằng tuần", "Vài lần một tháng", "Hiếm khi"],
                ),
                (QuestionKind.TEXT, "Thầy/cô mong kho có thêm học liệu nào?"),
            ],
        ),
        _publish(
            school_admin,
            STUDENT_SURVEY,
            Audience.STUDENTS,
            False,
            (school.department_id, school.district_office_id, school.pk),
            [
                (QuestionKind.STARS, "Em đánh giá các bài học trực tuyến học kỳ I thế nào?"),
                (
                    QuestionKind.CHOICE,
                    "Em thường học trên thiết bị nào?",
                    ["Điện thoại", "Máy tính bảng", "Máy tính", "Máy của trường"],
                ),
                (QuestionKind.TEXT, "Em muốn thầy cô thay đổi điều gì?"),
            ],
        ),
        _publish(
            school_admin,
            PARENT_SURVEY,
            Audience.PARENTS,
            True,
            (school.department_id, school.district_office_id, school.pk),
            [
                (QuestionKind.STARS, "Phụ huynh hài lòng với việc học trực tuyến của con?"),
                (
                    QuestionKind.CHOICE,
                    "Mỗi tối con học trực tuyến khoảng bao lâu?",
                    ["Dưới 30 phút", "30–60 phút", "Trên 1 giờ"],
                ),
            ],
        ),
    ]
    teachers = User.objects.filter(
        role=Role.TEACHER, department_id=department_admin.department_id
    ).exclude(username=printed[Role.TEACHER])
    students = User.objects.filter(role=Role.STUDENT, school=school).exclude(
        username=printed[Role.STUDENT]
    )
    _answer(made[0], teachers.order_by("username"), 0.8, rng, TEACHER_WISHES)
    _answer(made[1], students.order_by("username"), 0.65, rng, STUDENT_WISHES)
    _answer(made[2], students.order_by("username"), 0.4, rng, ())
    return made


TEACHER_WISHES = (
    "Thêm bài giảng điện tử môn Hoá lớp 11.",
    "Cần nhiều đề kiểm tra 15 phút có lời giải.",
    "Video thí nghiệm Vật lí ngắn, xem được trên điện thoại.",
    "",
)
STUDENT_WISHES = (
    "Có thêm bài luyện tập trước khi kiểm tra.",
    "Video ngắn hơn một chút ạ.",
    "Em muốn xem lời giải ngay sau khi nộp bài.",
    "",
)


def _printed_usernames():
    """(role, username) of the printed logins (their labels start with the role's)."""
    rows = demo_logins()
    return [
        (role, row.username)
        for role, label in PRINTED_ROLES
        for row in rows
        if row.label.startswith(f"{label}:")
    ]


def _publish(user, title, audience, anonymous, scope, questions) -> Survey:
    data = surveys.SurveyInput(
        title=title,
        audience=audience,
        anonymous=anonymous,
        scope=scope,
        questions=[
            surveys.QuestionInput(
                kind=q[0],
                text=q[1],
                choices=list(q[2]) if len(q) > 2 else [],
                required=q[0] != QuestionKind.TEXT,
            )
            for q in questions
        ],
    )
    survey = surveys.survey_create(user=user, data=data)
    return surveys.survey_publish(user=user, survey=survey)


def _answer(survey: Survey, people, share: float, rng, wishes) -> None:
    questions = list(survey.questions.all())
    for person in people:
        if rng.random() >= share:
            continue
        answers = {}
        for q in questions:
            if q.kind == QuestionKind.STARS:
                answers[q.pk] = str(rng.choices([2, 3, 4, 5], weights=[1, 3, 6, 4])[0])
            elif q.kind == QuestionKind.CHOICE:
                answers[q.pk] = str(rng.randrange(len(q.choices)))
            else:
                answers[q.pk] = rng.choice(wishes) if wishes else ""
        surveys.survey_answer(user=person, survey=survey, answers=answers)


__all__ = ["seed_online_periods", "seed_surveys"]
