"""Service markers: skip on a bare machine, fail when CI says the services are there.

``HOCLIEU_REQUIRE_SERVICES=1`` (set by ``.ci/run``) turns every skip of a test marked
``postgres``, ``search``, ``celery``, ``browser`` or ``office`` into a failure, so a missing service
can never pass CI silently. At the end the run prints how many service-backed tests ran.
"""

import importlib.util
import os
import shutil
import socket
from collections import Counter
from urllib.parse import urlparse

import pytest
from django.conf import settings

SERVICE_MARKERS = ("postgres", "search", "celery", "browser", "office")
REQUIRED = os.environ.get("HOCLIEU_REQUIRE_SERVICES") == "1"
_ran = Counter()


def _reachable(url: str | None, default_port: int) -> bool:
    if not url:
        return False
    parsed = urlparse(url)
    try:
        with socket.create_connection(
            (parsed.hostname or "127.0.0.1", parsed.port or default_port), 2
        ):
            return True
    except OSError:
        return False


def _missing(marker: str) -> str | None:
    if marker == "postgres":
        if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
            return "needs PostgreSQL (DATABASE_URL=postgres://...)"
    elif marker == "search":
        if "engine" not in settings.WAGTAILSEARCH_BACKENDS or not _reachable(
            settings.SEARCH_URL, 9200
        ):
            return "needs OpenSearch/Elasticsearch (SEARCH_URL)"
    elif marker == "celery":
        if not _reachable(os.environ.get("CELERY_BROKER_URL"), 6379):
            return "needs Redis for a real Celery worker (CELERY_BROKER_URL)"
    elif marker == "browser" and not (
        shutil.which("chromium") and importlib.util.find_spec("playwright")
    ):
        return "needs Debian chromium and the playwright package"
    elif marker == "office" and not shutil.which("soffice"):
        return "needs LibreOffice (soffice) to render .docx files"
    return None


_MISSING = pytest.StashKey[str]()

# Every test rolls its rows back, leaving dead rows that autovacuum then vacuums: that sets
# the table's row estimate to 0 while its pages stay. A later test that fills the table
# inside its transaction (2,000 questions) then gets plans made for empty tables, nested
# loops over sequential scans, and ran for over 15 minutes on a fresh CI cluster. With
# autovacuum off for the test tables the planner estimates from their real size.
_NO_AUTOVACUUM = """
DO $$
DECLARE t record;
BEGIN
    FOR t IN SELECT schemaname, tablename FROM pg_tables WHERE schemaname = 'public' LOOP
        EXECUTE format(
            'ALTER TABLE %I.%I SET (autovacuum_enabled = false, toast.autovacuum_enabled = false)',
            t.schemaname, t.tablename);
    END LOOP;
END $$;
"""


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(_NO_AUTOVACUUM)


def pytest_collection_modifyitems(config, items):
    on_sqlite = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
    for item in items:
        if item.get_closest_marker("sqlite"):
            if not on_sqlite:
                item.add_marker(
                    pytest.mark.skip(reason="runs on the embedded SQLite database only")
                )
            continue
        for marker in SERVICE_MARKERS:
            if item.get_closest_marker(marker) and (reason := _missing(marker)):
                item.stash[_MISSING] = reason
                break


def pytest_runtest_setup(item):
    reason = item.stash.get(_MISSING, None)
    if reason:
        if REQUIRED:
            pytest.fail(
                f"service missing while HOCLIEU_REQUIRE_SERVICES=1: {reason}", pytrace=False
            )
        pytest.skip(reason)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.passed:
        for marker in SERVICE_MARKERS:
            if item.get_closest_marker(marker):
                _ran[marker] += 1


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    counts = ", ".join(f"{m}={_ran[m]}" for m in SERVICE_MARKERS)
    terminalreporter.write_line(
        f"hoclieu service-backed tests passed: {counts} "
        f"(database={settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}, "
        f"require_services={'yes' if REQUIRED else 'no'})"
    )


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Vietnamese: a request that chose English leaves it active in the thread."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_bank_ids():
    """Each test starts without cached bank ids (ids repeat across tests' databases)."""
    from question_bank.permissions import bank_ids_changed

    bank_ids_changed()
