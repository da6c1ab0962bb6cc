"""A library item of type "Gói bài giảng": the package plays on the item's page."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from content.curation import library_item_publish
from content.library_models import DCMI_TYPES, LibraryItem, ResourceType
from content.packages.services import package_publish, package_upload
from tests.content.library_helpers import make_item
from tests.content.packages.helpers import fixture

pytestmark = pytest.mark.django_db


def _package_item(people, *, published: bool) -> tuple[LibraryItem, object]:
    teacher = people["teacher_a"]
    version = package_upload(
        user=teacher, uploaded_file=fixture("scorm", "singlesco_scorm12.zip"), title="Golf"
    )
    if published:
        package_publish(user=teacher, package=version.package)
    item = make_item(
        teacher,
        title="Bài giảng tương tác: luật chơi golf",
        resource_type=ResourceType.PACKAGE,
        external_url="",
        package=version.package,
        scope="school",
    )
    library_item_publish(item=item, user=people["librarian_a"])
    item.refresh_from_db()
    return item, version


def _page(user, item) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("library_item", args=[item.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_package_item_plays_its_published_package(people):
    item, version = _package_item(people, published=True)
    html = _page(people["student_a"], item)
    session = reverse("lms-package-session", args=[version.pk])
    assert f'data-session-url="{session}"' in html
    assert "lms/package-player.js" in html
    assert DCMI_TYPES[ResourceType.PACKAGE] == "InteractiveResource"


def test_a_draft_package_does_not_play_for_a_student(people):
    item, version = _package_item(people, published=False)
    html = _page(people["student_a"], item)
    assert "package-player" not in html
    assert reverse("lms-package-session", args=[version.pk]) not in html


def test_a_package_item_needs_its_package_and_no_file(people):
    item = LibraryItem(title="Gói thiếu", resource_type=ResourceType.PACKAGE)
    with pytest.raises(ValidationError) as refused:
        item.full_clean(exclude=["slug"])
    assert "cần chọn một gói" in str(refused.value.message_dict.get("package"))
    assert "file" not in refused.value.message_dict
