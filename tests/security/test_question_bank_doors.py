"""Doors of the question bank's admin (issue 15, findings 3, 5, 6, 9 and 13): bulk-action
confirmation pages, destructive actions on banks, matrices and stimuli, the bank, stimulus
and matrix choosers, the question and bank forms' foreign keys and people pickers, the tag
autocomplete, and a teacher creating a bank."""

import pytest
from django.core.exceptions import PermissionDenied

from accounts.models import Role
from curriculum.models import Subject
from question_bank import services
from question_bank.assembly import services as assembly_services
from question_bank.assembly.models import ExamMatrix
from question_bank.formats.base import ParsedGroup
from question_bank.models import Question, QuestionBank, Stimulus
from question_bank.scales import CognitiveScale
from tests.accounts.factories import make_school, make_user
from tests.question_bank.factories import make_bank, make_question, parsed_single

pytestmark = pytest.mark.django_db

SECRET_STEM = "xmkqbsecretstem"
PRIVATE_STEM = "xmkqbprivatestem"
SECRET_PASSAGE = "xmkqbsecretpassage"
SECRET_TAG = "xmkqbsecrettag"
POOL = "xmkqbpool"
PRIVATE_BANK = "xmkqbprivatebank"
SCHOOL_BANK = "xmkqbschoolbank"
BOARD_MATRIX = "xmkqbboardmatrix"
COLLEAGUE_MATRIX = "xmkqbcolleaguematrix"
STUDENT_NAME = "Học Sinh Xmkqbstudent"
OTHER_SCHOOL_NAME = "Giáo Viên Xmkqbotherschool"
COLLEAGUE_NAME = "Giáo Viên Xmkqbcolleague"
MARKERS = (SECRET_STEM, PRIVATE_STEM, SECRET_PASSAGE, POOL, PRIVATE_BANK, BOARD_MATRIX)


@pytest.fixture
def world():
    school, other_school = make_school(), make_school()
    board = make_user(role=Role.EXAM_BOARD, school=school)
    owner = make_user(role=Role.TEACHER, school=school)
    colleague = make_user(role=Role.TEACHER, school=school, full_name=COLLEAGUE_NAME)
    student = make_user(role=Role.STUDENT, school=school, full_name=STUDENT_NAME)
    outsider = make_user(role=Role.TEACHER, school=other_school, full_name=OTHER_SCHOOL_NAME)
    librarian = make_user(role=Role.LIBRARIAN, school=other_school)
    subject, _ = Subject.objects.get_or_create(code="toan", defaults={"name": "Toán"})

    pool = make_bank(board, name=POOL, subject=subject, confidential=True)
    secret_q = make_question(pool, parsed=parsed_single(stem=SECRET_STEM), approve=True)
    services.questions_tag(questions=[secret_q], tags=[SECRET_TAG], user=board)
    passage = services.stimulus_create(
        group=ParsedGroup(key="g", title="", stimulus=f"<p>{SECRET_PASSAGE}</p>"), bank=pool
    )
    private = make_bank(owner, name=PRIVATE_BANK)
    private_q = make_question(private, parsed=parsed_single(stem=PRIVATE_STEM))
    # A school bank the colleague works in as a member: they may not delete it.
    school_bank = make_bank(owner, name=SCHOOL_BANK, scope="school", members=[colleague])
    board_matrix = assembly_services.matrix_create_from_template(
        user=board, template="thpt2025-toan", subject=subject, grade=12, title=BOARD_MATRIX
    )
    board_matrix.confidential = True
    board_matrix.save()
    board_matrix.banks.set([pool])
    colleague_matrix = assembly_services.matrix_create_from_template(
        user=owner, template="thpt2025-toan", subject=subject, grade=12, title=COLLEAGUE_MATRIX
    )
    return locals()


def _text(response) -> str:
    return response.content.decode() if response.status_code == 200 else ""


BULK = "/admin/bulk/question_bank/{model}/{action}/?next=/admin/&{ids}"
QUESTION_ACTIONS = (
    "delete",
    "approve_questions",
    "submit_questions",
    "tag_questions",
    "move_questions",
    "export_questions",
)


