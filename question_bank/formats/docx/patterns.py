"""The Vietnamese vocabulary of question files: markers, headings and answer values.

Most patterns match *folded* text (:func:`fold_chars`: lower case, no diacritics, one
character for one character so offsets stay valid); those marked "on original text" match
the text as written, because case or a mark matters there (``A.`` options, ``Đ``/``S``).
"""

from __future__ import annotations

import re
import unicodedata

from question_bank.numeric import NumericAnswerError, parse_numeric


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {cp: chr(cp + 32) for cp in range(0x41, 0x5B)}
    for cp in range(0xC0, 0x1F00):
        base = unicodedata.normalize("NFD", chr(cp))[0]
        if base.isascii() and base.isalpha():
            table[cp] = base.lower()
    table[ord("đ")] = "d"
    table[ord("Đ")] = "d"
    return table


_FOLD = _fold_table()


def fold_chars(text: str) -> str:
    """Lower case without diacritics, one character for one character (offsets stay valid)."""
    return text.translate(_FOLD)


# ---------------------------------------------------------------------------------------
# Patterns (on folded text unless said otherwise)
# ---------------------------------------------------------------------------------------

RE_SECTION = re.compile(r"\s*phan\s+(iv|iii|ii|i|[1-4])(?![a-z0-9])")
RE_QUESTION = re.compile(r"\s*(?:cau|bai|question)\s*(\d{1,5})(?![\d,.]\d)")
QUESTION_WORDS = {"c": "Câu", "b": "Bài", "q": "Question"}
RE_PAREN = re.compile(r"\s*\(\s*([^()]{1,40}?)\s*\)")
RE_POINTS = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:diem|d)\.?")
LEVELS = {
    "nb": "biet", "nhan biet": "biet", "biet": "biet", "th": "hieu", "thong hieu": "hieu",
    "hieu": "hieu", "vd": "van_dung", "van dung": "van_dung", "vdc": "van_dung_cao",
    "van dung cao": "van_dung_cao",
}  # fmt: skip
RE_GROUP = re.compile(r"\s*nhom\s*(\d+)\s*(?:[.:)\-–]\s*|$)")
RE_GROUP_END = re.compile(r"\s*het\s+nhom\b")
RE_END = re.compile(r"[\s\-–—_.*=~]*het[\s\-–—_.*=~!]*$")
RE_ANSWER_HEADING = re.compile(
    r"\s*(?:bang\s+)?dap\s+an(?:\s+(?:trac\s+nghiem|phan\s+\w+|de\s+\S+|chi\s+tiet|va\s+.*))?\s*[:.]?\s*$"
)
RE_HEADING_KIND = re.compile(r"\s*(?:(?:phan|[ivx]+\s*[.)/])\s*)?(trac nghiem|tu luan)\b")
RE_ANSWER = re.compile(
    r"\s*(?:dap\s+an|dap\s+so|da(?=\s*:))(?:\s+dung)?\s*"
    r"(?:[:.]|(?=\s+(?:[a-h]\b|[-+]?\d|\\\(|\$))|$)\s*"
)
RE_GUIDE = re.compile(
    r"\s*(?:huong\s+dan\s+cham|bieu\s+diem|thang\s+diem|dap\s+an\s+va\s+(?:huong\s+dan\s+cham|bieu\s+diem))"
    r"\s*(?:[:.]|$)\s*"
)
RE_SOLUTION = re.compile(
    r"\s*(?:(?:loi\s+giai|huong\s+dan\s+giai|giai\s+chi\s+tiet|giai\s+thich)(?:\s+chi\s+tiet)?\s*(?:[:.]|$)"
    r"|(?:huong\s+dan|goi\s+y(?:\s+giai)?|giai|hdg|hd)\s*(?:[:]|$))\s*"
)
RE_PAIRS = re.compile(r"\s*(ghep\s+noi|noi\s+cot|sap\s+xep|thu\s+tu\s+dung)\s*:?\s*$")
RE_PAIR_LINE = re.compile(r"\s*(\d{1,2})\s*[.)\-]\s*")
RE_GROUP_HINT = re.compile(r"\bsau\b")
RE_GROUP_START = re.compile(
    r"\s*(?:dung|doc|su\s+dung|dua\s+vao|can\s+cu|quan\s+sat|theo|xem|tham\s+khao|cho)\b"
)
RE_GROUP_VERB = re.compile(r"tra\s+loi|cho\s+(?:cac\s+)?cau|dung\s+cho")
RE_GROUP_FIRST = re.compile(r"\bcau(?:\s+hoi)?\s*(?:tu\s*|so\s*)?(\d+)")
RE_FIXED = re.compile(
    r"^(?:ca\s+[a-h](?:\s*,\s*[a-h])*\s*(?:va|,)\s*[a-h]\b"
    r"|[a-h](?:\s*,\s*[a-h])*\s+va\s+[a-h]\s+(?:deu|dung|sai)"
    r"|(?:ca|tat\s+ca)\s+(?:hai|ba|bon|nam|2|3|4|5|cac)\b"
    r"|tat\s+ca\s+(?:deu|dap\s+an|phuong\s+an)"
    r"|khong\s+co\s+(?:dap\s+an|phuong\s+an|y|cau|menh\s+de|ket\s+qua)"
    r"|(?:both|all|none|neither)\b)"
    r"|(?:cac|nhung)\s+(?:dap\s+an|phuong\s+an|y|cau|menh\s+de|ket\s+qua)\s+(?:o\s+)?tren"
)

