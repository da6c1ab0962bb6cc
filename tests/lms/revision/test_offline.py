"""Offline revision (issue 19, "Offline on a phone" and "Bad input"): packs hold only the
learner's own practice pool (approved, non-confidential, four types) with their keys; a
sync re-marks every answer, refuses forged or foreign ones with a reason and nothing stored,
clamps the answer's time and stores each answer once whatever the repeats and the order."""

import datetime as dt
import json
import shutil
import subprocess
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from lms.revision import offline, services
from lms.revision.models import RevisionAnswer, RevisionPack, Source
from question_bank.formats.base import Choice, ParsedQuestion, QType
from question_bank.scoring import score
from tests.accounts.factories import make_school, make_user
from tests.lms.revision.factories import make_revision_world, parsed_tf
from tests.question_bank.factories import make_bank, make_question

pytestmark = pytest.mark.django_db

SYNC, TODAY, PRACTICE = "/on-tap/dong-bo/", "/on-tap/goi/hom-nay/", "/on-tap/goi/luyen-tap/"


def _numeric(answer="-1,5", tolerance=0.0):
    return ParsedQuestion(
        qtype=QType.SHORT_NUMERIC,
        stem="<p>Nghiệm của \\(2x+3=0\\) là</p>",
        numeric_answer=answer,
        tolerance=tolerance,
        solution="<p>\\(x = -1,5\\)</p>",
        level="van_dung",
        part=3,
    )


def _essay():
    return ParsedQuestion(qtype=QType.ESSAY, stem="<p>Trình bày lời giải.</p>", level="hieu")


def _multiple():
    return ParsedQuestion(
        qtype=QType.MULTIPLE_RESPONSE,
        stem="<p>Chọn các số chẵn.</p>",
        choices=[
            Choice(text="2", correct=True),
            Choice(text="3", correct=False, feedback="<p>3 là số lẻ.</p>"),
            Choice(text="4", correct=True),
        ],
        level="biet",
    )


def _add(world, parsed, *, bank=None, approve=True, outcome=None):
    outcome = outcome or world.outcomes[0]
    return make_question(
        bank or world.bank,
        parsed=parsed,
        approve=approve,
        subject=world.subject,
        grade=12,
        topic=outcome.lesson.topic,
        outcome=outcome,
    )


@pytest.fixture
def world():
    world = make_revision_world(per_outcome=2)
    world.tf = _add(world, parsed_tf(1))
    world.numeric = _add(world, _numeric())
    world.multiple = _add(world, _multiple())
    world.essay = _add(world, _essay())
    world.draft = _add(world, _numeric(), approve=False)
    secret = make_bank(world.teacher, subject=world.subject, scope="school", confidential=True)
    world.secret = _add(world, _numeric(), bank=secret)
    elsewhere = make_school(name="Trường khác")
    other_bank = make_bank(make_user(school=elsewhere), subject=world.subject, scope="school")
    world.foreign = _add(world, _numeric(), bank=other_bank)
    return world


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def _answer(pack, version, response, **extra) -> dict:
    return {
        "id": str(extra.pop("id", uuid.uuid4())),
        "pack": str(pack.pk if isinstance(pack, RevisionPack) else pack),
        "version_id": version.pk,
        "response": response,
        "answered_at": extra.pop("answered_at", timezone.now().isoformat()),
        "duration_ms": extra.pop("duration_ms", 20_000),
        **extra,
    }


def _practice_pack(world, count=20, user=None) -> RevisionPack:
    return offline.pack_practice_create(
        user=user or world.student, subject=world.subject, grade=12, count=count
    )


# --- Packs ---------------------------------------------------------------------------------
def test_a_practice_pack_holds_only_the_learners_approved_non_confidential_four_types(world):
    pack = _practice_pack(world)
    got = set(
        offline.QuestionVersion.objects.filter(pk__in=pack.version_ids).values_list(
            "question_id", flat=True
        )
    )
    allowed = {q.pk for qs in world.questions.values() for q in qs} | {
        world.tf.pk,
        world.numeric.pk,
        world.multiple.pk,
    }
    assert got == allowed  # 20 asked, 9 offline-able in the pool
    for excluded in (world.essay, world.draft, world.secret, world.foreign):
        assert excluded.pk not in got


