"""The library read through the selectors the pages and the API share, and collection
deletion decided once (``content.permissions.can_delete_collection``)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.models import Role
from content import permissions, selectors
from content.curation import library_item_publish
from content.library_models import LibraryCollection
from content.policy import LibraryCollectionPermissionPolicy
from tests.accounts.factories import make_school, make_user
from tests.content.library_helpers import make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    school = make_school()
    librarian = make_user(role=Role.LIBRARIAN, school=school)
    teacher = make_user(role=Role.TEACHER, school=school)
    items = {}
    for title, grades, kind in (
        ("Đề cương Toán 10", (10, 10), "document"),
        ("Sách giáo khoa Toán 11", (11, 11), "textbook"),
        ("Ôn tập Toán 10–12", (10, 12), "document"),
    ):
        item = make_item(
            librarian,
            title=title,
            scope="public",
            grade_min=grades[0],
            grade_max=grades[1],
            resource_type=kind,
        )
        library_item_publish(item=item, user=librarian)
        items[title] = item
    draft = make_item(teacher, title="Bản nháp của giáo viên", scope="public")
    return {"librarian": librarian, "teacher": teacher, "items": items, "draft": draft}


def test_the_page_filters_and_the_api_list_the_same_items(client, library):
    expected = [
        i.pk
        for i in selectors.library_items(user=AnonymousUser(), grade=10).order_by(
            *selectors.LIBRARY_ORDER
        )
    ]
    items = library["items"]
    assert set(expected) == {items["Đề cương Toán 10"].pk, items["Ôn tập Toán 10–12"].pk}
    api = client.get("/api/v1/library/items", {"grade": 10}).json()["items"]
    assert [row["id"] for row in api] == expected
    books = selectors.library_items(user=AnonymousUser(), resource_type="textbook")
    assert list(books) == [items["Sách giáo khoa Toán 11"]]


def test_a_draft_is_opened_by_its_author_only(client, library):
    draft = library["draft"]
    assert selectors.library_item_detail(user=AnonymousUser(), item_id=draft.pk) is None
    other = make_user(role=Role.TEACHER, school=make_school())
    assert selectors.library_item_detail(user=other, item_id=draft.pk) is None
    mine = selectors.library_item_detail(user=library["teacher"], item_id=draft.pk)
    assert mine == draft
    assert client.get(f"/api/v1/library/items/{draft.pk}").status_code == 404
    assert selectors.library_item_detail(user=AnonymousUser(), item_id=10**9) is None


@pytest.mark.parametrize(
    "role, superuser, may_delete",
    [
        (Role.DEPARTMENT_ADMIN, False, True),
        (Role.TEACHER, True, True),
        (Role.LIBRARIAN, False, False),
        (Role.SCHOOL_ADMIN, False, False),
        (Role.TEACHER, False, False),
        (Role.STUDENT, False, False),
    ],
)
def test_collection_deletion_by_role(role, superuser, may_delete):
    user = make_user(role=role, school=make_school())
    if superuser:
        user.is_superuser = True
        user.save(update_fields=["is_superuser"])
    assert permissions.can_delete_collection(user) is may_delete
    policy = LibraryCollectionPermissionPolicy(LibraryCollection)
    assert policy.user_has_permission(user, "delete") is may_delete


def test_anonymous_visitors_never_delete_collections():
    assert not permissions.can_delete_collection(AnonymousUser())
