"""The revision core: answers recorded once, mastery by the documented rule, FSRS per
learning outcome with a fixed clock (acceptance 2), the next-question rule and today's
review queue."""

import datetime as dt
import random
import uuid
from decimal import Decimal

import fsrs
import pytest
from django.core.exceptions import PermissionDenied

from lms.exams.models import ExamSession
from lms.revision import mastery, scheduler, selection, selectors, services
from lms.revision.models import (
    OutcomeMastery,
    QuestionStat,
    RevisionAnswer,
    SkillCard,
    SkillReview,
    Source,
)
from question_bank.assembly.solver import AssemblyInfeasible
from tests.lms.revision.factories import make_revision_world

pytestmark = pytest.mark.django_db

#: 09:00 in Hà Nội on Monday 7 December 2026.
MONDAY = dt.datetime(2026, 12, 7, 2, 0, tzinfo=dt.UTC)


def _record(world, question, fraction, when, **kwargs):
    kwargs.setdefault("duration_ms", 40_000)
    return services.answer_record(
        student=kwargs.pop("student", world.student),
        version=world.version(question),
        response=0,
        fraction=Decimal(fraction),
        answered_at=when,
        source=kwargs.pop("source", Source.PRACTICE),
        **kwargs,
    )


def test_a_wrong_answer_is_due_the_next_day_and_a_right_one_moves_it_out_as_fsrs_says():
    world = make_revision_world()
    outcome = world.outcomes[0]
    first, second = world.questions[outcome.pk][:2]

    wrong = _record(world, first, "0", MONDAY)
    assert wrong.rating == fsrs.Rating.Again
    card = SkillCard.objects.get(student=world.student, outcome=outcome)
    assert scheduler.local_today(card.due) == dt.date(2026, 12, 8)  # the next day

    # fsrs itself, fuzzing off, no learning steps, the same ratings at the same moments
    reference = fsrs.Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    expected, _log = reference.review_card(fsrs.Card(card_id=1), fsrs.Rating.Again, MONDAY)
    assert card.due == expected.due
    assert card.stability == pytest.approx(expected.stability)
    assert card.difficulty == pytest.approx(expected.difficulty)

    tuesday = MONDAY + dt.timedelta(days=1)
    right = _record(world, second, "1", tuesday)
    assert right.rating == fsrs.Rating.Good
    card.refresh_from_db()
    expected, _log = reference.review_card(expected, fsrs.Rating.Good, tuesday)
    assert card.due == expected.due
    assert card.due > tuesday + dt.timedelta(days=1)  # moved out
    assert card.stability == pytest.approx(expected.stability)
    assert [r.rating for r in SkillReview.objects.filter(card=card).order_by("reviewed_at")] == [
        fsrs.Rating.Again,
        fsrs.Rating.Good,
    ]


def test_same_day_answers_are_same_day_reviews_and_a_late_sync_changes_mastery_only():
    world = make_revision_world()
    outcome = world.outcomes[0]
    a, b, c = world.questions[outcome.pk][:3]
    _record(world, a, "1", MONDAY)
    later = _record(world, b, "0", MONDAY + dt.timedelta(hours=2))
    assert later.rating == fsrs.Rating.Again
    assert SkillReview.objects.count() == 2
    # fsrs computes the same-day review itself (short-term stability)
    reference = fsrs.Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    expected, _log = reference.review_card(fsrs.Card(card_id=1), fsrs.Rating.Good, MONDAY)
    expected, _log = reference.review_card(
        expected, fsrs.Rating.Again, MONDAY + dt.timedelta(hours=2)
    )
    card = SkillCard.objects.get(student=world.student, outcome=outcome)
    assert card.due == expected.due and card.stability == pytest.approx(expected.stability)
    assert scheduler.local_today(card.due) == dt.date(2026, 12, 8)  # the lapse: tomorrow
    stored = OutcomeMastery.objects.get(student=world.student, outcome=outcome)
    assert stored.answers == 2
    # an offline answer older than the card's last review changes mastery only
    old = _record(world, c, "1", MONDAY - dt.timedelta(days=3))
    assert old.rating is None and SkillReview.objects.count() == 2
    stored.refresh_from_db()
    assert stored.answers == 3
    assert [e[2] for e in stored.recent] == sorted((e[2] for e in stored.recent), reverse=True)