def test_the_pack_carries_keys_points_and_the_2025_true_false_table(world):
    client = _client(world.student)
    body = {"subject": world.subject.pk, "grade": 12, "topic": world.topics[0].pk, "count": 20}
    response = _post(client, PRACTICE, body)
    assert response.status_code == 200
    pack = response.json()
    assert pack["tf_table"]["4"] == ["0", "0.1", "0.25", "0.5", "1"]
    items = {it["qtype"]: it for it in pack["items"]}
    assert set(items) == {"single_choice", "true_false", "short_numeric", "multiple_response"}
    assert items["single_choice"]["points"] == "0.25"
    assert items["single_choice"]["choices"][0]["correct"] is True
    assert items["single_choice"]["choices"][1]["feedback"] == "<p>Quên cộng 1.</p>"
    assert items["true_false"]["points"] == "1"
    assert [c["correct"] for c in items["true_false"]["choices"]] == [True, False, True, False]
    numeric = items["short_numeric"]
    assert {k: numeric[k] for k in ("points", "numeric_answer", "tolerance", "max_chars")} == {
        "points": "0.5",
        "numeric_answer": "-1,5",
        "tolerance": "0",
        "max_chars": 4,
    }
    assert items["multiple_response"]["points"] == "1"
    assert "\\(x = -1,5\\)" in items["short_numeric"]["solution"]
    stored = RevisionPack.objects.get(pk=pack["id"])
    assert stored.student == world.student and stored.kind == "practice"


def test_todays_pack_is_one_question_per_due_outcome(world):
    yesterday = timezone.now() - dt.timedelta(days=1, hours=1)
    for outcome in world.outcomes[:2]:
        question = world.questions[outcome.pk][0]
        services.answer_record(
            student=world.student,
            version=world.version(question),
            response=1,
            fraction=Decimal(0),
            answered_at=yesterday,
            source=Source.PRACTICE,
            duration_ms=30_000,
        )
    response = _post(_client(world.student), TODAY, {})
    assert response.status_code == 200, response.content
    pack = response.json()
    outcomes = {
        offline.QuestionVersion.objects.get(pk=it["version_id"]).question.outcome_id
        for it in pack["items"]
    }
    assert outcomes == {o.pk for o in world.outcomes[:2]}
    assert len(pack["items"]) == 2
    # Nothing due for the other learner: a reason, no pack.
    refused = _post(_client(world.other), TODAY, {})
    assert refused.status_code == 409
    assert "không có câu nào cần ôn lại" in refused.json()["error"]
    assert not RevisionPack.objects.filter(student=world.other).exists()


def test_a_practice_pack_of_a_foreign_topic_or_bad_count_is_refused(world):
    client = _client(world.student)
    assert _post(client, PRACTICE, {"subject": world.subject.pk, "grade": 12, "count": 7}).json()[
        "error"
    ] == ("Số câu phải là 5, 10 hoặc 20.")
    wrong_grade = {
        "subject": world.subject.pk,
        "grade": 11,
        "topic": world.topics[0].pk,
        "count": 5,
    }
    assert _post(client, PRACTICE, wrong_grade).status_code == 404
    assert _post(client, PRACTICE, {"subject": "toan"}).status_code == 400
    assert not RevisionPack.objects.exists()


# --- Sync ------------------------------------------------------------------------------------
def _mc(world):
    return world.version(world.questions[world.outcomes[0].pk][0])