# On original text.
# ``*`` before the letter: the key; ``#`` before or after it (``#D.``, ``D#.``): a fixed option.
RE_OPT = re.compile(r"(?<!\S)(\*?#?|#\*)([A-H])(#?)\s*[.)]")
RE_STMT = re.compile(r"\s*(\*?)([a-h])(#?)\s*[).]")
_RE_KEY_TOKEN = re.compile(r"(\d{1,4})\s*[-.:)/]?\s*([A-H])(?![A-Za-z0-9])")
_RE_KEY_SEP = re.compile(r"[\s,;|]*")
RE_KEY_CELL = re.compile(r"\s*(?:[Cc]âu\s*)?(\d{1,4})\s*[-.:)/]?\s*(\S.*?)\s*")
RE_MARKER = re.compile(
    r"\[\s*(?:<|&lt;)?\s*(giữ thứ tự|cố định|nhiều đáp án|trả lời ngắn|tự luận|TF|NB|TH|VD|VDC)"
    r"\s*(?:>|&gt;)?\s*\]\s*",
    re.IGNORECASE,
)
MARKER_LEVEL = {"nb": "biet", "th": "hieu", "vd": "van_dung", "vdc": "van_dung_cao"}
# Azota / OLM: ``[TF]`` in the stem marks a Đúng/Sai question; ``[NB]`` … (also ``[<NB>]``)
# the level.
RE_CLOZE = re.compile(r"\[(\d{1,3}):\s*([^\[\]<>]*?)\s*\]")
RE_CHOOSE = re.compile(
    r"(?:[Cc]họn|[Đđ]áp án(?: đúng)?(?: là)?:?)\s+(?:đáp án\s+|phương án\s+|câu\s+)?([A-H])(?![A-Za-z0-9])"
)
_RE_TF_ITEM = re.compile(r"(?<![a-z])([a-h])\s*[).:\-]?\s*(dung|sai|d|s)(?![a-z])")
_RE_TF_COMPACT = re.compile(r"[ds](?:[\s,;\-]*[ds])*")


