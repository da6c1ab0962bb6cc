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
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction

from search.models import SearchTerm
from search.vietnamese import fold

VERSION_KEY = "search:vocabulary:version"
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


_lock = threading.Lock()
_loaded: tuple[object, Vocabulary] | None = None


def vocabulary() -> Vocabulary:
    """This process's copy of the vocabulary, reloaded when another process changed it."""
    global _loaded
    version = cache.get(VERSION_KEY, 0)
    loaded = _loaded
    if loaded is not None and loaded[0] == version:
        return loaded[1]
    with _lock:
        vocab = Vocabulary(dict(SearchTerm.objects.values_list("word", "frequency")))
        _loaded = (version, vocab)
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


def vocabulary_add(texts: Iterable[str]) -> int:
    """Add the new words of ``texts`` to the vocabulary; returns how many were new."""
    found = set()
    for text in texts:
        found.update(words(text))
    if not found:
        return 0
    known = set(SearchTerm.objects.filter(word__in=found).values_list("word", flat=True))
    new = found - known
    if new:
        SearchTerm.objects.bulk_create(
            [SearchTerm(word=w, frequency=1) for w in sorted(new)], ignore_conflicts=True
        )
        _bump_now_and_on_commit()
    return len(new)


def vocabulary_rebuild(texts: Iterable[str]) -> int:
    """Recount the vocabulary from the text of every document (the rebuild command)."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(set(words(text)))
    with transaction.atomic():
        SearchTerm.objects.all().delete()
        SearchTerm.objects.bulk_create(
            [SearchTerm(word=w, frequency=n) for w, n in counts.items()], batch_size=2000
        )
    _bump_now_and_on_commit()
    return len(counts)


def corrections(query_words: list[str]) -> dict[str, list[str]]:
    """For each query word the vocabulary does not know, the known words to use instead."""
    vocab = vocabulary()
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
