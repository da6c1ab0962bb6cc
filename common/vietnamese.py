"""Vietnamese text for matching: NFC, folding and tone keys.

Three forms of one text take part in search:

* the text itself, NFC, which every backend indexes with its own analysis;
* :func:`fold` — lower case, no diacritics, ``đ`` → ``d``: "Đề kiểm tra" → "de kiem tra";
* :func:`tone_key` — each accented syllable spelt in ASCII the way Telex types it, with the
  tone mark last: "học liệu" → "hocj lieeuj", "hoà"/"hòa" → "hoaf", "thuỷ"/"thủy" → "thuyr".

The folded form makes unaccented queries match; the tone keys let a query with accents
match its exact spelling more strongly than other accent variants, on every backend alike,
because both forms are plain ASCII words that no analyzer changes. Old and new tone
placement give the same key since the tone is moved to the end.
"""

import re
import unicodedata
from collections.abc import Callable

# Combining marks as found after NFD decomposition of Vietnamese letters.
_TONES = {
    "\u0301": "s",  # sắc
    "\u0300": "f",  # huyền
    "\u0309": "r",  # hỏi
    "\u0303": "x",  # ngã
    "\u0323": "j",  # nặng
}
_SHAPES = {
    "\u0302": {"a": "aa", "e": "ee", "o": "oo"},  # circumflex â ê ô
    "\u0306": {"a": "aw"},  # breve ă
    "\u031b": {"o": "ow", "u": "uw"},  # horn ơ ư
}
_WORD = re.compile(r"\w+", re.UNICODE)


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the form hoclieu stores."""
    return unicodedata.normalize("NFC", text or "")


def fold(text: str) -> str:
    """Lower-case ``text`` and strip every diacritic; ``đ`` becomes ``d``."""
    decomposed = unicodedata.normalize("NFD", (text or "").lower().replace("đ", "d"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def _syllable_key(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.lower())
    out: list[str] = []
    tone = ""
    for ch in decomposed:
        if ch in _TONES:
            tone = _TONES[ch]
        elif ch in _SHAPES and out:
            base = out[-1]
            out[-1] = _SHAPES[ch].get(base, base)
        elif unicodedata.combining(ch):
            continue
        elif ch == "đ":
            out.append("dd")
        else:
            out.append(ch)
    return "".join(out) + tone


def tone_key(text: str) -> str:
    """Spell every word with Vietnamese marks in Telex form, tone last; keep others folded."""
    return " ".join(_syllable_key(word) for word in _WORD.findall(nfc(text)))


def accented_keys(text: str) -> list[str]:
    """Tone keys of just the words that carry a Vietnamese mark (those that differ from fold)."""
    keys = []
    for word in _WORD.findall(nfc(text)):
        key = _syllable_key(word)
        if key != fold(word):
            keys.append(key)
    return keys


def search_companion(*texts: str) -> str:
    """The extra text indexed beside ``texts``: their folded form, accented tone keys and
    the abbreviations of the phrases they contain ("trung học phổ thông" → "thpt")."""
    joined = " ".join(nfc(t) for t in texts if t)
    if not joined:
        return ""
    # Words only: punctuation gone, so "Vi-ét" is two words on every backend, as in queries.
    words = _WORD.findall(fold(joined))
    extra = [term for terms in _COMPANION_TERMS for term in terms(" ".join(words))]
    return " ".join([*words, *accented_keys(joined), *extra])


#: Functions of the folded words giving more terms to index (the abbreviations of the
#: phrases, registered by ``search`` when it is ready: common never imports an app).
_COMPANION_TERMS: list[Callable[[str], list[str]]] = []


def register_companion_terms(terms: Callable[[str], list[str]]) -> None:
    if terms not in _COMPANION_TERMS:
        _COMPANION_TERMS.append(terms)


def has_marks(text: str) -> bool:
    """True if ``text`` has any Vietnamese diacritic (or đ)."""
    return fold(text) != nfc(text).lower()
