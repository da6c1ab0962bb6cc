"""Curation and sharing of library items and lesson pages, seen through the pages, the
library listings and the API (issue 5, acceptance 3), and takedown with its audit trail."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import ModelLogEntry, PageLogEntry

from accounts.models import Role
from content.curation import library_item_review, restore, takedown
from content.models import HomePage, LessonPage, LibraryItem, Takedown
from tests.accounts.factories import make_school, make_user
from tests.content.library_helpers import make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    school_a, school_b = make_school(), make_school()
    return {
        "school_a": school_a,
        "school_b": school_b,
        "teacher_a": make_user(role=Role.TEACHER, school=school_a),
        "librarian_a": make_user(role=Role.LIBRARIAN, school=school_a),
        "librarian_b": make_user(role=Role.LIBRARIAN, school=school_b),
        "student_a": make_user(role=Role.STUDENT, school=school_a),
        "student_b": make_user(role=Role.STUDENT, school=school_b),
    }


def _listing_titles(client) -> str:
    return client.get(reverse("library_home")).content.decode()


def _api_ids(client) -> set[int]:
    response = client.get("/api/v1/library/items")
    assert response.status_code == 200
    return {row["id"] for row in response.json()["items"]}


def test_submitted_item_is_invisible_to_students_until_a_librarian_approves(client, people):
    # Given a teacher's item submitted for curation, shared inside the school
    item = make_item(people["teacher_a"], title="Đề cương ôn tập Hình học 10", submit=True)
    assert item.scope == "school" and item.school_id == people["school_a"].pk
    assert item.live is False and item.workflow_in_progress

    # Then a student of the same school sees it nowhere
    client.force_login(people["student_a"])
    assert client.get(item.get_absolute_url()).status_code == 404
    assert "Đề cương ôn tập Hình học 10" not in _listing_titles(client)
    assert item.pk not in _api_ids(client)
    assert client.get(f"/api/v1/library/items/{item.pk}").status_code == 404
    assert client.get(reverse("library_file", args=[item.pk])).status_code == 404

    # and a librarian of another school cannot approve it
    with pytest.raises(PermissionDenied):
        library_item_review(item=item, user=people["librarian_b"], approve=True)

    # When the school's librarian approves it
    library_item_review(item=item, user=people["librarian_a"], approve=True, comment="Tốt")
    item.refresh_from_db()
    assert item.live is True

    # Then the student sees it through the page, the listing and the API
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    assert "Đề cương ôn tập Hình học 10" in response.content.decode()
    assert "Đề cương ôn tập Hình học 10" in _listing_titles(client)
    assert item.pk in _api_ids(client)
    assert client.get(f"/api/v1/library/items/{item.pk}").status_code == 200


def test_school_scoped_item_and_lesson_stay_in_their_school(client, people):
    item = make_item(people["librarian_a"], title="Sổ tay Vật lí trường A")
    from content.curation import library_item_publish

    library_item_publish(item=item, user=people["librarian_a"])
    public = make_item(people["librarian_a"], title="Sách công khai", scope="public")
    library_item_publish(item=public, user=people["librarian_a"])
    home = HomePage.objects.get()
    lesson = LessonPage(
        title="Bài riêng của trường A",
        slug="bai-rieng-truong-a",
        scope="school",
        school=people["school_a"],
        owner=people["teacher_a"],
    )
    home.add_child(instance=lesson)
    lesson.save_revision().publish()

    # Student of school B: neither the item nor the lesson, but the public item yes
    client.force_login(people["student_b"])
    assert client.get(item.get_absolute_url()).status_code == 404
    assert client.get(lesson.url).status_code == 404
    listing = _listing_titles(client)
    assert "Sổ tay Vật lí trường A" not in listing and "Sách công khai" in listing
    assert _api_ids(client) == {public.pk}
    pages = client.get("/api/v1/library/pages").json()["items"]
    assert "Bài riêng của trường A" not in {p["title"] for p in pages}

    # Student of school A: both
    client.force_login(people["student_a"])
    assert client.get(item.get_absolute_url()).status_code == 200
    assert client.get(lesson.url).status_code == 200
    assert _api_ids(client) == {item.pk, public.pk}
    pages = client.get("/api/v1/library/pages").json()["items"]
    assert "Bài riêng của trường A" in {p["title"] for p in pages}

    # Anonymous visitors: the public item only
    client.logout()
    assert _api_ids(client) == {public.pk}
    assert client.get(lesson.url).status_code == 404


def test_teacher_sees_own_draft_in_admin_but_not_another_schools(client, people):
    mine = make_item(people["teacher_a"], title="Bản nháp của tôi")
    other_teacher = make_user(role=Role.TEACHER, school=people["school_b"])
    theirs = make_item(other_teacher, title="Bản nháp trường B")
    client.force_login(people["teacher_a"])
    listing = client.get(reverse("wagtailsnippets_content_libraryitem:list")).content.decode()
    assert "Bản nháp của tôi" in listing and "Bản nháp trường B" not in listing
    edit = reverse("wagtailsnippets_content_libraryitem:edit", args=[theirs.pk])
    assert client.get(edit).status_code == 404
    assert client.get(mine.get_absolute_url()).status_code == 200  # the author previews it


def test_takedown_unpublishes_and_keeps_an_audit_trail(client, people):
    item = make_item(people["teacher_a"], title="Tài liệu sai kiến thức", submit=True)
    library_item_review(item=item, user=people["librarian_a"], approve=True)
    item.refresh_from_db()
    with pytest.raises(PermissionDenied):
        takedown(obj=item, user=people["librarian_b"], reason="Không phải trường mình")
    with pytest.raises(ValueError, match="lý do"):
        takedown(obj=item, user=people["librarian_a"], reason="  ")

    client.force_login(people["librarian_a"])
    response = client.post(
        reverse("material_takedown", args=["item", item.pk]),
        {"reason": "Sai đáp án bài 3, chờ tác giả sửa"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.live is False
    record = Takedown.objects.get(library_item=item)
    assert record.reason == "Sai đáp án bài 3, chờ tác giả sửa"
    assert record.taken_down_by == people["librarian_a"]
    entry = ModelLogEntry.objects.filter(action="content.takedown", object_id=str(item.pk)).get()
    assert entry.data["reason"] == "Sai đáp án bài 3, chờ tác giả sửa"

    client.force_login(people["student_a"])
    assert client.get(item.get_absolute_url()).status_code == 404

    restore(record=record, user=people["librarian_a"])
    item.refresh_from_db()
    record.refresh_from_db()
    assert item.live is True and record.restored_at is not None
    assert Takedown.objects.filter(library_item=item).count() == 1  # the trail is kept


def test_lesson_takedown_is_logged_on_the_page(people):
    home = HomePage.objects.get()
    lesson = LessonPage(
        title="Bài cần gỡ", slug="bai-can-go", scope="school", school=people["school_a"]
    )
    home.add_child(instance=lesson)
    lesson.save_revision().publish()
    takedown(obj=lesson, user=people["librarian_a"], reason="Vi phạm bản quyền hình ảnh")
    lesson.refresh_from_db()
    assert lesson.live is False
    assert PageLogEntry.objects.filter(page=lesson, action="content.takedown").exists()


def test_ratings_comments_and_counters(client, people):
    item = make_item(people["librarian_a"], title="Truyện đọc lớp 10", scope="public")
    from content.curation import library_item_publish

    library_item_publish(item=item, user=people["librarian_a"])
    client.force_login(people["student_a"])
    client.get(item.get_absolute_url())
    client.post(reverse("material_rate", args=["item", item.pk]), {"stars": "4"})
    client.post(reverse("material_rate", args=["item", item.pk]), {"stars": "5"})  # changes it
    client.force_login(people["student_b"])
    client.get(item.get_absolute_url())
    client.post(reverse("material_rate", args=["item", item.pk]), {"stars": "2"})
    client.post(reverse("material_rate", args=["item", item.pk]), {"stars": "9"})  # refused
    client.post(reverse("material_comment", args=["item", item.pk]), {"body": "Rất hay, cảm ơn!"})
    item.refresh_from_db()
    assert item.view_count == 2
    assert sorted(item.ratings.values_list("stars", flat=True)) == [2, 5]
    page = client.get(item.get_absolute_url()).content.decode()
    assert "3.5/5 sao · 2 lượt đánh giá" in page or "3,5/5 sao · 2 lượt đánh giá" in page
    assert "Rất hay, cảm ơn!" in page

    # The librarian sees the numbers and can hide the comment
    client.force_login(people["librarian_a"])
    stats = client.get(reverse("library_stats")).content.decode()
    assert "Truyện đọc lớp 10" in stats
    comment = item.comments.get()
    client.post(reverse("comment_hide", args=[comment.pk]), {"hidden": "1"})
    client.force_login(people["student_a"])
    assert "Rất hay, cảm ơn!" not in client.get(item.get_absolute_url()).content.decode()
    # Students never see the statistics
    assert client.get(reverse("library_stats")).status_code == 403


def test_read_only_licence_is_not_downloadable(client, people):
    item = make_item(
        people["librarian_a"], title="SGK bản quyền", scope="public", licence="read-only"
    )
    LibraryItem.objects.filter(pk=item.pk).update(live=True)
    item.refresh_from_db()
    assert item.downloadable is False
    assert "chỉ đọc trực tuyến" in client.get(item.get_absolute_url()).content.decode()


def test_restore_publishes_the_version_that_was_taken_down_not_a_later_edit(people):
    from content.curation import library_item_publish, library_item_save

    item = make_item(people["librarian_a"], title="Bản đã duyệt")
    library_item_publish(item=item, user=people["librarian_a"])
    item.refresh_from_db()
    record = takedown(obj=item, user=people["librarian_a"], reason="Kiểm tra lại")
    item.refresh_from_db()
    item.title = "Bản sửa chưa duyệt"
    library_item_save(item=item, user=people["teacher_a"])
    restore(record=record, user=people["librarian_a"])
    item.refresh_from_db()
    assert item.live is True and item.title == "Bản đã duyệt"


def test_library_search_combines_with_the_subject_filter(client, people):
    from content.curation import library_item_publish
    from curriculum.models import Subject

    toan, _created = Subject.objects.get_or_create(code="toan", defaults={"name": "Toán"})
    for title, subject in (("Hàm số bậc hai nâng cao", toan), ("Hàm số trong Vật lí", None)):
        item = make_item(people["librarian_a"], title=title, scope="public", subject=subject)
        library_item_publish(item=item, user=people["librarian_a"])
    response = client.get(reverse("library_home"), {"q": "ham so", "mon": "toan"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hàm số bậc hai nâng cao" in page and "Hàm số trong Vật lí" not in page


def test_hub_pages_are_curated_by_superusers_only(people):
    from content.permissions import can_curate

    home = HomePage.objects.get()
    assert can_curate(people["librarian_a"], home) is False


def test_preview_of_an_unsaved_item_renders(rf, people):
    from content.views import LibraryItem as Model

    item = Model(title="Chưa lưu", resource_type="document", external_url="https://x.vn")
    request = rf.get("/")
    request.user = people["librarian_a"]
    response = item.serve_preview(request, "")
    assert response.status_code == 200
    assert "Chưa lưu" in response.rendered_content
