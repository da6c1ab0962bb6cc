"""Typo tolerance that behaves the same on every backend.

Vietnamese is written in syllables, and the folded syllables of a whole library are a small
vocabulary (a few thousand words plus some foreign ones). A query word that is not in it —
"hia" in "phuong trinh bac hia" — is replaced by the known words one edit away (insertion,
deletion, substitution or a swap of two neighbouring letters), most frequent first. This is
the symmetric-delete method: every vocabulary word is filed under the strings one deletion
away from it, so candidates are found by a few dictionary look-ups, not by a scan.

The vocabulary (:class:`~search.models.SearchTerm`) grows as documents are indexed; the
rebuild command recounts it. Each process keeps it in memory and reloads it when the
shared cache says another process added words.

A suggestion must not reveal a word the asker may not read, so words are counted per
audience (:func:`document_tiers`): the *public* vocabulary holds the words of published
public materials and serves anonymous visitors, students and every role that does not
search the question bank; the *staff* one adds every published material and the approved
questions of shared banks (never a private bank or a confidential exam pool) for staff who
do. Finer, per-area vocabularies would cost a table per area; a staff member may meet a
word of another school's shared bank, never one of a private bank or a pool.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterable

from django.apps import apps
from django.core.cache import cache
from django.db import transaction

from common.vietnamese import fold
from question_bank.permissions import can_search_questions
from search.models import Audience, SearchDocument, SearchTerm

VERSION_KEY = "search:vocabulary:version"
PUBLIC, STAFF = "public", "staff"
#: The SearchTerm column that counts each vocabulary's documents.
TIER_FIELDS = {PUBLIC: "public_frequency", STAFF: "staff_frequency"}
_WORD = re.compile(r"[a-z]{2,40}")
MIN_LENGTH = 3  # shorter words have too many neighbours to correct safely
MAX_CANDIDATES = 3


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def edit_distance_at_most_one(a: str, b: str) -> bool:
    """True if ``a`` becomes ``b`` with at most one insertion, deletion, substitution or
    swap of adjacent letters."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    if la > lb:
        a, b = b, a
    # b is one longer: deleting one letter of b gives a.
    return any(b[:i] + b[i + 1 :] == a for i in range(len(b)))


class Vocabulary:
    def __init__(self, frequencies: dict[str, int]):
        self.frequencies = frequencies
        self.by_delete: dict[str, list[str]] = {}
        for word in frequencies:
            for key in _deletes(word) | {word}:
                self.by_delete.setdefault(key, []).append(word)

    def __contains__(self, word: str) -> bool:
        return word in self.frequencies

    def candidates(self, word: str) -> list[str]:
        """Known words one edit from ``word``, most frequent first."""
        found: set[str] = set()
        for key in _deletes(word) | {word}:
            for known in self.by_delete.get(key, ()):
                if known != word and edit_distance_at_most_one(word, known):
                    found.add(known)
        # Swapped letters are the commonest slip on a phone keyboard: those first.
        letters = sorted(word)
        return sorted(found, key=lambda w: (sorted(w) != letters, -self.frequencies[w], w))[
            :MAX_CANDIDATES
        ]


def vocabulary_tier(user) -> str:
    """The vocabulary whose words may be suggested to ``user``."""
    return STAFF if can_search_questions(user) else PUBLIC


def confidential_bank_ids() -> set[int]:
    QuestionBank = apps.get_model("question_bank", "QuestionBank")
    return set(QuestionBank.objects.filter(confidential=True).values_list("pk", flat=True))


def document_tiers(
    *, audience: str, live: bool, scope: str, bank_id: int | None, confidential: set[int]
) -> frozenset[str]:
    """The vocabularies a search document's words go to (``confidential``: the ids of the
    confidential banks)."""
    if not live:
        return frozenset()
    if audience == Audience.MATERIAL:
        return frozenset({PUBLIC, STAFF}) if scope == "public" else frozenset({STAFF})
    if audience == Audience.QUESTION and scope != "private" and bank_id not in confidential:
        return frozenset({STAFF})
    return frozenset()


