"""Area limits of the Wagtail admin: lesson pages, the question chooser, library items,
takedowns and collections stay inside the area a user owns or curates."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Page

from accounts.models import Role
from content.blocks import CheckpointBlock, QuestionBlock
from content.curation import library_item_publish, takedown
from content.models import HomePage, LessonPage, LibraryCollection, LibraryItem
from content.policy import MaterialPagePermissionTester
from tests.accounts.factories import make_school, make_user
from tests.content.library_helpers import make_item, pdf_upload
from tests.question_bank.factories import make_bank, make_question, parsed_single

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    school_a, school_b = make_school(), make_school()
    return {
        "school_a": school_a,
        "school_b": school_b,
        "teacher_a": make_user(role=Role.TEACHER, school=school_a),
        "teacher_b": make_user(role=Role.TEACHER, school=school_b),
        "librarian_a": make_user(role=Role.LIBRARIAN, school=school_a),
        "librarian_b": make_user(role=Role.LIBRARIAN, school=school_b),
        "department_admin": make_user(
            role=Role.DEPARTMENT_ADMIN, school=None, department=school_a.department
        ),
    }


def refused(response) -> bool:
    """Wagtail's admin answers PermissionDenied with a redirect to the dashboard (and a
    message) for page views, with 403 or 404 elsewhere."""
    if response.status_code == 302:
        return response.url == reverse("wagtailadmin_home")
    return response.status_code in (403, 404)


def make_lesson(owner, school, *, title, slug, live=False):
    page = LessonPage(title=title, slug=slug, scope="school", school=school, owner=owner, live=live)
    HomePage.objects.get().add_child(instance=page)
    revision = page.save_revision(user=owner)
    if live:
        revision.publish()
    page.refresh_from_db()
    return page


# --- lesson pages -----------------------------------------------------------------------
def test_explorer_lists_only_the_materials_a_user_owns_or_curates(client, people):
    # Given a draft lesson of school A
    make_lesson(people["teacher_a"], people["school_a"], title="Nháp trường A", slug="nhap-a")
    home = HomePage.objects.get()
    explorer = f"/admin/pages/{home.pk}/"

    # Then its author and school A's librarian see it (in the explorer, the page search,
    # the page chooser and site history), school B's staff don't
    for user, sees in (
        ("teacher_a", True),
        ("librarian_a", True),
        ("teacher_b", False),
        ("librarian_b", False),
    ):
        client.force_login(people[user])
        for url, params in (
            (explorer, {}),
            (reverse("wagtailadmin_pages:search"), {"q": "Nháp"}),
            (reverse("wagtailadmin_reports:site_history"), {}),
        ):
            response = client.get(url, params)
            assert response.status_code == 200
            assert ("Nháp trường A" in response.content.decode()) is sees, (user, url)
        chooser = client.get(reverse("wagtailadmin_choose_page_child", args=[home.pk]))
        assert ("Nháp trường A" in chooser.json()["html"]) is sees, user


def test_editing_a_lesson_outside_ones_area_is_refused(client, people):
    lesson = make_lesson(people["teacher_a"], people["school_a"], title="Bài A", slug="bai-a")
    edit = f"/admin/pages/{lesson.pk}/edit/"
    for user in ("teacher_b", "librarian_b"):
        client.force_login(people[user])
        assert refused(client.get(edit)), user
        assert refused(client.post(edit, {"title": "Sửa trộm", "slug": "bai-a"})), user
    # A teacher never sees a colleague's draft, even through "view draft"
    client.force_login(people["teacher_b"])
    assert refused(client.get(f"/admin/pages/{lesson.pk}/view_draft/"))
    lesson.refresh_from_db()
    assert lesson.title == "Bài A"

    for user in ("teacher_a", "librarian_a"):
        client.force_login(people[user])
        assert client.get(edit).status_code == 200, user


def test_only_curators_of_the_area_unpublish_a_lesson(client, people):
    lesson = make_lesson(
        people["teacher_a"], people["school_a"], title="Bài đã đăng", slug="bai-da-dang", live=True
    )
    unpublish = f"/admin/pages/{lesson.pk}/unpublish/"

    client.force_login(people["librarian_b"])
    assert refused(client.post(unpublish))
    lesson.refresh_from_db()
    assert lesson.live is True

    client.force_login(people["librarian_a"])
    response = client.post(unpublish)
    assert response.status_code == 302 and not refused(response)
    lesson.refresh_from_db()
    assert lesson.live is False


def test_page_bulk_actions_stay_in_the_area(client, people):
    draft = make_lesson(people["teacher_a"], people["school_a"], title="Nháp", slug="nhap")
    live = make_lesson(
        people["teacher_a"], people["school_a"], title="Đã đăng", slug="da-dang", live=True
    )
    client.force_login(people["librarian_b"])
    delete = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    # Refused outright (hook) or skipped as not permitted (page tester): either way the
    # page survives, which is what matters.
    client.post(f"{delete}?id={draft.pk}")
    unpublish = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "unpublish"])
    client.post(f"{unpublish}?id={live.pk}")
    assert Page.objects.filter(pk=draft.pk).exists()
    live.refresh_from_db()
    assert live.live is True


def test_hub_pages_are_edited_by_department_admins_only(client, people):
    home = HomePage.objects.get()
    edit = f"/admin/pages/{home.pk}/edit/"
    for user in ("teacher_a", "librarian_a"):
        client.force_login(people[user])
        assert refused(client.get(edit)), user
    client.force_login(people["department_admin"])
    assert client.get(edit).status_code == 200


def test_the_material_page_tester_narrows_wagtails_permissions_to_the_area(people):
    # For MaterialPage.permissions_for_user: it also closes the views without a hook
    # (preview, view draft, revisions, privacy, unscheduling).
    lesson = make_lesson(
        people["teacher_a"], people["school_a"], title="Bài", slug="bai", live=True
    )
    outsider = MaterialPagePermissionTester(people["librarian_b"], lesson)
    assert not outsider.can_edit() and not outsider.can_publish()
    assert not outsider.can_unpublish() and not outsider.can_view_revisions()
    curator = MaterialPagePermissionTester(people["librarian_a"], lesson)
    assert curator.can_edit() and curator.can_publish() and curator.can_unpublish()
    author = MaterialPagePermissionTester(people["teacher_a"], lesson)
    assert author.can_edit() and not author.can_publish()


# --- the question chooser and the question blocks ----------------------------------------
@pytest.fixture
def questions(people):
    board = make_user(role=Role.EXAM_BOARD, school=people["school_a"])
    pool = make_bank(board, name="Kho đề thi", confidential=True)
    mine = make_bank(people["teacher_a"], name="Ngân hàng của tôi")
    theirs = make_bank(people["teacher_b"], name="Ngân hàng riêng của B")
    return {
        "board": board,
        "secret": make_question(pool, parsed=parsed_single(stem="Câu bí mật"), approve=True),
        "mine": make_question(mine, parsed=parsed_single(stem="Câu của tôi"), approve=True),
        "draft": make_question(mine, parsed=parsed_single(stem="Câu chưa duyệt")),
        "theirs": make_question(theirs, parsed=parsed_single(stem="Câu riêng của B"), approve=True),
    }


def test_question_chooser_offers_only_embeddable_questions(client, people, questions):
    choose = reverse("wagtailsnippetchoosers_question_bank_question:choose")
    client.force_login(people["teacher_a"])
    html = client.get(choose).json()["html"]
    assert "Câu của tôi" in html
    for hidden in ("Câu bí mật", "Câu chưa duyệt", "Câu riêng của B"):
        assert hidden not in html, hidden
    for question in ("secret", "theirs"):
        chosen = reverse(
            "wagtailsnippetchoosers_question_bank_question:chosen", args=[questions[question].pk]
        )
        assert client.get(chosen).status_code == 404, question

    # Not even the board's own members embed a confidential question in a lesson
    client.force_login(questions["board"])
    assert "Câu bí mật" not in client.get(choose).json()["html"]


def test_blocks_refuse_a_confidential_question(questions):
    for block, extra in ((QuestionBlock(), {"show_solution": True}), (CheckpointBlock(), {})):
        value = block.to_python({"question": questions["secret"].pk, **extra})
        with pytest.raises(ValidationError):
            block.clean(value)
        assert block.clean(block.to_python({"question": questions["mine"].pk, **extra}))


# --- library items, takedowns, collections ------------------------------------------------
def test_bulk_delete_of_another_schools_item_is_refused(client, people):
    theirs = make_item(people["teacher_a"], title="Tài liệu trường A")
    bulk_delete = reverse("wagtail_bulk_action", args=["content", "libraryitem", "delete"])

    client.force_login(people["librarian_b"])
    client.post(f"{bulk_delete}?id={theirs.pk}")
    assert LibraryItem.objects.filter(pk=theirs.pk).exists()

    client.force_login(people["librarian_a"])
    client.post(f"{bulk_delete}?id={theirs.pk}")
    assert not LibraryItem.objects.filter(pk=theirs.pk).exists()


def test_takedown_log_shows_the_curated_area_only(client, people):
    item_a = make_item(people["librarian_a"], title="Sách trường A")
    library_item_publish(item=item_a, user=people["librarian_a"])
    item_a.refresh_from_db()
    takedown(obj=item_a, user=people["librarian_a"], reason="Lý do của trường A")
    lesson_a = make_lesson(
        people["teacher_a"], people["school_a"], title="Bài trường A", slug="bai-a", live=True
    )
    page_record = takedown(obj=lesson_a, user=people["librarian_a"], reason="Bài của trường A")
    item_b = make_item(people["librarian_b"], title="Sách trường B")
    library_item_publish(item=item_b, user=people["librarian_b"])
    item_b.refresh_from_db()
    takedown(obj=item_b, user=people["librarian_b"], reason="Lý do của trường B")

    client.force_login(people["librarian_b"])
    html = client.get(reverse("wagtailsnippets_content_takedown:list")).content.decode()
    assert "Lý do của trường B" in html
    assert "Lý do của trường A" not in html and "Bài của trường A" not in html
    inspect = reverse("wagtailsnippets_content_takedown:inspect", args=[page_record.pk])
    assert client.get(inspect).status_code == 404

    client.force_login(people["librarian_a"])
    html = client.get(reverse("wagtailsnippets_content_takedown:list")).content.decode()
    assert "Lý do của trường A" in html and "Bài của trường A" in html
    assert "Lý do của trường B" not in html


def test_collections_are_kept_by_curators_and_deleted_by_department_admins(client, people):
    shelf = LibraryCollection.objects.create(name="Kệ sách nổi bật", slug="ke-noi-bat")
    edit = reverse("wagtailsnippets_content_librarycollection:edit", args=[shelf.pk])
    delete = reverse("wagtailsnippets_content_librarycollection:delete", args=[shelf.pk])

    client.force_login(people["teacher_a"])
    assert refused(client.get(edit))
    client.force_login(people["librarian_a"])
    assert client.get(edit).status_code == 200
    assert refused(client.post(delete))
    assert LibraryCollection.objects.filter(pk=shelf.pk).exists()

    client.force_login(people["department_admin"])
    response = client.post(delete)
    assert response.status_code == 302 and not refused(response)
    assert not LibraryCollection.objects.filter(pk=shelf.pk).exists()


def test_the_edit_form_of_an_item_with_a_file_renders(client, people, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    item = make_item(
        people["teacher_a"], title="Đề cương có tệp", file=pdf_upload(), external_url=""
    )
    assert item.file.name
    client.force_login(people["teacher_a"])
    response = client.get(reverse("wagtailsnippets_content_libraryitem:edit", args=[item.pk]))
    assert response.status_code == 200
    assert reverse("library_file", args=[item.pk]) in response.content.decode()