@pytest.mark.parametrize(
    ("fraction", "duration", "key_seen", "rating"),
    [
        ("0", 30_000, False, fsrs.Rating.Again),
        ("0.25", 30_000, False, fsrs.Rating.Again),  # Đúng/Sai: 2 of 4 statements
        ("0.5", 30_000, False, fsrs.Rating.Hard),  # Đúng/Sai: 3 of 4
        ("1", 30_000, True, fsrs.Rating.Hard),  # right after the key was shown
        ("1", 200_000, False, fsrs.Rating.Hard),  # slowly (over twice a minute)
        ("1", 50_000, False, fsrs.Rating.Good),
        ("1", 10_000, False, fsrs.Rating.Easy),  # under a third of a minute
        ("1", None, False, fsrs.Rating.Good),
    ],
)
def test_the_rating_rule(fraction, duration, key_seen, rating):
    assert (
        scheduler.rating_for(
            fraction=Decimal(fraction),
            duration_ms=duration,
            qtype="single_choice",
            key_seen=key_seen,
        )
        == rating
    )
    assert scheduler.rating_for(fraction=None, duration_ms=1, qtype="essay") is None


def test_mastery_is_the_weighted_recent_mean_and_recomputable_from_the_log():
    world = make_revision_world()
    outcome = world.outcomes[1]
    questions = world.questions[outcome.pk]
    fractions = ["1", "0", "1", "1", "0.5", "1"]
    for n, (question, fraction) in enumerate(zip(questions, fractions, strict=True)):
        _record(world, question, fraction, MONDAY + dt.timedelta(hours=n))
    stored = OutcomeMastery.objects.get(student=world.student, outcome=outcome)
    log = RevisionAnswer.objects.filter(student=world.student, outcome=outcome).order_by(
        "-answered_at"
    )
    window = [[float(a.fraction), a.weight, a.answered_at.timestamp()] for a in log]
    assert stored.value == pytest.approx(mastery.mastery_value(window))
    # by hand: weights by level (biet 1, hieu 1,5, van_dung 2), decay 0,8, prior 0,5 × 1
    num, den, factor = 0.5, 1.0, 1.0
    for a in log:
        num += a.weight * factor * float(a.fraction)
        den += a.weight * factor
        factor *= 0.8
    assert stored.value == pytest.approx(num / den)
    assert mastery.band(stored.value, stored.answers).code in {"learning", "strong"}
    assert mastery.band(None, 0).code == "none"
    assert mastery.band(0.2, 4).code == "weak"


def test_an_offline_answer_is_stored_once_and_never_under_another_learner():
    world = make_revision_world()
    question = world.questions[world.outcomes[0].pk][0]
    client_id = uuid.uuid4()
    first = _record(world, question, "1", MONDAY, client_id=client_id, source=Source.OFFLINE)
    again = _record(world, question, "1", MONDAY, client_id=client_id, source=Source.OFFLINE)
    assert first.pk == again.pk
    assert RevisionAnswer.objects.count() == 1
    assert QuestionStat.objects.get(question=question).answers == 1
    with pytest.raises(PermissionDenied):
        _record(world, question, "1", MONDAY, client_id=client_id, student=world.other)


def test_the_next_question_is_near_the_learners_level_not_random():
    cands = [selection.Candidate(id=n, outcome_id=1, difficulty=n / 10) for n in range(1, 10)]
    # a weak learner (0,3) gets easy items, a strong one (0,9) hard items
    weak = selection.choose(cands, ability={1: 0.3}, seen=set(), count=3, rng=random.Random(1))
    strong = selection.choose(cands, ability={1: 0.9}, seen=set(), count=3, rng=random.Random(1))
    assert max(weak) <= 3 < min(strong)
    # p(success) of the first pick is the nearest to 0,7 among all
    best = min(cands, key=lambda c: abs(selection.success(0.3, c.difficulty) - selection.TARGET))
    assert weak[0] in {best.id, best.id + 1, best.id - 1}
    # seen questions come last; duplicates by fingerprint never together
    fresh = selection.choose(cands, ability={1: 0.3}, seen={1, 2}, count=2, rng=random.Random(1))
    assert not {1, 2} & set(fresh)
    twins = [
        selection.Candidate(id=1, outcome_id=1, difficulty=0.4, fingerprint="x"),
        selection.Candidate(id=2, outcome_id=1, difficulty=0.4, fingerprint="x"),
    ]
    assert len(selection.choose(twins, ability={}, seen=set(), count=2)) == 1
    # weakest outcome first
    spread = [
        selection.Candidate(id=100 * o + n, outcome_id=o, difficulty=0.5)
        for o in (1, 2)
        for n in (0, 5)
    ]
    assert selection.choose(spread, ability={1: 0.9, 2: 0.2}, seen=set(), count=1)[0] in {200, 205}
    # the item statistic takes over from the author's estimate
    assert selection.item_difficulty(0.2, "biet", 0, 0) == 0.2
    assert selection.item_difficulty(0.2, "biet", 180, 18.0) == pytest.approx(
        (20 * 0.2 + 180 * 0.9) / 200
    )


