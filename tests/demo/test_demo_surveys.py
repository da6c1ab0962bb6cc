"""The demo's online periods and surveys: the online-share report shows each demo school
against its target (one above, one below), the surveys have answers with their counts on
the results pages, and the printed teacher and student still have one waiting."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, School, User
from demo import seed as demo_seed
from demo.people import demo_logins
from demo.surveys import PARENT_SURVEY, STUDENT_SURVEY, TEACHER_SURVEY
from lms import permissions
from lms.reports.models import OnlinePeriods
from lms.reports.selectors import online_share
from lms.surveys.models import Survey, SurveyParticipation, SurveyResponse

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    demo_seed.seed_demo()


def test_the_demos_online_periods_and_surveys(seeded):
    # One seed for the three checks (a seed on PostgreSQL takes minutes in CI).
    _online_periods_put_one_school_above_and_one_below_the_target()
    _the_department_admin_sees_the_share_page_with_figures()
    _surveys_are_answered_and_the_printed_people_still_have_one_waiting()


def _printed(role_label: str) -> User:
    row = next(r for r in demo_logins() if r.label.startswith(role_label))
    return User.objects.get(username=row.username)


def _online_periods_put_one_school_above_and_one_below_the_target():
    schools = School.objects.filter(code__in=["27001", "27002", "27101"])
    year = schools.first().classes.first().school_year
    rows = {r.school.code: r for r in online_share(schools=schools, school_year=year)}
    # Every class recorded something, online and blended.
    assert OnlinePeriods.objects.filter(mode="online").exists()
    assert OnlinePeriods.objects.filter(mode="blended").exists()
    for code, row in rows.items():
        recorded = OnlinePeriods.objects.filter(school_class__school__code=code).aggregate(
            n=Sum("periods")
        )["n"]
        assert row.recorded == recorded > 0
        assert row.target == Decimal("10.0")  # secondary schools: 10% of their periods
    assert rows["27001"].met is True and rows["27002"].met is False
    assert rows["27001"].share > Decimal(11) and rows["27002"].share < Decimal(9)
    # Each week recorded lies in the school year, by a teacher of that subject in the class.
    for record in OnlinePeriods.objects.select_related("school_class__school_year")[:50]:
        y = record.school_class.school_year
        assert y.start_date - dt.timedelta(days=6) <= record.week_start <= y.end_date
        assert record.week_start.weekday() == 0
        assert record.week_start <= timezone.localdate()  # never a week still to come
        recorded = timezone.localtime(record.recorded_at).date()
        assert record.week_start <= recorded < record.week_start + dt.timedelta(days=7)
        assert record.school_class.teaching_assignments.filter(
            teacher=record.recorded_by, subject=record.subject
        ).exists()


def _the_department_admin_sees_the_share_page_with_figures():
    admin = _printed("Quản trị Sở")
    client = Client()
    client.force_login(admin)
    page = client.get(reverse("report_online_share")).content.decode()
    assert "Trường THPT Nguyễn Huệ" in page and "Trường THPT Yên Mô A" in page
    # One school meets the target and one does not; shares have a decimal comma.
    assert "Chưa đạt" in page and ">Đạt<" in page
    assert re.search(r"\b1[1-9],\d\b", page)


def _surveys_are_answered_and_the_printed_people_still_have_one_waiting():
    teacher_survey = Survey.objects.get(title=TEACHER_SURVEY)
    student_survey = Survey.objects.get(title=STUDENT_SURVEY)
    parent_survey = Survey.objects.get(title=PARENT_SURVEY)
    assert teacher_survey.anonymous and not student_survey.anonymous and parent_survey.anonymous
    teachers = User.objects.filter(role=Role.TEACHER, department=teacher_survey.department)
    answered = SurveyParticipation.objects.filter(survey=teacher_survey).count()
    assert 0.5 * teachers.count() < answered < teachers.count()
    # Anonymous: no response names anyone; named: every response does.
    assert not SurveyResponse.objects.filter(survey=teacher_survey, respondent__isnull=False)
    named = SurveyResponse.objects.filter(survey=student_survey)
    assert named.count() > 20 and not named.filter(respondent__isnull=True).exists()
    teacher, student = _printed("Giáo viên"), _printed("Học sinh")
    assert teacher_survey in permissions.surveys_to_answer(teacher)
    assert student_survey in permissions.surveys_to_answer(student)
    assert parent_survey in permissions.surveys_to_answer(student)
    # The school admin's results page counts the answers.
    school_admin = _printed("Quản trị trường")
    client = Client()
    client.force_login(school_admin)
    page = client.get(reverse("survey_results", args=[student_survey.pk])).content.decode()
    assert f"{named.count()}" in page
