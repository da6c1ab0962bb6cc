"""Issue 15, findings 4 and 10: a page embeds only questions its editor may choose, the
answer endpoint serves only questions of pages the requester may view, and keys and
solutions are revealed by the block's policy (a correct answer, or the set number of
tries), never after any wrong answer."""

import json

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from accounts.models import Role
from content.models import ELecturePage, HomePage, LessonPage
from lms.models import LearningEvent
from tests.accounts.factories import make_school, make_user
from tests.content.test_pages import SOLUTION, approved_question, listblock, publish_under

pytestmark = pytest.mark.django_db

KEY = "A. 2x"
WRONG, RIGHT = 2, 0


@pytest.fixture
def world():
    school_a, school_b = make_school(), make_school()
    owner = make_user(role=Role.TEACHER, school=school_a)
    return {
        "school_a": school_a,
        "school_b": school_b,
        "owner": owner,  # owns the private bank of ``secret``
        "foreign": make_user(role=Role.TEACHER, school=school_b),
        "librarian_a": make_user(role=Role.LIBRARIAN, school=school_a),
        "student": make_user(role=Role.STUDENT, school=school_a),
        "secret": approved_question(owner),  # approved, in a private bank
    }


def add_url(model, parent) -> str:
    return reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )


def lesson_data(body, **fields) -> dict:
    data = {
        "title": "Bài học thử",
        "slug": "bai-hoc-thu",
        "summary": "",
        "body": streamfield(body),
        "scope": "public",
        "licence": "CC-BY-4.0",
    }
    data.update(fields)
    return nested_form_data(data)


def electure_data(question_pk, **fields) -> dict:
    section = {
        "title": "Khái niệm",
        "video": {"url": "https://youtu.be/dQw4w9WgXcQ", "file": "", "caption": ""},
        "slides_pdf": "",
        "slide_images": listblock([]),
        "notes": rich_text(""),
        "checkpoints": listblock(
            [
                {
                    "question": question_pk,
                    "after_slide": "",
                    "at_second": "",
                    "reveal_after_attempts": "2",
                }
            ]
        ),
    }
    data = {
        "title": "Bài giảng thử",
        "slug": "bai-giang-thu",
        "summary": "",
        "objectives": rich_text(""),
        "duration_minutes": "15",
        "sections": streamfield([("section", section)]),
        "scope": "public",
        "licence": "CC-BY-4.0",
    }
    data.update(fields)
    return nested_form_data(data)


def practice(question, **settings) -> tuple:
    value = {"question": question.pk, "show_solution": "1", "reveal_after_attempts": "2"}
    value.update(settings)
    return ("question", value)


def form_errors(response) -> str:
    """Every message the page form shows, as text."""
    form = response.context["form"]
    found = []

    def walk(error):
        children = getattr(error, "block_errors", None) or {}
        if isinstance(children, list):
            children = dict(enumerate(children))
        for child in children.values():
            if child is not None:
                walk(child)
        for child in getattr(error, "non_block_errors", None) or []:
            walk(child)
        if not children and not getattr(error, "non_block_errors", None):
            found.extend(error.messages)

    for errors in form.errors.as_data().values():
        for error in errors:
            walk(error)
    return " | ".join(found)


def check(client, version, page, response, **extra):
    return client.post(
        reverse("question_check", args=[version.pk]),
        data=json.dumps({"response": response, "page": page.pk, **extra}),
        content_type="application/json",
    )


def lesson_with(question, *, reveal_after=2, show_solution=True, slug="dao-ham", **fields):
    return publish_under(
        HomePage.objects.first(),
        LessonPage(
            title="Đạo hàm",
            slug=slug,
            scope=fields.pop("scope", "public"),
            body=[
                (
                    "question",
                    {
                        "question": question,
                        "show_solution": show_solution,
                        "reveal_after_attempts": reveal_after,
                    },
                )
            ],
            **fields,
        ),
    )


def electure_with(question, *, reveal_after=2):
    sections = [
        (
            "section",
            {
                "title": "Khái niệm",
                "video": {"url": "https://youtu.be/dQw4w9WgXcQ", "file": None, "caption": ""},
                "checkpoints": [
                    {
                        "question": question,
                        "after_slide": None,
                        "at_second": None,
                        "reveal_after_attempts": reveal_after,
                    }
                ],
            },
        )
    ]
    return publish_under(
        HomePage.objects.first(),
        ELecturePage(title="Bài giảng", slug="bai-giang", scope="public", sections=sections),
    )