def test_a_repeated_sync_stores_each_answer_once(world):
    pack = _practice_pack(world)
    client = _client(world.student)
    answers = [
        _answer(pack, _mc(world), 0),
        _answer(pack, world.version(world.tf), [True, False, True, True]),
    ]
    first = _post(client, SYNC, {"answers": answers}).json()["results"]
    assert [r["status"] for r in first] == ["stored", "stored"]
    assert [r["fraction"] for r in first] == ["1", "0.5"]  # 3 of 4 statements: 0,5
    again = _post(client, SYNC, {"answers": answers + answers[:1]}).json()["results"]
    assert [r["status"] for r in again] == ["duplicate", "duplicate", "duplicate"]
    rows = RevisionAnswer.objects.filter(student=world.student)
    assert rows.count() == 2
    assert set(rows.values_list("source", flat=True)) == {Source.OFFLINE}
    assert {str(c) for c in rows.values_list("client_id", flat=True)} == {a["id"] for a in answers}


def test_reordered_and_overlapping_batches_store_each_once_oldest_first(world):
    pack = _practice_pack(world)
    base = timezone.now() - dt.timedelta(minutes=30)
    RevisionPack.objects.filter(pk=pack.pk).update(created_at=base - dt.timedelta(hours=1))
    client = _client(world.student)
    versions = [world.version(q) for qs in world.questions.values() for q in qs][:4]
    answers = [
        _answer(pack, v, 0, answered_at=(base + dt.timedelta(minutes=n)).isoformat())
        for n, v in enumerate(versions)
    ]
    reply = _post(client, SYNC, {"answers": [answers[3], answers[1], answers[0]]}).json()
    assert [r["id"] for r in reply["results"]] == [answers[i]["id"] for i in (3, 1, 0)]
    reply = _post(client, SYNC, {"answers": [answers[2], answers[0], answers[3]]}).json()
    assert [r["status"] for r in reply["results"]] == ["stored", "duplicate", "duplicate"]
    rows = list(RevisionAnswer.objects.filter(student=world.student).order_by("pk"))
    assert len(rows) == 4
    # the first batch was recorded oldest first, whatever the order it came in
    assert [str(r.client_id) for r in rows[:3]] == [answers[i]["id"] for i in (0, 1, 3)]


def test_a_forged_or_confidential_version_is_refused_and_nothing_stored(world):
    pack = _practice_pack(world)
    client = _client(world.student)
    secret = world.version(world.secret)
    forged = {**_answer(pack, _mc(world), 0), "version_id": 999_999}
    outside = _answer(pack, secret, "-1,5")
    # Even written into the learner's own pack, a confidential question is refused.
    RevisionPack.objects.filter(pk=pack.pk).update(version_ids=[*pack.version_ids, secret.pk])
    results = _post(client, SYNC, {"answers": [forged, outside]}).json()["results"]
    assert [(r["status"], r["code"]) for r in results] == [("refused", 404), ("refused", 404)]
    assert results[0]["reason"] == "Câu hỏi này không có trong gói ôn tập của bạn."
    assert not RevisionAnswer.objects.exists()


def test_another_learners_pack_is_refused(world):
    theirs = _practice_pack(world, user=world.other)
    result = _post(_client(world.student), SYNC, {"answers": [_answer(theirs, _mc(world), 0)]})
    row = result.json()["results"][0]
    assert (row["status"], row["code"]) == ("refused", 404)
    assert row["reason"] == "Không tìm thấy gói ôn tập này trong các gói của bạn."
    assert not RevisionAnswer.objects.exists()


