"""The role × door matrix: every URL pattern of the project, requested as every role with
the ids of objects that role must not see; no answer may carry a forbidden marker, and
no door may fail with a server error.

The world (``tests.security.world``) is built once for the module inside a transaction
that is rolled back at the end. Doors come from the project's URL resolver
(``tests.security.doors``): a pattern the matrix does not know fails
``test_every_url_pattern_is_a_known_door``, so a new door cannot be added unprobed.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings

from tests.lms.exams.conftest import _forget_exam_keys
from tests.security import world as w
from tests.security.doors import doors, url_patterns

pytestmark = pytest.mark.django_db

REPORT = Path(settings.BASE_DIR) / "build" / "door-matrix.txt"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        built = w.build_world()
        all_doors, skipped = doors(built)
        yield built, all_doors, skipped
        transaction.set_rollback(True)
    _forget_exam_keys()  # the attempts' cached states: their ids come back in later tests


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _request(client: Client, door):
    if door.method == "POST":
        return client.post(door.url, door.body, content_type="application/json")
    return client.get(door.url)


def probe(client: Client, door, forbidden: frozenset[str], statuses: Counter) -> list[str]:
    """What is wrong with the answer to ``door``: forbidden markers, or a server error."""
    try:
        response = _request(client, door)
    except Exception as error:  # a door that raises is a server error for the user
        statuses["raised"] += 1
        return [f"raised {type(error).__name__}: {error}"[:300]]
    statuses[response.status_code] += 1
    # 503 is the designed answer of a search engine that is down or not built yet (the
    # health page says so); any other 5xx is a door that broke.
    if response.status_code >= 500 and response.status_code != 503:
        return [f"HTTP {response.status_code}"]
    body = _body(response).lower()
    found = sorted(m for m in forbidden if m.encode() in body)
    location = response.get("Location", "").lower()
    found += sorted(f"{m} (in redirect)" for m in forbidden if m in location)
    return found


def test_every_url_pattern_is_a_known_door(world):
    _built, all_doors, skipped = world
    probed = {d.pattern for d in all_doors}
    patterns = url_patterns()
    missing = [p for p in patterns if p not in probed and p not in skipped]
    assert missing == []
    assert len(patterns) > 400  # the admin's doors are all there


@pytest.mark.parametrize("role", w.ROLES)
def test_no_role_gets_what_it_must_not_see(world, role):
    built, all_doors, _skipped = world
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(built.users[role])
    forbidden = w.forbidden_markers(role)
    violations = []
    statuses = Counter()
    for door in all_doors:
        problems = probe(client, door, forbidden, statuses)
        violations += [f"{role} {door.method} {door.url}: {p}" for p in problems]
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    with REPORT.open("a", encoding="utf-8") as report:
        report.write(
            f"{role}: {len(all_doors)} requests over {len({d.pattern for d in all_doors})} "
            f"patterns, {len(violations)} violations; answers {dict(sorted(statuses.items(), key=str))}\n"
        )
        for line in violations:
            report.write(f"  {line}\n")
    assert violations == [], "\n".join(violations[:80]) + f"\n({len(violations)} in all)"


def test_markers_reach_those_who_may_see_them(world):
    """The probe can fail: the same doors show the markers to the objects' owners."""
    built, _doors, _skipped = world
    client = Client()
    o = built.objects
    checks = [
        (built.owners["board"], "/admin/snippets/question_bank/question/", w.CONF_STEM),
        (built.owners["board"], f"/admin/de-thi/de/{o['conf_paper'].pk}/", w.CONF_PAPER),
        (built.owners["colleague"], "/admin/snippets/question_bank/questionbank/", w.PRIV_BANK),
        (built.owners["teacher_b"], "/admin/snippets/content/libraryitem/", w.LIB_DRAFT_B),
        (built.owners["teacher_b"], f"/thu-vien/{o['lib_b'].pk}/", w.LIB_B),
        (built.owners["teacher_b"], f"/lop/{o['class_b'].pk}/", w.STUDENT_B),
        (built.users["librarian"], "/admin/pages/search/?q=xmkdrafta", w.DRAFT_A),
        (built.owners["board"], f"/thi/quan-ly/{o['exam_session_a'].pk}/", w.EXAM_SESSION_A),
        (
            built.users["department_admin"],
            f"/thi/quan-ly/{o['exam_session_a'].pk}/cham/{o['exam_attempt_a'].pk}/"
            f"{o['exam_slot_a']}/",
            w.EXAM_ANSWER_A,
        ),
        (built.owners["teacher_b"], f"/thi/quan-ly/{o['exam_session_b'].pk}/", w.EXAM_SESSION_B),
        (o["student_b"], "/thi/", w.EXAM_SESSION_B),
        # The gradebook: Sở B's class is its homeroom teacher's to see.
        (built.owners["teacher_b"], f"/hoc/so-diem/lop/{o['class_b'].pk}/", w.STUDENT_B),
    ]
    for user, url, marker in checks:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        assert marker.encode() in _body(response).lower(), (user, url, marker)


def test_protected_files_live_outside_the_public_media_root(world):
    built, _doors, _skipped = world
    media_root = Path(settings.MEDIA_ROOT).resolve()
    for fieldfile in w.protected_files(built):
        path = Path(fieldfile.path).resolve()
        assert path.is_file(), path
        assert not path.is_relative_to(media_root), path


@override_settings(ROOT_URLCONF="tests.security.debug_urls")
def test_no_protected_file_is_reachable_by_a_media_path(world):
    """Whatever serves MEDIA_ROOT by path (DEBUG, or a web server's alias) serves none of
    the protected files, under their storage names or the old public folders."""
    built, _doors, _skipped = world
    client = Client()
    for fieldfile in w.protected_files(built):
        name = fieldfile.name
        for path in (name, f"private/{name}", f"private/library/{name.rsplit('/', 1)[-1]}"):
            response = client.get(f"{settings.MEDIA_URL}{path}")
            assert response.status_code == 404, (path, response.status_code)
