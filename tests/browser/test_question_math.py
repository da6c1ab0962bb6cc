"""A teacher previews a question on a phone and sees KaTeX-typeset math (real Chromium)."""

import pytest

from accounts.models import Role
from tests.accounts.factories import make_school, make_user
from tests.question_bank.factories import make_bank, make_question, parsed_single

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_question_preview_renders_math_on_a_phone(live_server, phone_page, client):
    teacher = make_user(role=Role.TEACHER, school=make_school(), password="mat-khau-thu")
    bank = make_bank(teacher)
    question = make_question(
        bank,
        teacher,
        parsed_single(stem="Tính \\(\\int_0^1 (3x^2+1)\\,dx\\). \\[y = \\frac{2x+1}{x-1}\\]"),
    )
    page = phone_page
    page.goto(live_server.url + "/dang-nhap/")
    page.fill("input[name=username]", teacher.username)
    page.fill("input[name=password]", "mat-khau-thu")
    page.click("main button[type=submit], main input[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/admin/ngan-hang-cau-hoi/cau-hoi/{question.pk}/xem/?key=1")
    page.wait_for_selector(".katex", timeout=10000)
    assert page.locator(".stem .katex").count() >= 2
    assert page.locator(".stem .katex-display").count() == 1
    # KaTeX replaced the LaTeX source: no raw delimiters remain visible.
    assert "\\(" not in page.locator(".stem").inner_text()
    assert page.locator(".option.is-correct").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
