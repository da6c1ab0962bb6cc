"""The next best questions for a learner: near their level, spread over their weak outcomes,
not seen recently.

The rule (a one-parameter logistic model, the Rasch idea on a 0–1 scale):

* **Item difficulty** b (0 easy … 1 hard): the author's estimate (``Question.difficulty``;
  when missing, by level: Biết 0,3, Hiểu 0,5, Vận dụng 0,7, Vận dụng cao 0,85), blended with
  the item statistic when learners have answered it in revision
  (:class:`~lms.revision.models.QuestionStat`): b = (K·b_author + n·(1 − mean fraction)) /
  (K + n), K = 20, so the data takes over after a few dozen answers.
* **Learner's level** a on the outcome: their mastery (:mod:`.mastery`); for an outcome
  they have not practised, the mean of their measured outcomes among the candidates, else
  0,5.
* **Expected success** p = 1 / (1 + e^(−5·(a − b))). The chosen question is the one whose p is
  nearest ``TARGET`` = 0,7: hard enough to learn from, easy enough not to discourage (the
  "desirable difficulty" zone of adaptive practice systems), with a small random jitter so
  two sets of the same topic differ.
* **Spread**: the outcomes are served round-robin from the weakest (lowest a) up, so a
  10-question set of a chapter covers its weak outcomes first; two questions with the same
  fingerprint (near-duplicates) never go together.
* **Fresh**: questions the learner answered in the last ``REVISION_NO_REPEAT_DAYS`` days are
  used only when an outcome has nothing else (the pool is exhausted).

Uniform random choice is what the rule replaces; :func:`choose` is pure (no database) so
the benchmark and the tests call it directly.
"""

import datetime as dt
import math
import random
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from lms.revision.models import OutcomeMastery, QuestionStat, RevisionAnswer

TARGET = 0.7
SLOPE = 5.0
PRIOR_ANSWERS = 20
JITTER = 0.04
LEVEL_DIFFICULTY = {"biet": 0.3, "hieu": 0.5, "van_dung": 0.7, "van_dung_cao": 0.85}
DEFAULT_ABILITY = 0.5


@dataclass(frozen=True)
class Candidate:
    id: int
    outcome_id: int | None
    difficulty: float  # blended b, 0–1
    fingerprint: str = ""


def item_difficulty(author: float | None, level_code: str | None, answers: int, right_sum: float):
    """b: the author's difficulty (or the level's) blended with the item statistic."""
    base = author if author is not None else LEVEL_DIFFICULTY.get(level_code or "", 0.5)
    if not answers:
        return base
    empirical = 1.0 - right_sum / answers
    return (PRIOR_ANSWERS * base + answers * empirical) / (PRIOR_ANSWERS + answers)


def success(ability: float, difficulty: float) -> float:
    return 1.0 / (1.0 + math.exp(-SLOPE * (ability - difficulty)))


def _ability_of(ability: dict, outcomes) -> dict:
    known = [ability[o] for o in outcomes if o in ability]
    default = sum(known) / len(known) if known else DEFAULT_ABILITY
    return {o: ability.get(o, default) for o in outcomes}


def _ranked(cands: list[Candidate], level: float, seen: set[int], rng) -> list[Candidate]:
    """Candidates of one outcome, best first: fresh before seen, then nearest TARGET."""
    return sorted(
        cands,
        key=lambda c: (
            c.id in seen,
            abs(success(level, c.difficulty) - TARGET) + rng.uniform(0, JITTER),
        ),
    )


def choose(
    candidates: list[Candidate],
    *,
    ability: dict,
    seen: set[int],
    count: int,
    rng: random.Random | None = None,
) -> list[int]:
    """``count`` question ids (fewer if the pool is smaller), by the rule above."""
    rng = rng or random.Random()  # noqa: S311 (a choice of practice questions, not a secret)
    by_outcome: dict = defaultdict(list)
    for cand in candidates:
        by_outcome[cand.outcome_id].append(cand)
    levels = _ability_of(ability, list(by_outcome))
    order = sorted(by_outcome, key=lambda o: (levels[o], rng.random()))
    queues = {o: _ranked(by_outcome[o], levels[o], seen, rng) for o in order}
    chosen: list[int] = []
    fingerprints: set[str] = set()
    while len(chosen) < count and any(queues.values()):
        for outcome in order:
            queue = queues[outcome]
            while queue:
                cand = queue.pop(0)
                if cand.fingerprint and cand.fingerprint in fingerprints:
                    continue
                chosen.append(cand.id)
                if cand.fingerprint:
                    fingerprints.add(cand.fingerprint)
                break
            if len(chosen) >= count:
                break
    return chosen


# --- From the database -------------------------------------------------------------------
def recently_seen(user_id: int, question_ids, *, now=None) -> set[int]:
    """Of ``question_ids``, those the learner answered within the no-repeat window (the
    learner's recent answers by their index, intersected here: no list of ids is sent)."""
    days = getattr(settings, "REVISION_NO_REPEAT_DAYS", 7)
    since = (now or timezone.now()) - dt.timedelta(days=days)
    recent = set(
        RevisionAnswer.objects.filter(student_id=user_id, answered_at__gte=since).values_list(
            "question_id", flat=True
        )
    )
    return recent & set(question_ids)


def abilities(user_id: int, outcome_ids) -> dict[int, float]:
    return dict(
        OutcomeMastery.objects.filter(
            student_id=user_id, outcome_id__in=list(outcome_ids)
        ).values_list("outcome_id", "value")
    )


def candidates_from(rows: list[dict]) -> list[Candidate]:
    """Candidates from pool rows (``POOL_FIELDS``: the question, its difficulty, outcome,
    level and fingerprint, and its revision statistic joined in), with the item statistic
    blended in. Rows without the statistic's columns read it in one more query."""
    if rows and STAT_ANSWERS not in rows[0]:
        stats = {
            q: (n, total)
            for q, n, total in QuestionStat.objects.filter(
                question_id__in=[r["pk"] for r in rows]
            ).values_list("question_id", "answers", "right_sum")
        }
        rows = [
            {
                **r,
                STAT_ANSWERS: stats.get(r["pk"], (0, 0.0))[0],
                STAT_SUM: stats.get(r["pk"], (0, 0.0))[1],
            }
            for r in rows
        ]
    return [
        Candidate(
            id=row["pk"],
            outcome_id=row.get("outcome_id"),
            difficulty=item_difficulty(
                row.get("difficulty"),
                row.get("level__code"),
                row[STAT_ANSWERS] or 0,
                row[STAT_SUM] or 0.0,
            ),
            fingerprint=row.get("fingerprint") or "",
        )
        for row in rows
    ]


STAT_ANSWERS = "revision_stat__answers"
STAT_SUM = "revision_stat__right_sum"
POOL_FIELDS = (
    "pk",
    "difficulty",
    "outcome_id",
    "level__code",
    "fingerprint",
    "part",
    "qtype",
    STAT_ANSWERS,
    STAT_SUM,
)


def pick(*, user, rows: list[dict], count: int, now=None, rng=None) -> list[int]:
    """The next ``count`` questions for ``user`` among pool ``rows`` (``POOL_FIELDS``)."""
    cands = candidates_from(rows)
    outcomes = {c.outcome_id for c in cands if c.outcome_id}
    return choose(
        cands,
        ability=abilities(user.pk, outcomes),
        seen=recently_seen(user.pk, [c.id for c in cands], now=now),
        count=count,
        rng=rng,
    )
