"""The admin doors of packages: list, upload (with every refusal shown), page, publish,
chooser; and the StreamField block."""

import pytest
from django.urls import reverse
from wagtail.blocks import StreamValue

from content.blocks import LessonStreamBlock, PackageBlock
from content.packages.models import ElearningPackage
from content.packages.services import package_publish, package_upload
from tests.content.packages.helpers import fixture, scorm12, scorm2004_multi

pytestmark = pytest.mark.django_db


def refused(response) -> bool:
    if response.status_code == 302:
        # the admin sends students to the site's home page (accounts.admin_signin)
        return response.url in (reverse("wagtailadmin_home"), "/") or "/login/" in response.url
    return response.status_code in (403, 404)


def test_upload_form_shows_every_message_and_saves_nothing(client, people):
    client.force_login(people["teacher_a"])
    response = client.post(
        reverse("elearning_package_upload"),
        {"file": fixture("h5p", "invalid-library-json.h5p"), "title": "Thẻ"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Gói bị từ chối" in html
    assert "Tệp H5P.GreetingCard-1.0/library.json thiếu hoặc sai trường majorVersion" in html
    assert ElearningPackage.objects.count() == 0


def test_upload_then_page_with_table_of_contents_and_publish(client, people):
    client.force_login(people["teacher_a"])
    response = client.post(
        reverse("elearning_package_upload"), {"file": scorm2004_multi(), "title": ""}
    )
    package = ElearningPackage.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("elearning_package", args=[package.pk])
    page = client.get(response.url).content.decode()
    for text in ("Hàm số bậc hai", "Đồ thị", "Bảng biến thiên", "Tài liệu đọc thêm", "Bản nháp"):
        assert text in page
    assert "limitConditions" in page  # recorded, not enforced
    # The teacher reaches the learners' results and a preview of each version.
    assert reverse("lms-package-results", args=[package.current_id]) in page
    assert reverse("lms-package-play", args=[package.current_id]) in page
    listing = client.get(reverse("elearning_packages")).content.decode()
    assert "Hàm số bậc hai" in listing and "SCORM 2004" in listing
    client.post(reverse("elearning_package_publish", args=[package.pk]), {"action": "publish"})
    package.refresh_from_db()
    assert package.status == "published"


def test_new_version_form(client, people):
    version = package_upload(user=people["teacher_a"], uploaded_file=scorm12(), title="Bài")
    client.force_login(people["teacher_a"])
    url = reverse("elearning_package_new_version", args=[version.package_id])
    client.post(url, {"file": scorm12(extra={"them.html": "x"}), "title": ""})
    assert version.package.versions.count() == 2


def test_students_never_reach_the_package_admin(client, people):
    version = package_upload(user=people["teacher_a"], uploaded_file=scorm12(), title="Bài")
    package_publish(user=people["teacher_a"], package=version.package)
    client.force_login(people["student_a"])
    pk = version.package_id
    for url in (
        reverse("elearning_packages"),
        reverse("elearning_package_upload"),
        reverse("elearning_package", args=[pk]),
        reverse("elearning_package_new_version", args=[pk]),
        reverse("package_chooser:choose"),
    ):
        assert refused(client.get(url)), url
    assert refused(client.post(reverse("elearning_package_upload"), {"file": scorm12()}))
    assert refused(client.post(reverse("elearning_package_publish", args=[pk])))
    assert version.package.versions.count() == 1


def test_other_schools_draft_is_404_and_not_in_chooser(client, people):
    draft = package_upload(user=people["teacher_a"], uploaded_file=scorm12(), title="Nháp A")
    client.force_login(people["teacher_b"])
    pk = draft.package_id
    assert client.get(reverse("elearning_package", args=[pk])).status_code == 404
    assert client.get(reverse("package_chooser:chosen", args=[pk])).status_code == 404
    assert "Nháp A" not in client.get(reverse("package_chooser:choose")).json()["html"]
    assert "Nháp A" not in client.get(reverse("elearning_packages")).content.decode()
    response = client.post(reverse("elearning_package_publish", args=[pk]))
    assert response.status_code == 404
    # a colleague of the same school sees it but may not publish or re-upload it
    client.force_login(people["teacher_a2"])
    assert client.get(reverse("elearning_package", args=[pk])).status_code == 200
    assert "Nháp A" in client.get(reverse("package_chooser:choose")).json()["html"]
    assert refused(client.post(reverse("elearning_package_publish", args=[pk])))
    assert refused(client.get(reverse("elearning_package_new_version", args=[pk])))
    draft.package.refresh_from_db()
    assert draft.package.status == "draft"


def test_chooser_create_is_404(client, people):
    client.force_login(people["teacher_a"])
    assert client.post(reverse("package_chooser:create"), {}).status_code == 404


# --- the block ----------------------------------------------------------------------------
class _Request:
    def __init__(self, user):
        self.user = user


def render(package, user, title=""):
    block = PackageBlock()
    value = block.to_python({"package": package.pk, "title": title})
    return block.render(value, context={"request": _Request(user)})


def test_block_renders_the_player_placeholder_or_a_note(people, settings):
    version = package_upload(
        user=people["teacher_a"], uploaded_file=fixture("h5p", "greetingcard.h5p"), title="Thẻ"
    )
    package = version.package
    html = render(package, people["teacher_a"])
    assert f'data-session-url="{reverse("lms-package-session", args=[version.pk])}"' in html
    assert "lms/package-player.js" in html
    # a draft renders nothing for a student, a note for staff of another school
    assert "package-player" not in render(package, people["student_a"])
    assert "chưa được xuất bản" in render(package, people["teacher_b"])
    package_publish(user=people["teacher_a"], package=package)
    assert "Thẻ" in render(package, people["student_b"], title="")


def test_lesson_body_accepts_a_package_block(people):
    version = package_upload(user=people["teacher_a"], uploaded_file=scorm12(), title="Bài")
    stream = LessonStreamBlock()
    value = stream.to_python([{"type": "package", "value": {"package": version.package_id}}])
    assert isinstance(value, StreamValue)
    assert value[0].value["package"] == version.package
    stream.clean(value)


def test_an_electure_section_may_be_a_package(people):
    from content.blocks import SectionBlock

    version = package_upload(user=people["teacher_a"], uploaded_file=scorm12(), title="Bài")
    package_publish(user=people["teacher_a"], package=version.package)
    block = SectionBlock()
    value = block.to_python(
        {
            "title": "Phần tương tác",
            "video": {"url": "", "file": None, "caption": ""},
            "slides_pdf": None,
            "slide_images": [],
            "package": version.package_id,
            "notes": "",
            "checkpoints": [],
        }
    )
    block.clean(value)  # exactly one content: the package
    html = block.render(
        value, context={"request": _Request(people["student_a"]), "section_index": 0}
    )
    assert "Phần tương tác" in html and "package-player" in html
