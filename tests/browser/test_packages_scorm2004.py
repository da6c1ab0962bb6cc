"""Acceptance 1 of issue 20 in Chromium: the SCORM 2004 golf fixture (Rustici's "Run-time
basic calls", one SCO of 15 pages with its own Previous/Next buttons and a knowledge check)
placed in a lesson page plays from the content origin; the student goes forward some
pages, the tab is closed mid-way, the lesson reopened resumes at the stored ``cmi.location``;
the knowledge check's score and the completion reach lms and the teacher's results.
Also: a SCO of a multi-SCO 2004 package that ends with adl.nav.request "continue" gets the
next SCO."""

import pytest

from content.models import HomePage, LessonPage
from content.packages.services import package_publish, package_upload
from lms.packages.models import PackageAttempt
from tests.browser import packages_support
from tests.browser.conftest import PHONE, chromium_context
from tests.browser.packages_support import DESKTOP, shot, wait_for
from tests.browser.test_exam_widgets import _sign_in
from tests.content.packages.helpers import make_zip
from tests.content.packages.origin.conftest import upload
from tests.content.test_pages import publish_under
from tests.lms.packages.helpers import make_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

GOLF = "scorm/RuntimeBasicCalls_SCORM20043rdEdition.zip"
origins = packages_support.origins  # the live server's two origins (a fixture)
PAGES = ["Playing/Playing.html", "Playing/Par.html", "Playing/Scoring.html"]


def _lesson(version):
    return publish_under(
        HomePage.objects.first(),
        LessonPage(
            title="Luật chơi gôn",
            slug="luat-choi-gon",
            scope="public",
            body=[
                ("heading", "I. Bài giảng tương tác"),
                ("paragraph", "<p>Học hết bài rồi làm phần kiểm tra cuối bài.</p>"),
                ("package", {"package": version.package, "title": "Gôn cơ bản"}),
            ],
        ),
    )


def _golf(page):
    """The golf SCO's launch page (its own Previous/Next/Exit bar) inside our launcher."""
    launcher = page.frame_locator(".package-player [data-testid=package-frame]")
    return launcher.frame_locator("#hoclieu-sco")


def _content_url(golf) -> str:
    """Where the golf SCO's own content frame is (same origin as its launch page)."""
    return golf.locator("#contentFrame").evaluate("f => f.contentWindow.location.href")


def test_golf_in_a_lesson_resumes_where_the_student_left_and_reports_its_score(origins):
    from playwright.sync_api import expect

    world = make_world()
    version = upload(world.teacher, GOLF)
    assert version.kind == "scorm2004"
    lesson = _lesson(version)
    base = origins
    errors: list[str] = []
    with chromium_context(viewport=PHONE, is_mobile=True, locale="vi-VN") as context:
        _sign_in(context, base, world.student)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("dialog", lambda dialog: dialog.accept())
        page.goto(base + lesson.url)
        golf = _golf(page)
        golf.locator("#butNext").wait_for(timeout=20000)
        assert wait_for(lambda: _content_url(golf).endswith(PAGES[0]), page=page)
        for expected in PAGES[1:]:
            golf.locator("#butNext").click()
            assert wait_for(lambda page_=expected: _content_url(golf).endswith(page_), page=page)
        shot(page, "golf-lesson-phone")
        # The SCO sets cmi.location on every page and commits only when it terminates;
        # the launcher sends the change shortly after anyway, so lms has page 3 while the
        # student reads it. Then the tab is closed (the SCO's unload handlers run).
        attempt = wait_for(
            lambda: PackageAttempt.objects.filter(user=world.student, location="2").first(),
            page=page,
        )
        assert attempt is not None, list(PackageAttempt.objects.values("location"))
        assert attempt.completion_status == "incomplete"
        page.close(run_before_unload=True)

        # Back to the lesson: the golf SCO asks whether to resume (yes) and opens page 3.
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
        page.goto(base + lesson.url)
        golf = _golf(page)
        golf.locator("#butNext").wait_for(timeout=20000)
        assert wait_for(lambda: _content_url(golf).endswith(PAGES[2]), page=page), _content_url(
            golf
        )
        assert dialogs == ["Would you like to resume from where you previously left off?"]
        shot(page, "golf-resumed-phone")

        # On to the knowledge check (the 15th page) and every answer right.
        for _ in range(12):
            golf.locator("#butNext").click()
        assert wait_for(lambda: "assessmenttemplate" in _content_url(golf), page=page)
        quiz = golf.frame_locator("#contentFrame")
        quiz.locator("#frmTest").wait_for()
        radios = quiz.locator(".correctAnswer input[type=radio]")
        for index in range(radios.count()):
            radios.nth(index).check()
        boxes = quiz.locator(".correctAnswer input[type=text]")
        for index in range(boxes.count()):
            box = boxes.nth(index)
            answer = box.locator("xpath=..").inner_text().strip().strip("()")
            box.fill(answer)
        quiz.locator("input[value='Submit Answers']").click()
        expect(quiz.locator("h3").first).to_have_text("Score: 100")
        # The SCO's Exit button ends the attempt (exit normal, adl.nav.request exitAll).
        golf.locator("#butExit").click()
        status = page.get_by_test_id("package-status")
        expect(status).to_contain_text("Đã hoàn thành", timeout=15000)
        expect(status).to_contain_text("100/100 (điểm do gói tự báo)")
        shot(page, "golf-done-phone")
    attempt.refresh_from_db()
    assert attempt.completion_status == "completed"
    assert attempt.success_status == "passed"
    assert attempt.score_raw == 100 and attempt.score_max == 100
    assert attempt.location == "14"
    assert errors == []
    assert attempt.cmi["cmi"]["exit"] == ""  # the SCO's Exit ended it normally

    # The teacher sees the student's completion and self-reported score.
    with chromium_context(viewport=DESKTOP, locale="vi-VN") as context:
        _sign_in(context, base, world.teacher)
        page = context.new_page()
        page.goto(f"{base}/hoc/goi/{version.pk}/ket-qua/")
        row = page.get_by_test_id("package-result-row")
        expect(row).to_have_count(1)
        expect(row).to_contain_text(world.student.full_name)
        expect(row).to_contain_text("Đã hoàn thành")
        expect(page.locator("thead")).to_contain_text("điểm do gói tự báo")
        shot(page, "golf-results-desktop")


