"""The learner side: every role against every door of ``lms`` (the answer to a question
embedded in a lesson, an e-lecture's progress events, the library reader's position, and
online exams). The learning doors have no rule of their own: each lets through whoever may
open the page or the item (``content.permissions``), and then records for the signed-in
learner. The exam doors follow the exam rules of ``lms.permissions``: who runs sessions
and may make one of a paper (``can_run_sessions``, ``can_create_session``), which sessions
a user runs (``manageable_sessions``), whose rooms they invigilate (``can_invigilate``),
whose essays they mark (``can_mark``), and a student's own candidacies
(``own_candidacies``); the exam page's JSON endpoints take the attempt's token only.

The roles are those of :mod:`tests.security.world`, whose exam sessions are school A's
(made by the pool's board member from a confidential paper; a candidate of another class
submitted an essay) and Sở B's. Here school A gets a school-only lesson embedding an
approved question for practice and a school-only e-lecture (both by the teacher, taking the
school's area from their author), a public e-lecture and a school-only library item; Sở B's
teacher gets a lesson embedding the same question. For the exams, the probing exam board
member makes a paper and a session of it for the student's class, and school A's session
gets the teacher as invigilator of its room and the librarian as a marker.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from content.curation import library_item_publish
from content.models import ELecturePage, HomePage, LessonPage
from lms import permissions
from lms.exams import services as exams
from lms.exams import staffing
from lms.models import EventKind
from tests.content.library_helpers import make_item
from tests.content.test_pages import approved_question, publish_under
from tests.lms.exams.conftest import _forget_exam_keys
from tests.lms.exams.factories import make_exam_paper
from tests.permissions_table import (
    ALLOWED,
    DENIED,
    HIDDEN,
    LOGIN,
    NOT_FOUND,
    Door,
    knock,
    rows,
)
from tests.security import world as w

OWN_PAPER = "xmklmsownpaper"
OWN_SESSION = "xmklmsownsession"

pytestmark = pytest.mark.django_db


def _lesson(owner, question, *, slug: str) -> LessonPage:
    body = [("question", {"question": question, "show_solution": True})]
    page = LessonPage(title=f"Luyện tập {slug}", slug=slug, scope="school", owner=owner, body=body)
    return publish_under(HomePage.objects.get(), page)


def _electure(owner, *, slug: str, scope: str) -> ELecturePage:
    section = {
        "title": "Khái niệm",
        "video": {"url": "https://youtu.be/dQw4w9WgXcQ", "file": None, "caption": ""},
        "checkpoints": [],
    }
    page = ELecturePage(
        title=f"Bài giảng {slug}",
        slug=slug,
        scope=scope,
        owner=owner,
        sections=[("section", section)],
    )
    return publish_under(HomePage.objects.get(), page)


def _learning(built: w.World) -> dict:
    teacher, librarian = built.users["teacher"], built.users["librarian"]
    question = approved_question(teacher)
    item = make_item(teacher, title="Sách giáo khoa trường A", scope="school")
    library_item_publish(item=item, user=librarian)
    return {
        "version": question.latest_version,
        "lesson_a": _lesson(teacher, question, slug="luyen-tap-a"),
        "lesson_b": _lesson(built.owners["teacher_b"], question, slug="luyen-tap-b"),
        "electure_a": _electure(teacher, slug="bai-giang-a", scope="school"),
        "electure_public": _electure(teacher, slug="bai-giang-cong-khai", scope="public"),
        "item_a": item,
    }


def _exams(built: w.World) -> dict:
    """The probing board member's own paper and a session of it for the student's class
    (open now); school A's session staffed with the teacher and the librarian."""
    board, o = built.users["exam_board"], built.objects
    paper = make_exam_paper(board, versions=2)
    paper.title = f"{OWN_PAPER} Kiểm tra 15 phút"
    paper.save(update_fields=["title"])
    now = timezone.now()
    session = exams.session_create(
        user=board,
        paper=paper,
        title=f"{OWN_SESSION} Kiểm tra lớp 10A1",
        window=exams.SessionWindow(
            opens_at=now - dt.timedelta(minutes=5),
            last_entry_at=now + dt.timedelta(minutes=30),
            closes_at=now + dt.timedelta(hours=2),
            duration_minutes=15,
        ),
        classes=[o["class_a"]],
    )
    session_a = o["exam_session_a"]
    runner = built.owners["board"]
    staffing.room_invigilators_set(
        user=runner, room=o["exam_room_a"], invigilators=[built.users["teacher"]]
    )
    session_a.markers.add(built.users["librarian"])
    return {
        "own_paper": paper,
        "own_session": session,
        "own_candidate": session.candidates.get(student=built.users["student"]),
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        built = w.build_world()
        objects = {**built.objects, **_learning(built), **_exams(built)}
        yield built.users, objects
        transaction.set_rollback(True)
    _forget_exam_keys()  # the attempts' cached states: their ids come back in later tests


def _answer(page: str) -> Door:
    return Door(
        "/hoc/cau-hoi/{version}/tra-loi/",
        '"correct"',
        method="POST",
        body=lambda o: {"page": o[page].pk, "response": 0},
    )


def _event(page: str) -> Door:
    return Door(
        f"/hoc/bai-giang/{{{page}}}/su-kien/",
        method="POST",
        body=lambda o: {"kind": EventKind.SECTION_STARTED, "section": 0},
    )


def _exam_api(action: str, attempt: str, body: dict) -> Door:
    return Door(f"/thi/bai/{{{attempt}}}/{action}/", method="POST", body=lambda o: body)


SESSION_A = "/thi/quan-ly/{exam_session_a}/"
DOORS = {
    "page: answer in a lesson of the school": _answer("lesson_a"),
    "page: answer in a lesson, other Sở": _answer("lesson_b"),
    "page: e-lecture event, school": _event("electure_a"),
    "page: e-lecture event, public": _event("electure_public"),
    "page: e-lecture event, other Sở lesson": _event("page_b"),
    "page: reading position": Door("/thu-vien/{item_a}/vi-tri-doc/"),
    "page: reading position, other Sở": Door("/thu-vien/{lib_b}/vi-tri-doc/"),
    # Online exams: the board's pages (lms.exams.board_views).
    "exam board: sessions, school A's": Door("/thi/quan-ly/", w.EXAM_SESSION_A),
    "exam board: sessions, own": Door("/thi/quan-ly/", OWN_SESSION),
    "exam board: sessions, Sở B's": Door("/thi/quan-ly/", w.EXAM_SESSION_B),
    "exam board: create, own paper": Door("/thi/quan-ly/tao/", OWN_PAPER),
    "exam board: create, confidential paper": Door("/thi/quan-ly/tao/", w.EXAM_PAPER_A),
    "exam board: session A": Door(SESSION_A, w.EXAM_SESSION_A),
    "exam board: session, Sở B": Door("/thi/quan-ly/{exam_session_b}/", w.EXAM_SESSION_B),
    "exam board: results A": Door(SESSION_A + "ket-qua/", w.EXAM_SESSION_A),
    "exam board: results A, XLSX": Door(SESSION_A + "ket-qua.xlsx"),
    "exam board: attempt A in full": Door(SESSION_A + "bai/{exam_attempt_a}/", w.EXAM_ANSWER_A),
    "exam board: marking queue A": Door(SESSION_A + "cham/"),
    "exam board: mark A's essay": Door(
        SESSION_A + "cham/{exam_attempt_a}/{exam_slot_a}/", w.EXAM_ANSWER_A
    ),
    # The invigilator's room view (lms.exams.room_views).
    "exam room: school A's room": Door("/thi/phong/{exam_room_a}/", w.EXAM_SESSION_A),
    "exam room: its candidate": Door("/thi/phong/{exam_room_a}/thi-sinh/{exam_candidate_a}/"),
    "exam room: Sở B's room": Door("/thi/phong/{exam_room_b}/"),
    # The candidate's pages (lms.exams.views) and the exam page's JSON (by token only).
    "exam: my exams": Door("/thi/", OWN_SESSION),
    "exam: own entry": Door("/thi/{own_candidate}/", OWN_SESSION),
    "exam: another student's entry": Door("/thi/{exam_candidate_a}/"),
    "exam: another student's take page": Door("/thi/{exam_candidate_b}/lam-bai/"),
    "exam: another's submitted page": Door("/thi/bai/{exam_attempt_a}/da-nop/"),
    "exam api: save without the token": _exam_api(
        "luu", "exam_attempt_b", {"answers": [{"slot": 0, "seq": 9, "response": 1}]}
    ),
    "exam api: submit without the token": _exam_api("nop", "exam_attempt_b", {}),
    # Revision (lms.revision): the learner's own pages, packs and reports (can_revise).
    "revision: home": Door("/on-tap/"),
    "revision: an exam attempt as a mock report": Door("/on-tap/thi-thu/{exam_attempt_a}/"),
    "revision: offline sync": Door(
        "/on-tap/dong-bo/", method="POST", body=lambda o: {"answers": []}
    ),
}

# fmt: off
TABLE = {
    # door                                     student    teacher    librarian  exam_board school_adm dept_admin anonymous
    # A department admin opens the school's lesson as its curator, but the published
    # questions are answerable by those who find the page in their sharing area (and the
    # draft's by curators who may choose the question themselves: not one of a teacher's
    # private bank), so the answer is a 404 for them (lms.views.answerable_questions).
    "page: answer in a lesson of the school": (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   NOT_FOUND, NOT_FOUND),
    "page: answer in a lesson, other Sở":     (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "page: e-lecture event, school":          (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   NOT_FOUND),
    "page: e-lecture event, public":          (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED),
    "page: e-lecture event, other Sở lesson": (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    # Reading positions are kept for signed-in readers only (a 403 for visitors).
    "page: reading position":                 (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   DENIED),
    "page: reading position, other Sở":       (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, DENIED),
    # Online exams. The board's pages answer 404 to whoever runs no session (never 403: ids
    # cannot be probed). Sessions are run by their creator, the department's exam board and
    # admins and the school's admin (manageable_sessions); the create form offers the papers
    # the user may open (can_create_session), never another member's confidential one, and
    # only to the roles that run sessions (not a department admin: they run the board's).
    # The list shows a named marker (the librarian) the sessions they mark, and an
    # invigilator (the teacher, of school A's room) the rooms they watch.
    "exam board: sessions, school A's":       (NOT_FOUND, ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    "exam board: sessions, own":              (NOT_FOUND, HIDDEN,    HIDDEN,    ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    "exam board: sessions, Sở B's":           (NOT_FOUND, HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    LOGIN),
    "exam board: create, own paper":          (NOT_FOUND, ALLOWED,   NOT_FOUND, ALLOWED,   ALLOWED,   NOT_FOUND, LOGIN),
    "exam board: create, confidential paper": (NOT_FOUND, HIDDEN,    NOT_FOUND, HIDDEN,    HIDDEN,    NOT_FOUND, LOGIN),
    "exam board: session A":                  (NOT_FOUND, NOT_FOUND, NOT_FOUND, ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    "exam board: session, Sở B":              (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "exam board: results A":                  (NOT_FOUND, NOT_FOUND, NOT_FOUND, ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    "exam board: results A, XLSX":            (NOT_FOUND, NOT_FOUND, NOT_FOUND, ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    "exam board: attempt A in full":          (NOT_FOUND, NOT_FOUND, NOT_FOUND, ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    # Essays: the session's named markers (here the librarian) and those running it (can_mark).
    "exam board: marking queue A":            (NOT_FOUND, NOT_FOUND, ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    "exam board: mark A's essay":             (NOT_FOUND, NOT_FOUND, ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    # A room: its invigilators (here the teacher) and those running the session (can_invigilate).
    "exam room: school A's room":             (NOT_FOUND, ALLOWED,   NOT_FOUND, ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    "exam room: its candidate":               (NOT_FOUND, ALLOWED,   NOT_FOUND, ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    "exam room: Sở B's room":                 (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    # A candidate's pages: their own candidacies only, whoever asks (own_candidacies).
    "exam: my exams":                         (ALLOWED,   HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    LOGIN),
    "exam: own entry":                        (ALLOWED,   NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "exam: another student's entry":          (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "exam: another student's take page":      (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "exam: another's submitted page":         (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    # The exam page's JSON: the attempt's token or nothing, signed in or not.
    "exam api: save without the token":       (DENIED,    DENIED,    DENIED,    DENIED,    DENIED,    DENIED,    DENIED),
    "exam api: submit without the token":     (DENIED,    DENIED,    DENIED,    DENIED,    DENIED,    DENIED,    DENIED),
    # Revision is a learner's own (can_revise): staff get an explanation page, not data;
    # no exam attempt is ever a mock report; the phone's sync refuses staff and asks a
    # visitor to sign in (401 JSON).
    "revision: home":                         (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    "revision: an exam attempt as a mock report": (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "revision: offline sync":                 (ALLOWED,   DENIED,    DENIED,    DENIED,    DENIED,    DENIED,    LOGIN),
}
# fmt: on


@pytest.mark.parametrize(("role", "door", "expected"), rows(TABLE))
def test_role_at_door(world, role, door, expected):
    users, objects = world
    assert knock(users, objects, role, DOORS[door]) == expected


def test_every_door_is_in_the_table():
    assert set(TABLE) == set(DOORS)


# --- The exam rules themselves (lms.permissions), role × rule --------------------------
def _rule(check):
    return lambda user, o: bool(check(user, o))


RULES = {
    "can_create_session: own paper": _rule(
        lambda u, o: permissions.can_create_session(u, o["own_paper"])
    ),
    "can_create_session: confidential paper": _rule(
        lambda u, o: permissions.can_create_session(u, o["exam_session_a"].paper)
    ),
    "manageable_sessions: school A's": _rule(
        lambda u, o: permissions.manageable_sessions(u).filter(pk=o["exam_session_a"].pk).exists()
    ),
    "manageable_sessions: Sở B's": _rule(
        lambda u, o: permissions.manageable_sessions(u).filter(pk=o["exam_session_b"].pk).exists()
    ),
    "can_invigilate: school A's room": _rule(
        lambda u, o: permissions.can_invigilate(u, o["exam_room_a"])
    ),
    "can_invigilate: Sở B's room": _rule(
        lambda u, o: permissions.can_invigilate(u, o["exam_room_b"])
    ),
    "can_mark: school A's session": _rule(
        lambda u, o: permissions.can_mark(u, o["exam_session_a"])
    ),
    "can_mark: Sở B's session": _rule(lambda u, o: permissions.can_mark(u, o["exam_session_b"])),
    "own_candidacies: own": _rule(
        lambda u, o: permissions.own_candidacies(u).filter(pk=o["own_candidate"].pk).exists()
    ),
    "own_candidacies: another student's": _rule(
        lambda u, o: permissions.own_candidacies(u).filter(pk=o["exam_candidate_a"].pk).exists()
    ),
    "can_revise": _rule(lambda u, o: permissions.can_revise(u)),
}
Y, N = True, False

# fmt: off
RULE_TABLE = {
    # rule                                     student teacher librarian exam_board school_adm dept_admin anonymous
    # Sessions are made by the roles that run them (not a department admin), of a paper they
    # may open: the probing board member's own paper is school A's, a colleague's
    # confidential one is not theirs to use.
    "can_create_session: own paper":           (N,      Y,      N,        Y,         Y,         N,         N),
    "can_create_session: confidential paper":  (N,      N,      N,        N,         N,         N,         N),
    "manageable_sessions: school A's":         (N,      N,      N,        Y,         Y,         Y,         N),
    "manageable_sessions: Sở B's":             (N,      N,      N,        N,         N,         N,         N),
    "can_invigilate: school A's room":         (N,      Y,      N,        Y,         Y,         Y,         N),
    "can_invigilate: Sở B's room":             (N,      N,      N,        N,         N,         N,         N),
    "can_mark: school A's session":            (N,      N,      Y,        Y,         Y,         Y,         N),
    "can_mark: Sở B's session":                (N,      N,      N,        N,         N,         N,         N),
    "own_candidacies: own":                    (Y,      N,      N,        N,         N,         N,         N),
    "own_candidacies: another student's":      (N,      N,      N,        N,         N,         N,         N),
    # Revision (practice, review queue, offline packs, mock exams) is a learner's own.
    "can_revise":                              (Y,      N,      N,        N,         N,         N,         N),
}
# fmt: on


@pytest.mark.parametrize(("role", "rule", "expected"), rows(RULE_TABLE))
def test_exam_rule_for_role(world, role, rule, expected):
    users, objects = world
    user = AnonymousUser() if role == "anonymous" else users[role]
    assert RULES[rule](user, objects) is expected


def test_every_exam_rule_is_in_the_table():
    assert set(RULE_TABLE) == set(RULES)
