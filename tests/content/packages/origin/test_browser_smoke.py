"""Smoke test in Chromium: the SCORM 1.2 launcher, framed by a page of the main origin,
waits for "init", fills scorm-again with the stored state before loading the SCO, and its
commits come back by postMessage; the parent's "saved" error shows in the launcher. The main page here is a stand-in for lms/static/lms/package-player.js
(``parent_urls``, on the main origin): the full journey tests come with it.
"""

import pytest
from django.test import override_settings

from content.packages.origin.tokens import launch_token
from content.packages.origin.urls import launcher_url
from tests.browser.conftest import chromium_context
from tests.content.packages.origin import parent_urls

pytestmark = [
    pytest.mark.browser,
    pytest.mark.urls("tests.content.packages.origin.parent_urls"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PARENT = """<!doctype html><meta charset="utf-8"><title>parent</title>
<iframe id="goi" style="width:900px;height:600px" src="%(launcher)s"></iframe>
<script>
window.messages = [];
window.addEventListener("message", function (event) {
  if (event.origin !== "%(content)s") { return; }
  window.messages.push(event.data);
  if (event.data.type === "ready" && !window.initSent) {
    window.initSent = true;
    event.source.postMessage({hoclieu: 1, type: "init", kind: "scorm12", sco: "",
      state: {cmi: {core: {lesson_location: "Playing/Playing.html", exit: "suspend"},
                    suspend_data: "da-luu"}}}, "%(content)s");
  }
  if (event.data.type === "commit") {
    event.source.postMessage({hoclieu: 1, type: "saved", ok: false,
      error: "thử lỗi"}, "%(content)s");
  }
});
</script>"""


def test_the_scorm12_launcher_plays_the_sco_after_init(live_server, student, scorm12):
    port = live_server.url.rsplit(":", 1)[1]
    site, content = f"http://localhost:{port}", f"http://127.0.0.1:{port}"
    with override_settings(CONTENT_ORIGIN=content, SITE_ORIGIN=site):
        token = launch_token(user_id=student.pk, version_id=scorm12.pk)
        launcher = launcher_url(token=token, version=scorm12)
        html = PARENT % {"launcher": launcher, "content": content}
        with chromium_context(viewport={"width": 1280, "height": 800}) as context:
            parent_urls.PAGE["html"] = html
            page = context.new_page()
            page.goto(f"{site}/_test/goi-parent/")
            page.wait_for_function("window.messages.some(m => m.type === 'ready')")
            launcher_frame = page.frame_locator("#goi")
            sco = launcher_frame.frame_locator("#hoclieu-sco")
            # The fixture's SCO page only shows a heading; it calls no run-time itself, so
            # the test makes the calls a SCO would, on the API its parent frame offers.
            assert "Not implemented yet" in sco.locator("h1").inner_text()
            frame = next(f for f in page.frames if f.url.startswith(launcher))
            assert frame.evaluate("API.LMSInitialize('')") == "true"
            assert frame.evaluate("API.LMSGetValue('cmi.suspend_data')") == "da-luu"
            assert frame.evaluate("API.LMSGetValue('cmi.core.entry')") == "resume"
            assert frame.evaluate("API.LMSCommit('')") == "true"
            page.wait_for_function("window.messages.some(m => m.type === 'commit')")
            commit = page.evaluate("window.messages.find(m => m.type === 'commit')")
            assert commit["hoclieu"] == 1 and commit["final"] is False
            assert commit["cmi"]["cmi"]["suspend_data"] == "da-luu"
            status = launcher_frame.locator("#hoclieu-status")
            status.wait_for()
            assert "thử lỗi" in status.inner_text()
            assert frame.evaluate("document.cookie") == ""
