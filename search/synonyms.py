"""Spelling variants and abbreviations Vietnamese teachers use interchangeably.

Keys and values are folded (no diacritics). A query word matches its variants too:
"kì"/"kỳ" are both correct spellings, "sgk" is how everyone writes "sách giáo khoa".

Single-word variants are added to the query. An abbreviation of several words works the
other way round, at indexing time: text that has "trung học phổ thông" also gets the word
"thpt" (:func:`abbreviations`, called by ``search.vietnamese.search_companion``), so the
query "THPT" is one word on every backend, not a phrase to look up in every document.
"""

import re

# i/y after k, l, m, s, t… are both accepted spellings of the same syllable.
_IY = ["ki", "ky", "li", "ly", "mi", "my", "si", "sy", "ti", "ty", "hi", "hy", "qui", "quy"]

SYNONYMS: dict[str, list[str]] = {
    "sgk": ["sach giao khoa"],
    "sbt": ["sach bai tap"],
    "sgv": ["sach giao vien"],
    "thpt": ["trung hoc pho thong"],
    "thcs": ["trung hoc co so"],
    "gdpt": ["giao duc pho thong"],
    "ktra": ["kiem tra"],
    "kt": ["kiem tra"],
    "ptbh": ["phuong trinh bac hai"],
    "hk": ["hoc ki"],
    "gk": ["giua ki"],
    "elearning": ["bai giang dien tu"],
    "ebook": ["sach dien tu"],
    "tracnghiem": ["trac nghiem"],
}
for _i in range(0, len(_IY), 2):
    SYNONYMS.setdefault(_IY[_i], []).append(_IY[_i + 1])
    SYNONYMS.setdefault(_IY[_i + 1], []).append(_IY[_i])

#: Phrase → the abbreviations that stand for it ("trung hoc pho thong" → ["thpt"]).
ABBREVIATIONS: dict[str, list[str]] = {}
for _short, _longs in SYNONYMS.items():
    for _long in _longs:
        if " " in _long:
            ABBREVIATIONS.setdefault(_long, []).append(_short)


def _pattern(phrase: str) -> str:
    # Each syllable in any of its spellings: "hoc ki" also finds "hoc ky".
    return r"\s+".join(
        "(?:" + "|".join(map(re.escape, [w, *SYNONYMS.get(w, [])])) + ")" for w in phrase.split()
    )


_PHRASE_LIST = list(ABBREVIATIONS)
#: Every phrase in one pattern, a group each, so one pass over the text finds them all.
_PHRASES = re.compile(r"\b(?:" + "|".join(f"({_pattern(p)})" for p in _PHRASE_LIST) + r")\b")


def variants(word: str) -> list[str]:
    """Other single-word spellings of the folded ``word``, to match with it in a query."""
    return [v for v in SYNONYMS.get(word, []) if " " not in v]


def known(word: str) -> bool:
    """True if ``word`` is a listed variant or abbreviation (so not a typo to correct)."""
    return word in SYNONYMS


def abbreviations(folded: str) -> list[str]:
    """The abbreviations of the phrases found in the folded ``folded`` text, once each."""
    found: list[str] = []
    for match in _PHRASES.finditer(folded):
        phrase = _PHRASE_LIST[match.lastindex - 1]
        found.extend(a for a in ABBREVIATIONS[phrase] if a not in found)
    return found
