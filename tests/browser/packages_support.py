"""Shared set-up of the package browser tests (issue 20): the site on ``localhost:PORT``
and the content origin on ``127.0.0.1:PORT`` of the same live server (another host, so
no cookie of the site ever reaches a package), screenshots and small waits."""

import time
from pathlib import Path

import pytest

from config.csp import site_directives

SHOTS = Path("/work/notes/shots20")
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def origins(live_server, settings, tmp_path):
    """The site's origin; CONTENT_ORIGIN is the same server under another host."""
    port = live_server.url.rsplit(":", 1)[1]
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private-media")
    settings.SITE_ORIGIN = f"http://localhost:{port}"
    settings.CONTENT_ORIGIN = f"http://127.0.0.1:{port}"
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": site_directives(content_origin=settings.CONTENT_ORIGIN)
    }
    return settings.SITE_ORIGIN


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"package-{name}.png"), full_page=True)


def wait_for(predicate, timeout: float = 20.0, page=None):
    """Polls ``predicate`` (e.g. a database read) until it is true or ``timeout`` ends.
    With a ``page``, waits through Playwright so the browser's events keep flowing."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        if page is not None and not page.is_closed():
            page.wait_for_timeout(200)
        else:
            time.sleep(0.2)
    return predicate()
