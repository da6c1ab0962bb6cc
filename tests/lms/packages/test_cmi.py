"""The limits of each SCORM version, checked without a database (lms.packages.cmi)."""

from decimal import Decimal

import pytest

from lms.packages import cmi


def commit12(**core) -> dict:
    suspend = core.pop("suspend_data", "")
    return {"cmi": {"core": core, "suspend_data": suspend}}


def test_scorm12_summary_keeps_status_score_location_and_time():
    summary = cmi.check_scorm12(
        commit12(
            lesson_status="passed",
            lesson_location="trang-3",
            score={"raw": "8", "min": "0", "max": "10"},
            session_time="0001:02:03.60",
            suspend_data="x" * 4096,
        )
    )
    assert summary.lesson_status == "passed"
    assert summary.completion_status == "completed"
    assert summary.success_status == "passed"
    assert summary.score_raw == Decimal("8")
    assert summary.score_scaled == Decimal("0.8")
    assert summary.location == "trang-3"
    assert len(summary.suspend_data) == 4096
    assert summary.session_seconds == 3600 + 120 + 4


def test_scorm12_suspend_data_over_4096_names_the_limit():
    with pytest.raises(cmi.CMIInvalid) as caught:
        cmi.check_scorm12(commit12(suspend_data="x" * 5000))
    assert str(caught.value) == (
        "Dữ liệu tạm (cmi.suspend_data) dài 5.000 ký tự, vượt giới hạn 4.096 ký tự của SCORM 1.2."
    )


@pytest.mark.parametrize(
    ("core", "names"),
    [
        ({"lesson_location": "a" * 256}, "cmi.core.lesson_location"),
        ({"lesson_status": "done"}, "cmi.core.lesson_status"),
        ({"score": {"raw": "101"}}, "cmi.core.score.raw"),
        ({"score": {"max": "-1"}}, "cmi.core.score.max"),
        ({"score": {"raw": "tám"}}, "cmi.core.score.raw"),
        ({"session_time": "1:2:3"}, "cmi.core.session_time"),
    ],
)
def test_scorm12_limits(core, names):
    with pytest.raises(cmi.CMIInvalid) as caught:
        cmi.check_scorm12(commit12(**core))
    assert names in str(caught.value)


def test_scorm2004_limits_follow_the_edition():
    third = {"cmi": {"suspend_data": "x" * 64000, "location": "l" * 1000}}
    assert len(cmi.check_scorm2004(third, edition="2004 3rd Edition").suspend_data) == 64000
    with pytest.raises(cmi.CMIInvalid) as caught:
        cmi.check_scorm2004({"cmi": {"suspend_data": "x" * 64001}}, edition="2004 4th Edition")
    assert "vượt giới hạn 64.000 ký tự của SCORM 2004 4th Edition" in str(caught.value)
    with pytest.raises(cmi.CMIInvalid) as caught:
        cmi.check_scorm2004({"cmi": {"suspend_data": "x" * 4001}}, edition="2004 2nd Edition")
    assert "vượt giới hạn 4.000 ký tự của SCORM 2004 2nd Edition" in str(caught.value)
    with pytest.raises(cmi.CMIInvalid, match=r"cmi\.location"):
        cmi.check_scorm2004({"cmi": {"location": "l" * 1001}}, edition="2004 3rd Edition")


@pytest.mark.parametrize(
    ("root", "element"),
    [
        ({"completion_status": "passed"}, "cmi.completion_status"),
        ({"success_status": "completed"}, "cmi.success_status"),
        ({"score": {"scaled": "1.5"}}, "cmi.score.scaled"),
        ({"score": {"scaled": "-1.01"}}, "cmi.score.scaled"),
        ({"session_time": "01:00:00"}, "cmi.session_time"),
    ],
)
def test_scorm2004_vocabularies_and_ranges(root, element):
    with pytest.raises(cmi.CMIInvalid) as caught:
        cmi.check_scorm2004({"cmi": root}, edition="2004 4th Edition")
    assert element in str(caught.value)


def test_scorm2004_summary_keeps_interactions_and_scores():
    summary = cmi.check_scorm2004(
        {
            "cmi": {
                "completion_status": "completed",
                "success_status": "passed",
                "score": {"scaled": "0.75", "raw": "75", "min": "0", "max": "100"},
                "location": "q5",
                "session_time": "PT1H2M3.4S",
                "interactions": {"0": {"id": "q1", "result": "correct"}},
            }
        },
        edition="2004 3rd Edition",
    )
    assert summary.completion_status == "completed"
    assert summary.score_scaled == Decimal("0.75")
    assert summary.session_seconds == 3723


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("PT0S", 0), ("PT45S", 45), ("PT1M", 60), ("P1DT1S", 86401), ("PT0.4S", 0), ("PT1.6S", 2)],
)
def test_iso_durations(value, seconds):
    assert cmi.duration_seconds_2004(value) == seconds


def test_timespans_12():
    assert cmi.timespan_seconds_12("00:00:10") == 10
    assert cmi.timespan_seconds_12("0000:10:00.00") == 600
    assert cmi.seconds_timespan_12(3725) == "0001:02:05.00"


def test_restore_state_resumes_after_suspend_and_drops_the_session_time():
    stored = {
        "cmi": {
            "core": {"exit": "suspend", "session_time": "00:01:00", "lesson_location": "p2"},
            "suspend_data": "abc",
        }
    }
    state = cmi.restore_state(stored, kind="scorm12", total_seconds=125)
    assert state == {
        "cmi": {
            "core": {
                "exit": "suspend",
                "lesson_location": "p2",
                "entry": "resume",
                "total_time": "0000:02:05.00",
            },
            "suspend_data": "abc",
        }
    }
    assert stored["cmi"]["core"]["session_time"] == "00:01:00"  # the stored copy is untouched
    state = cmi.restore_state(
        {"cmi": {"exit": "", "location": "x"}}, kind="scorm2004", total_seconds=61
    )
    assert state == {"cmi": {"exit": "", "location": "x", "entry": "", "total_time": "PT0H1M1S"}}
