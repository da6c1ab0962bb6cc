"""Tracking of packages through the main site's endpoints: commits are checked against
their standard, stored for the session's user only, restored by the session endpoint, and
shown (self-reported) to the student and the teacher."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from content.packages.models import Status
from lms.packages import services
from lms.packages.models import PackageAttempt, PackageEvent
from lms.packages.selectors import package_progress
from tests.lms.packages.helpers import (
    client_for,
    commit12,
    make_version,
    make_world,
    post_json,
)

pytestmark = pytest.mark.django_db

SELF = "điểm do gói tự báo"


@pytest.fixture
def world():
    return make_world()


def url(name, version, query=""):
    return reverse(name, args=[version.pk]) + query


def test_scorm12_commit_and_restore_round_trip(world):
    """Given a SCORM 1.2 package, when the student's run-time commits a score, a status and
    4,000 characters of suspend_data, the session endpoint gives them back on reload."""
    version = make_version(world.teacher)
    client = client_for(world.student)
    suspend = "đ" * 4000
    response = post_json(
        client,
        url("lms-package-cmi", version),
        {
            "sco": "sco-1",
            "cmi": commit12(status="passed", raw="8", high="10", suspend=suspend, location="p7"),
            "final": True,
        },
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"]["text"] == f"Đã hoàn thành · 8/10 ({SELF})"

    session = client.get(url("lms-package-session", version)).json()
    assert session["kind"] == "scorm12"
    assert session["sco"] == "sco-1"
    assert session["launch_url"].startswith(settings.CONTENT_ORIGIN.rstrip("/") + "/")
    core = session["state"]["cmi"]["core"]
    assert core["score"]["raw"] == "8"
    assert core["lesson_status"] == "passed"
    assert core["lesson_location"] == "p7"
    assert core["entry"] == "resume"
    assert core["exit"] == "suspend" and "session_time" not in core
    assert session["state"]["cmi"]["suspend_data"] == suspend
    assert session["scos"] == [{"id": "sco-1", "title": "Phần 1", "level": 0}]
    assert session["urls"]["commit"] == url("lms-package-cmi", version)

    page = client.get(url("lms-package-play", version))
    assert page.status_code == 200
    assert f"Đã hoàn thành · 8/10 ({SELF})" in page.content.decode()


def test_scorm12_suspend_data_over_the_limit_is_refused_and_nothing_changes(world):
    version = make_version(world.teacher)
    client = client_for(world.student)
    post_json(
        client,
        url("lms-package-cmi", version),
        {"sco": "sco-1", "cmi": commit12(suspend="a" * 10), "final": False},
    )
    events = PackageEvent.objects.count()

    response = post_json(
        client,
        url("lms-package-cmi", version),
        {"sco": "sco-1", "cmi": commit12(status="passed", suspend="b" * 5000), "final": True},
    )
    assert response.status_code == 400
    assert response.json()["error"] == (
        "Dữ liệu tạm (cmi.suspend_data) dài 5.000 ký tự, vượt giới hạn 4.096 ký tự của SCORM 1.2."
    )
    attempt = PackageAttempt.objects.get(user=world.student, version=version)
    assert attempt.suspend_data == "a" * 10
    assert attempt.lesson_status == "incomplete"
    assert PackageEvent.objects.count() == events


def test_scorm2004_limits_and_interactions(world):
    fourth = make_version(world.teacher, kind="scorm2004", edition="2004 4th Edition")
    second = make_version(world.teacher, kind="scorm2004", edition="2004 2nd Edition")
    client = client_for(world.student)
    cmi = {
        "cmi": {
            "completion_status": "completed",
            "success_status": "passed",
            "score": {"scaled": "0.9", "raw": "9", "min": "0", "max": "10"},
            "location": "q9",
            "suspend_data": "s" * 64000,
            "interactions": {"0": {"id": "golf-1", "result": "correct"}},
            "objectives": {"0": {"id": "obj-1", "success_status": "passed"}},
        }
    }
    ok = post_json(client, url("lms-package-cmi", fourth), {"sco": "sco-1", "cmi": cmi})
    assert ok.status_code == 200, ok.content
    stored = PackageAttempt.objects.get(version=fourth).cmi["cmi"]
    assert stored["interactions"]["0"]["id"] == "golf-1"
    assert stored["objectives"]["0"]["id"] == "obj-1"

    refused = post_json(client, url("lms-package-cmi", second), {"sco": "sco-1", "cmi": cmi})
    assert refused.status_code == 400
    assert "vượt giới hạn 4.000 ký tự của SCORM 2004 2nd Edition" in refused.json()["error"]
    assert not PackageAttempt.objects.filter(version=second).exists()

    cmi["cmi"]["score"]["scaled"] = "1.2"
    refused = post_json(client, url("lms-package-cmi", fourth), {"sco": "sco-1", "cmi": cmi})
    assert refused.status_code == 400
    assert "cmi.score.scaled" in refused.json()["error"]
    assert PackageAttempt.objects.get(version=fourth).score_scaled == Decimal("0.9")


def test_sco_must_belong_to_the_version(world):
    version = make_version(world.teacher, scos=("a", "b"))
    client = client_for(world.student)
    response = post_json(client, url("lms-package-cmi", version), {"sco": "z", "cmi": commit12()})
    assert response.status_code == 400
    assert "SCO “z”" in response.json()["error"]
    assert client.get(url("lms-package-session", version, "?sco=z")).status_code == 400
    session = client.get(url("lms-package-session", version, "?sco=b")).json()
    assert session["sco"] == "b"
    assert [s["id"] for s in session["scos"]] == ["a", "b"]


def test_forged_score_is_stored_but_labelled_self_reported(world):
    version = make_version(world.teacher)
    student = client_for(world.student)
    forged = commit12(status="passed", raw="100", high="100")
    assert post_json(student, url("lms-package-cmi", version), {"sco": "sco-1", "cmi": forged})
    results = client_for(world.teacher).get(url("lms-package-results", version))
    assert results.status_code == 200
    text = results.content.decode()
    assert "100/100" in text
    assert SELF in text


def test_a_student_writes_only_their_own_attempt(world):
    """The learner is the session's user: a payload naming another student changes nothing
    of theirs, and one student's session never shows another's state."""
    version = make_version(world.teacher)
    services.cmi_commit(
        user=world.student,
        version=version,
        sco="sco-1",
        cmi=commit12(suspend="của tôi", raw="5", high="10"),
        final=False,
    )
    other = client_for(world.classmate)
    payload = {
        "sco": "sco-1",
        "cmi": commit12(suspend="giả mạo", raw="10", high="10"),
        "user": world.student.pk,
        "user_id": world.student.pk,
        "attempt": PackageAttempt.objects.get(user=world.student).pk,
    }
    assert post_json(other, url("lms-package-cmi", version), payload).status_code == 200
    mine = PackageAttempt.objects.get(user=world.student, version=version)
    assert mine.suspend_data == "của tôi"
    assert str(mine.score_raw) == "5.0000"
    theirs = PackageAttempt.objects.get(user=world.classmate, version=version)
    assert theirs.suspend_data == "giả mạo"
    state = other.get(url("lms-package-session", version)).json()["state"]
    assert state["cmi"]["suspend_data"] == "giả mạo"


DOORS = [
    ("GET", "lms-package-play", None),
    ("GET", "lms-package-session", None),
    ("POST", "lms-package-cmi", {"sco": "sco-1", "cmi": commit12()}),
    ("POST", "lms-package-xapi", {"statement": {"verb": {"id": "x"}}}),
    ("POST", "lms-package-userdata", {"key": "0/state", "data": "{}"}),
    ("GET", "lms-package-results", None),
]


@pytest.mark.parametrize(("method", "name", "payload"), DOORS)
def test_a_package_the_student_may_not_see_is_refused_at_every_door(world, method, name, payload):
    draft = make_version(world.outsider_teacher, status=Status.DRAFT)
    client = client_for(world.student)
    if method == "GET":
        response = client.get(url(name, draft))
    else:
        response = post_json(client, url(name, draft), payload)
    assert response.status_code == 403
    assert not PackageAttempt.objects.exists()


@pytest.mark.parametrize(("method", "name", "payload"), DOORS)
def test_anonymous_visitors_are_asked_to_sign_in(world, method, name, payload):
    version = make_version(world.teacher)
    client = Client()
    if method == "GET":
        response = client.get(url(name, version))
    else:
        response = post_json(client, url(name, version), payload)
    if name in ("lms-package-play", "lms-package-results"):
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
    else:
        assert response.status_code == 401


def test_a_missing_version_is_not_found(world):
    client = client_for(world.student)
    assert client.get(reverse("lms-package-session", args=[999999])).status_code == 404
    assert client.get(reverse("lms-package-play", args=[999999])).status_code == 404


def test_posts_need_the_csrf_header(world):
    version = make_version(world.teacher)
    client = client_for(world.student, csrf=True)
    payload = {"sco": "sco-1", "cmi": commit12(status="completed")}
    assert post_json(client, url("lms-package-cmi", version), payload).status_code == 403
    assert not PackageAttempt.objects.exists()
    token = client.get(url("lms-package-session", version)).json()["csrf"]
    response = post_json(client, url("lms-package-cmi", version), payload, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200


def test_session_times_are_summed_once_per_session(world):
    """session_time is cumulative within a session: a commit replaces the open session's
    time, Finish adds it to the total, and a session left open (the tab closed) is added
    when the next one starts."""
    version = make_version(world.teacher)
    client = client_for(world.student)

    def commit(time, final):
        payload = {"sco": "sco-1", "cmi": commit12(time=time), "final": final}
        assert post_json(client, url("lms-package-cmi", version), payload).status_code == 200

    client.get(url("lms-package-session", version))
    commit("00:01:00", False)
    commit("00:02:00", True)
    attempt = PackageAttempt.objects.get()
    assert (attempt.total_seconds, attempt.open_session_seconds) == (120, 0)
    client.get(url("lms-package-session", version))
    commit("00:00:30", False)
    assert PackageAttempt.objects.get().seconds == 150
    session = client.get(url("lms-package-session", version)).json()  # tab closed, reopened
    attempt = PackageAttempt.objects.get()
    assert (attempt.total_seconds, attempt.open_session_seconds) == (150, 0)
    assert session["state"]["cmi"]["core"]["total_time"] == "0000:02:30.00"

    v2004 = make_version(world.teacher, kind="scorm2004", edition="2004 3rd Edition")
    for time, final in (("PT1M30S", False), ("PT2M", True)):
        payload = {"sco": "sco-1", "cmi": {"cmi": {"session_time": time}}, "final": final}
        assert post_json(client, url("lms-package-cmi", v2004), payload).status_code == 200
    assert PackageAttempt.objects.get(version=v2004).total_seconds == 120


def statement(verb, raw=None, high=None, *, sub=False, completion=None):
    body = {
        "actor": {"name": "ai đó"},
        "verb": {"id": f"http://adlnet.gov/expapi/verbs/{verb}"},
        "object": {"definition": {"extensions": {}}},
    }
    if sub:
        body["object"]["definition"]["extensions"]["http://h5p.org/x-api/h5p-subContentId"] = "q"
    if raw is not None:
        body["result"] = {"score": {"raw": raw, "max": high, "min": 0}}
        if completion is not None:
            body["result"]["completion"] = completion
    return body


def test_xapi_answered_and_completed_give_the_score(world):
    version = make_version(world.teacher, kind="h5p", edition="1.24")
    client = client_for(world.student)
    xapi = url("lms-package-xapi", version)
    assert post_json(client, xapi, {"statement": statement("attempted")}).status_code == 200
    assert post_json(client, xapi, {"statement": statement("answered", 1, 1, sub=True)})
    response = post_json(client, xapi, {"statement": statement("answered", 3, 3, completion=True)})
    assert response.status_code == 200
    assert response.json()["status"]["text"] == f"Đã hoàn thành · 3/3 ({SELF})"
    attempt = PackageAttempt.objects.get(user=world.student, version=version)
    assert (attempt.score_raw, attempt.score_max) == (3, 3)
    assert attempt.completed_at is not None
    assert PackageEvent.objects.filter(kind="xapi").count() == 3

    results = client_for(world.teacher).get(url("lms-package-results", version)).content.decode()
    assert "3/3" in results and world.student.full_name in results


def test_h5p_time_is_the_durations_of_its_sessions(world):
    """H5P's result.duration counts from the content's opening in the page: the running
    session (its longest), added to the total when the next session starts."""
    version = make_version(world.teacher, kind="h5p", edition="1.24")
    client = client_for(world.student)
    xapi = url("lms-package-xapi", version)
    for duration in ("PT40S", "PT1M30.5S", "PT20S"):  # later answers, one page; then a glitch
        body = statement("answered", 2, 3)
        body["result"]["duration"] = duration
        assert post_json(client, xapi, {"statement": body}).status_code == 200
    attempt = PackageAttempt.objects.get(user=world.student, version=version)
    assert (attempt.total_seconds, attempt.open_session_seconds) == (0, 90)
    client.get(url("lms-package-session", version))  # the next session starts
    body = statement("answered", 3, 3)
    body["result"]["duration"] = "PT10S"
    post_json(client, xapi, {"statement": body})
    attempt.refresh_from_db()
    assert (attempt.total_seconds, attempt.seconds) == (90, 100)
    bad = statement("answered", 3, 3)
    bad["result"]["duration"] = "mười giây"
    assert post_json(client, xapi, {"statement": bad}).status_code == 200  # time ignored


def test_h5p_user_data_is_restored_and_capped(world):
    version = make_version(world.teacher, kind="h5p", edition="1.24")
    client = client_for(world.student)
    userdata = url("lms-package-userdata", version)
    saved = post_json(client, userdata, {"key": "0/state", "data": '{"answers":[1,2]}'})
    assert saved.status_code == 200
    session = client.get(url("lms-package-session", version)).json()
    assert session["sco"] == ""
    assert session["state"] == {"userData": {"0/state": '{"answers":[1,2]}'}, "finished": False}
    too_long = post_json(client, userdata, {"key": "0/state", "data": "x" * 64001})
    assert too_long.status_code == 400
    assert "64.000" in too_long.json()["error"]
    assert post_json(client, userdata, {"key": "../x", "data": "1"}).status_code == 400
    assert PackageAttempt.objects.get().h5p_user_data == {"0/state": '{"answers":[1,2]}'}
    cmi = post_json(client, url("lms-package-cmi", version), {"sco": "", "cmi": commit12()})
    assert cmi.status_code == 400


def test_teacher_results_and_who_may_open_them(world):
    version = make_version(world.teacher)
    for student, raw in ((world.student, "8"), (world.outsider_student, "6")):
        services.cmi_commit(
            user=student,
            version=version,
            sco="sco-1",
            cmi=commit12(status="passed", raw=raw, high="10", time="00:05:00"),
            final=True,
        )
    services.cmi_commit(
        user=world.teacher,
        version=version,
        sco="sco-1",
        cmi=commit12(raw="1", high="10"),
        final=False,
    )
    page = client_for(world.teacher).get(url("lms-package-results", version))
    assert page.status_code == 200
    rows = [r for r in page.content.decode().split("<tr") if "package-result-row" in r]
    assert len(rows) == 1
    text = rows[0]
    assert world.student.full_name in text
    assert "8/10" in text and "5 phút" in text and "Đã hoàn thành" in text
    # Another school's student played the published package: their school's staff see it.
    assert world.outsider_student.full_name not in text
    assert world.teacher.full_name not in text  # a teacher's preview is not a result
    assert client_for(world.student).get(url("lms-package-results", version)).status_code == 403
    outsider = client_for(world.outsider_teacher).get(url("lms-package-results", version))
    assert outsider.status_code == 403


def test_staff_preview_is_said_on_the_player_page(world):
    version = make_version(world.teacher)
    teacher_page = client_for(world.teacher).get(url("lms-package-play", version)).content.decode()
    assert "xem thử" in teacher_page
    assert reverse("lms-package-results", args=[version.pk]) in teacher_page
    student_page = client_for(world.student).get(url("lms-package-play", version)).content.decode()
    assert "xem thử" not in student_page
    assert 'data-session-url="' + url("lms-package-session", version) + '"' in student_page


def test_package_progress_for_other_apps(world):
    one = make_version(world.teacher, scos=("a", "b"))
    two = make_version(world.teacher)
    services.cmi_commit(
        user=world.student, version=one, sco="a", cmi=commit12(status="completed"), final=True
    )
    progress = package_progress(world.student, [one.pk, two.pk])
    assert progress[one.pk].completion == "incomplete"
    assert (progress[one.pk].scos_done, progress[one.pk].scos_total) == (1, 2)
    assert progress[two.pk].completion == ""
    assert progress[two.pk].status_text() == "Chưa học"
