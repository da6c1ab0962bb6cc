"""Fixing a question in place in real Chromium, on a desktop and on a 390 px phone: the
teacher ticks "Bỏ qua" on one bad question, opens the other's fix form, keeps only C as its
key and saves the fix (the ticked box survives the reload), then saves: 11 questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from accounts.models import Role
from question_bank.import_jobs import ImportJob
from question_bank.models import Question
from tests.accounts.factories import make_school, make_user
from tests.browser.conftest import chromium_context
from tests.question_bank.factories import make_bank
from tests.question_bank.import_edit.test_fix_in_place import ten_good_two_bad

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SHOTS = Path("/work/notes/shots21")
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def _sign_in_and_upload(page, base, teacher, bank, docx) -> None:
    page.goto(base + "/dang-nhap/")
    page.fill("input[name=username]", teacher.username)
    page.fill("input[name=password]", "mat-khau-thu")
    page.click("main button[type=submit], main input[type=submit]")
    page.wait_for_load_state()
    page.goto(base + "/admin/ngan-hang-cau-hoi/nhap/")
    page.select_option("select[name=bank]", str(bank.pk))
    page.set_input_files("input[name=file]", str(docx))
    page.click('form[enctype="multipart/form-data"] button[type=submit]')
    page.wait_for_load_state()
    page.wait_for_selector("[data-testid=import-item]", timeout=30000)


def _shot(target, name: str) -> None:
    if SHOTS.parent.is_dir():
        SHOTS.mkdir(exist_ok=True)
        target.screenshot(path=str(SHOTS / name))


@pytest.mark.parametrize("screen", list(VIEWPORTS))
def test_fix_the_key_in_place_and_save(live_server, tmp_path, screen):
    teacher = make_user(role=Role.TEACHER, school=make_school(), password="mat-khau-thu")
    bank = make_bank(teacher, scope="school")
    docx = tmp_path / "de-12-cau.docx"
    docx.write_bytes(ten_good_two_bad())
    with chromium_context(viewport=VIEWPORTS[screen], locale="vi-VN") as context:
        page = context.new_page()
        _sign_in_and_upload(page, live_server.url, teacher, bank, docx)
        assert page.locator("[data-testid=import-item]").count() == 12
        page.check('[data-ref="Câu 11"] input[name=leave_out]')
        item = page.locator('[data-ref="Câu 12"]')
        item.locator("details.import-fix summary").click()
        form = item.locator("form.import-fix-form")
        form.locator("select[name=qtype]").select_option("single_choice")
        form.locator('input[name=key][value="0"]').uncheck()
        assert form.locator('input[name=key][value="2"]').is_checked()
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= VIEWPORTS[screen]["width"], f"the page scrolls sideways ({width} px)"
        _shot(item, f"import-fix-open-{screen}.png")

        form.locator("button[value=save]").click()
        page.wait_for_load_state()
        item = page.locator('[data-ref="Câu 12"]')
        assert item.locator(".import-fixed-badge").count() == 1
        assert item.locator(".errors").count() == 0
        assert item.locator(".is-correct").inner_text().strip().startswith("C.")
        assert page.locator('[data-ref="Câu 11"] input[name=leave_out]').is_checked()
        _shot(item, f"import-fix-done-{screen}.png")
        _shot(page, f"import-fix-page-{screen}.png")

        page.click("#import-confirm button[type=submit]")
        page.wait_for_load_state()
        page.wait_for_selector("[data-testid=imported-questions]", timeout=30000)
    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.DONE and job.report["created"] == 11
    fixed = Question.objects.get(stem__contains="hai cách đánh dấu")
    assert [c.correct for c in fixed.choices.order_by("sort_order")] == [False, False, True, False]
