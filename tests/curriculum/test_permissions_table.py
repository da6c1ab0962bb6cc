"""The curriculum: every role against every door of ``curriculum``.

Subjects and topics (the GDPT 2018 tree) are kept in the Wagtail admin by the model
permissions of the role groups (``accounts.roles``: department admins change them,
librarians read subjects and topics, other staff read topics) and
``curriculum.permissions.can_edit_curriculum``. The curriculum has no site page, API, file
or export of its own: its doors are the admin's lists, edit and add views and choosers.
"""

from __future__ import annotations

import pytest
from django.db import transaction

from curriculum.models import Subject, Topic
from tests.permissions_table import ALLOWED, DENIED, LOGIN, Door, knock, rows
from tests.security import world as w

pytestmark = pytest.mark.django_db

SUBJECT = "xmksubject"
TOPIC = "xmktopic"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        built = w.build_world()
        # Reference data has no services: the curriculum loader and the migrations write
        # the rows directly, as here.
        subject = Subject.objects.create(code=SUBJECT, name=f"Môn {SUBJECT}")
        topic = Topic.objects.create(subject=subject, grade=10, code=TOPIC, name=f"Chủ đề {TOPIC}")
        yield built.users, {"subject": subject, "topic": topic}
        transaction.set_rollback(True)


SUBJECTS = "/admin/snippets/curriculum/subject/"
TOPICS = "/admin/snippets/curriculum/topic/"
DOORS = {
    "admin: subject list": Door(SUBJECTS, SUBJECT),
    "admin: subject edit": Door(SUBJECTS + "edit/{subject}/", SUBJECT),
    "admin: subject add": Door(SUBJECTS + "add/"),
    "admin: subject chooser": Door("/admin/snippets/choose/curriculum/subject/", SUBJECT),
    "admin: topic list": Door(TOPICS, TOPIC),
    "admin: topic edit": Door(TOPICS + "edit/{topic}/", TOPIC),
    "admin: topic add": Door(TOPICS + "add/"),
    "admin: topic chooser": Door("/admin/snippets/choose/curriculum/topic/", TOPIC),
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
}
# fmt: on


@pytest.mark.parametrize(("role", "door", "expected"), rows(TABLE))
def test_role_at_door(world, role, door, expected):
    users, objects = world
    assert knock(users, objects, role, DOORS[door]) == expected


def test_every_door_is_in_the_table():
    assert set(TABLE) == set(DOORS)
