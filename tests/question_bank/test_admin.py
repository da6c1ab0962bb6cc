"""The question bank admin: filtered listing, student-view preview, bulk actions, duplicate warnings."""

import pytest

from accounts.models import Role
from question_bank.formats.base import Choice, ParsedQuestion, QType
from question_bank.models import Question, Status
from tests.accounts.factories import make_school, make_user
from tests.question_bank.factories import make_bank, make_question, make_reviewer, parsed_single

pytestmark = pytest.mark.django_db
LIST = "/admin/snippets/question_bank/question/"


@pytest.fixture
def ctx():
    school = make_school()
    teacher = make_user(role=Role.TEACHER, school=school)
    leader = make_reviewer(make_user(role=Role.TEACHER, school=school))
    bank = make_bank(teacher, scope="school")
    other_bank = make_bank(teacher, name="Ngân hàng Vật lí", scope="school")
    tf = ParsedQuestion(
        qtype=QType.TRUE_FALSE,
        stem="<p>Cho phản ứng tạo H<sub>2</sub>SO<sub>4</sub>. Xét các mệnh đề:</p>",
        choices=[Choice(text=f"Mệnh đề {i}", correct=i % 2 == 0) for i in range(4)],
        part=2,
        level="biet",
    )
    q_single = make_question(bank, teacher)
    q_tf = make_question(bank, teacher, tf, approve=True)
    return locals()


def test_listing_filters(client, ctx):
    client.force_login(ctx["teacher"])
    html = client.get(LIST, {"qtype": "true_false"}).content.decode()
    assert "H<sub>2</sub>SO" not in html  # titles are plain text
    assert "Cho phản ứng tạo H2SO4" in html and "Đạo hàm" not in html
    html = client.get(LIST, {"status": Status.DRAFT}).content.decode()
    assert "Đạo hàm" in html and "Cho phản ứng" not in html
    level = ctx["q_tf"].level
    html = client.get(LIST, {"level": level.pk}).content.decode()
    assert "Cho phản ứng" in html and "Đạo hàm" not in html
    html = client.get(LIST, {"bank": ctx["other_bank"].pk}).content.decode()
    assert "Cho phản ứng" not in html
    html = client.get(LIST, {"author": ctx["teacher"].username}).content.decode()
    assert "Cho phản ứng" in html


def test_student_view_preview_and_key(client, ctx):
    client.force_login(ctx["teacher"])
    url = f"/admin/ngan-hang-cau-hoi/cau-hoi/{ctx['q_tf'].pk}/xem/"
    html = client.get(url).content.decode()
    assert "vendor/katex/katex.min.js" in html
    assert "H<sub>2</sub>SO<sub>4</sub>" in html and "Đúng" in html and 'class="key"' not in html
    keyed = client.get(url, {"key": "1"}).content.decode()
    assert "a) Đ; b) S; c) Đ; d) S" in keyed
    student = make_user(role=Role.STUDENT, school=ctx["school"])
    client.force_login(student)
    assert client.get(url).status_code in (302, 403, 404)


def test_bulk_approve_tag_move(client, ctx):
    q = ctx["q_single"]
    client.force_login(ctx["teacher"])
    # A teacher who is not a reviewer gets nothing approved.
    client.post(f"/admin/bulk/question_bank/question/approve_questions/?next={LIST}&id={q.pk}")
    q.refresh_from_db()
    assert q.status == Status.DRAFT
    response = client.post(
        f"/admin/bulk/question_bank/question/tag_questions/?next={LIST}&id={q.pk}&id={ctx['q_tf'].pk}",
        {"tags": "đề giữa kì, lớp 12"},
    )
    assert response.status_code == 302
    assert {t.name for t in q.tags.all()} >= {"đề giữa kì", "lớp 12"}
    client.post(
        f"/admin/bulk/question_bank/question/move_questions/?next={LIST}&id={q.pk}",
        {"bank": ctx["other_bank"].pk},
    )
    q.refresh_from_db()
    assert q.bank_id == ctx["other_bank"].pk
    client.force_login(ctx["leader"])
    client.post(f"/admin/bulk/question_bank/question/approve_questions/?next={LIST}&id={q.pk}")
    q.refresh_from_db()
    assert q.status == Status.APPROVED and q.versions.count() == 1


def test_duplicate_warning_on_create(client, ctx):
    client.force_login(ctx["teacher"])
    make_question(ctx["bank"], ctx["teacher"], parsed_single(stem="Đạo  hàm của \\(y = x^2\\) là!"))
    dup = Question.objects.order_by("-pk").first()
    ctx["q_single"].refresh_from_db()
    html = client.get(LIST, {"duplicates": "true"}).content.decode()
    assert f"{dup}" in html
    assert dup.fingerprint == ctx["q_single"].fingerprint
