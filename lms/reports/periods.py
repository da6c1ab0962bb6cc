"""The curriculum's periods per year of a subject in a grade and the official targets of
the online learning share, as data: lower and upper secondary from the gradebook's rules
(:mod:`lms.gradebook.rules`, one file per circular), primary and the targets from
``data/online-targets.json``. A change of target or programme is a data change."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from common.vietnamese import fold
from lms.gradebook.rules import rules_for

DATA = Path(__file__).resolve().parent / "data" / "online-targets.json"


@dataclass(frozen=True)
class Targets:
    shares: tuple[tuple[frozenset[int], Decimal], ...]
    primary: tuple[tuple[frozenset[int], dict[str, int]], ...]
    default_periods: int

    def share_for(self, grade: int) -> Decimal:
        for grades, share in self.shares:
            if grade in grades:
                return share
        return self.shares[-1][1]

    def primary_periods(self, code: str, name: str, grade: int) -> int:
        for grades, table in self.primary:
            if grade in grades:
                for key in (code, fold(name).replace(" ", "-")):
                    if key in table:
                        return table[key]
        return self.default_periods


@cache
def targets() -> Targets:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    if data.get("schema_version") != 1:
        raise ValueError(f"{DATA.name}: unknown schema_version {data.get('schema_version')!r}")
    return Targets(
        shares=tuple((frozenset(t["grades"]), Decimal(t["share"])) for t in data["targets"]),
        primary=tuple(
            (frozenset(p["grades"]), {k: int(v) for k, v in p["subjects"].items()})
            for p in data["primary_periods"]
        ),
        default_periods=int(data["default_periods"]),
    )


@dataclass(frozen=True)
class SubjectKey:
    """What the rules read of a subject (its code and name)."""

    code: str
    name: str


def periods_per_year(*, code: str, name: str, grade: int, school_year) -> int:
    """The curriculum's periods per year of the subject in ``grade``."""
    if grade <= 5:
        return targets().primary_periods(code, name, grade)
    rules = rules_for(school_year=school_year, grade=grade)
    periods, _known = rules.periods_of(SubjectKey(code, name), grade)
    return periods
