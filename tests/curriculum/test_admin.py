"""The curriculum tree is editable in the Wagtail admin: topic → lessons → outcomes inline."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from accounts.models import Role
from curriculum.models import CurriculumLesson, Subject, Topic
from tests.accounts.factories import make_school, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def department_admin():
    school = make_school()
    return make_user(role=Role.DEPARTMENT_ADMIN, department=school.department, school=None)


def test_department_admin_creates_topic_with_lessons_and_outcomes(client, department_admin):
    subject = Subject.objects.create(code="dia-ly", name="Địa lí")
    client.force_login(department_admin)
    assert client.get("/admin/snippets/curriculum/topic/add/").status_code == 200
    data = nested_form_data(
        {
            "subject": subject.pk,
            "grade": 10,
            "code": "dia-ly-10-c01",
            "name": "Chương 1. Sử dụng bản đồ",
            "textbook": "Kết nối tri thức với cuộc sống",
            "sort_order": 1,
            "lessons": inline_formset(
                [
                    {
                        "code": "dia-ly-10-c01-b01",
                        "name": "Bài 1. Môn Địa lí với định hướng nghề nghiệp",
                        "outcomes": inline_formset(
                            [
                                {
                                    "code": "dia-ly-10-c01-b01-y1",
                                    "text": "Nêu được vai trò của môn Địa lí.",
                                }
                            ]
                        ),
                    }
                ]
            ),
        }
    )
    response = client.post("/admin/snippets/curriculum/topic/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    topic = Topic.objects.get(code="dia-ly-10-c01")
    lesson = CurriculumLesson.objects.get(topic=topic)
    assert lesson.name == "Bài 1. Môn Địa lí với định hướng nghề nghiệp"
    assert [o.text for o in lesson.outcomes.all()] == ["Nêu được vai trò của môn Địa lí."]


def test_teacher_can_view_but_not_add_topics(client, department_admin):
    teacher = make_user(school=make_school())
    client.force_login(teacher)
    assert client.get("/admin/snippets/curriculum/topic/").status_code == 200
    assert client.get("/admin/snippets/curriculum/topic/add/").status_code in (302, 403)
