"""Issue 5, acceptance 2: a library PDF read on a phone through the real item page shows
page 2 and, after a reload (and in a fresh browser), reopens at page 2 for that student."""

import time

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from accounts.models import Role
from content.curation import library_item_publish, library_item_save
from content.library_models import LibraryItem
from content.processing import library_item_process
from lms.models import ReadingPosition
from tests.accounts.factories import make_school, make_user
from tests.content.library_helpers import pdf_upload

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
READER = "[data-testid=reader]"


def _login_cookie(user, live_server) -> dict:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = django_settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return {
        "name": django_settings.SESSION_COOKIE_NAME,
        "value": session.session_key,
        "url": live_server.url,
    }


def test_student_reads_page_two_and_comes_back_to_it(live_server, phone_page, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path)
    school = make_school()
    librarian = make_user(role=Role.LIBRARIAN, school=school)
    student = make_user(role=Role.STUDENT, school=school)
    item = LibraryItem(title="Ôn tập Toán 10", resource_type="document", file=pdf_upload())
    item.file_kind = "pdf"
    library_item_save(item=item, user=librarian)
    library_item_process(item_id=item.pk)  # the worker's job, run here (tested on the worker)
    library_item_publish(item=LibraryItem.objects.get(pk=item.pk), user=librarian)

    phone_page.context.add_cookies([_login_cookie(student, live_server)])
    phone_page.goto(f"{live_server.url}{item.get_absolute_url()}")
    phone_page.wait_for_selector(f"{READER}[data-ready='1']", timeout=30_000)
    assert phone_page.get_attribute(READER, "data-page") == "1"

    phone_page.get_by_role("button", name="Trang sau").click()
    phone_page.wait_for_selector(f"{READER}[data-page='2']")
    assert "Trang 2 / 3" in phone_page.text_content("[data-testid=reader-page]")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390

    deadline = time.monotonic() + 10
    while not ReadingPosition.objects.filter(user=student, library_item=item, page=2).exists():
        assert time.monotonic() < deadline, "the reader never saved page 2 on the server"
        time.sleep(0.2)

    phone_page.reload()
    phone_page.wait_for_selector(f"{READER}[data-ready='1']", timeout=30_000)
    assert phone_page.get_attribute(READER, "data-page") == "2"

    # A new browser (no localStorage) still opens at page 2: the server remembers it.
    phone_page.evaluate("localStorage.clear()")
    fresh = phone_page.context.browser.new_context(viewport={"width": 390, "height": 844})
    fresh.add_cookies([_login_cookie(student, live_server)])
    other = fresh.new_page()
    try:
        other.goto(f"{live_server.url}{item.get_absolute_url()}")
        other.wait_for_selector(f"{READER}[data-ready='1']", timeout=30_000)
        assert other.get_attribute(READER, "data-page") == "2"
    finally:
        fresh.close()
