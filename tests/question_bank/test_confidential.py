"""Confidential exam-board pools never reach anyone outside the board, through any door:
the admin list, its search, the preview, the JSON API, exports and bulk actions."""

import pytest

from accounts.models import Role
from tests.accounts.factories import make_school, make_user
from tests.question_bank.factories import make_bank, make_question, make_reviewer, parsed_single

pytestmark = pytest.mark.django_db

SECRET = "Bí mật đề thi học kì: tính tích phân \\(\\int_0^1 7x\\,dx\\)"
SHARED = "Câu hỏi chia sẻ trong trường về đạo hàm"


@pytest.fixture
def world():
    school = make_school()
    board_member = make_user(role=Role.EXAM_BOARD, school=school)
    outsider = make_reviewer(make_user(role=Role.TEACHER, school=school))
    admin = make_user(role=Role.SCHOOL_ADMIN, school=school)
    superuser = make_user(role=Role.DEPARTMENT_ADMIN, school=None)
    superuser.is_superuser = superuser.is_staff = True
    superuser.save()
    pool = make_bank(board_member, name="Kho đề thi HK1", confidential=True)
    shared = make_bank(board_member, name="Ngân hàng tổ Toán", scope="school")
    secret_q = make_question(pool, parsed=parsed_single(stem=SECRET), approve=True)
    shared_q = make_question(shared, parsed=parsed_single(stem=SHARED), approve=True)
    return locals()


def _outsiders(world):
    return [world["outsider"], world["admin"], world["superuser"]]


def test_admin_list_and_search(client, world):
    for user in _outsiders(world):
        client.force_login(user)
        listing = client.get("/admin/snippets/question_bank/question/")
        assert listing.status_code == 200
        html = listing.content.decode()
        assert "Bí mật đề thi" not in html
        found = client.get(
            "/admin/snippets/question_bank/question/", {"q": "tích phân"}
        ).content.decode()
        assert "Bí mật đề thi" not in found
        for url in (
            f"/admin/snippets/question_bank/question/edit/{world['secret_q'].pk}/",
            f"/admin/snippets/question_bank/question/inspect/{world['secret_q'].pk}/",
        ):
            assert client.get(url).status_code in (403, 404), (user, url)
        banks = client.get("/admin/snippets/question_bank/questionbank/").content.decode()
        assert "Kho đề thi HK1" not in banks
    client.force_login(world["board_member"])
    html = client.get(
        "/admin/snippets/question_bank/question/", {"q": "tích phân"}
    ).content.decode()
    assert "Bí mật đề thi" in html


def test_shared_question_visible_to_school_colleague(client, world):
    client.force_login(world["outsider"])
    html = client.get("/admin/snippets/question_bank/question/").content.decode()
    assert SHARED in html


def test_api(client, world):
    for user in _outsiders(world):
        client.force_login(user)
        items = client.get("/api/v1/question-bank/questions").json()["items"]
        ids = {q["id"] for q in items}
        assert world["secret_q"].pk not in ids and world["shared_q"].pk in ids
        assert (
            client.get(f"/api/v1/question-bank/questions/{world['secret_q'].pk}").status_code == 404
        )
        searched = client.get("/api/v1/question-bank/questions", {"q": "bi mat de thi"}).json()[
            "items"
        ]
        assert world["secret_q"].pk not in {q["id"] for q in searched}
        banks = {b["name"] for b in client.get("/api/v1/question-bank/banks").json()["items"]}
        assert "Kho đề thi HK1" not in banks
    client.force_login(world["board_member"])
    searched = client.get("/api/v1/question-bank/questions", {"q": "bi mat de thi"}).json()["items"]
    assert world["secret_q"].pk in {q["id"] for q in searched}
    detail = client.get(f"/api/v1/question-bank/questions/{world['secret_q'].pk}").json()
    assert detail["choices"][0]["correct"] is True


def test_students_and_anonymous_get_nothing(client, world):
    student = make_user(role=Role.STUDENT, school=world["school"])
    client.force_login(student)
    assert client.get("/api/v1/question-bank/questions").json()["items"] == []
    client.logout()
    assert client.get("/api/v1/question-bank/questions").status_code == 401


def test_export_view_and_bulk_export(client, world):
    secret_id = world["secret_q"].pk
    for user in _outsiders(world):
        client.force_login(user)
        response = client.get(
            "/admin/ngan-hang-cau-hoi/xuat/", {"format": "moodle_xml", "ids": str(secret_id)}
        )
        assert response.status_code == 404
        response = client.get(
            "/admin/ngan-hang-cau-hoi/xuat/", {"format": "moodle_xml", "bank": world["pool"].pk}
        )
        assert response.status_code == 404
        bulk = client.post(
            "/admin/bulk/question_bank/question/export_questions/"
            f"?next=/admin/&id={secret_id}&id={world['shared_q'].pk}",
            {"format": "moodle_xml"},
        )
        if bulk.status_code == 200 and bulk["Content-Type"].startswith("application/xml"):
            body = bulk.content.decode()
            assert "Bí mật" not in body and "chia sẻ" in body
        else:
            assert bulk.status_code in (302, 403, 404)
    client.force_login(world["board_member"])
    response = client.get(
        "/admin/ngan-hang-cau-hoi/xuat/", {"format": "moodle_xml", "ids": str(secret_id)}
    )
    assert response.status_code == 200
    assert "Bí mật đề thi" in response.content.decode()


@pytest.mark.search
def test_search_engine_filters_by_permission(world):
    """On OpenSearch the permission filter is part of the query, so a confidential question
    that matches the words best is still never returned to an outsider."""
    from wagtail.search.backends import get_search_backend

    from common.textsearch import vietnamese_query
    from question_bank import permissions
    from question_bank.models import Question

    backend = get_search_backend("engine")
    index = backend.get_index_for_model(Question)
    index.reset()
    index.add_model(Question)
    backend.add_bulk(Question, list(Question.objects.all()))
    index.refresh()
    try:
        for text in ("tích phân", "tich phan", "câu hỏi"):
            outsider = backend.search(
                vietnamese_query(text), permissions.visible_questions(world["outsider"])
            )
            assert world["secret_q"].pk not in {q.pk for q in outsider}
        member = backend.search(
            vietnamese_query("tich phan"), permissions.visible_questions(world["board_member"])
        )
        assert world["secret_q"].pk in {q.pk for q in member}
        shared = backend.search(
            vietnamese_query("dao ham"), permissions.visible_questions(world["outsider"])
        )
        assert world["shared_q"].pk in {q.pk for q in shared}
    finally:
        index.reset()


def test_cached_bank_ids_follow_membership_and_sharing(world):
    """The bank ids behind every question rule are cached; each change of who sees a bank
    shows at once, with no query to the banks while nothing changed."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from question_bank.permissions import visible_questions

    outsider, pool, shared = world["outsider"], world["pool"], world["shared"]
    seen = lambda: set(visible_questions(outsider).values_list("pk", flat=True))  # noqa: E731
    assert seen() == {world["shared_q"].pk}
    with CaptureQueriesContext(connection) as queries:
        seen()
    assert len(queries) == 1  # the questions only: the bank ids came from the cache
    pool.members.add(outsider)
    assert seen() == {world["shared_q"].pk, world["secret_q"].pk}
    pool.members.remove(outsider)
    assert seen() == {world["shared_q"].pk}
    shared.confidential = True
    shared.save()
    assert seen() == set()
    shared.confidential = False
    shared.save()
    outsider.school = make_school()
    outsider.save()
    assert seen() == set()  # another school: the school bank is out of reach
