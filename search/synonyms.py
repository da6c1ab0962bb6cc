"""Spelling variants and abbreviations Vietnamese teachers use interchangeably.

Keys and values are folded (no diacritics). A query word matches its variants too:
"kì"/"kỳ" are both correct spellings, "sgk" is how everyone writes "sách giáo khoa".
"""

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


def variants(word: str) -> list[str]:
    """Other spellings of the folded ``word`` (single words or phrases)."""
    return SYNONYMS.get(word, [])
