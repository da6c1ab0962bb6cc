"""The question bank: every role against every door of ``question_bank`` (the Wagtail
admin of questions, banks, stimuli, matrices and papers with their choosers, the import
page, the question preview, the JSON API, the paper files and the question export). The
rules are those of ``question_bank.permissions``.

The roles and the forbidden objects are those of :mod:`tests.security.world`: the exam
board's confidential pool (bank, question, stimulus, matrix, unreleased paper) and a
colleague's private bank, matrix and import upload. Here school A adds a bank a colleague
shares with the school (an approved question), the teacher's own private bank (a draft
question) and import upload, and a released paper of the school with its file.
"""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.db import transaction

from accounts.models import Role
from question_bank.assembly.models import ExamMatrix, Paper
from question_bank.import_jobs import ImportJob
from question_bank.scales import CognitiveScale
from tests.accounts.factories import make_school, make_user
from tests.permissions_table import ALLOWED, DENIED, HIDDEN, LOGIN, NOT_FOUND, Door, knock, rows
from tests.question_bank.factories import make_bank, make_question, parsed_single
from tests.security import world as w

pytestmark = pytest.mark.django_db

SCHOOL_BANK = "xmkqtschoolbank"
SCHOOL_STEM = "xmkqtschoolstem"
OWN_BANK = "xmkqtownbank"
OWN_STEM = "xmkqtownstem"
OWN_IMPORT = "xmkqtownimport"
SCALE = "xmkscale"
SCHOOL_PAPER = "xmkqtschoolpaper"
SCHOOL_PAPER_FILE = "xmkqtschoolpaperfile"