def test_practice_draws_fresh_questions_of_the_outcome_near_the_level():
    world = make_revision_world(per_outcome=6)
    outcome = world.outcomes[0]
    candidate = services.practice_create(
        user=world.student, subject=world.subject, grade=12, count=3, outcome=outcome
    )
    assert candidate.session.kind == ExamSession.Kind.PRACTICE
    first = set(candidate.session.paper.items.values_list("version__question_id", flat=True))
    assert len(first) == 3
    assert first <= {q.pk for q in world.questions[outcome.pk]}
    for qid in first:  # answered now: the next set of the outcome avoids them
        question = next(q for q in world.questions[outcome.pk] if q.pk == qid)
        _record(world, question, "1", dt.datetime.now(dt.UTC))
    again = services.practice_create(
        user=world.student, subject=world.subject, grade=12, count=3, outcome=outcome
    )
    second = set(again.session.paper.items.values_list("version__question_id", flat=True))
    assert not first & second
    with pytest.raises(AssemblyInfeasible):
        services.practice_create(
            user=world.student, subject=world.subject, grade=11, count=3, topic=None
        )


def test_a_confidential_pool_never_reaches_practice_or_the_queue():
    world = make_revision_world(confidential=True)
    with pytest.raises(AssemblyInfeasible):
        services.practice_create(user=world.student, subject=world.subject, grade=12, count=5)
    question = world.questions[world.outcomes[0].pk][0]
    _record(world, question, "0", MONDAY)  # (an old answer from before the pool was closed)
    assert services.review_items(user=world.student, now=MONDAY + dt.timedelta(days=1)) == []
    assert selectors.due_count(world.student, now=MONDAY + dt.timedelta(days=1)) == 0


def test_todays_queue_holds_one_fresh_question_per_due_outcome_and_starts_on_the_engine():
    world = make_revision_world()
    o1, o2, _o3 = world.outcomes
    _record(world, world.questions[o1.pk][0], "0", MONDAY)
    _record(world, world.questions[o2.pk][0], "1", MONDAY)
    tuesday = MONDAY + dt.timedelta(days=1)
    items = services.review_items(user=world.student, now=tuesday)
    assert [i.outcome_id for i in items] == [o1.pk]  # o2's right answer is due later
    assert items[0].question_id != world.questions[o1.pk][0].pk  # not the one just seen
    assert selectors.due_count(world.student, now=tuesday) == 1
    assert services.review_items(user=world.other, now=tuesday) == []
    with pytest.raises(services.NothingDue):
        services.review_start(user=world.student, now=MONDAY)  # reviewed today already
    candidate = services.review_start(user=world.student, now=tuesday)
    assert candidate.session.paper.header["revision"] == "review"
    assert candidate.session.paper.items.count() == 1


def test_the_map_and_the_weakest_list_show_the_learners_own_numbers():
    world = make_revision_world()
    o1, o2, o3 = world.outcomes
    _record(world, world.questions[o1.pk][0], "0", MONDAY)
    _record(world, world.questions[o2.pk][1], "1", MONDAY)
    topics = selectors.mastery_map(world.student, world.subject, 12)
    assert [t.topic.pk for t in topics] == [t.pk for t in world.topics]
    rows = {o.outcome.pk: o for t in topics for les in t.lessons for o in les.outcomes}
    assert rows[o1.pk].band.code == "weak" and rows[o1.pk].answers == 1
    assert rows[o3.pk].band.code == "none"
    assert topics[0].practised == 2 and topics[1].practised == 0
    weakest = selectors.weakest_outcomes(world.student)
    assert weakest[0].outcome.pk == o1.pk
    assert selectors.weakest_outcomes(world.other) == []
    subjects = selectors.subjects_for(world.student)
    assert [(s.subject, s.grade, s.practised, s.total) for s in subjects] == [
        (world.subject, 12, 2, 3)
    ]
    history = selectors.outcome_history(world.student, o1)
    assert [h.fraction for h in history] == [Decimal("0")]


def test_a_review_never_draws_an_essay_which_gives_the_scheduler_no_grade():
    from question_bank.formats.base import ParsedQuestion, QType
    from tests.question_bank.factories import make_question

    world = make_revision_world(per_outcome=1)
    outcome = world.outcomes[0]
    essay = make_question(
        world.bank,
        parsed=ParsedQuestion(qtype=QType.ESSAY, stem="<p>Trình bày cách tính.</p>", level="hieu"),
        approve=True,
        subject=world.subject,
        grade=12,
        outcome=outcome,
    )
    mc = world.questions[outcome.pk][0]
    _record(world, mc, "0", MONDAY)
    items = services.review_items(user=world.student, now=MONDAY + dt.timedelta(days=1))
    # the multiple-choice one again (seen, but the only one marked automatically)
    assert [i.question_id for i in items] == [mc.pk] != [essay.pk]
