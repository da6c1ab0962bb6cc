"""When a learning outcome comes back for review: FSRS through the maintained ``fsrs`` package.

The card is the skill (one learner × one learning outcome), not a question: each review
draws a question of that outcome the learner has not seen recently (:mod:`.selection`).

Day-level reviews. The scheduler runs without learning or relearning steps, so every
review schedules in whole days (a wrong answer: due the next day), which is how a daily
queue works. Every graded answer of an outcome is a review of its card, in time order:
several answers on one day are same-day reviews, which FSRS-6 models itself (its
short-term stability), and they are all in the review log the optimiser reads. An answer
older than the card's last review (a late offline sync) changes mastery only.

Grade → rating (documented rule, :func:`rating_for`):

* an essay (not marked automatically): no review;
* fraction < 0,5 (a wrong choice; Đúng/Sai with 0–2 of 4 statements right, 0,1/0,25
  points): **Again**;
* 0,5 ≤ fraction < 1 (Đúng/Sai with 3 of 4 right; partly right multiple response): **Hard**;
* fraction = 1 after the key was already shown in this sitting, or slower than twice the
  expected time for the type: **Hard**;
* fraction = 1 faster than a third of the expected time: **Easy**;
* fraction = 1 otherwise: **Good**.

The expected times (``EXPECTED_SECONDS``) are the 2025 papers' budgets: about a minute per
multiple-choice question, two per Đúng/Sai group or short answer. Fuzzing (a random spread
of due dates) follows ``settings.REVISION_FSRS_FUZZING`` (off in tests, so their due dates
equal those ``fsrs`` computes).
"""

import datetime as dt
from decimal import Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from fsrs import Card, Rating, Scheduler, State

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
HALF = Decimal("0.5")
#: Seconds a learner is expected to spend on one question of the type.
EXPECTED_SECONDS = {
    "single_choice": 60,
    "multiple_response": 90,
    "true_false": 120,
    "short_numeric": 120,
    "short_text": 90,
    "cloze": 120,
    "matching": 120,
    "ordering": 120,
}
DEFAULT_SECONDS = 90

__all__ = ["LOCAL_TZ", "Card", "Rating", "State", "local_today", "rating_for", "scheduler"]


@lru_cache(maxsize=2)
def _scheduler(fuzzing: bool) -> Scheduler:
    return Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=fuzzing)


def scheduler() -> Scheduler:
    """The FSRS scheduler with the default parameters (re-optimise from ``SkillReview``)."""
    return _scheduler(bool(getattr(settings, "REVISION_FSRS_FUZZING", True)))


def rating_for(
    *, fraction: Decimal | None, duration_ms: int | None, qtype: str, key_seen: bool = False
) -> Rating | None:
    """The FSRS rating of one graded answer (the rule in the module docstring)."""
    if fraction is None:
        return None
    if fraction < HALF:
        return Rating.Again
    if fraction < 1 or key_seen:
        return Rating.Hard
    if duration_ms is None:
        return Rating.Good
    expected = EXPECTED_SECONDS.get(qtype, DEFAULT_SECONDS) * 1000
    if duration_ms > 2 * expected:
        return Rating.Hard
    if duration_ms < expected / 3:
        return Rating.Easy
    return Rating.Good


def local_today(now: dt.datetime | None = None) -> dt.date:
    """Today in Việt Nam."""
    return (now or timezone.now()).astimezone(LOCAL_TZ).date()


def day_start(day: dt.date) -> dt.datetime:
    """Midnight at the start of ``day`` in Việt Nam (aware)."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=LOCAL_TZ)


def day_end(day: dt.date) -> dt.datetime:
    """Midnight at the end of ``day`` in Việt Nam (aware): a card due before it is due
    that day."""
    return day_start(day + dt.timedelta(days=1))


def card_of(row) -> Card:
    """The ``fsrs.Card`` of a :class:`~lms.revision.models.SkillCard` (``None``: a new card)."""
    if row is None or row.stability is None:
        return Card(card_id=getattr(row, "pk", None) or 1)
    return Card(
        card_id=row.pk or 1,
        state=State(row.state),
        step=row.step,
        stability=row.stability,
        difficulty=row.difficulty,
        due=row.due,
        last_review=row.last_review,
    )


def review(card: Card, rating: Rating, when: dt.datetime, duration_ms: int | None) -> Card:
    """The card after one review at ``when`` (``fsrs`` computes everything)."""
    after, _log = scheduler().review_card(card, rating, when, review_duration=duration_ms)
    return after
