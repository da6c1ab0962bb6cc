"""The Word import preview in real Chromium: formulas typeset by KaTeX, pictures shown,
problems beside their questions, on a desktop and on a phone."""

from __future__ import annotations

from pathlib import Path

import pytest

from accounts.models import Role
from question_bank.import_jobs import ImportJob
from tests.accounts.factories import make_school, make_user
from tests.browser.conftest import chromium_context
from tests.question_bank.factories import make_bank
from tests.question_bank.formats.docx.import_ui.test_preview_page import ten_good_two_bad

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SHOTS = Path("/work/notes/shots21")


def test_preview_page_typesets_math_and_shows_problems(live_server, tmp_path):
    teacher = make_user(role=Role.TEACHER, school=make_school(), password="mat-khau-thu")
    bank = make_bank(teacher, scope="school")
    docx = tmp_path / "de-12-cau.docx"
    docx.write_bytes(ten_good_two_bad())
    for name, viewport in (("desktop", {"width": 1280, "height": 900}),
                           ("phone", {"width": 390, "height": 844})):  # fmt: skip
        with chromium_context(viewport=viewport, locale="vi-VN") as context:
            page = context.new_page()
            page.goto(live_server.url + "/dang-nhap/")
            page.fill("input[name=username]", teacher.username)
            page.fill("input[name=password]", "mat-khau-thu")
            page.click("main button[type=submit], main input[type=submit]")
            page.wait_for_load_state()
            page.goto(live_server.url + "/admin/ngan-hang-cau-hoi/nhap/")
            page.select_option("select[name=bank]", str(bank.pk))
            page.set_input_files("input[name=file]", str(docx))
            page.click('form[enctype="multipart/form-data"] button[type=submit]')
            page.wait_for_load_state()
            page.wait_for_selector("[data-testid=import-item]", timeout=30000)
            page.wait_for_selector(".import-item .katex", timeout=10000)
            assert page.locator("[data-testid=import-item]").count() == 12
            assert page.locator(".import-item.has-error").count() == 2
            assert page.locator(".import-item img").evaluate_all(
                "els => els.every(i => i.complete && i.naturalWidth > 0)"
            )
            if SHOTS.parent.is_dir():
                SHOTS.mkdir(exist_ok=True)
                page.screenshot(path=str(SHOTS / f"import-preview-{name}.png"))
                items = page.locator("[data-testid=import-item]")
                for n in (3, 4, 11):
                    items.nth(n - 1).screenshot(path=str(SHOTS / f"import-item{n}-{name}.png"))
    assert ImportJob.objects.filter(state=ImportJob.State.PREVIEW).count() == 2
