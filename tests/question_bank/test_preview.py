"""Wagtail's live preview panel renders the unsaved form exactly as a student sees it."""

import pytest

from accounts.models import Role
from tests.accounts.factories import make_school, make_user
from tests.question_bank.factories import make_bank, make_question
from tests.question_bank.test_lifecycle import _form_data

pytestmark = pytest.mark.django_db


def test_wagtail_preview_panel(client):
    teacher = make_user(role=Role.TEACHER, school=make_school())
    q = make_question(make_bank(teacher), teacher)
    client.force_login(teacher)
    url = f"/admin/snippets/question_bank/question/preview/{q.pk}/"
    r = client.post(url, _form_data(q, stem="<p>Xem trước \\(x^3\\)</p>"))
    assert r.json()["is_valid"] is True
    r = client.get(url)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Xem trước" in html and "katex" in html
    r = client.get(url, {"mode": "key"})
    assert r.status_code == 200 and 'class="key"' in r.content.decode()
