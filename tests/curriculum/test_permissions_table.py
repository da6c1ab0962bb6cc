"""The curriculum and its reference data: every role against every door of ``curriculum``.

Subjects and topics (the GDPT 2018 tree) are kept in the Wagtail admin by the model
permissions of the role groups (``accounts.roles``: department admins change them,
librarians read subjects and topics, other staff read topics); the bank's reference data
(cognitive scales, true/false score tables) follows ``curriculum.permissions``
(``can_edit_reference_data``) on top of the groups' model permissions. The curriculum
has no site page, API, file or export of its own: its doors are the admin's lists, edit
and add views and choosers.
"""

from __future__ import annotations

import pytest
from django.db import transaction

from curriculum.models import Subject, Topic
from question_bank.scales import CognitiveScale
from tests.permissions_table import ALLOWED, DENIED, LOGIN, Door, knock, rows
from tests.security import world as w

pytestmark = pytest.mark.django_db

SUBJECT = "xmksubject"
TOPIC = "xmktopic"
SCALE = "xmkscale"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        built = w.build_world()
        # Reference data has no services: the curriculum loader and the migrations write
        # the rows directly, as here.
        subject = Subject.objects.create(code=SUBJECT, name=f"Môn {SUBJECT}")
        topic = Topic.objects.create(subject=subject, grade=10, code=TOPIC, name=f"Chủ đề {TOPIC}")
        scale = CognitiveScale.objects.create(code=SCALE, name=f"Thang {SCALE}")
        yield built.users, {"subject": subject, "topic": topic, "scale": scale}
        transaction.set_rollback(True)


SUBJECTS = "/admin/snippets/curriculum/subject/"
TOPICS = "/admin/snippets/curriculum/topic/"
SCALES = "/admin/snippets/question_bank/cognitivescale/"
DOORS = {
    "admin: subject list": Door(SUBJECTS, SUBJECT),
    "admin: subject edit": Door(SUBJECTS + "edit/{subject}/", SUBJECT),
    "admin: subject add": Door(SUBJECTS + "add/"),
    "admin: subject chooser": Door("/admin/snippets/choose/curriculum/subject/", SUBJECT),
    "admin: topic list": Door(TOPICS, TOPIC),
    "admin: topic edit": Door(TOPICS + "edit/{topic}/", TOPIC),
    "admin: topic add": Door(TOPICS + "add/"),
    "admin: topic chooser": Door("/admin/snippets/choose/curriculum/topic/", TOPIC),
    "admin: scale list": Door(SCALES, SCALE),
    "admin: scale edit": Door(SCALES + "edit/{scale}/", SCALE),
    "admin: scale add": Door(SCALES + "add/"),
    "admin: true/false table": Door("/admin/snippets/question_bank/truefalsescore/"),
}

# fmt: off
TABLE = {
    # door                       student  teacher  librarian exam_board school_adm dept_admin anonymous
    "admin: subject list":      (DENIED,  DENIED,  ALLOWED,  DENIED,    DENIED,    ALLOWED,   LOGIN),
    "admin: subject edit":      (DENIED,  DENIED,  DENIED,   DENIED,    DENIED,    ALLOWED,   LOGIN),
    "admin: subject add":       (DENIED,  DENIED,  DENIED,   DENIED,    DENIED,    ALLOWED,   LOGIN),
    # A model without a chooser rule is open to every staff member (common.admin_guard).
    "admin: subject chooser":   (DENIED,  ALLOWED, ALLOWED,  ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    "admin: topic list":        (DENIED,  ALLOWED, ALLOWED,  ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    "admin: topic edit":        (DENIED,  DENIED,  DENIED,   DENIED,    DENIED,    ALLOWED,   LOGIN),
    "admin: topic add":         (DENIED,  DENIED,  DENIED,   DENIED,    DENIED,    ALLOWED,   LOGIN),
    "admin: topic chooser":     (DENIED,  ALLOWED, ALLOWED,  ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    # can_edit_reference_data names department admins, but no role group holds the model
    # permissions of the scales and score tables (accounts.roles), so outside superusers
    # nobody opens them: the rule only narrows what the groups allow. (As before issue 17.)
    "admin: scale list":        (DENIED,  DENIED,  DENIED,   DENIED,    DENIED,    DENIED,    LOGIN),
    "admin: scale edit":        (DENIED,  DENIED,  DENIED,   DENIED,    DENIED,    DENIED,    LOGIN),
    "admin: scale add":         (DENIED,  DENIED,  DENIED,   DENIED,    DENIED,    DENIED,    LOGIN),
    "admin: true/false table":  (DENIED,  DENIED,  DENIED,   DENIED,    DENIED,    DENIED,    LOGIN),
}
# fmt: on


@pytest.mark.parametrize(("role", "door", "expected"), rows(TABLE))
def test_role_at_door(world, role, door, expected):
    users, objects = world
    assert knock(users, objects, role, DOORS[door]) == expected


def test_every_door_is_in_the_table():
    assert set(TABLE) == set(DOORS)