def test_another_learners_answer_id_is_not_taken_over(world):
    mine, theirs = _practice_pack(world), _practice_pack(world, user=world.other)
    answer = _answer(theirs, _mc(world), 0)
    assert (
        _post(_client(world.other), SYNC, {"answers": [answer]}).json()["results"][0]["status"]
        == "stored"
    )
    stolen = {**answer, "pack": str(mine.pk)}
    row = _post(_client(world.student), SYNC, {"answers": [stolen]}).json()["results"][0]
    assert (row["status"], row["code"]) == ("refused", 400)
    assert RevisionAnswer.objects.get().student == world.other


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"response": 9}, "Phương án đã chọn không tồn tại."),
        ({"response": "A"}, "Phương án đã chọn không tồn tại."),
        ({"response": None}, "Hãy chọn một phương án."),
        ({"id": "không-phải-uuid"}, "Mã câu trả lời (id) phải là một UUID."),
        ({"version_id": "12"}, "Mã câu hỏi phải là một số."),
        ({"answered_at": "hôm qua"}, "Thời điểm trả lời không hợp lệ (cần dạng ISO 8601)."),
        ({"duration_ms": -5}, "Thời gian làm câu phải là số mili giây không âm."),
    ],
)
def test_an_answer_of_the_wrong_shape_is_refused_with_a_reason(world, change, reason):
    pack = _practice_pack(world)
    answer = {**_answer(pack, _mc(world), 0), **change}
    response = _post(_client(world.student), SYNC, {"answers": [answer]})
    row = response.json()["results"][0]
    assert (row["status"], row["code"], row["reason"]) == ("refused", 400, reason)
    assert not RevisionAnswer.objects.exists()


def test_a_numeric_answer_of_the_wrong_shape_is_refused(world):
    pack = _practice_pack(world)
    answer = _answer(pack, world.version(world.numeric), "một phẩy năm")
    row = _post(_client(world.student), SYNC, {"answers": [answer]}).json()["results"][0]
    assert row["code"] == 400
    assert row["reason"].startswith("Đáp án số không hợp lệ")


