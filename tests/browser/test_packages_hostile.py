"""Acceptance 5 of issue 20 in Chromium: a hostile SCORM 1.2 package, built here, tries to
(i) read the main site's cookies, (ii) call the main site's API and a signed-in page with
the student's session, (iii) navigate the top window, (iv) read the main page's document.
Its SCO writes what it managed into its own page; every attempt is refused, the main page
stays and nothing is stored. Besides: a token the student may not use (a package they may
not see, a payload changed by hand) and an expired token are refused by the content origin.

The SCO's own parent, the launcher, is on the same (content) origin by design: SCORM finds
its run-time in a parent window. The launcher holds nothing of the main site's.
"""

import json
import time

import pytest
from django.conf import settings
from django.test import Client

from content.packages.origin import access
from content.packages.origin.tokens import launch_token
from content.packages.origin.urls import launcher_url
from content.packages.services import package_publish, package_upload
from lms.packages.models import PackageAttempt, PackageEvent
from tests.browser import packages_support
from tests.browser.conftest import PHONE, chromium_context
from tests.browser.packages_support import shot
from tests.browser.test_exam_widgets import _sign_in
from tests.content.packages.helpers import SCORM12_MANIFEST, make_zip
from tests.lms.packages.helpers import make_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
origins = packages_support.origins  # the live server's two origins (a fixture)