# HC-MIX (hoanchan.github.io/projects/hc-mix, "Biên soạn câu hỏi"): the property line
# ``[<Ans=C>]`` / ``[<Ans=C , A>]`` (one or several lines), ``[<Ans=Sai>]``, ``[<Ans=Mèo con>]``,
# ``[<Ans=F-c-e-d-b-a>]`` (ordering), ``[<Ans=1-A,2-C>]`` (matching). On original text.
RE_ANS_LINE = re.compile(r"\s*\[<\s*Ans\s*=\s*(.*?)\s*>\]\s*$", re.IGNORECASE | re.S)
# ``[<$>]`` before each option (a generator's Word output; no tool documents it) and a
# ``[<br>]`` separator line: the option marker and a line to drop.
RE_DOLLAR_OPT = re.compile(r"\s*\[<\$>\]\s*")
RE_BR_LINE = re.compile(r"\s*\[<br\s*/?>\]\s*$", re.IGNORECASE)
# McMIX ("đề thi chuẩn" of McMIX / MCTest, and the question banks that take it): ``[<sg>]`` opens
# a group, ``[<egc>]`` ends its shared content, ``[</sg>]`` closes it (``[<g0>]``/``[</g0>]``
# read the same); ``(<1>)`` numbers a question of the group; ``{<1>}`` in the content refers
# to it (a gap of a cloze passage). On original text.
RE_SG = re.compile(r"\s*\[<\s*(?:sg|g\d{0,2})\s*>\]\s*", re.IGNORECASE)
RE_SG_END = re.compile(r"\s*\[<\s*/\s*(?:sg|g\d{0,2})\s*>\]\s*$", re.IGNORECASE)
RE_EGC = re.compile(r"\s*\[<\s*egc\s*>\]\s*$", re.IGNORECASE)
RE_MC_NUMBER = re.compile(r"\s*\(<\s*(\d{1,3})\s*>\)\s*[.:]?")
# HC-MIX "câu con" (a variant that replaces the question in another paper): "Con 2:".
RE_CHILD = re.compile(r"\s*con\s*(\d{1,3})\s*[.:)]")
# "Câu 5.1" / "Câu 5.2": sub-questions under the shared stem of "Câu 5".
RE_SUBQUESTION = re.compile(r"\s*(?:cau|bai)\s*(\d{1,5})\.(\d{1,2})(?![\d,])\s*[.:)]?")
# English papers (the 2025 format): instruction lines before passages and item sets.
RE_EN_INSTRUCTION = re.compile(r"\s*(?:read\s+the\s+following|mark\s+the\s+letter|choose\s+the)\b")
RE_EN_RANGE = re.compile(r"\b(\d{1,3})\s*(?:to|-|–|—)\s*(\d{1,3})\b")
RE_GAP = re.compile(r"\((\d{1,3})\)\s*(?:_{2,}|…|\.{3,})|_{2,}\s*\((\d{1,3})\)|\((\d{1,3})\)")

# A cloze passage's options after the gap's number: "1. A. small  B. smaller" (gaps.py).
RE_GAP_OPTIONS = re.compile(r"\s*\(?(\d{1,3})\)?\s*[.):]?\s*(?=\*?#?[A-H]\s*[.)])")

RE_ASSET = re.compile(r'src="asset:([^"]+)"')
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
ROMAN_OUT = {1: "I", 2: "II", 3: "III", 4: "IV"}


def parse_true_false(text: str) -> dict[str, bool] | None:
    """``a) Đ, b) S`` / ``a-Đúng b-Sai`` / ``ĐSĐS`` → {letter: value}."""
    folded = fold_chars(text).strip().rstrip(".;")
    if not folded:
        return None
    compact = _RE_TF_COMPACT.fullmatch(folded)
    if compact and re.search(r"[Dd]", text):
        compact = None  # a plain "D" is an option letter, not Đúng
    if compact:
        values = [c == "d" for c in re.sub(r"[^ds]", "", folded)]
        if 1 <= len(values) <= 8:
            return {chr(ord("a") + i): v for i, v in enumerate(values)}
    words = re.findall(r"\b(dung|sai)\b", folded)
    if words and not re.sub(r"\b(?:dung|sai)\b|[\s,;.\-]", "", folded):
        return {chr(ord("a") + i): w == "dung" for i, w in enumerate(words[:8])}
    out = {}
    for m in _RE_TF_ITEM.finditer(folded):
        out[m.group(1)] = m.group(2) in ("d", "dung")
    rest = _RE_TF_ITEM.sub("", folded)
    if out and not re.sub(r"[\s,;.\-:]", "", rest):
        return out
    return None


