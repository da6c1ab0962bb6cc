"""Turn what a user typed into a modelsearch query that behaves the Vietnamese way.

* Unaccented words match through the folded companion text; accented input also matches
  its exact tone keys, so documents with the exact spelling rank above other accent
  variants (each backend scores a document higher when it matches more of the query).
* Words in "double quotes" must appear together, in that order.
* Several words typed together also match as a phrase, which raises documents where they
  are adjacent without changing which documents match.
* A word that no document contains is replaced by the known words one typo away
  (:mod:`search.spelling`); the caller can show "Có phải bạn muốn tìm …".
* Common spelling variants (kì/kỳ) match each other, and abbreviations (sgk, BĐT…) the
  phrases they stand for (:mod:`search.synonyms`, a list librarians extend in the admin).
* Question-like phrasing ("… là gì", "tại sao …", "làm thế nào để …"): the function words
  are not required (:data:`QUESTION_PHRASES`, :data:`FUNCTION_WORDS`); they still count
  for adjacency.
* Subject and grade shorthand ("toán 12", "hoá 10", "anh 10"): read as a subject and
  grade filter (:func:`scoped_params`), not as words to find anywhere.
* Words typed in Telex with the keyboard off ("tichs phaan"): when every such word decodes
  to a word of the library, the query is searched as if typed with its marks
  (:func:`understand`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from modelsearch.query import And, MatchAll, Or, Phrase, PlainText

from common.vietnamese import fold, has_marks, nfc, tone_key
from search.synonyms import expansions, known, variants
from search.telex import decode

MAX_QUERY_LENGTH = 200
#: A relaxed query of up to this many words needs all of them but one; a longer one, any.
RELAX_COMBINATIONS = 6
_QUOTED = re.compile(r"[\"“”„«»]([^\"“”„«»]+)[\"“”„«»]")
_WORD = re.compile(r"\w+", re.UNICODE)

#: Question phrasing that is never what a search is about (folded, as typed unaccented).
QUESTION_PHRASES = (
    "lam the nao de",
    "lam the nao",
    "lam sao de",
    "lam sao",
    "nhu the nao",
    "the nao",
    "la gi",
    "tai sao",
    "vi sao",
    "ra sao",
    "la sao",
    "bao nhieu",
    "khi nao",
    "o dau",
    "co phai",
    "hay khong",
    "duoc khong",
    "co khong",
    "giup em",
    "giup minh",
    "cach tinh",
    "cach lam",
)
#: Function words, as typed with their marks: not required to match.
FUNCTION_WORDS = frozenset(
    [
        "là",
        "gì",
        "của",
        "và",
        "các",
        "những",
        "cho",
        "với",
        "về",
        "có",
        "không",
        "được",
        "để",
        "thì",
        "mà",
        "nào",
        "như",
        "khi",
        "một",
        "này",
        "đó",
        "ở",
        "cách",
        "hãy",
        "giúp",
        "em",
        "mình",
        "ạ",
        "nhé",
        "vậy",
        "sao",
        "thế",
        "hay",
    ]
)
#: Function words typed without marks whose folded form is no other common school word
#: ("de" is also "đề", "co" also "cơ", "khi" also "khí": those stay required).
FOLDED_FUNCTION_WORDS = frozenset(
    ["gi", "cua", "va", "cac", "nhung", "duoc", "khong", "thi", "mot", "nay", "nhe", "vay"]
)

#: Subject shorthand: the subject's name as folded words (to find it among the subjects),
#: and how people type it. A typed form with marks must carry these marks ("ánh" is not
#: "anh"); without marks any folded match counts.
SUBJECT_FORMS: dict[str, tuple[str, ...]] = {
    "toan": ("toán", "toán học"),
    "vat li": ("lý", "lí", "vật lý", "vật lí"),
    "hoa hoc": ("hoá", "hóa", "hoá học", "hóa học"),
    "tieng anh": ("anh", "tiếng anh", "anh văn"),
    "ngu van": ("văn", "ngữ văn"),
    "lich su": ("sử", "lịch sử"),
    "dia li": ("địa", "địa lý", "địa lí"),
    "sinh hoc": ("sinh", "sinh học"),
    "tin hoc": ("tin", "tin học"),
    "giao duc cong dan": ("gdcd", "giáo dục công dân"),
    "cong nghe": ("công nghệ",),
    "giao duc kinh te va phap luat": ("ktpl", "kinh tế và pháp luật", "kinh tế pháp luật"),
}
#: Words before a one-word subject form that make it part of another word ("định lý").
_NOT_SUBJECT_AFTER = frozenset(
    ["dinh", "tam", "xu", "quan", "hop", "dai", "nhat", "ly", "li", "vat"]
)
_GRADE_WORDS = frozenset({"lop", "khoi"})
_SUBJECT_WORDS = frozenset({"mon"})
_GLUED = re.compile(r"([a-z]+)(\d{1,2})")


@dataclass
class ParsedQuery:
    text: str
    words: list[str] = field(default_factory=list)  # folded, outside quotes
    phrases: list[str] = field(default_factory=list)  # folded, as typed in quotes
    accented: str = ""  # the words outside quotes as typed, if any carry marks
    corrected: dict[str, list[str]] = field(default_factory=dict)
    #: The words outside quotes in the order typed, function words kept (for adjacency).
    sequence: list[str] = field(default_factory=list)
    optional: list[str] = field(default_factory=list)  # function words, not required
    subject: str = ""  # the folded name of a subject typed as shorthand ("toan")
    grade: int | None = None  # its grade
    #: The text as typed when it was read as Telex (``text`` is then the decoded text).
    typed: str = ""

    @property
    def empty(self) -> bool:
        return not self.words and not self.phrases

    def suggestion(self) -> str:
        """The query with each corrected word replaced by its best correction."""
        if self.typed:
            return self.text
        if not self.corrected:
            return ""
        out = []
        for word in _WORD.findall(self.text):
            folded = fold(word)
            out.append(self.corrected[folded][0] if folded in self.corrected else word)
        return " ".join(out)

    def all_words(self) -> list[str]:
        return [*self.words, *(w for p in self.phrases for w in p.split())]


def _subject_at(tokens: list[str], i: int) -> tuple[str, int]:
    """(folded subject name, number of tokens) of a subject form starting at ``tokens[i]``,
    longest first; ("", 0) when there is none."""
    best = ("", 0)
    for name, forms in SUBJECT_FORMS.items():
        for form in forms:
            words = form.split()
            typed = tokens[i : i + len(words)]
            if len(typed) != len(words) or len(words) <= best[1]:
                continue
            if " ".join(fold(t) for t in typed) != fold(form):
                continue
            if has_marks(" ".join(typed)) and tone_key(" ".join(typed)) not in {
                tone_key(f) for f in forms if fold(f) == fold(form)
            }:
                continue
            if len(words) == 1 and i > 0 and fold(tokens[i - 1]) in _NOT_SUBJECT_AFTER:
                continue
            best = (name, len(words))
    return best


def _grade_at(tokens: list[str], i: int) -> tuple[int | None, int]:
    """(grade, number of tokens) of "12" or "lớp 12" at ``tokens[i]``."""
    j = i + 1 if i < len(tokens) and fold(tokens[i]) in _GRADE_WORDS else i
    if j < len(tokens) and tokens[j].isdigit() and 1 <= int(tokens[j]) <= 12:
        return int(tokens[j]), j - i + 1
    return None, 0


def shorthand(tokens: list[str]) -> tuple[str, int | None, list[int]]:
    """Find "toán 12", "hoá lớp 10", "lớp 11 môn văn" among ``tokens`` (as typed):
    (folded subject name, grade, the positions of its tokens), or ("", None, [])."""
    for i in range(len(tokens)):
        start = i + 1 if fold(tokens[i]) in _SUBJECT_WORDS else i
        name, size = _subject_at(tokens, start)
        if name:
            grade, taken = _grade_at(tokens, start + size)
            if grade:
                return name, grade, list(range(i, start + size + taken))
        grade, taken = _grade_at(tokens, i)
        if grade and fold(tokens[i]) in _GRADE_WORDS:
            after = i + taken
            after += 1 if after < len(tokens) and fold(tokens[after]) in _SUBJECT_WORDS else 0
            name, size = _subject_at(tokens, after)
            if name:
                return name, grade, list(range(i, after + size))
    return "", None, []


def _unglue(tokens: list[str]) -> list[str]:
    """Split "toan12" into "toan", "12" when the letters are a subject form."""
    out = []
    for token in tokens:
        match = _GLUED.fullmatch(fold(token))
        if match and _subject_at([token[: match.end(1)]], 0)[0]:
            out.extend([token[: match.end(1)], match.group(2)])
        else:
            out.append(token)
    return out


def _optional_positions(tokens: list[str]) -> set[int]:
    folded = [fold(t) for t in tokens]
    optional: set[int] = set()
    for phrase in QUESTION_PHRASES:
        size = len(phrase.split())
        for i in range(len(folded) - size + 1):
            if " ".join(folded[i : i + size]) == phrase:
                optional.update(range(i, i + size))
    for i, token in enumerate(tokens):
        word = token.lower()
        if word in FUNCTION_WORDS or (not has_marks(word) and word in FOLDED_FUNCTION_WORDS):
            optional.add(i)
    return optional


def parse(text: str, *, correct: bool = True, scoped: bool = True) -> ParsedQuery:
    """Read ``text``; ``scoped=False`` reads a subject and grade shorthand as plain words."""
    text = nfc(text or "")[:MAX_QUERY_LENGTH].strip()
    phrases = [fold(" ".join(_WORD.findall(m))) for m in _QUOTED.findall(text)]
    phrases = [p for p in phrases if p]
    rest = _QUOTED.sub(" ", text)
    tokens = _unglue(_WORD.findall(rest))
    parsed = ParsedQuery(text=text, phrases=phrases)
    taken: list[int] = []
    if scoped and tokens:
        parsed.subject, parsed.grade, taken = shorthand(tokens)
    tokens = [t for i, t in enumerate(tokens) if i not in set(taken)]
    optional = _optional_positions(tokens)
    if len(optional) == len(tokens):
        optional = set()  # nothing but function words: they are what is asked
    required = [t for i, t in enumerate(tokens) if i not in optional]
    parsed.words = [fold(t) for t in required]
    parsed.optional = [fold(t) for i, t in enumerate(tokens) if i in optional]
    # Adjacency counts from the first word to the last required one: "mệnh đề và tập hợp"
    # keeps its "và", "hàm số bậc hai là gì" loses the trailing "là gì".
    kept = [i for i in range(len(tokens)) if i not in optional]
    if kept:
        parsed.sequence = [fold(t) for t in tokens[kept[0] : kept[-1] + 1]]
    # Abbreviations are not spelt with marks: "BĐT" has no tone key to rank by.
    spelt = [t for t in required if not (has_marks(t) and expansions(fold(t)))]
    parsed.accented = " ".join(spelt) if any(has_marks(t) for t in spelt) else ""
    if correct and parsed.words:
        from search.spelling import corrections

        # A known abbreviation or spelling variant ("elearning", "sgk") is not a typo.
        parsed.corrected = corrections([w for w in parsed.words if not known(w)])
    return parsed


def understand(text: str, *, is_word: Callable[[str], bool], scoped: bool = True) -> ParsedQuery:
    """:func:`parse` without typo correction, reading Telex leftovers: when every word that
    is not a word of the library (``is_word``, on folded words) decodes from Telex to one
    that is, the decoded text is searched instead and ``typed`` keeps what was typed."""
    parsed = parse(text, correct=False, scoped=scoped)
    if parsed.phrases or has_marks(parsed.text):
        return parsed
    tokens = _WORD.findall(parsed.text)
    decoded, changed = [], False
    for token in tokens:
        word = fold(token)
        if word.isdigit() or known(word) or is_word(word):
            decoded.append(token)
            continue
        syllable = decode(word)
        if not syllable or not is_word(fold(syllable)):
            return parsed
        decoded.append(syllable)
        changed = True
    if not changed:
        return parsed
    result = parse(" ".join(decoded), correct=False, scoped=scoped)
    result.typed = parsed.text
    return result


def scoped_params(params, parsed: ParsedQuery, subject_ids: Callable[[str], list[int]]):
    """``params`` narrowed to the subject and grade of the query's shorthand (a copy), or
    ``params`` itself when there is none or the user chose a subject or grade already."""
    if not parsed.subject or not parsed.grade or params.subject or params.grade:
        return params
    ids = subject_ids(parsed.subject)
    if not ids:
        return params
    return replace(params, subject=ids, grade=parsed.grade)


def subject_ids(name: str) -> list[int]:
    """The subjects whose folded name is ``name`` (i and y after a consonant alike)."""
    from search.labels import subject_labels

    def same(text: str) -> str:
        return " ".join(variants_iy(w) for w in fold(text).split())

    return [int(pk) for pk, label in subject_labels().items() if same(label) == same(name)]


def variants_iy(word: str) -> str:
    """``word`` with a final y after a consonant spelt i ("ly" → "li"), for comparing."""
    return (
        word[:-1] + "i"
        if len(word) > 1 and word.endswith("y") and word[-2] not in "aeiou"
        else word
    )


def _word_clause(word: str, parsed: ParsedQuery):
    alternatives = parsed.corrected.get(word) or [word]
    options = []
    for alt in alternatives:
        options.append(PlainText(alt))
        options.extend(PlainText(v) for v in variants(alt))
        options.extend(Phrase(p) for p in expansions(alt))
    return options[0] if len(options) == 1 else Or(options)


def relaxed_minimum(count: int) -> int:
    """How many of ``count`` words a relaxed query needs: all but one, and one fewer for
    every three words past the first (5 or 6 words: all but two), so a longer request that
    no document answers whole still finds the documents with most of it."""
    return max(1, count - 1 - (count - 1) // 3)


def operator_join(items: list[str], operator: str, *, unique: bool = False) -> str:
    """The non-empty ``items`` joined by ``operator`` (a query language's OR or AND, as
    the PostgreSQL and SQLite statements write them), in parentheses when there are
    several; ``unique`` drops repeated items first."""
    items = [i for i in (dict.fromkeys(items) if unique else items) if i]
    if len(items) == 1:
        return items[0]
    return "(" + operator.join(items) + ")"


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
        if len(parsed.sequence) > 1 and not parsed.corrected:
            options.append(Phrase(" ".join(parsed.sequence)))
        clauses.append(options[0] if len(options) == 1 else Or(options))
    clauses.extend(Phrase(p) if " " in p else PlainText(p) for p in parsed.phrases)
    return clauses[0] if len(clauses) == 1 else And(clauses)
