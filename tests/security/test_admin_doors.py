"""Doors of the Wagtail admin that showed or changed other people's objects (issue 15,
findings 3, 6, 7, 8 and 9): bulk-action confirmation pages, the library-item chooser,
documents of another school's collection, reports, the explorer and page chooser by id,
and the admin API's documents and images."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Page

from accounts.models import Role, SchoolClass
from content.curation import library_item_publish
from content.models import HomePage, LessonPage, LibraryItem
from tests.accounts.factories import make_class, make_school, make_user
from tests.content.library_helpers import make_item
from tests.question_bank.factories import make_bank, make_question, parsed_single

pytestmark = pytest.mark.django_db

DRAFT_A = "xmkadmindrafta"
ITEM_A = "xmkadminitema"
SCHOOL_ITEM_A = "xmkadminschoolitema"
PUBLIC_ITEM_A = "xmkadminpublicitema"
STEM = "xmkadminstem"
DOC_A = "xmkadmindoca"
CLASS_A = "XMKLOPA"


@pytest.fixture
def world():
    school_a, school_b = make_school(), make_school()
    people = {
        "school_a": school_a,
        "school_b": school_b,
        "teacher_a": make_user(role=Role.TEACHER, school=school_a),
        "teacher_b": make_user(role=Role.TEACHER, school=school_b),
        "librarian_a": make_user(role=Role.LIBRARIAN, school=school_a),
        "librarian_b": make_user(role=Role.LIBRARIAN, school=school_b),
        "board_b": make_user(role=Role.EXAM_BOARD, school=school_b),
        "school_admin_b": make_user(role=Role.SCHOOL_ADMIN, school=school_b),
    }
    return people


def _lesson(owner, school, *, title, slug, live=False):
    page = LessonPage(title=title, slug=slug, scope="school", school=school, owner=owner, live=live)
    HomePage.objects.get().add_child(instance=page)
    revision = page.save_revision(user=owner)
    if live:
        revision.publish()
    page.refresh_from_db()
    return page


def _body(response) -> str:
    if response.get("Content-Type", "").startswith("application/json"):
        return response.content.decode().lower()
    return response.content.decode().lower() if response.status_code == 200 else ""


def _bulk(app, model, action):
    return reverse("wagtail_bulk_action", args=[app, model, action])


# --- finding 3: bulk-action confirmation pages --------------------------------------------
def test_bulk_confirmation_of_library_items_lists_only_what_the_user_may_act_on(client, world):
    item = make_item(world["teacher_a"], title=ITEM_A)
    delete = _bulk("content", "libraryitem", "delete")

    # A curator of another school sees neither the item nor a count of it
    client.force_login(world["librarian_b"])
    for query in ("id=all", f"id={item.pk}"):
        response = client.get(f"{delete}?{query}")
        assert ITEM_A not in _body(response), query
        client.post(f"{delete}?{query}")
    assert LibraryItem.objects.filter(pk=item.pk).exists()

    # The author may not delete it either (curators do): not listed as "without access"
    client.force_login(world["teacher_a"])
    assert ITEM_A not in _body(client.get(f"{delete}?id=all"))

    # The curator of its school sees it and deletes it
    client.force_login(world["librarian_a"])
    assert ITEM_A in _body(client.get(f"{delete}?id=all"))
    client.post(f"{delete}?id=all")
    assert not LibraryItem.objects.filter(pk=item.pk).exists()


def test_bulk_confirmation_of_pages_lists_only_pages_in_the_area(client, world):
    draft = _lesson(world["teacher_a"], world["school_a"], title=DRAFT_A, slug="nhap-a")
    home = HomePage.objects.get()
    client.force_login(world["librarian_b"])
    for action in ("delete", "move", "publish", "unpublish"):
        url = _bulk("wagtailcore", "page", action)
        for query in (f"id=all&childOf={home.pk}", f"id={draft.pk}"):
            assert DRAFT_A not in _body(client.get(f"{url}?{query}")), (action, query)
    client.post(f"{_bulk('wagtailcore', 'page', 'delete')}?id=all&childOf={home.pk}")
    assert Page.objects.filter(pk=draft.pk).exists()

    client.force_login(world["librarian_a"])
    url = _bulk("wagtailcore", "page", "delete")
    assert DRAFT_A in _body(client.get(f"{url}?id=all&childOf={home.pk}"))


def test_bulk_confirmation_of_questions_shows_no_stem_to_outsiders(client, world):
    bank = make_bank(world["teacher_a"], name="Ngân hàng riêng")
    question = make_question(bank, parsed=parsed_single(stem=STEM), approve=True)
    for role in ("librarian_a", "teacher_b", "board_b", "school_admin_b"):
        client.force_login(world[role])
        for action in ("delete", "export_questions", "tag_questions", "approve_questions"):
            url = _bulk("question_bank", "question", action)
            for query in ("id=all", f"id={question.pk}"):
                assert STEM not in _body(client.get(f"{url}?{query}")), (role, action, query)

    client.force_login(world["teacher_a"])
    assert STEM in _body(client.get(f"{_bulk('question_bank', 'question', 'delete')}?id=all"))


# --- finding 6: choosers and form fields ----------------------------------------------------
def test_library_item_chooser_offers_only_what_the_user_may_choose(client, world):
    draft = make_item(world["teacher_a"], title=ITEM_A)
    school_only = make_item(world["librarian_a"], title=SCHOOL_ITEM_A, scope="school")
    library_item_publish(item=school_only, user=world["librarian_a"])
    public = make_item(world["librarian_a"], title=PUBLIC_ITEM_A, scope="public")
    library_item_publish(item=public, user=world["librarian_a"])
    choose = reverse("wagtailsnippetchoosers_content_libraryitem:choose")

    client.force_login(world["teacher_b"])
    html = client.get(choose).json()["html"].lower()
    assert PUBLIC_ITEM_A in html
    assert ITEM_A not in html and SCHOOL_ITEM_A not in html
    for item in (draft, school_only):
        chosen = reverse("wagtailsnippetchoosers_content_libraryitem:chosen", args=[item.pk])
        assert client.get(chosen).status_code == 404

    client.force_login(world["teacher_a"])
    html = client.get(choose).json()["html"].lower()
    assert ITEM_A in html and SCHOOL_ITEM_A in html and PUBLIC_ITEM_A in html


def test_class_and_takedown_choosers_offer_only_the_users_own(client, world):
    make_class(school=world["school_a"], name=CLASS_A)
    client.force_login(world["school_admin_b"])
    html = client.get(reverse("wagtailsnippetchoosers_accounts_schoolclass:choose")).json()["html"]
    assert CLASS_A.lower() not in html.lower()
    school_class = SchoolClass.objects.get(name=CLASS_A)
    chosen = reverse("wagtailsnippetchoosers_accounts_schoolclass:chosen", args=[school_class.pk])
    assert client.get(chosen).status_code == 404


def test_library_item_form_offers_and_accepts_only_the_users_schools(client, world):
    client.force_login(world["teacher_b"])
    html = client.get(reverse("wagtailsnippetchoosers_accounts_school:choose")).json()["html"]
    assert world["school_a"].name not in html and world["school_b"].name in html
    add = reverse("wagtailsnippets_content_libraryitem:add")
    data = {
        "title": "Tài liệu chuyển trường",
        "resource_type": "document",
        "language": "vi",
        "external_url": "https://example.edu.vn/x",
        "scope": "school",
        "licence": "CC-BY-NC-SA-4.0",
    }
    client.post(add, {**data, "school": world["school_a"].pk})
    assert not LibraryItem.objects.filter(school=world["school_a"]).exists()
    client.post(add, {**data, "school": world["school_b"].pk})
    assert LibraryItem.objects.filter(school=world["school_b"]).exists()


# --- finding 7: documents of another school's collection -----------------------------------
def _document(school, owner, title=DOC_A):
    return get_document_model().objects.create(
        title=title,
        file=ContentFile(b"%PDF-1.4 noi dung cua truong A", name="tai-lieu-a.pdf"),
        collection=school.collection,
        uploaded_by_user=owner,
    )


def test_another_schools_document_can_be_neither_edited_nor_replaced(
    client, world, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    document = _document(world["school_a"], world["teacher_a"])
    original = document.file.name
    edit = reverse("wagtaildocs:edit", args=[document.pk])
    for role in ("teacher_b", "librarian_b", "school_admin_b"):
        client.force_login(world[role])
        assert DOC_A not in _body(client.get(edit)), role
        client.post(
            edit,
            {
                "title": "Đã bị thay",
                "collection": world["school_a"].collection.pk,
                "file": ContentFile(b"%PDF-1.4 thay the", name="thay.pdf"),
            },
        )
        document.refresh_from_db()
        assert document.title == DOC_A and document.file.name == original, role
        listing = client.get(reverse("wagtaildocs:index"))
        assert DOC_A not in _body(listing), role
        chooser = client.get(reverse("wagtaildocs_chooser:choose"))
        assert DOC_A not in _body(chooser), role

    # Staff of the document's school still work with it
    client.force_login(world["librarian_a"])
    assert DOC_A in _body(client.get(edit))


def test_a_teacher_uploads_only_into_their_schools_collection(client, world):
    client.force_login(world["teacher_b"])
    html = client.get(reverse("wagtaildocs:add")).content.decode()
    assert world["school_a"].name not in html


# --- finding 8: reports, the explorer and the page chooser by id ---------------------------
def test_reports_show_no_foreign_draft(client, world):
    draft = _lesson(world["teacher_a"], world["school_a"], title=DRAFT_A, slug="nhap-a")
    draft.get_workflow().start(draft, world["teacher_a"])
    make_item(world["teacher_a"], title=ITEM_A, submit=True)
    for role in ("teacher_b", "librarian_b", "school_admin_b", "board_b"):
        client.force_login(world[role])
        for name in (
            "workflow",
            "workflow_tasks",
            "aging_pages",
            "page_types_usage",
            "site_history",
            "locked_pages",
        ):
            response = client.get(reverse(f"wagtailadmin_reports:{name}"))
            body = _body(response)
            assert DRAFT_A not in body and ITEM_A not in body, (role, name)


def test_explorer_and_page_chooser_by_id_show_no_foreign_draft(client, world):
    draft = _lesson(world["teacher_a"], world["school_a"], title=DRAFT_A, slug="nhap-a")
    client.force_login(world["teacher_b"])
    for url in (
        reverse("wagtailadmin_explore", args=[draft.pk]),
        reverse("wagtailadmin_choose_page_child", args=[draft.pk]),
        reverse("wagtailadmin_pages:history", args=[draft.pk]),
        reverse("wagtailadmin_pages:usage", args=[draft.pk]),
        reverse("wagtailadmin_pages:workflow_history", args=[draft.pk]),
        f"/admin/api/main/pages/{draft.pk}/",
        f"/admin/api/main/pages/?child_of={HomePage.objects.get().pk}",
    ):
        assert DRAFT_A not in _body(client.get(url)), url


def test_workflow_action_urls_flash_no_foreign_title(client, world):
    moderated = _lesson(world["teacher_a"], world["school_a"], title="Bài chờ duyệt", slug="cho")
    state = moderated.get_workflow().start(moderated, world["teacher_a"])
    task_state = state.current_task_state
    # A draft that is not in moderation: Wagtail's answer names it in a flash message
    draft = _lesson(world["teacher_a"], world["school_a"], title=DRAFT_A, slug="nhap-a")
    client.force_login(world["teacher_b"])
    for page in (moderated, draft):
        for url in (
            reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
            reverse(
                "wagtailadmin_pages:collect_workflow_action_data",
                args=[page.pk, "approve", task_state.pk],
            ),
            reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[page.pk]),
            reverse("wagtailadmin_pages:workflow_history_detail", args=[page.pk, state.pk]),
            reverse("wagtailadmin_pages:workflow_preview", args=[page.pk, task_state.task_id]),
        ):
            for method in (client.get, client.post):
                response = method(url, follow=True)
                assert DRAFT_A not in response.content.decode().lower(), url
    state.refresh_from_db()
    assert state.status == "in_progress"


# --- finding 9: the admin API's documents and images ---------------------------------------
def test_admin_api_lists_documents_of_the_users_collections_only(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    document = _document(world["school_a"], world["teacher_a"])
    for role in ("board_b", "teacher_b"):
        client.force_login(world[role])
        assert DOC_A not in _body(client.get("/admin/api/main/documents/")), role
        assert DOC_A not in _body(client.get(f"/admin/api/main/documents/{document.pk}/")), role
        assert client.get("/admin/api/main/images/").status_code in (200, 403, 404)
    client.force_login(world["teacher_a"])
    assert DOC_A in _body(client.get("/admin/api/main/documents/"))
