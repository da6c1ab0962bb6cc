"""The demo dataset and what a visitor sees."""

import pytest

from accounts.models import DistrictOffice, Enrolment, Role, School, SchoolClass, User
from content.models import LessonPage
from demo.people import DEMO_PASSWORD
from demo.seed import seed_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    return seed_demo(questions=False)


@pytest.fixture
def demo_with_questions():
    return seed_demo()


def test_demo_dataset_has_the_promised_shape(demo):
    assert demo.created
    assert DistrictOffice.objects.count() == 2
    assert School.objects.count() == 3
    assert SchoolClass.objects.count() == 12
    assert User.objects.filter(role=Role.TEACHER).count() == 40
    assert User.objects.filter(role=Role.STUDENT).count() == 400
    assert Enrolment.objects.count() == 400
    assert all(s.collection is not None for s in School.objects.all())
    assert LessonPage.objects.live().count() >= 5
    names = list(User.objects.filter(role=Role.STUDENT).values_list("full_name", flat=True)[:50])
    assert any(n.startswith("Nguyễn ") for n in names)
    for student in User.objects.filter(role=Role.STUDENT)[:400]:
        student.full_clean()  # IDs and CCCDs are valid and consistent with birth dates
    assert seed_demo().created is False  # idempotent
    assert User.objects.filter(role=Role.STUDENT).count() == 400


def test_home_page_shows_vietnamese_demo_content(client, demo):
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    for text in (
        "Học liệu số",
        "Bài 1. Mệnh đề",
        "Bài 1. Liên hợp quốc",
        "Toán",
        "Hoá học",
        "Lớp 10",
    ):
        assert text in body
    lesson = LessonPage.objects.live().get(slug="toan-10-c01-b01")
    page = client.get(lesson.url).content.decode()
    assert "Yêu cầu cần đạt" in page and "mệnh đề" in page.lower()


def test_printed_logins_work_for_the_admin(client, demo):
    for _label, _username, password in demo.logins:
        assert password == DEMO_PASSWORD
    admin = demo.logins[0][1]
    assert client.login(username=admin, password=DEMO_PASSWORD)
    assert client.get("/admin/").status_code == 200
    student = next(u for label, u, _ in demo.logins if label.startswith("Học sinh"))
    client.logout()
    assert client.login(username=student, password=DEMO_PASSWORD)
    assert client.get("/admin/").status_code == 302


def test_demo_question_bank(demo_with_questions, client):
    from django.db.models import Count

    from question_bank.formats.base import QType
    from question_bank.models import Question, QuestionBank, Status

    approved = Question.objects.filter(status=Status.APPROVED, live=True)
    assert approved.count() >= 1500
    by_type = dict(approved.values_list("qtype").annotate(n=Count("pk")))
    assert set(by_type) == {t.value for t in QType}
    subjects = set(approved.values_list("subject__code", flat=True))
    assert subjects >= {"toan", "vat-ly", "hoa-hoc", "tieng-anh", "lich-su"}
    assert set(approved.values_list("level__code", flat=True)) >= {"biet", "hieu", "van_dung"}
    assert not approved.filter(topic__isnull=True).exists()
    assert approved.filter(stem__contains="\\(").count() > 300  # LaTeX math
    assert all(q.versions.count() == 1 for q in approved.order_by("?")[:20])
    assert Question.objects.filter(status=Status.SUBMITTED).exists()  # waiting for review
    pool = QuestionBank.objects.get(confidential=True)
    assert pool.questions.exists()
    # A teacher of the demo sees the shared banks but never the exam board's pool.
    teacher = pool.owner.__class__.objects.filter(role=Role.TEACHER).last()
    client.force_login(teacher)
    items = client.get("/api/v1/question-bank/questions", {"limit": 2000}).json()["items"]
    assert len(items) >= 1500
    assert not {q["id"] for q in items} & set(pool.questions.values_list("pk", flat=True))