# --- finding 4: embedding is checked on save ------------------------------------------------
def test_a_foreign_teacher_cannot_save_a_lesson_embedding_a_private_bank_question(client, world):
    # Given an approved question in school A's teacher's private bank
    secret = world["secret"]
    client.force_login(world["foreign"])
    home = HomePage.objects.get()

    # When a teacher of school B posts a new lesson naming it (as a crafted POST would)
    response = client.post(add_url(LessonPage, home), lesson_data([practice(secret)]))

    # Then the form is shown again with a Vietnamese error naming the block and question
    assert response.status_code == 200
    message = form_errors(response)
    assert f"câu hỏi số {secret.pk}" in message and "Khối 1" in message, message
    # and nothing was saved
    assert not LessonPage.objects.filter(slug="bai-hoc-thu").exists()


def test_a_foreign_teacher_cannot_add_the_question_to_an_existing_lesson(client, world):
    foreign = world["foreign"]
    page = LessonPage(
        title="Nháp", slug="nhap", scope="school", school=world["school_b"], live=False
    )
    page.owner = foreign
    HomePage.objects.get().add_child(instance=page)
    page.save_revision(user=foreign)
    revisions = page.revisions.count()
    client.force_login(foreign)

    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        lesson_data([practice(world["secret"])], title="Nháp", slug="nhap", scope="school"),
    )

    assert response.status_code == 200
    assert f"câu hỏi số {world['secret'].pk}" in form_errors(response)
    assert page.revisions.count() == revisions
    page.refresh_from_db()
    assert not any(b.block_type == "question" for b in page.get_latest_revision_as_object().body)


def test_a_foreign_teacher_cannot_embed_it_as_an_e_lecture_checkpoint(client, world):
    client.force_login(world["foreign"])
    home = HomePage.objects.get()

    response = client.post(add_url(ELecturePage, home), electure_data(world["secret"].pk))

    assert response.status_code == 200
    message = form_errors(response)
    assert f"câu hỏi số {world['secret'].pk}" in message and "Phần 1" in message, message
    assert not ELecturePage.objects.filter(slug="bai-giang-thu").exists()


def test_the_question_owner_may_embed_it(client, world):
    client.force_login(world["owner"])
    home = HomePage.objects.get()

    response = client.post(add_url(LessonPage, home), lesson_data([practice(world["secret"])]))

    assert response.status_code == 302, form_errors(response)
    assert LessonPage.objects.filter(slug="bai-hoc-thu").exists()


def test_a_curator_may_save_a_page_whose_question_a_colleague_embedded(client, world):
    # Given school A's lesson in which its author embedded a question of her bank
    owner = world["owner"]
    page = LessonPage(
        title="Bài của cô",
        slug="bai-cua-co",
        scope="school",
        school=world["school_a"],
        body=[("question", {"question": world["secret"], "show_solution": True})],
    )
    page.owner = owner
    HomePage.objects.get().add_child(instance=page)
    page.save_revision(user=owner)
    other = approved_question(owner)
    # When school A's librarian (who may choose no question) edits the page
    client.force_login(world["librarian_a"])
    edit = f"/admin/pages/{page.pk}/edit/"
    kept = lesson_data(
        [practice(world["secret"])], title="Bài của cô (sửa)", slug="bai-cua-co", scope="school"
    )
    # Then the question already in the page stays
    response = client.post(edit, kept)
    assert response.status_code == 302, form_errors(response)
    page = LessonPage.objects.get(pk=page.pk)
    assert page.get_latest_revision_as_object().title == "Bài của cô (sửa)"
    # but the librarian cannot add another one
    added = lesson_data(
        [practice(world["secret"]), practice(other)], title="X", slug="bai-cua-co", scope="school"
    )
    response = client.post(edit, added)
    assert response.status_code == 200
    assert f"câu hỏi số {other.pk}" in form_errors(response)
    assert f"câu hỏi số {world['secret'].pk}" not in form_errors(response)


# --- finding 4: the answer endpoint ---------------------------------------------------------
def test_a_question_planted_in_a_draft_before_the_fix_cannot_be_answered(client, world):
    # Given a draft its foreign author saved before pages were checked (made in code here)
    foreign, secret = world["foreign"], world["secret"]
    page = LessonPage(
        title="Nháp",
        slug="nhap-cu",
        scope="school",
        school=world["school_b"],
        live=False,
        body=[("question", {"question": secret, "show_solution": True})],
    )
    page.owner = foreign
    HomePage.objects.get().add_child(instance=page)
    page.save_revision(user=foreign)
    client.force_login(foreign)

    # When its author posts an answer to the question through the page
    response = check(client, secret.versions.get(), page, WRONG)

    # Then the question does not exist for them: no stem check, no key
    assert response.status_code == 404