def tiers_of(doc: SearchDocument) -> frozenset[str]:
    confidential = confidential_bank_ids() if doc.audience == Audience.QUESTION else set()
    return document_tiers(
        audience=doc.audience,
        live=doc.live,
        scope=doc.scope,
        bank_id=doc.bank_id,
        confidential=confidential,
    )


_lock = threading.Lock()
_loaded: dict[str, tuple[object, Vocabulary]] = {}


def vocabulary(tier: str = PUBLIC) -> Vocabulary:
    """This process's copy of the ``tier`` vocabulary, reloaded when another process
    changed the vocabulary."""
    field = TIER_FIELDS[tier]
    version = cache.get(VERSION_KEY, 0)
    loaded = _loaded.get(tier)
    if loaded is not None and loaded[0] == version:
        return loaded[1]
    with _lock:
        rows = SearchTerm.objects.filter(**{f"{field}__gt": 0}).values_list("word", field)
        vocab = Vocabulary(dict(rows))
        _loaded[tier] = (version, vocab)
    return vocab


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)


def _bump_now_and_on_commit() -> None:
    # Now, for this process; after commit, for processes that reloaded in between.
    _bump()
    transaction.on_commit(_bump)


def vocabulary_add(texts: Iterable[str], *, tiers: Iterable[str] = ()) -> int:
    """Add the words of ``texts`` to the vocabulary and to each of ``tiers``; returns how
    many were new to the vocabulary."""
    found = set()
    for text in texts:
        found.update(words(text))
    if not found:
        return 0
    tiers = set(tiers)
    known = set(SearchTerm.objects.filter(word__in=found).values_list("word", flat=True))
    new = found - known
    changed = 0
    if new:
        counts = {TIER_FIELDS[t]: 1 for t in tiers}
        SearchTerm.objects.bulk_create(
            [SearchTerm(word=w, frequency=1, **counts) for w in sorted(new)],
            ignore_conflicts=True,
        )
        changed += len(new)
    for tier in tiers:
        field = TIER_FIELDS[tier]
        missing = SearchTerm.objects.filter(word__in=known, **{field: 0})
        changed += missing.update(**{field: 1}) if known else 0
    if changed:
        _bump_now_and_on_commit()
    return len(new)


def vocabulary_rebuild() -> int:
    """Recount the vocabularies from the text of every search document (the rebuild
    command); returns how many words there are."""
    confidential = confidential_bank_ids()
    counts: Counter[str] = Counter()
    by_tier: dict[str, Counter[str]] = {tier: Counter() for tier in TIER_FIELDS}
    rows = SearchDocument.objects.values_list(
        "title", "body", "audience", "live", "scope", "bank_id"
    )
    for title, body, audience, live, scope, bank_id in rows.iterator():
        found = set(words(f"{title} {body}"))
        counts.update(found)
        tiers = document_tiers(
            audience=audience, live=live, scope=scope, bank_id=bank_id, confidential=confidential
        )
        for tier in tiers:
            by_tier[tier].update(found)
    with transaction.atomic():
        SearchTerm.objects.all().delete()
        SearchTerm.objects.bulk_create(
            [
                SearchTerm(
                    word=w,
                    frequency=n,
                    **{TIER_FIELDS[t]: c[w] for t, c in by_tier.items()},
                )
                for w, n in counts.items()
            ],
            batch_size=2000,
        )
    _bump_now_and_on_commit()
    return len(counts)


def corrections(query_words: list[str], *, tier: str = PUBLIC) -> dict[str, list[str]]:
    """For each query word the ``tier`` vocabulary does not know, its known words to use
    instead (the public vocabulary unless the caller knows who asks)."""
    vocab = vocabulary(tier)
    if not vocab.frequencies:
        return {}
    out = {}
    for word in query_words:
        if len(word) < MIN_LENGTH or not word.isalpha() or word in vocab:
            continue
        found = vocab.candidates(word)
        if found:
            out[word] = found
    return out
