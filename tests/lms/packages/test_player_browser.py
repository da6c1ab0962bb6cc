"""Acceptance 3 of issue 20 in Chromium: a SCORM 1.2 package built here sets
``cmi.core.score.raw``, ``lesson_status`` and 4,000 characters of ``suspend_data``; after a
reload the run-time is filled with them before the SCO's first GetValue; 5,000 characters
are refused by the server with the 1.2 limit named, and the page says so.

The site runs at ``http://localhost:PORT`` and the content origin on the same live server
as ``http://127.0.0.1:PORT`` (another host, so no cookie of the site reaches the package).
"""

import json

import pytest

from content.packages.services import package_publish, package_upload
from lms.packages.models import PackageAttempt
from tests.browser import packages_support
from tests.browser.conftest import PHONE, chromium_context
from tests.browser.packages_support import DESKTOP, shot, wait_for
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
<body>
<h1>Bài 1. Định nghĩa</h1>
<pre id="before"></pre>
<button id="save4000" type="button">Lưu 4.000 ký tự</button>
<button id="save5000" type="button">Lưu 5.000 ký tự</button>
<p id="result"></p>
<script src="sco.js"></script>
</body></html>
"""

# Finds the run-time as SCORM 1.2 says (window.API in a parent), reads the stored state
# right after LMSInitialize and writes on a button.
SCO_JS = """
(function () {
  function findAPI(w) {
    for (var n = 0; w && n < 10; n++) {
      if (w.API) return w.API;
      if (w.parent === w) break;
      w = w.parent;
    }
    return null;
  }
  var api = findAPI(window);
  api.LMSInitialize("");
  var suspend = api.LMSGetValue("cmi.suspend_data");
  document.getElementById("before").textContent = JSON.stringify({
    raw: api.LMSGetValue("cmi.core.score.raw"),
    max: api.LMSGetValue("cmi.core.score.max"),
    status: api.LMSGetValue("cmi.core.lesson_status"),
    location: api.LMSGetValue("cmi.core.lesson_location"),
    entry: api.LMSGetValue("cmi.core.entry"),
    suspendLength: suspend.length,
    suspendStart: suspend.slice(0, 3)
  });
  document.body.setAttribute("data-loaded", "1");
  document.getElementById("save4000").addEventListener("click", function () {
    api.LMSSetValue("cmi.core.score.raw", "8");
    api.LMSSetValue("cmi.core.score.min", "0");
    api.LMSSetValue("cmi.core.score.max", "10");
    api.LMSSetValue("cmi.core.lesson_status", "passed");
    api.LMSSetValue("cmi.core.lesson_location", "trang-5");
    api.LMSSetValue("cmi.suspend_data", "đã" + new Array(3999).join("x"));
    api.LMSSetValue("cmi.core.exit", "suspend");
    api.LMSSetValue("cmi.core.session_time", "00:01:30");
    api.LMSCommit("");
    api.LMSFinish("");
    document.getElementById("result").textContent = "đã lưu";
  });
  document.getElementById("save5000").addEventListener("click", function () {
    var ok = api.LMSSetValue("cmi.suspend_data", new Array(5001).join("y"));
    document.getElementById("result").textContent = "set=" + ok + " error=" + api.LMSGetLastError();
    api.LMSCommit("");
  });
})();
"""


def _upload(teacher):
    archive = make_zip(
        {
            "imsmanifest.xml": SCORM12_MANIFEST.format(href="index.html"),
            "index.html": SCO_HTML,
            "sco.js": SCO_JS,
        },
        name="bai1.zip",
    )
    version = package_upload(user=teacher, uploaded_file=archive, title="Phương trình bậc hai")
    package_publish(user=teacher, package=version.package)
    return version


def _open(page, base, version):
    page.goto(f"{base}/hoc/goi/{version.pk}/")
    sco = page.frame_locator("[data-testid=package-frame]").frame_locator("#hoclieu-sco")
    sco.locator("body[data-loaded='1']").wait_for(timeout=20000)
    return sco


def test_scorm12_score_status_and_suspend_data_are_stored_and_restored(origins):
    from playwright.sync_api import expect

    world = make_world()
    version = _upload(world.teacher)
    base = origins
    errors: list[str] = []
    with chromium_context(viewport=PHONE, is_mobile=True, locale="vi-VN") as context:
        _sign_in(context, base, world.student)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        sco = _open(page, base, version)
        first = json.loads(sco.locator("#before").text_content())
        assert first["suspendLength"] == 0 and first["entry"] in ("", "ab-initio")
        frame_width = page.locator("[data-testid=package-frame]").bounding_box()["width"]
        assert frame_width >= PHONE["width"] - 40  # the frame takes the phone's width
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        sco.locator("#save4000").click()
        expect(page.get_by_test_id("package-status")).to_have_text(
            "Đã hoàn thành · 8/10 (điểm do gói tự báo)", timeout=10000
        )
        attempt = PackageAttempt.objects.get(user=world.student, version=version)
        assert attempt.lesson_status == "passed"
        assert len(attempt.suspend_data) == 4000
        # The status follows the SCO's LMSCommit; its LMSFinish (which closes the session
        # and adds its time once) is a later message: wait for it.
        wait_for(lambda: attempt.refresh_from_db() or attempt.total_seconds == 90, 15, page)
        assert (attempt.total_seconds, attempt.open_session_seconds) == (90, 0)

        sco = _open(page, base, version)  # the student comes back
        restored = json.loads(sco.locator("#before").text_content())
        assert restored == {
            "raw": "8",
            "max": "10",
            "status": "passed",
            "location": "trang-5",
            "entry": "resume",
            "suspendLength": 4000,
            "suspendStart": "đãx",
        }
        expect(page.get_by_test_id("package-status")).to_have_text(
            "Đã hoàn thành · 8/10 (điểm do gói tự báo)"
        )

        # 5,000 characters: scorm-again 3 takes them, the server refuses the commit and
        # the page says why, naming the 1.2 limit; nothing stored changes.
        sco.locator("#save5000").click()
        expect(sco.locator("#result")).to_contain_text("set=true")
        expect(page.get_by_test_id("package-error")).to_have_text(
            "Chưa lưu được kết quả: Dữ liệu tạm (cmi.suspend_data) dài 5.000 ký tự, vượt giới "
            "hạn 4.096 ký tự của SCORM 1.2.",
            timeout=10000,
        )
        attempt.refresh_from_db()
        assert len(attempt.suspend_data) == 4000
        shot(page, "player-phone")
    assert errors == []

    # The teacher, on a desktop: the results and the player (a preview, said so).
    with chromium_context(viewport=DESKTOP, locale="vi-VN") as context:
        _sign_in(context, base, world.teacher)
        page = context.new_page()
        page.goto(f"{base}/hoc/goi/{version.pk}/ket-qua/")
        row = page.get_by_test_id("package-result-row")
        expect(row).to_have_count(1)
        expect(row).to_contain_text(world.student.full_name)
        expect(row).to_contain_text("8/10")
        expect(row).to_contain_text("Đã hoàn thành")
        expect(page.locator("thead")).to_contain_text("điểm do gói tự báo")
        shot(page, "results-desktop")
        _open(page, base, version)
        expect(page.get_by_test_id("package-preview")).to_contain_text("xem thử")
        box = page.locator("[data-testid=package-frame]").bounding_box()
        assert box["height"] >= 0.7 * DESKTOP["height"]
        shot(page, "player-desktop")


def test_h5p_plays_and_its_score_reaches_the_server(origins):
    """The H5P DragText fixture opens through the bridge on a phone; "Check" sends xAPI
    (answered, a score out of the package's 3 blanks), stored and shown on the status line."""
    from playwright.sync_api import expect

    from tests.content.packages.origin.conftest import upload

    world = make_world()
    version = upload(world.teacher, "h5p/H5P.DragText.h5p")
    base = origins
    errors: list[str] = []
    with chromium_context(viewport=PHONE, is_mobile=True, locale="vi-VN") as context:
        _sign_in(context, base, world.student)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{base}/hoc/goi/{version.pk}/")
        launcher = page.frame_locator("[data-testid=package-frame]")
        content = launcher.frame_locator("iframe.h5p-iframe")
        check = content.locator(".h5p-question-check-answer")
        check.wait_for(timeout=30000)
        check.click()
        expect(page.get_by_test_id("package-status")).to_contain_text(
            "/3 (điểm do gói tự báo)", timeout=15000
        )
        shot(page, "h5p-phone")
    attempt = PackageAttempt.objects.get(user=world.student, version=version)
    assert attempt.score_max == 3
    # H5P's frame reads localStorage, which the browser denies a third-party frame; the
    # launcher's h5p-frame.js gives it a page-long store, so no page error is left.
    assert errors == []
