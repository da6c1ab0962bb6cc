"""Words typed in Telex with the input method off: "tichs phaan" for "tích phân".

On a phone or a borrowed computer the Vietnamese keyboard is often off, and the keys of
Telex stay in the text: a doubled vowel for the circumflex ("aa" → â), ``w`` for the breve
and the horn ("aw" → ă, "ow" → ơ, "uw" → ư), ``dd`` for đ and a tone letter after the
vowels (s sắc, f huyền, r hỏi, x ngã, j nặng). :func:`decode` turns such a word back into
the syllable, or says it is not one. Whether a decoded query is *confident* enough to search
as if it had been typed with marks is for the caller to decide (``search.query``).
"""

from __future__ import annotations

import re

from common.vietnamese import nfc

_TONE_MARKS = {"s": "\u0301", "f": "\u0300", "r": "\u0309", "x": "\u0303", "j": "\u0323"}
_CIRCUMFLEX = {"a": "â", "e": "ê", "o": "ô"}
_VOWELS = set("aăâeêioôơuưy")
_SHAPED = set("ăâêôơư")
_LETTERS = re.compile(r"[a-z]{2,12}")
# A Vietnamese syllable without its tone: onset, vowels, final consonant.
_SYLLABLE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"([aăâeêioôơuưy]{1,3})(ch|ng|nh|[cmnpt])?"
)
# Rhymes Vietnamese does not have, from "ow" typed where "uow" was meant ("trowngf").
_HORN_FIX = {"ơng": "ương", "ơc": "ước"}


def _shape(letters: list[str]) -> None:
    """Apply a ``w`` to the last plain a, o or u typed (u and o together: ươ); alone, it
    is ư."""
    plain = [i for i, c in enumerate(letters) if c in "aou"]
    if not plain:
        letters.append("ư")
        return
    i = plain[-1]
    if letters[i] == "a":
        letters[i] = "ă"
    elif letters[i] == "u":
        letters[i] = "ư"
    else:
        letters[i] = "ơ"
        if i > 0 and letters[i - 1] == "u" and not (i > 1 and letters[i - 2] == "q"):
            letters[i - 1] = "ư"


def _place_tone(syllable: str, tone: str) -> str:
    match = _SYLLABLE.fullmatch(syllable)
    onset, vowels, final = match.group(1) or "", match.group(2), match.group(3) or ""
    start = len(onset)
    if "ươ" in vowels:
        index = vowels.index("ươ") + 1
    elif any(v in _SHAPED for v in vowels):
        index = max(i for i, v in enumerate(vowels) if v in _SHAPED)
    elif final or len(vowels) == 1:
        index = len(vowels) - 1
    elif len(vowels) == 3:
        index = 1
    else:
        index = 0
    pos = start + index
    marked = nfc(syllable[pos] + _TONE_MARKS[tone])
    return syllable[:pos] + marked + syllable[pos + 1 :]


def decode(word: str) -> str | None:
    """The syllable the folded ``word`` spells in Telex ("ddieenj" → "điện"), or None when
    it has no Telex key or does not make a Vietnamese syllable."""
    if not _LETTERS.fullmatch(word):
        return None
    letters: list[str] = []
    tone = ""
    keyed = False
    for ch in word:
        seen_vowel = any(c in _VOWELS for c in letters)
        if ch == "d" and letters == ["d"]:
            letters[0], keyed = "đ", True
        elif ch in _CIRCUMFLEX and letters and letters[-1] == ch:
            letters[-1], keyed = _CIRCUMFLEX[ch], True
        elif ch == "w":
            _shape(letters)
            keyed = True
        elif ch in _TONE_MARKS and seen_vowel:
            if tone:
                return None
            tone, keyed = ch, True
        else:
            letters.append(ch)
    if not keyed:
        return None
    syllable = "".join(letters)
    for wrong, right in _HORN_FIX.items():
        if syllable.endswith(wrong) and not syllable.endswith(right):
            syllable = syllable[: -len(wrong)] + right
    if not _SYLLABLE.fullmatch(syllable):
        return None
    return _place_tone(syllable, tone) if tone else syllable
