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


def _serialise_live_server_on_shared_sqlite() -> None:
    """On in-memory SQLite, one request or test statement at a time against the live server.

    Every connection to the in-memory test database shares SQLite's cache, and a connection
    that writes a table another one is using is refused at once with "database table is
    locked" (no busy timeout in shared-cache mode). Two requests at once (a page reporting
    "left the page" and "blur" together), or a request while the test polls the database
    from its own connection, then fail at random. A file database waits and PostgreSQL has
    real concurrency; here the live server answers one request at a time and the test's own
    statements wait for the request in flight, like SQLite's single writer would. A lock
    that is not free within a few seconds is not waited for (a request that fetches another
    page of the live server itself must not deadlock). PostgreSQL runs are unchanged.
    """
    import threading
    import time

    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.db import OperationalError
    from django.db.backends.signals import connection_created
    from django.test import testcases

    one_at_a_time = threading.RLock()

    def alone(execute, sql, params, many, context):
        taken = one_at_a_time.acquire(timeout=5)
        try:
            # Another connection's open transaction can still hold the table (the test's own
            # connection, or one of an earlier test's context): wait for it as SQLite's busy
            # timeout would, which shared-cache mode lacks. A refused statement changed nothing.
            deadline = time.monotonic() + 10
            while True:
                try:
                    return execute(sql, params, many, context)
                except OperationalError as error:
                    if "locked" not in str(error) or time.monotonic() > deadline:
                        raise
                    time.sleep(0.02)
        finally:
            if taken:
                one_at_a_time.release()

    def on_connection(sender, connection, **kwargs):
        shared = connection.vendor == "sqlite" and connection.is_in_memory_db()
        if shared and alone not in connection.execute_wrappers:
            connection.execute_wrappers.append(alone)

    connection_created.connect(on_connection, weak=False)

    class OneRequestAtATime(ThreadedWSGIServer):
        def set_app(self, application):
            if not self.connections_override:
                return super().set_app(application)
            for conn in self.connections_override.values():
                on_connection(None, conn)

            def serialised(environ, start_response):
                taken = one_at_a_time.acquire(timeout=5)
                try:
                    body = application(environ, start_response)
                    try:
                        return [b"".join(body)]
                    finally:
                        if hasattr(body, "close"):
                            body.close()
                finally:
                    if taken:
                        one_at_a_time.release()

            return super().set_app(serialised)

    testcases.LiveServerThread.server_class = OneRequestAtATime


_serialise_live_server_on_shared_sqlite()


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """pytest-django's live server, started only once the test database exists.

    Started before it (a test asking for ``live_server`` before its database), the server
    sees the settings' file name, shares no connection, and its threads open their own
    connections to the in-memory test database: SQLite's shared cache then refuses
    concurrent writes with "database table is locked".
    """
    return live_server
