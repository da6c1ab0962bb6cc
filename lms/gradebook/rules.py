"""The assessment rules of a circular, read from data (``lms/gradebook/rules/*.json``).

Nothing about Thông tư 22/2021/TT-BGDĐT is a constant in code: how many regular
assessments (ĐĐGtx) a subject has for its periods per year, the weights of ĐĐGtx, ĐĐGgk
and ĐĐGck, the year weights of the terms, the scale and its rounding, which subjects are
assessed by comment, the periods of each subject per grade (Chương trình GDPT 2018: the
curriculum app keeps no periods) and the learning-result levels. A new circular is a new
JSON file with a later ``applies_from``; the gradebook of a school year and grade uses the
latest file that applies to them (:func:`rules_for`).

What the TT22 file encodes (Thông tư 22/2021/TT-BGDĐT, 20/7/2021, in force 05/9/2021):

- Điều 5 khoản 1: Giáo dục thể chất, Nghệ thuật, Âm nhạc, Mĩ thuật, Nội dung giáo dục của
  địa phương, Hoạt động trải nghiệm, hướng nghiệp are assessed by comment (Đạt / Chưa đạt);
  the other subjects by comment combined with marks on the 10-point scale, a mark being a
  whole number or one decimal after rounding (khoản 2 điểm b).
- Điều 6 khoản 2: per term, 2 regular assessments for a comment subject; for a mark subject
  2 ĐĐGtx at 35 periods/year, 3 above 35 up to 70, 4 above 70. Điều 7: one mid-term
  (ĐĐGgk) and one end-of-term (ĐĐGck) assessment per term.
- Điều 9 khoản 1: a comment subject's term is Đạt when every assessment was made and each
  is Đạt; its year is the result of term II.
- Điều 9 khoản 2 điểm a: ĐTBmhk = (TĐĐGtx + 2·ĐĐGgk + 3·ĐĐGck) / (số ĐĐGtx + 5);
  ĐTBmcn = (ĐTBmhkI + 2·ĐTBmhkII) / 3; both rounded to one decimal.
- Điều 9 khoản 2 điểm b (term with ĐTBmhk, year with ĐTBmcn):
  Tốt — every comment subject Đạt; every mark subject ≥ 6,5 and at least 6 of them ≥ 8,0;
  Khá — every comment subject Đạt; every mark subject ≥ 5,0 and at least 6 of them ≥ 6,5;
  Đạt — at most one comment subject Chưa đạt; at least 6 mark subjects ≥ 5,0 and none
  below 3,5; Chưa đạt — the other cases.

The text was checked against the circular as published (Khoản 2 Điều 9 quoted by
lawnet.vn, "Assessment of academic performance for each semester and the entire school
year", and the school page tranthanhtongschool.edu.vn "Quy định về đánh giá kết quả học
tập học sinh THCS, THPT từ 05/9/2021" for Điều 9 khoản 1 and the averages).
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from common.vietnamese import fold

RULES_DIR = Path(__file__).resolve().parent / "rules"

MIDTERM = "gk"
FINAL = "ck"


@dataclass(frozen=True)
class Level:
    code: str
    name: str
    comment_not_passed_max: int
    all_marks_min: Decimal
    at_least_count: int
    at_least_min: Decimal

    def met(self, averages: list[Decimal], comments: list[bool]) -> bool:
        if sum(1 for passed in comments if not passed) > self.comment_not_passed_max:
            return False
        if any(a < self.all_marks_min for a in averages):
            return False
        return sum(1 for a in averages if a >= self.at_least_min) >= self.at_least_count


@dataclass(frozen=True)
class Rules:
    code: str
    circular: str
    applies_from: dt.date
    grades: frozenset[int]
    scale_min: Decimal
    scale_max: Decimal
    decimals: int
    rounding: str
    regular_counts: tuple[tuple[int | None, int], ...]
    comment_regular_count: int
    weights: dict[str, int]
    year_weights: dict[int, int]
    comment_year_term: int
    comment_keys: frozenset[str]
    default_periods: int
    periods: tuple[tuple[frozenset[int], dict[str, int]], ...]
    levels: tuple[Level, ...]
    fallback_code: str
    fallback_name: str

    # --- the scale ---------------------------------------------------------------------
    @property
    def quantum(self) -> Decimal:
        return Decimal(1).scaleb(-self.decimals)

    def round(self, value: Decimal) -> Decimal:
        return value.quantize(self.quantum, rounding=getattr(decimal, self.rounding))

    def in_scale(self, value: Decimal) -> bool:
        return self.scale_min <= value <= self.scale_max

    def has_allowed_places(self, value: Decimal) -> bool:
        return value == value.quantize(self.quantum, rounding=decimal.ROUND_DOWN)

    def to_scale(self, score: Decimal, scale_max: Decimal) -> Decimal:
        """A score on its own scale (0–``scale_max``) on this scale, rounded."""
        return self.round(Decimal(score) * self.scale_max / Decimal(scale_max))

    # --- subjects ------------------------------------------------------------------------
    def is_comment(self, subject) -> bool:
        return subject.code in self.comment_keys or fold(subject.name) in self.comment_keys

    def periods_of(self, subject, grade: int) -> tuple[int, bool]:
        """(periods per year, known) of ``subject`` in ``grade``; unknown subjects take the
        file's default."""
        for grades, table in self.periods:
            if grade in grades:
                for key in (subject.code, fold(subject.name)):
                    if key in table:
                        return table[key], True
        return self.default_periods, False

    def regular_count(self, subject, grade: int) -> int:
        if self.is_comment(subject):
            return self.comment_regular_count
        periods, _known = self.periods_of(subject, grade)
        for max_periods, count in self.regular_counts:
            if max_periods is None or periods <= max_periods:
                return count
        return self.regular_counts[-1][1]

    def columns(self, subject, grade: int) -> list[str]:
        """The gradebook's columns of a term: ``tx1``… then ``gk`` and ``ck``."""
        n = self.regular_count(subject, grade)
        return [f"tx{i}" for i in range(1, n + 1)] + [MIDTERM, FINAL]

    # --- averages and results ------------------------------------------------------------
    def term_average(self, marks: dict[str, Decimal], columns: list[str]) -> Decimal | None:
        """ĐTBmhk of one term's marks, or None while a column is missing."""
        if any(marks.get(c) is None for c in columns):
            return None
        regular = [c for c in columns if c not in (MIDTERM, FINAL)]
        w = self.weights
        total = (
            sum(marks[c] for c in regular) * w["regular"]
            + marks[MIDTERM] * w["midterm"]
            + marks[FINAL] * w["final"]
        )
        return self.round(total / (len(regular) * w["regular"] + w["midterm"] + w["final"]))

    def year_average(self, terms: dict[int, Decimal | None]) -> Decimal | None:
        """ĐTBmcn from the terms' ĐTBmhk, or None while one is missing."""
        if any(terms.get(t) is None for t in self.year_weights):
            return None
        total = sum(terms[t] * w for t, w in self.year_weights.items())
        return self.round(total / sum(self.year_weights.values()))

    def comment_term_result(self, verdicts: dict[str, bool], columns: list[str]) -> bool | None:
        """Đạt (True) when every assessment is there and Đạt; None while one is missing."""
        if any(verdicts.get(c) is None for c in columns):
            return None
        return all(verdicts[c] for c in columns)

    def comment_year_result(self, terms: dict[int, bool | None]) -> bool | None:
        return terms.get(self.comment_year_term)

    def level(
        self, averages: list[Decimal | None], comments: list[bool | None]
    ) -> tuple[str, str] | None:
        """(code, name) of the learning-result level, or None while a result is missing."""
        if any(a is None for a in averages) or any(c is None for c in comments):
            return None
        for level in self.levels:
            if level.met(averages, comments):
                return level.code, level.name
        return self.fallback_code, self.fallback_name

    def level_name(self, code: str) -> str:
        names = {level.code: level.name for level in self.levels}
        return names.get(code, self.fallback_name)