def _school_a(built: w.World) -> dict:
    colleague, teacher = built.owners["colleague"], built.users["teacher"]
    shared = make_bank(colleague, name=f"{SCHOOL_BANK} Tổ Vật lí", scope="school")
    shared_question = make_question(
        shared, parsed=parsed_single(stem=f"{SCHOOL_STEM} Đạo hàm"), approve=True
    )
    own = make_bank(teacher, name=f"{OWN_BANK} Ngân hàng riêng")
    own_question = make_question(own, parsed=parsed_single(stem=f"{OWN_STEM} Đạo hàm"))
    job = ImportJob.objects.create(
        bank=own, created_by=teacher, filename="de-cua-toi.txt", format="aiken"
    )
    job.upload.save(
        "de-cua-toi.txt", ContentFile(f"{OWN_IMPORT} Câu 1\nA. x\nB. y\nANSWER: A\n".encode())
    )
    matrix = ExamMatrix.objects.create(
        title="Ma trận kiểm tra",
        subject=built.objects["conf_matrix"].subject,
        grade=10,
        scale=shared.scale,
        created_by=colleague,
    )
    matrix.banks.add(shared)
    paper = Paper.objects.create(
        title=f"{SCHOOL_PAPER} Kiểm tra 15 phút",
        matrix=matrix,
        school=built.objects["school_a"],
        created_by=colleague,
    )
    paper.output.save("kiem-tra.zip", ContentFile(f"{SCHOOL_PAPER_FILE} đề".encode()))
    return {
        "school_bank": shared,
        "school_question": shared_question,
        "own_bank": own,
        "own_question": own_question,
        "own_job": job,
        "school_paper": paper,
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        built = w.build_world()
        objects = {**built.objects, **_school_a(built)}
        # The bank's reference data has no services: the migrations write it directly.
        objects["scale"] = CognitiveScale.objects.create(code=SCALE, name=f"Thang {SCALE}")
        yield built.users, objects
        transaction.set_rollback(True)


QUESTIONS = "/admin/snippets/question_bank/question/"
BANKS = "/admin/snippets/question_bank/questionbank/"
EXPORT = "/admin/ngan-hang-cau-hoi/xuat/?format=moodle_xml&bank={}"
API = "/api/v1/question-bank/"
SCALES = "/admin/snippets/question_bank/cognitivescale/"
DOORS = {
    "admin: scale list": Door(SCALES, SCALE),
    "admin: scale edit": Door(SCALES + "edit/{scale}/", SCALE),
    "admin: scale add": Door(SCALES + "add/"),
    "admin: true/false table": Door("/admin/snippets/question_bank/truefalsescore/"),
    # Wagtail admin
    "admin: question list": Door(QUESTIONS, SCHOOL_STEM),
    "admin: question list, own draft": Door(QUESTIONS, OWN_STEM),
    "admin: question list, confidential": Door(QUESTIONS, w.CONF_STEM),
    "admin: question edit, school bank": Door(QUESTIONS + "edit/{school_question}/", SCHOOL_STEM),
    "admin: question edit, own draft": Door(QUESTIONS + "edit/{own_question}/", OWN_STEM),
    "admin: question edit, confidential": Door(QUESTIONS + "edit/{conf_question}/", w.CONF_STEM),
    "admin: question preview, school bank": Door(
        "/admin/ngan-hang-cau-hoi/cau-hoi/{school_question}/xem/", SCHOOL_STEM
    ),
    "admin: question preview, private": Door(
        "/admin/ngan-hang-cau-hoi/cau-hoi/{priv_question}/xem/", w.PRIV_STEM
    ),
    "admin: question chooser": Door("/admin/snippets/choose/question_bank/question/", SCHOOL_STEM),
    "admin: question chooser, confidential": Door(
        "/admin/snippets/choose/question_bank/question/", w.CONF_STEM
    ),
    "admin: bank list": Door(BANKS, SCHOOL_BANK),
    "admin: bank list, private": Door(BANKS, w.PRIV_BANK),
    "admin: bank edit, school bank": Door(BANKS + "edit/{school_bank}/", SCHOOL_BANK),
    "admin: bank edit, own bank": Door(BANKS + "edit/{own_bank}/", OWN_BANK),
    "admin: bank chooser": Door("/admin/snippets/choose/question_bank/questionbank/", OWN_BANK),
    "admin: stimulus list, confidential": Door(
        "/admin/snippets/question_bank/stimulus/", w.CONF_STIMULUS
    ),
    "admin: matrix list, colleague's": Door(
        "/admin/snippets/question_bank/exammatrix/", w.PRIV_MATRIX
    ),
    "admin: paper list": Door("/admin/de-thi/", SCHOOL_PAPER),
    "admin: paper list, confidential": Door("/admin/de-thi/", w.CONF_PAPER),
    "admin: paper, school": Door("/admin/de-thi/de/{school_paper}/", SCHOOL_PAPER),
    "admin: paper, confidential": Door("/admin/de-thi/de/{conf_paper}/", w.CONF_PAPER),
    "admin: import page": Door("/admin/ngan-hang-cau-hoi/nhap/", OWN_BANK),
    "admin: import job, own": Door("/admin/ngan-hang-cau-hoi/nhap/{own_job}/"),
    "admin: import job, colleague's": Door("/admin/ngan-hang-cau-hoi/nhap/{import_job}/"),
    # JSON API
    "api: banks": Door(API + "banks", SCHOOL_BANK),
    "api: banks, confidential": Door(API + "banks", w.CONF_BANK),
    "api: questions": Door(API + "questions", SCHOOL_STEM),
    "api: questions, confidential": Door(API + "questions", w.CONF_STEM),
    "api: question, school bank": Door(API + "questions/{school_question}", SCHOOL_STEM),
    "api: question, own draft": Door(API + "questions/{own_question}", OWN_STEM),
    "api: question, private": Door(API + "questions/{priv_question}", w.PRIV_STEM),
    # Files
    "file: paper, school": Door("/admin/de-thi/de/{school_paper}/tai-ve/", SCHOOL_PAPER_FILE),
    "file: paper, confidential": Door("/admin/de-thi/de/{conf_paper}/tai-ve/", w.CONF_PAPER_FILE),
    # Exports
    "export: school bank": Door(lambda o: EXPORT.format(o["school_bank"].pk), SCHOOL_STEM),
    "export: own bank": Door(lambda o: EXPORT.format(o["own_bank"].pk), OWN_STEM),
    "export: confidential pool": Door(lambda o: EXPORT.format(o["conf_bank"].pk), w.CONF_STEM),
}

# fmt: off
TABLE = {
    # question_bank.permissions.can_edit_reference_data names department admins, but no role group holds the model
    # permissions of the scales and score tables (accounts.roles), so outside superusers
    # nobody opens them: the rule only narrows what the groups allow. (As before issue 17.)
    "admin: scale list":        (DENIED,  DENIED,  DENIED,   DENIED,    DENIED,    DENIED,    LOGIN),
    "admin: scale edit":        (DENIED,  DENIED,  DENIED,   DENIED,    DENIED,    DENIED,    LOGIN),
    "admin: scale add":         (DENIED,  DENIED,  DENIED,   DENIED,    DENIED,    DENIED,    LOGIN),
    "admin: true/false table":  (DENIED,  DENIED,  DENIED,   DENIED,    DENIED,    DENIED,    LOGIN),
    # door                                    student    teacher    librarian  exam_board school_adm dept_admin anonymous
    # Lists need the groups' view permission (librarians have none); school and department
    # admins only read. Shared questions are approved ones of banks shared with the user's
    # school (department admins: their Sở's); confidential pools never leave the board.
    "admin: question list":                  (DENIED,    ALLOWED,   DENIED,    ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    "admin: question list, own draft":       (DENIED,    ALLOWED,   DENIED,    HIDDEN,    HIDDEN,    HIDDEN,    LOGIN),
    "admin: question list, confidential":    (DENIED,    HIDDEN,    DENIED,    HIDDEN,    HIDDEN,    HIDDEN,    LOGIN),
    # The world's teacher is a reviewer of the subject group: may edit (review) what it sees.
    "admin: question edit, school bank":     (DENIED,    ALLOWED,   NOT_FOUND, DENIED,    DENIED,    DENIED,    LOGIN),
    "admin: question edit, own draft":       (DENIED,    ALLOWED,   NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "admin: question edit, confidential":    (DENIED,    NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "admin: question preview, school bank":  (DENIED,    ALLOWED,   NOT_FOUND, ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    "admin: question preview, private":      (DENIED,    NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "admin: question chooser":               (DENIED,    ALLOWED,   HIDDEN,    ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    "admin: question chooser, confidential": (DENIED,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    LOGIN),
    "admin: bank list":                      (DENIED,    ALLOWED,   DENIED,    ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    "admin: bank list, private":             (DENIED,    HIDDEN,    DENIED,    HIDDEN,    HIDDEN,    HIDDEN,    LOGIN),
    # A bank's settings are its owner's (manageable_banks).
    "admin: bank edit, school bank":         (DENIED,    DENIED,    NOT_FOUND, DENIED,    DENIED,    DENIED,    LOGIN),
    "admin: bank edit, own bank":            (DENIED,    ALLOWED,   NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "admin: bank chooser":                   (DENIED,    ALLOWED,   HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    LOGIN),
    "admin: stimulus list, confidential":    (DENIED,    HIDDEN,    DENIED,    HIDDEN,    DENIED,    DENIED,    LOGIN),
    "admin: matrix list, colleague's":       (DENIED,    HIDDEN,    DENIED,    HIDDEN,    DENIED,    DENIED,    LOGIN),
    # A paper: its author; a released one also the staff of its school (and of its Sở).
    "admin: paper list":                     (DENIED,    ALLOWED,   HIDDEN,    ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    "admin: paper list, confidential":       (DENIED,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    LOGIN),
    "admin: paper, school":                  (DENIED,    ALLOWED,   NOT_FOUND, ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    "admin: paper, confidential":            (DENIED,    NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    # The import form offers the banks the user edits; an upload is its author's only.
    "admin: import page":                    (DENIED,    ALLOWED,   HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    LOGIN),
    "admin: import job, own":                (DENIED,    ALLOWED,   DENIED,    DENIED,    DENIED,    DENIED,    LOGIN),
    "admin: import job, colleague's":        (DENIED,    DENIED,    DENIED,    DENIED,    DENIED,    DENIED,    LOGIN),
    # The API: signed-in only; students and librarians get empty lists.
    "api: banks":                            (HIDDEN,    ALLOWED,   HIDDEN,    ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    "api: banks, confidential":              (HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    LOGIN),
    "api: questions":                        (HIDDEN,    ALLOWED,   HIDDEN,    ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    "api: questions, confidential":          (HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    LOGIN),
    "api: question, school bank":            (NOT_FOUND, ALLOWED,   NOT_FOUND, ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    "api: question, own draft":              (NOT_FOUND, ALLOWED,   NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "api: question, private":                (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "file: paper, school":                   (DENIED,    ALLOWED,   NOT_FOUND, ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    "file: paper, confidential":             (DENIED,    NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    # An export of nothing the user sees is a 404.
    "export: school bank":                   (DENIED,    ALLOWED,   NOT_FOUND, ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    "export: own bank":                      (DENIED,    ALLOWED,   NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "export: confidential pool":             (DENIED,    NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
}
# fmt: on


@pytest.mark.parametrize(("role", "door", "expected"), rows(TABLE))
def test_role_at_door(world, role, door, expected):
    users, objects = world
    assert knock(users, objects, role, DOORS[door]) == expected


def test_every_door_is_in_the_table():
    assert set(TABLE) == set(DOORS)


# --- Query counts: the question lists do not ask once per row ----------------------------
QUESTION_API = "/api/v1/question-bank/questions?limit=100"
ADMIN_QUESTIONS = "/admin/snippets/question_bank/question/"
#: Measured on SQLite with 20 questions (the same with 60): the session and its user, the
#: page count, the page of questions and their tags (the bank ids are cached).
API_QUERIES = 5
#: Measured on SQLite with 20 questions: 16 (the session, the user, their permissions, the
#: page of questions with their bank, level, scale, topic and latest revision; the bank
#: ids of the rules come from the cache). It was 84 and grew by 3 a row before issue 17.
ADMIN_QUERIES = 16


def _add_questions(bank, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        make_question(bank, parsed=parsed_single(stem=f"Câu {n}: đạo hàm"), approve=True)


@pytest.fixture
def bank_of_twenty(client):
    teacher = make_user(role=Role.TEACHER, school=make_school())
    bank = make_bank(teacher, name="Ngân hàng đếm truy vấn")
    _add_questions(bank, 20)
    client.force_login(teacher)
    return bank


def _count(client, url, ceiling, assert_max):
    client.get(url)  # the first request of a session warms its caches
    with assert_max(ceiling) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def test_question_api_queries_do_not_grow(client, bank_of_twenty, django_assert_max_num_queries):
    twenty, response = _count(client, QUESTION_API, API_QUERIES, django_assert_max_num_queries)
    assert len(response.json()["items"]) == 20
    _add_questions(bank_of_twenty, 40, start=20)
    sixty, response = _count(client, QUESTION_API, twenty, django_assert_max_num_queries)
    items = response.json()["items"]
    assert len(items) == 60
    assert {item["version"] for item in items} == {1}
    assert sixty == twenty


def test_admin_question_list_queries_do_not_grow(
    client, bank_of_twenty, django_assert_max_num_queries
):
    twenty, _response = _count(
        client, ADMIN_QUESTIONS, ADMIN_QUERIES, django_assert_max_num_queries
    )
    _add_questions(bank_of_twenty, 40, start=20)
    sixty, _response = _count(client, ADMIN_QUESTIONS, twenty, django_assert_max_num_queries)
    assert sixty == twenty
