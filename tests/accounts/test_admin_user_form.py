"""The admin's user forms (Wagtail's) show and save a student's parent email, labelled in
Vietnamese; a bad address is refused at its field and nothing changes."""

import pytest

from accounts.models import Role, User
from tests.accounts.factories import make_class, make_school, make_student_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def student():
    return make_student_in(make_class(school=make_school(), name="10A1"), full_name="Học Sinh An")


@pytest.fixture
def admin_client(client):
    root = User.objects.create_superuser("quantri", "quantri@example.vn", "mat-khau-thu")
    assert root.role != Role.STUDENT
    client.force_login(root)
    return client


def _edit_data(user, **changes) -> dict:
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "is_active": "on",
        "parent_email": "",
    }
    data.update(changes)
    return data


def test_the_edit_form_shows_and_saves_the_parent_email(admin_client, student):
    page = admin_client.get(f"/admin/users/edit/{student.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="parent_email"' in html and "Email phụ huynh" in html

    response = admin_client.post(
        f"/admin/users/edit/{student.pk}/", _edit_data(student, parent_email="me.an@example.vn")
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    student.refresh_from_db()
    assert student.parent_email == "me.an@example.vn"


def test_a_bad_parent_email_is_refused_and_nothing_changes(admin_client, student):
    response = admin_client.post(
        f"/admin/users/edit/{student.pk}/",
        _edit_data(student, parent_email="me-an@", last_name="Khác"),
    )
    assert response.status_code == 200
    assert "parent_email" in response.context["form"].errors
    student.refresh_from_db()
    assert (student.parent_email, student.last_name) == ("", "Học Sinh")


def test_the_create_form_shows_the_parent_email(admin_client):
    page = admin_client.get("/admin/users/new/")
    assert page.status_code == 200, page.content.decode()[-3000:]
    html = page.content.decode()
    assert 'name="parent_email"' in html and "Email phụ huynh" in html