def _load(path: Path) -> Rules:
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("schema_version") != 1:
        raise ValueError(f"{path.name}: unknown schema_version {data.get('schema_version')!r}")
    comment_keys = set()
    for subject in data["comment_subjects"]:
        comment_keys |= {subject["code"], fold(subject["name"])}
    return Rules(
        code=data["code"],
        circular=data["circular"],
        applies_from=dt.date.fromisoformat(data["applies_from"]),
        grades=frozenset(data["grades"]),
        scale_min=Decimal(data["scale"]["min"]),
        scale_max=Decimal(data["scale"]["max"]),
        decimals=int(data["scale"]["decimals"]),
        rounding=data["scale"]["rounding"],
        regular_counts=tuple((r["max_periods"], int(r["count"])) for r in data["regular_counts"]),
        comment_regular_count=int(data["comment_regular_count"]),
        weights={k: int(v) for k, v in data["weights"].items()},
        year_weights={int(k): int(v) for k, v in data["year_weights"].items()},
        comment_year_term=int(data["comment_year_term"]),
        comment_keys=frozenset(comment_keys),
        default_periods=int(data["default_periods"]),
        periods=tuple(
            (frozenset(p["grades"]), {k: int(v) for k, v in p["subjects"].items()})
            for p in data["periods"]
        ),
        levels=tuple(
            Level(
                code=lv["code"],
                name=lv["name"],
                comment_not_passed_max=int(lv["comment_not_passed_max"]),
                all_marks_min=Decimal(lv["all_marks_min"]),
                at_least_count=int(lv["at_least"]["count"]),
                at_least_min=Decimal(lv["at_least"]["min"]),
            )
            for lv in data["levels"]
        ),
        fallback_code=data["fallback_level"]["code"],
        fallback_name=data["fallback_level"]["name"],
    )


@cache
def all_rules() -> tuple[Rules, ...]:
    """Every rules file, oldest first."""
    return tuple(sorted((_load(p) for p in RULES_DIR.glob("*.json")), key=lambda r: r.applies_from))


def rules_for(*, school_year, grade: int) -> Rules:
    """The rules of the latest circular in force at the start of ``school_year`` for
    ``grade`` (the oldest file when none is yet: a gradebook always has rules)."""
    rules = all_rules()
    applying = [r for r in rules if r.applies_from <= school_year.start_date and grade in r.grades]
    return applying[-1] if applying else rules[0]
