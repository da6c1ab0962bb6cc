"""A signed-in student who opens the admin goes to the site's home with a Vietnamese message,
never to Wagtail's English "Sign in to Wagtail" / "You do not have permission" (issue 16)."""

import pytest

from accounts.models import Role
from tests.accounts.factories import make_school, make_user

pytestmark = pytest.mark.django_db

ENGLISH = ("Sign in to Wagtail", "You do not have permission", "Forgotten password")


@pytest.mark.parametrize("url", ["/admin/", "/admin/pages/", "/admin/login/", "/admin/snippets/"])
def test_a_student_opening_the_admin_goes_home_with_a_vietnamese_message(client, url):
    client.force_login(make_user(role=Role.STUDENT, school=make_school()))

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == "/"
    home = client.get("/", follow=True)
    text = home.content.decode()
    assert "Trang quản trị dành cho giáo viên và cán bộ" in text
    for phrase in ENGLISH:
        assert phrase not in text


def test_a_student_following_the_redirect_lands_on_a_vietnamese_page(client):
    client.force_login(make_user(role=Role.STUDENT, school=make_school()))

    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0] == "/"
    assert "_auth_user_id" in client.session  # still signed in
    text = response.content.decode()
    for phrase in ENGLISH:
        assert phrase not in text


def test_staff_and_visitors_keep_the_admin_as_it_was(client):
    assert "/admin/login/" in client.get("/admin/")["Location"]  # a visitor signs in there
    assert client.get("/admin/login/").status_code == 200
    client.force_login(make_user(role=Role.TEACHER, school=make_school()))
    assert client.get("/admin/").status_code == 200
