"""Playwright driving Debian's Chromium (never a downloaded browser)."""

import os
import shutil
from contextlib import contextmanager

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}


@contextmanager
def chromium_context(**options):
    """A new browser context (``options`` as Playwright's ``new_context``) in headless
    Debian Chromium, closed with its browser when the block ends."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls made by
    # fixtures around it are synchronous and safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium"), headless=True, args=CHROMIUM_ARGS
            )
            context = browser.new_context(**options)
            _drop_dead_connections()
            try:
                yield context
            finally:
                context.close()
                browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def _drop_dead_connections() -> None:
    """Close this block's database connections that the server no longer answers.

    Inside Playwright's event loop Django keeps the connections of this thread apart (asgiref
    stores them per context while a loop runs), so a connection opened in an earlier browser
    test outlives what closes the thread's own: after a test restarts PostgreSQL
    (tests/lms/exams/test_faults_services.py) it is dead, and the next statement of a browser
    test fails with "terminating connection due to administrator command".
    """
    from django.db import connections

    for conn in connections.all(initialized_only=True):
        if conn.connection is not None and not conn.in_atomic_block and not conn.is_usable():
            conn.close()


@pytest.fixture
def phone_page():
    """A phone-sized page in headless Chromium; closed before the database is torn down."""
    with chromium_context(viewport=PHONE, is_mobile=True, locale="en-US") as context:
        yield context.new_page()