def test_the_endpoint_serves_only_questions_of_viewable_pages_live_content(client, world):
    secret, student = world["secret"], world["student"]
    version = secret.versions.get()
    page = lesson_with(secret, owner=world["owner"])
    other = approved_question(world["owner"])
    # A draft of the live page adds another question: not live, so not for students
    draft = page.get_latest_revision_as_object()
    draft.body = [
        *[(b.block_type, b.value) for b in draft.body],
        ("question", {"question": other, "show_solution": True}),
    ]
    draft.save_revision(user=world["owner"])
    client.force_login(student)
    assert check(client, other.versions.get(), page, RIGHT).status_code == 404
    assert check(client, version, page, RIGHT).status_code == 200
    # The author previews the draft and may try it
    client.force_login(world["owner"])
    assert check(client, other.versions.get(), page, RIGHT).status_code == 200
    # A page of another school, not viewable: 404
    hidden = lesson_with(secret, slug="an", scope="school", school=world["school_b"])
    client.force_login(student)
    assert check(client, version, hidden, RIGHT).status_code == 404
    home = Page.objects.get(pk=HomePage.objects.get().pk)
    assert check(client, version, home, RIGHT).status_code == 404


# --- finding 10: keys by policy -------------------------------------------------------------
def test_an_anonymous_wrong_answer_gets_no_key_or_solution(client, world):
    page = lesson_with(world["secret"], reveal_after=3)
    version = world["secret"].versions.get()

    reply = check(client, version, page, WRONG).json()

    assert reply["correct"] is False
    assert reply["key"] == "" and reply["solution_html"] == ""
    assert reply["retry_left"] == 2
    assert SOLUTION not in json.dumps(reply, ensure_ascii=False)


def test_a_correct_answer_gets_the_key_and_solution(client, world):
    page = lesson_with(world["secret"])
    reply = check(client, world["secret"].versions.get(), page, RIGHT).json()
    assert reply["correct"] is True and reply["key"] == KEY
    assert reply["solution_html"] == f"<p>{SOLUTION}</p>" and reply["retry_left"] is None


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_solution_shows_after_the_set_number_of_wrong_tries(client, world, signed_in):
    page = lesson_with(world["secret"], reveal_after=3)
    version = world["secret"].versions.get()
    if signed_in:
        client.force_login(world["student"])

    replies = [check(client, version, page, WRONG).json() for _ in range(3)]

    assert [r["retry_left"] for r in replies] == [2, 1, None]
    assert [r["key"] for r in replies] == ["", "", KEY]
    assert replies[2]["solution_html"] == f"<p>{SOLUTION}</p>"
    # Counted per person: another visitor starts again.
    client.logout()
    other = client.__class__()
    if signed_in:
        other.force_login(make_user(role=Role.STUDENT, school=world["school_a"]))
    assert check(other, version, page, WRONG).json()["key"] == ""


def test_signed_in_tries_are_counted_from_the_learning_events(client, world):
    page = lesson_with(world["secret"], reveal_after=2)
    version = world["secret"].versions.get()
    student = world["student"]
    client.force_login(student)
    assert check(client, version, page, WRONG).json()["key"] == ""
    assert LearningEvent.objects.filter(user=student, kind="question_answered").count() == 1
    # A new session (another device) continues the count.
    client.logout()
    client.force_login(student)
    assert check(client, version, page, WRONG).json()["key"] == KEY


def test_a_teacher_who_keeps_the_solution_back_never_reveals_it(client, world):
    page = lesson_with(world["secret"], show_solution=False)
    version = world["secret"].versions.get()
    replies = [check(client, version, page, r).json() for r in (WRONG, WRONG, WRONG, RIGHT)]
    assert all(r["key"] == "" and r["solution_html"] == "" for r in replies)
    assert all(r["retry_left"] is None for r in replies)


def test_e_lecture_checkpoints_follow_the_same_policy(client, world):
    page = electure_with(world["secret"], reveal_after=2)
    version = world["secret"].versions.get()
    client.force_login(world["student"])

    first = check(client, version, page, WRONG, section=0).json()
    assert first["key"] == "" and first["solution_html"] == "" and first["retry_left"] == 1
    second = check(client, version, page, WRONG, section=0).json()
    assert second["key"] == KEY and second["solution_html"] == f"<p>{SOLUTION}</p>"

    # Another student who answers right at once sees it.
    client.force_login(make_user(role=Role.STUDENT, school=world["school_a"]))
    assert check(client, version, page, RIGHT, section=0).json()["key"] == KEY


def test_nobody_who_cannot_view_the_page_gets_a_key(client, world):
    hidden = lesson_with(world["secret"], scope="school", school=world["school_a"], slug="an")
    version = world["secret"].versions.get()
    # Anonymous and a student of another school: the page does not exist for them.
    assert check(client, version, hidden, RIGHT).status_code == 404
    client.force_login(make_user(role=Role.STUDENT, school=world["school_b"]))
    assert check(client, version, hidden, RIGHT).status_code == 404