def test_bulk_confirmation_pages_show_nothing_of_others(client, world):
    """``id=all`` and foreign ids: no stem of the confidential pool or a private bank, no
    name of a confidential bank, matrix or passage, not even as "no permission"."""
    foreign = f"id={world['secret_q'].pk}&id={world['private_q'].pk}"
    urls = [
        BULK.format(model="question", action=action, ids=ids)
        for action in QUESTION_ACTIONS
        for ids in ("id=all", foreign)
    ]
    urls += [
        BULK.format(model="questionbank", action="delete", ids="id=all"),
        BULK.format(model="questionbank", action="delete", ids=f"id={world['pool'].pk}"),
        BULK.format(model="stimulus", action="delete", ids="id=all"),
        BULK.format(model="stimulus", action="delete", ids=f"id={world['passage'].pk}"),
        BULK.format(model="exammatrix", action="delete", ids="id=all"),
        BULK.format(model="exammatrix", action="delete", ids=f"id={world['board_matrix'].pk}"),
    ]
    for user in (world["librarian"], world["outsider"], world["colleague"]):
        client.force_login(user)
        for url in urls:
            body = _text(client.get(url))
            for marker in MARKERS:
                assert marker not in body, (user.role, url, marker)


def test_bulk_delete_all_counts_only_own_objects(client, world):
    client.force_login(world["owner"])
    body = _text(client.get(BULK.format(model="question", action="delete", ids="id=all")))
    assert PRIVATE_STEM in body and SECRET_STEM not in body
    body = _text(client.get(BULK.format(model="exammatrix", action="delete", ids="id=all")))
    assert COLLEAGUE_MATRIX in body and BOARD_MATRIX not in body


def test_teacher_cannot_delete_others_matrices(client, world):
    client.force_login(world["colleague"])
    ids = f"id={world['board_matrix'].pk}&id={world['colleague_matrix'].pk}"
    client.post(BULK.format(model="exammatrix", action="delete", ids=ids))
    client.post(BULK.format(model="exammatrix", action="delete", ids="id=all"))
    for matrix in (world["board_matrix"], world["colleague_matrix"]):
        client.post(f"/admin/snippets/question_bank/exammatrix/delete/{matrix.pk}/")
    assert (
        ExamMatrix.objects.filter(
            pk__in=[world["board_matrix"].pk, world["colleague_matrix"].pk]
        ).count()
        == 2
    )
    with pytest.raises(PermissionDenied):
        assembly_services.matrix_delete(user=world["colleague"], matrix=world["board_matrix"])


def test_member_cannot_delete_or_reshape_a_colleagues_bank(client, world):
    bank = world["school_bank"]
    client.force_login(world["colleague"])
    client.post(BULK.format(model="questionbank", action="delete", ids=f"id={bank.pk}"))
    client.post(f"/admin/snippets/question_bank/questionbank/delete/{bank.pk}/")
    edit = client.post(
        f"/admin/snippets/question_bank/questionbank/edit/{bank.pk}/",
        {"name": "renamed", "scale": bank.scale_id, "scope": "province"},
    )
    assert edit.status_code in (302, 403, 404)
    bank.refresh_from_db()
    assert bank.name == SCHOOL_BANK and bank.scope == "school"
    with pytest.raises(PermissionDenied):
        services.bank_delete(user=world["colleague"], bank=bank)
    # The owner may.
    client.force_login(world["owner"])
    client.post(BULK.format(model="questionbank", action="delete", ids=f"id={bank.pk}"))
    assert not QuestionBank.objects.filter(pk=bank.pk).exists()


