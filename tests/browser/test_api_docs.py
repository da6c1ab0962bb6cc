"""Issue 16, dead ends: the API explorer at /api/v1/docs renders with no network beyond the
server (Swagger UI comes from our static files, not a CDN) and under the site's CSP."""

from urllib.parse import urlparse

import pytest

from tests.browser.conftest import chromium_context
from tests.browser.test_csp import LISTEN

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def test_api_docs_render_offline_without_a_policy_violation(live_server):
    blocked: list[str] = []
    console: list[str] = []

    def only_local(route):
        if urlparse(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort("internetdisconnected")

    with chromium_context(viewport={"width": 1280, "height": 900}) as context:
        context.add_init_script(LISTEN)
        context.route("**/*", only_local)
        page = context.new_page()
        page.on("console", lambda message: console.append(message.text))
        response = page.goto(f"{live_server.url}/api/v1/docs")
        assert response.status == 200
        assert response.headers.get("content-security-policy")
        # Swagger UI built the operations list from our OpenAPI document.
        page.wait_for_selector(".opblock", timeout=30_000)
        page.wait_for_load_state("networkidle")
        text = page.locator("#swagger-ui").inner_text()
        assert "/api/v1/library/items" in text
        assert "hoclieu API" in text
        violations = page.evaluate("window.__cspViolations || []")
    assert blocked == [], "the explorer asked for something outside the server"
    assert violations == []
    assert [m for m in console if "Content Security Policy" in m] == []