FLOW_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="vn.hoclieu.flow" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="khoa">
    <organization identifier="khoa"><title>Hàm số bậc hai</title>
      <item identifier="sco1" identifierref="r1"><title>Đồ thị</title></item>
      <item identifier="sco2" identifierref="r2"><title>Bảng biến thiên</title></item>
      <imsss:sequencing><imsss:controlMode choice="true" flow="true"/></imsss:sequencing>
    </organization>
  </organizations>
  <resources>
    <resource identifier="r1" type="webcontent" adlcp:scormType="sco" href="do-thi.html">
      <file href="do-thi.html"/><file href="sco.js"/></resource>
    <resource identifier="r2" type="webcontent" adlcp:scormType="sco" href="bbt.html">
      <file href="bbt.html"/><file href="sco.js"/></resource>
  </resources>
</manifest>"""

FLOW_PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title>
</head><body><h1>{title}</h1><button id="tiep" type="button">Phần tiếp theo</button>
<script src="sco.js"></script></body></html>"""

# Like most authoring tools' "next" button in a multi-SCO course: the SCO completes, asks
# the LMS to continue and terminates; delivering the next SCO is the LMS's part.
FLOW_JS = """
var api = (function (w) { while (w && !w.API_1484_11 && w.parent !== w) { w = w.parent; }
  return w.API_1484_11; })(window);
api.Initialize("");
document.body.setAttribute("data-loaded", "1");
document.getElementById("tiep").addEventListener("click", function () {
  api.SetValue("cmi.completion_status", "completed");
  api.SetValue("adl.nav.request", "continue");
  api.Terminate("");
});
"""


def test_a_sco_asking_to_continue_opens_the_next_sco(origins):
    from playwright.sync_api import expect

    world = make_world()
    archive = make_zip(
        {
            "imsmanifest.xml": FLOW_MANIFEST,
            "do-thi.html": FLOW_PAGE.format(title="Đồ thị"),
            "bbt.html": FLOW_PAGE.format(title="Bảng biến thiên"),
            "sco.js": FLOW_JS,
        },
        name="ham-so.zip",
    )
    version = package_upload(user=world.teacher, uploaded_file=archive, title="Hàm số")
    package_publish(user=world.teacher, package=version.package)
    base = origins
    with chromium_context(viewport=PHONE, is_mobile=True, locale="vi-VN") as context:
        _sign_in(context, base, world.student)
        page = context.new_page()
        page.goto(f"{base}/hoc/goi/{version.pk}/")
        sco = page.frame_locator("[data-testid=package-frame]").frame_locator("#hoclieu-sco")
        expect(sco.locator("h1")).to_have_text("Đồ thị", timeout=20000)
        sco.locator("body[data-loaded='1']").wait_for()
        sco.locator("#tiep").click()
        expect(sco.locator("h1")).to_have_text("Bảng biến thiên", timeout=15000)
        current = page.locator("[data-package-toc] [aria-current=step]")
        expect(current).to_have_text("Bảng biến thiên")
        shot(page, "scorm2004-flow-phone")
    first = PackageAttempt.objects.get(user=world.student, version=version, sco="sco1")
    assert first.completion_status == "completed"
