"""Turn what a user typed into a modelsearch query that behaves the Vietnamese way.

* Unaccented words match through the folded companion text; accented input also matches
  its exact tone keys, so documents with the exact spelling rank above other accent
  variants (each backend scores a document higher when it matches more of the query).
* Words in "double quotes" must appear together, in that order.
* Several words typed together also match as a phrase, which raises documents where they
  are adjacent without changing which documents match.
* A word that no document contains is replaced by the known words one typo away
  (:mod:`search.spelling`); the caller can show "Có phải bạn muốn tìm …".
* Common spelling variants (kì/kỳ) match each other, and abbreviations (sgk, THPT…) the
  phrases they stand for, which the indexed text carries as the abbreviation
  (:mod:`search.synonyms`).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from modelsearch.query import And, MatchAll, Or, Phrase, PlainText

from search.synonyms import known, variants
from search.vietnamese import fold, has_marks, nfc, tone_key

MAX_QUERY_LENGTH = 200
#: A relaxed query of up to this many words needs all of them but one; a longer one, any.
RELAX_COMBINATIONS = 6
_QUOTED = re.compile(r"[\"“”„«»]([^\"“”„«»]+)[\"“”„«»]")
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class ParsedQuery:
    text: str
    words: list[str] = field(default_factory=list)  # folded, outside quotes
    phrases: list[str] = field(default_factory=list)  # folded, as typed in quotes
    accented: str = ""  # the words outside quotes as typed, if any carry marks
    corrected: dict[str, list[str]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.words and not self.phrases

    def suggestion(self) -> str:
        """The query with each corrected word replaced by its best correction."""
        if not self.corrected:
            return ""
        out = []
        for word in _WORD.findall(self.text):
            folded = fold(word)
            out.append(self.corrected[folded][0] if folded in self.corrected else word)
        return " ".join(out)

    def all_words(self) -> list[str]:
        return [*self.words, *(w for p in self.phrases for w in p.split())]


def parse(text: str, *, correct: bool = True) -> ParsedQuery:
    text = nfc(text or "")[:MAX_QUERY_LENGTH].strip()
    phrases = [fold(" ".join(_WORD.findall(m))) for m in _QUOTED.findall(text)]
    phrases = [p for p in phrases if p]
    rest = _QUOTED.sub(" ", text)
    rest_words = _WORD.findall(rest)
    parsed = ParsedQuery(
        text=text,
        words=[fold(w) for w in rest_words],
        phrases=phrases,
        accented=" ".join(rest_words) if has_marks(rest) else "",
    )
    if correct and parsed.words:
        from search.spelling import corrections

        # A known abbreviation or spelling variant ("elearning", "sgk") is not a typo.
        parsed.corrected = corrections([w for w in parsed.words if not known(w)])
    return parsed


def _word_clause(word: str, parsed: ParsedQuery):
    alternatives = parsed.corrected.get(word) or [word]
    options = []
    for alt in alternatives:
        options.append(PlainText(alt))
        options.extend(PlainText(v) for v in variants(alt))
    return options[0] if len(options) == 1 else Or(options)


def relaxed_minimum(count: int) -> int:
    """How many of ``count`` words a relaxed query needs: all but one, and one fewer for
    every three words past the first (5 or 6 words: all but two), so a longer request that
    no document answers whole still finds the documents with most of it."""
    return max(1, count - 1 - (count - 1) // 3)


def relaxed_groups(words: list) -> list[list]:
    """The relaxed form of several words, as alternatives any one of which must match:
    every group of :func:`relaxed_minimum` of them (a minimum-should-match, so one common
    word never brings in the whole library); past :data:`RELAX_COMBINATIONS` words, any
    one word."""
    if len(words) > RELAX_COMBINATIONS:
        return [[w] for w in words]
    return [list(c) for c in itertools.combinations(words, relaxed_minimum(len(words)))]


def build(parsed: ParsedQuery, *, operator: str = "and"):
    """The modelsearch query for ``parsed``; ``operator="or"`` relaxes the words (most of
    them must match, :func:`relaxed_minimum`) for a second try when nothing matches them
    all."""
    if parsed.empty:
        return MatchAll()
    clauses = []
    if parsed.words:
        words = [_word_clause(w, parsed) for w in parsed.words]
        if len(words) == 1:
            joined = words[0]
        elif operator == "and":
            joined = And(words)
        else:
            joined = Or([g[0] if len(g) == 1 else And(g) for g in relaxed_groups(words)])
        options = [joined]
        if parsed.accented and not parsed.corrected and operator == "and":
            # A ranking signal: it matches no document the words do not (relaxed, "or"
            # would let any one exact syllable, "học", bring in the whole library).
            options.append(PlainText(tone_key(parsed.accented), operator=operator))
        if len(parsed.words) > 1 and not parsed.corrected:
            options.append(Phrase(" ".join(parsed.words)))
        clauses.append(options[0] if len(options) == 1 else Or(options))
    clauses.extend(Phrase(p) if " " in p else PlainText(p) for p in parsed.phrases)
    return clauses[0] if len(clauses) == 1 else And(clauses)


def vietnamese_query(text: str, *, operator: str = "and"):
    """The query for ``text`` without typo correction (used by the admin and API lists)."""
    text = nfc(text).strip()
    folded = fold(text)
    if not has_marks(text):
        return PlainText(folded, operator=operator)
    return Or([PlainText(tone_key(text), operator=operator), PlainText(folded, operator=operator)])