def test_a_body_of_the_wrong_shape_is_a_400_with_a_reason(world):
    client = _client(world.student)
    response = client.post(SYNC, "không phải JSON", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"] == "Dữ liệu gửi lên không phải JSON hợp lệ."
    assert _post(client, SYNC, {"answers": {}}).json()["error"] == (
        "Cần một danh sách câu trả lời (answers)."
    )
    too_many = {"answers": [{}] * (offline.MAX_SYNC + 1)}
    assert _post(client, SYNC, too_many).status_code == 400


def test_answer_times_are_clamped_to_the_pack_and_now(world):
    pack = _practice_pack(world)
    client = _client(world.student)
    future = _answer(pack, _mc(world), 0, answered_at="2099-01-01T00:00:00Z")
    past = _answer(pack, world.version(world.tf), [True] * 4, answered_at="2001-01-01T00:00:00")
    before = timezone.now()
    _post(client, SYNC, {"answers": [future, past]})
    after = timezone.now()
    rows = {str(r.client_id): r for r in RevisionAnswer.objects.all()}
    assert before <= rows[future["id"]].answered_at <= after
    assert rows[past["id"]].answered_at == RevisionPack.objects.get(pk=pack.pk).created_at


def test_the_server_marks_again_and_ignores_the_phones_mark(world):
    pack = _practice_pack(world)
    answer = {**_answer(pack, _mc(world), 2), "fraction": 1, "correct": True}
    _post(_client(world.student), SYNC, {"answers": [answer]})
    assert RevisionAnswer.objects.get().fraction == Decimal(0)


def test_anonymous_json_doors_answer_401_and_the_page_sends_to_sign_in(world):
    client = Client()
    for url in (SYNC, TODAY, PRACTICE):
        response = _post(client, url, {"answers": []})
        assert response.status_code == 401
        assert "đăng nhập" in response.json()["error"]
    assert client.get("/on-tap/ma-bao-ve/").status_code == 401
    response = client.get("/on-tap/ngoai-tuyen/")
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_the_page_the_worker_and_the_manifest(world):
    client = _client(world.student)
    page = client.get("/on-tap/ngoai-tuyen/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Tải bài ôn hôm nay" in text and "Tải bộ luyện tập" in text
    assert 'rel="manifest" href="/on-tap/manifest.webmanifest"' in text
    assert client.get("/on-tap/ma-bao-ve/").json()["csrf"]
    worker = client.get("/on-tap/sw.js")
    assert worker["Content-Type"].startswith("text/javascript")
    assert worker.content.decode().startswith('const OFFLINE_PAGE = "/on-tap/ngoai-tuyen/";')
    manifest = json.loads(client.get("/on-tap/manifest.webmanifest").content)
    assert manifest["name"] == "Ôn tập – Học liệu số"
    assert manifest["start_url"] == "/on-tap/ngoai-tuyen/" and manifest["scope"] == "/on-tap/"
    for icon in manifest["icons"]:
        path = Path("lms/static") / icon["src"].removeprefix("/static/")
        assert path.exists(), icon


def test_sync_needs_a_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.student)
    assert _post(client, SYNC, {"answers": []}).status_code == 403
    token = client.get("/on-tap/ma-bao-ve/").json()["csrf"]
    response = client.post(
        SYNC, json.dumps({"answers": []}), content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 200


# --- The phone's marking agrees with question_bank.scoring ------------------------------------
CASES = [
    ("single_choice", [{"correct": False}, {"correct": True}], {}, [1, 0, 5, None]),
    (
        "multiple_response",
        [{"correct": True}, {"correct": False}, {"correct": True}, {"correct": True}],
        {},
        [[0], [0, 2], [0, 2, 3], [0, 1], [1], [0, 1, 2, 3]],
    ),
    (
        "multiple_response",
        [
            {"correct": True, "fraction": "0.7"},
            {"correct": True, "fraction": "0.3"},
            {"correct": False, "fraction": "-0.5"},
        ],
        {},
        [[0], [0, 1], [0, 2], [1, 2]],
    ),
    (
        "true_false",
        [{"correct": True}, {"correct": False}, {"correct": True}, {"correct": False}],
        {},
        [
            [True, False, True, False],
            [True, True, True, False],
            [True, None, None, None],
            [False, True, False, True],
            [True, False, None, True],
        ],
    ),
    (
        "short_numeric",
        [],
        {"numeric_answer": "-1,5", "tolerance": 0},
        ["-1,5", "−1,50", "-3/2", "-1.5", "1,5", ",5", "-1,6", "abc", "-３/２"],
    ),
    (
        "short_numeric",
        [],
        {"numeric_answer": "1,24", "tolerance": 0.01},
        ["1,25", "1,23", "1,26", "1.2345"],
    ),
]


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node")
def test_the_phones_marking_agrees_with_question_bank_scoring(tmp_path):
    """Every case marked by revision-mark.js (in node) and by scoring.score."""
    source = Path("lms/static/lms/revision-mark.js").read_text(encoding="utf-8")
    (tmp_path / "mark.mjs").write_text(source, encoding="utf-8")
    table = {"4": offline.tf_table()["4"]}
    jobs, expected = [], []
    for qtype, choices, extra, responses in CASES:
        data = {"qtype": qtype, "choices": [{"text": "x", **c} for c in choices], **extra}
        item = {
            "qtype": qtype,
            "choices": [{**c, "fraction": c.get("fraction")} for c in choices],
            "numeric_answer": extra.get("numeric_answer"),
            "tolerance": offline.dot_decimal(extra.get("tolerance") or 0),
        }
        for response in responses:
            jobs.append({"item": item, "response": response})
            want = score(
                {
                    **data,
                    "choices": [{**c, "fraction": c.get("fraction")} for c in data["choices"]],
                },
                response,
            )
            expected.append(float(want.quantize(Decimal("0.0001"))))
    (tmp_path / "jobs.json").write_text(json.dumps({"jobs": jobs, "table": table}), "utf-8")
    script = (
        "import { mark } from './mark.mjs'; import fs from 'fs';"
        "const { jobs, table } = JSON.parse(fs.readFileSync('jobs.json', 'utf8'));"
        "console.log(JSON.stringify(jobs.map((j) => mark(j.item, j.response, table).fraction)));"
    )
    (tmp_path / "run.mjs").write_text(script, encoding="utf-8")
    out = subprocess.run(
        ["node", "run.mjs"], cwd=tmp_path, capture_output=True, text=True, check=True, timeout=30
    )
    assert json.loads(out.stdout) == expected