def test_outsider_cannot_delete_or_create_stimuli_in_the_pool(client, world):
    passage, pool = world["passage"], world["pool"]
    client.force_login(world["colleague"])
    client.post(BULK.format(model="stimulus", action="delete", ids=f"id={passage.pk}"))
    client.post(f"/admin/snippets/question_bank/stimulus/delete/{passage.pk}/")
    assert Stimulus.objects.filter(pk=passage.pk).exists()
    before = Stimulus.objects.filter(bank=pool).count()
    client.post(
        "/admin/snippets/question_bank/stimulus/add/",
        {"bank": pool.pk, "title": "xmkqbinjected", "content": "<p>x</p>"},
    )
    chooser = "/admin/snippets/choose/question_bank/stimulus/"
    client.post(chooser + "create/", {"bank": pool.pk, "title": "xmkqbinjected"})
    assert Stimulus.objects.filter(bank=pool).count() == before
    with pytest.raises(PermissionDenied):
        services.stimulus_delete(user=world["colleague"], stimulus=passage)
    with pytest.raises(PermissionDenied):
        services.stimulus_create(
            group=ParsedGroup(key="x", title="", stimulus="<p>x</p>"),
            bank=pool,
            user=world["colleague"],
        )
    # The stimulus chooser never shows the passage, even when asked for it by id.
    assert SECRET_PASSAGE not in _text(client.get(chooser))
    assert SECRET_PASSAGE not in _text(client.get(chooser + "results/", {"q": "xmkqb"}))
    assert client.get(f"{chooser}chosen/{passage.pk}/").status_code == 404
    multiple = _text(client.get(f"{chooser}chosen-multiple/", {"id": passage.pk}))
    assert SECRET_PASSAGE not in multiple
    # The pool's member sees it.
    client.force_login(world["board"])
    assert SECRET_PASSAGE in _text(client.get(f"{chooser}chosen/{passage.pk}/"))


def _question_form(bank, **changes):
    data = {
        "bank": bank.pk,
        "qtype": "single_choice",
        "part": "",
        "stimulus": "",
        "stem": "<p>xmkqbnewquestion</p>",
        "numeric_answer": "",
        "tolerance": "0",
        "blanks": "[]",
        "solution": "",
        "general_feedback": "",
        "marking_guide": "",
        "subject": "",
        "grade": "",
        "topic": "",
        "outcome": "",
        "level": "",
        "difficulty": "",
        "points": "",
        "tags": "",
        "source": "",
        "licence": "school",
        "needs_review": "",
        "shuffle_statements": "on",
        "choices-TOTAL_FORMS": 2,
        "choices-INITIAL_FORMS": 0,
        "choices-MIN_NUM_FORMS": 0,
        "choices-MAX_NUM_FORMS": 1000,
    }
    for i in range(2):
        data.update(
            {
                f"choices-{i}-id": "",
                f"choices-{i}-ORDER": i + 1,
                f"choices-{i}-DELETE": "",
                f"choices-{i}-text": f"Phương án {i}",
                f"choices-{i}-match": "",
                f"choices-{i}-feedback": "",
                f"choices-{i}-fraction": "",
            }
        )
    data["choices-0-correct"] = "on"
    data.update(changes)
    return data


def test_question_form_rejects_a_confidential_bank(client, world):
    colleague, pool = world["colleague"], world["pool"]
    client.force_login(colleague)
    add = "/admin/snippets/question_bank/question/add/"
    response = client.post(add, _question_form(pool))
    assert response.status_code == 200  # the form again, with its error
    assert not Question.objects.filter(bank=pool).exclude(pk=world["secret_q"].pk).exists()
    assert not Question.objects.filter(stem__contains="xmkqbnewquestion").exists()
    # A stimulus of the pool is refused as well.
    own = make_bank(colleague, name="xmkqbownbank")
    client.post(add, _question_form(own, stimulus=world["passage"].pk))
    assert not Question.objects.filter(stem__contains="xmkqbnewquestion").exists()
    # The same form into the user's own bank is saved, with the user as its author.
    response = client.post(add, _question_form(own))
    assert response.status_code == 302, response.content.decode()[:3000]
    created = Question.objects.get(stem__contains="xmkqbnewquestion")
    assert created.bank_id == own.pk and created.author_id == colleague.pk
    # The service refuses it too.
    question = services.question_build(parsed=parsed_single(), bank=pool, author=colleague)
    with pytest.raises(PermissionDenied):
        services.question_save_draft(question=question, user=colleague)
    with pytest.raises(PermissionDenied):
        services.questions_move(questions=[world["secret_q"]], bank=own, user=colleague)
    with pytest.raises(PermissionDenied):
        services.questions_tag(questions=[world["private_q"]], tags=["x"], user=colleague)


