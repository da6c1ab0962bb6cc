"""Issue 15, finding 9 (search part): the "did you mean" of the search page and API comes
from a vocabulary of what the asker may see. Words that exist only in a confidential pool
or a private bank are never offered, to anonymous visitors, students or other teachers;
words of a public lesson are."""

import pytest

from accounts.models import Role
from content.models import HomePage, LessonPage
from search.maintenance import rebuild
from search.models import SearchTerm
from tests.accounts.factories import make_school, make_user
from tests.question_bank.factories import make_bank, make_question, parsed_single

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]

API = "/api/v1/search/"

PUBLIC_WORD = "zenthaliq"  # in a public lesson
SECRET_WORD = "xylofoniq"  # only in the confidential pool
PRIVATE_WORD = "quorvamix"  # only in a teacher's private bank
NEAR_PUBLIC = "zenthalik"  # a private word one letter from the public one
LATER_SECRET = "vexomirat"  # a confidential word indexed after the rebuild


@pytest.fixture
def world():
    school_a, school_b = make_school(), make_school()
    people = {
        "teacher_a": make_user(role=Role.TEACHER, school=school_a),
        "outsider": make_user(role=Role.TEACHER, school=school_b),
        "student": make_user(role=Role.STUDENT, school=school_a),
        "board": make_user(role=Role.EXAM_BOARD, school=school_b),
    }
    home = HomePage.objects.get()
    lesson = LessonPage(
        title=f"Bài học {PUBLIC_WORD}", slug="bai-hoc-cong-khai", scope="public", grade=10
    )
    home.add_child(instance=lesson)
    lesson.save_revision().publish()

    pool = make_bank(people["board"], name="Kho đề thi", confidential=True)
    make_question(pool, parsed=parsed_single(stem=f"Câu hỏi {SECRET_WORD}"), approve=True)
    own = make_bank(people["teacher_a"], name="Ngân hàng riêng")
    make_question(own, parsed=parsed_single(stem=f"Câu hỏi {PRIVATE_WORD}"), approve=True)
    make_question(own, parsed=parsed_single(stem=f"Câu hỏi {NEAR_PUBLIC}"), approve=True)
    rebuild()
    people["pool"] = pool
    return people


def suggestion(client, q: str) -> str:
    response = client.get(API, {"q": q})
    assert response.status_code == 200, response.content.decode()
    return response.json()["suggestion"]


def titles(client, q: str) -> set[str]:
    return {hit["title"] for hit in client.get(API, {"q": q}).json()["hits"]}


@pytest.mark.parametrize("who", [None, "student", "outsider"])
def test_words_of_confidential_or_private_questions_are_never_suggested(client, world, who):
    if who:
        client.force_login(world[who])
    # A public lesson's word is offered for a typo of it
    assert suggestion(client, "zenthalix") == PUBLIC_WORD
    # The pool's and the private bank's words are not
    assert SECRET_WORD not in suggestion(client, "xylofonix")
    assert PRIVATE_WORD not in suggestion(client, "quorvamiz")
    # A word the asker may not see is not "known" either: it is corrected like a typo
    assert suggestion(client, NEAR_PUBLIC) == PUBLIC_WORD


def test_a_confidential_word_indexed_later_is_not_suggested(
    client, world, django_capture_on_commit_callbacks
):
    # Indexed through the signals (document_sync), not the rebuild
    with django_capture_on_commit_callbacks(execute=True):
        make_question(world["pool"], parsed=parsed_single(stem=f"Câu {LATER_SECRET}"), approve=True)
    assert SearchTerm.objects.filter(word=LATER_SECRET).exists()
    assert LATER_SECRET not in suggestion(client, "vexomiras")
    client.force_login(world["outsider"])
    assert LATER_SECRET not in suggestion(client, "vexomiras")


def test_the_owner_still_finds_a_private_question_by_its_own_word(client, world):
    # Not in the shared vocabulary, so corrected to the public word, but still searched
    # as typed: the owner's own question is found.
    client.force_login(world["teacher_a"])
    assert f"Câu hỏi {NEAR_PUBLIC}" in titles(client, NEAR_PUBLIC)
    assert f"Câu hỏi {PRIVATE_WORD}" in titles(client, PRIVATE_WORD)