def numeric_key(text: str) -> tuple[str, float]:
    value = text.strip()
    value = re.sub(r"^\\\(|\\\)$|^\$|\$$", "", value).strip()
    value = value.rstrip(".;").strip()
    tolerance = 0.0
    m = re.match(r"(.*?)\s*(?:±|\+-|\+/-|\\pm)\s*(.+)$", value)
    if m:
        try:
            tolerance = float(parse_numeric(m.group(2)))
            value = m.group(1).strip()
        except NumericAnswerError:
            pass
    return value, tolerance


def is_numeric(text: str) -> bool:
    value, _ = numeric_key(text)
    try:
        parse_numeric(value)
    except NumericAnswerError:
        return False
    return True


def answer_letters(text: str) -> list[str] | None:
    m = re.fullmatch(r"\s*([A-H](?:\s*[,;]?\s*(?:và\s+)?[A-H])*)\s*\.?\s*", text)
    if not m:
        return None
    return re.findall(r"[A-H]", m.group(1))


_RE_KIND_TF = re.compile(r"dung\s*(?:hoac|/|-|–)?\s*sai")
_RE_KIND_SHORT = re.compile(r"tra\s+loi\s+ngan")
_RE_KIND_ESSAY = re.compile(r"tu\s+luan|cac\s+dang\s+khac")
_RE_KIND_CHOICE = re.compile(r"nhieu\s+(?:phuong\s+an|lua\s+chon)|lua\s+chon")


def section_part(m: re.Match, folded: str) -> int | None:
    """1/2/3 for the 2025 parts, None for other sections (the type comes from the content)."""
    title = folded[m.end() :]
    if _RE_KIND_TF.search(title):
        return 2
    if _RE_KIND_SHORT.search(title):
        return 3
    if _RE_KIND_ESSAY.search(title):
        return None
    if _RE_KIND_CHOICE.search(title):
        return 1
    part = ROMAN[m.group(1)]
    return part if part in (1, 2, 3) else None


def key_tokens(text: str, minimum: int) -> list[tuple[int, str]]:
    if not text or not any(ch.isdigit() for ch in text[:6]):
        return []
    tokens = _RE_KEY_TOKEN.findall(text)
    if len(tokens) < minimum:
        return []
    rest = _RE_KEY_TOKEN.sub(" ", text)
    if _RE_KEY_SEP.fullmatch(rest) is None:
        return []
    return [(int(n), letter) for n, letter in tokens]


def looks_structural(text: str) -> bool:
    """Would this paragraph, inside a question, be read as something other than content?

    The exporter asks before writing content paragraphs, and protects those that would with
    a leading zero-width space.
    """
    stripped = text.lstrip()
    if not stripped:
        return False
    folded = fold_chars(stripped)
    if any(
        rx.match(folded)
        for rx in (
            RE_SECTION, RE_QUESTION, RE_GROUP, RE_GROUP_END, RE_END, RE_ANSWER_HEADING,
            RE_HEADING_KIND, RE_ANSWER, RE_GUIDE, RE_SOLUTION, RE_PAIRS, RE_PAIR_LINE,
        )
    ):  # fmt: skip
        return True
    if RE_OPT.match(stripped) or RE_STMT.match(stripped) or key_tokens(stripped, 1):
        return True
    if any(
        rx.match(stripped)
        for rx in (RE_ANS_LINE, RE_DOLLAR_OPT, RE_BR_LINE, RE_SG, RE_SG_END, RE_EGC, RE_MC_NUMBER,
                   RE_GAP_OPTIONS)
    ):  # fmt: skip
        return True
    if RE_CHILD.match(folded) or RE_SUBQUESTION.match(folded) or RE_EN_INSTRUCTION.match(folded):
        return True
    return bool(RE_GROUP_START.match(folded)) and "sau" in folded and "cau" in folded