def test_bank_and_matrix_choosers_list_only_the_users_own(client, world):
    client.force_login(world["colleague"])
    banks = "/admin/snippets/choose/question_bank/questionbank/"
    body = _text(client.get(banks)) + _text(client.get(banks + "results/"))
    assert POOL not in body and PRIVATE_BANK not in body
    assert SCHOOL_BANK in body  # the colleague is a member
    assert client.get(f"{banks}chosen/{world['pool'].pk}/").status_code == 404
    matrices = "/admin/snippets/choose/question_bank/exammatrix/"
    body = _text(client.get(matrices)) + _text(client.get(matrices + "results/"))
    assert BOARD_MATRIX not in body and COLLEAGUE_MATRIX not in body
    assert client.get(f"{matrices}chosen/{world['board_matrix'].pk}/").status_code == 404
    # The question form offers the same banks.
    form = _text(client.get("/admin/snippets/question_bank/question/add/"))
    assert POOL not in form and PRIVATE_BANK not in form


def test_people_pickers_offer_only_the_schools_staff(client, world):
    client.force_login(world["owner"])
    bank_form = _text(client.get("/admin/snippets/question_bank/questionbank/add/"))
    assert COLLEAGUE_NAME in bank_form
    assert STUDENT_NAME not in bank_form and OTHER_SCHOOL_NAME not in bank_form
    question_form = _text(client.get("/admin/snippets/question_bank/question/add/"))
    assert 'name="author"' not in question_form
    assert STUDENT_NAME not in question_form and OTHER_SCHOOL_NAME not in question_form
    # A foreign member posted anyway is a form error; nothing is saved.
    response = client.post(
        "/admin/snippets/question_bank/questionbank/add/",
        {
            "name": "xmkqbforeignmembers",
            "scale": CognitiveScale.objects.first().pk,
            "scope": "private",
            "members": [world["student"].pk, world["outsider"].pk],
        },
    )
    assert response.status_code == 200
    assert not QuestionBank.objects.filter(name="xmkqbforeignmembers").exists()


def test_tag_autocomplete_hides_confidential_tags(client, world):
    for user in (world["colleague"], world["outsider"], world["librarian"]):
        client.force_login(user)
        for url in ("/admin/tag-autocomplete/", "/admin/tag-autocomplete/taggit/tag/"):
            assert SECRET_TAG not in client.get(url, {"term": "xmkqb"}).content.decode()
    client.force_login(world["board"])
    assert client.get("/admin/tag-autocomplete/", {"term": "xmkqb"}).json() == [SECRET_TAG]


def test_teacher_creates_a_bank_in_the_admin(client, world):
    teacher = world["colleague"]
    client.force_login(teacher)
    add = "/admin/snippets/question_bank/questionbank/add/"
    assert client.get(add).status_code == 200
    response = client.post(
        add,
        {
            "name": "xmkqbnewbank",
            "scale": CognitiveScale.objects.first().pk,
            "scope": "school",
            "members": [world["owner"].pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    bank = QuestionBank.objects.get(name="xmkqbnewbank")
    assert bank.owner_id == teacher.pk and bank.school_id == world["school"].pk
    assert set(bank.members.values_list("pk", flat=True)) == {world["owner"].pk}
    # Only the exam board makes a confidential pool.
    response = client.post(
        add,
        {
            "name": "xmkqbfakepool",
            "scale": CognitiveScale.objects.first().pk,
            "scope": "private",
            "confidential": "on",
        },
    )
    assert response.status_code == 200
    assert not QuestionBank.objects.filter(name="xmkqbfakepool").exists()
    client.force_login(world["board"])
    response = client.post(
        add,
        {
            "name": "xmkqbrealpool",
            "scale": CognitiveScale.objects.first().pk,
            "scope": "private",
            "confidential": "on",
        },
    )
    assert response.status_code == 302
    assert QuestionBank.objects.get(name="xmkqbrealpool").owner_id == world["board"].pk


def test_reference_data_is_kept_by_admins_only(client, world):
    scale = CognitiveScale.objects.first()
    client.force_login(world["colleague"])
    client.post(BULK.format(model="cognitivescale", action="delete", ids=f"id={scale.pk}"))
    assert CognitiveScale.objects.filter(pk=scale.pk).exists()
