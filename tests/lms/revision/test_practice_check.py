"""The practice page's check reaches revision: each checked answer is one RevisionAnswer
(marked on the server, practice or review), mastery and the outcome's card follow, and a
refused check stores nothing."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.utils import timezone

from lms.exams.delivery import variant_items
from lms.revision import services
from lms.revision.models import OutcomeMastery, RevisionAnswer, SkillCard, Source
from tests.lms.exams.factories import correct_response
from tests.lms.revision.factories import make_revision_world

pytestmark = pytest.mark.django_db


def _post(client, url, token, body):
    return client.post(
        url, data=json.dumps(body), content_type="application/json", HTTP_X_EXAM_TOKEN=token
    )


def _open(client, candidate):
    page = client.get(f"/thi/{candidate.pk}/lam-bai/")
    assert page.status_code == 200
    return page.context["bootstrap"]


def _wrong(item) -> int:
    return next(i for i, c in enumerate(item["data"]["choices"]) if not c["correct"])


def test_each_check_is_one_revision_answer_and_moves_mastery(client):
    world = make_revision_world()
    outcome = world.outcomes[0]
    client.force_login(world.student)
    candidate = services.practice_create(
        user=world.student, subject=world.subject, grade=12, count=2, outcome=outcome
    )
    boot = _open(client, candidate)
    items = variant_items(candidate.variant_id)
    save_url = f"/thi/bai/{boot['attempt']}/luu/"
    answers = [
        {"slot": 0, "seq": 1, "response": correct_response(items[0])},
        {"slot": 1, "seq": 2, "response": _wrong(items[1])},
    ]
    assert _post(client, save_url, boot["token"], {"answers": answers}).status_code == 200
    assert _post(client, boot["check_url"], boot["token"], {"slot": 0}).status_code == 200
    stored = RevisionAnswer.objects.get(student=world.student)
    assert (stored.source, stored.fraction, stored.slot) == (Source.PRACTICE, 1, 0)
    assert stored.outcome == outcome and stored.duration_ms is not None
    assert stored.rating is not None  # the first answer of the day reviews the card
    before = OutcomeMastery.objects.get(student=world.student, outcome=outcome).value

    assert _post(client, boot["check_url"], boot["token"], {"slot": 1}).status_code == 200
    assert RevisionAnswer.objects.filter(student=world.student).count() == 2
    after = OutcomeMastery.objects.get(student=world.student, outcome=outcome).value
    assert after < before
    assert SkillCard.objects.filter(student=world.student, outcome=outcome).count() == 1

    # refused checks store nothing: someone else's token, an unknown slot
    other = services.practice_create(
        user=world.other, subject=world.subject, grade=12, count=1, outcome=outcome
    )
    client.force_login(world.other)
    other_boot = _open(client, other)
    assert _post(client, boot["check_url"], other_boot["token"], {"slot": 0}).status_code == 403
    assert _post(client, boot["check_url"], boot["token"], {"slot": 7}).status_code == 400
    assert RevisionAnswer.objects.count() == 2


def test_a_review_queue_check_is_recorded_as_a_review(client):
    world = make_revision_world()
    outcome = world.outcomes[1]
    first = world.questions[outcome.pk][0]
    services.answer_record(
        student=world.student,
        version=world.version(first),
        response=1,
        fraction=Decimal(0),
        answered_at=timezone.now() - dt.timedelta(days=1),
        source=Source.PRACTICE,
    )
    candidate = services.review_start(user=world.student)
    client.force_login(world.student)
    boot = _open(client, candidate)
    item = variant_items(candidate.variant_id)[0]
    body = {"answers": [{"slot": 0, "seq": 1, "response": correct_response(item)}]}
    assert _post(client, f"/thi/bai/{boot['attempt']}/luu/", boot["token"], body).status_code == 200
    assert _post(client, boot["check_url"], boot["token"], {"slot": 0}).status_code == 200
    review = RevisionAnswer.objects.filter(student=world.student).order_by("-pk").first()
    assert review.source == Source.REVIEW and review.fraction == 1
    card = SkillCard.objects.get(student=world.student, outcome=outcome)
    assert card.reviews == 2 and card.last_review >= timezone.now() - dt.timedelta(minutes=1)
