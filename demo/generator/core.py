"""A realistic demo question bank: about 1,750 questions for GDPT 2018 classes, no database.

:func:`demo_questions` returns :class:`DemoBank` — questions in the portable representation
(:class:`~question_bank.formats.base.ParsedQuestion`) tagged to real curriculum codes read
from ``curriculum/data`` (Toán 10–12, Vật lý 10–12, Hoá học 10–12, Tiếng Anh 10,
Lịch sử 12), in all nine question types and three cognitive levels, plus the shared stimuli
(reading passages, data tables, experiments, source excerpts) their grouped questions use.

Every computed question comes from a parameterised template whose key is calculated here
(derivatives, integrals, sequences, probability, kinematics, gas laws, molar masses from
parsed formulas, pH …), never guessed; distractors are typical wrong computations. The
output is deterministic for a seed, and another seed gives other numbers.

Conventions are those of :mod:`question_bank.formats.base`: HTML fragments, LaTeX between
``\\(`` … ``\\)`` / ``\\[`` … ``\\]``, cloze gaps ``{{1}}``, decimal comma, Part III
answers of at most four characters.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from common.vietnamese import nfc
from question_bank.formats.base import ParsedGroup, ParsedQuestion, QType, validate_question
from question_bank.html import plain_text

# curriculum/data, read directly: the generator needs no database (nor Django set up).
CURRICULUM_DIR = Path(__file__).resolve().parents[2] / "curriculum" / "data"


@dataclass
class DemoQuestion:
    question: ParsedQuestion
    subject: str  # subject code, e.g. "toan"
    grade: int
    topic: str  # topic code, e.g. "toan-12-c01"
    outcome: str = ""  # learning outcome code, e.g. "toan-12-c01-b01-y2"


@dataclass
class DemoBank:
    questions: list[DemoQuestion]
    groups: list[ParsedGroup]  # shared stimuli (reading passages, data tables, figures)


@cache
def _lessons() -> dict[tuple[str, int], list[tuple[str, str, str, str, int]]]:
    """(subject, grade) → [(topic code, topic name, lesson code, lesson name, outcomes)]."""
    index: dict[tuple[str, int], list[tuple[str, str, str, str, int]]] = {}
    for path in sorted(CURRICULUM_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        subject, grade = data["subject"]["code"], data["grade"]
        rows = index.setdefault((subject, grade), [])
        for t, topic in enumerate(data["topics"], start=1):
            topic_code = f"{subject}-{grade}-c{t:02d}"
            for b, lesson in enumerate(topic["lessons"], start=1):
                rows.append(
                    (
                        topic_code,
                        _nfc(topic["name"]).strip(),
                        f"{topic_code}-b{b:02d}",
                        _nfc(lesson["name"]).strip(),
                        len(lesson.get("outcomes") or []),
                    )
                )
    return index


@cache
def _locate(subject: str, grade: int, lesson: str, y: int | None) -> tuple[str, str]:
    """Topic and outcome codes of a lesson named like "Bài 12" or "Unit 3/Language"."""
    if "/" in lesson:
        unit, name = lesson.split("/", 1)
        found = [
            row
            for row in _lessons()[(subject, grade)]
            if row[1].split(".")[0].split(" (")[0] == unit and row[3] == name
        ]
    else:
        found = [row for row in _lessons()[(subject, grade)] if row[3].split(".")[0] == lesson]
    if len(found) != 1:
        raise LookupError(f"{subject} {grade}: không tìm thấy bài “{lesson}”")
    topic_code, _, lesson_code, _, n_outcomes = found[0]
    if y is None:
        return topic_code, ""
    if not 1 <= y <= n_outcomes:
        raise LookupError(f"{lesson_code}: không có yêu cầu cần đạt thứ {y}")
    return topic_code, f"{lesson_code}-y{y}"


def _nfc(text: str) -> str:
    return nfc(text)


def _key(html: str) -> str:
    return " ".join(plain_text(html).casefold().split())


@dataclass
class _Item:
    q: ParsedQuestion
    subject: str
    grade: int
    lesson: str
    y: int | None
    level: str
    tags: tuple[str, ...] = ()


@dataclass
class _Group:
    title: str
    stimulus: str
    items: list[_Item]


_LEVEL_DIFFICULTY = {"biet": (0.2, 0.4), "hieu": (0.4, 0.6), "van_dung": (0.6, 0.85)}


_PARTS = {QType.SINGLE_CHOICE: 1, QType.TRUE_FALSE: 2, QType.SHORT_NUMERIC: 3}


class _Bank:
    def __init__(self, seed: int):
        self.r = random.Random(seed)  # noqa: S311 - demo content, not security
        self.questions: list[DemoQuestion] = []
        self.groups: list[ParsedGroup] = []
        self.seen: dict[str, set[str]] = {}
        self.rejected: list[tuple[str, list[str]]] = []  # invalid drafts (should stay empty)

    def run(self, template: Callable[[random.Random], _Item | _Group | None], count: int):
        made = tries = 0
        while made < count and tries < 30 * count + 30:
            tries += 1
            out = template(self.r)
            if out is not None and self._accept(out):
                made += 1
        return made

    def _accept(self, out: _Item | _Group) -> bool:
        items = out.items if isinstance(out, _Group) else [out]
        keys: list[str] = []
        for item in items:
            _normalise(item.q)
            key = _key(item.q.stem)
            if key in self.seen.get(item.subject, ()) or key in keys:
                return False
            problems = validate_question(item.q)
            if problems:
                self.rejected.append((item.q.stem[:80], problems))
                return False
            keys.append(key)
        group_key = ""
        if isinstance(out, _Group):
            first = items[0]
            group_key = f"{first.subject}-{first.grade}-nhom-{len(self.groups) + 1:02d}"
            self.groups.append(
                ParsedGroup(key=group_key, stimulus=_nfc(out.stimulus), title=_nfc(out.title))
            )
        for item, key in zip(items, keys, strict=True):
            self.seen.setdefault(item.subject, set()).add(key)
            self.questions.append(self._finish(item, group_key))
        return True

    def _finish(self, item: _Item, group_key: str) -> DemoQuestion:
        q, r = item.q, self.r
        topic, outcome = _locate(item.subject, item.grade, item.lesson, item.y)
        q.level = item.level
        lo, hi = _LEVEL_DIFFICULTY[item.level]
        q.difficulty = round(r.uniform(lo, hi), 2)
        q.part = _PARTS.get(q.qtype)
        q.group = group_key
        tags = list(item.tags)
        roll = r.random()
        if item.grade == 12 and q.part:
            if roll < 0.12:
                tags.append("đề minh hoạ")
            if roll < 0.4:
                tags.append("ôn thi tốt nghiệp")
        elif roll < 0.12:
            tags.append("kiểm tra giữa kì")
        elif roll < 0.24:
            tags.append("kiểm tra cuối kì")
        q.tags = [_nfc(t) for t in tags]
        return DemoQuestion(
            question=q, subject=item.subject, grade=item.grade, topic=topic, outcome=outcome
        )


def _tidy(html: str) -> str:
    """NFC, and two adjacent inline formulas merged into one."""
    return _nfc(html).replace("\\)\\(", "")


def _normalise(q: ParsedQuestion) -> None:
    q.stem = _tidy(q.stem)
    q.solution = _tidy(q.solution)
    q.marking_guide = _tidy(q.marking_guide)
    for c in q.choices:
        c.text, c.match, c.feedback = _tidy(c.text), _tidy(c.match), _tidy(c.feedback)
    for b in q.blanks:
        for a in b.answers:
            a.text = _tidy(a.text)
