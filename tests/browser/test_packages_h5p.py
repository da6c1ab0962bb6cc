"""Acceptance 2 of issue 20 in Chromium, on a phone: the H5P DragText fixture plays from the
content origin; the student drags each word to its gap and presses "Check"; the xAPI score
(3/3) is stored in lms, shown on the player page and in the teacher's results.

Also what the first wave left: H5P's frame read ``localStorage``, which a browser denies
to a third-party frame (the content origin is another site than the main one), and the
exception stopped H5P before it sized its frame (the words were cut off on a phone); now
no page error, and the frames take the content's height."""

import pytest

from lms.packages.models import PackageAttempt
from tests.browser import packages_support
from tests.browser.conftest import PHONE, chromium_context
from tests.browser.packages_support import DESKTOP, shot, wait_for
from tests.browser.test_exam_widgets import _sign_in
from tests.content.packages.origin.conftest import upload
from tests.lms.packages.helpers import make_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
origins = packages_support.origins  # the live server's two origins (a fixture)

# The fixture's text: "Blueberries are *blue*. Strawberries are *red*. Cloudberries are *orange*."
ANSWERS = ["blue", "red", "orange"]


def _inside(inner: dict, outer: dict) -> bool:
    return (
        inner["x"] >= outer["x"] - 1
        and inner["y"] >= outer["y"] - 1
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 1
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 1
    )


def _h5p_height(launcher) -> int:
    return launcher.locator("iframe.h5p-iframe").evaluate(
        "f => Math.round(f.getBoundingClientRect().height)"
    )


def _fits(page, launcher, content) -> None:
    """The outer frame is as tall as H5P's frame, which is as tall as its content."""
    from playwright.sync_api import expect

    outer = page.locator("[data-testid=package-frame]")
    expect(outer).to_have_js_property("offsetHeight", _h5p_height(launcher) + 2, timeout=5000)


def test_drag_text_on_a_phone_scores_three_of_three(origins):
    from playwright.sync_api import expect

    world = make_world()
    version = upload(world.teacher, "h5p/H5P.DragText.h5p")
    base = origins
    errors: list[str] = []
    with chromium_context(viewport=PHONE, is_mobile=True, locale="vi-VN") as context:
        _sign_in(context, base, world.student)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{base}/hoc/goi/{version.pk}/")
        outer = page.locator("[data-testid=package-frame]")
        launcher = page.frame_locator("[data-testid=package-frame]")
        content = launcher.frame_locator("iframe.h5p-iframe")
        check = content.locator(".h5p-question-check-answer")
        check.wait_for(timeout=30000)

        # Both frames fit the content: the outer one follows the launcher's "size".
        assert _h5p_height(launcher) > 200  # H5P sized its frame (150 px cut it off)
        _fits(page, launcher, content)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        words = content.locator(".h5p-drag-draggables-container .ui-draggable")
        expect(words).to_have_count(3)
        for index in range(3):
            words.nth(index).scroll_into_view_if_needed()
            assert _inside(words.nth(index).bounding_box(), outer.bounding_box())
        assert _inside(check.bounding_box(), outer.bounding_box())
        shot(page, "h5p-before-phone")

        gaps = content.locator(".h5p-drag-dropzone-container .ui-droppable")
        expect(gaps).to_have_count(3)
        for gap_index, word in enumerate(ANSWERS):
            draggable = content.locator(".ui-draggable", has_text=word).first
            draggable.drag_to(gaps.nth(gap_index))
        for gap_index, word in enumerate(ANSWERS):
            expect(gaps.nth(gap_index)).to_contain_text(word)
        check.click()
        expect(content.locator(".h5p-joubelui-score-bar")).to_be_visible()
        _fits(page, launcher, content)  # the score bar grew the content: the frames follow
        page.wait_for_timeout(500)  # H5P's own transition of the score bar
        score_bar = content.locator(".h5p-joubelui-score-bar")
        assert _inside(score_bar.bounding_box(), outer.bounding_box())
        status = page.get_by_test_id("package-status")
        expect(status).to_contain_text("3/3 (điểm do gói tự báo)", timeout=15000)
        shot(page, "h5p-checked-phone")
    assert errors == []
    attempt = PackageAttempt.objects.get(user=world.student, version=version)
    assert (attempt.score_raw, attempt.score_max) == (3, 3)

    with chromium_context(viewport=DESKTOP, locale="vi-VN") as context:
        _sign_in(context, base, world.teacher)
        page = context.new_page()
        page.goto(f"{base}/hoc/goi/{version.pk}/ket-qua/")
        row = page.get_by_test_id("package-result-row")
        expect(row).to_have_count(1)
        expect(row).to_contain_text(world.student.full_name)
        expect(row).to_contain_text("3/3")
        shot(page, "h5p-results-desktop")


def test_drag_text_resumes_with_the_words_where_the_student_left_them(origins):
    """H5P core saves the content's state every saveFreq seconds with H5P.setUserData in its
    own frame; the launcher forwards it to lms, and the next visit starts from it."""
    from playwright.sync_api import expect

    world = make_world()
    version = upload(world.teacher, "h5p/H5P.DragText.h5p")
    base = origins
    with chromium_context(viewport=DESKTOP, locale="vi-VN") as context:
        _sign_in(context, base, world.student)
        page = context.new_page()
        page.goto(f"{base}/hoc/goi/{version.pk}/")
        content = page.frame_locator("[data-testid=package-frame]").frame_locator(
            "iframe.h5p-iframe"
        )
        gaps = content.locator(".h5p-drag-dropzone-container .ui-droppable")
        gaps.first.wait_for(timeout=30000)
        for gap_index, word in enumerate(ANSWERS[:2]):
            content.locator(".ui-draggable", has_text=word).first.drag_to(gaps.nth(gap_index))
        saved = wait_for(
            lambda: (
                PackageAttempt.objects.filter(user=world.student)
                .exclude(h5p_user_data={})
                .values_list("h5p_user_data", flat=True)
                .first()
            ),
            timeout=20,
            page=page,
        )
        assert saved and '"droppable":1' in saved["0/state"], saved
        page.close(run_before_unload=True)

        page = context.new_page()
        page.goto(f"{base}/hoc/goi/{version.pk}/")
        content = page.frame_locator("[data-testid=package-frame]").frame_locator(
            "iframe.h5p-iframe"
        )
        gaps = content.locator(".h5p-drag-dropzone-container .ui-droppable")
        expect(gaps.nth(0)).to_contain_text("blue", timeout=30000)
        expect(gaps.nth(1)).to_contain_text("red")
        expect(gaps.nth(2)).to_have_text("")
        shot(page, "h5p-resumed-desktop")
