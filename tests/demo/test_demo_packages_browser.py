"""The demo's two packages play in Chromium from the content origin (demo.packages).

SCORM 1.2: the student turns to page 3, answers the three questions, the score 3/3 and
"passed" reach lms; a reload resumes on page 3 with the answers ticked. H5P (our own
H5P.HoclieuQuiz 1.0 run by h5p-standalone): "Kiểm tra" sends xAPI with 3/3, stored and shown.
"""

import pytest

from demo import packages as demo_packages
from lms.packages.models import PackageAttempt
from tests.browser.conftest import PHONE, chromium_context
from tests.browser.test_exam_widgets import _sign_in
from tests.lms.packages.helpers import make_world
from tests.lms.packages.test_player_browser import origins  # noqa: F401 - fixture

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _upload(teacher, spec):
    from content.packages.services import package_publish, package_upload

    version = package_upload(
        user=teacher, uploaded_file=demo_packages.upload_file(spec), title=spec[2]
    )
    package_publish(user=teacher, package=version.package)
    return version


def _open_scorm(page, base, version):
    page.goto(f"{base}/hoc/goi/{version.pk}/")
    sco = page.frame_locator("[data-testid=package-frame]").frame_locator("#hoclieu-sco")
    sco.locator("body[data-loaded='1']").wait_for(timeout=20000)
    return sco


def test_the_demo_scorm_package_scores_and_resumes(origins):  # noqa: F811
    from playwright.sync_api import expect

    world = make_world()
    version = _upload(world.teacher, demo_packages.SCORM)
    errors: list[str] = []
    with chromium_context(viewport=PHONE, is_mobile=True, locale="vi-VN") as context:
        _sign_in(context, origins, world.student)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        sco = _open_scorm(page, origins, version)
        expect(sco.locator("#trang-so")).to_have_text("Trang 1/3")
        sco.locator("#sau").click()
        sco.locator("#sau").click()
        expect(sco.locator("#trang-so")).to_have_text("Trang 3/3")
        for name, value in (("cau1", "A"), ("cau2", "B"), ("cau3", "C")):
            sco.locator(f"input[name={name}][value={value}]").check()
        sco.locator("#nop-bai").click()
        expect(sco.locator("#ket-qua")).to_contain_text("đúng 3/3")
        expect(page.get_by_test_id("package-status")).to_contain_text(
            "3/3 (điểm do gói tự báo)", timeout=10000
        )
        attempt = PackageAttempt.objects.get(user=world.student, version=version)
        assert attempt.lesson_status == "passed"
        assert attempt.location == "trang-3"

        sco = _open_scorm(page, origins, version)  # the student comes back
        expect(sco.locator("#trang-so")).to_have_text("Trang 3/3")
        expect(sco.locator("input[name=cau2][value=B]")).to_be_checked()
    assert errors == []


def test_the_demo_h5p_package_plays_and_sends_its_score(origins):  # noqa: F811
    from playwright.sync_api import expect

    world = make_world()
    version = _upload(world.teacher, demo_packages.H5P)
    errors: list[str] = []
    with chromium_context(viewport=PHONE, is_mobile=True, locale="vi-VN") as context:
        _sign_in(context, origins, world.student)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{origins}/hoc/goi/{version.pk}/")
        content = page.frame_locator("[data-testid=package-frame]").frame_locator(
            "iframe.h5p-iframe"
        )
        content.locator(".h5p-hoclieu-quiz .kiem-tra").wait_for(timeout=30000)
        for question, answer in ((0, 0), (1, 1), (2, 2)):
            content.locator(f"input[name=cau-{question}][value='{answer}']").check()
        content.locator(".kiem-tra").click()
        expect(content.locator(".ket-qua")).to_have_text("Đúng 3/3 câu.")
        expect(page.get_by_test_id("package-status")).to_contain_text(
            "3/3 (điểm do gói tự báo)", timeout=15000
        )
    attempt = PackageAttempt.objects.get(user=world.student, version=version)
    assert (attempt.score_raw, attempt.score_max) == (3, 3)
    assert [e for e in errors if "'localStorage'" not in e] == []