SCO_HTML = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Bài 1</title></head>
<body><h1>Bài 1. Định nghĩa</h1><pre id="report"></pre><script src="sco.js"></script>
</body></html>
"""

# Everything a package written to harm the student could try from its SCO. MAIN is the
# main site's origin (a real package would learn it from document.referrer or guess it);
# the version id is read from the token in the SCO's own URL.
SCO_JS = """
(async function () {
  var MAIN = "__MAIN__";
  var report = {};
  function refused(error) { return "refused: " + (error && error.name) + ": " + (error && error.message); }
  async function attempt(name, action) {
    try { report[name] = "reached: " + (await action()); } catch (error) { report[name] = refused(error); }
  }
  report.cookie = document.cookie;
  var version = "1";
  try {
    var payload = location.pathname.split("/")[2].split(".")[0].replace(/-/g, "+").replace(/_/g, "/");
    version = String(JSON.parse(atob(payload)).v);
  } catch (error) { /* keep the guess */ }
  report.version = version;
  var forged = JSON.stringify({sco: "", final: true, cmi: {cmi: {core: {lesson_status: "passed",
    score: {raw: "100", min: "0", max: "100"}}}}});
  await attempt("post_cmi", async function () {
    var response = await fetch(MAIN + "/hoc/goi/" + version + "/cmi/", {method: "POST",
      credentials: "include", headers: {"Content-Type": "application/json"}, body: forged});
    return response.status + " " + (await response.text()).slice(0, 200);
  });
  await attempt("post_cmi_no_cors", async function () {
    var response = await fetch(MAIN + "/hoc/goi/" + version + "/cmi/", {method: "POST",
      mode: "no-cors", credentials: "include", headers: {"Content-Type": "text/plain"}, body: forged});
    return response.type + " " + response.status;
  });
  await attempt("get_session", async function () {
    var response = await fetch(MAIN + "/hoc/goi/" + version + "/phien/", {credentials: "include"});
    return response.status + " " + (await response.text()).slice(0, 200);
  });
  await attempt("beacon", async function () {
    return navigator.sendBeacon(MAIN + "/hoc/goi/" + version + "/cmi/", forged);
  });
  await attempt("top_document", async function () { return top.document.title; });
  await attempt("main_cookie", async function () { return parent.parent.document.cookie; });
  await attempt("main_cookie_via_launcher", async function () {
    return parent.eval("window.parent.document.cookie");
  });
  await attempt("main_storage", async function () { return top.localStorage.length; });
  await attempt("top_navigation", async function () {
    top.location = MAIN + "/?bi-chiem=1";
    return "no exception";
  });
  await attempt("top_window_open", async function () {
    return String(window.open(MAIN + "/?bi-chiem=2", "_top"));
  });
  document.getElementById("report").textContent = JSON.stringify(report);
  document.body.setAttribute("data-done", "1");
})();
"""


def _hostile_package(teacher, main: str):
    archive = make_zip(
        {
            "imsmanifest.xml": SCORM12_MANIFEST.format(href="index.html"),
            "index.html": SCO_HTML,
            "sco.js": SCO_JS.replace("__MAIN__", main),
        },
        name="doc-hai.zip",
    )
    version = package_upload(user=teacher, uploaded_file=archive, title="Gói độc hại")
    package_publish(user=teacher, package=version.package)
    return version


def test_a_hostile_sco_reaches_neither_the_cookies_nor_the_api_nor_the_top_window(origins):

    world = make_world()
    version = _hostile_package(world.teacher, origins)
    base = origins
    player_url = f"{base}/hoc/goi/{version.pk}/"
    with chromium_context(viewport=PHONE, is_mobile=True, locale="vi-VN") as context:
        _sign_in(context, base, world.student)
        page = context.new_page()
        page.goto(player_url)
        heading = page.locator("h1").first.inner_text()
        # The main site's cookies exist (and are not HttpOnly here, the worst case).
        names = {cookie["name"] for cookie in context.cookies(base)}
        assert {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME} <= names
        sco = page.frame_locator("[data-testid=package-frame]").frame_locator("#hoclieu-sco")
        sco.locator("body[data-done='1']").wait_for(timeout=20000)
        report = json.loads(sco.locator("#report").text_content())
        page.wait_for_timeout(1000)  # a navigation or request that got through would show
        shot(page, "hostile-phone")
        assert page.url == player_url
        assert page.locator("h1").first.inner_text() == heading
        main_url = page.evaluate("location.href")

    assert report["cookie"] == ""  # (i) the content origin has no cookie of the site
    assert report["version"] == str(version.pk)  # it knew where to aim
    for name in ("post_cmi", "post_cmi_no_cors", "get_session"):  # (ii)
        assert report[name].startswith("refused: TypeError"), (name, report[name])
    for name in ("top_document", "main_cookie", "main_cookie_via_launcher", "main_storage"):
        assert report[name].startswith("refused: SecurityError"), (name, report[name])  # (iv)
    assert main_url == player_url  # (iii) the top window stayed
    assert report["top_window_open"] in ("reached: null", "") or report[
        "top_window_open"
    ].startswith("refused"), report["top_window_open"]
    # navigator.sendBeacon only queues ("true"); the content origin's CSP (connect-src
    # 'self') drops it, and the server would refuse it anyway (below). Nothing reached lms:
    # no attempt, no event, no forged score.
    assert not PackageAttempt.objects.filter(user=world.student).exists()
    assert not PackageEvent.objects.exists()


def test_without_the_policy_the_server_still_refuses_a_cross_site_write(origins):
    """Were the content origin's CSP gone: the browser would send no session cookie across
    sites (SameSite), and a request that had one still lacks the CSRF token; the site's
    answers allow no other origin to read them (no CORS header)."""
    world = make_world()
    version = _hostile_package(world.teacher, origins)
    assert settings.SESSION_COOKIE_SAMESITE in ("Lax", "Strict")
    assert settings.CSRF_COOKIE_SAMESITE in ("Lax", "Strict")
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.student)
    content = settings.CONTENT_ORIGIN
    forged = {"sco": "", "final": True, "cmi": {"cmi": {"core": {"lesson_status": "passed"}}}}
    response = client.post(
        f"/hoc/goi/{version.pk}/cmi/",
        data=json.dumps(forged),
        content_type="application/json",
        HTTP_ORIGIN=content,
        HTTP_HOST=origins.removeprefix("http://"),
    )
    assert response.status_code == 403
    session = client.get(
        f"/hoc/goi/{version.pk}/phien/",
        HTTP_ORIGIN=content,
        HTTP_HOST=origins.removeprefix("http://"),
    )
    assert session.status_code == 200
    assert "Access-Control-Allow-Origin" not in session.headers
    assert not PackageAttempt.objects.filter(user=world.student).exists()


def _expired_token(monkeypatch, **ids) -> str:
    earlier = time.time() - 5 * 60 * 60  # the default lifetime is 4 hours
    with monkeypatch.context() as patch:
        patch.setattr(time, "time", lambda: earlier)
        return launch_token(**ids)


def _swap_payload(token: str, payload: dict) -> str:
    """The token with another user/version written in, its signature kept."""
    import base64

    encoded = base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode())
    return encoded.decode().rstrip("=") + token[token.index(".") :]


def test_tokens_are_bound_to_the_student_and_the_package_and_expire(origins, monkeypatch):
    from playwright.sync_api import expect

    world = make_world()
    version = _hostile_package(world.teacher, origins)
    draft = package_upload(
        user=world.teacher,
        uploaded_file=make_zip(
            {
                "imsmanifest.xml": SCORM12_MANIFEST.format(href="index.html"),
                "index.html": "<p>Nháp</p>",
            },
            name="nhap.zip",
        ),
        title="Bản nháp",
    )
    student = world.student
    good = launch_token(user_id=student.pk, version_id=version.pk)
    cases = {
        # A package the student may not see (a draft): a token made for it is refused.
        "draft": (launch_token(user_id=student.pk, version_id=draft.pk), access.NOT_ALLOWED),
        # The student's token rewritten for the teacher, or for the draft: signature broken.
        "other-user": (
            _swap_payload(good, {"u": world.teacher.pk, "v": version.pk}),
            access.INVALID,
        ),
        "other-package": (_swap_payload(good, {"u": student.pk, "v": draft.pk}), access.INVALID),
        "expired": (
            _expired_token(monkeypatch, user_id=student.pk, version_id=version.pk),
            access.EXPIRED,
        ),
    }
    with chromium_context(viewport=PHONE, is_mobile=True, locale="vi-VN") as context:
        page = context.new_page()
        response = page.goto(launcher_url(token=good, version=version))
        assert response.status == 200  # the control: the student's own token opens it
        for name, (token, message) in cases.items():
            for url in (
                launcher_url(token=token, version=version),
                f"{settings.CONTENT_ORIGIN}/goi/{token}/sco.js",
            ):
                response = page.goto(url)
                assert response.status == 403, (name, url)
                expect(page.locator("body")).to_contain_text(message)
        shot(page, "token-expired-phone")
