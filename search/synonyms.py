"""Spelling variants and abbreviations Vietnamese teachers use interchangeably.

Keys and values are folded (no diacritics). A query word matches its variants too:
"kì"/"kỳ" are both correct spellings, "sgk" is how everyone writes "sách giáo khoa".

* Spelling variants (i/y after a consonant) are fixed, in code.
* Abbreviations are data: :class:`search.models.Abbreviation`, which librarians extend in
  the admin, first filled from ``search/data/abbreviations.yaml`` (read directly while the
  table is empty or not migrated yet). Each process keeps a copy and re-reads it when the
  shared cache says the list changed (:func:`table_changed`, on every save and delete).

A query word that is an abbreviation also matches the phrases it stands for ("bdt" →
"bat dang thuc", as a phrase on every backend: :func:`expansions`). The other way round, at
indexing time, text that has "trung học phổ thông" also gets the word "thpt"
(:func:`abbreviations`, called by ``common.vietnamese.search_companion``), so documents
written with the phrase rank with those written with the abbreviation.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from common.vietnamese import fold

DATA_FILE = Path(__file__).resolve().parent / "data" / "abbreviations.yaml"
VERSION_KEY = "search:abbreviations:version"
#: Seconds a process trusts its copy before asking the shared cache for the version.
CHECK_EVERY = 2.0

# i/y after k, l, m, s, t… are both accepted spellings of the same syllable.
_IY = ["ki", "ky", "li", "ly", "mi", "my", "si", "sy", "ti", "ty", "hi", "hy", "qui", "quy"]
SPELLING: dict[str, list[str]] = {}
for _i in range(0, len(_IY), 2):
    SPELLING.setdefault(_IY[_i], []).append(_IY[_i + 1])
    SPELLING.setdefault(_IY[_i + 1], []).append(_IY[_i])


def abbreviation_key(text: str) -> str:
    """The folded form an abbreviation is known by ("BĐT" → "bdt")."""
    return "".join(fold(text).split())


def phrase_key(text: str) -> str:
    """A phrase as the folded words a query or the companion text has."""
    return " ".join(re.findall(r"\w+", fold(text)))


def data_file_entries() -> list[dict]:
    """The abbreviations of ``search/data/abbreviations.yaml``: dicts with
    ``abbreviation``, ``expansions`` (a list) and ``subject``."""
    import yaml

    rows = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8")) or []
    return [
        {
            "abbreviation": str(row["abbreviation"]),
            "expansions": [str(e) for e in row.get("expansions") or []],
            "subject": str(row.get("subject") or ""),
        }
        for row in rows
    ]


@dataclass
class Table:
    """The variants of each folded word: single words and phrases."""

    synonyms: dict[str, list[str]] = field(default_factory=dict)
    #: Phrase → the abbreviations that stand for it ("trung hoc pho thong" → ["thpt"]).
    phrases: dict[str, list[str]] = field(default_factory=dict)
    pattern: re.Pattern | None = None
    phrase_list: list[str] = field(default_factory=list)


def _pattern(phrase: str) -> str:
    # Each syllable in any of its spellings: "hoc ki" also finds "hoc ky".
    return r"\s+".join(
        "(?:" + "|".join(map(re.escape, [w, *SPELLING.get(w, [])])) + ")" for w in phrase.split()
    )


def table_build(entries: list[tuple[str, list[str]]]) -> Table:
    """The table for (abbreviation, expansions) pairs, plus the spelling variants."""
    table = Table(synonyms={k: list(v) for k, v in SPELLING.items()})
    for abbreviation, expansions in entries:
        key = abbreviation_key(abbreviation)
        if not key:
            continue
        for expansion in expansions:
            long = phrase_key(expansion)
            if not long or long == key:
                continue
            table.synonyms.setdefault(key, [])
            if long not in table.synonyms[key]:
                table.synonyms[key].append(long)
            if " " in long:
                found = table.phrases.setdefault(long, [])
                if key not in found:
                    found.append(key)
    table.phrase_list = list(table.phrases)
    if table.phrase_list:
        # Every phrase in one pattern, a group each, so one pass over the text finds them
        # all; longer phrases first, so the longest one at a place wins.
        table.phrase_list.sort(key=lambda p: (-len(p), p))
        groups = "|".join(f"({_pattern(p)})" for p in table.phrase_list)
        table.pattern = re.compile(r"\b(?:" + groups + r")\b")
    return table


def _entries() -> list[tuple[str, list[str]]]:
    """The abbreviations of the admin's list; of the data file while the list is empty or
    its table does not exist yet (early migrations, a database not migrated)."""
    from django.db import DatabaseError, transaction

    try:
        from search.models import Abbreviation

        # A savepoint: on PostgreSQL a failed statement would abort the caller's transaction.
        with transaction.atomic():
            rows = [
                (a.abbreviation, a.expansion_list()) for a in Abbreviation.objects.order_by("pk")
            ]
    except (DatabaseError, RuntimeError):  # RuntimeError: no database here (tests, tools)
        rows = []
    if rows:
        return rows
    return [(e["abbreviation"], e["expansions"]) for e in data_file_entries()]


_lock = threading.Lock()
_state: dict[str, object] = {"table": None, "version": None, "checked": 0.0}


def _version():
    from django.core.cache import cache

    try:
        return cache.get(VERSION_KEY, 0)
    except Exception:  # an unreachable cache must not stop searching: keep the copy
        return _state["version"]


def table() -> Table:
    """This process's copy of the variants, re-read when the list changed."""
    now = time.monotonic()
    current = _state["table"]
    if current is not None and now - _state["checked"] < CHECK_EVERY:
        return current
    version = _version()
    if current is not None and version == _state["version"]:
        _state["checked"] = now
        return current
    with _lock:
        built = table_build(_entries())
        _state.update(table=built, version=version, checked=now)
    return built


def table_changed() -> None:
    """Tell every process (and this one, now) that the abbreviations changed."""
    from django.core.cache import cache

    _state.update(table=None, checked=0.0)
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)


def variants(word: str) -> list[str]:
    """Other single-word spellings of the folded ``word``, to match with it in a query."""
    return [v for v in table().synonyms.get(word, []) if " " not in v]


def expansions(word: str) -> list[str]:
    """The phrases the folded ``word`` abbreviates ("bdt" → ["bat dang thuc"])."""
    return [v for v in table().synonyms.get(word, []) if " " in v]


def known(word: str) -> bool:
    """True if ``word`` is a listed variant or abbreviation (so not a typo to correct)."""
    return word in table().synonyms


def abbreviations(folded: str) -> list[str]:
    """The abbreviations of the phrases found in the folded ``folded`` text, once each."""
    current = table()
    if current.pattern is None:
        return []
    found: list[str] = []
    _scan(current, folded, 0, len(folded), found)
    return found


def _scan(current: Table, text: str, start: int, end: int, found: list[str]) -> None:
    """Add the abbreviations of the phrases in ``text[start:end]`` to ``found``, and of
    the shorter phrases inside each ("thi tot nghiep trung hoc pho thong" also has "trung
    hoc pho thong")."""
    pos = start
    while match := current.pattern.search(text, pos, end):
        phrase = current.phrase_list[match.lastindex - 1]
        found.extend(a for a in current.phrases[phrase] if a not in found)
        if " " in phrase:
            first_space = text.find(" ", match.start(), match.end())
            last_space = text.rfind(" ", match.start(), match.end())
            _scan(current, text, match.start(), last_space, found)
            _scan(current, text, first_space + 1, match.end(), found)
        pos = match.end()
