"""A person on a phone opens the site, reads a lesson and switches language."""

import pytest

from curriculum.loader import curriculum_load_files
from demo.seed import seed_lessons

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def lessons():
    curriculum_load_files()
    seed_lessons()


def test_lesson_on_a_phone_in_vietnamese_then_english(live_server, phone_page, lessons):
    page = phone_page
    page.goto(live_server.url + "/")
    # Vietnamese by default even though this browser asks for English.
    assert page.locator("html").get_attribute("lang") == "vi"
    page.get_by_role("link", name="Bài 1. Mệnh đề").click()
    page.wait_for_url("**/toan-10-c01-b01/")
    assert page.get_by_role("heading", name="Yêu cầu cần đạt").is_visible()
    # The layout fits the phone: nothing wider than the viewport.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    with page.expect_navigation(url="**/toan-10-c01-b01/"):
        page.select_option("select[name=language]", "en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Learning outcomes").is_visible()
    assert page.get_by_role("link", name="Log in").is_visible()
