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

import math
import random
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path

import yaml

from question_bank.formats.base import (
    Blank,
    Choice,
    ParsedGroup,
    ParsedQuestion,
    QType,
    validate_question,
)
from question_bank.html import plain_text
from question_bank.numeric import format_numeric

CURRICULUM_DIR = Path(__file__).resolve().parent.parent / "curriculum" / "data"


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


def demo_questions(seed: int = 2025) -> DemoBank:
    """The whole demo bank; the same seed always gives the same questions."""
    bank = _Bank(seed)
    for plan in (_TOAN_PLAN, _LY_PLAN, _HOA_PLAN, _ANH_PLAN, _SU_PLAN):
        for template, count in plan():
            bank.run(template, count)
    return DemoBank(questions=bank.questions, groups=bank.groups)


# ---------------------------------------------------------------------------------------
# Curriculum codes (read from the YAML files; codes are positional as in curriculum.loader)
# ---------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------
# Building blocks
# ---------------------------------------------------------------------------------------


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


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


def _t(template: str, **values) -> str:
    """Fill ``<name>`` placeholders (keeps LaTeX braces readable)."""
    for name, value in values.items():
        template = template.replace(f"<{name}>", str(value))
    return template


def _m(tex: str) -> str:
    return f"\\({tex}\\)"


def _md(tex: str) -> str:
    return f"\\[{tex}\\]"


def _sol(*lines: str) -> str:
    return "".join(f"<p>{line}</p>" for line in lines if line)


def _dec(value) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(repr(float(value)))


def _round(value, places: int = 0) -> Decimal:
    return _dec(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _vn(value, places: int | None = None) -> str:
    """A number the Vietnamese way (decimal comma), rounded when ``places`` is given."""
    number = _round(value, places) if places is not None else _dec(value)
    if places is None and not isinstance(value, (int, Decimal)):
        number = _round(number, 10)
    return format_numeric(number)


def _tn(value, places: int | None = None) -> str:
    """A number inside LaTeX: the decimal comma wrapped so it does not add a space."""
    return _vn(value, places).replace(",", "{,}")


def _fx(value, decimals: bool = True) -> str:
    """An exact rational number in LaTeX: integer, short decimal or \\frac."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    if not decimals:
        sign = "-" if value < 0 else ""
        return f"{sign}\\frac{{{abs(value.numerator)}}}{{{value.denominator}}}"
    d = value.denominator
    while d % 2 == 0:
        d //= 2
    while d % 5 == 0:
        d //= 5
    if d == 1 and value.denominator <= 20:
        return _tn(value)
    sign = "-" if value < 0 else ""
    return f"{sign}\\frac{{{abs(value.numerator)}}}{{{value.denominator}}}"


def _p(value) -> str:
    """A factor in a product: negative numbers in brackets."""
    text = _fx(value)
    return f"\\left({text}\\right)" if Fraction(value) < 0 else text


def _poly(coeffs: Sequence, var: str = "x") -> str:
    """LaTeX polynomial from coefficients, highest degree first."""
    deg = len(coeffs) - 1
    terms: list[tuple[str, str]] = []
    for i, c in enumerate(coeffs):
        power = deg - i
        c = Fraction(c)
        if c == 0:
            continue
        mono = "" if power == 0 else var if power == 1 else f"{var}^{power}"
        a = abs(c)
        body = mono if mono and a == 1 else _fx(a, decimals=False) + mono
        terms.append(("-" if c < 0 else "+", body))
    if not terms:
        return "0"
    text = ("-" if terms[0][0] == "-" else "") + terms[0][1]
    for sign, body in terms[1:]:
        text += f" {sign} {body}"
    return text


def _lin(a, b, var: str = "x") -> str:
    return _poly([a, b], var)


def _peval(coeffs: Sequence, x):
    total = 0
    for c in coeffs:
        total = total * x + c
    return total


def _pder(coeffs: Sequence) -> list:
    deg = len(coeffs) - 1
    return [c * (deg - i) for i, c in enumerate(coeffs[:-1])]


def _p3(value, places: int = 0) -> str | None:
    """A Part III key (at most four characters) or None when it does not fit."""
    text = _vn(value, places)
    return text if len(text) <= 4 else None


def _uniq(values: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    seen = {_key(v) for v in exclude}
    out = []
    for v in values:
        k = _key(v)
        if k and k not in seen:
            seen.add(k)
            out.append(v)
    return out


def _mix(r: random.Random, n: int = 4) -> list[bool]:
    """Truth values for a Đúng/Sai cluster: at least one true and one false."""
    trues = r.randint(1, n - 1)
    values = [True] * trues + [False] * (n - trues)
    r.shuffle(values)
    return values


_NONE_TEXT = "Cả A, B, C đều sai"


def _sc(
    r: random.Random,
    stem: str,
    key: str,
    wrong: Iterable[str],
    solution: str = "",
    *,
    none_option: bool | None = None,
) -> ParsedQuestion | None:
    """Single choice with four shuffled options (key + three distinct distractors).

    ``none_option`` adds a fixed last option “Cả A, B, C đều sai”; a third of those
    questions drop the key so that this option is the correct one. ``None``: decided by
    chance (about one question in twelve).
    """
    distractors = _uniq(wrong, exclude=[key, _NONE_TEXT])
    if len(distractors) < 3:
        return None
    if none_option is None:
        none_option = r.random() < 0.08
    if none_option:
        none_correct = r.random() < 0.35
        shown = distractors[:3] if none_correct else [key, *distractors[:2]]
        options = [Choice(text=t, correct=(t == key)) for t in shown]
        r.shuffle(options)
        options.append(Choice(text=_NONE_TEXT, correct=none_correct, fixed=True))
        if none_correct:
            solution += _sol(f"Đáp án đúng là {key}, không có trong các phương án A, B, C.")
    else:
        options = [Choice(text=key, correct=True)] + [Choice(text=t) for t in distractors[:3]]
        r.shuffle(options)
    for letter, option in zip("ABCD", options, strict=True):
        option.ident = letter
    return ParsedQuestion(qtype=QType.SINGLE_CHOICE, stem=stem, choices=options, solution=solution)


def _tf(
    stem: str, statements: Sequence[tuple[str, bool] | tuple[str, bool, str]], solution: str = ""
) -> ParsedQuestion | None:
    """Đúng/Sai cluster of four statements a)–d) with both values present."""
    if len(statements) != 4 or len({s[1] for s in statements}) != 2:
        return None
    if len({_key(s[0]) for s in statements}) != 4:
        return None
    choices = [
        Choice(text=s[0], correct=s[1], ident=letter, feedback=s[2] if len(s) > 2 else "")
        for letter, s in zip("abcd", statements, strict=True)
    ]
    return ParsedQuestion(qtype=QType.TRUE_FALSE, stem=stem, choices=choices, solution=solution)


def _sn(stem: str, value, solution: str = "", places: int = 0) -> ParsedQuestion | None:
    answer = _p3(value, places)
    if answer is None:
        return None
    return ParsedQuestion(
        qtype=QType.SHORT_NUMERIC, stem=stem, numeric_answer=answer, solution=solution
    )


def _mr(
    r: random.Random, stem: str, options: Sequence[tuple[str, bool]], solution: str = ""
) -> ParsedQuestion | None:
    """Multiple response: 4–5 options of which 2–3 are correct."""
    n_true = sum(1 for _, ok in options if ok)
    if not 4 <= len(options) <= 5 or not 2 <= n_true <= 3 or n_true == len(options):
        return None
    if len({_key(t) for t, _ in options}) != len(options):
        return None
    choices = [Choice(text=t, correct=ok) for t, ok in options]
    r.shuffle(choices)
    for letter, c in zip("ABCDE", choices, strict=False):
        c.ident = letter
    return ParsedQuestion(
        qtype=QType.MULTIPLE_RESPONSE, stem=stem, choices=choices, solution=solution
    )


def _st(stem: str, answers: Sequence[str], solution: str = "") -> ParsedQuestion:
    return ParsedQuestion(
        qtype=QType.SHORT_TEXT,
        stem=stem,
        choices=[Choice(text=a, correct=True) for a in answers],
        solution=solution,
    )


def _essay(stem: str, guide: Sequence[tuple[str, float]], solution: str = "") -> ParsedQuestion:
    items = "".join(f"<li>{text} ({_vn(points)} điểm)</li>" for text, points in guide)
    total = sum(points for _, points in guide)
    return ParsedQuestion(
        qtype=QType.ESSAY,
        stem=stem,
        marking_guide=f"<ol>{items}</ol><p>Tổng: {_vn(total)} điểm.</p>",
        points=float(total),
        solution=solution,
    )


def _cloze(stem: str, blanks: Sequence[Blank], solution: str = "") -> ParsedQuestion:
    return ParsedQuestion(qtype=QType.CLOZE, stem=stem, blanks=list(blanks), solution=solution)


def _bn(value, tolerance: float = 0.0) -> Blank:
    return Blank(
        kind="numeric", answers=[Choice(text=_vn(value), correct=True)], tolerance=tolerance
    )


def _bt(*answers: str) -> Blank:
    return Blank(kind="text", answers=[Choice(text=a, correct=True) for a in answers])


def _bc(r: random.Random, key: str, wrong: Sequence[str]) -> Blank:
    options = [Choice(text=key, correct=True)] + [
        Choice(text=w) for w in _uniq(wrong, exclude=[key])
    ]
    r.shuffle(options)
    return Blank(kind="choice", answers=options)


def _match(
    r: random.Random,
    stem: str,
    pairs: Sequence[tuple[str, str]],
    extra: Sequence[str] = (),
    solution: str = "",
) -> ParsedQuestion | None:
    if len({_key(a) for a, _ in pairs}) != len(pairs):
        return None
    if len({_key(b) for _, b in pairs} | {_key(e) for e in extra}) != len(pairs) + len(extra):
        return None
    choices = [Choice(text=a, match=b) for a, b in pairs]
    r.shuffle(choices)
    choices += [Choice(text="", match=e) for e in extra]
    return ParsedQuestion(qtype=QType.MATCHING, stem=stem, choices=choices, solution=solution)


def _order(stem: str, items: Sequence[str], solution: str = "") -> ParsedQuestion | None:
    if len({_key(i) for i in items}) != len(items):
        return None
    return ParsedQuestion(
        qtype=QType.ORDERING,
        stem=stem,
        choices=[Choice(text=i, ident=str(n)) for n, i in enumerate(items, start=1)],
        solution=solution,
    )


def _shuffled(r: random.Random, items: Sequence) -> list:
    out = list(items)
    r.shuffle(out)
    return out


def _it(
    q: ParsedQuestion | None, subject: str, grade: int, lesson: str, y: int | None, level: str
) -> _Item | None:
    return None if q is None else _Item(q, subject, grade, lesson, y, level)


def _co(values: Sequence) -> str:
    """Coordinates "(1; -2; 3)" (TeX)."""
    return "(" + "; ".join(_fx(v) for v in values) + ")"


def _sgn(value) -> str:
    """ " + 3" / " - 3" for appending a constant term; "" for zero."""
    value = Fraction(value)
    if value == 0:
        return ""
    return (" + " if value > 0 else " - ") + _fx(abs(value))


def _factor(root) -> str:
    return "x" if root == 0 else "(x" + _sgn(-root) + ")"


def _mx(tex: str, **values) -> str:
    """Inline math from a ``<name>`` template."""
    return _m(_t(tex, **values))


# =======================================================================================
# TOÁN 12
# =======================================================================================


def _cubic(r: random.Random) -> tuple[list[int], int, int]:
    """y = ax³ + bx² + cx + d with integer critical points p < q."""
    while True:
        p, q = sorted(r.sample(range(-3, 5), 2))
        a = r.choice([1, 1, 2, -1, -2])
        if a % 2 == 0 or (p + q) % 2 == 0:
            break
    d = r.randint(-5, 6)
    return [a, -3 * a * (p + q) // 2, 3 * a * p * q, d], p, q


def _extrema(coeffs, p, q):
    """(x_CĐ, y_CĐ, x_CT, y_CT) of the cubic."""
    xmax, xmin = (p, q) if coeffs[0] > 0 else (q, p)
    return xmax, _peval(coeffs, xmax), xmin, _peval(coeffs, xmin)


def _cubic_solution(coeffs, p, q) -> str:
    a = coeffs[0]
    xmax, ymax, xmin, ymin = _extrema(coeffs, p, q)
    der = _m("y' = " + _poly(_pder(coeffs)) + " = " + str(3 * a) + _factor(p) + _factor(q))
    inner, outer = ("âm", "dương") if a > 0 else ("dương", "âm")
    return _sol(
        "Tập xác định " + _m(r"\mathbb{R}") + "; " + der + ".",
        _mx("y' = 0 \\Leftrightarrow x = <p>", p=p)
        + " hoặc "
        + _mx("x = <q>", q=q)
        + "; "
        + _m("y'")
        + f" {inner} trên khoảng "
        + _mx("(<p>; <q>)", p=p, q=q)
        + f" và {outer} trên hai khoảng còn lại.",
        "Hàm số đạt cực đại tại "
        + _mx("x = <x>", x=xmax)
        + ", "
        + _mx("y_{CĐ} = <y>", y=ymax)
        + "; đạt cực tiểu tại "
        + _mx("x = <x>", x=xmin)
        + ", "
        + _mx("y_{CT} = <y>", y=ymin)
        + ".",
    )


def t_toan12_cuc_tri_sc(r):
    coeffs, p, q = _cubic(r)
    xmax, ymax, xmin, ymin = _extrema(coeffs, p, q)
    f = _m("y = " + _poly(coeffs))
    if r.random() < 0.5:
        stem = f"Hàm số {f} đạt cực đại tại điểm nào sau đây?"
        key = _mx("x = <v>", v=xmax)
        wrong = [_mx("x = <v>", v=w) for w in (xmin, -xmax, ymax, -xmin, xmax + 1)]
    else:
        stem = f"Giá trị cực tiểu của hàm số {f} bằng"
        key = _m(str(ymin))
        wrong = [_m(str(w)) for w in (ymax, xmin, _peval(coeffs, -xmin), ymin + 2, ymin - 2)]
    q_ = _sc(r, stem, key, wrong, _cubic_solution(coeffs, p, q))
    return _it(q_, "toan", 12, "Bài 1", 3, r.choice(["biet", "hieu"]))


def t_toan12_cuc_tri_sn(r):
    coeffs, p, q = _cubic(r)
    xmax, ymax, xmin, ymin = _extrema(coeffs, p, q)
    f = _m("y = " + _poly(coeffs))
    sol = _cubic_solution(coeffs, p, q)
    kind = r.choice(["tong", "hieu", "khoang"])
    if kind == "tong":
        stem = f"Cho hàm số {f}. Tính tổng giá trị cực đại và giá trị cực tiểu của hàm số."
        value = ymax + ymin
        sol += _sol("Tổng: " + _mx("<a> + <b> = <c>", a=ymax, b=_p(ymin), c=value) + ".")
        places = 0
    elif kind == "hieu":
        stem = (
            f"Cho hàm số {f}. Tính hiệu {_m('y_{CĐ} - y_{CT}')} giữa giá trị cực đại và "
            "giá trị cực tiểu của hàm số."
        )
        value = ymax - ymin
        sol += _sol(_mx("y_{CĐ} - y_{CT} = <a> - <b> = <c>", a=ymax, b=_p(ymin), c=value) + ".")
        places = 0
    else:
        stem = (
            f"Đồ thị hàm số {f} có hai điểm cực trị {_m('A')} và {_m('B')}. Tính độ dài đoạn "
            f"thẳng {_m('AB')} (làm tròn kết quả đến hàng phần mười)."
        )
        value = math.hypot(xmax - xmin, ymax - ymin)
        sol += _sol(
            _mx(
                r"AB = \sqrt{<dx> + <dy>} \approx <v>",
                dx=(xmax - xmin) ** 2,
                dy=(ymax - ymin) ** 2,
                v=_tn(value, 1),
            )
            + "."
        )
        places = 1
    return _it(_sn(stem, value, sol, places), "toan", 12, "Bài 1", 3, "van_dung")


def t_toan12_cuc_tri_tf(r):
    coeffs, p, q = _cubic(r)
    a = coeffs[0]
    xmax, ymax, xmin, _ymin = _extrema(coeffs, p, q)
    truth = _mix(r)
    der = _pder(coeffs)
    shown = der if truth[0] else [der[0], der[1], der[2] + r.choice([-2, 2, 3])]
    decreasing = a > 0
    mono = "nghịch biến" if truth[1] == decreasing else "đồng biến"
    x3 = xmin if truth[2] else xmax
    v4 = ymax if truth[3] else ymax + r.choice([-3, -1, 1, 2, 4])
    statements = [
        ("Đạo hàm " + _m("y' = " + _poly(shown)) + ".", truth[0]),
        (f"Hàm số {mono} trên khoảng " + _mx("(<p>; <q>)", p=p, q=q) + ".", truth[1]),
        ("Hàm số đạt cực tiểu tại " + _mx("x = <x>", x=x3) + ".", truth[2]),
        ("Giá trị cực đại của hàm số bằng " + _m(str(v4)) + ".", truth[3]),
    ]
    stem = (
        "Cho hàm số " + _m("y = f(x) = " + _poly(coeffs)) + ". Xét tính đúng, sai của các "
        "mệnh đề sau."
    )
    q_ = _tf(stem, statements, _cubic_solution(coeffs, p, q))
    return _it(q_, "toan", 12, "Bài 1", r.choice([1, 3]), r.choice(["hieu", "van_dung"]))


def t_toan12_gtln(r):
    coeffs, p, q = _cubic(r)
    lo = r.randint(p - 2, p)
    hi = r.randint(q, q + 2)
    if r.random() < 0.4 and q - p > 1:  # only one critical point inside
        lo = r.randint(p + 1, q - 1)
    if hi - lo < 2:
        return None
    points = sorted({lo, hi} | {x for x in (p, q) if lo <= x <= hi})
    values = {x: _peval(coeffs, x) for x in points}
    big, small = max(values.values()), min(values.values())
    f = _m("y = " + _poly(coeffs))
    seg = _mx("[<a>; <b>]", a=lo, b=hi)
    sol = _sol(
        _m("y' = " + _poly(_pder(coeffs)))
        + "; "
        + _mx(r"y' = 0 \Leftrightarrow x = <p>", p=p)
        + " hoặc "
        + _mx("x = <q>", q=q)
        + ".",
        "Các giá trị cần so sánh: "
        + "; ".join(_mx("y(<x>) = <v>", x=x, v=v) for x, v in values.items())
        + ".",
        "Vậy giá trị lớn nhất là " + _m(str(big)) + ", giá trị nhỏ nhất là " + _m(str(small)) + ".",
    )
    if r.random() < 0.5:
        want_max = r.random() < 0.5
        key = big if want_max else small
        word = "lớn nhất" if want_max else "nhỏ nhất"
        wrong = [
            small if want_max else big,
            _peval(coeffs, hi if want_max else lo),
            _peval(coeffs, lo if want_max else hi),
            key + 1,
            key - 2,
            -key,
        ]
        stem = f"Giá trị {word} của hàm số {f} trên đoạn {seg} bằng"
        q_ = _sc(r, stem, _m(str(key)), [_m(str(w)) for w in wrong], sol)
        return _it(q_, "toan", 12, "Bài 2", 2, "hieu")
    stem = (
        f"Gọi {_m('M')} và {_m('m')} lần lượt là giá trị lớn nhất và giá trị nhỏ nhất của hàm "
        f"số {f} trên đoạn {seg}. Tính {_m('M + m')}."
    )
    return _it(_sn(stem, big + small, sol), "toan", 12, "Bài 2", 2, "van_dung")


def t_toan12_toi_uu(r):
    kind = r.choice(["hop", "hop", "van_toc", "hang_rao"])
    if kind == "hop":
        a = 6 * r.randint(2, 8)
        unit = r.choice(["cm", "dm"])
        x = a // 6
        vol = x * (a - 2 * x) ** 2
        ask_volume = r.random() < 0.5
        ask = (
            f"Thể tích lớn nhất của chiếc hộp bằng bao nhiêu {unit}³?"
            if ask_volume
            else f"Tìm {_m('x')} để thể tích chiếc hộp lớn nhất."
        )
        stem = (
            f"Từ một tấm bìa hình vuông cạnh {a} {unit}, người ta cắt bỏ ở bốn góc bốn hình "
            f"vuông bằng nhau cạnh {_m('x')} ({unit}) rồi gấp lại thành một chiếc hộp chữ nhật "
            f"không nắp. {ask}"
        )
        sol = _sol(
            _mx("V(x) = x(<a> - 2x)^2", a=a) + " với " + _mx("0 < x < <h>", h=a // 2) + ".",
            _mx("V'(x) = (<a> - 2x)(<a> - 6x)", a=a)
            + "; "
            + _mx(r"V'(x) = 0 \Leftrightarrow x = <x>", x=x)
            + " (loại "
            + _mx("x = <h>", h=a // 2)
            + ").",
            "Lập bảng biến thiên, thể tích lớn nhất là "
            + _mx("V = <v>", v=vol)
            + f" ({unit}³) khi "
            + _mx("x = <x>", x=x)
            + ".",
        )
        value = vol if ask_volume else x
        return _it(_sn(stem, value, sol), "toan", 12, "Bài 5", 1, "van_dung")
    if kind == "van_toc":
        b = 3 * r.randint(1, 5)
        c = r.randint(1, 20)
        tmax = b // 3
        vmax = b * b // 3 + c
        stem = (
            "Một vật chuyển động theo quy luật "
            + _m("s(t) = " + _poly([-1, b, c, 0], "t"))
            + ", trong đó "
            + _m("t")
            + " (giây) là thời gian tính từ lúc bắt đầu chuyển động và "
            + _m("s")
            + f" (mét) là quãng đường vật đi được. Trong khoảng {b + 3} giây đầu, vận tốc lớn "
            "nhất của vật bằng bao nhiêu m/s?"
        )
        sol = _sol(
            _m("v(t) = s'(t) = " + _poly([-3, 2 * b, c], "t"))
            + "; "
            + _m("v'(t) = " + _poly([-6, 2 * b], "t"))
            + _mx(r" = 0 \Leftrightarrow t = <t>", t=tmax)
            + ".",
            "Vận tốc lớn nhất là " + _mx("v(<t>) = <v>", t=tmax, v=vmax) + " m/s.",
        )
        return _it(_sn(stem, vmax, sol), "toan", 12, "Bài 5", 1, "van_dung")
    length = 4 * r.randint(5, 24)
    side = length // 4
    stem = (
        f"Bác An dùng {length} m lưới để rào một mảnh vườn hình chữ nhật. Diện tích lớn nhất "
        "của mảnh vườn có thể rào được là bao nhiêu mét vuông?"
    )
    sol = _sol(
        "Gọi một cạnh là " + _m("x") + " (m), cạnh kia là " + _mx("<h> - x", h=length // 2) + ".",
        _mx("S(x) = x(<h> - x)", h=length // 2)
        + " lớn nhất khi "
        + _mx("x = <s>", s=side)
        + "; khi đó "
        + _mx("S = <a>", a=side * side)
        + " m².",
    )
    return _it(_sn(stem, side * side, sol), "toan", 12, "Bài 5", 1, "van_dung")


def _frac_fn(a, b, c, d) -> str:
    return r"y = \dfrac{" + _lin(a, b) + "}{" + _lin(c, d) + "}"


def t_toan12_tiem_can(r):
    c = r.choice([1, 1, 2, -1])
    a = c * r.randint(-3, 4)
    d = c * r.randint(-4, 4)
    b = r.randint(-5, 5)
    if a * d - b * c == 0 or a == 0 or d == 0:
        return None
    x0, y0 = Fraction(-d, c), Fraction(a, c)
    f = (_md if r.random() < 0.35 else _m)(_frac_fn(a, b, c, d))
    sol = _sol(
        "Tiệm cận đứng: "
        + _mx("x = <x>", x=_fx(x0))
        + " (nghiệm của mẫu, không là nghiệm của tử).",
        "Tiệm cận ngang: "
        + _mx(r"y = \lim_{x \to \pm\infty} y = <y>", y=_fx(y0))
        + " (tỉ số hệ số của "
        + _m("x")
        + ").",
    )
    kind = r.random()
    if kind < 0.4:
        stem = f"Đường tiệm cận đứng của đồ thị hàm số {f} có phương trình là"
        key = _mx("x = <v>", v=_fx(x0))
        wrong = [
            _mx("x = <v>", v=_fx(-x0)),
            _mx("x = <v>", v=_fx(y0)),
            _mx("y = <v>", v=_fx(x0)),
            _mx("y = <v>", v=_fx(y0)),
        ]
        return _it(_sc(r, stem, key, wrong, sol), "toan", 12, "Bài 3", 2, "biet")
    if kind < 0.75:
        stem = f"Đường tiệm cận ngang của đồ thị hàm số {f} có phương trình là"
        key = _mx("y = <v>", v=_fx(y0))
        wrong = [
            _mx("y = <v>", v=_fx(-y0)),
            _mx("x = <v>", v=_fx(y0)),
            _mx("y = <v>", v=_fx(x0)),
            _mx("y = <v>", v=_fx(Fraction(b, d))),
            _mx("x = <v>", v=_fx(x0)),
        ]
        return _it(_sc(r, stem, key, wrong, sol), "toan", 12, "Bài 3", 2, "biet")
    stem = (
        f"Gọi {_m('I(x_0; y_0)')} là giao điểm của hai đường tiệm cận của đồ thị hàm số {f}. "
        f"Tính {_m('x_0 + y_0')}."
    )
    sol += _sol(_mx("x_0 + y_0 = <v>", v=_fx(x0 + y0)) + ".")
    return _it(_sn(stem, x0 + y0, sol, 2), "toan", 12, "Bài 3", 2, "hieu")


def _antider(coeffs) -> list[Fraction]:
    deg = len(coeffs) - 1
    return [Fraction(c, deg - i + 1) for i, c in enumerate(coeffs)] + [Fraction(0)]


def _integral_tex(coeffs, lo, hi) -> str:
    return _t(r"\int_{<a>}^{<b>} \left(<f>\right)dx", a=lo, b=hi, f=_poly(coeffs))


def t_toan12_tich_phan(r):
    deg = r.choice([1, 2, 2, 3])
    coeffs = [r.randint(-4, 5) for _ in range(deg + 1)]
    if deg >= 2 and r.random() < 0.7:
        coeffs[0] = 3 * r.choice([-1, 1, 1, 2]) if deg == 2 else 4 * r.choice([1, -1])
    if coeffs[0] == 0:
        return None
    lo = r.randint(-2, 1)
    hi = lo + r.randint(1, 3)
    prim = _antider(coeffs)
    value = _peval(prim, hi) - _peval(prim, lo)
    tex = _integral_tex(coeffs, lo, hi)
    sol = _sol(
        _m(
            tex
            + r" = \left.\left("
            + _poly(prim)
            + r"\right)\right|_{"
            + str(lo)
            + "}^{"
            + str(hi)
            + "}"
        )
        + _mx(" = <a> - <b> = <v>", a=_fx(_peval(prim, hi)), b=_p(_peval(prim, lo)), v=_fx(value))
        + "."
    )
    if value.denominator in (1, 2, 4, 5) and r.random() < 0.5:
        stem = "Tính tích phân " + _md("I = " + tex + ".")
        return _it(_sn(stem, value, sol, 2), "toan", 12, "Bài 12", 2, "hieu")
    not_divided = [c * 1 for c in coeffs] + [0]
    wrong = [
        _peval(prim, hi) + _peval(prim, lo),
        _peval(not_divided, hi) - _peval(not_divided, lo),
        _peval(prim, hi),
        -value,
        value + 1,
        _peval(coeffs, hi) - _peval(coeffs, lo),
    ]
    stem = "Giá trị của tích phân " + (_md(tex) if r.random() < 0.4 else _m(tex)) + " bằng"
    q_ = _sc(r, stem, _m(_fx(value)), [_m(_fx(w)) for w in wrong], sol)
    return _it(q_, "toan", 12, "Bài 12", 2, "hieu")


def t_toan12_tinh_chat_tp(r):
    a = r.randint(-2, 1)
    b = a + r.randint(2, 4)
    F, G = r.randint(-6, 9), r.randint(-6, 9)
    k, l_ = r.choice([2, 3, -1, 4]), r.choice([-2, 3, 1, -3])
    extra = r.choice([0, 1, 2])
    extra_val = Fraction(b * b - a * a, 2) if extra == 1 else Fraction(b - a) if extra == 2 else 0
    kf = {1: "", -1: "-"}.get(k, str(k))
    lg = (" - " if l_ < 0 else " + ") + ("" if abs(l_) == 1 else str(abs(l_))) + "g(x)"
    integrand = kf + "f(x)" + lg + {0: "", 1: " + x", 2: " + 1"}[extra]
    value = k * F + l_ * G + extra_val
    bounds = {"a": a, "b": b}
    stem = (
        "Cho "
        + _mx(r"\int_{<a>}^{<b>} f(x)\,dx = <F>", F=F, **bounds)
        + " và "
        + _mx(r"\int_{<a>}^{<b>} g(x)\,dx = <G>", G=G, **bounds)
        + ". Tính "
        + _mx(r"I = \int_{<a>}^{<b>} \left[<i>\right]dx", i=integrand, **bounds)
        + "."
    )
    tail = ""
    if extra == 1:
        tail = _t(r" + \int_{<a>}^{<b>} x\,dx", **bounds)
    elif extra == 2:
        tail = _t(r" + \int_{<a>}^{<b>} dx", **bounds)
    sol = _sol(
        "Theo tính chất của tích phân: "
        + _m(
            "I = "
            + _t(r"<k>\cdot <F> + <l>\cdot <G>", k=k, F=_p(F), l=_p(l_), G=_p(G))
            + tail
            + " = "
            + _fx(value)
        )
        + "."
    )
    return _it(_sn(stem, value, sol, 1), "toan", 12, "Bài 12", 1, "hieu")


def t_toan12_nguyen_ham(r):
    deg = r.choice([2, 3])
    coeffs = [r.randint(-3, 4) * (deg + 1), r.randint(-3, 4) * deg] + [
        r.randint(-5, 5) for _ in range(deg - 1)
    ]
    if coeffs[0] == 0:
        return None
    prim = _antider(coeffs)
    f = (_md if r.random() < 0.3 else _m)("f(x) = " + _poly(coeffs))
    sol = _sol(
        "Áp dụng "
        + _m(r"\int x^n\,dx = \dfrac{x^{n+1}}{n+1} + C")
        + " với "
        + _m(r"n \ne -1")
        + ": "
        + _m(r"\int f(x)\,dx = " + _poly(prim) + " + C")
        + "."
    )
    if r.random() < 0.6:
        wrong = [
            _m(_poly(_pder(coeffs)) + " + C"),
            _m(_poly([*coeffs, 0]) + " + C"),
            _m(_poly([Fraction(c, deg - i + 2) for i, c in enumerate(coeffs)] + [0]) + " + C"),
            _m(_poly([-c for c in prim]) + " + C"),
        ]
        stem = f"Họ tất cả các nguyên hàm của hàm số {f} là"
        q_ = _sc(r, stem, _m(_poly(prim) + " + C"), wrong, sol)
        return _it(q_, "toan", 12, "Bài 11", 2, "biet")
    c0 = r.randint(-5, 5)
    x1 = r.choice([1, -1, 2])
    value = _peval(prim, x1) + c0
    stem = (
        f"Biết {_m('F(x)')} là một nguyên hàm của hàm số {f} thoả mãn "
        + _mx("F(0) = <c>", c=c0)
        + ". Tính "
        + _mx("F(<x>)", x=x1)
        + "."
    )
    sol += _sol(
        _mx("F(0) = <c>", c=c0)
        + " nên "
        + _mx("C = <c>", c=c0)
        + "; "
        + _mx("F(<x>) = <v>", x=x1, v=_fx(value))
        + "."
    )
    return _it(_sn(stem, value, sol, 2), "toan", 12, "Bài 11", 3, "hieu")


_BASIC_PRIMITIVES = [
    (r"\cos x", r"\sin x + C", [r"-\sin x + C", r"\cos x + C", r"-\cos x + C"]),
    (r"\sin x", r"-\cos x + C", [r"\cos x + C", r"\sin x + C", r"-\sin x + C"]),
    ("e^x", "e^x + C", ["xe^{x-1} + C", r"\dfrac{e^{x+1}}{x+1} + C", r"e^x\ln x + C"]),
    (r"\dfrac{1}{x}", r"\ln|x| + C", [r"-\dfrac{1}{x^2} + C", r"\dfrac{1}{x^2} + C", "x + C"]),
    ("2^x", r"\dfrac{2^x}{\ln 2} + C", [r"2^x\ln 2 + C", r"\dfrac{2^{x+1}}{x+1} + C", "x2^{x-1} + C"]),
    ("3^x", r"\dfrac{3^x}{\ln 3} + C", [r"3^x\ln 3 + C", r"\dfrac{3^{x+1}}{x+1} + C", "x3^{x-1} + C"]),
    (r"\dfrac{1}{\cos^2 x}", r"\tan x + C", [r"\cot x + C", r"-\tan x + C", r"-\cot x + C"]),
    (r"\dfrac{1}{\sin^2 x}", r"-\cot x + C", [r"\cot x + C", r"\tan x + C", r"-\tan x + C"]),
    ("e^{2x}", r"\dfrac{1}{2}e^{2x} + C", ["2e^{2x} + C", "e^{2x} + C", r"\dfrac{e^{2x+1}}{2x+1} + C"]),
    (r"\cos 2x", r"\dfrac{1}{2}\sin 2x + C", [r"2\sin 2x + C", r"-\dfrac{1}{2}\sin 2x + C", r"\sin 2x + C"]),
    (r"\sin 3x", r"-\dfrac{1}{3}\cos 3x + C", [r"\dfrac{1}{3}\cos 3x + C", r"-3\cos 3x + C", r"3\cos 3x + C"]),
    (r"\sqrt{x}", r"\dfrac{2}{3}x\sqrt{x} + C", [r"\dfrac{1}{2\sqrt{x}} + C", r"\dfrac{3}{2}x\sqrt{x} + C", r"x\sqrt{x} + C"]),
]  # fmt: skip


def t_toan12_nguyen_ham_co_ban(r):
    f, key, wrong = r.choice(_BASIC_PRIMITIVES)
    stem = "Họ nguyên hàm của hàm số " + _m("f(x) = " + f) + " là"
    sol = _sol("Theo bảng nguyên hàm: " + _m(r"\int " + f + r"\,dx = " + key) + ".")
    q_ = _sc(r, stem, _m(key), [_m(w) for w in wrong], sol)
    return _it(q_, "toan", 12, "Bài 11", 2, "biet")


def t_toan12_dien_tich(r):
    if r.random() < 0.5:
        p = r.randint(-3, 2)
        q = p + r.randint(1, 6)
        k = r.choice([1, 1, 2, 3])
        coeffs = [-k, k * (p + q), -k * p * q]
        area = Fraction(k * (q - p) ** 3, 6)
        stem = (
            "Tính diện tích hình phẳng giới hạn bởi parabol "
            + _m("y = " + _poly(coeffs))
            + " và trục hoành (làm tròn kết quả đến hàng phần mười)."
        )
        sol = _sol(
            "Hoành độ giao điểm với trục hoành: "
            + _mx("x = <p>", p=p)
            + " và "
            + _mx("x = <q>", q=q)
            + ".",
            _mx(
                r"S = \int_{<p>}^{<q>} \left|<f>\right|dx = <s> \approx <v>",
                p=p,
                q=q,
                f=_poly(coeffs),
                s=_fx(area),
                v=_tn(area, 1),
            )
            + ".",
        )
        return _it(_sn(stem, area, sol, 1), "toan", 12, "Bài 13", 1, "van_dung")
    a = r.randint(2, 7)
    if r.random() < 0.5:
        vol = math.pi * a * a / 2
        stem = (
            "Cho hình phẳng giới hạn bởi đồ thị hàm số "
            + _m(r"y = \sqrt{x}")
            + ", trục hoành và đường thẳng "
            + _mx("x = <a>", a=a)
            + ". Tính thể tích khối tròn xoay tạo thành khi quay hình phẳng đó quanh trục hoành "
            "(làm tròn kết quả đến hàng phần mười)."
        )
        sol = _sol(
            _mx(
                r"V = \pi\int_0^{<a>} x\,dx = \dfrac{<s>\pi}{2} \approx <v>",
                a=a,
                s=a * a,
                v=_tn(vol, 1),
            )
            + "."
        )
    else:
        k = r.randint(1, 3)
        vol = math.pi * k * k * a**3 / 3
        line = "y = x" if k == 1 else f"y = {k}x"
        stem = (
            "Tính thể tích khối tròn xoay tạo thành khi quay hình phẳng giới hạn bởi các đường "
            + _m(line)
            + ", "
            + _m("y = 0")
            + ", "
            + _mx("x = <a>", a=a)
            + " quanh trục "
            + _m("Ox")
            + " (làm tròn kết quả đến hàng phần mười)."
        )
        sol = _sol(
            _mx(
                r"V = \pi\int_0^{<a>} <k>x^2\,dx = <e>\pi \approx <v>",
                a=a,
                k="" if k == 1 else k * k,
                e=_fx(Fraction(k * k * a**3, 3)),
                v=_tn(vol, 1),
            )
            + "."
        )
    return _it(_sn(stem, vol, sol, 1), "toan", 12, "Bài 13", 1, "van_dung")


_QUADS = [(1, 2, 2, 3), (2, 3, 6, 7), (1, 4, 8, 9), (4, 4, 7, 9), (2, 6, 9, 11), (0, 3, 4, 5),
          (2, 10, 11, 15), (6, 6, 7, 11), (0, 6, 8, 10), (2, 4, 4, 6)]  # fmt: skip


def _quad_vec(r) -> tuple[list[int], int]:
    """An integer vector with an integer length."""
    *v, n = r.choice(_QUADS)
    v = list(v)
    r.shuffle(v)
    return [x * r.choice([1, -1]) for x in v], n


def _pt(name: str, v) -> str:
    return _m(name + _co(v))


def _vec(name: str, v) -> str:
    return _m(r"\vec{" + name + "} = " + _co(v))


def _dot(a, b):
    return sum(x * y for x, y in zip(a, b, strict=True))


_OXYZ = "Trong không gian " + _m("Oxyz") + ", "


def t_toan12_vecto(r):
    kind = r.choice(["dot", "len", "len", "mid", "sum", "perp"])
    a = [r.randint(-4, 5) for _ in range(3)]
    b = [r.randint(-4, 5) for _ in range(3)]
    if kind == "dot":
        dot = _dot(a, b)
        stem = (
            _OXYZ
            + f"cho {_vec('a', a)} và {_vec('b', b)}. Tích vô hướng "
            + _m(r"\vec{a}\cdot\vec{b}")
            + " bằng"
        )
        wrong = [dot + 2, -dot, sum(x + y for x, y in zip(a, b, strict=True)),
                 a[0] * b[0] + a[1] * b[1] - a[2] * b[2], dot - 1]  # fmt: skip
        terms = " + ".join(_t(r"<x>\cdot <y>", x=_p(x), y=_p(y)) for x, y in zip(a, b, strict=True))
        sol = _sol(_m(r"\vec{a}\cdot\vec{b} = " + terms + " = " + str(dot)) + ".")
        q_ = _sc(r, stem, _m(str(dot)), [_m(str(w)) for w in wrong], sol)
        return _it(q_, "toan", 12, "Bài 8", 1, "biet")
    if kind == "len":
        d, n = _quad_vec(r)
        bb = [x + y for x, y in zip(a, d, strict=True)]
        stem = _OXYZ + f"cho hai điểm {_pt('A', a)} và {_pt('B', bb)}. "
        sq = " + ".join(_p(x) + "^2" for x in d)
        sol = _sol(
            _m(r"\overrightarrow{AB} = " + _co(d))
            + ", "
            + _mx(r"AB = \sqrt{<s>} = \sqrt{<n2>} = <n>", s=sq, n2=n * n, n=n)
            + "."
        )
        if r.random() < 0.5:
            stem += "Tính độ dài đoạn thẳng " + _m("AB") + "."
            return _it(_sn(stem, n, sol), "toan", 12, "Bài 8", 2, "hieu")
        stem += "Độ dài đoạn thẳng " + _m("AB") + " bằng"
        wrong = [_m(str(n * n)), _m(str(sum(abs(x) for x in d))), _m(str(n + 1)),
                 _mx(r"\sqrt{<s>}", s=sum(abs(x) for x in d))]  # fmt: skip
        return _it(_sc(r, stem, _m(str(n)), wrong, sol), "toan", 12, "Bài 8", 2, "hieu")
    if kind == "mid":
        mid = [Fraction(x + y, 2) for x, y in zip(a, b, strict=True)]
        stem = (
            _OXYZ
            + f"cho hai điểm {_pt('A', a)} và {_pt('B', b)}. Toạ độ trung điểm "
            + _m("I")
            + " của đoạn thẳng "
            + _m("AB")
            + " là"
        )
        key = _m("I" + _co(mid))
        wrong = [
            _m("I" + _co([y - x for x, y in zip(a, b, strict=True)])),
            _m("I" + _co([x + y for x, y in zip(a, b, strict=True)])),
            _m("I" + _co([Fraction(y - x, 2) for x, y in zip(a, b, strict=True)])),
        ]
        sol = _sol(
            _m(
                r"x_I = \dfrac{x_A + x_B}{2},\ y_I = \dfrac{y_A + y_B}{2},\ z_I = \dfrac{z_A + z_B}{2}"
            )
            + " nên "
            + key
            + "."
        )
        return _it(_sc(r, stem, key, wrong, sol), "toan", 12, "Bài 8", 1, "biet")
    if kind == "sum":
        k = r.choice([2, 3, -2])
        res = [x + k * y for x, y in zip(a, b, strict=True)]
        u = _t(r"\vec{u} = \vec{a} <s> <k>\vec{b}", s="+" if k > 0 else "-", k=abs(k))
        stem = _OXYZ + f"cho {_vec('a', a)} và {_vec('b', b)}. Toạ độ của vectơ {_m(u)} là"
        key = _m(_co(res))
        wrong = [
            _m(_co([x - k * y for x, y in zip(a, b, strict=True)])),
            _m(_co([k * x + y for x, y in zip(a, b, strict=True)])),
            _m(_co([x + y for x, y in zip(a, b, strict=True)])),
        ]
        sol = _sol(_m(u + " = " + _co(res)) + " (cộng từng toạ độ).")
        return _it(_sc(r, stem, key, wrong, sol), "toan", 12, "Bài 8", 1, "biet")
    b = [r.randint(-4, 5), r.randint(-4, 5), r.choice([1, 2, -1, -2, 3])]
    rest = a[0] * b[0] + a[1] * b[1]
    if rest % b[2]:
        return None
    m_val = -rest // b[2]
    stem = (
        _OXYZ
        + "cho "
        + _mx(r"\vec{a} = (<x>; <y>; m)", x=a[0], y=a[1])
        + f" và {_vec('b', b)}. Tìm giá trị của "
        + _m("m")
        + " để "
        + _m(r"\vec{a} \perp \vec{b}")
        + "."
    )
    sol = _sol(
        _mx(
            r"\vec{a}\cdot\vec{b} = <x>\cdot <bx> + <y>\cdot <by> + <bz>m = 0 \Leftrightarrow m = <m>",
            x=_p(a[0]),
            bx=_p(b[0]),
            y=_p(a[1]),
            by=_p(b[1]),
            bz=_p(b[2]),
            m=m_val,
        )
        + "."
    )
    return _it(_sn(stem, m_val, sol), "toan", 12, "Bài 8", 3, "hieu")


def t_toan12_vecto_tf(r):
    a = [r.randint(-3, 4) for _ in range(3)]
    b = [r.randint(-3, 4) for _ in range(3)]
    truth = _mix(r)
    s = [x + y for x, y in zip(a, b, strict=True)]
    dot = _dot(a, b)
    la2 = sum(x * x for x in a)
    s_shown = s if truth[0] else [s[0], s[1] - 2, s[2]]
    dot_shown = dot if truth[1] else dot + r.choice([-3, 2, 5])
    la_shown = la2 if truth[2] else la2 + r.choice([1, 2, 4])
    perp = dot == 0
    says_perp = perp if truth[3] else not perp
    relation = "vuông góc" if says_perp else "không vuông góc"
    statements = [
        (_m(r"\vec{a} + \vec{b} = " + _co(s_shown)) + ".", truth[0]),
        (_mx(r"\vec{a}\cdot\vec{b} = <v>", v=dot_shown) + ".", truth[1]),
        (_mx(r"|\vec{a}| = \sqrt{<v>}", v=la_shown) + ".", truth[2]),
        (
            "Hai vectơ " + _m(r"\vec{a}") + " và " + _m(r"\vec{b}") + f" {relation} với nhau.",
            truth[3],
        ),
    ]
    stem = _OXYZ + f"cho {_vec('a', a)} và {_vec('b', b)}. Xét tính đúng, sai của các mệnh đề sau."
    sol = _sol(
        _m(r"\vec{a} + \vec{b} = " + _co(s))
        + "; "
        + _mx(r"\vec{a}\cdot\vec{b} = <d>", d=dot)
        + "; "
        + _mx(r"|\vec{a}| = \sqrt{<l>}", l=la2)
        + ".",
        "Hai vectơ vuông góc khi và chỉ khi tích vô hướng của chúng bằng 0.",
    )
    return _it(_tf(stem, statements, sol), "toan", 12, "Bài 8", 1, "hieu")


def _lin_xyz(n, d) -> str:
    """ax + by + cz + d = 0 (TeX)."""
    text = ""
    for c, v in zip(n, "xyz", strict=True):
        if not c:
            continue
        body = v if abs(c) == 1 else f"{abs(c)}{v}"
        if not text:
            text = ("-" if c < 0 else "") + body
        else:
            text += (" - " if c < 0 else " + ") + body
    return text + _sgn(d) + " = 0"


def _parallel(u, v) -> bool:
    return not any(
        (u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0])
    )


def t_toan12_mat_phang(r):
    n, norm = _quad_vec(r)
    d = r.randint(-12, 12)
    M = [r.randint(-4, 5) for _ in range(3)]
    plane = _m("(P): " + _lin_xyz(n, d))
    kind = r.random()
    if kind < 0.45:
        val = abs(_dot(n, M) + d)
        dist = Fraction(val, norm)
        places = 0 if dist.denominator == 1 else 2
        stem = _OXYZ + f"tính khoảng cách từ điểm {_pt('M', M)} đến mặt phẳng {plane}"
        stem += " (làm tròn kết quả đến hàng phần trăm)." if places else "."
        num = " + ".join(_t(r"<a>\cdot <b>", a=_p(a), b=_p(b)) for a, b in zip(n, M, strict=True))
        sol = _sol(
            _mx(
                r"d\big(M, (P)\big) = \dfrac{|<num><d>|}{\sqrt{<s>}} = \dfrac{<v>}{<n>}",
                num=num,
                d=_sgn(d),
                s=" + ".join(_p(x) + "^2" for x in n),
                v=val,
                n=norm,
            )
            + (_mx(r" \approx <x>", x=_tn(dist, 2)) if places else "")
            + "."
        )
        return _it(_sn(stem, dist, sol, places), "toan", 12, "Bài 14", 2, "hieu")
    if kind < 0.7:
        stem = _OXYZ + f"mặt phẳng {plane} có một vectơ pháp tuyến là"
        key = _m(r"\vec{n} = " + _co(n))
        candidates = [(n[1], n[2], d), (n[0], n[1], d), (n[0], -n[1], n[2]), (-n[0], n[1], n[2]),
                      (n[0], n[1], -n[2]), (n[2], n[1], n[0]), (d, n[1], n[2])]  # fmt: skip
        wrong = [_m(r"\vec{n} = " + _co(c)) for c in candidates if any(c) and not _parallel(n, c)]
        sol = _sol(
            "Mặt phẳng "
            + _m("ax + by + cz + d = 0")
            + " có một vectơ pháp tuyến "
            + _m(r"\vec{n} = (a; b; c)")
            + ", nên "
            + key
            + "."
        )
        return _it(_sc(r, stem, key, wrong, sol), "toan", 12, "Bài 14", 1, "biet")
    d0 = -_dot(n, M)
    stem = (
        _OXYZ
        + f"phương trình mặt phẳng đi qua điểm {_pt('M', M)} và có vectơ pháp tuyến "
        + _m(r"\vec{n} = " + _co(n))
        + " là"
    )
    key = _m(_lin_xyz(n, d0))
    wrong = [
        _m(_lin_xyz(n, -d0)),
        _m(_lin_xyz(M, -_dot(n, M))) if any(M) else "",
        _m(_lin_xyz(n, d0 + r.choice([1, -1, 2]))),
        _m(_lin_xyz(n, d)),
    ]
    expanded = " + ".join(
        _p(c) + "(" + v + _sgn(-m0) + ")" for c, v, m0 in zip(n, "xyz", M, strict=True) if c
    )
    sol = _sol(_m(expanded + " = 0") + " ⇔ " + key + ".")
    return _it(_sc(r, stem, key, wrong, sol), "toan", 12, "Bài 14", 1, "hieu")


def _param(m0, c, var: str = "t") -> str:
    """x₀ + ct (TeX) for a parametric equation."""
    if m0 == 0:
        return _poly([c, 0], var)
    return str(m0) + (" + " if c > 0 else " - ") + ("" if abs(c) == 1 else str(abs(c))) + var


def t_toan12_duong_thang(r):
    M = [r.randint(-4, 5) for _ in range(3)]
    u = [r.choice([-3, -2, -1, 1, 2, 3, 4]) for _ in range(3)]
    rows = [v + " = " + _param(m0, c) for m0, c, v in zip(M, u, "xyz", strict=True)]
    eq = r"\begin{cases}" + r" \\ ".join(rows) + r"\end{cases}"
    stem = (
        _OXYZ
        + "cho đường thẳng "
        + _m("d: " + eq)
        + ". Một vectơ chỉ phương của "
        + _m("d")
        + " là"
    )
    key = _m(r"\vec{u} = " + _co(u))
    candidates = [M, [x + y for x, y in zip(M, u, strict=True)], [u[0], -u[1], u[2]],
                  [u[1], u[0], u[2]], [-x for x in M]]  # fmt: skip
    wrong = [_m(r"\vec{u} = " + _co(c)) for c in candidates if any(c) and not _parallel(u, c)]
    sol = _sol(
        "Đường thẳng có phương trình tham số "
        + _m(r"x = x_0 + at,\ y = y_0 + bt,\ z = z_0 + ct")
        + " nhận "
        + _m(r"\vec{u} = (a; b; c)")
        + " làm một vectơ chỉ phương, nên "
        + key
        + "."
    )
    return _it(_sc(r, stem, key, wrong, sol), "toan", 12, "Bài 15", 1, "biet")


def t_toan12_goc(r):
    n1 = [r.randint(-2, 2) for _ in range(3)]
    n2 = [r.randint(-2, 2) for _ in range(3)]
    if not any(n1) or not any(n2) or _parallel(n1, n2):
        return None
    dot = abs(_dot(n1, n2))
    l1, l2 = _dot(n1, n1), _dot(n2, n2)
    angle = math.degrees(math.acos(dot / math.sqrt(l1 * l2)))
    stem = (
        _OXYZ
        + "tính góc giữa hai mặt phẳng "
        + _m("(P): " + _lin_xyz(n1, r.randint(-5, 5)))
        + " và "
        + _m("(Q): " + _lin_xyz(n2, r.randint(-5, 5)))
        + " (đơn vị: độ; làm tròn kết quả đến hàng đơn vị)."
    )
    sol = _sol(
        _mx(
            r"\cos\big((P), (Q)\big) = \dfrac{|\vec{n_1}\cdot\vec{n_2}|}{|\vec{n_1}|\cdot|\vec{n_2}|}"
            r" = \dfrac{<d>}{\sqrt{<a>}\cdot\sqrt{<b>}}",
            d=dot,
            a=l1,
            b=l2,
        )
        + ", suy ra góc giữa hai mặt phẳng xấp xỉ "
        + _mx(r"<v>^\circ", v=_tn(angle, 0))
        + "."
    )
    return _it(_sn(stem, angle, sol), "toan", 12, "Bài 16", 1, "van_dung")


def t_toan12_mat_cau(r):
    c = [r.randint(-5, 5) for _ in range(3)]
    R2 = r.choice([1, 4, 9, 16, 25, 2, 3, 5, 7, 8, 10, 12])
    R = math.isqrt(R2)
    rt = str(R) if R * R == R2 else _t(r"\sqrt{<v>}", v=R2)
    eq = " + ".join((v + "^2") if x == 0 else "(" + v + _sgn(-x) + ")^2"
                    for v, x in zip("xyz", c, strict=True)) + f" = {R2}"  # fmt: skip
    stem = (
        _OXYZ
        + "mặt cầu "
        + _m("(S): " + eq)
        + " có tâm "
        + _m("I")
        + " và bán kính "
        + _m("R")
        + " là"
    )
    neg = [-x for x in c]
    key = _m("I" + _co(c) + ",\\ R = " + rt)
    wrong = [
        _m("I" + _co(neg) + ",\\ R = " + rt),
        _m("I" + _co(c) + f",\\ R = {R2}"),
        _m("I" + _co(neg) + f",\\ R = {R2}"),
    ]
    if R * R == R2 and R2 == 1:
        wrong[1] = _m("I" + _co(c) + ",\\ R = 2")
    sol = _sol(
        "Mặt cầu "
        + _m("(x - a)^2 + (y - b)^2 + (z - c)^2 = R^2")
        + " có tâm "
        + _m("I(a; b; c)")
        + " và bán kính "
        + _m("R")
        + "; ở đây "
        + key
        + "."
    )
    return _it(_sc(r, stem, key, wrong, sol, none_option=False), "toan", 12, "Bài 17", 1, "biet")


_STAT_THEMES = [
    ("thời gian tự học mỗi ngày", "học sinh", "Thời gian (phút)", 10, 0),
    ("chiều cao", "cây keo giống", "Chiều cao (cm)", 5, 20),
    ("cân nặng", "học sinh khối 12", "Cân nặng (kg)", 5, 40),
    ("quãng đường chạy bộ mỗi tuần", "hội viên câu lạc bộ", "Quãng đường (km)", 4, 0),
    ("thời gian chạy 100 m", "học sinh nam", "Thời gian (giây)", 1, 12),
    ("điện năng tiêu thụ trong tháng", "hộ gia đình", "Điện năng (kWh)", 50, 50),
    ("thời gian sử dụng điện thoại mỗi ngày", "học sinh", "Thời gian (phút)", 20, 0),
]


def _grouped_sample(r):
    theme, who, label, h, start = r.choice(_STAT_THEMES)
    k = r.choice([4, 5, 5, 6])
    start += h * r.randint(0, 4)
    counts = [r.randint(2, 14) for _ in range(k)]
    n = sum(counts)
    bounds = [start + i * h for i in range(k + 1)]
    mids = [Fraction(bounds[i] + bounds[i + 1], 2) for i in range(k)]
    mean = sum(m * c for m, c in zip(mids, counts, strict=True)) / n
    var = sum(c * m * m for m, c in zip(mids, counts, strict=True)) / n - mean * mean
    header = "".join(f"<td>[{_vn(bounds[i])}; {_vn(bounds[i + 1])})</td>" for i in range(k))
    row = "".join(f"<td>{c}</td>" for c in counts)
    table = (
        f"<table><tbody><tr><th>{label}</th>{header}</tr>"
        f"<tr><th>Tần số</th>{row}</tr></tbody></table>"
    )
    return theme, who, table, bounds, mids, counts, n, mean, var


def t_toan12_thong_ke_group(r):
    theme, who, table, bounds, mids, counts, n, mean, var = _grouped_sample(r)
    about = f"{theme} của {n} {who}"
    stimulus = f"<p>Kết quả khảo sát {about} được cho trong bảng tần số ghép nhóm sau:</p>{table}"
    spread = bounds[-1] - bounds[0]
    q1 = _sc(
        r,
        f"Khoảng biến thiên của mẫu số liệu ghép nhóm về {about} là",
        _m(_tn(spread)),
        [
            _m(_tn(w))
            for w in (
                bounds[-2] - bounds[0],
                bounds[-1] - bounds[1],
                bounds[-1],
                mids[-1] - mids[0] + 1,
                spread + bounds[1] - bounds[0],
            )
        ],
        _sol(
            "Khoảng biến thiên bằng đầu mút phải của nhóm cuối trừ đầu mút trái của nhóm đầu: "
            + _mx("R = <a> - <b> = <c>", a=_tn(bounds[-1]), b=_tn(bounds[0]), c=_tn(spread))
            + "."
        ),
        none_option=False,
    )
    terms = " + ".join(
        _t(r"<c>\cdot <m>", c=c, m=_tn(m)) for m, c in zip(mids, counts, strict=True)
    )
    sol_mean = _sol(
        "Giá trị đại diện của các nhóm: " + "; ".join(_vn(m) for m in mids) + ".",
        _mx(r"\bar{x} = \dfrac{<t>}{<n>} \approx <v>", t=terms, n=n, v=_tn(mean, 2)) + ".",
    )
    q2 = _sn(
        f"Tính số trung bình của mẫu số liệu ghép nhóm về {about} (làm tròn kết quả đến hàng "
        "phần mười).",
        mean,
        sol_mean,
        1,
    )
    std = math.sqrt(float(var))
    which = r.choice(["phương sai", "độ lệch chuẩn"])
    value = float(var) if which == "phương sai" else std
    sol_var = sol_mean + _sol(
        _mx(
            r"s^2 = \dfrac{1}{<n>}\sum n_i x_i^2 - \bar{x}^2 \approx <v>",
            n=n,
            v=_tn(var, 2),
        )
        + (
            "; " + _mx(r"s = \sqrt{s^2} \approx <s>", s=_tn(std, 2))
            if which == "độ lệch chuẩn"
            else ""
        )
        + "."
    )
    q3 = _sn(
        f"Tính {which} của mẫu số liệu ghép nhóm về {about} (làm tròn kết quả đến hàng phần mười).",
        value,
        sol_var,
        1,
    )
    items = [
        _it(q1, "toan", 12, "Bài 9", 1, "biet"),
        _it(q2, "toan", 12, "Bài 9", 1, "hieu"),
        _it(q3, "toan", 12, "Bài 10", 1, "van_dung"),
    ]
    if any(i is None for i in items):
        return None
    return _Group(title=f"Bảng số liệu: {about}", stimulus=stimulus, items=items)


def t_toan12_xs_dieu_kien(r):
    if r.random() < 0.5:
        boys, girls = r.randint(12, 25), r.randint(12, 25)
        b_like, g_like = r.randint(3, boys - 2), r.randint(3, girls - 2)
        activity = r.choice(["bóng đá", "cầu lông", "bóng rổ", "cờ vua", "bơi lội", "bóng chuyền"])
        if r.random() < 0.5:
            value = Fraction(b_like, boys)
            ask = f"Biết rằng học sinh được chọn là nam, tính xác suất học sinh đó thích {activity}"
            num, den = b_like, boys
        else:
            value = Fraction(g_like, g_like + b_like)
            ask = f"Biết rằng học sinh được chọn thích {activity}, tính xác suất học sinh đó là nữ"
            num, den = g_like, g_like + b_like
        stem = (
            f"Lớp 12A có {boys} học sinh nam và {girls} học sinh nữ, trong đó có {b_like} bạn nam "
            f"và {g_like} bạn nữ thích môn {activity}. Chọn ngẫu nhiên một học sinh của lớp. "
            f"{ask} (làm tròn kết quả đến hàng phần trăm)."
        )
        sol = _sol(
            _mx(
                r"P(A\,|\,B) = \dfrac{n(A \cap B)}{n(B)} = \dfrac{<a>}{<b>} \approx <v>",
                a=num,
                b=den,
                v=_tn(value, 2),
            )
            + "."
        )
        return _it(_sn(stem, value, sol, 2), "toan", 12, "Bài 18", 1, "hieu")
    x = r.choice([40, 45, 50, 55, 60, 65, 70])
    d1, d2 = r.sample([1, 2, 3, 4, 5, 6], 2)
    p_def = Fraction(x * d1 + (100 - x) * d2, 10000)
    p_post = Fraction(x * d1, 10000) / p_def
    stem = (
        f"Một nhà máy có hai phân xưởng I và II, lần lượt sản xuất {x}% và {100 - x}% tổng số "
        f"sản phẩm; tỉ lệ phế phẩm của phân xưởng I là {d1}%, của phân xưởng II là {d2}%. Lấy "
        "ngẫu nhiên một sản phẩm của nhà máy thì thấy đó là phế phẩm. Tính xác suất sản phẩm đó "
        "do phân xưởng I sản xuất (làm tròn kết quả đến hàng phần trăm)."
    )
    vals = {
        "x": _tn(Fraction(x, 100)),
        "y": _tn(Fraction(100 - x, 100)),
        "a": _tn(Fraction(d1, 100)),
        "b": _tn(Fraction(d2, 100)),
    }
    sol = _sol(
        "Công thức xác suất toàn phần: "
        + _mx(r"P(A) = <x>\cdot <a> + <y>\cdot <b> = <p>", p=_tn(p_def), **vals)
        + ".",
        "Công thức Bayes: "
        + _mx(
            r"P(I\,|\,A) = \dfrac{<x>\cdot <a>}{<p>} \approx <v>",
            p=_tn(p_def),
            v=_tn(p_post, 2),
            **vals,
        )
        + ".",
    )
    return _it(_sn(stem, p_post, sol, 2), "toan", 12, "Bài 19", 2, "van_dung")


def t_toan12_bayes_tf(r):
    pa = Fraction(r.randint(2, 8), 10)
    pb_a, pb_na = (Fraction(k, 10) for k in r.sample(range(1, 10), 2))
    pb = pa * pb_a + (1 - pa) * pb_na
    pa_b = pa * pb_a / pb
    truth = _mix(r)
    v1 = 1 - pa if truth[0] else pa
    v2 = pa * pb_a if truth[1] else pb_a
    v3 = pb if truth[2] else pb + Fraction(1, 10)
    v4 = _round(pa_b, 2) if truth[3] else _round(1 - pa_b, 2)
    statements = [
        (_mx(r"P(\overline{A}) = <v>", v=_tn(v1)) + ".", v1 == 1 - pa),
        (_mx(r"P(A \cap B) = <v>", v=_tn(v2)) + ".", v2 == pa * pb_a),
        (_mx("P(B) = <v>", v=_tn(v3)) + ".", v3 == pb),
        (_mx(r"P(A\,|\,B) \approx <v>", v=_tn(v4)) + " (làm tròn đến hàng phần trăm).",
         v4 == _round(pa_b, 2)),
    ]  # fmt: skip
    stem = (
        "Cho hai biến cố "
        + _m("A")
        + ", "
        + _m("B")
        + " với "
        + _mx("P(A) = <v>", v=_tn(pa))
        + ", "
        + _mx(r"P(B\,|\,A) = <v>", v=_tn(pb_a))
        + " và "
        + _mx(r"P(B\,|\,\overline{A}) = <v>", v=_tn(pb_na))
        + ". Xét tính đúng, sai của các khẳng định sau."
    )
    sol = _sol(
        _mx(r"P(\overline{A}) = 1 - P(A) = <v>", v=_tn(1 - pa))
        + "; "
        + _mx(r"P(A \cap B) = P(A)\cdot P(B\,|\,A) = <v>", v=_tn(pa * pb_a))
        + ".",
        _mx(r"P(B) = P(A)P(B\,|\,A) + P(\overline{A})P(B\,|\,\overline{A}) = <v>", v=_tn(pb)) + ".",
        _mx(r"P(A\,|\,B) = \dfrac{P(A \cap B)}{P(B)} \approx <v>", v=_tn(pa_b, 2)) + ".",
    )
    return _it(_tf(stem, statements, sol), "toan", 12, "Bài 19", 1, "van_dung")


def t_toan12_essay(r):
    if r.random() < 0.5:
        coeffs, p, q = _cubic(r)
        xmax, ymax, xmin, ymin = _extrema(coeffs, p, q)
        slope = Fraction(ymin - ymax, xmin - xmax)
        icpt = ymax - slope * xmax
        stem = (
            "Cho hàm số "
            + _m("y = " + _poly(coeffs))
            + ". Xét chiều biến thiên, tìm các điểm cực trị của hàm số và viết phương trình "
            "đường thẳng đi qua hai điểm cực trị của đồ thị hàm số."
        )
        guide = [
            ("Tính đúng " + _m("y' = " + _poly(_pder(coeffs))) + " và tìm được "
             + _mx("x = <p>", p=p) + ", " + _mx("x = <q>", q=q), 1.0),
            ("Lập bảng biến thiên, kết luận đúng các khoảng đồng biến, nghịch biến", 1.0),
            ("Kết luận điểm cực đại " + _mx("(<x>; <y>)", x=xmax, y=ymax) + " và điểm cực tiểu "
             + _mx("(<x>; <y>)", x=xmin, y=ymin), 0.5),
            ("Viết đúng phương trình đường thẳng " + _m("y = " + _poly([slope, icpt])), 0.5),
        ]  # fmt: skip
        return _it(
            _essay(stem, guide, _cubic_solution(coeffs, p, q)), "toan", 12, "Bài 4", 2, "van_dung"
        )
    hi = r.randint(1, 3)
    coeffs = [3 * r.randint(1, 3), 2 * r.randint(-2, 3), r.randint(-3, 4)]
    prim = _antider(coeffs)
    value = _peval(prim, hi)
    stem = (
        "Tính tích phân "
        + _m("I = " + _integral_tex(coeffs, 0, hi))
        + " và nêu ý nghĩa hình học của kết quả khi hàm số dưới dấu tích phân không âm trên "
        "đoạn lấy tích phân."
    )
    guide = [
        ("Tìm đúng một nguyên hàm " + _m("F(x) = " + _poly(prim)), 1.0),
        ("Áp dụng công thức Newton – Leibniz: " + _mx("I = F(<b>) - F(0) = <v>", b=hi, v=_fx(value)), 1.0),
        ("Nêu được: " + _m("I") + " là diện tích hình thang cong giới hạn bởi đồ thị hàm số, trục "
         "hoành và hai đường thẳng " + _m("x = 0") + ", " + _mx("x = <b>", b=hi), 1.0),
    ]  # fmt: skip
    return _it(_essay(stem, guide), "toan", 12, "Bài 12", 3, "van_dung")


def t_toan12_mr(r):
    coeffs, p, q = _cubic(r)
    xmax, _ymax, _xmin, ymin = _extrema(coeffs, p, q)
    a = coeffs[0]
    interval = _mx("(<p>; <q>)", p=p, q=q)
    options = [
        ("Hàm số đạt cực đại tại " + _mx("x = <x>", x=xmax) + ".", True),
        ("Hàm số đạt cực tiểu tại " + _mx("x = <x>", x=xmax) + ".", False),
        ("Giá trị cực tiểu của hàm số bằng " + _m(str(ymin)) + ".", True),
        ("Hàm số " + ("nghịch" if a > 0 else "đồng") + " biến trên khoảng " + interval + ".", True),
        (
            "Hàm số " + ("đồng" if a > 0 else "nghịch") + " biến trên khoảng " + interval + ".",
            False,
        ),
        ("Đồ thị hàm số cắt trục tung tại điểm có tung độ " + _m(str(coeffs[3] + 1)) + ".", False),
    ]
    stem = "Cho hàm số " + _m("y = " + _poly(coeffs)) + ". Chọn tất cả các khẳng định đúng."
    q_ = _mr(r, stem, r.sample(options, 5), _cubic_solution(coeffs, p, q))
    return _it(q_, "toan", 12, "Bài 1", 3, "hieu")


def t_toan12_cloze(r):
    coeffs, p, q = _cubic(r)
    xmax, ymax, xmin, ymin = _extrema(coeffs, p, q)
    stem = (
        "Cho hàm số "
        + _m("y = " + _poly(coeffs))
        + ". Hàm số đạt cực đại tại "
        + _m("x =")
        + " {{1}} với giá trị cực đại bằng {{2}}; đạt cực tiểu tại "
        + _m("x =")
        + " {{3}} với giá trị cực tiểu bằng {{4}}."
    )
    q_ = _cloze(stem, [_bn(xmax), _bn(ymax), _bn(xmin), _bn(ymin)], _cubic_solution(coeffs, p, q))
    return _it(q_, "toan", 12, "Bài 1", 3, "hieu")


def t_toan12_match(r):
    a = [r.randint(-3, 4) for _ in range(3)]
    b = [r.randint(-3, 4) for _ in range(3)]
    pairs = [
        (_m(r"\vec{a}\cdot\vec{b}"), _m(str(_dot(a, b)))),
        (_m(r"|\vec{a}|^2"), _m(str(_dot(a, a)))),
        (_m(r"|\vec{b}|^2"), _m(str(_dot(b, b)))),
        (_m(r"\vec{a} + \vec{b}"), _m(_co([x + y for x, y in zip(a, b, strict=True)]))),
        (_m(r"\vec{a} - \vec{b}"), _m(_co([x - y for x, y in zip(a, b, strict=True)]))),
    ]
    stem = (
        _OXYZ + f"cho {_vec('a', a)} và {_vec('b', b)}. Ghép mỗi biểu thức ở cột trái với giá trị "
        "tương ứng ở cột phải."
    )
    return _it(_match(r, stem, r.sample(pairs, 4)), "toan", 12, "Bài 8", 1, "hieu")


def _toan12_plan():
    return [
        (t_toan12_cuc_tri_sc, 16),
        (t_toan12_cuc_tri_sn, 8),
        (t_toan12_cuc_tri_tf, 10),
        (t_toan12_gtln, 12),
        (t_toan12_toi_uu, 8),
        (t_toan12_tiem_can, 12),
        (t_toan12_tich_phan, 16),
        (t_toan12_tinh_chat_tp, 6),
        (t_toan12_nguyen_ham, 10),
        (t_toan12_nguyen_ham_co_ban, 8),
        (t_toan12_dien_tich, 8),
        (t_toan12_vecto, 16),
        (t_toan12_vecto_tf, 6),
        (t_toan12_mat_phang, 14),
        (t_toan12_duong_thang, 5),
        (t_toan12_goc, 4),
        (t_toan12_mat_cau, 6),
        (t_toan12_thong_ke_group, 2),
        (t_toan12_xs_dieu_kien, 10),
        (t_toan12_bayes_tf, 5),
        (t_toan12_essay, 4),
        (t_toan12_mr, 4),
        (t_toan12_cloze, 3),
        (t_toan12_match, 3),
    ]


# =======================================================================================
# TOÁN 11
# =======================================================================================


def _ap_sum(u1, d, n):
    return n * (2 * u1 + (n - 1) * d) // 2


def _ap_intro(u1, d) -> str:
    return (
        "Cho cấp số cộng "
        + _m("(u_n)")
        + " có "
        + _mx("u_1 = <a>", a=u1)
        + " và công sai "
        + _mx("d = <d>", d=d)
    )


def t_toan11_csc(r):
    u1, d = r.randint(-10, 15), r.choice([-4, -3, -2, 2, 3, 4, 5, 6])
    n = r.randint(6, 25)
    un = u1 + (n - 1) * d
    sn = _ap_sum(u1, d, n)
    kind = r.random()
    if kind < 0.4:
        stem = _ap_intro(u1, d) + ". Số hạng " + _mx("u_{<n>}", n=n) + " bằng"
        wrong = [u1 + n * d, u1 + (n - 2) * d, un + u1, (n - 1) * d, sn]
        sol = _sol(
            _mx(
                "u_{<n>} = u_1 + <k>d = <a> + <k>\\cdot <d> = <v>",
                n=n,
                k=n - 1,
                a=u1,
                d=_p(d),
                v=un,
            )
            + "."
        )
        q_ = _sc(r, stem, _m(str(un)), [_m(str(w)) for w in wrong], sol)
        return _it(q_, "toan", 11, "Bài 6", 2, "biet")
    if kind < 0.75:
        stem = (
            _ap_intro(u1, d)
            + ". Tính tổng "
            + _mx("S_{<n>}", n=n)
            + " của "
            + str(n)
            + " số hạng đầu tiên."
        )
        sol = _sol(
            _mx(r"S_{<n>} = \dfrac{<n>\left[2u_1 + <k>d\right]}{2} = \dfrac{<n>\left[2\cdot <a> + <k>\cdot <d>\right]}{2} = <v>",
                n=n, k=n - 1, a=_p(u1), d=_p(d), v=sn)
            + "."
        )  # fmt: skip
        return _it(_sn(stem, sn, sol), "toan", 11, "Bài 6", 2, "hieu")
    rows = r.randint(10, 30)
    first = r.randint(10, 25)
    step = r.choice([1, 2, 3])
    total = _ap_sum(first, step, rows)
    place = r.choice(
        ["Một hội trường", "Một nhà hát", "Một sân vận động mini", "Một rạp chiếu phim"]
    )
    stem = (
        f"{place} có {rows} hàng ghế. Hàng thứ nhất có {first} ghế, mỗi hàng sau nhiều hơn hàng "
        f"trước {step} ghế. Hỏi {place[0].lower() + place[1:]} có tất cả bao nhiêu ghế?"
    )
    sol = _sol(
        "Số ghế các hàng lập thành cấp số cộng với "
        + _mx("u_1 = <a>", a=first)
        + ", "
        + _mx("d = <d>", d=step)
        + ".",
        _mx(
            r"S_{<n>} = \dfrac{<n>(2\cdot <a> + <k>\cdot <d>)}{2} = <v>",
            n=rows,
            a=first,
            k=rows - 1,
            d=step,
            v=total,
        )
        + " (ghế).",
    )
    return _it(_sn(stem, total, sol), "toan", 11, "Bài 6", 3, "van_dung")


def t_toan11_csn(r):
    u1 = r.choice([1, 2, 3, -1, -2, 5])
    q = r.choice([2, 3, -2, Fraction(1, 2), -3])
    n = r.randint(4, 8)
    un = u1 * Fraction(q) ** (n - 1)
    kind = r.random()
    intro = (
        "Cho cấp số nhân "
        + _m("(u_n)")
        + " có "
        + _mx("u_1 = <a>", a=u1)
        + " và công bội "
        + _mx("q = <q>", q=_fx(q, False))
    )
    if kind < 0.4:
        stem = intro + ". Số hạng " + _mx("u_{<n>}", n=n) + " bằng"
        wrong = [u1 * Fraction(q) ** n, u1 * Fraction(q) ** (n - 2), u1 + (n - 1) * Fraction(q),
                 -un, Fraction(q) ** (n - 1)]  # fmt: skip
        sol = _sol(
            _mx(
                r"u_{<n>} = u_1 q^{<k>} = <a>\cdot <q>^{<k>} = <v>",
                n=n,
                k=n - 1,
                a=_p(u1),
                q=_p(Fraction(q)),
                v=_fx(un, False),
            )
            + "."
        )
        q_ = _sc(r, stem, _m(_fx(un, False)), [_m(_fx(w, False)) for w in wrong], sol)
        return _it(q_, "toan", 11, "Bài 7", 2, "biet")
    if kind < 0.7:
        qq = Fraction(q)
        s = u1 * (qq**n - 1) / (qq - 1)
        stem = intro + ". Tính tổng " + _mx("S_{<n>}", n=n) + " của " + str(n) + " số hạng đầu tiên"
        stem += " (làm tròn kết quả đến hàng phần trăm)." if s.denominator != 1 else "."
        sol = _sol(
            _mx(r"S_{<n>} = u_1\cdot\dfrac{q^{<n>} - 1}{q - 1} = <v>", n=n, v=_fx(s, False)) + "."
        )
        return _it(_sn(stem, s, sol, 2), "toan", 11, "Bài 7", 2, "hieu")
    if r.random() < 0.5:
        start = r.choice([100, 200, 500, 1000])
        period = r.choice([20, 30, 15])
        hours = r.choice([1, 2])
        k = hours * 60 // period
        total = start * 2**k
        if total > 9999:
            start_k = 9999 // 2**k
            if start_k < 10:
                return None
            start = (start_k // 10) * 10
            total = start * 2**k
        stem = (
            f"Một quần thể vi khuẩn ban đầu có {start} cá thể, cứ sau {period} phút số cá thể lại "
            f"tăng gấp đôi. Hỏi sau {hours} giờ quần thể có bao nhiêu cá thể?"
        )
        sol = _sol(
            f"Sau {hours} giờ có {k} lần nhân đôi; số cá thể lập thành cấp số nhân với công bội 2: "
            + _mx(r"<a>\cdot 2^{<k>} = <v>", a=start, k=k, v=total)
            + "."
        )
        return _it(_sn(stem, total, sol), "toan", 11, "Bài 7", 3, "van_dung")
    money = r.choice([50, 80, 100, 120, 150, 200])
    rate = r.choice([5, 6, 7, 8])
    years = r.randint(2, 6)
    total = money * (1 + Fraction(rate, 100)) ** years
    stem = (
        f"Bà Hoa gửi tiết kiệm {money} triệu đồng theo hình thức lãi kép, kì hạn 1 năm, lãi suất "
        f"{rate}%/năm. Biết lãi suất không đổi và bà không rút tiền, hỏi sau {years} năm bà nhận "
        "được bao nhiêu triệu đồng (làm tròn kết quả đến hàng đơn vị)?"
    )
    sol = _sol(
        "Số tiền sau mỗi năm lập thành cấp số nhân với công bội "
        + _mx("1 + <r>\\% ", r=rate)
        + ": "
        + _mx(
            r"T = <a>\cdot <q>^{<n>} \approx <v>",
            a=money,
            q=_tn(1 + Fraction(rate, 100)),
            n=years,
            v=_tn(total, 0),
        )
        + " (triệu đồng)."
    )
    return _it(_sn(stem, total, sol), "toan", 11, "Bài 7", 3, "van_dung")


def t_toan11_csc_tf(r):
    u1, d = r.randint(-8, 12), r.choice([-3, -2, 2, 3, 4, 5])
    truth = _mix(r)
    u5 = u1 + 4 * d
    s10 = _ap_sum(u1, d, 10)
    k = r.randint(12, 30)
    v_k = u1 + (k - 1) * d
    statements = [
        (_mx("u_5 = <v>", v=u5 if truth[0] else u1 + 5 * d) + ".", truth[0]),
        (_mx("S_{10} = <v>", v=s10 if truth[1] else s10 + d * 5) + ".", truth[1]),
        ("Số " + _m(str(v_k if truth[2] else v_k + 1)) + " là một số hạng của cấp số cộng.", truth[2]),
        ("Cấp số cộng là dãy số " + (("tăng" if d > 0 else "giảm") if truth[3] else ("giảm" if d > 0 else "tăng")) + ".",
         truth[3]),
    ]  # fmt: skip
    stem = _ap_intro(u1, d) + ". Xét tính đúng, sai của các mệnh đề sau."
    sol = _sol(
        _mx("u_5 = u_1 + 4d = <v>", v=u5) + "; " + _mx(r"S_{10} = \dfrac{10(2u_1 + 9d)}{2} = <v>", v=s10) + ".",
        _mx("u_{<k>} = <v>", k=k, v=v_k) + "; một số " + _m("x") + " là số hạng khi và chỉ khi "
        + _m(r"\dfrac{x - u_1}{d} + 1") + " là số nguyên dương.",
        "Công sai " + ("dương nên dãy tăng." if d > 0 else "âm nên dãy giảm."),
    )  # fmt: skip
    return _it(_tf(stem, statements, sol), "toan", 11, "Bài 6", 1, "hieu")


def t_toan11_log(r):
    kind = r.random()
    a = r.choice([2, 3, 5, 2, 3])
    if kind < 0.3:
        i, j = r.randint(-2, 4), r.randint(1, 4)
        x_tex = _t(
            r"\log_{<a>} <b> + \log_{<a>} <c>",
            a=a,
            b=_fx(Fraction(a) ** i, False),
            c=_fx(Fraction(a) ** j, False),
        )
        value = i + j
        stem = "Giá trị của biểu thức " + _m("P = " + x_tex) + " bằng"
        wrong = [i * j, value + 1, a ** (i + j) if i + j < 4 else value - 2, -value, i - j]
        sol = _sol(
            _m(
                "P = "
                + _t(
                    r"\log_{<a>}\left(<a>^{<i>}\cdot <a>^{<j>}\right) = <v>", a=a, i=i, j=j, v=value
                )
            )
            + "."
        )
        q_ = _sc(r, stem, _m(str(value)), [_m(str(w)) for w in wrong], sol)
        return _it(q_, "toan", 11, "Bài 19", 2, "biet")
    if kind < 0.6:
        c = r.randint(1, 4 if a == 2 else 3)
        b = r.randint(-6, 6)
        x = a**c - b
        stem = (
            "Nghiệm của phương trình " + _mx(r"\log_{<a>}(x<b>) = <c>", a=a, b=_sgn(b), c=c) + " là"
        )
        sol = _sol(
            "Điều kiện " + _mx("x > <v>", v=-b) + ". Phương trình ⇔ "
            + _mx(r"x<b> = <a>^{<c>} \Leftrightarrow x = <x>", b=_sgn(b), a=a, c=c, x=x) + " (thoả mãn)."
        )  # fmt: skip
        if r.random() < 0.5:
            return _it(_sn("Giải phương trình " + _mx(r"\log_{<a>}(x<b>) = <c>", a=a, b=_sgn(b), c=c) + ".", x, sol),
                       "toan", 11, "Bài 21", 1, "hieu")  # fmt: skip
        wrong = [a * c - b, a**c + b, c**a - b, a ** (c + 1) - b]
        q_ = _sc(r, stem, _mx("x = <x>", x=x), [_mx("x = <x>", x=w) for w in wrong], sol)
        return _it(q_, "toan", 11, "Bài 21", 1, "hieu")
    if kind < 0.8:
        p = r.choice([1, 2, 3])
        m = r.randint(-4, 4)
        n = r.randint(-3, 5)
        if (n - m) % p:
            return None
        x = (n - m) // p
        rhs = _fx(Fraction(a) ** n, False)
        stem = "Giải phương trình " + _m(_t("<a>^{<e>} = <r>", a=a, e=_lin(p, m), r=rhs)) + "."
        sol = _sol(
            "Phương trình ⇔ " + _m(_t(r"<a>^{<e>} = <a>^{<n>} \Leftrightarrow <e> = <n> \Leftrightarrow x = <x>", a=a, e=_lin(p, m), n=n, x=x)) + "."
        )  # fmt: skip
        return _it(_sn(stem, x, sol), "toan", 11, "Bài 21", 1, "hieu")
    m = r.randint(-3, 5)
    k = r.randint(1, 3)
    count = 2**k - 1
    stem = (
        "Bất phương trình "
        + _mx(r"\log_2(x<m>) < <k>", m=_sgn(-m), k=k)
        + " có bao nhiêu nghiệm nguyên?"
    )
    sol = _sol(
        "Điều kiện " + _mx("x > <m>", m=m) + ". Bất phương trình ⇔ "
        + _mx(r"x<m> < 2^{<k>} \Leftrightarrow x < <u>", m=_sgn(-m), k=k, u=m + 2**k) + ".",
        "Tập nghiệm " + _mx("(<a>; <b>)", a=m, b=m + 2**k) + " chứa " + str(count) + " số nguyên.",
    )  # fmt: skip
    return _it(_sn(stem, count, sol), "toan", 11, "Bài 21", 1, "van_dung")


def t_toan11_dao_ham(r):
    coeffs = [r.randint(-3, 3) or 1, r.randint(-4, 4), r.randint(-6, 6), r.randint(-5, 5)]
    x0 = r.randint(-2, 3)
    der = _pder(coeffs)
    v = _peval(der, x0)
    f = _m("f(x) = " + _poly(coeffs))
    sol = _sol(_m("f'(x) = " + _poly(der)) + ", nên " + _mx("f'(<x>) = <v>", x=x0, v=v) + ".")
    kind = r.random()
    if kind < 0.35:
        stem = f"Cho hàm số {f}. Giá trị của " + _mx("f'(<x>)", x=x0) + " bằng"
        wrong = [_peval(coeffs, x0), v + 2, _peval([coeffs[0] * 3, coeffs[1], coeffs[2]], x0),
                 _peval(_pder(der), x0), -v]  # fmt: skip
        q_ = _sc(r, stem, _m(str(v)), [_m(str(w)) for w in wrong], sol)
        return _it(q_, "toan", 11, "Bài 32", 1, "biet")
    if kind < 0.6:
        stem = f"Cho hàm số {f}. Tính " + _mx("f'(<x>)", x=x0) + "."
        return _it(_sn(stem, v, sol), "toan", 11, "Bài 32", 1, "hieu")
    if kind < 0.8:
        y0 = _peval(coeffs, x0)
        icpt = y0 - v * x0
        stem = (
            "Phương trình tiếp tuyến của đồ thị hàm số "
            + _m("y = " + _poly(coeffs))
            + " tại điểm có hoành độ "
            + _mx("x_0 = <x>", x=x0)
            + " là"
        )
        key = _m("y = " + _poly([v, icpt]))
        wrong = [_m("y = " + _poly([v, y0])), _m("y = " + _poly([y0, icpt])),
                 _m("y = " + _poly([v, -icpt])), _m("y = " + _poly([-v, y0 + v * x0]))]  # fmt: skip
        sol = _sol(
            _mx("y_0 = f(<x>) = <y>", x=x0, y=y0) + "; " + _mx("f'(<x>) = <v>", x=x0, v=v) + ".",
            "Tiếp tuyến: " + _mx("y = <v>(x<s>)<t>", v=v, s=_sgn(-x0), t=_sgn(y0)) + " ⇔ " + key + ".",
        )  # fmt: skip
        return _it(_sc(r, stem, key, wrong, sol), "toan", 11, "Bài 31", 3, "hieu")
    b = r.randint(1, 6)
    c = r.randint(1, 9)
    t0 = r.randint(1, 5)
    acc = 6 * t0 - 2 * b
    stem = (
        "Một chất điểm chuyển động có phương trình "
        + _m("s(t) = " + _poly([1, -b, c, 0], "t"))
        + " (" + _m("t") + " tính bằng giây, " + _m("s") + " tính bằng mét). Tính gia tốc của chất "
        "điểm tại thời điểm " + _mx("t = <t>", t=t0) + " giây (đơn vị: m/s²)."
    )  # fmt: skip
    sol = _sol(
        _m("v(t) = s'(t) = " + _poly([3, -2 * b, c], "t"))
        + "; "
        + _m("a(t) = s''(t) = " + _poly([6, -2 * b], "t"))
        + "; "
        + _mx("a(<t>) = <a>", t=t0, a=acc)
        + " m/s²."
    )
    return _it(_sn(stem, acc, sol), "toan", 11, "Bài 33", 3, "van_dung")


def t_toan11_dao_ham_tich(r):
    a, b = r.choice([-3, -2, -1, 1, 2, 3, 4]), r.choice([1, 2, 3, -1, -2])
    c = r.randint(-4, 4)
    x0 = r.randint(-2, 2)
    if r.random() < 0.5:
        # f = (x² + a)(bx + c) → f' = 2x(bx + c) + b(x² + a)
        value = 2 * x0 * (b * x0 + c) + b * (x0 * x0 + a)
        f = _m("f(x) = (" + _poly([1, 0, a]) + ")(" + _lin(b, c) + ")")
        sol = _sol(
            "Theo quy tắc đạo hàm của tích: "
            + _m("f'(x) = 2x(" + _lin(b, c) + ") + " + _p(b) + "(" + _poly([1, 0, a]) + ")")
            + ", nên "
            + _mx("f'(<x>) = <v>", x=x0, v=value)
            + "."
        )
        level = "hieu"
    else:
        d = r.choice([1, 2, -1, 3])
        e = r.randint(-4, 4)
        if a * e - b * d == 0 or d * x0 + e == 0:
            return None
        # y = (ax + b)/(dx + e) → y' = (ae - bd)/(dx + e)²
        value = Fraction(a * e - b * d, (d * x0 + e) ** 2)
        f = _m(r"f(x) = \dfrac{" + _lin(a, b) + "}{" + _lin(d, e) + "}")
        sol = _sol(
            "Theo quy tắc đạo hàm của thương: "
            + _mx(r"f'(x) = \dfrac{<n>}{(<den>)^2}", n=a * e - b * d, den=_lin(d, e))
            + ", nên "
            + _mx("f'(<x>) = <v>", x=x0, v=_fx(value, False))
            + "."
        )
        level = "van_dung"
    stem = f"Cho hàm số {f}. Tính " + _mx("f'(<x>)", x=x0)
    stem += (
        " (làm tròn kết quả đến hàng phần trăm)."
        if Fraction(value).denominator not in (1, 2, 4, 5)
        else "."
    )
    return _it(_sn(stem, value, sol, 2), "toan", 11, "Bài 32", 2, level)


_EXACT = [
    (0.0, "0"), (0.5, r"\dfrac{1}{2}"), (-0.5, r"-\dfrac{1}{2}"),
    (math.sqrt(2) / 2, r"\dfrac{\sqrt{2}}{2}"), (-math.sqrt(2) / 2, r"-\dfrac{\sqrt{2}}{2}"),
    (math.sqrt(3) / 2, r"\dfrac{\sqrt{3}}{2}"), (-math.sqrt(3) / 2, r"-\dfrac{\sqrt{3}}{2}"),
    (1.0, "1"), (-1.0, "-1"), (math.sqrt(3), r"\sqrt{3}"), (-math.sqrt(3), r"-\sqrt{3}"),
    (math.sqrt(3) / 3, r"\dfrac{\sqrt{3}}{3}"), (-math.sqrt(3) / 3, r"-\dfrac{\sqrt{3}}{3}"),
]  # fmt: skip


def _exact(value: float) -> str:
    for v, tex in _EXACT:
        if abs(v - value) < 1e-9:
            return tex
    raise ValueError(value)


def _trig(func: str, degrees: int) -> str | None:
    rad = math.radians(degrees)
    if func == "tan":
        if abs(math.cos(rad)) < 1e-12:
            return None
        return _exact(math.tan(rad))
    if func == "cot":
        if abs(math.sin(rad)) < 1e-12:
            return None
        return _exact(math.cos(rad) / math.sin(rad))
    return _exact(math.sin(rad) if func == "sin" else math.cos(rad))


def _rad(degrees: int) -> str:
    k = Fraction(degrees, 180)
    if k == 0:
        return "0"
    sign = "-" if k < 0 else ""
    k = abs(k)
    num = r"\pi" if k.numerator == 1 else f"{k.numerator}" + r"\pi"
    if k.denominator == 1:
        return sign + num
    return sign + r"\dfrac{" + num + "}{" + str(k.denominator) + "}"


def t_toan11_luong_giac(r):
    degrees = r.choice([d for d in range(-360, 721, 15) if d % 30 == 0 or d % 45 == 0])
    func = r.choice(["sin", "cos", "tan", "cot"])
    key = _trig(func, degrees)
    if key is None:
        return None
    others = [_trig(f, degrees) for f in ("sin", "cos", "tan", "cot") if f != func]
    neg = key[1:] if key.startswith("-") else "-" + key if key != "0" else "1"
    wrong = [neg, *[o for o in others if o], r"\dfrac{1}{2}", r"\dfrac{\sqrt{3}}{2}", "0", "1"]
    if r.random() < 0.5:
        angle = _rad(degrees)
        lesson, level = "Bài 1", "biet" if 0 <= degrees <= 360 else "hieu"
    else:
        angle = f"{degrees}^\\circ"
        lesson, level = "Bài 1", "biet" if 0 <= degrees <= 180 else "hieu"
    stem = "Giá trị của " + _m("\\" + func + r"\left(" + angle + r"\right)") + " bằng"
    base = degrees % 360
    sol = _sol(
        "Góc lượng giác có số đo " + _m(angle) + " có cùng điểm biểu diễn trên đường tròn lượng giác "
        "với góc " + _m(f"{base}^\\circ") + ", nên " + _m("\\" + func + r"\left(" + angle + r"\right) = " + key) + "."
    )  # fmt: skip
    q_ = _sc(r, stem, _m(key), [_m(w) for w in wrong], sol)
    return _it(q_, "toan", 11, lesson, 2, level)


def t_toan11_chu_ki(r):
    func = r.choice(["sin", "cos", "tan"])
    k = r.randint(2, 8)
    c = r.randint(-5, 5)
    period = Fraction(1 if func == "tan" else 2, k)
    f = _m("y = " + "\\" + func + f" {k}x" + _sgn(c))
    stem = f"Chu kì tuần hoàn của hàm số {f} là"
    wrong_vals = [
        Fraction(2 if func == "tan" else 1, k),
        Fraction(2 * k),
        Fraction(k, 2),
        2 * period,
    ]

    def pt(v):
        v = Fraction(v)
        if v.denominator == 1:
            return r"\pi" if v.numerator == 1 else f"{v.numerator}" + r"\pi"
        return _t(
            r"\dfrac{<n>\pi}{<k>}", n="" if v.numerator == 1 else v.numerator, k=v.denominator
        )

    sol = _sol(
        "Hàm số "
        + _m("y = \\" + func + " ax")
        + " tuần hoàn với chu kì "
        + (_m(r"\dfrac{\pi}{|a|}") if func == "tan" else _m(r"\dfrac{2\pi}{|a|}"))
        + ", nên chu kì là "
        + _m(pt(period))
        + "."
    )
    q_ = _sc(r, stem, _m(pt(period)), [_m(pt(w)) for w in wrong_vals], sol)
    return _it(q_, "toan", 11, "Bài 3", 3, "hieu")


def t_toan11_pt_luong_giac(r):
    degrees = r.choice([18, 20, 36, 40, 50, 70, 72, 80, 100, 140, 160])  # not special angles
    func = r.choice(["sin", "cos"])
    alpha = _rad(degrees)
    stem = "Tập nghiệm của phương trình " + _m("\\" + func + " x = \\" + func + " " + alpha) + " là"
    k2 = r"k2\pi"
    if func == "sin":
        key = _t(
            r"x = <a> + <k>,\ x = <b> + <k>\ (k \in \mathbb{Z})",
            a=alpha,
            b=_rad(180 - degrees),
            k=k2,
        )
        wrong = [
            _t(r"x = \pm <a> + <k>\ (k \in \mathbb{Z})", a=alpha, k=k2),
            _t(
                r"x = <a> + k\pi,\ x = <b> + k\pi\ (k \in \mathbb{Z})",
                a=alpha,
                b=_rad(180 - degrees),
            ),
            _t(
                r"x = <a> + <k>,\ x = <b> + <k>\ (k \in \mathbb{Z})",
                a=alpha,
                b=_rad(180 + degrees),
                k=k2,
            ),
            _t(r"x = <a> + k\pi\ (k \in \mathbb{Z})", a=alpha),
        ]
        rule = r"\sin x = \sin\alpha \Leftrightarrow x = \alpha + k2\pi \text{ hoặc } x = \pi - \alpha + k2\pi"
    else:
        key = _t(r"x = \pm <a> + <k>\ (k \in \mathbb{Z})", a=alpha, k=k2)
        wrong = [
            _t(
                r"x = <a> + <k>,\ x = <b> + <k>\ (k \in \mathbb{Z})",
                a=alpha,
                b=_rad(180 - degrees),
                k=k2,
            ),
            _t(r"x = \pm <a> + k\pi\ (k \in \mathbb{Z})", a=alpha),
            _t(r"x = <a> + k\pi\ (k \in \mathbb{Z})", a=alpha),
        ]
        rule = r"\cos x = \cos\alpha \Leftrightarrow x = \pm\alpha + k2\pi"
    sol = _sol("Áp dụng " + _m(rule) + " " + _m(r"(k \in \mathbb{Z})") + ".")
    q_ = _sc(r, stem, _m(key), [_m(w) for w in wrong], sol)
    return _it(q_, "toan", 11, "Bài 4", 1, "biet")


def t_toan11_gioi_han(r):
    kind = r.random()
    if kind < 0.4:
        a, d = r.choice([1, 2, 3, 4, 5, -2, -3]), r.choice([1, 2, 3, 4, 6])
        b, c, e = r.randint(-5, 5), r.randint(-7, 7), r.randint(-5, 5)
        deg = r.choice([1, 2])
        num = _poly([a, b] if deg == 1 else [a, b, c], "n")
        den = _poly([d, e] if deg == 1 else [d, e, 1], "n")
        value = Fraction(a, d)
        stem = "Tính " + (_md if r.random() < 0.5 else _m)(r"\lim \dfrac{" + num + "}{" + den + "}")
        stem += (
            " (làm tròn kết quả đến hàng phần trăm)."
            if value.denominator not in (1, 2, 4, 5)
            else "."
        )
        sol = _sol(
            "Chia cả tử và mẫu cho " + _m("n" if deg == 1 else "n^2") + ", ta được giới hạn bằng "
            + _m(r"\dfrac{" + str(a) + "}{" + str(d) + "} = " + _fx(value, False)) + "."
        )  # fmt: skip
        return _it(_sn(stem, value, sol, 2), "toan", 11, "Bài 15", 2, "hieu")
    if kind < 0.75:
        x0 = r.choice([-3, -2, -1, 1, 2, 3, 4])
        k = r.choice([1, 2, 3])
        # (x² − x0²)/(x − x0) or (x² + (k − x0)x − k x0)/(x − x0) = x + k
        coeffs = [1, k - x0, -k * x0]
        value = x0 + k
        stem = (
            "Tính "
            + _mx(r"\lim_{x \to <x>} \dfrac{<n>}{<d>}", x=x0, n=_poly(coeffs), d=_lin(1, -x0))
            + "."
        )
        sol = _sol(
            _m(r"\dfrac{" + _poly(coeffs) + "}{" + _lin(1, -x0) + "} = " + _lin(1, k))
            + " với " + _mx(r"x \ne <x>", x=x0) + ", nên giới hạn bằng " + _mx("<x> + <k> = <v>", x=x0, k=k, v=value) + "."
        )  # fmt: skip
        return _it(_sn(stem, value, sol), "toan", 11, "Bài 16", 2, "hieu")
    u1 = r.choice([1, 2, 3, 4, 6, 8, 9, 12])
    q = r.choice(
        [
            Fraction(1, 2),
            Fraction(1, 3),
            Fraction(-1, 2),
            Fraction(2, 3),
            Fraction(1, 4),
            Fraction(-1, 3),
        ]
    )
    s = u1 / (1 - q)
    stem = (
        "Tính tổng của cấp số nhân lùi vô hạn có số hạng đầu "
        + _mx("u_1 = <a>", a=u1)
        + " và công bội "
        + _mx("q = <q>", q=_fx(q, False))
    )
    stem += " (làm tròn kết quả đến hàng phần trăm)." if s.denominator not in (1, 2, 4, 5) else "."
    sol = _sol(
        _mx(r"S = \dfrac{u_1}{1 - q} = \dfrac{<a>}{1 - <q>} = <s>", a=u1, q=_p(q), s=_fx(s, False))
        + "."
    )
    return _it(_sn(stem, s, sol, 2), "toan", 11, "Bài 15", 3, "van_dung")


_INDEPENDENT = [
    ("Hai xạ thủ A và B cùng bắn vào một tấm bia, mỗi người bắn một viên đạn.",
     "A và B bắn trúng bia", "cả hai xạ thủ đều bắn trúng bia",
     "có ít nhất một xạ thủ bắn trúng bia", "có đúng một xạ thủ bắn trúng bia"),
    ("Hai cầu thủ A và B, mỗi người thực hiện một quả sút phạt đền.",
     "A và B sút thành công", "cả hai cầu thủ đều sút thành công",
     "có ít nhất một cầu thủ sút thành công", "có đúng một cầu thủ sút thành công"),
    ("Hai học sinh A và B độc lập giải cùng một bài toán khó.",
     "A và B giải đúng", "cả hai học sinh đều giải đúng",
     "có ít nhất một học sinh giải đúng", "có đúng một học sinh giải đúng"),
    ("Một xưởng có hai máy A và B hoạt động độc lập.",
     "máy A và máy B hoạt động tốt trong một ca", "cả hai máy đều hoạt động tốt trong ca đó",
     "có ít nhất một máy hoạt động tốt trong ca đó", "có đúng một máy hoạt động tốt trong ca đó"),
]  # fmt: skip


def t_toan11_xac_suat(r):
    p1, p2 = (Fraction(r.randint(5, 9), 10) for _ in range(2))
    context, event, both, one, exactly = r.choice(_INDEPENDENT)
    kind = r.choice(["both", "one", "exactly"])
    if kind == "both":
        value, ask = p1 * p2, both
        form = _mx(r"P(AB) = <a>\cdot <b> = <v>", a=_tn(p1), b=_tn(p2), v=_tn(value))
    elif kind == "one":
        value, ask = 1 - (1 - p1) * (1 - p2), one
        form = _mx(r"1 - (1 - <a>)(1 - <b>) = <v>", a=_tn(p1), b=_tn(p2), v=_tn(value))
    else:
        value, ask = p1 * (1 - p2) + (1 - p1) * p2, exactly
        form = _mx(
            r"<a>\cdot <c> + <d>\cdot <b> = <v>",
            a=_tn(p1),
            b=_tn(p2),
            c=_tn(1 - p2),
            d=_tn(1 - p1),
            v=_tn(value),
        )
    stem = (
        f"{context} Xác suất để {event} lần lượt là {_vn(p1)} và {_vn(p2)}; hai biến cố này độc "
        f"lập với nhau. Tính xác suất để {ask}."
    )
    sol = _sol(
        "Gọi "
        + _m("A")
        + ", "
        + _m("B")
        + " là các biến cố tương ứng; "
        + _m("A")
        + ", "
        + _m("B")
        + " độc lập. "
        + form
        + "."
    )
    return _it(
        _sn(stem, value, sol, 2), "toan", 11, "Bài 30", 1, "hieu" if kind == "both" else "van_dung"
    )


def _mode_grouped(bounds, counts):
    m = max(range(len(counts)), key=lambda i: counts[i])
    before = counts[m - 1] if m > 0 else 0
    after = counts[m + 1] if m + 1 < len(counts) else 0
    h = bounds[1] - bounds[0]
    return m, bounds[m] + Fraction(
        counts[m] - before, (counts[m] - before) + (counts[m] - after)
    ) * h


def t_toan11_thong_ke_group(r):
    theme, who, table, bounds, mids, counts, n, mean, _ = _grouped_sample(r)
    if counts.count(max(counts)) > 1:
        return None
    about = f"{theme} của {n} {who}"
    m, mode = _mode_grouped(bounds, counts)
    stimulus = f"<p>Bảng sau thống kê {about}:</p>{table}"
    groups_tex = [_m(f"[{_tn(bounds[i])}; {_tn(bounds[i + 1])})") for i in range(len(counts))]
    q1 = _sc(
        r,
        f"Nhóm chứa mốt của mẫu số liệu ghép nhóm về {about} là",
        groups_tex[m],
        [g for i, g in enumerate(groups_tex) if i != m],
        _sol(f"Nhóm có tần số lớn nhất ({counts[m]}) là nhóm " + groups_tex[m] + "."),
        none_option=False,
    )
    terms = " + ".join(
        _t(r"<c>\cdot <m>", c=c, m=_tn(x)) for x, c in zip(mids, counts, strict=True)
    )
    q2 = _sn(
        f"Tính số trung bình của mẫu số liệu ghép nhóm về {about} (làm tròn kết quả đến hàng phần mười).",
        mean,
        _sol(_mx(r"\bar{x} = \dfrac{<t>}{<n>} \approx <v>", t=terms, n=n, v=_tn(mean, 2)) + "."),
        1,
    )
    before = counts[m - 1] if m > 0 else 0
    after = counts[m + 1] if m + 1 < len(counts) else 0
    q3 = _sn(
        f"Tính mốt của mẫu số liệu ghép nhóm về {about} (làm tròn kết quả đến hàng phần mười).",
        mode,
        _sol(
            _mx(
                r"M_o = u_m + \dfrac{n_m - n_{m-1}}{(n_m - n_{m-1}) + (n_m - n_{m+1})}\cdot h"
                r" = <u> + \dfrac{<a>}{<a> + <b>}\cdot <h> \approx <v>",
                u=_tn(bounds[m]),
                a=counts[m] - before,
                b=counts[m] - after,
                h=_tn(bounds[1] - bounds[0]),
                v=_tn(mode, 2),
            )
            + "."
        ),
        1,
    )
    items = [
        _it(q1, "toan", 11, "Bài 9", 1, "biet"),
        _it(q2, "toan", 11, "Bài 9", 1, "hieu"),
        _it(q3, "toan", 11, "Bài 9", 1, "van_dung"),
    ]
    if any(i is None for i in items):
        return None
    return _Group(title=f"Bảng tần số ghép nhóm: {about}", stimulus=stimulus, items=items)


def t_toan11_the_tich(r):
    kind = r.choice(["chop", "lang_tru", "chop_tam_giac"])
    a = r.randint(2, 12)
    h = r.randint(2, 15)
    unit = r.choice(["cm", "m", "dm"])
    if kind == "chop":
        vol = Fraction(a * a * h, 3)
        stem = (
            f"Cho hình chóp tứ giác đều {_m('S.ABCD')} có cạnh đáy bằng {a} {unit} và chiều cao "
            f"bằng {h} {unit}. Tính thể tích khối chóp (đơn vị: {unit}³)"
        )
        sol = _sol(
            _mx(
                r"V = \dfrac{1}{3}B\cdot h = \dfrac{1}{3}\cdot <a>^2\cdot <h> = <v>",
                a=a,
                h=h,
                v=_fx(vol, False),
            )
            + "."
        )
    elif kind == "lang_tru":
        b = r.randint(2, 10)
        vol = Fraction(a * b * h, 2)
        prism = _m("ABC.A'B'C'")
        stem = (
            f"Cho hình lăng trụ đứng {prism} có đáy là tam giác "
            f"{_m('ABC')} vuông tại {_m('A')}, {_m('AB')} = {a} {unit}, {_m('AC')} = {b} {unit} và cạnh "
            f"bên bằng {h} {unit}. Tính thể tích khối lăng trụ (đơn vị: {unit}³)"
        )
        sol = _sol(
            _mx(
                r"V = B\cdot h = \dfrac{1}{2}\cdot <a>\cdot <b>\cdot <h> = <v>",
                a=a,
                b=b,
                h=h,
                v=_fx(vol, False),
            )
            + "."
        )
    else:
        vol = Fraction(a * a * h, 4) * Fraction(1, 3)
        value = float(vol) * math.sqrt(3)
        stem = (
            f"Cho hình chóp {_m('S.ABC')} có đáy là tam giác đều cạnh {a} {unit}, {_m('SA')} vuông góc "
            f"với mặt đáy và {_m('SA')} = {h} {unit}. Tính thể tích khối chóp (đơn vị: {unit}³)"
        )
        sol = _sol(
            _mx(
                r"V = \dfrac{1}{3}\cdot\dfrac{<a>^2\sqrt{3}}{4}\cdot <h> \approx <v>",
                a=a,
                h=h,
                v=_tn(value, 1),
            )
            + "."
        )
        stem += ", làm tròn kết quả đến hàng phần mười."
        return _it(_sn(stem, value, sol, 1), "toan", 11, "Bài 27", 1, "van_dung")
    if vol.denominator != 1:
        stem += ", làm tròn kết quả đến hàng phần mười."
    else:
        stem += "."
    return _it(_sn(stem, vol, sol, 1), "toan", 11, "Bài 27", 1, "hieu")


def t_toan11_mr(r):
    u1, d = r.randint(-10, 10), r.choice([-4, -3, -2, 2, 3, 5, 6, 7])
    terms = [u1 + k * d for k in range(r.randint(10, 16), r.randint(20, 40))]
    yes = r.sample(terms, r.choice([2, 3]))
    no = []
    while len(no) < 5 - len(yes):
        x = r.choice(terms) + r.choice([1, -1])
        if (x - u1) % d and x not in no:
            no.append(x)
    options = [(_m(str(x)), True) for x in yes] + [(_m(str(x)), False) for x in no]
    stem = _ap_intro(u1, d) + ". Những số nào sau đây là số hạng của cấp số cộng đó?"
    sol = _sol(
        "Số " + _m("x") + " là số hạng của cấp số cộng khi và chỉ khi " + _mx(r"\dfrac{x - <a>}{<d>}", a=_p(u1), d=d)
        + " là số tự nhiên. Các số thoả mãn: " + ", ".join(_m(str(x)) for x in sorted(yes)) + "."
    )  # fmt: skip
    return _it(_mr(r, stem, options, sol), "toan", 11, "Bài 6", 1, "hieu")


def t_toan11_cloze(r):
    if r.random() < 0.5:
        u1, d = r.randint(-6, 12), r.choice([-3, -2, 2, 3, 4, 5])
        n = r.randint(8, 20)
        stem = (
            _ap_intro(u1, d)
            + ". Khi đó "
            + _m("u_2 =")
            + " {{1}}, "
            + _m("u_5 =")
            + " {{2}}, "
            + _mx("u_{<n>} =", n=n)
            + " {{3}} và "
            + _mx("S_{<n>} =", n=n)
            + " {{4}}."
        )
        blanks = [_bn(u1 + d), _bn(u1 + 4 * d), _bn(u1 + (n - 1) * d), _bn(_ap_sum(u1, d, n))]
        sol = _sol(
            _m("u_n = u_1 + (n - 1)d") + "; " + _m(r"S_n = \dfrac{n(2u_1 + (n - 1)d)}{2}") + "."
        )
        return _it(_cloze(stem, blanks, sol), "toan", 11, "Bài 6", 2, "hieu")
    u1, q = r.choice([1, 2, 3, -1, -2]), r.choice([2, 3, -2])
    stem = (
        "Cho cấp số nhân "
        + _m("(u_n)")
        + " có "
        + _mx("u_1 = <a>", a=u1)
        + " và "
        + _mx("q = <q>", q=q)
        + ". Khi đó "
        + _m("u_3 =")
        + " {{1}}, "
        + _m("u_5 =")
        + " {{2}} và "
        + _m("S_4 =")
        + " {{3}}."
    )
    blanks = [_bn(u1 * q**2), _bn(u1 * q**4), _bn(u1 * (q**4 - 1) // (q - 1))]
    sol = _sol(_m("u_n = u_1q^{n-1}") + "; " + _m(r"S_n = u_1\dfrac{q^n - 1}{q - 1}") + ".")
    return _it(_cloze(stem, blanks, sol), "toan", 11, "Bài 7", 2, "hieu")


def t_toan11_match(r):
    u1, d = r.randint(-6, 12), r.choice([-3, -2, 2, 3, 4, 5])
    pairs = [
        (_m("u_3"), _m(str(u1 + 2 * d))),
        (_m("u_{10}"), _m(str(u1 + 9 * d))),
        (_m("S_4"), _m(str(_ap_sum(u1, d, 4)))),
        (_m("S_{10}"), _m(str(_ap_sum(u1, d, 10)))),
        (_m("u_{20}"), _m(str(u1 + 19 * d))),
    ]
    stem = _ap_intro(u1, d) + ". Ghép mỗi đại lượng ở cột trái với giá trị tương ứng ở cột phải."
    extra = [_m(str(u1 + 20 * d + 1))] if r.random() < 0.5 else []
    return _it(_match(r, stem, r.sample(pairs, 4), extra), "toan", 11, "Bài 6", 2, "hieu")


def t_toan11_order(r):
    pool = []
    for _ in range(6):
        kind = r.choice(["log", "pow", "root", "frac"])
        if kind == "log":
            a, x = r.choice([2, 3, 5]), r.randint(2, 60)
            pool.append((math.log(x, a), _t(r"\log_{<a>} <x>", a=a, x=x)))
        elif kind == "pow":
            a, e = (
                r.choice([2, 3]),
                r.choice([Fraction(1, 2), Fraction(3, 2), Fraction(2, 3), Fraction(5, 4)]),
            )
            pool.append((a ** float(e), _t("<a>^{<e>}", a=a, e=_fx(e, False))))
        elif kind == "root":
            x = r.randint(2, 40)
            if math.isqrt(x) ** 2 == x:
                continue
            pool.append((math.sqrt(x), _t(r"\sqrt{<x>}", x=x)))
        else:
            p, q = r.randint(1, 20), r.randint(2, 7)
            if math.gcd(p, q) != 1:
                continue
            pool.append((p / q, _t(r"\dfrac{<p>}{<q>}", p=p, q=q)))
    pool.sort()
    chosen = []
    for v, tex in pool:
        if all(abs(v - w) > 0.05 for w, _ in chosen):
            chosen.append((v, tex))
    if len(chosen) < 4:
        return None
    chosen = r.sample(chosen, 4)
    listed = "; ".join(_m(tex) for _, tex in chosen)
    chosen.sort()
    stem = f"Sắp xếp các số sau theo thứ tự tăng dần: {listed}."
    sol = _sol(
        "Giá trị gần đúng: " + "; ".join(_m(tex) + " ≈ " + _vn(v, 3) for v, tex in chosen) + "."
    )
    return _it(
        _order(stem, [_m(tex) for _, tex in chosen], sol), "toan", 11, "Bài 19", 2, "van_dung"
    )


def t_toan11_essay(r):
    if r.random() < 0.5:
        a = r.choice([2, 3])
        b = r.randint(1, 5)
        c = r.randint(1, 3)
        # log_a(x + b) + log_a(x − b) = c → x² − b² = a^c
        rhs = a**c + b * b
        x = math.isqrt(rhs)
        if x * x != rhs:
            return None
        stem = (
            "Giải phương trình "
            + _mx(r"\log_{<a>}(x + <b>) + \log_{<a>}(x - <b>) = <c>", a=a, b=b, c=c)
            + "."
        )
        guide = [
            ("Đặt điều kiện " + _mx("x > <b>", b=b), 0.5),
            ("Biến đổi về " + _mx(r"\log_{<a>}(x^2 - <b2>) = <c>", a=a, b2=b * b, c=c) + ", tức " + _mx("x^2 = <r>", r=rhs), 1.0),
            ("Giải được " + _mx(r"x = \pm <x>", x=x), 0.5),
            ("Đối chiếu điều kiện, kết luận nghiệm " + _mx("x = <x>", x=x), 0.5),
        ]  # fmt: skip
        return _it(_essay(stem, guide), "toan", 11, "Bài 21", 1, "van_dung")
    first, step, rows = r.randint(15, 30), r.randint(2, 4), r.randint(12, 25)
    total = _ap_sum(first, step, rows)
    stem = (
        f"Một khán đài có {rows} hàng ghế; hàng đầu có {first} ghế, mỗi hàng sau nhiều hơn hàng "
        f"trước {step} ghế. a) Tính số ghế ở hàng cuối cùng. b) Tính tổng số ghế của khán đài. "
        "c) Nếu mỗi vé bán 50 nghìn đồng và khán đài kín chỗ, số tiền thu được là bao nhiêu?"
    )
    guide = [
        ("Nhận ra số ghế mỗi hàng lập thành cấp số cộng " + _mx("u_1 = <a>", a=first) + ", " + _mx("d = <d>", d=step), 0.5),
        ("a) " + _mx("u_{<n>} = <v>", n=rows, v=first + (rows - 1) * step) + " ghế", 0.5),
        ("b) " + _mx("S_{<n>} = <v>", n=rows, v=total) + " ghế", 1.0),
        ("c) Số tiền: " + _vn(total * 50) + " nghìn đồng", 0.5),
    ]  # fmt: skip
    return _it(_essay(stem, guide), "toan", 11, "Bài 6", 3, "van_dung")


def _toan11_plan():
    return [
        (t_toan11_csc, 18),
        (t_toan11_csn, 14),
        (t_toan11_csc_tf, 8),
        (t_toan11_log, 20),
        (t_toan11_dao_ham, 22),
        (t_toan11_dao_ham_tich, 8),
        (t_toan11_luong_giac, 18),
        (t_toan11_chu_ki, 6),
        (t_toan11_pt_luong_giac, 6),
        (t_toan11_gioi_han, 14),
        (t_toan11_xac_suat, 10),
        (t_toan11_thong_ke_group, 2),
        (t_toan11_the_tich, 10),
        (t_toan11_mr, 5),
        (t_toan11_cloze, 5),
        (t_toan11_match, 4),
        (t_toan11_order, 6),
        (t_toan11_essay, 4),
    ]


# =======================================================================================
# TOÁN 10
# =======================================================================================


def t_toan10_parabol(r):
    a = r.choice([1, 2, -1, -2, 3, -3])
    h = r.randint(-4, 4)
    k = r.randint(-6, 6)
    coeffs = [a, -2 * a * h, a * h * h + k]
    f = _m("y = " + _poly(coeffs))
    sol = _sol(
        "Hoành độ đỉnh "
        + _mx(r"x = -\dfrac{b}{2a} = -\dfrac{<b>}{2\cdot <a>} = <h>", b=_p(coeffs[1]), a=_p(a), h=h)
        + ", tung độ đỉnh "
        + _mx("y(<h>) = <k>", h=h, k=k)
        + "."
    )
    kind = r.random()
    if kind < 0.4:
        stem = f"Toạ độ đỉnh {_m('I')} của parabol {f} là"
        key = _mx("I(<h>; <k>)", h=h, k=k)
        wrong = [_mx("I(<h>; <k>)", h=-h, k=k), _mx("I(<h>; <k>)", h=h, k=-k),
                 _mx("I(<h>; <k>)", h=k, k=h), _mx("I(<h>; <k>)", h=-h, k=_peval(coeffs, -h))]  # fmt: skip
        return _it(_sc(r, stem, key, wrong, sol), "toan", 10, "Bài 16", 2, "biet")
    if kind < 0.7:
        up = a > 0
        stem = f"Hàm số {f} đồng biến trên khoảng nào sau đây?"
        key = _mx(r"(<h>; +\infty)", h=h) if up else _mx(r"(-\infty; <h>)", h=h)
        wrong = [_mx(r"(-\infty; <h>)", h=h) if up else _mx(r"(<h>; +\infty)", h=h),
                 _mx(r"(<h>; +\infty)", h=-h) if up else _mx(r"(-\infty; <h>)", h=-h),
                 _mx(r"(-\infty; <h>)", h=k), _mx(r"(<h>; +\infty)", h=h - 1)]  # fmt: skip
        sol += _sol(
            "Hệ số "
            + _mx("a = <a>", a=a)
            + (" dương" if up else " âm")
            + " nên hàm số đồng biến trên "
            + key
            + "."
        )
        return _it(_sc(r, stem, key, wrong, sol), "toan", 10, "Bài 16", 2, "hieu")
    truth = _mix(r)
    statements = [
        ("Đồ thị hàm số có trục đối xứng là đường thẳng " + _mx("x = <h>", h=h if truth[0] else -h if h else 1) + ".", truth[0]),
        ("Hàm số đạt giá trị " + ("nhỏ nhất" if a > 0 else "lớn nhất") + " bằng " + _m(str(k if truth[1] else k + 2)) + ".", truth[1]),
        ("Đồ thị hàm số cắt trục tung tại điểm có tung độ " + _m(str(coeffs[2] if truth[2] else -coeffs[2] if coeffs[2] else 3)) + ".", truth[2]),
        ("Parabol có bề lõm quay " + (("lên trên" if a > 0 else "xuống dưới") if truth[3] else ("xuống dưới" if a > 0 else "lên trên")) + ".", truth[3]),
    ]  # fmt: skip
    stem = f"Cho hàm số bậc hai {f}. Xét tính đúng, sai của các mệnh đề sau."
    return _it(_tf(stem, statements, sol), "toan", 10, "Bài 16", 2, "hieu")


def t_toan10_nem_vat(r):
    v0 = r.choice([10, 15, 20, 25, 30])
    h0 = r.choice([0, 1, 2, 1.5, 5, 10])
    g = 5  # h(t) = −5t² + v0 t + h0 (g ≈ 10 m/s²)
    tmax = Fraction(v0, 2 * g)
    hmax = Fraction(v0 * v0, 4 * g) + Fraction(str(h0))
    stem = (
        "Một quả bóng được ném thẳng đứng lên từ độ cao "
        + _vn(h0)
        + " m; độ cao của bóng (mét) sau "
        + _m("t")
        + " giây được cho bởi "
        + _m("h(t) = " + _poly([-5, v0, Fraction(str(h0))], "t"))
        + ". Tính độ cao lớn nhất mà quả bóng đạt được (đơn vị: mét)."
    )
    sol = _sol(
        "Đỉnh parabol tại "
        + _mx(r"t = \dfrac{<v>}{10} = <t>", v=v0, t=_fx(tmax))
        + ", nên độ cao lớn nhất là "
        + _mx("h(<t>) = <h>", t=_fx(tmax), h=_fx(hmax))
        + " m."
    )
    return _it(_sn(stem, hmax, sol, 2), "toan", 10, "Bài 16", 3, "van_dung")


def _interval(lo, hi, left="(", right=")") -> str:
    return _m(left + _fx(lo) + "; " + _fx(hi) + right)


def t_toan10_bpt_bac_hai(r):
    p, q = sorted(r.sample(range(-6, 8), 2))
    a = r.choice([1, 1, 2, -1])
    coeffs = [a, -a * (p + q), a * p * q]
    sign = r.choice(["<", ">", r"\le", r"\ge"])
    neg_wanted = sign in ("<", r"\le") if a > 0 else sign in (">", r"\ge")
    closed = sign in (r"\le", r"\ge")
    inner = _interval(p, q, "[" if closed else "(", "]" if closed else ")")
    outer = _m(
        r"(-\infty; " + str(p) + ("]" if closed else ")") + r" \cup " + ("[" if closed else "(") + str(q) + r"; +\infty)"
    )  # fmt: skip
    key = inner if neg_wanted else outer
    other = outer if neg_wanted else inner
    flipped = _interval(p, q, "(" if closed else "[", ")" if closed else "]")
    ineq = _m(_poly(coeffs) + " " + sign + " 0")
    sol = _sol(
        "Tam thức có hai nghiệm " + _mx("x_1 = <p>", p=p) + ", " + _mx("x_2 = <q>", q=q) + " và hệ số "
        + _mx("a = <a>", a=a) + ("; tam thức cùng dấu với a ở ngoài khoảng hai nghiệm, trái dấu với a ở trong khoảng hai nghiệm."),
        "Tập nghiệm: " + key + ".",
    )  # fmt: skip
    if r.random() < 0.6:
        stem = f"Tập nghiệm của bất phương trình {ineq} là"
        wrong = [other, flipped, _interval(-q, -p), _interval(p - 1, q + 1)]
        return _it(
            _sc(r, stem, key, wrong, sol, none_option=False), "toan", 10, "Bài 17", 2, "hieu"
        )
    if not neg_wanted:
        return None
    count = q - p + 1 if closed else q - p - 1
    stem = f"Bất phương trình {ineq} có bao nhiêu nghiệm nguyên?"
    return _it(_sn(stem, count, sol), "toan", 10, "Bài 17", 2, "van_dung")


def t_toan10_to_hop(r):
    kind = r.choice(["C", "A", "P", "nhan", "cong"])
    n = r.randint(6, 15)
    k = r.randint(2, 4)
    if kind == "C":
        value = math.comb(n, k)
        ctx = r.choice(["học sinh", "đoàn viên", "cầu thủ", "bông hoa khác màu"])
        stem = f"Có bao nhiêu cách chọn {k} {ctx} từ một nhóm gồm {n} {ctx}?" if ctx != "bông hoa khác màu" else (
            f"Từ {n} bông hoa khác màu, có bao nhiêu cách chọn ra {k} bông để cắm vào một lọ?")  # fmt: skip
        sol = _sol(
            "Mỗi cách chọn là một tổ hợp chập "
            + str(k)
            + " của "
            + str(n)
            + " phần tử: "
            + _mx("C_{<n>}^{<k>} = <v>", n=n, k=k, v=value)
            + "."
        )
        wrong = [math.perm(n, k), n**k, math.factorial(k), n * k, math.comb(n, k - 1)]
    elif kind == "A":
        value = math.perm(n, 3)
        k = 3
        stem = (
            f"Một lớp có {n} học sinh được đề cử. Có bao nhiêu cách bầu ra một lớp trưởng, một lớp "
            "phó và một bí thư chi đoàn, biết mỗi bạn giữ nhiều nhất một chức vụ?"
        )
        sol = _sol(
            "Mỗi cách bầu là một chỉnh hợp chập 3 của "
            + str(n)
            + ": "
            + _mx("A_{<n>}^{3} = <v>", n=n, v=value)
            + "."
        )
        wrong = [math.comb(n, 3), n**3, 3 * n, math.perm(n, 2)]
    elif kind == "P":
        m = r.randint(4, 7)
        value = math.factorial(m)
        stem = f"Có bao nhiêu cách xếp {m} bạn học sinh thành một hàng ngang?"
        sol = _sol(
            "Mỗi cách xếp là một hoán vị của "
            + str(m)
            + " phần tử: "
            + _mx("P_{<m>} = <m>! = <v>", m=m, v=value)
            + "."
        )
        wrong = [m * m, math.factorial(m - 1), 2**m, m * (m - 1)]
    elif kind == "nhan":
        shirts, pants, shoes = r.randint(3, 9), r.randint(2, 6), r.randint(2, 4)
        value = shirts * pants * shoes
        stem = (
            f"Bạn Minh có {shirts} chiếc áo, {pants} chiếc quần và {shoes} đôi giày khác nhau. Hỏi "
            "Minh có bao nhiêu cách chọn một bộ trang phục gồm một áo, một quần và một đôi giày?"
        )
        sol = _sol(
            "Theo quy tắc nhân: "
            + _mx(r"<a>\cdot <b>\cdot <c> = <v>", a=shirts, b=pants, c=shoes, v=value)
            + "."
        )
        wrong = [shirts + pants + shoes, shirts * pants + shoes, shirts * pants, value * 2]
    else:
        a, b, c = r.randint(3, 12), r.randint(3, 12), r.randint(2, 8)
        value = a + b + c
        stem = (
            f"Trên giá sách có {a} cuốn sách Toán, {b} cuốn sách Ngữ văn và {c} cuốn sách Tiếng Anh "
            "(các cuốn đôi một khác nhau). Có bao nhiêu cách chọn một cuốn sách từ giá?"
        )
        sol = _sol(
            "Theo quy tắc cộng: " + _mx("<a> + <b> + <c> = <v>", a=a, b=b, c=c, v=value) + "."
        )
        wrong = [a * b * c, a * b + c, value - 1, a + b]
    level = "biet" if kind in ("nhan", "cong", "P") else "hieu"
    lesson = "Bài 23" if kind in ("nhan", "cong") else "Bài 24"
    if r.random() < 0.45 and value <= 9999:
        return _it(_sn(stem, value, sol), "toan", 10, lesson, 1, level)
    q_ = _sc(r, stem, _m(str(value)), [_m(str(w)) for w in wrong], sol)
    return _it(q_, "toan", 10, lesson, 1, level)


def t_toan10_nhi_thuc(r):
    n = r.choice([4, 5])
    a = r.choice([1, 2, 3])
    b = r.choice([1, 2, -1, -2, 3])
    k = r.randint(1, n - 1)
    # (ax + b)^n, coefficient of x^k = C(n, k) a^k b^(n−k)
    value = math.comb(n, k) * a**k * b ** (n - k)
    base = ("x" if a == 1 else f"{a}x") + _sgn(b)
    stem = (
        "Tìm hệ số của "
        + _mx("x^{<k>}", k=k)
        + " trong khai triển "
        + _m("(" + base + ")^{" + str(n) + "}")
        + "."
    )
    sol = _sol(
        "Số hạng chứa " + _mx("x^{<k>}", k=k) + " là "
        + _mx(r"C_{<n>}^{<k>}(<a>x)^{<k>}\cdot <b>^{<m>}", n=n, k=k, a=a, b=_p(b), m=n - k)
        + ", có hệ số " + _mx(r"<c>\cdot <a>^{<k>}\cdot <b>^{<m>} = <v>", c=math.comb(n, k), a=a, k=k, b=_p(b), m=n - k, v=value) + "."
    )  # fmt: skip
    return _it(_sn(stem, value, sol), "toan", 10, "Bài 25", 1, "hieu")


def t_toan10_xac_suat(r):
    kind = r.choice(["bi", "bi", "xuc_xac", "the"])
    if kind == "bi":
        red, blue = r.randint(3, 9), r.randint(3, 9)
        k = r.choice([2, 3])
        fav = math.comb(red, k)
        total = math.comb(red + blue, k)
        value = Fraction(fav, total)
        stem = (
            f"Một hộp có {red} viên bi đỏ và {blue} viên bi xanh có cùng kích thước và khối lượng. "
            f"Lấy ngẫu nhiên đồng thời {k} viên bi. Xác suất để lấy được {k} viên bi đỏ là"
        )
        sol = _sol(
            _mx(r"n(\Omega) = C_{<t>}^{<k>} = <a>", t=red + blue, k=k, a=total) + "; "
            + _mx(r"n(A) = C_{<r>}^{<k>} = <b>", r=red, k=k, b=fav) + "; "
            + _mx(r"P(A) = \dfrac{<b>}{<a>} = <v>", a=total, b=fav, v=_fx(value, False)) + "."
        )  # fmt: skip
        wrong = [Fraction(red, red + blue), Fraction(fav, math.perm(red + blue, k)), Fraction(math.comb(blue, k), total),
                 1 - value, Fraction(red, red + blue) ** k]  # fmt: skip
        if r.random() < 0.5:
            q_ = _sc(r, stem, _m(_fx(value, False)), [_m(_fx(w, False)) for w in wrong], sol)
            return _it(q_, "toan", 10, "Bài 27", 1, "hieu")
        stem = stem.replace(" là", "") + " (làm tròn kết quả đến hàng phần trăm)."
        stem = stem.replace("Xác suất để", "Tính xác suất để")
        return _it(_sn(stem, value, sol, 2), "toan", 10, "Bài 27", 1, "hieu")
    if kind == "xuc_xac":
        s = r.randint(3, 11)
        fav = sum(1 for i in range(1, 7) for j in range(1, 7) if i + j == s)
        value = Fraction(fav, 36)
        stem = f"Gieo một con xúc xắc cân đối và đồng chất hai lần. Xác suất để tổng số chấm xuất hiện bằng {s} là"
        sol = _sol(
            _mx(r"n(\Omega) = 36")
            + "; có "
            + str(fav)
            + " kết quả thuận lợi nên "
            + _mx(r"P = \dfrac{<f>}{36} = <v>", f=fav, v=_fx(value, False))
            + "."
        )
        wrong = [
            Fraction(fav, 6),
            Fraction(fav + 1, 36),
            Fraction(1, 6),
            Fraction(s, 36),
            Fraction(fav, 12),
        ]
        q_ = _sc(r, stem, _m(_fx(value, False)), [_m(_fx(w, False)) for w in wrong if w <= 1], sol)
        return _it(q_, "toan", 10, "Bài 26", 2, "biet")
    n = r.randint(10, 30)
    m = r.choice([2, 3, 4, 5])
    fav = n // m
    value = Fraction(fav, n)
    stem = (
        f"Một hộp đựng {n} tấm thẻ được đánh số từ 1 đến {n}. Rút ngẫu nhiên một tấm thẻ. Tính "
        f"xác suất để số ghi trên thẻ chia hết cho {m} (làm tròn kết quả đến hàng phần trăm)."
    )
    sol = _sol(
        "Có "
        + str(fav)
        + " số chia hết cho "
        + str(m)
        + " trong các số từ 1 đến "
        + str(n)
        + "; "
        + _mx(r"P = \dfrac{<f>}{<n>} \approx <v>", f=fav, n=n, v=_tn(value, 2))
        + "."
    )
    return _it(_sn(stem, value, sol, 2), "toan", 10, "Bài 27", 1, "hieu")


_OXY = "Trong mặt phẳng toạ độ " + _m("Oxy") + ", "


def t_toan10_vecto(r):
    a = [r.randint(-5, 6), r.randint(-5, 6)]
    b = [r.randint(-5, 6), r.randint(-5, 6)]
    kind = r.choice(["dot", "len", "cos", "perp", "combo"])
    if kind == "dot":
        dot = _dot(a, b)
        stem = (
            _OXY
            + f"cho {_vec('a', a)} và {_vec('b', b)}. Tích vô hướng "
            + _m(r"\vec{a}\cdot\vec{b}")
            + " bằng"
        )
        wrong = [a[0] * b[1] + a[1] * b[0], dot + 1, -dot, a[0] * b[0] - a[1] * b[1]]
        sol = _sol(
            _mx(
                r"\vec{a}\cdot\vec{b} = <a>\cdot <b> + <c>\cdot <d> = <v>",
                a=_p(a[0]),
                b=_p(b[0]),
                c=_p(a[1]),
                d=_p(b[1]),
                v=dot,
            )
            + "."
        )
        return _it(
            _sc(r, stem, _m(str(dot)), [_m(str(w)) for w in wrong], sol),
            "toan",
            10,
            "Bài 11",
            1,
            "biet",
        )
    if kind == "len":
        d = r.choice([(3, 4), (6, 8), (5, 12), (8, 6), (4, 3), (1, 1), (2, 3), (1, 2)])
        d = [d[0] * r.choice([1, -1]), d[1] * r.choice([1, -1])]
        B = [a[0] + d[0], a[1] + d[1]]
        L2 = d[0] ** 2 + d[1] ** 2
        L = math.isqrt(L2)
        stem = (
            _OXY + f"cho hai điểm {_pt('A', a)} và {_pt('B', B)}. Tính độ dài đoạn thẳng {_m('AB')}"
        )
        sol = _sol(
            _mx(r"AB = \sqrt{<x>^2 + <y>^2} = \sqrt{<s>}", x=_p(d[0]), y=_p(d[1]), s=L2)
            + (_mx(" = <v>", v=L) if L * L == L2 else _mx(r" \approx <v>", v=_tn(math.sqrt(L2), 2)))
            + "."
        )
        if L * L == L2:
            return _it(_sn(stem + ".", L, sol), "toan", 10, "Bài 10", 2, "biet")
        return _it(
            _sn(stem + " (làm tròn kết quả đến hàng phần trăm).", math.sqrt(L2), sol, 2),
            "toan",
            10,
            "Bài 10",
            2,
            "hieu",
        )
    if kind == "cos":
        if not any(a) or not any(b):
            return None
        cos = _dot(a, b) / math.sqrt(_dot(a, a) * _dot(b, b))
        angle = math.degrees(math.acos(max(-1, min(1, cos))))
        stem = (
            _OXY + f"cho {_vec('a', a)} và {_vec('b', b)}. Tính số đo góc giữa hai vectơ " + _m(r"\vec{a}") + " và "
            + _m(r"\vec{b}") + " (đơn vị: độ; làm tròn kết quả đến hàng đơn vị)."
        )  # fmt: skip
        sol = _sol(_mx(r"\cos(\vec{a}, \vec{b}) = \dfrac{\vec{a}\cdot\vec{b}}{|\vec{a}|\cdot|\vec{b}|} = \dfrac{<d>}{\sqrt{<x>}\cdot\sqrt{<y>}}", d=_dot(a, b), x=_dot(a, a), y=_dot(b, b))
                   + ", suy ra góc xấp xỉ " + _mx(r"<v>^\circ", v=_tn(angle, 0)) + ".")  # fmt: skip
        return _it(_sn(stem, angle, sol), "toan", 10, "Bài 11", 1, "van_dung")
    if kind == "perp":
        c = r.choice([1, 2, -1, -2, 3])
        rest = a[0] * b[0]
        if rest % c or not b[0]:
            return None
        m_val = -rest // c
        stem = (
            _OXY + "cho " + _mx(r"\vec{a} = (<x>; m)", x=a[0]) + " và " + _mx(r"\vec{b} = (<x>; <y>)", x=b[0], y=c)
            + ". Tìm " + _m("m") + " để hai vectơ " + _m(r"\vec{a}") + " và " + _m(r"\vec{b}") + " vuông góc với nhau."
        )  # fmt: skip
        sol = _sol(
            _mx(
                r"\vec{a}\cdot\vec{b} = <x>\cdot <bx> <c>m = 0 \Leftrightarrow m = <m>",
                x=_p(a[0]),
                bx=_p(b[0]),
                c=("+ " if c > 0 else "- ") + ("" if abs(c) == 1 else str(abs(c))),
                m=m_val,
            )
            + "."
        )
        return _it(_sn(stem, m_val, sol), "toan", 10, "Bài 11", 1, "hieu")
    k, l_ = r.choice([2, 3, -1]), r.choice([2, -2, 3, 1])
    res = [k * x + l_ * y for x, y in zip(a, b, strict=True)]
    u = _t(
        r"\vec{u} = <k>\vec{a} <s> <l>\vec{b}",
        k={1: "", -1: "-"}.get(k, k),
        s="+" if l_ > 0 else "-",
        l="" if abs(l_) == 1 else abs(l_),
    )
    stem = _OXY + f"cho {_vec('a', a)} và {_vec('b', b)}. Toạ độ của vectơ {_m(u)} là"
    key = _m(_co(res))
    wrong = [_m(_co([k * x - l_ * y for x, y in zip(a, b, strict=True)])),
             _m(_co([l_ * x + k * y for x, y in zip(a, b, strict=True)])),
             _m(_co([x + y for x, y in zip(a, b, strict=True)]))]  # fmt: skip
    sol = _sol(_m(u + " = " + _co(res)) + ".")
    return _it(_sc(r, stem, key, wrong, sol), "toan", 10, "Bài 10", 3, "biet")


def t_toan10_tam_giac(r):
    b, c = r.randint(3, 15), r.randint(3, 15)
    A = r.choice([60, 120, 90, 45, 30, 150])
    cosA = {
        60: 0.5,
        120: -0.5,
        90: 0.0,
        45: math.sqrt(2) / 2,
        30: math.sqrt(3) / 2,
        150: -math.sqrt(3) / 2,
    }[A]
    sinA = math.sin(math.radians(A))
    kind = r.choice(["a", "a", "S", "R"])
    a2 = b * b + c * c - 2 * b * c * cosA
    a_len = math.sqrt(a2)
    given = (
        "Cho tam giác " + _m("ABC") + " có " + _mx("AB = <c>", c=c) + ", " + _mx("AC = <b>", b=b)
        + " và " + _mx(r"\widehat{BAC} = <A>^\circ", A=A) + ". "
    )  # fmt: skip
    if kind == "a":
        stem = given + "Tính độ dài cạnh " + _m("BC") + " (làm tròn kết quả đến hàng phần mười)."
        sol = _sol(_mx(r"BC^2 = AB^2 + AC^2 - 2\cdot AB\cdot AC\cdot\cos A = <c>^2 + <b>^2 - 2\cdot <c>\cdot <b>\cdot\cos <A>^\circ", c=c, b=b, A=A)
                   + _mx(r" \approx <v>", v=_tn(a2, 2)) + ", nên " + _mx(r"BC \approx <v>", v=_tn(a_len, 1)) + ".")  # fmt: skip
        return _it(_sn(stem, a_len, sol, 1), "toan", 10, "Bài 6", 1, "hieu")
    if kind == "S":
        S = 0.5 * b * c * sinA
        stem = (
            given
            + "Tính diện tích tam giác "
            + _m("ABC")
            + " (làm tròn kết quả đến hàng phần mười)."
        )
        sol = _sol(
            _mx(
                r"S = \dfrac{1}{2}AB\cdot AC\cdot\sin A = \dfrac{1}{2}\cdot <c>\cdot <b>\cdot\sin <A>^\circ \approx <v>",
                c=c,
                b=b,
                A=A,
                v=_tn(S, 1),
            )
            + "."
        )
        return _it(_sn(stem, S, sol, 1), "toan", 10, "Bài 6", 1, "hieu")
    R = a_len / (2 * sinA)
    stem = (
        given
        + "Tính bán kính đường tròn ngoại tiếp tam giác "
        + _m("ABC")
        + " (làm tròn kết quả đến hàng phần mười)."
    )
    sol = _sol(
        "Theo định lí côsin, " + _mx(r"BC \approx <v>", v=_tn(a_len, 3)) + "; theo định lí sin, "
        + _mx(r"R = \dfrac{BC}{2\sin A} \approx <v>", v=_tn(R, 1)) + "."
    )  # fmt: skip
    return _it(_sn(stem, R, sol, 1), "toan", 10, "Bài 6", 2, "van_dung")


def t_toan10_gia_tri_luong_giac(r):
    degrees = r.choice([0, 30, 45, 60, 90, 120, 135, 150, 180])
    func = r.choice(["sin", "cos", "tan", "cot"])
    key = _trig(func, degrees)
    if key is None:
        return None
    stem = "Giá trị của " + _m("\\" + func + f" {degrees}" + r"^\circ") + " bằng"
    others = [_trig(f, degrees) for f in ("sin", "cos", "tan", "cot") if f != func]
    neg = key[1:] if key.startswith("-") else ("-" + key if key != "0" else "1")
    wrong = [neg, *[o for o in others if o], r"\dfrac{\sqrt{2}}{2}", "0", r"\dfrac{1}{2}"]
    sol = _sol(
        "Theo bảng giá trị lượng giác của các góc đặc biệt, "
        + _m("\\" + func + f" {degrees}" + r"^\circ = " + key)
        + "."
    )
    q_ = _sc(r, stem, _m(key), [_m(w) for w in wrong], sol)
    return _it(q_, "toan", 10, "Bài 5", 1, "biet")


def t_toan10_bu_phu_tf(r):
    alpha = r.choice([10, 15, 20, 25, 35, 40, 50, 55, 65, 70, 75, 80])
    truth = _mix(r)
    s = [
        (_mx(r"\sin(180^\circ - <a>^\circ) = <s>\sin <a>^\circ", a=alpha, s="" if truth[0] else "-") + ".", truth[0]),
        (_mx(r"\cos(180^\circ - <a>^\circ) = <s>\cos <a>^\circ", a=alpha, s="-" if truth[1] else "") + ".", truth[1]),
        (_mx(r"\sin(90^\circ - <a>^\circ) = <f> <a>^\circ", a=alpha, f=r"\cos" if truth[2] else r"\sin") + ".", truth[2]),
        (_mx(r"\tan(180^\circ - <a>^\circ) = <s>\tan <a>^\circ", a=alpha, s="-" if truth[3] else "") + ".", truth[3]),
    ]  # fmt: skip
    stem = (
        "Cho góc "
        + _mx(r"\alpha = <a>^\circ", a=alpha)
        + ". Xét tính đúng, sai của các đẳng thức sau."
    )
    sol = _sol(
        "Hai góc bù nhau có sin bằng nhau, côsin và tang đối nhau; hai góc phụ nhau có sin góc này bằng côsin góc kia."
    )
    return _it(_tf(stem, s, sol), "toan", 10, "Bài 5", 3, "hieu")


def t_toan10_duong_thang_tron(r):
    kind = r.random()
    if kind < 0.5:
        n = r.choice(
            [(3, 4, 5), (6, 8, 10), (5, 12, 13), (4, 3, 5), (8, 6, 10), (12, 5, 13), (1, 1, 0)]
        )
        if n[2] == 0:
            return None
        a, b, L = n[0] * r.choice([1, -1]), n[1] * r.choice([1, -1]), n[2]
        c = r.randint(-15, 15)
        M = [r.randint(-5, 6), r.randint(-5, 6)]
        val = abs(a * M[0] + b * M[1] + c)
        dist = Fraction(val, L)
        line = _lin_xyz([a, b, 0], c).replace("z", "")
        stem = (
            _OXY
            + f"tính khoảng cách từ điểm {_pt('M', M)} đến đường thẳng "
            + _m(r"\Delta: " + line)
        )
        stem += (
            "." if dist.denominator in (1, 2, 4, 5) else " (làm tròn kết quả đến hàng phần trăm)."
        )
        sol = _sol(
            _mx(
                r"d(M, \Delta) = \dfrac{|<a>\cdot <x> + <b>\cdot <y><c>|}{\sqrt{<a2> + <b2>}} = \dfrac{<v>}{<L>}",
                a=a,
                x=_p(M[0]),
                b=_p(b),
                y=_p(M[1]),
                c=_sgn(c),
                a2=a * a,
                b2=b * b,
                v=val,
                L=L,
            )
            + "."
        )
        return _it(_sn(stem, dist, sol, 2), "toan", 10, "Bài 20", 2, "hieu")
    amp = [r.randint(-5, 5), r.randint(-5, 5)]
    R = r.randint(1, 7)
    c = amp[0] ** 2 + amp[1] ** 2 - R * R
    eq = _m(
        "x^2 + y^2"
        + _sgn(-2 * amp[0])
        + ("x" if amp[0] else "")
        + _sgn(-2 * amp[1])
        + ("y" if amp[1] else "")
        + _sgn(c)
        + " = 0"
    )
    stem = _OXY + f"đường tròn {_m('(C)')}: {eq} có tâm {_m('I')} và bán kính {_m('R')} là"
    key = _mx("I(<a>; <b>),\\ R = <R>", a=amp[0], b=amp[1], R=R)
    wrong = [_mx("I(<a>; <b>),\\ R = <R>", a=-amp[0], b=-amp[1], R=R),
             _mx("I(<a>; <b>),\\ R = <R>", a=amp[0], b=amp[1], R=R * R),
             _mx("I(<a>; <b>),\\ R = <R>", a=2 * amp[0], b=2 * amp[1], R=R)]  # fmt: skip
    if not any(amp):
        wrong[0] = _mx("I(<a>; <b>),\\ R = <R>", a=1, b=1, R=R)
        wrong[2] = _mx("I(<a>; <b>),\\ R = <R>", a=0, b=0, R=R + 1)
    sol = _sol(
        "Đường tròn " + _m("x^2 + y^2 - 2ax - 2by + c = 0") + " có tâm " + _m("I(a; b)") + ", bán kính "
        + _m(r"R = \sqrt{a^2 + b^2 - c}") + "; ở đây " + key + "."
    )  # fmt: skip
    return _it(_sc(r, stem, key, wrong, sol), "toan", 10, "Bài 21", 1, "biet")


def _median(values):
    s = sorted(values)
    n = len(s)
    return Fraction(s[n // 2]) if n % 2 else Fraction(s[n // 2 - 1] + s[n // 2], 2)


_SAMPLES = [
    ("điểm kiểm tra môn Toán", "học sinh", 4, 10),
    ("số giờ tự học trong một tuần", "bạn", 5, 20),
    ("số cuốn sách đọc trong học kì", "học sinh", 1, 12),
    ("chiều cao (cm)", "cây giống", 20, 40),
    ("nhiệt độ cao nhất (°C) trong ngày", "ngày", 25, 38),
]


def t_toan10_thong_ke(r):
    theme, who, lo, hi = r.choice(_SAMPLES)
    n = r.choice([7, 8, 9, 10])
    data = [r.randint(lo, hi) for _ in range(n)]
    mean = Fraction(sum(data), n)
    med = _median(data)
    listed = ", ".join(str(x) for x in data)
    intro = f"Mẫu số liệu về {theme} của {n} {who}: {listed}. "
    kind = r.choice(["mean", "median", "range", "var", "tf"])
    if kind == "mean":
        stem = intro + "Tính số trung bình của mẫu số liệu (làm tròn kết quả đến hàng phần mười)."
        sol = _sol(
            _mx(r"\bar{x} = \dfrac{<s>}{<n>} \approx <v>", s=sum(data), n=n, v=_tn(mean, 2)) + "."
        )
        return _it(_sn(stem, mean, sol, 1), "toan", 10, "Bài 13", 1, "biet")
    if kind == "median":
        stem = intro + "Trung vị của mẫu số liệu là"
        sol = _sol(
            "Sắp xếp tăng dần: "
            + ", ".join(str(x) for x in sorted(data))
            + ". Trung vị là "
            + _m(_fx(med))
            + "."
        )
        wrong = [
            mean,
            Fraction(data[n // 2]),
            _median(data[:-1]),
            Fraction(sorted(data)[n // 2 + 1] if n > 2 else 0),
        ]
        q_ = _sc(
            r, stem, _m(_fx(med)), [_m(_fx(w)) for w in wrong if w != med] + [_m(_fx(med + 1))], sol
        )
        return _it(q_, "toan", 10, "Bài 13", 1, "hieu")
    if kind == "range":
        stem = intro + "Khoảng biến thiên của mẫu số liệu là"
        spread = max(data) - min(data)
        sol = _sol(_mx("R = <a> - <b> = <v>", a=max(data), b=min(data), v=spread) + ".")
        wrong = [max(data), spread + 1, max(data) + min(data), sorted(data)[-2] - min(data)]
        q_ = _sc(r, stem, _m(str(spread)), [_m(str(w)) for w in wrong], sol)
        return _it(q_, "toan", 10, "Bài 14", 1, "biet")
    var = Fraction(sum(x * x for x in data), n) - mean * mean
    if kind == "var":
        stem = intro + "Tính độ lệch chuẩn của mẫu số liệu (làm tròn kết quả đến hàng phần trăm)."
        std = math.sqrt(var)
        sol = _sol(
            _mx(r"\bar{x} = <m>", m=_tn(mean, 3)) + "; "
            + _mx(r"s^2 = \dfrac{1}{<n>}\sum x_i^2 - \bar{x}^2 \approx <v>", n=n, v=_tn(var, 3))
            + "; " + _mx(r"s \approx <s>", s=_tn(std, 2)) + "."
        )  # fmt: skip
        return _it(_sn(stem, std, sol, 2), "toan", 10, "Bài 14", 1, "van_dung")
    truth = _mix(r)
    modes = [x for x in set(data) if data.count(x) == max(data.count(y) for y in data)]
    statements = [
        ("Số trung bình của mẫu số liệu xấp xỉ " + _vn(mean if truth[0] else mean + 1, 1) + ".", truth[0]),
        ("Trung vị của mẫu số liệu bằng " + _vn(med if truth[1] else med + Fraction(1, 2)) + ".", truth[1]),
        ("Khoảng biến thiên của mẫu số liệu bằng " + str(max(data) - min(data) + (0 if truth[2] else 2)) + ".", truth[2]),
        ("Mẫu số liệu có đúng một mốt." if (len(modes) == 1) == truth[3] else "Mẫu số liệu có nhiều hơn một mốt.", truth[3]),
    ]  # fmt: skip
    if _round(mean, 1) == _round(mean + 1, 1):
        return None
    stem = intro + "Xét tính đúng, sai của các khẳng định sau."
    sol = _sol(
        "Số trung bình " + _m(r"\approx " + _tn(mean, 2)) + "; trung vị " + _m(_fx(med)) + "; khoảng biến thiên "
        + _m(str(max(data) - min(data))) + "; mốt: " + ", ".join(str(x) for x in sorted(modes)) + "."
    )  # fmt: skip
    return _it(_tf(stem, statements, sol), "toan", 10, "Bài 13", 3, "hieu")


def t_toan10_tap_hop(r):
    if r.random() < 0.5:
        total = r.randint(30, 45)
        a = r.randint(12, 25)
        b = r.randint(10, 22)
        both = r.randint(3, min(a, b) - 2)
        union = a + b - both
        if union > total:
            return None
        subj = r.choice(
            [("bóng đá", "cầu lông"), ("Toán", "Tiếng Anh"), ("vẽ", "hát"), ("bơi", "cờ vua")]
        )
        kind = r.choice(["none", "union"])
        stem = (
            f"Lớp 10A có {total} học sinh, trong đó {a} bạn thích {subj[0]}, {b} bạn thích {subj[1]} và "
            f"{both} bạn thích cả hai. "
        )
        if kind == "none":
            stem += f"Hỏi lớp 10A có bao nhiêu bạn không thích cả {subj[0]} lẫn {subj[1]}?"
            value = total - union
        else:
            stem += f"Hỏi lớp 10A có bao nhiêu bạn thích ít nhất một trong hai môn {subj[0]} hoặc {subj[1]}?"
            value = union
        sol = _sol(
            _mx(r"|A \cup B| = |A| + |B| - |A \cap B| = <a> + <b> - <c> = <u>", a=a, b=b, c=both, u=union) + "."
            + (" Số bạn không thích môn nào: " + _mx("<t> - <u> = <v>", t=total, u=union, v=total - union) + "." if kind == "none" else "")
        )  # fmt: skip
        return _it(_sn(stem, value, sol), "toan", 10, "Bài 2", 3, "hieu")
    a1, a2, b1, b2 = sorted(r.sample(range(-8, 10), 4))
    A = _m("A = [" + str(a1) + "; " + str(b1) + "]")
    B = _m("B = (" + str(a2) + "; " + str(b2) + ")")
    op = r.choice(["cap", "cup", "minus"])
    if op == "cap":
        key, sym = _interval(a2, b1, "(", "]"), r"A \cap B"
        wrong = [_interval(a2, b1, "[", "]"), _interval(a2, b1), _interval(a1, b2, "[", ")")]
    elif op == "cup":
        key, sym = _interval(a1, b2, "[", ")"), r"A \cup B"
        wrong = [_interval(a1, b2, "[", "]"), _interval(a2, b1, "(", "]"), _interval(a1, b2)]
    else:
        key, sym = _interval(a1, a2, "[", "]"), r"A \setminus B"
        wrong = [_interval(a1, a2, "[", ")"), _interval(b1, b2, "(", ")"), _interval(a1, a2)]
    stem = f"Cho hai tập hợp {A} và {B}. Tập hợp {_m(sym)} là"
    sol = _sol("Biểu diễn hai tập hợp trên trục số, ta được " + _m(sym + " = ") + key + ".")
    return _it(_sc(r, stem, key, wrong, sol, none_option=False), "toan", 10, "Bài 2", 2, "hieu")


def t_toan10_mien_nghiem(r):
    a, b = r.choice([1, 2, 3, -1, -2]), r.choice([1, 2, -1, -3, 3])
    c = r.randint(-6, 6)
    sign = r.choice(["<", ">", r"\le", r"\ge"])
    expr = _lin_xyz([a, b, 0], 0).replace(" = 0", "")
    ineq = _m(expr + " " + sign + " " + str(c))
    pts = []
    while len(pts) < 5:
        p = (r.randint(-4, 4), r.randint(-4, 4))
        if p not in pts:
            pts.append(p)
    ok = {
        "<": lambda v: v < c,
        ">": lambda v: v > c,
        r"\le": lambda v: v <= c,
        r"\ge": lambda v: v >= c,
    }[sign]
    options = [(_mx("(<x>; <y>)", x=x, y=y), ok(a * x + b * y)) for x, y in pts]
    stem = f"Những điểm nào sau đây thuộc miền nghiệm của bất phương trình {ineq}?"
    sol = _sol(
        "Thay toạ độ từng điểm vào vế trái: "
        + "; ".join(_mx("(<x>; <y>) \\mapsto <v>", x=x, y=y, v=a * x + b * y) for x, y in pts)
        + "."
    )
    return _it(_mr(r, stem, options, sol), "toan", 10, "Bài 3", 2, "hieu")


def t_toan10_cloze(r):
    a = [r.randint(-5, 6), r.randint(-5, 6)]
    b = [r.randint(-5, 6), r.randint(-5, 6)]
    stem = (
        _OXY + f"cho {_vec('a', a)} và {_vec('b', b)}. Khi đó toạ độ của " + _m(r"\vec{a} + \vec{b}")
        + " là ({{1}}; {{2}}), toạ độ của " + _m(r"2\vec{a} - \vec{b}") + " là ({{3}}; {{4}}) và "
        + _m(r"\vec{a}\cdot\vec{b} =") + " {{5}}."
    )  # fmt: skip
    blanks = [
        _bn(a[0] + b[0]),
        _bn(a[1] + b[1]),
        _bn(2 * a[0] - b[0]),
        _bn(2 * a[1] - b[1]),
        _bn(_dot(a, b)),
    ]
    sol = _sol(
        "Cộng, trừ vectơ theo từng toạ độ; " + _m(r"\vec{a}\cdot\vec{b} = x_1x_2 + y_1y_2") + "."
    )
    return _it(_cloze(stem, blanks, sol), "toan", 10, "Bài 10", 3, "hieu")


def t_toan10_match(r):
    n = r.randint(6, 12)
    k = r.randint(2, 4)
    pairs = [
        (_mx("C_{<n>}^{<k>}", n=n, k=k), _m(str(math.comb(n, k)))),
        (_mx("A_{<n>}^{<k>}", n=n, k=k), _m(str(math.perm(n, k)))),
        (_mx("P_{<k>}", k=k + 1), _m(str(math.factorial(k + 1)))),
        (_mx("C_{<n>}^{<k>}", n=n, k=n - 1), _m(str(n))),
        (_mx("A_{<n>}^{2}", n=n + 1), _m(str(math.perm(n + 1, 2)))),
    ]
    stem = f"Ghép mỗi số ở cột trái (với {_mx('n = <n>', n=n)}, {_mx('k = <k>', k=k)}) với giá trị tương ứng ở cột phải."
    return _it(_match(r, stem, r.sample(pairs, 4)), "toan", 10, "Bài 24", 1, "hieu")


def t_toan10_order(r):
    degrees = r.sample([0, 30, 45, 60, 90, 120, 135, 150, 180], 4)
    func = r.choice(["sin", "cos"])
    vals = [
        (math.sin(math.radians(d)) if func == "sin" else math.cos(math.radians(d)), d)
        for d in degrees
    ]
    if len({round(v, 9) for v, _ in vals}) < 4:
        return None
    listed = "; ".join(_m("\\" + func + f" {d}" + r"^\circ") for d in degrees)
    vals.sort()
    stem = f"Sắp xếp các giá trị lượng giác sau theo thứ tự tăng dần: {listed}."
    sol = _sol(
        "; ".join(_m("\\" + func + f" {d}" + r"^\circ = " + _trig(func, d)) for _, d in vals) + "."
    )
    return _it(
        _order(stem, [_m("\\" + func + f" {d}" + r"^\circ") for _, d in vals], sol),
        "toan",
        10,
        "Bài 5",
        1,
        "hieu",
    )


def t_toan10_essay(r):
    p, q = sorted(r.sample(range(-5, 7), 2))
    a = r.choice([1, 2, -1])
    coeffs = [a, -a * (p + q), a * p * q]
    stem = (
        "Xét dấu tam thức bậc hai " + _m("f(x) = " + _poly(coeffs)) + " và giải bất phương trình "
        + _m("f(x) > 0") + "."
    )  # fmt: skip
    pos = (
        _m(r"(-\infty; " + str(p) + r") \cup (" + str(q) + r"; +\infty)")
        if a > 0
        else _interval(p, q)
    )
    guide = [
        ("Tìm đúng hai nghiệm " + _mx("x_1 = <p>", p=p) + ", " + _mx("x_2 = <q>", q=q), 1.0),
        ("Lập đúng bảng xét dấu (dựa vào dấu của hệ số " + _mx("a = <a>", a=a) + ")", 1.0),
        ("Kết luận tập nghiệm của bất phương trình: " + pos, 1.0),
    ]
    return _it(_essay(stem, guide), "toan", 10, "Bài 17", 2, "van_dung")


def _toan10_plan():
    return [
        (t_toan10_parabol, 16),
        (t_toan10_nem_vat, 4),
        (t_toan10_bpt_bac_hai, 14),
        (t_toan10_to_hop, 20),
        (t_toan10_nhi_thuc, 8),
        (t_toan10_xac_suat, 16),
        (t_toan10_vecto, 18),
        (t_toan10_tam_giac, 12),
        (t_toan10_gia_tri_luong_giac, 12),
        (t_toan10_bu_phu_tf, 6),
        (t_toan10_duong_thang_tron, 12),
        (t_toan10_thong_ke, 16),
        (t_toan10_tap_hop, 10),
        (t_toan10_mien_nghiem, 6),
        (t_toan10_cloze, 4),
        (t_toan10_match, 4),
        (t_toan10_order, 5),
        (t_toan10_essay, 4),
    ]


# =======================================================================================
# VẬT LÝ
# =======================================================================================


def _sci(value: float, digits: int = 3) -> str:
    """Scientific notation in TeX: 3{,}13\\cdot 10^{19}."""
    if value == 0:
        return "0"
    exp = math.floor(math.log10(abs(value)))
    mant = value / 10**exp
    if round(abs(mant), digits - 1) >= 10:
        exp += 1
        mant /= 10
    text = _tn(mant, digits - 1)
    return text if exp == 0 else text + r"\cdot 10^{" + str(exp) + "}"


def _u(value, unit: str, places: int | None = None) -> str:
    """A quantity in running text: "12,5 m/s"."""
    return _vn(value, places) + " " + unit


def _facts_template(facts, subject: str, grade: int):
    """Single-choice questions from fixed facts (stem, key, wrong, lesson, y, level, explanation)."""

    def template(r):
        stem, key, wrong, lesson, y, level, why = r.choice(facts)
        q_ = _sc(r, stem, key, wrong, _sol(why), none_option=False)
        return _it(q_, subject, grade, lesson, y, level)

    return template


_LY10_FACTS = [
    ("Đơn vị của công suất trong hệ SI là", "oát (W)", ["jun (J)", "niutơn (N)", "paxcan (Pa)"],
     "Bài 24", 1, "biet", "Công suất đo bằng oát: 1 W = 1 J/s."),
    ("Đại lượng đặc trưng cho mức quán tính của một vật là", "khối lượng",
     ["vận tốc", "trọng lượng", "gia tốc"], "Bài 15", 2, "biet",
     "Khối lượng là đại lượng đặc trưng cho mức quán tính của vật."),
    ("Theo định luật 3 Newton, lực và phản lực là hai lực", "cùng giá, cùng độ lớn, ngược chiều và đặt vào hai vật khác nhau",
     ["cùng giá, cùng độ lớn, ngược chiều và đặt vào cùng một vật", "cân bằng nhau",
      "cùng giá, cùng chiều và đặt vào hai vật khác nhau"], "Bài 16", 1, "biet",
     "Lực và phản lực luôn xuất hiện thành từng cặp, đặt vào hai vật khác nhau nên không cân bằng nhau."),
    ("Động lượng của một vật có đơn vị là", "kg·m/s", ["kg·m/s²", "N/s", "J·s"], "Bài 28", 1, "biet",
     "p = mv nên đơn vị là kg·m/s (cũng bằng N·s)."),
    ("Trong chuyển động thẳng nhanh dần đều, vectơ gia tốc", "cùng chiều với vectơ vận tốc",
     ["ngược chiều với vectơ vận tốc", "vuông góc với vectơ vận tốc", "luôn bằng không"],
     "Bài 9", 1, "biet", "Chuyển động nhanh dần đều: a cùng dấu (cùng chiều) với v."),
    ("Vật rơi tự do có đặc điểm nào sau đây?", "Chuyển động thẳng nhanh dần đều theo phương thẳng đứng, chiều từ trên xuống",
     ["Chuyển động thẳng đều theo phương thẳng đứng", "Chuyển động chậm dần đều theo phương thẳng đứng",
      "Chuyển động có gia tốc phụ thuộc khối lượng của vật"], "Bài 10", 1, "biet",
     "Rơi tự do là chuyển động thẳng nhanh dần đều, phương thẳng đứng, chiều từ trên xuống, gia tốc g như nhau với mọi vật."),
    ("Lực ma sát trượt có độ lớn", "tỉ lệ với độ lớn của áp lực",
     ["tỉ lệ với diện tích tiếp xúc", "tỉ lệ với tốc độ của vật", "không phụ thuộc vật liệu của mặt tiếp xúc"],
     "Bài 18", 1, "biet", "F_mst = μN: tỉ lệ với áp lực, không phụ thuộc diện tích tiếp xúc và tốc độ."),
    ("Moment lực đối với một trục quay được tính bằng", "tích của độ lớn lực và cánh tay đòn",
     ["thương của độ lớn lực và cánh tay đòn", "tích của độ lớn lực và quãng đường", "tích của khối lượng và gia tốc"],
     "Bài 21", 1, "biet", "M = F·d, với d là cánh tay đòn (khoảng cách từ trục quay đến giá của lực)."),
    ("Trong hệ SI, đơn vị của độ cứng lò xo là", "N/m", ["N·m", "kg/m", "J/m²"], "Bài 33", 2, "biet",
     "Từ F = k|Δl| suy ra k có đơn vị N/m."),
    ("Khi một vật chuyển động tròn đều thì", "vectơ gia tốc luôn hướng vào tâm quỹ đạo",
     ["vectơ vận tốc không đổi", "gia tốc bằng không", "vectơ gia tốc cùng hướng với vectơ vận tốc"],
     "Bài 32", 1, "biet", "Chuyển động tròn đều có gia tốc hướng tâm, vận tốc đổi hướng liên tục."),
    ("Thế năng trọng trường của một vật phụ thuộc vào", "độ cao của vật so với mốc thế năng",
     ["tốc độ của vật", "động lượng của vật", "hướng chuyển động của vật"], "Bài 25", 2, "biet",
     "Wt = mgh: phụ thuộc khối lượng và độ cao so với mốc thế năng."),
    ("Khi chỉ có trọng lực tác dụng lên vật (bỏ qua mọi lực cản) thì", "cơ năng của vật được bảo toàn",
     ["động năng của vật được bảo toàn", "thế năng của vật được bảo toàn", "động lượng của vật được bảo toàn"],
     "Bài 26", 2, "biet", "Định luật bảo toàn cơ năng: khi vật chỉ chịu tác dụng của lực thế, cơ năng không đổi."),
]  # fmt: skip


def t_ly10_toc_do(r):
    kind = r.choice(["doi", "tb", "tb", "cong"])
    if kind == "doi":
        kmh = r.choice([18, 27, 36, 45, 54, 63, 72, 81, 90, 108, 126, 144])
        ms = Fraction(kmh * 10, 36)
        stem = f"Một ô tô chuyển động với tốc độ {kmh} km/h. Tốc độ này bằng"
        wrong = [Fraction(kmh * 36, 10), Fraction(kmh, 10), ms * 2, ms + 5]
        sol = _sol("Đổi đơn vị: " + _mx(r"1\ \text{km/h} = \dfrac{1000\ \text{m}}{3600\ \text{s}} = \dfrac{1}{3{,}6}\ \text{m/s}") + ", nên "
                   + _mx(r"v = \dfrac{<k>}{3{,}6} = <v>\ \text{m/s}", k=kmh, v=_tn(ms)) + ".")  # fmt: skip
        q_ = _sc(r, stem, _u(ms, "m/s"), [_u(w, "m/s", 1) for w in wrong], sol)
        return _it(q_, "vat-ly", 10, "Bài 5", 1, "biet")
    if kind == "tb":
        s1, s2 = r.randint(10, 80), r.randint(10, 80)
        v1, v2 = r.choice([30, 40, 45, 50, 60]), r.choice([20, 30, 40, 60, 75, 80])
        if v1 == v2:
            return None
        t = Fraction(s1, v1) + Fraction(s2, v2)
        vtb = (s1 + s2) / t
        stem = (
            f"Một xe máy đi {s1} km đầu với tốc độ {v1} km/h, sau đó đi tiếp {s2} km với tốc độ "
            f"{v2} km/h. Tính tốc độ trung bình của xe trên cả quãng đường (đơn vị: km/h, làm tròn "
            "kết quả đến hàng phần mười)."
        )
        sol = _sol(
            _mx(r"t = \dfrac{<a>}{<b>} + \dfrac{<c>}{<d>} \approx <t>\ \text{h}", a=s1, b=v1, c=s2, d=v2, t=_tn(t, 3)) + "; "
            + _mx(r"v_{tb} = \dfrac{s_1 + s_2}{t} \approx <v>\ \text{km/h}", v=_tn(vtb, 1)) + "."
        )  # fmt: skip
        return _it(_sn(stem, vtb, sol, 1), "vat-ly", 10, "Bài 5", 1, "hieu")
    vb, vw = r.randint(10, 30), r.randint(1, 5)
    d = r.randint(10, 60)
    down = r.random() < 0.5
    v = vb + vw if down else vb - vw
    t = Fraction(d, v)
    way = "xuôi dòng" if down else "ngược dòng"
    stem = (
        f"Một ca nô có tốc độ {vb} km/h so với nước, nước chảy với tốc độ {vw} km/h so với bờ. Ca "
        f"nô chạy {way} quãng đường {d} km. Tính thời gian ca nô đi hết quãng đường đó "
        "(đơn vị: giờ, làm tròn kết quả đến hàng phần mười)."
    )
    sol = _sol(
        "Công thức cộng vận tốc: " + _mx(r"v = <a> <s> <b> = <v>\ \text{km/h}", a=vb, s="+" if down else "-", b=vw, v=v)
        + "; " + _mx(r"t = \dfrac{<d>}{<v>} \approx <t>\ \text{h}", d=d, v=v, t=_tn(t, 1)) + "."
    )  # fmt: skip
    return _it(_sn(stem, t, sol, 1), "vat-ly", 10, "Bài 5", 3, "van_dung")


def t_ly10_bien_doi_deu(r):
    kind = r.choice(["v", "s", "phanh", "phanh"])
    if kind in ("v", "s"):
        v0 = r.choice([0, 0, 2, 4, 5, 10])
        a = r.choice([Fraction(1, 2), 1, Fraction(3, 2), 2, Fraction(5, 2), 3])
        t = r.randint(2, 12)
        v = v0 + a * t
        s = v0 * t + a * t * t / 2
        start = (
            "xuất phát từ trạng thái nghỉ"
            if v0 == 0
            else f"đang chuyển động với tốc độ {v0} m/s thì"
        )
        stem = f"Một ô tô {start} chuyển động thẳng nhanh dần đều với gia tốc {_u(a, 'm/s²')}. "
        if kind == "v":
            stem += f"Tính tốc độ của ô tô sau {t} s (đơn vị: m/s)."
            sol = _sol(
                _mx(
                    r"v = v_0 + at = <v0> + <a>\cdot <t> = <v>\ \text{m/s}",
                    v0=v0,
                    a=_tn(a),
                    t=t,
                    v=_tn(v),
                )
                + "."
            )
            return _it(_sn(stem, v, sol, 1), "vat-ly", 10, "Bài 9", 3, "biet")
        stem += f"Tính quãng đường ô tô đi được trong {t} s đầu (đơn vị: m)."
        sol = _sol(
            _mx(
                r"s = v_0t + \dfrac{1}{2}at^2 = <v0>\cdot <t> + \dfrac{1}{2}\cdot <a>\cdot <t>^2 = <s>\ \text{m}",
                v0=v0,
                t=t,
                a=_tn(a),
                s=_tn(s),
            )
            + "."
        )
        return _it(_sn(stem, s, sol, 1), "vat-ly", 10, "Bài 9", 3, "hieu")
    kmh = r.choice([36, 54, 72, 90, 108])
    v0 = Fraction(kmh * 10, 36)
    s = r.choice([20, 25, 40, 50, 75, 100])
    a = -v0 * v0 / (2 * s)
    t = -v0 / a
    if r.random() < 0.5:
        stem = (
            f"Một ô tô đang chạy với tốc độ {kmh} km/h thì hãm phanh, chuyển động chậm dần đều và "
            f"dừng lại sau khi đi thêm {s} m. Tính độ lớn gia tốc của ô tô (đơn vị: m/s², làm tròn "
            "kết quả đến hàng phần mười)."
        )
        sol = _sol(
            _mx(r"v_0 = <v>\ \text{m/s}", v=_tn(v0)) + "; " + _mx(r"v^2 - v_0^2 = 2as \Rightarrow a = -\dfrac{v_0^2}{2s} = -\dfrac{<v>^2}{2\cdot <s>} \approx <a>\ \text{m/s}^2", v=_tn(v0), s=s, a=_tn(a, 2))
            + "; độ lớn gia tốc " + _mx(r"\approx <a>\ \text{m/s}^2", a=_tn(-a, 1)) + "."
        )  # fmt: skip
        return _it(_sn(stem, -a, sol, 1), "vat-ly", 10, "Bài 9", 3, "van_dung")
    stem = (
        f"Một ô tô đang chạy với tốc độ {kmh} km/h thì hãm phanh, chuyển động chậm dần đều và "
        f"dừng lại sau khi đi thêm {s} m. Tính thời gian hãm phanh (đơn vị: s, làm tròn kết quả đến "
        "hàng phần mười)."
    )
    sol = _sol(
        _mx(r"a = -\dfrac{v_0^2}{2s} \approx <a>\ \text{m/s}^2", a=_tn(a, 3)) + "; "
        + _mx(r"t = \dfrac{0 - v_0}{a} \approx <t>\ \text{s}", t=_tn(t, 1)) + "."
    )  # fmt: skip
    return _it(_sn(stem, t, sol, 1), "vat-ly", 10, "Bài 9", 3, "van_dung")


def t_ly10_bien_doi_deu_tf(r):
    v0 = r.choice([0, 2, 3, 4, 5])
    a = r.choice([1, 2, 3, Fraction(1, 2)])
    t = r.randint(3, 8)
    truth = _mix(r)
    v = v0 + a * t
    s = v0 * t + a * t * t / 2
    statements = [
        ("Vật chuyển động thẳng " + ("nhanh" if truth[0] else "chậm") + " dần đều.", truth[0]),
        (f"Gia tốc của vật là {_u(a if truth[1] else 2 * a, 'm/s²')}.", truth[1]),
        (
            f"Tốc độ của vật tại thời điểm t = {t} s là {_u(v if truth[2] else v + a, 'm/s')}.",
            truth[2],
        ),
        (
            f"Quãng đường vật đi được trong {t} s đầu là {_u(s if truth[3] else v * t, 'm')}.",
            truth[3] or v * t == s,
        ),
    ]
    if not truth[3] and v * t == s:
        return None
    eq = _m("v = " + _poly([a, v0], "t")) + " (m/s)"
    stem = (
        f"Một vật chuyển động thẳng có phương trình vận tốc {eq}, với "
        + _m("t")
        + " tính bằng giây. Xét tính đúng, sai của các phát biểu sau."
    )
    sol = _sol(
        "Đối chiếu với " + _m("v = v_0 + at") + ": " + _mx(r"v_0 = <v0>\ \text{m/s}", v0=v0) + ", "
        + _mx(r"a = <a>\ \text{m/s}^2", a=_tn(a)) + " (cùng dấu với v nên nhanh dần đều).",
        _mx(r"v(<t>) = <v>\ \text{m/s}", t=t, v=_tn(v)) + "; " + _mx(r"s = v_0t + \dfrac{at^2}{2} = <s>\ \text{m}", s=_tn(s)) + ".",
    )  # fmt: skip
    return _it(_tf(stem, statements, sol), "vat-ly", 10, "Bài 9", 3, "hieu")


def t_ly10_roi_tu_do(r):
    g = r.choice([10, Fraction(98, 10)])
    h = r.choice([5, 10, 20, 45, 80, 125, 15, 30, 60, 100])
    t = math.sqrt(2 * h / float(g))
    v = float(g) * t
    gt = _tn(g)
    if r.random() < 0.5:
        stem = f"Một vật được thả rơi tự do từ độ cao {h} m so với mặt đất. Lấy g = {_vn(g)} m/s². Tính thời gian rơi của vật (đơn vị: s, làm tròn kết quả đến hàng phần mười)."
        sol = _sol(
            _mx(
                r"h = \dfrac{1}{2}gt^2 \Rightarrow t = \sqrt{\dfrac{2h}{g}} = \sqrt{\dfrac{2\cdot <h>}{<g>}} \approx <t>\ \text{s}",
                h=h,
                g=gt,
                t=_tn(t, 2),
            )
            + "."
        )
        return _it(_sn(stem, t, sol, 1), "vat-ly", 10, "Bài 10", 2, "hieu")
    stem = f"Một vật được thả rơi tự do từ độ cao {h} m so với mặt đất. Lấy g = {_vn(g)} m/s². Tính tốc độ của vật ngay trước khi chạm đất (đơn vị: m/s, làm tròn kết quả đến hàng phần mười)."
    sol = _sol(
        _mx(
            r"v = \sqrt{2gh} = \sqrt{2\cdot <g>\cdot <h>} \approx <v>\ \text{m/s}",
            g=gt,
            h=h,
            v=_tn(v, 2),
        )
        + "."
    )
    return _it(_sn(stem, v, sol, 1), "vat-ly", 10, "Bài 10", 2, "hieu")


def t_ly10_nem_ngang(r):
    h = r.choice([5, 20, 45, 80, 1.25, 3.2, 7.2, 11.25])
    v0 = r.randint(2, 20)
    t = math.sqrt(2 * h / 10)
    L = v0 * t
    stem = (
        f"Từ độ cao {_vn(h)} m so với mặt đất, một vật được ném theo phương ngang với tốc độ ban đầu "
        f"{v0} m/s. Bỏ qua sức cản của không khí, lấy g = 10 m/s². Tính tầm xa của vật (đơn vị: m, "
        "làm tròn kết quả đến hàng phần mười)."
    )
    sol = _sol(
        _mx(r"t = \sqrt{\dfrac{2h}{g}} = <t>\ \text{s}", t=_tn(t, 3)) + "; "
        + _mx(r"L = v_0t = <v>\cdot <t> = <L>\ \text{m}", v=v0, t=_tn(t, 3), L=_tn(L, 2)) + "."
    )  # fmt: skip
    return _it(_sn(stem, L, sol, 1), "vat-ly", 10, "Bài 12", 1, "van_dung")


def t_ly10_newton(r):
    kind = r.choice(["a", "F", "ma_sat", "ma_sat"])
    m = r.choice([2, 4, 5, 8, 10, 20, 50, 0.5, 1.5])
    if kind == "a":
        F = r.randint(2, 40)
        a = Fraction(F) / Fraction(str(m))
        stem = f"Một lực không đổi có độ lớn {F} N tác dụng vào vật có khối lượng {_vn(m)} kg đang đứng yên trên mặt phẳng nằm ngang nhẵn. Gia tốc của vật có độ lớn là"
        sol = _sol(
            _mx(
                r"a = \dfrac{F}{m} = \dfrac{<F>}{<m>} = <a>\ \text{m/s}^2",
                F=F,
                m=_tn(m),
                a=_tn(a, 2),
            )
            + "."
        )
        wrong = [Fraction(F) * Fraction(str(m)), Fraction(str(m)) / F, a * 2, a + 1]
        q_ = _sc(r, stem, _u(a, "m/s²", 2), [_u(w, "m/s²", 2) for w in wrong], sol)
        return _it(q_, "vat-ly", 10, "Bài 15", 1, "biet")
    if kind == "F":
        v0, v1, t = r.choice([0, 2, 5]), r.choice([10, 12, 15, 20]), r.randint(2, 10)
        mass = r.choice([500, 800, 1000, 1200, 1500])
        a = Fraction(v1 - v0, t)
        F = mass * a
        stem = (
            f"Một ô tô khối lượng {mass} kg tăng tốc đều từ {v0} m/s lên {v1} m/s trong {t} s. Bỏ qua "
            "ma sát và lực cản. Tính độ lớn hợp lực tác dụng lên ô tô (đơn vị: N, làm tròn kết quả đến hàng đơn vị)."
        )
        sol = _sol(
            _mx(r"a = \dfrac{v - v_0}{t} = \dfrac{<v1> - <v0>}{<t>} \approx <a>\ \text{m/s}^2", v1=v1, v0=v0, t=t, a=_tn(a, 3))
            + "; " + _mx(r"F = ma \approx <F>\ \text{N}", F=_tn(F, 0)) + "."
        )  # fmt: skip
        return _it(_sn(stem, F, sol), "vat-ly", 10, "Bài 15", 1, "hieu")
    mu = r.choice(
        [Fraction(1, 10), Fraction(2, 10), Fraction(25, 100), Fraction(3, 10), Fraction(5, 100)]
    )
    F = r.randint(5, 60)
    mm = Fraction(str(m))
    a = (F - mu * mm * 10) / mm
    if a <= 0:
        return None
    stem = (
        f"Một vật khối lượng {_vn(m)} kg được kéo trên mặt sàn nằm ngang bởi lực {F} N có phương song song "
        f"với mặt sàn. Hệ số ma sát trượt giữa vật và sàn là {_vn(mu)}, lấy g = 10 m/s². Tính gia tốc "
        "của vật (đơn vị: m/s², làm tròn kết quả đến hàng phần mười)."
    )
    sol = _sol(
        _mx(r"F_{ms} = \mu mg = <mu>\cdot <m>\cdot 10 = <f>\ \text{N}", mu=_tn(mu), m=_tn(m), f=_tn(mu * mm * 10)) + "; "
        + _mx(r"a = \dfrac{F - F_{ms}}{m} \approx <a>\ \text{m/s}^2", a=_tn(a, 2)) + "."
    )  # fmt: skip
    return _it(_sn(stem, a, sol, 1), "vat-ly", 10, "Bài 18", 2, "van_dung")


def t_ly10_moment(r):
    d1, d2 = r.randint(10, 80), r.randint(10, 80)
    F1 = r.randint(20, 300)
    F2 = Fraction(F1 * d1, d2)
    stem = (
        f"Một thanh cứng nhẹ có thể quay quanh một trục cố định. Lực {_m('F_1')} = {F1} N tác dụng lên "
        f"thanh với cánh tay đòn {d1} cm. Để thanh cân bằng, cần tác dụng lực {_m('F_2')} có cánh tay đòn "
        f"{d2} cm làm thanh có xu hướng quay theo chiều ngược lại. Tính độ lớn của {_m('F_2')} (đơn vị: N, "
        "làm tròn kết quả đến hàng phần mười)."
    )
    sol = _sol(
        "Quy tắc moment: "
        + _mx(
            r"F_1d_1 = F_2d_2 \Rightarrow F_2 = \dfrac{<F>\cdot <a>}{<b>} \approx <v>\ \text{N}",
            F=F1,
            a=d1,
            b=d2,
            v=_tn(F2, 1),
        )
        + "."
    )
    return _it(_sn(stem, F2, sol, 1), "vat-ly", 10, "Bài 21", 2, "hieu")


def t_ly10_cong(r):
    kind = r.choice(["A", "P", "Pv", "A"])
    if kind == "A":
        F = r.randint(10, 200)
        s = r.randint(2, 50)
        alpha = r.choice([0, 30, 45, 60, 90, 120])
        A = F * s * math.cos(math.radians(alpha))
        stem = (
            f"Một người kéo một thùng hàng bằng lực {F} N hợp với phương ngang góc {alpha}°, thùng dịch "
            f"chuyển {s} m theo phương ngang. Tính công của lực kéo (đơn vị: J, làm tròn kết quả đến "
            "hàng đơn vị)."
        )
        sol = _sol(
            _mx(
                r"A = Fs\cos\alpha = <F>\cdot <s>\cdot\cos <a>^\circ \approx <v>\ \text{J}",
                F=F,
                s=s,
                a=alpha,
                v=_tn(A, 0),
            )
            + "."
        )
        return _it(_sn(stem, A, sol), "vat-ly", 10, "Bài 23", 2, "hieu" if alpha else "biet")
    if kind == "P":
        m, h, t = r.choice([20, 50, 100, 200, 500]), r.randint(3, 30), r.randint(5, 60)
        P = Fraction(m * 10 * h, t)
        stem = (
            f"Một cần cẩu nâng đều một kiện hàng khối lượng {m} kg lên cao {h} m trong {t} s. Lấy g = 10 m/s². "
            "Tính công suất của cần cẩu (đơn vị: W, làm tròn kết quả đến hàng đơn vị)."
        )
        sol = _sol(_mx(r"A = mgh = <m>\cdot 10\cdot <h> = <A>\ \text{J}", m=m, h=h, A=m * 10 * h) + "; "
                   + _mx(r"P = \dfrac{A}{t} \approx <P>\ \text{W}", P=_tn(P, 0)) + ".")  # fmt: skip
        return _it(_sn(stem, P, sol), "vat-ly", 10, "Bài 24", 1, "hieu")
    F = r.randint(500, 4000)
    kmh = r.choice([36, 54, 72, 90])
    v = Fraction(kmh * 10, 36)
    P = F * v / 1000
    stem = (
        f"Một ô tô chuyển động thẳng đều với tốc độ {kmh} km/h, lực kéo của động cơ là {F} N. Tính "
        "công suất của động cơ (đơn vị: kW, làm tròn kết quả đến hàng phần mười)."
    )
    sol = _sol(
        _mx(r"P = Fv = <F>\cdot <v> = <P>\ \text{W}", F=F, v=_tn(v), P=_tn(F * v))
        + " ≈ "
        + _vn(P, 1)
        + " kW."
    )
    return _it(_sn(stem, P, sol, 1), "vat-ly", 10, "Bài 24", 2, "hieu")


def t_ly10_nang_luong(r):
    kind = r.choice(["Wd", "Wt", "v", "tf"])
    m = r.choice([0.2, 0.5, 1, 2, 5, 10, 50])
    if kind == "Wd":
        v = r.randint(2, 30)
        W = 0.5 * m * v * v
        stem = (
            f"Một vật khối lượng {_vn(m)} kg chuyển động với tốc độ {v} m/s. Động năng của vật là"
        )
        sol = _sol(
            _mx(
                r"W_đ = \dfrac{1}{2}mv^2 = \dfrac{1}{2}\cdot <m>\cdot <v>^2 = <W>\ \text{J}",
                m=_tn(m),
                v=v,
                W=_tn(W),
            )
            + "."
        )
        wrong = [m * v * v, 0.5 * m * v, m * v, W / 2]
        q_ = _sc(r, stem, _u(W, "J", 2), [_u(w, "J", 2) for w in wrong], sol)
        return _it(q_, "vat-ly", 10, "Bài 25", 1, "biet")
    if kind == "Wt":
        h = r.randint(2, 40)
        W = m * 10 * h
        stem = f"Một vật khối lượng {_vn(m)} kg ở độ cao {h} m so với mặt đất. Chọn mốc thế năng tại mặt đất, lấy g = 10 m/s². Tính thế năng trọng trường của vật (đơn vị: J)."
        sol = _sol(
            _mx(r"W_t = mgh = <m>\cdot 10\cdot <h> = <W>\ \text{J}", m=_tn(m), h=h, W=_tn(W)) + "."
        )
        return _it(_sn(stem, W, sol, 1), "vat-ly", 10, "Bài 25", 2, "biet")
    h = r.choice([0.8, 1.25, 1.8, 3.2, 5, 7.2, 20, 45])
    v = math.sqrt(2 * 10 * h)
    if kind == "v":
        stem = (
            f"Một vật nhỏ trượt không ma sát, không vận tốc đầu từ đỉnh một máng nghiêng có độ cao {_vn(h)} m. "
            "Lấy g = 10 m/s². Tính tốc độ của vật tại chân máng (đơn vị: m/s)."
        )
        sol = _sol(
            "Bảo toàn cơ năng: "
            + _mx(
                r"mgh = \dfrac{1}{2}mv^2 \Rightarrow v = \sqrt{2gh} = \sqrt{2\cdot 10\cdot <h>} = <v>\ \text{m/s}",
                h=_tn(h),
                v=_tn(v, 2),
            )
            + "."
        )
        return _it(_sn(stem, v, sol, 1), "vat-ly", 10, "Bài 26", 2, "hieu")
    truth = _mix(r)
    W = m * 10 * h
    statements = [
        ("Cơ năng của vật bằng " + _u(W if truth[0] else W / 2, "J", 2) + ".", truth[0]),
        ("Khi rơi xuống, thế năng của vật " + ("giảm" if truth[1] else "tăng") + " còn động năng " + ("tăng" if truth[1] else "giảm") + ".", truth[1]),
        ("Tốc độ của vật ngay trước khi chạm đất là " + _u(v if truth[2] else 2 * 10 * h, "m/s", 1) + ".", truth[2]),
        ("Tại độ cao " + _vn(h / 2) + " m, động năng của vật " + ("bằng" if truth[3] else "gấp đôi") + " thế năng của nó.", truth[3]),
    ]  # fmt: skip
    stem = (
        f"Một vật khối lượng {_vn(m)} kg được thả rơi tự do từ độ cao {_vn(h)} m so với mặt đất. Chọn mốc "
        "thế năng tại mặt đất, lấy g = 10 m/s², bỏ qua sức cản của không khí. Xét tính đúng, sai của các phát biểu sau."
    )
    sol = _sol(
        _mx(r"W = mgh = <W>\ \text{J}", W=_tn(W, 2)) + " và được bảo toàn; " + _mx(r"v = \sqrt{2gh} \approx <v>\ \text{m/s}", v=_tn(v, 2)) + ".",
        "Ở độ cao bằng nửa độ cao ban đầu, thế năng bằng một nửa cơ năng nên động năng bằng thế năng.",
    )  # fmt: skip
    return _it(_tf(stem, statements, sol), "vat-ly", 10, "Bài 26", 2, "van_dung")


def t_ly10_hieu_suat(r):
    m, h, t = r.choice([50, 80, 100, 200, 300]), r.randint(4, 20), r.randint(10, 40)
    P = r.choice([1000, 1500, 2000, 2500, 3000])
    useful = m * 10 * h
    total = P * t
    if useful >= total:
        return None
    H = Fraction(useful * 100, total)
    stem = (
        f"Một động cơ điện có công suất toàn phần {P} W nâng đều một vật khối lượng {m} kg lên cao {h} m "
        f"trong {t} s. Lấy g = 10 m/s². Tính hiệu suất của động cơ (đơn vị: %, làm tròn kết quả đến hàng đơn vị)."
    )
    sol = _sol(
        _mx(
            r"H = \dfrac{A_{ci}}{A_{tp}} = \dfrac{mgh}{Pt} = \dfrac{<u>}{<tot>} \approx <H>\%",
            u=useful,
            tot=total,
            H=_tn(H, 0),
        )
        + "."
    )
    return _it(_sn(stem, H, sol), "vat-ly", 10, "Bài 27", 2, "van_dung")


def t_ly10_dong_luong(r):
    if r.random() < 0.4:
        m = r.choice([0.1, 0.2, 0.5, 2, 5, 1000, 1500])
        v = r.randint(2, 30)
        p = m * v
        stem = f"Một vật khối lượng {_vn(m)} kg chuyển động với tốc độ {v} m/s. Độ lớn động lượng của vật là"
        sol = _sol(
            _mx(r"p = mv = <m>\cdot <v> = <p>\ \text{kg}\cdot\text{m/s}", m=_tn(m), v=v, p=_tn(p))
            + "."
        )
        wrong = [0.5 * m * v * v, m / v, p * 2, m * v * v]
        q_ = _sc(r, stem, _u(p, "kg·m/s", 2), [_u(w, "kg·m/s", 2) for w in wrong], sol)
        return _it(q_, "vat-ly", 10, "Bài 28", 1, "biet")
    m1, m2 = r.choice([1, 2, 3, 0.5]), r.choice([1, 2, 4, 0.5, 1.5])
    v1, v2 = r.randint(2, 10), r.choice([0, 0, 1, 2, -2, -1])
    v = (m1 * v1 + m2 * v2) / (m1 + m2)
    moving = (
        "đang đứng yên"
        if v2 == 0
        else f"đang chuyển động {'cùng' if v2 > 0 else 'ngược'} chiều với tốc độ {abs(v2)} m/s"
    )
    stem = (
        f"Vật thứ nhất khối lượng {_vn(m1)} kg chuyển động với tốc độ {v1} m/s đến va chạm mềm với vật thứ hai "
        f"khối lượng {_vn(m2)} kg {moving}. Sau va chạm hai vật dính vào nhau và chuyển động cùng tốc độ. Tính "
        "tốc độ của hai vật ngay sau va chạm (đơn vị: m/s, làm tròn kết quả đến hàng phần mười)."
    )
    sol = _sol(
        "Bảo toàn động lượng: "
        + _mx(
            r"m_1v_1 + m_2v_2 = (m_1 + m_2)v \Rightarrow v = \dfrac{<a>\cdot <b> + <c>\cdot <d>}{<a> + <c>} \approx <v>\ \text{m/s}",
            a=_tn(m1),
            b=v1,
            c=_tn(m2),
            d=_p(v2),
            v=_tn(v, 2),
        )
        + "."
    )
    return _it(_sn(stem, abs(v), sol, 1), "vat-ly", 10, "Bài 29", 2, "van_dung")


def t_ly10_tron(r):
    kind = r.choice(["omega", "aht", "Fht"])
    if kind == "omega":
        T = r.choice([0.5, 1, 2, 4, 5, 10, 0.2])
        omega = 2 * math.pi / T
        stem = f"Một vật chuyển động tròn đều với chu kì {_vn(T)} s. Tính tốc độ góc của vật (đơn vị: rad/s, làm tròn kết quả đến hàng phần mười)."
        sol = _sol(
            _mx(
                r"\omega = \dfrac{2\pi}{T} = \dfrac{2\pi}{<T>} \approx <w>\ \text{rad/s}",
                T=_tn(T),
                w=_tn(omega, 2),
            )
            + "."
        )
        return _it(_sn(stem, omega, sol, 1), "vat-ly", 10, "Bài 31", 2, "biet")
    v = r.randint(2, 30)
    R = r.choice([0.5, 1, 2, 5, 10, 20, 50, 100])
    a = v * v / R
    if kind == "aht":
        stem = f"Một chất điểm chuyển động tròn đều trên quỹ đạo bán kính {_vn(R)} m với tốc độ {v} m/s. Tính độ lớn gia tốc hướng tâm (đơn vị: m/s², làm tròn kết quả đến hàng phần mười)."
        sol = _sol(
            _mx(
                r"a_{ht} = \dfrac{v^2}{r} = \dfrac{<v>^2}{<R>} = <a>\ \text{m/s}^2",
                v=v,
                R=_tn(R),
                a=_tn(a, 2),
            )
            + "."
        )
        return _it(_sn(stem, a, sol, 1), "vat-ly", 10, "Bài 32", 1, "hieu")
    m = r.choice([0.1, 0.2, 0.5, 1, 2])
    F = m * a
    stem = f"Một vật khối lượng {_vn(m)} kg chuyển động tròn đều trên quỹ đạo bán kính {_vn(R)} m với tốc độ {v} m/s. Tính độ lớn lực hướng tâm tác dụng lên vật (đơn vị: N, làm tròn kết quả đến hàng phần mười)."
    sol = _sol(
        _mx(
            r"F_{ht} = m\dfrac{v^2}{r} = <m>\cdot\dfrac{<v>^2}{<R>} = <F>\ \text{N}",
            m=_tn(m),
            v=v,
            R=_tn(R),
            F=_tn(F, 2),
        )
        + "."
    )
    return _it(_sn(stem, F, sol, 1), "vat-ly", 10, "Bài 32", 2, "hieu")


def t_ly10_hooke_ap_suat(r):
    if r.random() < 0.5:
        k = r.choice([20, 40, 50, 80, 100, 200, 250, 400])
        m = r.choice([0.1, 0.2, 0.25, 0.4, 0.5, 1])
        dl = m * 10 / k * 100
        stem = f"Một lò xo nhẹ có độ cứng {k} N/m, đầu trên cố định. Treo vào đầu dưới một vật khối lượng {_vn(m)} kg, lấy g = 10 m/s². Khi vật cân bằng, lò xo dãn bao nhiêu xentimét?"
        sol = _sol(
            "Khi cân bằng: "
            + _mx(
                r"k\Delta l = mg \Rightarrow \Delta l = \dfrac{mg}{k} = \dfrac{<m>\cdot 10}{<k>} = <d>\ \text{m}",
                m=_tn(m),
                k=k,
                d=_tn(dl / 100, 4),
            )
            + " = "
            + _vn(dl, 2)
            + " cm."
        )
        return _it(_sn(stem, dl, sol, 1), "vat-ly", 10, "Bài 33", 2, "hieu")
    h = r.choice([2, 5, 8, 10, 15, 20, 30, 50])
    rho = r.choice([1000, 1030])
    dp = rho * 10 * h / 1000
    liquid = "nước" if rho == 1000 else "nước biển"
    stem = (
        f"Một thợ lặn ở độ sâu {h} m dưới mặt {liquid}. Khối lượng riêng của {liquid} là {rho} kg/m³, lấy "
        f"g = 10 m/s². Áp suất do cột {liquid} gây ra tại độ sâu đó bằng bao nhiêu kPa?"
    )
    sol = _sol(
        _mx(
            r"\Delta p = \rho gh = <r>\cdot 10\cdot <h> = <p>\ \text{Pa}",
            r=rho,
            h=h,
            p=rho * 10 * h,
        )
        + " = "
        + _vn(dp)
        + " kPa."
    )
    return _it(_sn(stem, dp, sol, 1), "vat-ly", 10, "Bài 34", 2, "hieu")


def t_ly10_group_vt(r):
    a = r.choice([Fraction(1, 2), 1, Fraction(3, 2), 2, Fraction(5, 2)])
    v0 = r.choice([0, 1, 2, 3, 4, 5])
    step = r.choice([1, 2])
    times = [i * step for i in range(6)]
    vs = [v0 + a * t for t in times]
    row_t = "".join(f"<td>{t}</td>" for t in times)
    row_v = "".join(f"<td>{_vn(v)}</td>" for v in vs)
    vehicle = r.choice(["xe đạp điện", "ô tô đồ chơi chạy pin", "xe lăn trên máng ngang", "xe máy"])
    stimulus = (
        f"<p>Một nhóm học sinh đo tốc độ của một {vehicle} chuyển động thẳng theo một chiều ở các thời "
        "điểm khác nhau và ghi lại kết quả trong bảng sau:</p>"
        f"<table><tbody><tr><th>t (s)</th>{row_t}</tr><tr><th>v (m/s)</th>{row_v}</tr></tbody></table>"
    )
    T = times[-1]
    s = v0 * T + a * T * T / 2
    truth = _mix(r)
    q1 = _sn(
        f"Từ bảng số liệu về {vehicle} (tốc độ ban đầu {_vn(v0)} m/s), tính gia tốc của xe (đơn vị: m/s²).",
        a,
        _sol(
            _mx(
                r"a = \dfrac{\Delta v}{\Delta t} = \dfrac{<v1> - <v0>}{<t>} = <a>\ \text{m/s}^2",
                v1=_tn(vs[1]),
                v0=_tn(vs[0]),
                t=step,
                a=_tn(a),
            )
        ),
        1,
    )
    q2 = _sn(
        f"Tính quãng đường {vehicle} đi được trong {T} s đầu theo bảng số liệu (đơn vị: m).",
        s,
        _sol(
            "Quãng đường bằng diện tích dưới đồ thị v – t: "
            + _mx(
                r"s = \dfrac{(<a> + <b>)\cdot <T>}{2} = <s>\ \text{m}",
                a=_tn(vs[0]),
                b=_tn(vs[-1]),
                T=T,
                s=_tn(s),
            )
        ),
        1,
    )
    statements = [
        (f"Chuyển động của {vehicle} là chuyển động thẳng " + ("nhanh dần đều." if truth[0] else "đều."), truth[0]),
        ("Tốc độ của xe tăng thêm " + _u(a * step if truth[1] else a * step + 1, "m/s") + f" sau mỗi {step} s.", truth[1]),
        ("Phương trình vận tốc của xe là " + _m("v = " + _poly([a if truth[2] else 2 * a, v0], "t")) + " (m/s).", truth[2]),
        (f"Tốc độ trung bình của xe trong {T} s đầu là " + _u(s / T if truth[3] else vs[-1], "m/s") + ".", truth[3]),
    ]  # fmt: skip
    q3 = _tf(f"Dựa vào bảng số liệu về {vehicle} có gia tốc {_vn(a)} m/s², xét tính đúng, sai của các phát biểu sau.", statements,
             _sol("Tốc độ tăng đều theo thời gian nên xe chuyển động thẳng nhanh dần đều với " + _mx(r"a = <a>\ \text{m/s}^2", a=_tn(a)) + "."))  # fmt: skip
    items = [
        _it(q1, "vat-ly", 10, "Bài 8", 1, "biet"),
        _it(q2, "vat-ly", 10, "Bài 9", 1, "hieu"),
        _it(q3, "vat-ly", 10, "Bài 9", 3, "van_dung"),
    ]
    if any(i is None for i in items):
        return None
    return _Group(
        title=f"Bảng số liệu vận tốc – thời gian của {vehicle}", stimulus=stimulus, items=items
    )


def t_ly10_mr(r):
    v0, a = r.choice([2, 3, 4, 5, 6, 10]), r.choice([-2, -1, 1, 2, 3])
    t1 = r.randint(1, 4)
    eq = _m("v = " + _poly([a, v0], "t"))
    options = [
        (f"Tốc độ ban đầu của vật là {v0} m/s.", True),
        (f"Gia tốc của vật là {a} m/s².", True),
        (
            "Tại thời điểm t = 0, vật chuyển động " + ("nhanh" if a > 0 else "chậm") + " dần đều.",
            True,
        ),
        (f"Tại thời điểm t = {t1} s, vận tốc của vật là {v0 + a * t1 + 1} m/s.", False),
        ("Vật chuyển động thẳng đều.", False),
    ]
    chosen = [*options[:2], options[r.choice([2, 3])], options[4]]
    if r.random() < 0.5:
        chosen.append(options[3] if chosen[2] is options[2] else options[2])
    stem = f"Một vật chuyển động thẳng với vận tốc {eq} (m/s; t tính bằng giây). Những phát biểu nào sau đây đúng?"
    sol = _sol("Đối chiếu với " + _m("v = v_0 + at") + ".")
    return _it(_mr(r, stem, chosen, sol), "vat-ly", 10, "Bài 9", 3, "hieu")


def t_ly10_cloze(r):
    h = r.choice([5, 20, 45, 80, 125, 180])
    t = math.isqrt(h // 5)
    stem = (
        f"Một vật được thả rơi tự do từ độ cao {h} m, lấy g = 10 m/s². Thời gian rơi của vật là {{{{1}}}} s "
        "và tốc độ của vật ngay trước khi chạm đất là {{2}} m/s; quãng đường vật rơi trong giây đầu tiên là {{3}} m."
    )
    sol = _sol(
        _mx(
            r"t = \sqrt{\dfrac{2h}{g}} = <t>\ \text{s};\ v = gt = <v>\ \text{m/s};\ s_1 = \dfrac{1}{2}g\cdot 1^2 = 5\ \text{m}",
            t=t,
            v=10 * t,
        )
        + "."
    )
    return _it(_cloze(stem, [_bn(t), _bn(10 * t), _bn(5)], sol), "vat-ly", 10, "Bài 10", 2, "hieu")


def t_ly10_order(r):
    bodies = []
    names = ["Vật 1", "Vật 2", "Vật 3", "Vật 4"]
    for name in names:
        m, v = r.choice([0.5, 1, 2, 3, 4, 5]), r.randint(1, 10)
        bodies.append((0.5 * m * v * v, name, m, v))
    if len({b[0] for b in bodies}) < 4:
        return None
    listed = "; ".join(f"{n}: m = {_vn(m)} kg, v = {v} m/s" for _, n, m, v in bodies)
    bodies.sort()
    stem = f"Sắp xếp các vật sau theo thứ tự động năng tăng dần: {listed}."
    sol = _sol(
        "; ".join(f"{n}: " + _mx(r"W_đ = <w>\ \text{J}", w=_tn(w)) for w, n, _, _ in bodies) + "."
    )
    return _it(_order(stem, [n for _, n, _, _ in bodies], sol), "vat-ly", 10, "Bài 25", 1, "hieu")


def t_ly10_essay(r):
    m = r.choice([2, 4, 5, 10])
    F = r.randint(10, 40)
    mu = r.choice([Fraction(1, 10), Fraction(2, 10)])
    t = r.randint(2, 6)
    a = (F - mu * m * 10) / m
    if a <= 0:
        return None
    v = a * t
    s = a * t * t / 2
    stem = (
        f"Một vật khối lượng {m} kg đang đứng yên trên sàn nằm ngang thì được kéo bằng lực {F} N theo phương ngang. "
        f"Hệ số ma sát trượt giữa vật và sàn là {_vn(mu)}, lấy g = 10 m/s². a) Vẽ hình, biểu diễn các lực tác dụng "
        f"lên vật. b) Tính gia tốc của vật. c) Tính tốc độ và quãng đường vật đi được sau {t} s."
    )
    guide = [
        ("a) Biểu diễn đúng trọng lực, phản lực, lực kéo và lực ma sát", 0.5),
        ("b) Viết định luật 2 Newton, chiếu đúng: " + _m(r"F - \mu mg = ma"), 0.5),
        ("b) Tính đúng " + _mx(r"a = <a>\ \text{m/s}^2", a=_tn(a, 2)), 0.5),
        ("c) " + _mx(r"v = at = <v>\ \text{m/s}", v=_tn(v, 2)) + "; " + _mx(r"s = \dfrac{at^2}{2} = <s>\ \text{m}", s=_tn(s, 2)), 0.5),
    ]  # fmt: skip
    return _it(_essay(stem, guide), "vat-ly", 10, "Bài 20", 1, "van_dung")


def t_ly10_match(r):
    pairs = [
        ("Công", "jun (J)"), ("Công suất", "oát (W)"), ("Lực", "niutơn (N)"), ("Áp suất", "paxcan (Pa)"),
        ("Động lượng", "kg·m/s"), ("Tốc độ góc", "rad/s"), ("Gia tốc", "m/s²"), ("Độ cứng lò xo", "N/m"),
    ]  # fmt: skip
    chosen = r.sample(pairs, 5)
    stem = (
        "Ghép mỗi đại lượng cơ học ở cột trái với đơn vị đo tương ứng trong hệ SI ở cột phải: "
        + ", ".join(p for p, _ in chosen)
        + "."
    )
    return _it(_match(r, stem, chosen), "vat-ly", 10, "Bài 15", 3, "biet")


def _ly10_plan():
    return [
        (_facts_template(_LY10_FACTS, "vat-ly", 10), 12),
        (t_ly10_toc_do, 12),
        (t_ly10_bien_doi_deu, 12),
        (t_ly10_bien_doi_deu_tf, 5),
        (t_ly10_roi_tu_do, 8),
        (t_ly10_nem_ngang, 5),
        (t_ly10_newton, 12),
        (t_ly10_moment, 5),
        (t_ly10_cong, 10),
        (t_ly10_nang_luong, 12),
        (t_ly10_hieu_suat, 5),
        (t_ly10_dong_luong, 8),
        (t_ly10_tron, 8),
        (t_ly10_hooke_ap_suat, 8),
        (t_ly10_group_vt, 2),
        (t_ly10_mr, 4),
        (t_ly10_cloze, 4),
        (t_ly10_order, 4),
        (t_ly10_essay, 3),
        (t_ly10_match, 3),
    ]


_LY11_FACTS = [
    ("Trong dao động điều hoà, gia tốc của vật", "luôn hướng về vị trí cân bằng và có độ lớn tỉ lệ với độ lớn li độ",
     ["luôn cùng chiều với vận tốc", "có độ lớn không đổi", "luôn hướng ra xa vị trí cân bằng"],
     "Bài 3", 3, "biet", "a = −ω²x: gia tốc luôn ngược dấu với li độ, tức hướng về vị trí cân bằng."),
    ("Khi xảy ra hiện tượng cộng hưởng cơ thì", "tần số của lực cưỡng bức bằng tần số dao động riêng của hệ",
     ["biên độ dao động của hệ giảm dần", "tần số dao động của hệ bằng không",
      "lực cưỡng bức ngừng tác dụng"], "Bài 6", 1, "biet",
     "Biên độ dao động cưỡng bức lớn nhất khi tần số lực cưỡng bức bằng tần số riêng."),
    ("Sóng dọc là sóng mà các phần tử môi trường dao động", "theo phương trùng với phương truyền sóng",
     ["theo phương vuông góc với phương truyền sóng", "theo phương thẳng đứng", "theo quỹ đạo tròn"],
     "Bài 9", 1, "biet", "Định nghĩa sóng dọc."),
    ("Trong chân không, các sóng điện từ", "đều truyền với cùng tốc độ c ≈ 3·10⁸ m/s",
     ["truyền với tốc độ tỉ lệ với tần số", "không truyền được", "có cùng bước sóng"],
     "Bài 11", 1, "biet", "Mọi sóng điện từ truyền trong chân không với tốc độ c."),
    ("Trong sóng dừng trên một sợi dây, khoảng cách giữa hai nút sóng liên tiếp bằng", "một nửa bước sóng",
     ["một bước sóng", "một phần tư bước sóng", "hai lần bước sóng"], "Bài 13", 2, "biet",
     "Hai nút liên tiếp cách nhau λ/2."),
    ("Đơn vị của điện dung là", "fara (F)", ["culông (C)", "vôn (V)", "henry (H)"], "Bài 21", 1, "biet",
     "Điện dung C = Q/U đo bằng fara."),
    ("Đơn vị của cường độ điện trường là", "vôn trên mét (V/m)", ["vôn (V)", "niutơn (N)", "culông trên mét (C/m)"],
     "Bài 17", 2, "biet", "E = U/d nên có đơn vị V/m (cũng bằng N/C)."),
    ("Điện trở của một dây dẫn kim loại khi nhiệt độ tăng thì", "tăng",
     ["giảm", "không đổi", "giảm rồi tăng"], "Bài 23", 3, "biet",
     "Nhiệt độ tăng, các ion kim loại dao động mạnh hơn, cản trở chuyển động của electron nhiều hơn."),
    ("Suất điện động của nguồn điện đặc trưng cho", "khả năng thực hiện công của lực lạ bên trong nguồn điện",
     ["khả năng tích điện của nguồn", "điện trở trong của nguồn", "cường độ dòng điện chạy qua nguồn"],
     "Bài 24", 1, "biet", "E = A/q: công của lực lạ khi dịch chuyển một đơn vị điện tích dương bên trong nguồn."),
    ("Theo định luật Coulomb, lực tương tác giữa hai điện tích điểm đứng yên trong chân không",
     "tỉ lệ nghịch với bình phương khoảng cách giữa chúng",
     ["tỉ lệ thuận với khoảng cách giữa chúng", "tỉ lệ nghịch với khoảng cách giữa chúng",
      "không phụ thuộc khoảng cách giữa chúng"], "Bài 16", 1, "biet", "F = k|q₁q₂|/r²."),
]  # fmt: skip


def _omega_tex(k) -> str:
    return r"\pi" if k == 1 else f"{_fx(k)}" + r"\pi"


def t_ly11_dao_dong(r):
    A = r.choice([2, 3, 4, 5, 6, 8, 10, 12])
    k = r.choice([1, 2, 4, 5, 10, Fraction(1, 2), 3])
    phi = r.choice([0, 1, 2, -1, -2, 3, 6])  # φ = π/phi
    phi_tex = {
        0: "",
        1: r" + \pi",
        2: r" + \dfrac{\pi}{2}",
        -1: r" - \pi",
        -2: r" - \dfrac{\pi}{2}",
        3: r" + \dfrac{\pi}{3}",
        6: r" - \dfrac{\pi}{6}",
    }[phi]
    eq = _m(r"x = " + str(A) + r"\cos(" + _omega_tex(k) + " t" + phi_tex + ")")
    omega = float(k) * math.pi
    T = Fraction(2) / Fraction(k)
    f = 1 / T
    intro = f"Một vật dao động điều hoà với phương trình {eq} (x tính bằng cm, t tính bằng s). "
    kind = r.choice(["A", "T", "f", "vmax", "amax", "tf"])
    if kind == "A":
        stem = intro + "Biên độ và tần số góc của dao động lần lượt là"
        key = f"{A} cm và " + _m(_omega_tex(k)) + " rad/s"
        wrong = [f"{2 * A} cm và " + _m(_omega_tex(k)) + " rad/s", f"{A} cm và " + _m(_omega_tex(k * 2)) + " rad/s",
                 f"{A} cm và {_vn(k)} rad/s", f"{A // 2 if A > 2 else A + 1} cm và " + _m(_omega_tex(k)) + " rad/s"]  # fmt: skip
        sol = _sol("Đối chiếu với " + _m(r"x = A\cos(\omega t + \varphi)") + ".")
        return _it(_sc(r, stem, key, wrong, sol), "vat-ly", 11, "Bài 1", 2, "biet")
    if kind == "T":
        stem = intro + "Tính chu kì dao động của vật (đơn vị: s)."
        sol = _sol(
            _mx(
                r"T = \dfrac{2\pi}{\omega} = \dfrac{2\pi}{<w>} = <T>\ \text{s}",
                w=_omega_tex(k),
                T=_tn(T),
            )
            + "."
        )
        return _it(_sn(stem, T, sol, 2), "vat-ly", 11, "Bài 2", 2, "biet")
    if kind == "f":
        stem = intro + "Tính tần số dao động của vật (đơn vị: Hz)."
        sol = _sol(_mx(r"f = \dfrac{\omega}{2\pi} = <f>\ \text{Hz}", f=_tn(f)) + ".")
        return _it(_sn(stem, f, sol, 2), "vat-ly", 11, "Bài 2", 2, "biet")
    if kind == "vmax":
        vmax = omega * A
        stem = (
            intro + "Tính tốc độ cực đại của vật (đơn vị: cm/s, làm tròn kết quả đến hàng đơn vị)."
        )
        sol = _sol(
            _mx(
                r"v_{max} = \omega A = <w>\cdot <A> \approx <v>\ \text{cm/s}",
                w=_omega_tex(k),
                A=A,
                v=_tn(vmax, 1),
            )
            + "."
        )
        return _it(_sn(stem, vmax, sol), "vat-ly", 11, "Bài 3", 2, "hieu")
    if kind == "amax":
        amax = omega * omega * A / 100
        stem = (
            intro
            + "Tính độ lớn gia tốc cực đại của vật (đơn vị: m/s², làm tròn kết quả đến hàng phần mười)."
        )
        sol = _sol(
            _mx(
                r"a_{max} = \omega^2A = (<w>)^2\cdot <A>\ \text{cm/s}^2 \approx <a>\ \text{m/s}^2",
                w=_omega_tex(k),
                A=A,
                a=_tn(amax, 2),
            )
            + "."
        )
        return _it(_sn(stem, amax, sol, 1), "vat-ly", 11, "Bài 3", 3, "hieu")
    truth = _mix(r)
    statements = [
        (f"Biên độ dao động là {A if truth[0] else 2 * A} cm.", truth[0]),
        (
            "Chu kì dao động là " + _u(T if truth[1] else 1 / T, "s", 2) + ".",
            truth[1] or T == 1 / T,
        ),
        (
            "Tốc độ cực đại của vật xấp xỉ "
            + _u(omega * A if truth[2] else omega * A * 2, "cm/s", 1)
            + ".",
            truth[2],
        ),
        (
            "Quãng đường vật đi được trong một chu kì là "
            + _u(4 * A if truth[3] else 2 * A, "cm")
            + ".",
            truth[3],
        ),
    ]
    if not truth[1] and T == 1 / T:
        return None
    stem = intro + "Xét tính đúng, sai của các phát biểu sau."
    sol = _sol(
        _mx(r"A = <A>\ \text{cm};\ T = \dfrac{2\pi}{\omega} = <T>\ \text{s};\ v_{max} = \omega A \approx <v>\ \text{cm/s}", A=A, T=_tn(T), v=_tn(omega * A, 1))
        + "; trong một chu kì vật đi được quãng đường " + _m("4A") + "."
    )  # fmt: skip
    return _it(_tf(stem, statements, sol), "vat-ly", 11, "Bài 4", 1, "van_dung")


def t_ly11_con_lac(r):
    if r.random() < 0.5:
        m = r.choice([0.1, 0.2, 0.25, 0.4, 0.5, 1])
        k = r.choice([10, 20, 25, 40, 50, 100, 200])
        if r.random() < 0.5:
            T = 2 * math.pi * math.sqrt(m / k)
            stem = f"Một con lắc lò xo gồm vật nhỏ khối lượng {_vn(m)} kg và lò xo nhẹ có độ cứng {k} N/m, dao động điều hoà. Tính chu kì dao động của con lắc (đơn vị: s, làm tròn kết quả đến hàng phần trăm)."
            sol = _sol(
                _mx(
                    r"T = 2\pi\sqrt{\dfrac{m}{k}} = 2\pi\sqrt{\dfrac{<m>}{<k>}} \approx <T>\ \text{s}",
                    m=_tn(m),
                    k=k,
                    T=_tn(T, 3),
                )
                + "."
            )
            return _it(_sn(stem, T, sol, 2), "vat-ly", 11, "Bài 2", 2, "hieu")
        A = r.choice([2, 4, 5, 6, 8, 10])
        W = 0.5 * k * (A / 100) ** 2 * 1000
        stem = f"Một con lắc lò xo có độ cứng {k} N/m dao động điều hoà với biên độ {A} cm. Tính cơ năng của con lắc (đơn vị: mJ, làm tròn kết quả đến hàng đơn vị)."
        sol = _sol(
            _mx(
                r"W = \dfrac{1}{2}kA^2 = \dfrac{1}{2}\cdot <k>\cdot <A>^2 = <W>\ \text{J}",
                k=k,
                A=_tn(A / 100),
                W=_tn(W / 1000, 4),
            )
            + " = "
            + _vn(W, 1)
            + " mJ."
        )
        return _it(_sn(stem, W, sol), "vat-ly", 11, "Bài 7", 1, "hieu")
    length = r.choice([0.25, 0.5, 0.64, 0.81, 1, 1.21, 1.44, 2])
    g = r.choice([9.8, 10, 9.81])
    T = 2 * math.pi * math.sqrt(length / g)
    stem = f"Một con lắc đơn có chiều dài dây treo {_vn(length)} m dao động điều hoà tại nơi có gia tốc trọng trường g = {_vn(g)} m/s². Tính chu kì dao động của con lắc (đơn vị: s, làm tròn kết quả đến hàng phần trăm)."
    sol = _sol(
        _mx(
            r"T = 2\pi\sqrt{\dfrac{l}{g}} = 2\pi\sqrt{\dfrac{<l>}{<g>}} \approx <T>\ \text{s}",
            l=_tn(length),
            g=_tn(g),
            T=_tn(T, 3),
        )
        + "."
    )
    return _it(_sn(stem, T, sol, 2), "vat-ly", 11, "Bài 4", 1, "hieu")


def t_ly11_song(r):
    kind = r.choice(["lambda", "v", "giao_thoa", "song_dung", "dien_tu"])
    if kind == "lambda":
        v = r.choice([1.2, 1.5, 2, 3, 340, 330, 1500, 0.6, 0.8])
        f = r.choice([2, 4, 5, 10, 20, 50, 100, 200, 440, 500])
        lam = v / f
        unit, scale = ("cm", 100) if lam < 1 else ("m", 1)
        stem = f"Một sóng cơ có tần số {f} Hz truyền trong một môi trường với tốc độ {_vn(v)} m/s. Tính bước sóng (đơn vị: {unit}, làm tròn kết quả đến hàng phần mười)."
        sol = _sol(
            _mx(
                r"\lambda = \dfrac{v}{f} = \dfrac{<v>}{<f>} = <l>\ \text{m}",
                v=_tn(v),
                f=f,
                l=_tn(lam, 4),
            )
            + (f" = {_vn(lam * 100, 2)} cm." if unit == "cm" else ".")
        )
        return _it(_sn(stem, lam * scale, sol, 1), "vat-ly", 11, "Bài 8", 2, "biet")
    if kind == "v":
        d = r.choice([10, 20, 40, 50, 60, 80])
        n = r.randint(3, 9)
        lam = Fraction(d, n - 1)
        f = Fraction(r.randint(2, 10))
        v = lam * f / 100
        stem = (
            f"Trên mặt nước, một nguồn dao động với tần số {f} Hz tạo ra sóng tròn. Người ta đo được khoảng "
            f"cách giữa {n} gợn lồi liên tiếp là {d} cm. Tính tốc độ truyền sóng (đơn vị: m/s, làm tròn kết "
            "quả đến hàng phần trăm)."
        )
        sol = _sol(
            _mx(
                r"<k>\lambda = <d>\ \text{cm} \Rightarrow \lambda = <l>\ \text{cm};\ v = \lambda f \approx <v>\ \text{m/s}",
                k=n - 1,
                d=d,
                l=_tn(lam, 3),
                v=_tn(v, 2),
            )
            + "."
        )
        return _it(_sn(stem, v, sol, 2), "vat-ly", 11, "Bài 8", 2, "hieu")
    if kind == "giao_thoa":
        lam = r.choice([0.4, 0.45, 0.5, 0.55, 0.6, 0.64, 0.7, 0.75])
        D = r.choice([1, 1.2, 1.5, 2, 2.5])
        a = r.choice([0.5, 1, 1.2, 1.5, 2])
        i = lam * D / a
        k = r.randint(2, 5)
        if r.random() < 0.5:
            stem = f"Trong thí nghiệm Young về giao thoa ánh sáng, khoảng cách giữa hai khe là {_vn(a)} mm, khoảng cách từ hai khe đến màn là {_vn(D)} m, ánh sáng đơn sắc có bước sóng {_vn(lam)} μm. Tính khoảng vân (đơn vị: mm, làm tròn kết quả đến hàng phần trăm)."
            sol = _sol(
                _mx(
                    r"i = \dfrac{\lambda D}{a} = \dfrac{<l>\cdot <D>}{<a>} \approx <i>\ \text{mm}",
                    l=_tn(lam),
                    D=_tn(D),
                    a=_tn(a),
                    i=_tn(i, 3),
                )
                + " (λ tính bằng μm, a tính bằng mm, D tính bằng m)."
            )
            return _it(_sn(stem, i, sol, 2), "vat-ly", 11, "Bài 12", 3, "hieu")
        stem = f"Trong thí nghiệm Young về giao thoa ánh sáng, a = {_vn(a)} mm, D = {_vn(D)} m, λ = {_vn(lam)} μm. Tính khoảng cách từ vân sáng trung tâm đến vân sáng bậc {k} (đơn vị: mm, làm tròn kết quả đến hàng phần mười)."
        sol = _sol(
            _mx(
                r"x_{<k>} = <k>i = <k>\cdot\dfrac{\lambda D}{a} \approx <x>\ \text{mm}",
                k=k,
                x=_tn(k * i, 2),
            )
            + "."
        )
        return _it(_sn(stem, k * i, sol, 1), "vat-ly", 11, "Bài 12", 3, "van_dung")
    if kind == "song_dung":
        L = r.choice([0.6, 0.8, 1, 1.2, 1.5, 2, 2.4])
        n = r.randint(2, 6)
        f = r.choice([20, 25, 40, 50, 60, 100])
        lam = 2 * L / n
        v = lam * f
        stem = f"Một sợi dây đàn hồi dài {_vn(L)} m có hai đầu cố định. Trên dây có sóng dừng với {n} bụng sóng, tần số sóng là {f} Hz. Tính tốc độ truyền sóng trên dây (đơn vị: m/s, làm tròn kết quả đến hàng đơn vị)."
        sol = _sol(
            _mx(
                r"l = n\dfrac{\lambda}{2} \Rightarrow \lambda = \dfrac{2l}{n} = <l>\ \text{m};\ v = \lambda f \approx <v>\ \text{m/s}",
                l=_tn(lam, 3),
                v=_tn(v, 1),
            )
            + "."
        )
        return _it(_sn(stem, v, sol), "vat-ly", 11, "Bài 13", 2, "van_dung")
    f = r.choice([88, 91, 95.5, 99.9, 100, 104.5, 600, 900, 1800, 2400])
    unit = "MHz"
    lam = 3e8 / (f * 1e6)
    stem = f"Một sóng điện từ có tần số {_vn(f)} {unit} truyền trong chân không với tốc độ 3·10⁸ m/s. Tính bước sóng của sóng này (đơn vị: m, làm tròn kết quả đến hàng phần trăm)."
    sol = _sol(
        _mx(
            r"\lambda = \dfrac{c}{f} = \dfrac{3\cdot 10^8}{<f>\cdot 10^6} \approx <l>\ \text{m}",
            f=_tn(f),
            l=_tn(lam, 3),
        )
        + "."
    )
    return _it(_sn(stem, lam, sol, 2), "vat-ly", 11, "Bài 11", 2, "hieu")


def t_ly11_dien_truong(r):
    kind = r.choice(["coulomb", "E", "A", "C", "W"])
    if kind == "coulomb":
        q1, q2 = r.choice([1, 2, 3, 4, 5, 6]), r.choice([1, 2, 3, 4, 5, 8])
        rr = r.choice([3, 5, 6, 10, 15, 20, 30])
        F = 9e9 * q1 * 1e-6 * q2 * 1e-6 / (rr / 100) ** 2
        stem = f"Hai điện tích điểm q₁ = {q1}·10⁻⁶ C và q₂ = −{q2}·10⁻⁶ C đặt cách nhau {rr} cm trong chân không. Lấy k = 9·10⁹ N·m²/C². Tính độ lớn lực tương tác giữa chúng (đơn vị: N, làm tròn kết quả đến hàng phần mười)."
        sol = _sol(
            _mx(
                r"F = k\dfrac{|q_1q_2|}{r^2} = 9\cdot 10^9\cdot\dfrac{<a>\cdot 10^{-6}\cdot <b>\cdot 10^{-6}}{<r>^2} \approx <F>\ \text{N}",
                a=q1,
                b=q2,
                r=_tn(rr / 100),
                F=_tn(F, 2),
            )
            + "; đây là lực hút vì hai điện tích trái dấu."
        )
        return _it(_sn(stem, F, sol, 1), "vat-ly", 11, "Bài 16", 2, "hieu")
    if kind == "E":
        U = r.choice([50, 100, 120, 200, 220, 300, 500, 1000])
        d = r.choice([1, 2, 4, 5, 10])
        E = U / (d / 100)
        stem = f"Hai bản kim loại phẳng đặt song song, cách nhau {d} cm, được nối với hiệu điện thế {U} V. Cường độ điện trường đều giữa hai bản có độ lớn là"
        sol = _sol(
            _mx(
                r"E = \dfrac{U}{d} = \dfrac{<U>}{<d>} = <E>\ \text{V/m}",
                U=U,
                d=_tn(d / 100),
                E=_tn(E),
            )
            + "."
        )
        wrong = [U * d / 100, U / d, E * 10, E / 100]
        q_ = _sc(r, stem, _u(E, "V/m"), [_u(w, "V/m", 2) for w in wrong], sol)
        return _it(q_, "vat-ly", 11, "Bài 18", 1, "biet")
    if kind == "A":
        q = r.choice([1, 2, 3, 4, 5])
        E = r.choice([100, 200, 500, 1000, 2000])
        d = r.choice([2, 5, 10, 20, 50])
        A = q * 1e-6 * E * d / 100 * 1e6
        stem = f"Một điện tích q = {q}·10⁻⁶ C dịch chuyển dọc theo một đường sức của điện trường đều có cường độ {E} V/m, theo chiều đường sức, được quãng đường {d} cm. Tính công của lực điện (đơn vị: μJ)."
        sol = _sol(
            _mx(
                r"A = qEd = <q>\cdot 10^{-6}\cdot <E>\cdot <d> = <A>\cdot 10^{-6}\ \text{J}",
                q=q,
                E=E,
                d=_tn(d / 100),
                A=_tn(A),
            )
            + "."
        )
        return _it(_sn(stem, A, sol, 1), "vat-ly", 11, "Bài 19", 2, "hieu")
    C1, C2 = r.choice([2, 3, 4, 6, 10, 12]), r.choice([2, 3, 4, 6, 10, 12])
    U = r.choice([6, 9, 12, 20, 24, 50, 100])
    if kind == "C":
        series = r.random() < 0.5
        C = Fraction(C1 * C2, C1 + C2) if series else Fraction(C1 + C2)
        Q = C * U
        how = "nối tiếp" if series else "song song"
        stem = f"Hai tụ điện có điện dung C₁ = {C1} μF và C₂ = {C2} μF được mắc {how} rồi nối vào hiệu điện thế {U} V. Tính điện tích của bộ tụ (đơn vị: μC, làm tròn kết quả đến hàng đơn vị)."
        formula = r"\dfrac{1}{C} = \dfrac{1}{C_1} + \dfrac{1}{C_2}" if series else "C = C_1 + C_2"
        sol = _sol(
            _m(formula)
            + " ⇒ "
            + _mx(
                r"C = <C>\ \mu\text{F};\ Q = CU \approx <Q>\ \mu\text{C}", C=_tn(C, 2), Q=_tn(Q, 1)
            )
            + "."
        )
        return _it(_sn(stem, Q, sol), "vat-ly", 11, "Bài 21", 2, "van_dung")
    W = 0.5 * C1 * 1e-6 * U * U * 1000
    stem = f"Một tụ điện có điện dung {C1} μF được tích điện ở hiệu điện thế {U} V. Tính năng lượng điện trường của tụ (đơn vị: mJ, làm tròn kết quả đến hàng phần mười)."
    sol = _sol(
        _mx(
            r"W = \dfrac{1}{2}CU^2 = \dfrac{1}{2}\cdot <C>\cdot 10^{-6}\cdot <U>^2 = <W>\ \text{J}",
            C=C1,
            U=U,
            W=_tn(W / 1000, 5),
        )
        + "."
    )
    return _it(_sn(stem, W, sol, 1), "vat-ly", 11, "Bài 21", 2, "hieu")


def t_ly11_dong_dien(r):
    kind = r.choice(["I", "N", "R", "P", "nguon", "nguon"])
    if kind == "I":
        q, t = r.choice([6, 12, 15, 30, 60, 90, 120]), r.choice([2, 3, 5, 10, 20, 30, 60])
        amp = q / t
        stem = f"Trong thời gian {t} s, có một điện lượng {q} C dịch chuyển qua tiết diện thẳng của một dây dẫn. Cường độ dòng điện chạy qua dây là"
        sol = _sol(
            _mx(
                r"I = \dfrac{\Delta q}{\Delta t} = \dfrac{<q>}{<t>} = <I>\ \text{A}",
                q=q,
                t=t,
                I=_tn(amp, 2),
            )
            + "."
        )
        q_ = _sc(
            r, stem, _u(amp, "A", 2), [_u(w, "A", 2) for w in (q * t, t / q, amp * 2, amp + 1)], sol
        )
        return _it(q_, "vat-ly", 11, "Bài 22", 1, "biet")
    if kind == "N":
        amp, t = r.choice([0.5, 1, 1.6, 2, 3.2]), r.choice([1, 2, 5, 10])
        N = amp * t / 1.6e-19
        stem = f"Một dòng điện không đổi có cường độ {_vn(amp)} A chạy qua dây dẫn. Số electron dịch chuyển qua tiết diện thẳng của dây trong {t} s là (lấy e = 1,6·10⁻¹⁹ C)"
        key = _m(_sci(N))
        wrong = [_m(_sci(N * 10)), _m(_sci(N / 10)), _m(_sci(amp * t * 1.6e-19)), _m(_sci(N * 1.6))]
        sol = _sol(
            _mx(
                r"N = \dfrac{It}{e} = \dfrac{<I>\cdot <t>}{1{,}6\cdot 10^{-19}} = <N>",
                I=_tn(amp),
                t=t,
                N=_sci(N),
            )
            + "."
        )
        return _it(_sc(r, stem, key, wrong, sol), "vat-ly", 11, "Bài 22", 2, "hieu")
    R1, R2 = r.choice([2, 3, 4, 5, 6, 10, 12, 15, 20]), r.choice([3, 4, 5, 6, 10, 12, 20, 30])
    U = r.choice([6, 9, 12, 18, 24, 36])
    if kind == "R":
        series = r.random() < 0.5
        R = Fraction(R1 + R2) if series else Fraction(R1 * R2, R1 + R2)
        amp = U / R
        how = "nối tiếp" if series else "song song"
        stem = f"Hai điện trở R₁ = {R1} Ω và R₂ = {R2} Ω mắc {how} vào hiệu điện thế không đổi {U} V. Tính cường độ dòng điện trong mạch chính (đơn vị: A, làm tròn kết quả đến hàng phần trăm)."
        formula = "R = R_1 + R_2" if series else r"R = \dfrac{R_1R_2}{R_1 + R_2}"
        sol = _sol(
            _m(formula)
            + _mx(
                r" = <R>\ \Omega;\ I = \dfrac{U}{R} \approx <I>\ \text{A}",
                R=_tn(R, 3),
                I=_tn(amp, 3),
            )
            + "."
        )
        return _it(_sn(stem, amp, sol, 2), "vat-ly", 11, "Bài 23", 2, "hieu")
    if kind == "P":
        P = r.choice([40, 60, 75, 100, 500, 1000, 1500, 2000])
        Un = 220
        h = r.choice([2, 3, 4, 5, 6, 8])
        days = 30
        kwh = P * h * days / 1000
        stem = f"Một thiết bị điện có ghi {Un} V – {P} W, mỗi ngày sử dụng {h} giờ ở đúng hiệu điện thế định mức. Tính điện năng thiết bị tiêu thụ trong 30 ngày (đơn vị: kWh, làm tròn kết quả đến hàng đơn vị)."
        sol = _sol(
            _mx(
                r"A = Pt = <P>\ \text{kW}\cdot <h>\ \text{h} = <A>\ \text{kWh}",
                P=_tn(P / 1000),
                h=h * days,
                A=_tn(kwh),
            )
            + "."
        )
        return _it(_sn(stem, kwh, sol), "vat-ly", 11, "Bài 25", 2, "hieu")
    E = r.choice([1.5, 3, 4.5, 6, 9, 12])
    rin = r.choice([0.5, 1, 1.5, 2])
    R = r.choice([2, 3, 4, 5, 6, 8, 10])
    amp = E / (R + rin)
    U = E - amp * rin
    if r.random() < 0.5:
        stem = f"Một nguồn điện có suất điện động {_vn(E)} V và điện trở trong {_vn(rin)} Ω được nối với điện trở ngoài R = {R} Ω. Tính cường độ dòng điện trong mạch (đơn vị: A, làm tròn kết quả đến hàng phần trăm)."
        sol = _sol(
            _mx(
                r"I = \dfrac{E}{R + r} = \dfrac{<E>}{<R> + <r>} \approx <I>\ \text{A}",
                E=_tn(E),
                R=R,
                r=_tn(rin),
                I=_tn(amp, 3),
            )
            + "."
        )
        return _it(_sn(stem, amp, sol, 2), "vat-ly", 11, "Bài 24", 2, "hieu")
    stem = f"Một nguồn điện có suất điện động {_vn(E)} V và điện trở trong {_vn(rin)} Ω được nối với điện trở ngoài R = {R} Ω. Tính hiệu điện thế giữa hai cực của nguồn (đơn vị: V, làm tròn kết quả đến hàng phần trăm)."
    sol = _sol(
        _mx(
            r"I = \dfrac{E}{R + r} \approx <I>\ \text{A};\ U = E - Ir \approx <U>\ \text{V}",
            I=_tn(amp, 4),
            U=_tn(U, 2),
        )
        + "."
    )
    return _it(_sn(stem, U, sol, 2), "vat-ly", 11, "Bài 24", 2, "van_dung")


def t_ly11_mach_tf(r):
    E = r.choice([6, 9, 12, 24])
    rin = r.choice([1, 2])
    R = r.choice([2, 4, 5, 10, 11, 22])
    amp = Fraction(E, R + rin)
    U = amp * R
    P = amp * amp * R
    truth = _mix(r)
    statements = [
        ("Cường độ dòng điện trong mạch là " + _u(amp if truth[0] else Fraction(E, R), "A", 2) + ".", truth[0]),
        ("Hiệu điện thế giữa hai cực của nguồn là " + _u(U if truth[1] else E, "V", 2) + ".", truth[1]),
        ("Công suất tiêu thụ của điện trở ngoài là " + _u(P if truth[2] else E * amp, "W", 2) + ".", truth[2]),
        ("Nếu nối tắt hai cực của nguồn (R = 0) thì cường độ dòng điện là " + _u(Fraction(E, rin) if truth[3] else 0, "A", 2) + ".", truth[3]),
    ]  # fmt: skip
    stem = f"Một nguồn điện có suất điện động {E} V, điện trở trong {rin} Ω được nối với điện trở ngoài R = {R} Ω. Xét tính đúng, sai của các phát biểu sau."
    sol = _sol(
        _mx(
            r"I = \dfrac{E}{R + r} = <I>\ \text{A};\ U = IR = <U>\ \text{V};\ P = I^2R = <P>\ \text{W};\ I_{\text{ngắn mạch}} = \dfrac{E}{r}",
            I=_tn(amp, 3),
            U=_tn(U, 3),
            P=_tn(P, 3),
        )
        + "."
    )
    return _it(_tf(stem, statements, sol), "vat-ly", 11, "Bài 24", 2, "van_dung")


def t_ly11_group_iu(r):
    R = r.choice([5, 8, 10, 12, 15, 20, 25])
    Us = sorted(r.sample([1, 1.5, 2, 2.5, 3, 4, 4.5, 5, 6], 5))
    Is = [U / R for U in Us]
    row_u = "".join(f"<td>{_vn(U)}</td>" for U in Us)
    row_i = "".join(f"<td>{_vn(amp, 3)}</td>" for amp in Is)
    stimulus = (
        "<p>Để khảo sát sự phụ thuộc của cường độ dòng điện vào hiệu điện thế giữa hai đầu một điện trở "
        "(ở nhiệt độ không đổi), một nhóm học sinh thu được bảng số liệu sau:</p>"
        f"<table><tbody><tr><th>U (V)</th>{row_u}</tr><tr><th>I (A)</th>{row_i}</tr></tbody></table>"
    )
    U_new = r.choice([7, 8, 9, 10, 12])
    q1 = _sn(
        f"Từ bảng số liệu (ứng với U = {_vn(Us[0])} V, I = {_vn(Is[0], 3)} A), tính điện trở của vật dẫn (đơn vị: Ω).",
        R,
        _sol(
            _mx(
                r"R = \dfrac{U}{I} = \dfrac{<U>}{<I>} = <R>\ \Omega",
                U=_tn(Us[0]),
                I=_tn(Is[0], 3),
                R=R,
            )
        ),
    )
    q2 = _sn(
        f"Với điện trở trong bảng số liệu trên (I = {_vn(Is[-1], 3)} A khi U = {_vn(Us[-1])} V), tính công suất toả nhiệt trên điện trở khi hiệu điện thế giữa hai đầu là {U_new} V (đơn vị: W, làm tròn kết quả đến hàng phần mười).",
        U_new * U_new / R,
        _sol(
            _mx(
                r"P = \dfrac{U^2}{R} = \dfrac{<U>^2}{<R>} \approx <P>\ \text{W}",
                U=U_new,
                R=R,
                P=_tn(U_new * U_new / R, 2),
            )
        ),
        1,
    )
    truth = _mix(r)
    statements = [
        ("Cường độ dòng điện tỉ lệ " + ("thuận" if truth[0] else "nghịch") + " với hiệu điện thế.", truth[0]),
        ("Đồ thị I theo U là một đường thẳng " + ("đi qua gốc toạ độ" if truth[1] else "không đi qua gốc toạ độ") + ".", truth[1]),
        (f"Khi U = {U_new} V thì I = " + _u(U_new / R if truth[2] else U_new * R / 100, "A", 2) + ".", truth[2]),
        ("Điện trở của vật dẫn " + ("không đổi" if truth[3] else "tăng dần") + " khi hiệu điện thế tăng trong thí nghiệm này.", truth[3]),
    ]  # fmt: skip
    if not truth[2] and _round(U_new / R, 2) == _round(U_new * R / 100, 2):
        return None
    q3 = _tf(f"Dựa vào bảng số liệu I – U của vật dẫn có điện trở {R} Ω, xét tính đúng, sai của các phát biểu sau.", statements,
             _sol("Tỉ số U/I không đổi nên I tỉ lệ thuận với U (định luật Ohm); đồ thị là đường thẳng qua gốc toạ độ."))  # fmt: skip
    items = [
        _it(q1, "vat-ly", 11, "Bài 23", 2, "biet"),
        _it(q2, "vat-ly", 11, "Bài 25", 2, "hieu"),
        _it(q3, "vat-ly", 11, "Bài 23", 2, "hieu"),
    ]
    if any(i is None for i in items):
        return None
    return _Group(
        title=f"Bảng số liệu I – U của một điện trở {R} Ω", stimulus=stimulus, items=items
    )


def t_ly11_mr(r):
    A = r.choice([3, 4, 5, 6, 8, 10])
    k = r.choice([2, 4, 5, 10])
    T = Fraction(2, k)
    phi_zero = r.random() < 0.5
    eq = _m(
        r"x = "
        + str(A)
        + r"\cos("
        + _omega_tex(k)
        + " t"
        + ("" if phi_zero else r" + \dfrac{\pi}{2}")
        + ")"
    )
    options = [
        (f"Biên độ dao động là {A} cm.", True),
        ("Chu kì dao động là " + _u(T, "s") + ".", True),
        ("Tại t = 0, vật ở " + ("vị trí biên dương." if phi_zero else "vị trí cân bằng."), True),
        (f"Tần số dao động là {k} Hz.", False),
        (f"Quãng đường vật đi được trong một chu kì là {2 * A} cm.", False),
    ]
    chosen = r.sample(options[:3], r.choice([2, 3])) + options[3:]
    stem = f"Một vật dao động điều hoà với phương trình {eq} (cm; s). Những phát biểu nào sau đây đúng?"
    sol = _sol(
        _mx(
            r"\omega = <w>\ \text{rad/s},\ T = <T>\ \text{s},\ f = <f>\ \text{Hz}",
            w=_omega_tex(k),
            T=_tn(T),
            f=_tn(1 / T),
        )
        + "; quãng đường trong một chu kì là "
        + _m("4A")
        + "."
    )
    return _it(_mr(r, stem, chosen, sol), "vat-ly", 11, "Bài 2", 2, "hieu")


def t_ly11_match(r):
    A = r.choice([2, 3, 4, 5, 6, 8, 10])
    k = r.choice([2, 4, 5, 10, 20])
    T = Fraction(2, k)
    eq = _m(r"x = " + str(A) + r"\cos(" + _omega_tex(k) + " t)")
    pairs = [
        ("Biên độ", f"{A} cm"),
        ("Tần số góc", _m(_omega_tex(k)) + " rad/s"),
        ("Chu kì", _u(T, "s")),
        ("Tần số", _u(1 / T, "Hz")),
        ("Quãng đường đi được trong một chu kì", f"{4 * A} cm"),
    ]
    stem = f"Một vật dao động điều hoà với phương trình {eq} (cm; s). Ghép mỗi đại lượng ở cột trái với giá trị tương ứng ở cột phải."
    return _it(_match(r, stem, r.sample(pairs, 4)), "vat-ly", 11, "Bài 2", 2, "hieu")


def t_ly11_cloze(r):
    v = r.choice([2, 3, 4, 5, 6])
    f = r.choice([10, 20, 25, 40, 50])
    lam = Fraction(v * 100, f)
    stem = (
        f"Một sóng cơ có tần số {f} Hz truyền với tốc độ {v} m/s. Chu kì của sóng là {{{{1}}}} s, bước sóng "
        "là {{2}} cm, và hai điểm gần nhau nhất trên cùng một phương truyền sóng dao động ngược pha cách nhau {{3}} cm."
    )
    blanks = [_bn(Fraction(1, f)), _bn(lam), _bn(lam / 2)]
    sol = _sol(
        _mx(
            r"T = \dfrac{1}{f};\ \lambda = \dfrac{v}{f} = <l>\ \text{cm};\ d = \dfrac{\lambda}{2}",
            l=_tn(lam),
        )
        + "."
    )
    return _it(_cloze(stem, blanks, sol), "vat-ly", 11, "Bài 8", 2, "hieu")


def t_ly11_order(r):
    names = ["R₁", "R₂", "R₃", "R₄"]
    U = r.choice([6, 12, 24])
    values = r.sample([2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 24, 30], 4)
    listed = "; ".join(f"{n} = {v} Ω" for n, v in zip(names, values, strict=True))
    order = sorted(zip(values, names, strict=True), key=lambda x: -x[0])
    stem = f"Lần lượt mắc từng điện trở sau vào cùng một hiệu điện thế không đổi {U} V: {listed}. Sắp xếp các điện trở theo thứ tự công suất toả nhiệt tăng dần."
    sol = _sol(
        _m(r"P = \dfrac{U^2}{R}")
        + ": điện trở càng lớn thì công suất càng nhỏ. "
        + "; ".join(f"{n}: " + _u(Fraction(U * U, v), "W", 2) for v, n in order)
        + "."
    )
    return _it(_order(stem, [n for _, n in order], sol), "vat-ly", 11, "Bài 25", 2, "hieu")


def t_ly11_essay(r):
    E = r.choice([6, 9, 12])
    rin = r.choice([0.5, 1])
    R1, R2 = r.choice([4, 6, 8, 12]), r.choice([4, 6, 12, 24])
    Rp = Fraction(R1 * R2, R1 + R2)
    amp = Fraction(str(E)) / (Rp + Fraction(str(rin)))
    stem = (
        f"Cho mạch điện gồm nguồn có suất điện động {E} V, điện trở trong {_vn(rin)} Ω; mạch ngoài gồm hai điện trở "
        f"R₁ = {R1} Ω và R₂ = {R2} Ω mắc song song. a) Tính điện trở tương đương của mạch ngoài. b) Tính cường độ dòng "
        "điện qua nguồn và hiệu điện thế giữa hai cực của nguồn. c) Tính công suất của nguồn."
    )
    guide = [
        ("a) " + _mx(r"R_N = \dfrac{R_1R_2}{R_1 + R_2} = <R>\ \Omega", R=_tn(Rp, 2)), 0.5),
        ("b) " + _mx(r"I = \dfrac{E}{R_N + r} \approx <I>\ \text{A}", I=_tn(amp, 2)) + "; " + _mx(r"U = IR_N \approx <U>\ \text{V}", U=_tn(amp * Rp, 2)), 1.0),
        ("c) " + _mx(r"P_{nguồn} = EI \approx <P>\ \text{W}", P=_tn(E * amp, 2)), 0.5),
    ]  # fmt: skip
    return _it(_essay(stem, guide), "vat-ly", 11, "Bài 25", 2, "van_dung")


def _ly11_plan():
    return [
        (_facts_template(_LY11_FACTS, "vat-ly", 11), 10),
        (t_ly11_dao_dong, 22),
        (t_ly11_con_lac, 10),
        (t_ly11_song, 18),
        (t_ly11_dien_truong, 16),
        (t_ly11_dong_dien, 18),
        (t_ly11_mach_tf, 5),
        (t_ly11_group_iu, 2),
        (t_ly11_mr, 4),
        (t_ly11_match, 4),
        (t_ly11_cloze, 4),
        (t_ly11_order, 4),
        (t_ly11_essay, 3),
    ]


_LY12_FACTS = [
    ("Trong hệ SI, đơn vị của nhiệt dung riêng là", "J/(kg·K)", ["J/kg", "J/K", "W/(m·K)"],
     "Bài 4", 1, "biet", "Từ Q = mcΔT suy ra c có đơn vị J/(kg·K)."),
    ("Trong quá trình nóng chảy của một chất rắn kết tinh ở áp suất không đổi, nhiệt độ của chất đó",
     "không thay đổi", ["tăng liên tục", "giảm liên tục", "tăng rồi giảm"], "Bài 5", 1, "biet",
     "Chất rắn kết tinh nóng chảy ở nhiệt độ xác định; nhiệt lượng nhận vào dùng để phá vỡ mạng tinh thể."),
    ("Theo mô hình động học phân tử, các phân tử khí", "chuyển động hỗn loạn không ngừng; nhiệt độ càng cao chúng chuyển động càng nhanh",
     ["đứng yên tại các nút mạng", "chỉ dao động quanh vị trí cân bằng cố định", "chuyển động có trật tự theo một hướng"],
     "Bài 8", 2, "biet", "Đây là nội dung của mô hình động học phân tử chất khí."),
    ("Khi nhiệt độ được giữ không đổi, áp suất của một lượng khí xác định", "tỉ lệ nghịch với thể tích của nó",
     ["tỉ lệ thuận với thể tích của nó", "tỉ lệ thuận với bình phương thể tích", "không phụ thuộc thể tích"],
     "Bài 9", 1, "biet", "Định luật Boyle: pV = hằng số."),
    ("Đơn vị của cảm ứng từ là", "tesla (T)", ["weber (Wb)", "henry (H)", "vôn (V)"], "Bài 15", 2, "biet",
     "Cảm ứng từ B đo bằng tesla."),
    ("Đơn vị của từ thông là", "weber (Wb)", ["tesla (T)", "ampe (A)", "oát (W)"], "Bài 16", 1, "biet",
     "Φ = BScosα đo bằng weber: 1 Wb = 1 T·m²."),
    ("Theo định luật Lenz, dòng điện cảm ứng có chiều sao cho từ trường do nó sinh ra",
     "chống lại sự biến thiên của từ thông sinh ra nó", ["luôn cùng chiều với từ trường ngoài",
     "luôn ngược chiều với từ trường ngoài", "làm tăng sự biến thiên của từ thông"], "Bài 16", 3, "biet",
     "Định luật Lenz."),
    ("Hạt nhân nguyên tử được cấu tạo từ", "các proton và neutron",
     ["các proton và electron", "các electron và neutron", "chỉ các proton"], "Bài 21", 2, "biet",
     "Hạt nhân gồm các nucleon: proton và neutron."),
    ("Tia α là dòng các", "hạt nhân helium", ["electron", "positron", "photon năng lượng cao"], "Bài 23", 3, "biet",
     "Tia α là dòng hạt nhân He-4, mang điện tích +2e."),
    ("Tia γ có bản chất là", "sóng điện từ có bước sóng rất ngắn", ["dòng các electron", "dòng các hạt nhân helium",
     "dòng các neutron"], "Bài 23", 3, "biet", "Tia γ là sóng điện từ, không mang điện, không bị lệch trong điện trường."),
    ("Giá trị hiệu dụng của điện áp xoay chiều " + _m(r"u = U_0\cos(\omega t)") + " là",
     _m(r"\dfrac{U_0}{\sqrt{2}}"), [_m(r"U_0\sqrt{2}"), _m(r"\dfrac{U_0}{2}"), _m("2U_0")], "Bài 17", 2, "biet",
     "Giá trị hiệu dụng bằng giá trị cực đại chia cho √2."),
]  # fmt: skip


def t_ly12_nhiet_do(r):
    t = r.choice([-40, -20, -10, 0, 10, 20, 25, 27, 37, 50, 100, 127, 227, 327])
    T = t + 273
    if r.random() < 0.5:
        stem = f"Nhiệt độ {t} °C ứng với bao nhiêu kelvin? (Lấy T = t + 273.)"
        sol = _sol(_mx(r"T = t + 273 = <t> + 273 = <T>\ \text{K}", t=_p(t), T=T) + ".")
        return _it(_sn(stem, T, sol), "vat-ly", 12, "Bài 3", 3, "biet")
    stem = f"Một vật có nhiệt độ {T} K. Nhiệt độ của vật theo thang Celsius là"
    sol = _sol(_mx(r"t = T - 273 = <T> - 273 = <t>\ ^\circ\text{C}", T=T, t=t) + ".")
    wrong = [T + 273, -t if t else 273, t + 1, T]
    q_ = _sc(r, stem, f"{t} °C", [f"{w} °C" for w in wrong], sol)
    return _it(q_, "vat-ly", 12, "Bài 3", 3, "biet")


def t_ly12_nhiet_luong(r):
    kind = r.choice(["Q", "Q", "can_bang", "nong_chay", "hoa_hoi"])
    if kind == "Q":
        sub = r.choice([("nước", 4200), ("nhôm", 880), ("đồng", 380), ("sắt", 460)])
        m = r.choice([0.2, 0.5, 1, 1.5, 2, 3])
        dt = r.choice([10, 20, 25, 30, 50, 60, 80])
        Q = m * sub[1] * dt / 1000
        stem = f"Tính nhiệt lượng cần cung cấp để {_vn(m)} kg {sub[0]} tăng nhiệt độ thêm {dt} °C (đơn vị: kJ, làm tròn kết quả đến hàng đơn vị). Biết nhiệt dung riêng của {sub[0]} là {sub[1]} J/(kg·K)."
        sol = _sol(
            _mx(
                r"Q = mc\Delta t = <m>\cdot <c>\cdot <d> = <Q>\ \text{J}",
                m=_tn(m),
                c=sub[1],
                d=dt,
                Q=_tn(Q * 1000),
            )
            + " ≈ "
            + _vn(Q, 1)
            + " kJ."
        )
        return _it(_sn(stem, Q, sol), "vat-ly", 12, "Bài 4", 1, "hieu")
    if kind == "can_bang":
        m1, m2 = r.choice([0.2, 0.3, 0.5, 1, 2]), r.choice([0.2, 0.5, 1, 1.5, 3])
        t1, t2 = r.choice([80, 90, 100, 70, 60]), r.choice([10, 15, 20, 25, 30])
        t = (m1 * t1 + m2 * t2) / (m1 + m2)
        stem = f"Trộn {_vn(m1)} kg nước ở {t1} °C với {_vn(m2)} kg nước ở {t2} °C. Bỏ qua sự trao đổi nhiệt với bình và môi trường. Tính nhiệt độ của hỗn hợp khi cân bằng nhiệt (đơn vị: °C, làm tròn kết quả đến hàng phần mười)."
        sol = _sol(
            "Phương trình cân bằng nhiệt: "
            + _mx(
                r"m_1c(t_1 - t) = m_2c(t - t_2) \Rightarrow t = \dfrac{m_1t_1 + m_2t_2}{m_1 + m_2} \approx <t>\ ^\circ\text{C}",
                t=_tn(t, 2),
            )
            + "."
        )
        return _it(_sn(stem, t, sol, 1), "vat-ly", 12, "Bài 7", 1, "van_dung")
    if kind == "nong_chay":
        m = r.choice([0.1, 0.2, 0.5, 1, 2, 3])
        Q = m * 3.34e5 / 1000
        stem = f"Tính nhiệt lượng cần cung cấp để làm nóng chảy hoàn toàn {_vn(m)} kg nước đá ở 0 °C (đơn vị: kJ, làm tròn kết quả đến hàng đơn vị). Biết nhiệt nóng chảy riêng của nước đá là 3,34·10⁵ J/kg."
        sol = _sol(
            _mx(
                r"Q = \lambda m = 3{,}34\cdot 10^5\cdot <m> = <Q>\ \text{J}",
                m=_tn(m),
                Q=_tn(Q * 1000),
            )
            + " = "
            + _vn(Q, 1)
            + " kJ."
        )
        return _it(_sn(stem, Q, sol), "vat-ly", 12, "Bài 5", 1, "hieu")
    m = r.choice([0.1, 0.2, 0.5, 1, 1.5])
    Q = m * 2.26e6 / 1e6
    stem = f"Tính nhiệt lượng cần cung cấp để làm hoá hơi hoàn toàn {_vn(m)} kg nước ở 100 °C (đơn vị: MJ, làm tròn kết quả đến hàng phần trăm). Biết nhiệt hoá hơi riêng của nước là 2,26·10⁶ J/kg."
    sol = _sol(
        _mx(r"Q = Lm = 2{,}26\cdot 10^6\cdot <m> = <Q>\ \text{J}", m=_tn(m), Q=_tn(Q * 1e6))
        + " ≈ "
        + _vn(Q, 3)
        + " MJ."
    )
    return _it(_sn(stem, Q, sol, 2), "vat-ly", 12, "Bài 6", 1, "hieu")


def t_ly12_noi_nang(r):
    A, Q = (
        r.choice([50, 80, 100, 120, 150, 200, 250, 300]),
        r.choice([20, 40, 60, 70, 90, 150, 180]),
    )
    case = r.choice(["nhan_cong_toa_nhiet", "nhan_nhiet_sinh_cong", "nhan_ca_hai"])
    if case == "nhan_cong_toa_nhiet":
        text, dU, expr = (
            f"nhận công {A} J và truyền ra môi trường nhiệt lượng {Q} J",
            A - Q,
            f"{A} + ({-Q})",
        )
    elif case == "nhan_nhiet_sinh_cong":
        text, dU, expr = (
            f"nhận nhiệt lượng {A} J và thực hiện công {Q} J lên môi trường",
            A - Q,
            f"({-Q}) + {A}",
        )
    else:
        text, dU, expr = f"nhận công {A} J và nhận nhiệt lượng {Q} J", A + Q, f"{A} + {Q}"
    stem = f"Một lượng khí trong xi lanh {text}. Tính độ biến thiên nội năng của khí (đơn vị: J)."
    sol = _sol(
        "Định luật 1 của nhiệt động lực học: "
        + _mx(r"\Delta U = A + Q = <e> = <v>\ \text{J}", e=expr, v=dU)
        + " (quy ước A > 0, Q > 0 khi hệ nhận công, nhận nhiệt)."
    )
    return _it(_sn(stem, dU, sol), "vat-ly", 12, "Bài 2", 2, "hieu")


def t_ly12_khi(r):
    kind = r.choice(["boyle", "charles", "trang_thai", "nRT"])
    if kind == "boyle":
        p1, V1 = r.choice([1, 1.5, 2, 3]), r.choice([2, 3, 4, 5, 6, 8, 10, 12])
        V2 = r.choice([1, 1.5, 2, 2.5, 3, 4, 5])
        if V2 == V1:
            return None
        p2 = p1 * V1 / V2
        stem = f"Một lượng khí xác định có thể tích {_vn(V1)} lít ở áp suất {_vn(p1)} atm. Nén đẳng nhiệt lượng khí đó đến thể tích {_vn(V2)} lít. Tính áp suất của khí lúc sau (đơn vị: atm, làm tròn kết quả đến hàng phần mười)." if V2 < V1 else (
            f"Một lượng khí xác định có thể tích {_vn(V1)} lít ở áp suất {_vn(p1)} atm. Cho khí dãn nở đẳng nhiệt đến thể tích {_vn(V2)} lít. Tính áp suất của khí lúc sau (đơn vị: atm, làm tròn kết quả đến hàng phần mười).")  # fmt: skip
        sol = _sol(
            "Định luật Boyle: "
            + _mx(
                r"p_1V_1 = p_2V_2 \Rightarrow p_2 = \dfrac{<p>\cdot <V1>}{<V2>} \approx <v>\ \text{atm}",
                p=_tn(p1),
                V1=_tn(V1),
                V2=_tn(V2),
                v=_tn(p2, 2),
            )
            + "."
        )
        return _it(_sn(stem, p2, sol, 1), "vat-ly", 12, "Bài 9", 2, "hieu")
    if kind == "charles":
        V1 = r.choice([2, 3, 4, 5, 6, 10])
        t1, t2 = r.choice([0, 27, 7, 17, 47]), r.choice([77, 127, 87, 177, 227, 327])
        V2 = V1 * (t2 + 273) / (t1 + 273)
        stem = f"Một lượng khí có thể tích {V1} lít ở {t1} °C. Đun nóng đẳng áp lượng khí đó đến {t2} °C. Tính thể tích của khí lúc sau (đơn vị: lít, làm tròn kết quả đến hàng phần mười). Lấy T = t + 273."
        sol = _sol(
            "Định luật Charles: "
            + _mx(
                r"\dfrac{V_1}{T_1} = \dfrac{V_2}{T_2} \Rightarrow V_2 = <V>\cdot\dfrac{<T2>}{<T1>} \approx <v>\ \text{lít}",
                V=V1,
                T1=t1 + 273,
                T2=t2 + 273,
                v=_tn(V2, 2),
            )
            + "."
        )
        return _it(_sn(stem, V2, sol, 1), "vat-ly", 12, "Bài 10", 2, "hieu")
    if kind == "trang_thai":
        p1, V1, t1 = r.choice([1, 2, 1.5]), r.choice([10, 12, 20, 15]), r.choice([27, 7, 17])
        p2, t2 = r.choice([3, 4, 5, 2.5]), r.choice([127, 227, 87, 57])
        V2 = p1 * V1 * (t2 + 273) / ((t1 + 273) * p2)
        stem = f"Một lượng khí lí tưởng ở trạng thái 1 có p₁ = {_vn(p1)} atm, V₁ = {V1} lít, t₁ = {t1} °C. Ở trạng thái 2 có p₂ = {_vn(p2)} atm, t₂ = {t2} °C. Tính thể tích V₂ (đơn vị: lít, làm tròn kết quả đến hàng phần mười). Lấy T = t + 273."
        sol = _sol(
            "Phương trình trạng thái: "
            + _mx(
                r"\dfrac{p_1V_1}{T_1} = \dfrac{p_2V_2}{T_2} \Rightarrow V_2 = \dfrac{p_1V_1T_2}{T_1p_2} \approx <v>\ \text{lít}",
                v=_tn(V2, 2),
            )
            + "."
        )
        return _it(_sn(stem, V2, sol, 1), "vat-ly", 12, "Bài 11", 2, "van_dung")
    n = r.choice([0.5, 1, 2, 0.2, 0.25])
    t = r.choice([0, 27, 37, 127])
    V = r.choice([5, 10, 20, 24, 50])
    p = n * 8.31 * (t + 273) / (V / 1000) / 1e5
    stem = f"Một bình kín dung tích {V} lít chứa {_vn(n)} mol khí lí tưởng ở {t} °C. Lấy R = 8,31 J/(mol·K), T = t + 273. Tính áp suất khí trong bình (đơn vị: 10⁵ Pa, làm tròn kết quả đến hàng phần trăm)."
    sol = _sol(
        _mx(
            r"p = \dfrac{nRT}{V} = \dfrac{<n>\cdot 8{,}31\cdot <T>}{<V>\cdot 10^{-3}} \approx <p>\cdot 10^5\ \text{Pa}",
            n=_tn(n),
            T=t + 273,
            V=V,
            p=_tn(p, 3),
        )
        + "."
    )
    return _it(_sn(stem, p, sol, 2), "vat-ly", 12, "Bài 13", 1, "van_dung")


def t_ly12_phan_tu(r):
    t = r.choice([0, 27, 37, 100, 127, 227, 327, 1000])
    T = t + 273
    W = 1.5 * 1.38e-23 * T
    stem = f"Động năng tịnh tiến trung bình của phân tử khí lí tưởng ở nhiệt độ {t} °C là (lấy k = 1,38·10⁻²³ J/K, T = t + 273)"
    key = _m(_sci(W) + r"\ \text{J}")
    wrong = [_m(_sci(1.38e-23 * T) + r"\ \text{J}"), _m(_sci(1.5 * 1.38e-23 * max(t, 1)) + r"\ \text{J}"),
             _m(_sci(W * 10) + r"\ \text{J}"), _m(_sci(3 * 1.38e-23 * T) + r"\ \text{J}")]  # fmt: skip
    sol = _sol(
        _mx(
            r"W_đ = \dfrac{3}{2}kT = \dfrac{3}{2}\cdot 1{,}38\cdot 10^{-23}\cdot <T> \approx <W>\ \text{J}",
            T=T,
            W=_sci(W),
        )
        + "."
    )
    return _it(_sc(r, stem, key, wrong, sol), "vat-ly", 12, "Bài 12", 3, "hieu")


def t_ly12_tu_truong(r):
    kind = r.choice(["F", "F", "phi", "emf", "xc", "ba"])
    if kind == "F":
        B = r.choice([0.02, 0.05, 0.1, 0.2, 0.5, 0.8])
        amp = r.choice([1, 2, 2.5, 4, 5, 10])
        L = r.choice([0.1, 0.2, 0.3, 0.5, 1])
        th = r.choice([30, 45, 60, 90])
        F = B * amp * L * math.sin(math.radians(th))
        stem = f"Một đoạn dây dẫn dài {_vn(L)} m mang dòng điện {_vn(amp)} A đặt trong từ trường đều có cảm ứng từ {_vn(B)} T, dây hợp với các đường sức từ góc {th}°. Tính độ lớn lực từ tác dụng lên đoạn dây (đơn vị: N, làm tròn kết quả đến hàng phần trăm)."
        sol = _sol(
            _mx(
                r"F = BIL\sin\theta = <B>\cdot <I>\cdot <L>\cdot\sin <t>^\circ \approx <F>\ \text{N}",
                B=_tn(B),
                I=_tn(amp),
                L=_tn(L),
                t=th,
                F=_tn(F, 3),
            )
            + "."
        )
        return _it(_sn(stem, F, sol, 2), "vat-ly", 12, "Bài 15", 3, "hieu")
    if kind == "phi":
        N = r.choice([1, 10, 50, 100, 200])
        B = r.choice([0.01, 0.02, 0.05, 0.1, 0.2])
        S = r.choice([20, 50, 100, 200, 400])  # cm²
        a = r.choice([0, 30, 60])
        phi = N * B * S * 1e-4 * math.cos(math.radians(a)) * 1000
        stem = f"Một khung dây phẳng gồm {N} vòng, mỗi vòng có diện tích {S} cm², đặt trong từ trường đều có cảm ứng từ {_vn(B)} T. Vectơ pháp tuyến của mặt khung hợp với các đường sức từ góc {a}°. Tính từ thông qua khung dây (đơn vị: mWb, làm tròn kết quả đến hàng phần mười)."
        sol = _sol(
            _mx(
                r"\Phi = NBS\cos\alpha = <N>\cdot <B>\cdot <S>\cdot 10^{-4}\cdot\cos <a>^\circ \approx <p>\ \text{mWb}",
                N=N,
                B=_tn(B),
                S=S,
                a=a,
                p=_tn(phi, 2),
            )
            + "."
        )
        return _it(_sn(stem, phi, sol, 1), "vat-ly", 12, "Bài 16", 1, "hieu")
    if kind == "emf":
        N = r.choice([10, 50, 100, 200, 500])
        S = r.choice([20, 50, 100, 200])
        dB = r.choice([0.1, 0.2, 0.4, 0.5, 0.8])
        dt = r.choice([0.01, 0.02, 0.05, 0.1, 0.2])
        e = N * dB * S * 1e-4 / dt
        stem = f"Một cuộn dây phẳng có {N} vòng, diện tích mỗi vòng {S} cm², đặt vuông góc với các đường sức của một từ trường đều. Trong thời gian {_vn(dt)} s, cảm ứng từ tăng đều thêm {_vn(dB)} T. Tính độ lớn suất điện động cảm ứng trong cuộn dây (đơn vị: V, làm tròn kết quả đến hàng phần mười)."
        sol = _sol(
            "Định luật Faraday: "
            + _mx(
                r"|e| = N\dfrac{|\Delta\Phi|}{\Delta t} = N\dfrac{S\Delta B}{\Delta t} = \dfrac{<N>\cdot <S>\cdot 10^{-4}\cdot <B>}{<t>} \approx <e>\ \text{V}",
                N=N,
                S=S,
                B=_tn(dB),
                t=_tn(dt),
                e=_tn(e, 2),
            )
            + "."
        )
        return _it(_sn(stem, e, sol, 1), "vat-ly", 12, "Bài 16", 3, "van_dung")
    if kind == "xc":
        U = r.choice([100, 110, 120, 200, 220, 380])
        w = r.choice([100, 120])
        stem = (
            "Điện áp xoay chiều giữa hai đầu một đoạn mạch có biểu thức "
            + _mx(r"u = <U>\sqrt{2}\cos(<w>\pi t)", U=U, w=w)
            + " (V). "
        )
        if r.random() < 0.5:
            stem += "Tính điện áp hiệu dụng (đơn vị: V)."
            sol = _sol(_mx(r"U = \dfrac{U_0}{\sqrt{2}} = <U>\ \text{V}", U=U) + ".")
            return _it(_sn(stem, U, sol), "vat-ly", 12, "Bài 17", 2, "biet")
        stem += "Tính tần số của điện áp (đơn vị: Hz)."
        sol = _sol(
            _mx(r"f = \dfrac{\omega}{2\pi} = \dfrac{<w>\pi}{2\pi} = <f>\ \text{Hz}", w=w, f=w // 2)
            + "."
        )
        return _it(_sn(stem, w // 2, sol), "vat-ly", 12, "Bài 17", 2, "biet")
    N1, N2 = r.choice([500, 1000, 1100, 2000, 2200]), r.choice([50, 100, 110, 200, 250, 4400])
    U1 = r.choice([220, 110, 240])
    U2 = U1 * N2 / N1
    stem = f"Một máy biến áp lí tưởng có cuộn sơ cấp {N1} vòng, cuộn thứ cấp {N2} vòng. Đặt vào hai đầu cuộn sơ cấp điện áp xoay chiều có giá trị hiệu dụng {U1} V. Tính điện áp hiệu dụng ở hai đầu cuộn thứ cấp để hở (đơn vị: V, làm tròn kết quả đến hàng đơn vị)."
    sol = _sol(
        _mx(
            r"\dfrac{U_2}{U_1} = \dfrac{N_2}{N_1} \Rightarrow U_2 = <U>\cdot\dfrac{<b>}{<a>} \approx <v>\ \text{V}",
            U=U1,
            a=N1,
            b=N2,
            v=_tn(U2, 1),
        )
        + "."
    )
    return _it(_sn(stem, U2, sol), "vat-ly", 12, "Bài 18", 1, "hieu")


_NUCLIDES = [("C", 6, 12), ("C", 6, 14), ("O", 8, 16), ("Na", 11, 23), ("Al", 13, 27), ("Fe", 26, 56),
             ("Co", 27, 60), ("I", 53, 131), ("U", 92, 235), ("U", 92, 238), ("Ra", 88, 226),
             ("Po", 84, 210), ("He", 2, 4), ("K", 19, 40), ("P", 15, 32), ("Sr", 38, 90), ("Cs", 55, 137)]  # fmt: skip
_HALF_LIVES = [("I", 53, 131, 8, "ngày"), ("Po", 84, 210, 138, "ngày"), ("P", 15, 32, 14, "ngày"),
               ("Co", 27, 60, 5.27, "năm"), ("C", 6, 14, 5730, "năm"), ("Sr", 38, 90, 28.8, "năm")]  # fmt: skip
_BINDING = [("He", 2, 4, "0,0304", 0.0304), ("C", 6, 12, "0,0989", 0.0989), ("O", 8, 16, "0,1370", 0.1370),
            ("Fe", 26, 56, "0,5285", 0.5285)]  # fmt: skip


def _nuc(sym, Z, A) -> str:
    return _m("^{" + str(A) + "}_{" + str(Z) + "}\\mathrm{" + sym + "}")


def t_ly12_hat_nhan(r):
    kind = r.choice(["N", "N", "half", "half", "binding"])
    if kind == "N":
        sym, Z, A = r.choice(_NUCLIDES)
        N = A - Z
        ask = r.choice(["neutron", "nucleon", "proton"])
        value = {"neutron": N, "nucleon": A, "proton": Z}[ask]
        stem = f"Hạt nhân {_nuc(sym, Z, A)} có bao nhiêu {ask}?"
        sol = _sol(
            "Hạt nhân "
            + _nuc(sym, Z, A)
            + f" có Z = {Z} proton, A = {A} nucleon và N = A − Z = {N} neutron."
        )
        if r.random() < 0.5:
            return _it(_sn(stem, value, sol), "vat-ly", 12, "Bài 21", 3, "biet")
        wrong = [x for x in (A, Z, N, A + Z, N + 1) if x != value]
        q_ = _sc(r, stem, str(value), [str(w) for w in wrong], sol)
        return _it(q_, "vat-ly", 12, "Bài 21", 3, "biet")
    if kind == "half":
        sym, Z, A, T, unit = r.choice(_HALF_LIVES)
        k = r.randint(1, 5)
        m0 = r.choice([1, 2, 4, 8, 10, 16, 20, 32, 64, 100, 200])
        m = Fraction(m0, 2**k)
        t = T * k
        stem = f"Chất phóng xạ {_nuc(sym, Z, A)} có chu kì bán rã {_vn(T)} {unit}. Ban đầu có {m0} g chất này. Sau {_vn(t)} {unit}, khối lượng chất đó còn lại chưa phân rã là bao nhiêu gam? (Làm tròn kết quả đến hàng phần trăm.)"
        sol = _sol(
            _mx(
                r"m = m_0\cdot 2^{-\frac{t}{T}} = <m0>\cdot 2^{-<k>} = <m>\ \text{g}",
                m0=m0,
                k=k,
                m=_tn(m, 4),
            )
            + "."
        )
        return _it(_sn(stem, m, sol, 2), "vat-ly", 12, "Bài 23", 2, "van_dung")
    sym, Z, A, dm_text, dm = r.choice(_BINDING)
    W = dm * 931.5
    specific = r.random() < 0.5
    if specific:
        stem = f"Hạt nhân {_nuc(sym, Z, A)} có độ hụt khối {dm_text} u. Lấy 1 u = 931,5 MeV/c². Tính năng lượng liên kết riêng của hạt nhân này (đơn vị: MeV/nucleon, làm tròn kết quả đến hàng phần trăm)."
        value, places = W / A, 2
    else:
        stem = f"Hạt nhân {_nuc(sym, Z, A)} có độ hụt khối {dm_text} u. Lấy 1 u = 931,5 MeV/c². Tính năng lượng liên kết của hạt nhân này (đơn vị: MeV, làm tròn kết quả đến hàng đơn vị)."
        value, places = W, 0
    sol = _sol(_mx(r"W_{lk} = \Delta m\cdot c^2 = <d>\cdot 931{,}5 \approx <W>\ \text{MeV}", d=dm_text.replace(",", "{,}"), W=_tn(W, 2))
               + ("; " + _mx(r"W_{lkr} = \dfrac{W_{lk}}{A} \approx <w>\ \text{MeV/nucleon}", w=_tn(W / A, 2)) if specific else "") + ".")  # fmt: skip
    return _it(_sn(stem, value, sol, places), "vat-ly", 12, "Bài 22", 2, "hieu")


def t_ly12_khi_tf(r):
    p1, V1 = r.choice([1, 2, 3]), r.choice([4, 6, 8, 12])
    V2 = r.choice([v for v in (2, 3, 4, 6) if v != V1])
    p2 = Fraction(p1 * V1, V2)
    truth = _mix(r)
    statements = [
        ("Đây là quá trình " + ("đẳng nhiệt." if truth[0] else "đẳng áp."), truth[0]),
        ("Áp suất khí lúc sau là " + _u(p2 if truth[1] else Fraction(p1 * V2, V1), "atm", 2) + ".", truth[1] or p2 == Fraction(p1 * V2, V1)),
        ("Tích pV của lượng khí " + ("không đổi" if truth[2] else "tăng gấp đôi") + " trong quá trình này.", truth[2]),
        ("Mật độ phân tử khí trong xi lanh " + (("tăng" if V2 < V1 else "giảm") if truth[3] else ("giảm" if V2 < V1 else "tăng")) + ".", truth[3]),
    ]  # fmt: skip
    if not truth[1] and p2 == Fraction(p1 * V2, V1):
        return None
    action = "nén chậm" if V2 < V1 else "cho dãn nở chậm"
    stem = f"Một lượng khí xác định trong xi lanh có áp suất {p1} atm, thể tích {V1} lít. Người ta {action} khí đến thể tích {V2} lít, nhiệt độ khí được giữ không đổi. Xét tính đúng, sai của các phát biểu sau."
    sol = _sol(
        "Quá trình đẳng nhiệt, áp dụng định luật Boyle: "
        + _mx(r"p_2 = \dfrac{p_1V_1}{V_2} = <p>\ \text{atm}", p=_tn(p2, 2))
        + "; thể tích giảm thì mật độ phân tử tăng và ngược lại."
    )
    return _it(_tf(stem, statements, sol), "vat-ly", 12, "Bài 9", 2, "hieu")


def t_ly12_group_khi(r):
    k = r.choice([12, 24, 36, 48, 60])
    Vs = sorted(r.sample([2, 3, 4, 6, 8, 12], 4))
    ps = [Fraction(k, V) for V in Vs]
    row_v = "".join(f"<td>{V}</td>" for V in Vs)
    row_p = "".join(f"<td>{_vn(p, 2)}</td>" for p in ps)
    stimulus = (
        "<p>Một nhóm học sinh dùng bộ thí nghiệm gồm xi lanh kín có pit-tông và áp kế để khảo sát một lượng "
        "khí xác định, giữ nhiệt độ khí không đổi. Kết quả đo được ghi trong bảng:</p>"
        f"<table><tbody><tr><th>V (cm³)</th>{row_v}</tr><tr><th>p (10⁵ Pa)</th>{row_p}</tr></tbody></table>"
    )
    Vx = r.choice([v for v in (1, 1.5, 5, 10, 16, 20) if v not in Vs])
    px = k / Vx
    q1 = _sn(
        f"Từ bảng số liệu (V = {Vs[0]} cm³ ứng với p = {_vn(ps[0], 2)}·10⁵ Pa), tính tích pV của lượng khí (đơn vị: 10⁵ Pa·cm³).",
        k,
        _sol("Tích pV ở mọi lần đo đều bằng " + _m(str(k)) + "."),
    )
    q2 = _sn(
        f"Với lượng khí trong bảng số liệu trên (pV = {k}·10⁵ Pa·cm³), nếu nén đẳng nhiệt khí đến thể tích {_vn(Vx)} cm³ thì áp suất bằng bao nhiêu (đơn vị: 10⁵ Pa, làm tròn kết quả đến hàng phần mười)?",
        px,
        _sol(_mx(r"p = \dfrac{<k>}{<V>} \approx <p>", k=k, V=_tn(Vx), p=_tn(px, 2)) + " (10⁵ Pa)."),
        1,
    )
    q3 = _sc(
        r,
        f"Đồ thị biểu diễn p theo 1/V của lượng khí trong bảng số liệu (tích pV = {k}·10⁵ Pa·cm³) có dạng",
        "đường thẳng đi qua gốc toạ độ",
        ["đường hypebol", "đường thẳng song song với trục hoành", "đường parabol"],
        _sol("p = (pV)·(1/V) nên p tỉ lệ thuận với 1/V: đồ thị là đường thẳng qua gốc toạ độ."),
        none_option=False,
    )
    items = [
        _it(q1, "vat-ly", 12, "Bài 9", 1, "biet"),
        _it(q2, "vat-ly", 12, "Bài 9", 2, "hieu"),
        _it(q3, "vat-ly", 12, "Bài 9", 1, "hieu"),
    ]
    if any(i is None for i in items):
        return None
    return _Group(
        title=f"Thí nghiệm khảo sát định luật Boyle (pV = {k})", stimulus=stimulus, items=items
    )


def t_ly12_mr(r):
    sym, Z, A = r.choice(_NUCLIDES)
    N = A - Z
    options = [
        (f"Hạt nhân có {Z} proton.", True),
        (f"Hạt nhân có {N} neutron.", True),
        (f"Hạt nhân có {A} nucleon.", True),
        (f"Hạt nhân có {A} neutron.", False),
        (f"Nguyên tử trung hoà tương ứng có {A - Z} electron.", N == Z),
    ]
    if N == Z:
        return None
    chosen = r.sample(options[:3], r.choice([2, 3])) + options[3:]
    stem = f"Những phát biểu nào sau đây đúng về hạt nhân {_nuc(sym, Z, A)}?"
    sol = _sol(
        f"Z = {Z} proton; A = {A} nucleon; N = A − Z = {N} neutron; nguyên tử trung hoà có {Z} electron."
    )
    return _it(_mr(r, stem, chosen, sol), "vat-ly", 12, "Bài 21", 3, "hieu")


def t_ly12_cloze(r):
    sym, Z, A, T, unit = r.choice(_HALF_LIVES)
    m0 = r.choice([16, 32, 64, 80, 160])
    stem = (
        f"Chất phóng xạ {_nuc(sym, Z, A)} có chu kì bán rã {_vn(T)} {unit}. Từ {m0} g ban đầu, sau {_vn(T)} {unit} còn lại "
        f"{{{{1}}}} g, sau {_vn(2 * T)} {unit} còn lại {{{{2}}}} g và sau {_vn(3 * T)} {unit} còn lại {{{{3}}}} g chưa phân rã."
    )
    sol = _sol("Cứ sau mỗi chu kì bán rã, khối lượng chất phóng xạ còn lại giảm một nửa.")
    return _it(
        _cloze(stem, [_bn(Fraction(m0, 2)), _bn(Fraction(m0, 4)), _bn(Fraction(m0, 8))], sol),
        "vat-ly",
        12,
        "Bài 23",
        2,
        "hieu",
    )


def t_ly12_match(r):
    sym, Z, A = r.choice(_NUCLIDES)
    pairs = [("Số proton", str(Z)), ("Số nucleon", str(A)), ("Số neutron", str(A - Z)),
             ("Điện tích hạt nhân", f"+{Z}e")]  # fmt: skip
    if len({b for _, b in pairs}) < 4:
        return None
    stem = f"Ghép mỗi đại lượng của hạt nhân {_nuc(sym, Z, A)} ở cột trái với giá trị tương ứng ở cột phải."
    return _it(_match(r, stem, pairs, [str(A + Z)]), "vat-ly", 12, "Bài 21", 3, "biet")


def t_ly12_order(r):
    chosen = r.sample(_NUCLIDES, 4)
    if len({A - Z for _, Z, A in chosen}) < 4:
        return None
    listed = "; ".join(_nuc(*c) for c in chosen)
    chosen.sort(key=lambda c: c[2] - c[1])
    stem = f"Sắp xếp các hạt nhân sau theo thứ tự số neutron tăng dần: {listed}."
    sol = _sol("; ".join(_nuc(*c) + f": N = {c[2] - c[1]}" for c in chosen) + ".")
    return _it(_order(stem, [_nuc(*c) for c in chosen], sol), "vat-ly", 12, "Bài 21", 3, "hieu")


def t_ly12_essay(r):
    p1, V1, t1 = r.choice([1, 2]), r.choice([10, 12, 20]), r.choice([27, 17, 7])
    t2 = r.choice([127, 227, 77])
    T1, T2 = t1 + 273, t2 + 273
    p2 = Fraction(p1 * T2, T1)
    stem = (
        f"Một bình kín có thể tích không đổi {V1} lít chứa khí lí tưởng ở áp suất {p1} atm, nhiệt độ {t1} °C. Đun nóng bình đến {t2} °C. "
        "a) Quá trình biến đổi trạng thái của khí là quá trình gì? b) Tính áp suất khí lúc sau. c) Giải thích vì sao áp suất tăng "
        "theo mô hình động học phân tử. (Lấy T = t + 273.)"
    )
    guide = [
        ("a) Nhận ra quá trình đẳng tích (thể tích không đổi)", 0.5),
        ("b) " + _mx(r"\dfrac{p_1}{T_1} = \dfrac{p_2}{T_2} \Rightarrow p_2 = <p>\ \text{atm}", p=_tn(p2, 2)), 1.0),
        ("c) Nhiệt độ tăng, phân tử chuyển động nhanh hơn, va chạm vào thành bình mạnh và nhiều hơn nên áp suất tăng", 0.5),
    ]  # fmt: skip
    return _it(_essay(stem, guide), "vat-ly", 12, "Bài 13", 1, "van_dung")


def _ly12_plan():
    return [
        (_facts_template(_LY12_FACTS, "vat-ly", 12), 11),
        (t_ly12_nhiet_do, 8),
        (t_ly12_nhiet_luong, 14),
        (t_ly12_noi_nang, 8),
        (t_ly12_khi, 16),
        (t_ly12_phan_tu, 5),
        (t_ly12_tu_truong, 20),
        (t_ly12_hat_nhan, 16),
        (t_ly12_khi_tf, 6),
        (t_ly12_group_khi, 2),
        (t_ly12_mr, 4),
        (t_ly12_cloze, 4),
        (t_ly12_match, 4),
        (t_ly12_order, 4),
        (t_ly12_essay, 3),
    ]


# =======================================================================================
# HOÁ HỌC
# =======================================================================================

_MASS = {
    "H": 1, "He": 4, "Li": 7, "Be": 9, "B": 11, "C": 12, "N": 14, "O": 16, "F": 19, "Ne": 20,
    "Na": 23, "Mg": 24, "Al": 27, "Si": 28, "P": 31, "S": 32, "Cl": Fraction(71, 2), "Ar": 40,
    "K": 39, "Ca": 40, "Cr": 52, "Mn": 55, "Fe": 56, "Cu": 64, "Zn": 65, "Br": 80, "Ag": 108,
    "I": 127, "Ba": 137, "Pb": 207,
}  # fmt: skip
_MOLAR_VOLUME = Fraction(2479, 100)  # L/mol at 25 °C and 1 bar (đkc)
_TOKEN = re.compile(r"[A-Z][a-z]?|\(|\)|\d+")


def _atoms(formula: str) -> dict[str, int]:
    """Element counts of a formula such as Fe2(SO4)3, (C17H35COO)3C3H5 or CuSO4·5H2O."""
    total: dict[str, int] = {}
    for part in formula.split("·"):
        lead = re.match(r"^(\d*)(.*)$", part)
        mult = int(lead.group(1) or 1)
        stack: list[dict[str, int]] = [{}]
        tokens = _TOKEN.findall(lead.group(2))
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            i += 1
            count = 1
            if tok != "(" and i < len(tokens) and tokens[i].isdigit():
                count = int(tokens[i])
                i += 1
            if tok == "(":
                stack.append({})
            elif tok == ")":
                for el, n in stack.pop().items():
                    stack[-1][el] = stack[-1].get(el, 0) + n * count
            else:
                stack[-1][tok] = stack[-1].get(tok, 0) + count
        for el, n in stack[0].items():
            total[el] = total.get(el, 0) + n * mult
    return total


def _molar(formula: str) -> Fraction:
    return sum((Fraction(_MASS[el]) * n for el, n in _atoms(formula).items()), Fraction(0))


def _chem(formula: str, charge: int = 0) -> str:
    """HTML with subscripts (and a superscript charge): Fe2(SO4)3 → Fe<sub>2</sub>(SO<sub>4</sub>)<sub>3</sub>."""
    html = re.sub(r"(?<=[A-Za-z)\]])(\d+)", r"<sub>\1</sub>", formula)
    if charge:
        size = "" if abs(charge) == 1 else str(abs(charge))
        html += f"<sup>{size}{'+' if charge > 0 else '−'}</sup>"
    return html


def _parse_side(side: str) -> list[tuple[int, str]]:
    terms = []
    for term in side.split(" + "):
        m = re.match(r"^(\d*)(\S+)$", term.strip())
        terms.append((int(m.group(1) or 1), m.group(2)))
    return terms


def _equation(text: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    left, right = text.split(" -> ")
    return _parse_side(left), _parse_side(right)


def _balanced(text: str) -> bool:
    left, right = _equation(text)

    def count(side):
        total: dict[str, int] = {}
        for coef, formula in side:
            for el, n in _atoms(formula).items():
                total[el] = total.get(el, 0) + coef * n
        return total

    return count(left) == count(right)


def _eq_html(text: str, blanks: bool = False, cond: str = "") -> str:
    """An equation in HTML; with ``blanks`` every coefficient is a cloze gap {{n}}."""
    left, right = _equation(text)
    n = 0

    def side(terms):
        nonlocal n
        out = []
        for coef, formula in terms:
            if blanks:
                n += 1
                out.append(f"{{{{{n}}}}}{_chem(formula)}")
            else:
                out.append(("" if coef == 1 else str(coef)) + _chem(formula))
        return " + ".join(out)

    arrow = " → " if not cond else f" \u2192<sup>{cond}</sup> "
    return side(left) + arrow + side(right)


_REACTIONS = [
    ("4Al + 3O2 -> 2Al2O3", "hoa-hoc", 10, "Bài 15", 3, ""),
    ("2Fe + 3Cl2 -> 2FeCl3", "hoa-hoc", 10, "Bài 15", 3, "t°"),
    ("3Cu + 8HNO3 -> 3Cu(NO3)2 + 2NO + 4H2O", "hoa-hoc", 10, "Bài 15", 3, ""),
    ("Cu + 4HNO3 -> Cu(NO3)2 + 2NO2 + 2H2O", "hoa-hoc", 10, "Bài 15", 3, ""),
    ("MnO2 + 4HCl -> MnCl2 + Cl2 + 2H2O", "hoa-hoc", 10, "Bài 15", 3, "t°"),
    ("2KMnO4 + 16HCl -> 2KCl + 2MnCl2 + 5Cl2 + 8H2O", "hoa-hoc", 10, "Bài 15", 3, ""),
    ("4NH3 + 5O2 -> 4NO + 6H2O", "hoa-hoc", 10, "Bài 15", 3, "t°, xt"),
    ("Fe2O3 + 3CO -> 2Fe + 3CO2", "hoa-hoc", 10, "Bài 15", 3, "t°"),
    ("2H2S + SO2 -> 3S + 2H2O", "hoa-hoc", 10, "Bài 15", 3, ""),
    ("C + 4HNO3 -> CO2 + 4NO2 + 2H2O", "hoa-hoc", 10, "Bài 15", 3, "t°"),
    ("3Fe + 2O2 -> Fe3O4", "hoa-hoc", 10, "Bài 15", 3, "t°"),
    ("4FeS2 + 11O2 -> 2Fe2O3 + 8SO2", "hoa-hoc", 10, "Bài 15", 3, "t°"),
    ("8Al + 3Fe3O4 -> 4Al2O3 + 9Fe", "hoa-hoc", 10, "Bài 15", 3, "t°"),
    ("2Al + 6HCl -> 2AlCl3 + 3H2", "hoa-hoc", 10, "Bài 15", 3, ""),
    ("Cu + 2H2SO4 -> CuSO4 + SO2 + 2H2O", "hoa-hoc", 10, "Bài 15", 3, "t°"),
    ("2Fe + 6H2SO4 -> Fe2(SO4)3 + 3SO2 + 6H2O", "hoa-hoc", 10, "Bài 15", 3, "t°"),
    ("2KClO3 -> 2KCl + 3O2", "hoa-hoc", 10, "Bài 15", 3, "t°, MnO2"),
    ("2KMnO4 -> K2MnO4 + MnO2 + O2", "hoa-hoc", 10, "Bài 15", 3, "t°"),
    ("Cl2 + 2NaOH -> NaCl + NaClO + H2O", "hoa-hoc", 10, "Bài 21", 2, ""),
    ("3Cl2 + 6KOH -> 5KCl + KClO3 + 3H2O", "hoa-hoc", 10, "Bài 21", 2, "t°"),
    ("CH4 + 2O2 -> CO2 + 2H2O", "hoa-hoc", 11, "Bài 15", 2, "t°"),
    ("C2H5OH + 3O2 -> 2CO2 + 3H2O", "hoa-hoc", 11, "Bài 20", 2, "t°"),
    ("C3H8 + 5O2 -> 3CO2 + 4H2O", "hoa-hoc", 11, "Bài 15", 2, "t°"),
    ("2C2H6 + 7O2 -> 4CO2 + 6H2O", "hoa-hoc", 11, "Bài 15", 2, "t°"),
    ("N2 + 3H2 -> 2NH3", "hoa-hoc", 11, "Bài 5", 2, "t°, xt, p"),
    ("4NO2 + O2 + 2H2O -> 4HNO3", "hoa-hoc", 11, "Bài 6", 1, ""),
    ("2SO2 + O2 -> 2SO3", "hoa-hoc", 11, "Bài 7", 2, "t°, V2O5"),
    ("2Na + 2H2O -> 2NaOH + H2", "hoa-hoc", 12, "Bài 24", 2, ""),
    ("2NaHCO3 -> Na2CO3 + CO2 + H2O", "hoa-hoc", 12, "Bài 24", 2, "t°"),
    ("C6H12O6 -> 2C2H5OH + 2CO2", "hoa-hoc", 12, "Bài 4", 3, "enzyme"),
]  # fmt: skip

_ELEMENTS = ["hydrogen", "helium", "lithium", "beryllium", "boron", "carbon", "nitrogen", "oxygen",
             "fluorine", "neon", "sodium", "magnesium", "aluminium", "silicon", "phosphorus", "sulfur",
             "chlorine", "argon", "potassium", "calcium"]  # fmt: skip
_SYMBOLS = ["H", "He", "Li", "Be", "B", "C", "N", "O", "F", "Ne", "Na", "Mg", "Al", "Si", "P", "S",
            "Cl", "Ar", "K", "Ca"]  # fmt: skip
_ROMAN = ["", "IA", "IIA", "IIIA", "IVA", "VA", "VIA", "VIIA", "VIIIA"]


def _configuration(z: int) -> list[tuple[str, int]]:
    out = []
    for orbital, cap in (("1s", 2), ("2s", 2), ("2p", 6), ("3s", 2), ("3p", 6), ("4s", 2)):
        if z <= 0:
            break
        n = min(cap, z)
        out.append((orbital, n))
        z -= n
    return out


def _config_html(config) -> str:
    return " ".join(f"{o}<sup>{n}</sup>" for o, n in config)


def _position(z: int) -> tuple[int, str, int]:
    """(period, group, valence electrons) for Z ≤ 20."""
    config = _configuration(z)
    period = int(config[-1][0][0])
    outer = sum(n for o, n in config if int(o[0]) == period)
    group = "VIIIA" if z in (2, 10, 18) else _ROMAN[outer]
    return period, group, outer


def t_hoa10_hat(r):
    ions = [("Na", 11, 23, 1), ("Mg", 12, 24, 2), ("Al", 13, 27, 3), ("Cl", 17, 35, -1), ("O", 8, 16, -2),
            ("S", 16, 32, -2), ("F", 9, 19, -1), ("K", 19, 39, 1), ("Ca", 20, 40, 2), ("N", 7, 14, -3)]  # fmt: skip
    sym, Z, A, charge = r.choice(ions)
    as_ion = r.random() < 0.5
    N = A - Z
    e = Z - charge if as_ion else Z
    particle = _chem(sym, charge) if as_ion else "nguyên tử " + sym
    nucl = _m("^{" + str(A) + "}_{" + str(Z) + r"}\mathrm{" + sym + "}")
    stem = f"Cho kí hiệu nguyên tử {nucl}. Tổng số hạt proton, neutron và electron trong {particle} là bao nhiêu?"
    total = Z + N + e
    sol = _sol(
        f"Số proton = {Z}, số neutron = {A} − {Z} = {N}, số electron của {particle} = {e}; tổng = {total}."
    )
    if r.random() < 0.5:
        return _it(_sn(stem, total, sol), "hoa-hoc", 10, "Bài 2", 1, "hieu")
    stem = f"Cho kí hiệu nguyên tử {nucl}. Số electron trong {particle} là"
    wrong = [Z + charge, A, N, Z] if as_ion else [A, N, Z + 1, A + Z]
    q_ = _sc(r, stem, str(e), [str(w) for w in wrong], sol)
    return _it(q_, "hoa-hoc", 10, "Bài 1", 2, "biet")


_ISOTOPES = [("Cl", 35, 37, 75.77, "chlorine"), ("Cu", 63, 65, 69.15, "copper"), ("Br", 79, 81, 50.69, "bromine"),
             ("B", 10, 11, 19.9, "boron"), ("Li", 6, 7, 7.59, "lithium"), ("Ga", 69, 71, 60.11, "gallium")]  # fmt: skip


def t_hoa10_ntk(r):
    sym, a1, a2, pct, name = r.choice(_ISOTOPES)
    x = round(pct + r.choice([-1.5, -1, -0.5, 0, 0.5, 1, 1.5]), 2)
    avg = (a1 * x + a2 * (100 - x)) / 100
    stem = (
        f"Nguyên tố {name} có hai đồng vị bền là "
        + _m("^{" + str(a1) + r"}\mathrm{" + sym + "}")
        + " (chiếm "
        f"{_vn(x)}% số nguyên tử) và "
        + _m("^{" + str(a2) + r"}\mathrm{" + sym + "}")
        + ". Tính nguyên tử khối trung bình "
        f"của {name} (làm tròn kết quả đến hàng phần mười)."
    )
    sol = _sol(
        _mx(
            r"\bar{A} = \dfrac{<a1>\cdot <x> + <a2>\cdot <y>}{100} \approx <v>",
            a1=a1,
            a2=a2,
            x=_tn(x),
            y=_tn(round(100 - x, 2)),
            v=_tn(avg, 3),
        )
        + "."
    )
    return _it(_sn(stem, avg, sol, 1), "hoa-hoc", 10, "Bài 2", 3, "hieu")


def t_hoa10_cau_hinh(r):
    z = r.randint(3, 20)
    name, sym = _ELEMENTS[z - 1], _SYMBOLS[z - 1]
    config = _configuration(z)
    period, group, outer = _position(z)
    kind = r.choice(["config", "outer", "position", "name"])
    sol = _sol(f"Cấu hình electron của {sym} (Z = {z}): {_config_html(config)}.",
               f"Nguyên tố thuộc chu kì {period} (có {period} lớp electron), nhóm {group} ({outer} electron lớp ngoài cùng).")  # fmt: skip
    if kind == "config":
        stem = f"Cấu hình electron của nguyên tử {name} (Z = {z}) là"
        wrong = []
        if z > 18:
            wrong.append(_config_html([*_configuration(18), ("3d", z - 18)]))
        if z >= 5:
            c2 = list(config)
            c2[-1] = (c2[-1][0], c2[-1][1] - 1)
            wrong.append(
                _config_html([c for c in c2 if c[1]] + [("4s" if c2[-1][0] != "4s" else "4p", 1)])
            )
        wrong.append(_config_html(_configuration(z - 1)))
        wrong.append(_config_html(_configuration(z + 1)))
        wrong.append(_config_html(_configuration(z + 2)))
        q_ = _sc(r, stem, _config_html(config), wrong, sol)
        return _it(q_, "hoa-hoc", 10, "Bài 3", 3, "biet")
    if kind == "outer":
        stem = f"Nguyên tử {name} (Z = {z}) có bao nhiêu electron ở lớp ngoài cùng?"
        return _it(_sn(stem, outer, sol), "hoa-hoc", 10, "Bài 3", 3, "hieu")
    if kind == "position":
        stem = f"Vị trí của nguyên tố {name} (Z = {z}) trong bảng tuần hoàn là"
        key = f"chu kì {period}, nhóm {group}"
        other_groups = [g for g in _ROMAN[1:] if g != group]
        wrong = [f"chu kì {period + 1}, nhóm {group}", f"chu kì {period}, nhóm {r.choice(other_groups)}",
                 f"chu kì {outer}, nhóm {_ROMAN[min(period, 8)]}", f"chu kì {period - 1}, nhóm {group}"]  # fmt: skip
        q_ = _sc(r, stem, key, wrong, sol)
        return _it(q_, "hoa-hoc", 10, "Bài 5", 2, "hieu")
    stem = f"Nguyên tố có số hiệu nguyên tử Z = {z} có tên gọi (theo IUPAC) là gì?"
    old_names = {"sodium": ["natri"], "potassium": ["kali"], "aluminium": ["nhôm", "aluminum"],
                 "sulfur": ["lưu huỳnh"], "oxygen": ["oxi"], "nitrogen": ["nitơ"], "chlorine": ["clo"],
                 "calcium": ["canxi"], "magnesium": ["magie"], "phosphorus": ["photpho"],
                 "fluorine": ["flo"], "carbon": ["cacbon"]}  # fmt: skip
    answers = [name, *old_names.get(name, [])]
    return _it(_st(stem, answers, sol), "hoa-hoc", 10, "Bài 2", 1, "biet")


_KNOWN_OX = {"H": 1, "O": -2, "Na": 1, "K": 1, "Li": 1, "Ca": 2, "Mg": 2, "Ba": 2, "Al": 3, "F": -1}
_OX_CASES = [
    ("H2SO4", 0, "S"), ("SO2", 0, "S"), ("SO3", 0, "S"), ("H2S", 0, "S"), ("Na2SO3", 0, "S"),
    ("KMnO4", 0, "Mn"), ("MnO2", 0, "Mn"), ("K2Cr2O7", 0, "Cr"), ("K2CrO4", 0, "Cr"), ("HNO3", 0, "N"),
    ("NO2", 0, "N"), ("NH3", 0, "N"), ("NH4", 1, "N"), ("NO3", -1, "N"), ("N2O", 0, "N"), ("HClO", 0, "Cl"),
    ("KClO3", 0, "Cl"), ("HClO4", 0, "Cl"), ("Cl2O7", 0, "Cl"), ("Fe2O3", 0, "Fe"), ("FeO", 0, "Fe"),
    ("Fe(OH)3", 0, "Fe"), ("H3PO4", 0, "P"), ("P2O5", 0, "P"), ("CO2", 0, "C"), ("CH4", 0, "C"),
    ("CO3", -2, "C"), ("SO4", -2, "S"), ("Cr2O7", -2, "Cr"), ("MnO4", -1, "Mn"), ("NaClO", 0, "Cl"),
    ("HNO2", 0, "N"), ("Na2S2O3", 0, "S"), ("PO4", -3, "P"), ("H2SO3", 0, "S"),
]  # fmt: skip


def _oxidation(formula: str, charge: int, target: str) -> Fraction:
    atoms = _atoms(formula)
    rest = sum(_KNOWN_OX[el] * n for el, n in atoms.items() if el != target)
    return Fraction(charge - rest, atoms[target])


def _ox_text(value) -> str:
    value = Fraction(value)
    return ("+" if value > 0 else "") + _vn(value)


def t_hoa10_so_oxh(r):
    formula, charge, target = r.choice(_OX_CASES)
    value = _oxidation(formula, charge, target)
    species = ("ion " if charge else "hợp chất ") + _chem(formula, charge)
    sol = _sol(
        "Trong hợp chất, H có số oxi hoá +1, O có số oxi hoá −2, kim loại nhóm IA là +1, nhóm IIA là +2, Al là +3; "
        f"tổng số oxi hoá bằng điện tích của phân tử/ion ({charge}). Suy ra số oxi hoá của {target} là {_ox_text(value)}."
    )
    if r.random() < 0.5:
        stem = f"Số oxi hoá của {target} trong {species} là"
        wrong = [
            _ox_text(-value),
            _ox_text(value - 2),
            _ox_text(value + 2),
            _ox_text(value + 1),
            "0",
        ]
        q_ = _sc(r, stem, _ox_text(value), wrong, sol)
        return _it(q_, "hoa-hoc", 10, "Bài 15", 1, "biet")
    stem = f"Xác định số oxi hoá của nguyên tử {target} trong {species} (ghi số có dấu, ví dụ −3 ghi là -3, +5 ghi là 5)."
    return _it(_sn(stem, value, sol), "hoa-hoc", 10, "Bài 15", 1, "hieu")


def _scheme(text: str) -> str:
    """The unbalanced scheme of an equation (all coefficients dropped)."""
    return " -> ".join(" + ".join(f for _, f in side) for side in _equation(text))


def _reaction_template(lesson_grade: int):
    pool = [x for x in _REACTIONS if x[2] == lesson_grade]

    def template(r):
        text, subject, grade, lesson, y, cond = r.choice(pool)
        left, right = _equation(text)
        coefs = [c for c, _ in left + right]
        shown = _eq_html(text, cond=cond)
        sol = _sol("Phương trình đã cân bằng: " + shown + ".")
        kind = r.random()
        if kind < 0.45:
            stem = (
                "Cân bằng phương trình hoá học sau (điền hệ số tối giản, hệ số 1 cũng phải điền): "
                + _eq_html(text, blanks=True, cond=cond)
            )
            return _it(
                _cloze(stem, [_bn(c) for c in coefs], sol), subject, grade, lesson, y, "hieu"
            )
        if kind < 0.75:
            stem = (
                "Cho sơ đồ phản ứng: "
                + _eq_html(_scheme(text), cond=cond)
                + ". Sau khi cân bằng với các hệ số "
                "nguyên tối giản, tổng hệ số của các chất trong phương trình là bao nhiêu?"
            )
            return _it(_sn(stem, sum(coefs), sol), subject, grade, lesson, y, "van_dung")
        first = left[0][1]
        stem = (
            "Cho sơ đồ phản ứng: "
            + _eq_html(_scheme(text), cond=cond)
            + ". Sau khi cân bằng với hệ số nguyên "
            f"tối giản, hệ số của {_chem(first)} là"
        )
        wrong = [
            str(c) for c in sorted(set(coefs) | {left[0][0] + 1, left[0][0] * 2}) if c != left[0][0]
        ]
        q_ = _sc(r, stem, str(left[0][0]), wrong, sol)
        return _it(q_, subject, grade, lesson, y, "hieu")

    return template


_DH_DATA = {
    "CO2(g)": Fraction(-3935, 10), "H2O(l)": Fraction(-2858, 10), "H2O(g)": Fraction(-2418, 10),
    "CH4(g)": Fraction(-746, 10), "C2H4(g)": Fraction(524, 10), "C2H6(g)": Fraction(-840, 10),
    "CO(g)": Fraction(-1105, 10), "NH3(g)": Fraction(-459, 10), "NO(g)": Fraction(913, 10),
    "SO2(g)": Fraction(-2968, 10), "SO3(g)": Fraction(-3957, 10), "Fe2O3(s)": Fraction(-8242, 10),
    "Al2O3(s)": Fraction(-16757, 10), "CaCO3(s)": Fraction(-12069, 10), "CaO(s)": Fraction(-6351, 10),
    "C2H5OH(l)": Fraction(-2776, 10), "O2(g)": Fraction(0), "H2(g)": Fraction(0), "Al(s)": Fraction(0),
    "Fe(s)": Fraction(0),
}  # fmt: skip
_DH_REACTIONS = [
    "CH4(g) + 2O2(g) -> CO2(g) + 2H2O(l)", "C2H4(g) + 3O2(g) -> 2CO2(g) + 2H2O(l)",
    "2CO(g) + O2(g) -> 2CO2(g)", "CaCO3(s) -> CaO(s) + CO2(g)", "4NH3(g) + 5O2(g) -> 4NO(g) + 6H2O(g)",
    "2SO2(g) + O2(g) -> 2SO3(g)", "Fe2O3(s) + 2Al(s) -> Al2O3(s) + 2Fe(s)",
    "C2H5OH(l) + 3O2(g) -> 2CO2(g) + 3H2O(l)", "C2H4(g) + H2(g) -> C2H6(g)",
    "CH4(g) + 2O2(g) -> CO2(g) + 2H2O(g)",
]  # fmt: skip


def _species_html(s: str) -> str:
    formula, state = s.split("(")
    return _chem(formula) + "(" + state


def t_hoa10_enthalpy(r):
    text = r.choice(_DH_REACTIONS)
    left, right = _equation(text)
    dH = sum(c * _DH_DATA[f] for c, f in right) - sum(c * _DH_DATA[f] for c, f in left)
    eq = (
        " + ".join(("" if c == 1 else str(c)) + _species_html(f) for c, f in left)
        + " → "
        + " + ".join(("" if c == 1 else str(c)) + _species_html(f) for c, f in right)
    )
    species = [f for _, f in left + right if _DH_DATA[f] != 0]
    data = "; ".join(_species_html(f) + ": " + _vn(_DH_DATA[f]) for f in dict.fromkeys(species))
    stem = (
        f"Cho phản ứng: {eq}. Biết enthalpy tạo thành chuẩn "
        + _m(r"\Delta_fH^\circ_{298}")
        + f" (kJ/mol) của các chất: {data}. "
        "Biến thiên enthalpy chuẩn của phản ứng là"
    )
    no_coef = sum(_DH_DATA[f] for _, f in right) - sum(_DH_DATA[f] for _, f in left)
    wrong = [-dH, no_coef, -no_coef, dH + 2 * _DH_DATA[right[0][1]]]
    sol = _sol(
        _m(
            r"\Delta_rH^\circ_{298} = \sum \Delta_fH^\circ_{298}(\text{sp}) - \sum \Delta_fH^\circ_{298}(\text{cđ})"
        )
        + f" = {_vn(dH)} kJ. Phản ứng "
        + ("toả nhiệt" if dH < 0 else "thu nhiệt")
        + "."
    )
    q_ = _sc(r, stem, _vn(dH) + " kJ", [_vn(w) + " kJ" for w in wrong], sol)
    return _it(q_, "hoa-hoc", 10, "Bài 17", 3, "van_dung")


def t_hoa10_toc_do(r):
    if r.random() < 0.5:
        gamma = r.choice([2, 3, 4])
        t1 = r.choice([20, 25, 30, 40])
        dT = r.choice([10, 20, 30])
        k = gamma ** (dT // 10)
        stem = f"Hệ số nhiệt độ Van't Hoff của một phản ứng là γ = {gamma}. Khi tăng nhiệt độ từ {t1} °C lên {t1 + dT} °C thì tốc độ phản ứng tăng lên bao nhiêu lần?"
        sol = _sol(
            _mx(
                r"\dfrac{v_2}{v_1} = \gamma^{\frac{T_2 - T_1}{10}} = <g>^{<e>} = <k>",
                g=gamma,
                e=dT // 10,
                k=k,
            )
            + "."
        )
        return _it(_sn(stem, k, sol), "hoa-hoc", 10, "Bài 19", 2, "hieu")
    c0 = r.choice([Fraction(1, 10), Fraction(2, 10), Fraction(5, 10), Fraction(1), Fraction(8, 10)])
    frac = r.choice([Fraction(1, 4), Fraction(1, 2), Fraction(3, 4), Fraction(2, 5)])
    t = r.choice([10, 20, 25, 40, 50, 100])
    c1 = c0 * (1 - frac)
    v = (c0 - c1) / t
    substance = r.choice(
        [
            ("Br2", "Br<sub>2</sub> + HCOOH → 2HBr + CO<sub>2</sub>"),
            ("N2O5", "2N<sub>2</sub>O<sub>5</sub> → 4NO<sub>2</sub> + O<sub>2</sub>"),
            ("H2O2", "2H<sub>2</sub>O<sub>2</sub> → 2H<sub>2</sub>O + O<sub>2</sub>"),
        ]
    )
    coef = 2 if substance[0] != "Br2" else 1
    rate = v / coef
    stem = (
        f"Cho phản ứng: {substance[1]}. Nồng độ ban đầu của {_chem(substance[0])} là {_vn(c0)} M, sau {t} giây còn lại "
        f"{_vn(c1)} M. Tốc độ trung bình của phản ứng trong khoảng thời gian đó là"
    )
    sol = _sol(
        _mx(
            r"\bar{v} = -\dfrac{1}{<a>}\cdot\dfrac{\Delta C}{\Delta t} = \dfrac{<c0> - <c1>}{<a>\cdot <t>} = <v>\ \text{M/s}",
            a=coef,
            c0=_tn(c0),
            c1=_tn(c1),
            t=t,
            v=_sci(float(rate)),
        )
        + "."
    )
    key = _m(_sci(float(rate)) + r"\ \text{M/s}")
    wrong = [_m(_sci(float(rate * 2 if coef == 1 else v)) + r"\ \text{M/s}"), _m(_sci(float(c1 / t)) + r"\ \text{M/s}"),
             _m(_sci(float(rate * 10)) + r"\ \text{M/s}"), _m(_sci(float(c0 / t)) + r"\ \text{M/s}")]  # fmt: skip
    return _it(_sc(r, stem, key, wrong, sol), "hoa-hoc", 10, "Bài 19", 1, "hieu")


_METAL_ACID = [("Zn", 2, "ZnCl2"), ("Mg", 2, "MgCl2"), ("Fe", 2, "FeCl2"), ("Al", 3, "AlCl3")]


def t_hoa10_halogen_tinh(r):
    metal, valence, _salt = r.choice(_METAL_ACID)
    M = _MASS[metal]
    m = Fraction(r.choice([1, 2, 3, 4, 5, 6, 8, 10, 12, 13])) * (
        Fraction(M, 10) if metal != "Al" else Fraction(27, 10)
    )
    n_metal = m / M
    n_h2 = n_metal * valence / 2
    V = n_h2 * _MOLAR_VOLUME
    eq = {
        "Zn": "Zn + 2HCl -> ZnCl2 + H2",
        "Mg": "Mg + 2HCl -> MgCl2 + H2",
        "Fe": "Fe + 2HCl -> FeCl2 + H2",
        "Al": "2Al + 6HCl -> 2AlCl3 + 3H2",
    }[metal]
    stem = (
        f"Cho {_vn(m)} gam {metal} tác dụng hết với dung dịch HCl dư. Tính thể tích khí H<sub>2</sub> thu được ở điều kiện "
        "chuẩn (25 °C, 1 bar), biết thể tích mol khí ở điều kiện này là 24,79 L/mol (đơn vị: lít, làm tròn kết quả đến hàng phần trăm)."
    )
    sol = _sol(
        _eq_html(eq) + ".",
        _mx(r"n_{<M>} = \dfrac{<m>}{<A>} = <n>\ \text{mol} \Rightarrow n_{H_2} = <h>\ \text{mol};\ V = <h>\cdot 24{,}79 \approx <V>\ \text{L}", M=metal, m=_tn(m), A=M, n=_tn(n_metal, 4), h=_tn(n_h2, 4), V=_tn(V, 2)) + ".",
    )  # fmt: skip
    return _it(_sn(stem, V, sol, 2), "hoa-hoc", 10, "Bài 22", 3, "van_dung")


_HOA10_FACTS = [
    ("Ở điều kiện thường, đơn chất halogen nào sau đây tồn tại ở thể lỏng?", "Bromine (Br<sub>2</sub>)",
     ["Chlorine (Cl<sub>2</sub>)", "Iodine (I<sub>2</sub>)", "Fluorine (F<sub>2</sub>)"], "Bài 21", 1, "biet",
     "Ở điều kiện thường, F₂ và Cl₂ là chất khí, Br₂ là chất lỏng màu nâu đỏ, I₂ là chất rắn."),
    ("Khí chlorine có màu", "vàng lục", ["nâu đỏ", "tím đen", "không màu"], "Bài 21", 1, "biet",
     "Cl₂ là chất khí màu vàng lục, mùi xốc, độc."),
    ("Nhỏ dung dịch AgNO<sub>3</sub> vào dung dịch NaCl thấy xuất hiện", "kết tủa trắng AgCl",
     ["kết tủa vàng AgCl", "kết tủa vàng nhạt AgBr", "không có hiện tượng"], "Bài 22", 3, "biet",
     "Ag⁺ + Cl⁻ → AgCl↓ (trắng)."),
    ("Dung dịch muối nào sau đây không tạo kết tủa khi nhỏ dung dịch AgNO<sub>3</sub> vào?", "NaF",
     ["NaCl", "NaBr", "NaI"], "Bài 22", 3, "hieu", "AgF tan trong nước nên NaF không tạo kết tủa với AgNO₃."),
    ("Trong nhóm halogen, đi từ fluorine đến iodine, tính oxi hoá của các đơn chất", "giảm dần",
     ["tăng dần", "không đổi", "tăng rồi giảm"], "Bài 21", 2, "biet",
     "Bán kính nguyên tử tăng, độ âm điện giảm nên khả năng nhận electron (tính oxi hoá) giảm dần."),
    ("Liên kết trong phân tử NaCl là", "liên kết ion", ["liên kết cộng hoá trị không phân cực",
     "liên kết cộng hoá trị phân cực", "liên kết hydrogen"], "Bài 11", 1, "biet",
     "Na nhường electron, Cl nhận electron tạo ion Na⁺ và Cl⁻ hút nhau bằng lực tĩnh điện."),
    ("Theo quy tắc octet, khi hình thành liên kết hoá học, nguyên tử của các nguyên tố nhóm A có xu hướng",
     "đạt cấu hình 8 electron lớp ngoài cùng bền vững giống khí hiếm", ["luôn nhường hết electron",
     "luôn nhận thêm 8 electron", "đạt cấu hình 18 electron lớp ngoài cùng"], "Bài 10", 1, "biet",
     "Quy tắc octet."),
    ("Phản ứng nung vôi CaCO<sub>3</sub> → CaO + CO<sub>2</sub> là phản ứng", "thu nhiệt",
     ["toả nhiệt", "không có sự trao đổi nhiệt", "oxi hoá – khử"], "Bài 17", 2, "biet",
     "Phải cung cấp nhiệt liên tục (nung) nên đây là phản ứng thu nhiệt (ΔH > 0)."),
    ("Yếu tố nào sau đây không làm tăng tốc độ phản ứng giữa đá vôi và dung dịch HCl?", "Dùng đá vôi dạng cục to hơn",
     ["Tăng nồng độ dung dịch HCl", "Đun nóng hỗn hợp", "Nghiền nhỏ đá vôi"], "Bài 19", 2, "hieu",
     "Dùng đá vôi cục to làm giảm diện tích bề mặt tiếp xúc nên tốc độ phản ứng giảm."),
    ("Trong một chu kì, theo chiều tăng dần của điện tích hạt nhân, bán kính nguyên tử nói chung", "giảm dần",
     ["tăng dần", "không đổi", "tăng rồi giảm"], "Bài 6", 1, "biet",
     "Số lớp electron không đổi, điện tích hạt nhân tăng nên lực hút electron lớp ngoài tăng, bán kính giảm."),
]  # fmt: skip

_EN = {"H": 2.20, "Li": 0.98, "C": 2.55, "N": 3.04, "O": 3.44, "F": 3.98, "Na": 0.93, "Mg": 1.31,
       "Al": 1.61, "S": 2.58, "Cl": 3.16, "K": 0.82, "Ca": 1.00, "Br": 2.96}  # fmt: skip
_BONDS = [("NaCl", "Na", "Cl"), ("KCl", "K", "Cl"), ("MgO", "Mg", "O"), ("CaO", "Ca", "O"), ("NaF", "Na", "F"),
          ("KBr", "K", "Br"), ("HCl", "H", "Cl"), ("H2O", "H", "O"), ("NH3", "N", "H"), ("CO2", "C", "O"),
          ("SO2", "S", "O"), ("CH4", "C", "H"), ("Cl2", "Cl", "Cl"), ("O2", "O", "O"), ("N2", "N", "N"),
          ("H2", "H", "H"), ("HBr", "H", "Br"), ("CCl4", "C", "Cl")]  # fmt: skip


def _bond_type(a, b) -> str:
    d = abs(_EN[a] - _EN[b])
    if d < 0.4:
        return "liên kết cộng hoá trị không phân cực"
    if d < 1.7:
        return "liên kết cộng hoá trị phân cực"
    return "liên kết ion"


def t_hoa10_lien_ket(r):
    formula, a, b = r.choice(_BONDS)
    key = _bond_type(a, b)
    d = abs(_EN[a] - _EN[b])
    stem = (
        f"Dựa vào hiệu độ âm điện (độ âm điện của {a} là {_vn(_EN[a])}, của {b} là {_vn(_EN[b])}), liên kết giữa các "
        f"nguyên tử trong phân tử {_chem(formula)} thuộc loại"
    )
    if a == b:
        stem = f"Liên kết giữa các nguyên tử trong phân tử {_chem(formula)} thuộc loại"
    wrong = [
        "liên kết cộng hoá trị không phân cực",
        "liên kết cộng hoá trị phân cực",
        "liên kết ion",
        "liên kết kim loại",
    ]
    sol = _sol(f"Hiệu độ âm điện Δχ = {_vn(d, 2)}: Δχ < 0,4 là liên kết cộng hoá trị không phân cực; 0,4 ≤ Δχ < 1,7 là "
               "liên kết cộng hoá trị phân cực; Δχ ≥ 1,7 là liên kết ion.")  # fmt: skip
    q_ = _sc(r, stem, key, wrong, sol, none_option=False)
    return _it(q_, "hoa-hoc", 10, "Bài 12", 2, "hieu")


def t_hoa10_order(r):
    series = r.choice([
        (["Na", "Mg", "Al", "Si", "P", "S", "Cl"], "bán kính nguyên tử giảm dần", "Bài 6", 1,
         "Trong một chu kì, bán kính nguyên tử giảm dần theo chiều tăng điện tích hạt nhân."),
        (["Li", "Na", "K"], "bán kính nguyên tử tăng dần", "Bài 6", 1,
         "Trong một nhóm A, bán kính nguyên tử tăng dần từ trên xuống."),
        (["Na", "Mg", "Al", "Si", "P", "S", "Cl"], "độ âm điện tăng dần", "Bài 6", 2,
         "Trong một chu kì, độ âm điện tăng dần theo chiều tăng điện tích hạt nhân."),
        (["F", "Cl", "Br", "I"], "độ âm điện giảm dần", "Bài 6", 2, "Trong nhóm VIIA, độ âm điện giảm dần từ F đến I."),
        (["Na", "Mg", "Al"], "tính kim loại giảm dần", "Bài 6", 2, "Trong một chu kì, tính kim loại giảm dần."),
        (["Li", "Na", "K"], "tính kim loại tăng dần", "Bài 6", 2, "Trong nhóm IA, tính kim loại tăng dần từ trên xuống."),
    ])  # fmt: skip
    elements, criterion, lesson, y, why = series
    k = min(4, len(elements))
    idx = sorted(r.sample(range(len(elements)), k))
    chosen = [elements[i] for i in idx]
    listed = ", ".join(_shuffled(r, chosen))
    stem = f"Sắp xếp các nguyên tố {listed} theo chiều {criterion}."
    return _it(_order(stem, chosen, _sol(why)), "hoa-hoc", 10, lesson, y, "hieu")


def t_hoa10_match(r):
    zs = sorted(r.sample(range(3, 21), 4))
    pairs = [(f"{_ELEMENTS[z - 1]} (Z = {z})", _config_html(_configuration(z))) for z in zs]
    stem = (
        "Ghép mỗi nguyên tố ở cột trái với cấu hình electron tương ứng ở cột phải: "
        + ", ".join(_SYMBOLS[z - 1] for z in zs)
        + "."
    )
    return _it(_match(r, stem, pairs), "hoa-hoc", 10, "Bài 3", 3, "hieu")


def t_hoa10_mr(r):
    zs = sorted(
        r.sample([z for z in range(3, 21) if z not in (5, 10, 14, 18)], 5)
    )  # no boron, silicon
    criterion = r.choice(["kim loại", "phi kim", "chu kì 3", "nhóm IA hoặc IIA"])

    def ok(z):
        period, group, _outer = _position(z)
        if criterion == "kim loại":
            return _SYMBOLS[z - 1] in ("Li", "Be", "Na", "Mg", "Al", "K", "Ca")
        if criterion == "phi kim":
            return _SYMBOLS[z - 1] in ("B", "C", "N", "O", "F", "Si", "P", "S", "Cl", "H")
        if criterion == "chu kì 3":
            return period == 3
        return group in ("IA", "IIA")

    options = [(f"Nguyên tố có Z = {z}", ok(z)) for z in zs]
    target = {
        "chu kì 3": "nguyên tố thuộc chu kì 3",
        "nhóm IA hoặc IIA": "nguyên tố thuộc nhóm IA hoặc IIA",
    }.get(criterion, criterion)
    listed = ", ".join(str(z) for z in zs)
    stem = f"Trong các nguyên tố có số hiệu nguyên tử {listed}, những nguyên tố nào là {target}?"
    sol = _sol(
        "; ".join(f"Z = {z}: {_SYMBOLS[z - 1]}, {_config_html(_configuration(z))}" for z in zs)
        + "."
    )
    return _it(_mr(r, stem, options, sol), "hoa-hoc", 10, "Bài 5", 3, "hieu")


def t_hoa10_tf(r):
    z = r.choice([11, 12, 13, 15, 16, 17, 19, 20, 7, 8, 9])
    period, group, outer = _position(z)
    sym = _SYMBOLS[z - 1]
    metal = sym in ("Na", "Mg", "Al", "K", "Ca", "Li")
    truth = _mix(r)
    statements = [
        (
            f"Nguyên tử {sym} có {outer if truth[0] else outer + 1} electron ở lớp ngoài cùng.",
            truth[0],
        ),
        (
            f"{sym} thuộc chu kì {period if truth[1] else period + 1} trong bảng tuần hoàn.",
            truth[1],
        ),
        (f"{sym} là {'kim loại' if metal == truth[2] else 'phi kim'}.", truth[2]),
        (
            f"Cấu hình electron của nguyên tử {sym} là {_config_html(_configuration(z if truth[3] else z + 1))}.",
            truth[3],
        ),
    ]
    stem = f"Cho nguyên tố {_ELEMENTS[z - 1]} có số hiệu nguyên tử Z = {z}. Xét tính đúng, sai của các phát biểu sau."
    sol = _sol(
        f"Cấu hình electron: {_config_html(_configuration(z))}; chu kì {period}, nhóm {group}; {sym} là {'kim loại' if metal else 'phi kim'}."
    )
    return _it(_tf(stem, statements, sol), "hoa-hoc", 10, "Bài 8", 2, "hieu")


def t_hoa10_group_tn(r):
    metal, _valence, salt = r.choice(_METAL_ACID[:3])
    M = _MASS[metal]
    m = Fraction(M, 10) * r.choice([1, 2, 3, 4, 5])
    n = m / M
    V = n * _MOLAR_VOLUME
    c = r.choice([Fraction(1), Fraction(2), Fraction(1, 2)])
    v_acid = 2 * n / c * 1000
    stimulus = (
        f"<p>Thí nghiệm: Cho {_vn(m)} gam bột {metal} vào cốc chứa lượng dư dung dịch HCl {_vn(c)} M. Khí thoát ra được "
        "thu vào ống đong úp ngược trong chậu nước. Sau khi kim loại tan hết, đo thể tích khí ở điều kiện chuẩn "
        "(25 °C, 1 bar; thể tích mol khí 24,79 L/mol).</p>"
    )
    eq = _eq_html(f"{metal} + 2HCl -> {salt} + H2")
    q1 = _sc(
        r,
        f"Phương trình hoá học của phản ứng xảy ra khi cho {metal} vào dung dịch HCl trong thí nghiệm trên là",
        eq,
        [
            f"{metal} + HCl → {metal}Cl + H<sub>2</sub>",
            f"{metal} + 2HCl → {_chem(salt)} + 2H<sub>2</sub>",
            f"2{metal} + 2HCl → 2{metal}Cl + H<sub>2</sub>",
        ],
        _sol(eq + f"; {metal} có hoá trị II trong muối chloride."),
        none_option=False,
    )
    q2 = _sn(
        f"Tính thể tích khí H<sub>2</sub> thu được ở điều kiện chuẩn khi cho {_vn(m)} g {metal} tan hết (đơn vị: lít, làm tròn kết quả đến hàng phần trăm).",
        V,
        _sol(
            _mx(
                r"n_{H_2} = n_{<M>} = \dfrac{<m>}{<A>} = <n>\ \text{mol};\ V = <n>\cdot 24{,}79 \approx <V>\ \text{L}",
                M=metal,
                m=_tn(m),
                A=M,
                n=_tn(n),
                V=_tn(V, 2),
            )
        ),
        2,
    )
    q3 = _sn(
        f"Tính thể tích dung dịch HCl {_vn(c)} M tối thiểu cần dùng để hoà tan hết {_vn(m)} g {metal} (đơn vị: mL).",
        v_acid,
        _sol(
            _mx(
                r"n_{HCl} = 2n_{<M>} = <a>\ \text{mol};\ V = \dfrac{n}{C_M} = <v>\ \text{mL}",
                M=metal,
                a=_tn(2 * n),
                v=_tn(v_acid),
            )
        ),
        0,
    )
    items = [
        _it(q1, "hoa-hoc", 10, "Bài 22", 2, "biet"),
        _it(q2, "hoa-hoc", 10, "Bài 22", 3, "hieu"),
        _it(q3, "hoa-hoc", 10, "Bài 23", 2, "van_dung"),
    ]
    if any(i is None for i in items):
        return None
    return _Group(
        title=f"Thí nghiệm {metal} tác dụng với dung dịch HCl", stimulus=stimulus, items=items
    )


def t_hoa10_essay(r):
    text, _, _, _, _, cond = r.choice(
        [x for x in _REACTIONS if x[2] == 10 and x[3] == "Bài 15"][:16]
    )
    stem = (
        "Cân bằng phương trình phản ứng oxi hoá – khử sau bằng phương pháp thăng bằng electron, chỉ rõ chất khử, chất oxi hoá, "
        "quá trình oxi hoá và quá trình khử: " + _eq_html(_scheme(text), cond=cond) + "."
    )
    guide = [
        (
            "Xác định đúng số oxi hoá của các nguyên tố thay đổi số oxi hoá; chỉ rõ chất khử, chất oxi hoá",
            1.0,
        ),
        ("Viết đúng quá trình oxi hoá và quá trình khử", 0.5),
        ("Tìm đúng hệ số thăng bằng electron", 0.5),
        ("Hoàn thành phương trình: " + _eq_html(text, cond=cond), 1.0),
    ]
    return _it(_essay(stem, guide), "hoa-hoc", 10, "Bài 16", 2, "van_dung")


def _hoa10_plan():
    return [
        (_facts_template(_HOA10_FACTS, "hoa-hoc", 10), 10),
        (t_hoa10_hat, 10),
        (t_hoa10_ntk, 6),
        (t_hoa10_cau_hinh, 16),
        (t_hoa10_so_oxh, 16),
        (_reaction_template(10), 18),
        (t_hoa10_enthalpy, 6),
        (t_hoa10_toc_do, 8),
        (t_hoa10_halogen_tinh, 8),
        (t_hoa10_lien_ket, 8),
        (t_hoa10_order, 5),
        (t_hoa10_match, 4),
        (t_hoa10_mr, 4),
        (t_hoa10_tf, 6),
        (t_hoa10_group_tn, 2),
        (t_hoa10_essay, 3),
    ]


def t_hoa11_ph(r):
    kind = r.choice(["HCl", "HNO3", "H2SO4", "NaOH", "KOH", "Ba(OH)2"])
    a = r.choice([1, 1, 1, 2, 5, 3])
    k = r.randint(1, 4)
    c = Fraction(a, 10**k)
    acid = kind in ("HCl", "HNO3", "H2SO4")
    factor = 2 if kind in ("H2SO4", "Ba(OH)2") else 1
    ion = c * factor
    p_ion = -math.log10(ion)
    ph = p_ion if acid else 14 - p_ion
    ion_name = "H^+" if acid else "OH^-"
    stem = f"Tính pH của dung dịch {_chem(kind)} {_vn(c)} M (coi {_chem(kind)} phân li hoàn toàn; ở 25 °C"
    stem += ")." if abs(ph - round(ph)) < 1e-9 else "; làm tròn kết quả đến hàng phần trăm)."
    lines = [
        _mx(
            r"[<i>] = <f><c> = <v>\ \text{M}",
            i=ion_name,
            f="2\\cdot " if factor == 2 else "",
            c=_tn(c),
            v=_tn(ion),
        )
    ]
    if acid:
        lines.append(_mx(r"\text{pH} = -\lg[H^+] \approx <p>", p=_tn(ph, 2)))
    else:
        lines.append(
            _mx(
                r"\text{pOH} = -\lg[OH^-] \approx <p>;\ \text{pH} = 14 - \text{pOH} \approx <q>",
                p=_tn(p_ion, 2),
                q=_tn(ph, 2),
            )
        )
    sol = _sol("; ".join(lines) + ".")
    return _it(_sn(stem, ph, sol, 2), "hoa-hoc", 11, "Bài 2", 2, "hieu" if a == 1 else "van_dung")


def t_hoa11_chuan_do(r):
    v1 = r.choice([10, 20, 25])
    c2 = r.choice([Fraction(1, 10), Fraction(2, 10), Fraction(5, 100), Fraction(1, 20)])
    v2 = Fraction(r.randint(80, 300), 10)
    c1 = c2 * v2 / v1
    stem = (
        f"Chuẩn độ {v1} mL dung dịch HCl chưa biết nồng độ bằng dung dịch NaOH {_vn(c2)} M (chất chỉ thị phenolphthalein). "
        f"Khi dung dịch chuyển sang màu hồng nhạt bền thì đã dùng hết {_vn(v2)} mL dung dịch NaOH. Tính nồng độ mol của dung "
        "dịch HCl (đơn vị: M, làm tròn kết quả đến hàng phần trăm)."
    )
    sol = _sol(
        "HCl + NaOH → NaCl + H<sub>2</sub>O; "
        + _mx(
            r"C_{HCl} = \dfrac{C_{NaOH}\cdot V_{NaOH}}{V_{HCl}} = \dfrac{<c>\cdot <v2>}{<v1>} \approx <x>\ \text{M}",
            c=_tn(c2),
            v2=_tn(v2),
            v1=v1,
            x=_tn(c1, 3),
        )
        + "."
    )
    return _it(_sn(stem, c1, sol, 2), "hoa-hoc", 11, "Bài 2", 3, "van_dung")


_EQUILIBRIA = [
    # (equation html, Kc tex, Δn gas, ΔH sign, reactant to add, description)
    ("N<sub>2</sub>(g) + 3H<sub>2</sub>(g) ⇌ 2NH<sub>3</sub>(g)", r"\dfrac{[NH_3]^2}{[N_2][H_2]^3}", -2, -1, "N<sub>2</sub>"),
    ("2SO<sub>2</sub>(g) + O<sub>2</sub>(g) ⇌ 2SO<sub>3</sub>(g)", r"\dfrac{[SO_3]^2}{[SO_2]^2[O_2]}", -1, -1, "O<sub>2</sub>"),
    ("N<sub>2</sub>O<sub>4</sub>(g) ⇌ 2NO<sub>2</sub>(g)", r"\dfrac{[NO_2]^2}{[N_2O_4]}", 1, 1, "N<sub>2</sub>O<sub>4</sub>"),
    ("CaCO<sub>3</sub>(s) ⇌ CaO(s) + CO<sub>2</sub>(g)", r"[CO_2]", 1, 1, None),
    ("H<sub>2</sub>(g) + I<sub>2</sub>(g) ⇌ 2HI(g)", r"\dfrac{[HI]^2}{[H_2][I_2]}", 0, -1, "H<sub>2</sub>"),
    ("C(s) + H<sub>2</sub>O(g) ⇌ CO(g) + H<sub>2</sub>(g)", r"\dfrac{[CO][H_2]}{[H_2O]}", 1, 1, "H<sub>2</sub>O"),
    ("CO(g) + H<sub>2</sub>O(g) ⇌ CO<sub>2</sub>(g) + H<sub>2</sub>(g)", r"\dfrac{[CO_2][H_2]}{[CO][H_2O]}", 0, -1, "CO"),
]  # fmt: skip


def t_hoa11_can_bang_tf(r):
    eq, kc, dn, dh, reactant = r.choice(_EQUILIBRIA)
    truth = _mix(r)
    options = []
    heat_fwd = dh > 0
    options.append(
        (
            "Khi tăng nhiệt độ, cân bằng chuyển dịch theo chiều "
            + (
                ("thuận" if heat_fwd else "nghịch")
                if truth[0]
                else ("nghịch" if heat_fwd else "thuận")
            )
            + ".",
            truth[0],
        )
    )
    if dn == 0:
        options.append(
            (
                "Khi tăng áp suất chung của hệ, cân bằng "
                + ("không bị chuyển dịch" if truth[1] else "chuyển dịch theo chiều thuận")
                + ".",
                truth[1],
            )
        )
    else:
        fwd = dn < 0
        options.append(
            (
                "Khi tăng áp suất chung của hệ, cân bằng chuyển dịch theo chiều "
                + (("thuận" if fwd else "nghịch") if truth[1] else ("nghịch" if fwd else "thuận"))
                + ".",
                truth[1],
            )
        )
    options.append(
        (
            "Thêm chất xúc tác vào hệ "
            + (
                "không làm chuyển dịch cân bằng"
                if truth[2]
                else "làm cân bằng chuyển dịch theo chiều thuận"
            )
            + ".",
            truth[2],
        )
    )
    if reactant and r.random() < 0.5:
        options.append(
            (
                f"Khi tăng nồng độ {reactant}, cân bằng chuyển dịch theo chiều "
                + ("thuận" if truth[3] else "nghịch")
                + ".",
                truth[3],
            )
        )
    else:
        wrong_kc = r"[CaCO_3]" if reactant is None else kc.replace("^2", "").replace("^3", "")
        if not truth[3] and wrong_kc == kc:
            return None
        options.append(
            (
                "Biểu thức hằng số cân bằng của phản ứng là "
                + _m("K_C = " + (kc if truth[3] else wrong_kc))
                + ".",
                truth[3],
            )
        )
    stem = (
        f"Cho cân bằng hoá học: {eq}; "
        + _m(r"\Delta_rH^\circ_{298}")
        + (" > 0" if dh > 0 else " < 0")
        + ". Xét tính đúng, sai của các phát biểu sau."
    )
    sol = _sol(
        "Theo nguyên lí Le Chatelier: tăng nhiệt độ, cân bằng chuyển dịch theo chiều thu nhiệt; tăng áp suất, cân bằng chuyển "
        "dịch theo chiều làm giảm số mol khí; chất xúc tác không làm chuyển dịch cân bằng.",
        "Biểu thức hằng số cân bằng: " + _m("K_C = " + kc) + " (không có mặt chất rắn).",
    )
    return _it(_tf(stem, options, sol), "hoa-hoc", 11, "Bài 1", 3, "van_dung")


def t_hoa11_kc(r):
    kind = r.choice(["HI", "NO2", "NH3"])
    if kind == "HI":
        h2, i2 = (Fraction(r.randint(1, 9), 100) for _ in range(2))
        hi = Fraction(r.randint(5, 40), 100)
        K = hi * hi / (h2 * i2)
        eq, expr = (
            "H<sub>2</sub>(g) + I<sub>2</sub>(g) ⇌ 2HI(g)",
            _t(
                r"\dfrac{[HI]^2}{[H_2][I_2]} = \dfrac{<c>^2}{<a>\cdot <b>}",
                a=_tn(h2),
                b=_tn(i2),
                c=_tn(hi),
            ),
        )
        conc = f"[H<sub>2</sub>] = {_vn(h2)} M, [I<sub>2</sub>] = {_vn(i2)} M, [HI] = {_vn(hi)} M"
    elif kind == "NO2":
        n2o4 = Fraction(r.randint(1, 20), 100)
        no2 = Fraction(r.randint(1, 20), 100)
        K = no2 * no2 / n2o4
        eq, expr = (
            "N<sub>2</sub>O<sub>4</sub>(g) ⇌ 2NO<sub>2</sub>(g)",
            _t(r"\dfrac{[NO_2]^2}{[N_2O_4]} = \dfrac{<b>^2}{<a>}", a=_tn(n2o4), b=_tn(no2)),
        )
        conc = f"[N<sub>2</sub>O<sub>4</sub>] = {_vn(n2o4)} M, [NO<sub>2</sub>] = {_vn(no2)} M"
    else:
        n2, h2 = Fraction(r.randint(1, 10), 10), Fraction(r.randint(1, 10), 10)
        nh3 = Fraction(r.randint(1, 10), 10)
        K = nh3 * nh3 / (n2 * h2**3)
        eq, expr = (
            "N<sub>2</sub>(g) + 3H<sub>2</sub>(g) ⇌ 2NH<sub>3</sub>(g)",
            _t(
                r"\dfrac{[NH_3]^2}{[N_2][H_2]^3} = \dfrac{<c>^2}{<a>\cdot <b>^3}",
                a=_tn(n2),
                b=_tn(h2),
                c=_tn(nh3),
            ),
        )
        conc = f"[N<sub>2</sub>] = {_vn(n2)} M, [H<sub>2</sub>] = {_vn(h2)} M, [NH<sub>3</sub>] = {_vn(nh3)} M"
    stem = (
        f"Cho cân bằng {eq} ở nhiệt độ xác định. Tại trạng thái cân bằng: {conc}. Tính hằng số cân bằng "
        + _m("K_C")
        + " của phản ứng ở nhiệt độ đó (làm tròn kết quả đến hàng phần trăm)."
    )
    sol = _sol(_m("K_C = " + expr + r" \approx " + _tn(K, 2)) + ".")
    return _it(_sn(stem, K, sol, 2), "hoa-hoc", 11, "Bài 1", 2, "hieu")


_HOA11_FACTS = [
    ("Ở điều kiện thường, nitrogen khá trơ về mặt hoá học vì", "liên kết ba trong phân tử N<sub>2</sub> có năng lượng liên kết lớn",
     ["nitrogen có độ âm điện nhỏ", "phân tử N<sub>2</sub> có liên kết ion", "nitrogen là khí hiếm"], "Bài 4", 2, "biet",
     "Liên kết ba N≡N rất bền (năng lượng liên kết khoảng 945 kJ/mol)."),
    ("Để nhận biết ion " + _chem("NH4", 1) + " trong dung dịch, có thể dùng", "dung dịch NaOH, đun nóng nhẹ",
     ["dung dịch BaCl<sub>2</sub>", "dung dịch AgNO<sub>3</sub>", "quỳ tím khô"], "Bài 5", 3, "biet",
     "NH₄⁺ + OH⁻ → NH₃↑ + H₂O; khí NH₃ mùi khai làm quỳ tím ẩm hoá xanh."),
    ("Kim loại nào sau đây bị thụ động hoá trong dung dịch HNO<sub>3</sub> đặc, nguội?", "Al",
     ["Cu", "Ag", "Mg"], "Bài 6", 2, "biet", "Al, Fe, Cr bị thụ động trong HNO₃ đặc, nguội và H₂SO₄ đặc, nguội."),
    ("Khi pha loãng dung dịch H<sub>2</sub>SO<sub>4</sub> đặc, cách làm đúng là", "rót từ từ acid vào nước và khuấy đều",
     ["rót từ từ nước vào acid", "rót nhanh nước vào acid", "đổ đồng thời acid và nước vào cốc"], "Bài 8", 2, "biet",
     "H₂SO₄ đặc tan trong nước toả rất nhiều nhiệt; rót nước vào acid có thể làm acid bắn ra gây bỏng."),
    ("Thuốc thử dùng để nhận biết ion " + _chem("SO4", -2) + " trong dung dịch là", "dung dịch BaCl<sub>2</sub>",
     ["dung dịch NaCl", "dung dịch HCl", "phenolphthalein"], "Bài 8", 3, "biet",
     "Ba²⁺ + SO₄²⁻ → BaSO₄↓ (kết tủa trắng, không tan trong acid)."),
    ("Hiện tượng phú dưỡng ở ao hồ chủ yếu do nước chứa quá nhiều", "ion nitrate và phosphate",
     ["ion sodium và chloride", "khí oxygen hoà tan", "ion calcium và magnesium"], "Bài 6", 3, "biet",
     "Dư thừa dinh dưỡng (nitrate, phosphate) làm tảo phát triển mạnh, nước thiếu oxygen."),
    ("Phương pháp chưng cất dùng để tách các chất lỏng dựa vào sự khác nhau về", "nhiệt độ sôi",
     ["khối lượng riêng", "màu sắc", "độ tan trong nước"], "Bài 11", 1, "biet",
     "Chưng cất tách các chất có nhiệt độ sôi khác nhau."),
    ("Chất nào sau đây làm mất màu nước bromine ở điều kiện thường?", "Ethylene (CH<sub>2</sub>=CH<sub>2</sub>)",
     ["Methane", "Benzene", "Ethane"], "Bài 16", 2, "biet", "Alkene có liên kết đôi C=C tham gia phản ứng cộng bromine."),
    ("Nhỏ nước bromine vào dung dịch phenol thấy xuất hiện", "kết tủa trắng",
     ["kết tủa vàng", "dung dịch màu xanh lam", "khí không màu"], "Bài 21", 2, "biet",
     "Phenol + 3Br₂ → 2,4,6-tribromophenol (kết tủa trắng) + 3HBr."),
    ("Hợp chất nào sau đây tham gia phản ứng tráng bạc với thuốc thử Tollens?", "CH<sub>3</sub>CHO",
     ["CH<sub>3</sub>COCH<sub>3</sub>", "C<sub>2</sub>H<sub>5</sub>OH", "CH<sub>3</sub>COOH"], "Bài 23", 2, "biet",
     "Aldehyde bị oxi hoá bởi thuốc thử Tollens tạo lớp bạc; ketone không phản ứng."),
    ("Glycerol phản ứng với Cu(OH)<sub>2</sub> ở nhiệt độ thường tạo thành", "dung dịch màu xanh lam",
     ["kết tủa đỏ gạch", "kết tủa trắng", "khí không màu"], "Bài 20", 2, "biet",
     "Polyalcohol có các nhóm –OH liền kề hoà tan Cu(OH)₂ tạo phức màu xanh lam."),
    ("Acetic acid tác dụng với CaCO<sub>3</sub> tạo ra", "khí CO<sub>2</sub>", ["khí H<sub>2</sub>",
     "khí O<sub>2</sub>", "kết tủa trắng"], "Bài 24", 2, "biet",
     "2CH₃COOH + CaCO₃ → (CH₃COO)₂Ca + CO₂↑ + H₂O."),
]  # fmt: skip

_ORGANIC_NAMES = [
    ("CH4", ["methane"], "Bài 15"), ("CH3–CH3", ["ethane"], "Bài 15"), ("CH3–CH2–CH3", ["propane"], "Bài 15"),
    ("CH3–CH2–CH2–CH3", ["butane"], "Bài 15"), ("CH3–[CH2]3–CH3", ["pentane"], "Bài 15"),
    ("CH3–[CH2]4–CH3", ["hexane"], "Bài 15"), ("CH2=CH2", ["ethene", "ethylene"], "Bài 16"),
    ("CH2=CH–CH3", ["propene", "propylene"], "Bài 16"), ("CH≡CH", ["ethyne", "acetylene"], "Bài 16"),
    ("C6H5–CH3", ["toluene", "methylbenzene"], "Bài 17"), ("CH3OH", ["methanol"], "Bài 20"),
    ("CH3–CH2–OH", ["ethanol"], "Bài 20"), ("CH3–CH2–CH2–OH", ["propan-1-ol"], "Bài 20"),
    ("CH3–CH(OH)–CH3", ["propan-2-ol"], "Bài 20"), ("HO–CH2–CH2–OH", ["ethane-1,2-diol", "ethylene glycol"], "Bài 20"),
    ("HCHO", ["methanal", "formaldehyde"], "Bài 23"), ("CH3CHO", ["ethanal", "acetaldehyde"], "Bài 23"),
    ("CH3COCH3", ["propanone", "acetone"], "Bài 23"), ("HCOOH", ["methanoic acid", "formic acid"], "Bài 24"),
    ("CH3COOH", ["ethanoic acid", "acetic acid"], "Bài 24"), ("CH3–CH2–COOH", ["propanoic acid", "propionic acid"], "Bài 24"),
    ("CH3Cl", ["chloromethane"], "Bài 19"), ("CH3–CH2–Br", ["bromoethane"], "Bài 19"),
]  # fmt: skip


def t_hoa11_ten_goi(r):
    formula, names, lesson = r.choice(_ORGANIC_NAMES)
    stem = (
        f"Viết tên gọi theo danh pháp thay thế (IUPAC) của hợp chất có công thức {_chem(formula)}."
    )
    sol = _sol(
        f"Tên gọi: {names[0]}"
        + (f" (tên thông thường: {names[1]})" if len(names) > 1 else "")
        + "."
    )
    return _it(_st(stem, names, sol), "hoa-hoc", 11, lesson, 1, "biet")


_CLASSES = [
    ("CH3–CH2–OH", "alcohol"), ("CH3OH", "alcohol"), ("CH3CHO", "aldehyde"), ("HCHO", "aldehyde"),
    ("CH3COCH3", "ketone"), ("CH3COOH", "carboxylic acid"), ("HCOOH", "carboxylic acid"),
    ("CH3COOCH3", "ester"), ("HCOOC2H5", "ester"), ("C6H5OH", "phenol"), ("CH3NH2", "amine"),
    ("C2H5Cl", "dẫn xuất halogen"), ("CH3–CH2–CH3", "alkane"), ("CH2=CH–CH3", "alkene"), ("CH≡C–CH3", "alkyne"),
]  # fmt: skip
_GROUPS = {"alcohol": "–OH (gắn với C no)", "aldehyde": "–CHO", "ketone": ">C=O", "carboxylic acid": "–COOH",
           "ester": "–COO–", "phenol": "–OH (gắn trực tiếp vào vòng benzene)", "amine": "–NH<sub>2</sub>",
           "dẫn xuất halogen": "–X (halogen)", "alkane": "chỉ có liên kết đơn C–C, C–H",
           "alkene": "một liên kết đôi C=C", "alkyne": "một liên kết ba C≡C"}  # fmt: skip


def t_hoa11_phan_loai(r):
    formula, cls = r.choice(_CLASSES)
    stem = f"Hợp chất {_chem(formula)} thuộc loại hợp chất nào sau đây?"
    wrong = [c for c in dict.fromkeys(c for _, c in _CLASSES) if c != cls]
    r.shuffle(wrong)
    sol = _sol(f"Phân tử có nhóm/đặc điểm cấu tạo {_GROUPS[cls]} nên thuộc loại {cls}.")
    q_ = _sc(r, stem, cls, wrong, sol, none_option=False)
    return _it(q_, "hoa-hoc", 11, "Bài 10", 2, "biet")


_CxHyOz = [("C2H6O", "CH2O2"), ("C2H4O2", "C3H8O"), ("C3H8O", "C2H4O2"), ("C3H6O2", "C4H10O"), ("C4H10O", "C3H6O2"),
           ("C3H6O", "C4H10"), ("C4H8O2", "C5H12O"), ("C5H12O", "C4H8O2"), ("C2H4O", "C3H8"), ("CH2O2", "C2H6O"),
           ("C6H12O6", "C7H16O5"), ("C4H8O", "C5H12")]  # fmt: skip


def _bump(formula: str, element: str, delta: int) -> str:
    """The formula with one element's count changed (CxHyOz only)."""
    atoms = _atoms(formula)
    atoms[element] = atoms.get(element, 0) + delta
    return "".join(
        el + ("" if atoms[el] == 1 else str(atoms[el])) for el in ("C", "H", "O") if atoms.get(el)
    )


def t_hoa11_cong_thuc(r):
    formula, twin = r.choice(_CxHyOz)
    atoms = _atoms(formula)
    M = _molar(formula)
    pc = Fraction(12 * atoms["C"] * 100) / M
    ph = Fraction(atoms["H"] * 100) / M
    stem = (
        f"Kết quả phân tích nguyên tố hợp chất hữu cơ X cho thấy: %C = {_vn(pc, 2)}%, %H = {_vn(ph, 2)}%, còn lại là oxygen. "
        f"Trên phổ khối lượng của X, peak ion phân tử [M<sup>+</sup>] có giá trị m/z = {_vn(M)}. "
    )
    sol = _sol(
        _mx(
            r"x : y : z = \dfrac{<c>}{12} : \dfrac{<h>}{1} : \dfrac{<o>}{16}",
            c=_tn(pc, 2),
            h=_tn(ph, 2),
            o=_tn(100 - pc - ph, 2),
        )
        + f" → công thức đơn giản nhất; kết hợp M = {_vn(M)} được công thức phân tử {_chem(formula)}."
    )
    if r.random() < 0.6:
        stem += "Công thức phân tử của X là"
        wrong = [
            _chem(twin),
            _chem(_bump(formula, "O", 1)),
            _chem(_bump(formula, "H", 2)),
            _chem(_bump(formula, "C", 1)),
        ]
        q_ = _sc(r, stem, _chem(formula), wrong, sol)
        return _it(q_, "hoa-hoc", 11, "Bài 12", 3, "van_dung")
    stem += "Số nguyên tử hydrogen trong một phân tử X là bao nhiêu?"
    return _it(_sn(stem, atoms["H"], sol), "hoa-hoc", 11, "Bài 12", 3, "van_dung")


def t_hoa11_tinh_toan(r):
    kind = r.choice(["chay", "chay", "na", "ester", "nh3"])
    if kind == "chay":
        n = r.randint(1, 6)
        name = ["methane", "ethane", "propane", "butane", "pentane", "hexane"][n - 1]
        formula = f"C{n if n > 1 else ''}H{2 * n + 2}"
        m = Fraction(_molar(formula)) * Fraction(r.choice([1, 2, 3, 5]), 10)
        mol = m / _molar(formula)
        V = mol * n * _MOLAR_VOLUME
        stem = f"Đốt cháy hoàn toàn {_vn(m)} gam {name} ({_chem(formula)}) trong oxygen dư. Tính thể tích khí CO<sub>2</sub> sinh ra ở điều kiện chuẩn (24,79 L/mol; đơn vị: lít, làm tròn kết quả đến hàng phần trăm)."
        sol = _sol(
            _mx(
                r"n = \dfrac{<m>}{<M>} = <n>\ \text{mol};\ n_{CO_2} = <k>n = <c>\ \text{mol};\ V = <c>\cdot 24{,}79 \approx <V>\ \text{L}",
                m=_tn(m),
                M=_tn(_molar(formula)),
                n=_tn(mol),
                k=n,
                c=_tn(mol * n),
                V=_tn(V, 2),
            )
            + "."
        )
        return _it(_sn(stem, V, sol, 2), "hoa-hoc", 11, "Bài 15", 2, "hieu")
    if kind == "na":
        m = Fraction(46, 10) * r.choice([1, 2, 3, 5])
        mol = m / 46
        V = mol / 2 * _MOLAR_VOLUME
        stem = f"Cho {_vn(m)} gam ethanol khan tác dụng với lượng dư kim loại sodium. Tính thể tích khí H<sub>2</sub> thu được ở điều kiện chuẩn (24,79 L/mol; đơn vị: lít, làm tròn kết quả đến hàng phần trăm)."
        sol = _sol(
            "2C<sub>2</sub>H<sub>5</sub>OH + 2Na → 2C<sub>2</sub>H<sub>5</sub>ONa + H<sub>2</sub>; "
            + _mx(
                r"n_{H_2} = \dfrac{1}{2}\cdot\dfrac{<m>}{46} = <h>\ \text{mol};\ V \approx <V>\ \text{L}",
                m=_tn(m),
                h=_tn(mol / 2),
                V=_tn(V, 2),
            )
            + "."
        )
        return _it(_sn(stem, V, sol, 2), "hoa-hoc", 11, "Bài 20", 2, "hieu")
    if kind == "ester":
        a = Fraction(r.choice([6, 12, 18, 30]))
        H = r.choice([50, 60, 62.5, 75, 80])
        mol = a / 60
        m_ester = mol * 88 * Fraction(str(H)) / 100
        stem = f"Đun nóng {_vn(a)} gam acetic acid với lượng dư ethanol (xúc tác H<sub>2</sub>SO<sub>4</sub> đặc). Hiệu suất phản ứng ester hoá là {_vn(H)}%. Tính khối lượng ethyl acetate thu được (đơn vị: gam, làm tròn kết quả đến hàng phần mười)."
        sol = _sol("CH<sub>3</sub>COOH + C<sub>2</sub>H<sub>5</sub>OH ⇌ CH<sub>3</sub>COOC<sub>2</sub>H<sub>5</sub> + H<sub>2</sub>O; "
                   + _mx(r"m = \dfrac{<a>}{60}\cdot 88\cdot <h> \approx <m>\ \text{g}", a=_tn(a), h=_tn(Fraction(str(H)) / 100), m=_tn(m_ester, 2)) + ".")  # fmt: skip
        return _it(_sn(stem, m_ester, sol, 1), "hoa-hoc", 11, "Bài 24", 2, "van_dung")
    mol_n2 = Fraction(r.choice([1, 2, 5, 10]), 10)
    H = r.choice([20, 25, 30, 40, 50])
    nh3 = 2 * mol_n2 * H / 100
    V = nh3 * _MOLAR_VOLUME
    stem = f"Cho {_vn(mol_n2)} mol N<sub>2</sub> phản ứng với lượng dư H<sub>2</sub> (xúc tác Fe, nhiệt độ và áp suất cao), hiệu suất phản ứng là {H}%. Tính thể tích NH<sub>3</sub> thu được ở điều kiện chuẩn (24,79 L/mol; đơn vị: lít, làm tròn kết quả đến hàng phần trăm)."
    sol = _sol(
        "N<sub>2</sub> + 3H<sub>2</sub> ⇌ 2NH<sub>3</sub>; "
        + _mx(
            r"n_{NH_3} = 2\cdot <n>\cdot <h> = <a>\ \text{mol};\ V \approx <V>\ \text{L}",
            n=_tn(mol_n2),
            h=_tn(Fraction(H, 100)),
            a=_tn(nh3),
            V=_tn(V, 2),
        )
        + "."
    )
    return _it(_sn(stem, V, sol, 2), "hoa-hoc", 11, "Bài 5", 2, "van_dung")


def t_hoa11_group_chuan_do(r):
    c_naoh = r.choice([Fraction(1, 10), Fraction(1, 5)])
    v_hcl = r.choice([10, 20])
    c_hcl = Fraction(r.randint(5, 20), 100)
    mean = c_hcl * v_hcl / c_naoh
    if not 8 <= mean <= 25 or (mean * 10).denominator != 1:
        return None
    spread = Fraction(r.choice([0, 1]), 10)
    vols = _shuffled(r, [mean - spread, mean, mean + spread])
    rows = "".join(
        f"<tr><td>{i}</td><td>{v_hcl}</td><td>{_vn(v)}</td></tr>"
        for i, v in enumerate(vols, start=1)
    )
    stimulus = (
        f"<p>Để xác định nồng độ dung dịch HCl, một học sinh lấy {v_hcl} mL dung dịch HCl cho vào bình tam giác, thêm 2 giọt "
        f"phenolphthalein rồi chuẩn độ bằng dung dịch NaOH {_vn(c_naoh)} M đựng trong burette. Kết quả ba lần chuẩn độ:</p>"
        f"<table><thead><tr><th>Lần</th><th>V<sub>HCl</sub> (mL)</th><th>V<sub>NaOH</sub> (mL)</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    q1 = _sc(
        r,
        f"Trong thí nghiệm chuẩn độ dung dịch HCl bằng NaOH {_vn(c_naoh)} M ở trên, dấu hiệu cho biết đã đến điểm tương đương là",
        "dung dịch trong bình tam giác chuyển từ không màu sang màu hồng nhạt bền trong khoảng 20 giây",
        [
            "dung dịch chuyển từ màu hồng sang không màu",
            "xuất hiện kết tủa trắng",
            "có khí thoát ra",
        ],
        _sol(
            "Phenolphthalein không màu trong môi trường acid và trung tính, chuyển hồng khi môi trường kiềm nhẹ."
        ),
        none_option=False,
    )
    q2 = _sn(
        f"Từ kết quả ba lần chuẩn độ ({'; '.join(_vn(v) for v in vols)} mL NaOH {_vn(c_naoh)} M), tính nồng độ mol của dung dịch HCl (đơn vị: M, làm tròn kết quả đến hàng phần trăm).",
        c_hcl,
        _sol(
            _mx(
                r"\bar{V}_{NaOH} = <v>\ \text{mL};\ C_{HCl} = \dfrac{<c>\cdot <v>}{<h>} \approx <x>\ \text{M}",
                v=_tn(mean, 3),
                c=_tn(c_naoh),
                h=v_hcl,
                x=_tn(c_hcl, 3),
            )
        ),
        2,
    )
    ph = -math.log10(float(c_hcl))
    q3 = _sn(
        f"Tính pH của dung dịch HCl ban đầu trong thí nghiệm chuẩn độ trên, biết trung bình cần {_vn(mean)} mL dung dịch NaOH {_vn(c_naoh)} M cho {v_hcl} mL HCl (làm tròn kết quả đến hàng phần trăm).",
        ph,
        _sol(_mx(r"\text{pH} = -\lg[H^+] = -\lg <c> \approx <p>", c=_tn(c_hcl, 4), p=_tn(ph, 2))),
        2,
    )
    items = [
        _it(q1, "hoa-hoc", 11, "Bài 2", 3, "biet"),
        _it(q2, "hoa-hoc", 11, "Bài 2", 3, "hieu"),
        _it(q3, "hoa-hoc", 11, "Bài 2", 2, "van_dung"),
    ]
    if any(i is None for i in items):
        return None
    return _Group(
        title="Thí nghiệm chuẩn độ dung dịch HCl bằng dung dịch NaOH",
        stimulus=stimulus,
        items=items,
    )


def t_hoa11_ph_order(r):
    sols = []
    for _ in range(4):
        kind = r.choice(["HCl", "H2SO4", "NaOH", "Ba(OH)2", "NaCl"])
        c = Fraction(1, 10 ** r.randint(1, 3))
        if kind == "NaCl":
            ph = 7.0
        elif kind in ("HCl", "H2SO4"):
            ph = -math.log10(float(c) * (2 if kind == "H2SO4" else 1))
        else:
            ph = 14 + math.log10(float(c) * (2 if kind == "Ba(OH)2" else 1))
        sols.append((round(ph, 4), f"{_chem(kind)} {_vn(c)} M"))
    if len({p for p, _ in sols}) < 4 or len({t for _, t in sols}) < 4:
        return None
    listed = "; ".join(t for _, t in sols)
    sols.sort()
    stem = f"Sắp xếp các dung dịch sau theo thứ tự pH tăng dần: {listed}."
    sol = _sol("; ".join(f"{t}: pH ≈ {_vn(p, 2)}" for p, t in sols) + ".")
    return _it(_order(stem, [t for _, t in sols], sol), "hoa-hoc", 11, "Bài 2", 2, "van_dung")


def t_hoa11_mr(r):
    pool = [
        ("HCl", True),
        ("HNO3", True),
        ("H2SO4", True),
        ("CH3COOH", False),
        ("HF", False),
        ("H2S", False),
        ("H2CO3", False),
        ("HClO4", True),
    ]
    chosen = r.sample(pool, 5)
    if not 2 <= sum(ok for _, ok in chosen) <= 3:
        return None
    listed = ", ".join(_chem(f) for f, _ in chosen)
    stem = f"Trong các acid {listed}, những acid nào là acid mạnh (phân li hoàn toàn trong nước)?"
    sol = _sol(
        "Các acid mạnh thường gặp: HCl, HBr, HI, HNO<sub>3</sub>, H<sub>2</sub>SO<sub>4</sub>, HClO<sub>4</sub>; CH<sub>3</sub>COOH, HF, H<sub>2</sub>S, H<sub>2</sub>CO<sub>3</sub> là acid yếu."
    )
    return _it(
        _mr(r, stem, [(_chem(f), ok) for f, ok in chosen], sol), "hoa-hoc", 11, "Bài 2", 1, "hieu"
    )


def t_hoa11_match(r):
    chosen = r.sample(_ORGANIC_NAMES, 5)
    pairs = [(_chem(f), names[0]) for f, names, _ in chosen]
    stem = (
        "Ghép mỗi công thức ở cột trái với tên gọi theo danh pháp thay thế ở cột phải: "
        + ", ".join(p for p, _ in pairs)
        + "."
    )
    return _it(_match(r, stem, pairs), "hoa-hoc", 11, "Bài 13", 2, "hieu")


def t_hoa11_essay(r):
    n = r.randint(2, 5)
    formula = f"C{n}H{2 * n + 2}"
    V = Fraction(r.choice([1, 2, 5]), 10) * _MOLAR_VOLUME
    mol = V / _MOLAR_VOLUME
    stem = (
        f"Đốt cháy hoàn toàn {_vn(V)} lít (đkc) một alkane X, thu được {_vn(mol * n * 44)} gam CO<sub>2</sub>. a) Xác định công thức phân tử "
        "của X. b) Viết công thức cấu tạo và gọi tên các đồng phân mạch hở của X (nếu có). c) Tính thể tích oxygen (đkc) cần dùng."
    )
    o2 = mol * Fraction(3 * n + 1, 2) * _MOLAR_VOLUME
    guide = [
        ("a) Tính " + _mx(r"n_X = <a>\ \text{mol},\ n_{CO_2} = <b>\ \text{mol}", a=_tn(mol), b=_tn(mol * n)) + f", suy ra số C = {n}, X là {_chem(formula)}", 1.0),
        ("b) Viết đúng các đồng phân cấu tạo và gọi tên theo danh pháp thay thế", 1.0),
        ("c) " + _mx(r"n_{O_2} = \dfrac{3n + 1}{2}n_X = <a>\ \text{mol};\ V_{O_2} \approx <v>\ \text{L}", a=_tn(mol * Fraction(3 * n + 1, 2)), v=_tn(o2, 2)), 1.0),
    ]  # fmt: skip
    return _it(_essay(stem, guide), "hoa-hoc", 11, "Bài 18", 2, "van_dung")


_MOLAR_CASES = [
    ("Fe2(SO4)3", 0, "Bài 8", 3), ("Al2(SO4)3", 0, "Bài 8", 3), ("(NH4)2SO4", 0, "Bài 8", 3),
    ("CuSO4·5H2O", 0, "Bài 8", 3), ("BaSO4", 0, "Bài 8", 3), ("CaSO4·2H2O", 0, "Bài 8", 3),
    ("MgSO4", 0, "Bài 8", 3), ("SO4", -2, "Bài 8", 3), ("H2SO4", 0, "Bài 8", 1), ("NH4", 1, "Bài 5", 3),
    ("NH4NO3", 0, "Bài 5", 3), ("NO3", -1, "Bài 6", 2), ("Cu(NO3)2", 0, "Bài 6", 2), ("Fe(NO3)3", 0, "Bài 6", 2),
    ("HNO3", 0, "Bài 6", 2), ("Ca3(PO4)2", 0, "Bài 6", 3), ("PO4", -3, "Bài 6", 3), ("(NH4)2CO3", 0, "Bài 5", 3),
]  # fmt: skip


def t_hoa11_molar(r):
    formula, charge, lesson, y = r.choice(_MOLAR_CASES)
    M = _molar(formula)
    species = ("ion " if charge else "") + _chem(formula, charge)
    parts = " + ".join(
        f"{n}·{_vn(_MASS[el])}" if n > 1 else _vn(_MASS[el]) for el, n in _atoms(formula).items()
    )
    sol = _sol(
        f"M = {parts} = {_vn(M)} g/mol"
        + (" (khối lượng electron không đáng kể)." if charge else ".")
    )
    if r.random() < 0.5:
        stem = f"Tính khối lượng mol của {species} (đơn vị: g/mol; H = 1, N = 14, O = 16, P = 31, S = 32, Ca = 40, Mg = 24, Al = 27, Fe = 56, Cu = 64, Ba = 137, C = 12)."
        return _it(_sn(stem, M, sol, 1), "hoa-hoc", 11, lesson, y, "biet")
    inner = re.sub(r"\((\w+)\)\d", r"(\1)", formula.split("·")[0])
    hydrate = _molar(formula) - _molar(formula.split("·")[0])
    wrong = [_molar(inner) + hydrate, M + 18, M + 16, M + 14]
    if _atoms(formula).get("O", 0) >= 2:
        wrong.append(M - 16)
    stem = f"Khối lượng mol của {species} là (H = 1, N = 14, O = 16, P = 31, S = 32, Ca = 40, Mg = 24, Al = 27, Fe = 56, Cu = 64, Ba = 137, C = 12)"
    q_ = _sc(r, stem, f"{_vn(M)} g/mol", [f"{_vn(w)} g/mol" for w in wrong if w > 0], sol)
    return _it(q_, "hoa-hoc", 11, lesson, y, "biet")


_GASES = [("Cl2", "chlorine", 10, "Bài 21", 1), ("NH3", "ammonia", 11, "Bài 5", 1),
          ("SO2", "sulfur dioxide", 11, "Bài 7", 2), ("N2", "nitrogen", 11, "Bài 4", 1),
          ("CH4", "methane", 11, "Bài 15", 2), ("C2H4", "ethylene", 11, "Bài 16", 1),
          ("C2H2", "acetylene", 11, "Bài 16", 1)]  # fmt: skip


def t_hoa_mol_gas(r):
    formula, name, grade, lesson, y = r.choice(_GASES)
    M = _molar(formula)
    n = Fraction(r.choice([1, 2, 3, 4, 5, 15, 25]), 10)
    m = n * M
    if r.random() < 0.5:
        V = n * _MOLAR_VOLUME
        stem = (
            f"Tính thể tích của {_vn(m)} gam khí {name} ({_chem(formula)}) ở điều kiện chuẩn (25 °C, 1 bar; thể tích mol "
            "khí 24,79 L/mol; đơn vị: lít, làm tròn kết quả đến hàng phần trăm)."
        )
        sol = _sol(
            _mx(
                r"n = \dfrac{m}{M} = \dfrac{<m>}{<M>} = <n>\ \text{mol};\ V = n\cdot 24{,}79 \approx <V>\ \text{L}",
                m=_tn(m),
                M=_tn(M),
                n=_tn(n),
                V=_tn(V, 2),
            )
            + "."
        )
        return _it(_sn(stem, V, sol, 2), "hoa-hoc", grade, lesson, y, "hieu")
    V = n * _MOLAR_VOLUME
    stem = (
        f"Một bình chứa {_vn(V)} lít khí {name} ({_chem(formula)}) ở điều kiện chuẩn (25 °C, 1 bar; thể tích mol khí 24,79 "
        "L/mol). Tính khối lượng khí trong bình (đơn vị: gam, làm tròn kết quả đến hàng phần mười)."
    )
    sol = _sol(
        _mx(
            r"n = \dfrac{V}{24{,}79} = <n>\ \text{mol};\ m = n\cdot M = <n>\cdot <M> = <m>\ \text{g}",
            n=_tn(n),
            M=_tn(M),
            m=_tn(m),
        )
        + "."
    )
    return _it(_sn(stem, m, sol, 1), "hoa-hoc", grade, lesson, y, "hieu")


def t_hoa11_nong_do(r):
    solute = r.choice([("NaOH", "sodium hydroxide"), ("KOH", "potassium hydroxide"), ("NaCl", "sodium chloride"),
                       ("HCl", "hydrogen chloride"), ("H2SO4", "sulfuric acid")])  # fmt: skip
    formula, name = solute
    M = _molar(formula)
    n = Fraction(r.choice([1, 2, 4, 5, 10, 25]), 100)
    V = r.choice([100, 200, 250, 500])
    c = n / Fraction(V, 1000)
    m = n * M
    stem = (
        f"Hoà tan hoàn toàn {_vn(m)} gam {name} ({_chem(formula)}) vào nước được {V} mL dung dịch. Tính nồng độ mol của "
        "dung dịch thu được (đơn vị: M, làm tròn kết quả đến hàng phần trăm)."
    )
    sol = _sol(
        _mx(
            r"n = \dfrac{<m>}{<M>} = <n>\ \text{mol};\ C_M = \dfrac{n}{V} = \dfrac{<n>}{<V>} = <c>\ \text{M}",
            m=_tn(m),
            M=_tn(M),
            n=_tn(n),
            V=_tn(Fraction(V, 1000)),
            c=_tn(c, 3),
        )
        + "."
    )
    return _it(_sn(stem, c, sol, 2), "hoa-hoc", 11, "Bài 2", 3, "hieu")


def _hoa11_plan():
    return [
        (_facts_template(_HOA11_FACTS, "hoa-hoc", 11), 12),
        (t_hoa11_ph, 14),
        (t_hoa11_chuan_do, 6),
        (t_hoa11_can_bang_tf, 7),
        (t_hoa11_kc, 8),
        (_reaction_template(11), 8),
        (t_hoa11_ten_goi, 14),
        (t_hoa11_phan_loai, 10),
        (t_hoa11_cong_thuc, 10),
        (t_hoa11_tinh_toan, 14),
        (t_hoa11_molar, 12),
        (t_hoa_mol_gas, 12),
        (t_hoa11_nong_do, 6),
        (t_hoa11_group_chuan_do, 2),
        (t_hoa11_ph_order, 5),
        (t_hoa11_mr, 4),
        (t_hoa11_match, 4),
        (t_hoa11_essay, 3),
    ]


_ESTERS = [
    ("HCOOCH3", ["methyl formate", "methyl methanoate"], "HCOONa", "CH3OH"),
    ("HCOOC2H5", ["ethyl formate", "ethyl methanoate"], "HCOONa", "C2H5OH"),
    ("CH3COOCH3", ["methyl acetate", "methyl ethanoate"], "CH3COONa", "CH3OH"),
    ("CH3COOC2H5", ["ethyl acetate", "ethyl ethanoate"], "CH3COONa", "C2H5OH"),
    ("C2H5COOCH3", ["methyl propionate", "methyl propanoate"], "C2H5COONa", "CH3OH"),
    ("CH3COOCH2CH2CH3", ["propyl acetate", "propyl ethanoate"], "CH3COONa", "C3H7OH"),
]  # fmt: skip


def t_hoa12_ester(r):
    formula, names, salt, alcohol = r.choice(_ESTERS)
    kind = r.choice(["ten", "ten", "thuy_phan"])
    if kind == "ten":
        if r.random() < 0.5:
            stem = f"Viết tên gọi của ester có công thức {_chem(formula)}."
            sol = _sol(f"Tên ester = tên gốc alcohol + tên gốc acid (đuôi -ate): {names[0]}.")
            return _it(_st(stem, names, sol), "hoa-hoc", 12, "Bài 1", 1, "biet")
        stem = f"Tên gọi của ester {_chem(formula)} là"
        others = [n[0] for f, n, _, _ in _ESTERS if f != formula]
        sol = _sol(f"Tên ester = tên gốc alcohol + tên gốc acid (đuôi -ate): {names[0]}.")
        q_ = _sc(r, stem, names[0], r.sample(others, 4), sol, none_option=False)
        return _it(q_, "hoa-hoc", 12, "Bài 1", 1, "biet")
    M = _molar(formula)
    m = M * Fraction(r.choice([1, 2, 3, 5]), 10)
    mol = m / M
    m_salt = mol * _molar(salt)
    stem = f"Thuỷ phân hoàn toàn {_vn(m)} gam {names[0]} ({_chem(formula)}) bằng dung dịch NaOH vừa đủ. Tính khối lượng muối thu được (đơn vị: gam, làm tròn kết quả đến hàng phần mười)."
    sol = _sol(f"{_chem(formula)} + NaOH → {_chem(salt)} + {_chem(alcohol)}; "
               + _mx(r"n = \dfrac{<m>}{<M>} = <n>\ \text{mol};\ m_{muối} = <n>\cdot <Ms> = <x>\ \text{g}", m=_tn(m), M=_tn(M), n=_tn(mol), Ms=_tn(_molar(salt)), x=_tn(m_salt, 2)) + ".")  # fmt: skip
    return _it(_sn(stem, m_salt, sol, 1), "hoa-hoc", 12, "Bài 1", 2, "hieu")


def t_hoa12_xa_phong(r):
    fat = r.choice([("(C17H35COO)3C3H5", "tristearin", "C17H35COONa"), ("(C15H31COO)3C3H5", "tripalmitin", "C15H31COONa"),
                    ("(C17H33COO)3C3H5", "triolein", "C17H33COONa")])  # fmt: skip
    formula, name, soap = fat
    M = _molar(formula)
    m = (
        r.choice([Fraction(k) for k in (89, 178, 445, 890)])
        if name == "tristearin"
        else M * Fraction(r.choice([1, 2, 5]), 10)
    )
    H = r.choice([80, 85, 90, 100])
    mol = m / M
    m_soap = 3 * mol * _molar(soap) * H / 100
    m_gly = mol * 92 * H / 100
    ask_soap = r.random() < 0.6
    stem = f"Xà phòng hoá {_vn(m)} gam {name} bằng dung dịch NaOH dư, hiệu suất phản ứng {H}%. "
    if ask_soap:
        stem += "Tính khối lượng xà phòng (muối sodium của acid béo) thu được (đơn vị: gam, làm tròn kết quả đến hàng phần mười)."
        value = m_soap
    else:
        stem += (
            "Tính khối lượng glycerol thu được (đơn vị: gam, làm tròn kết quả đến hàng phần mười)."
        )
        value = m_gly
    sol = _sol(f"{_chem(formula)} + 3NaOH → 3{_chem(soap)} + C<sub>3</sub>H<sub>5</sub>(OH)<sub>3</sub>; "
               + _mx(r"n_{béo} = \dfrac{<m>}{<M>} = <n>\ \text{mol}", m=_tn(m), M=_tn(M), n=_tn(mol, 4))
               + f"; khối lượng cần tìm ≈ {_vn(value, 2)} g.")  # fmt: skip
    if _p3(value, 1) is None:
        return None
    return _it(_sn(stem, value, sol, 1), "hoa-hoc", 12, "Bài 2", 2, "van_dung")


def t_hoa12_carbohydrate(r):
    kind = r.choice(["len_men", "trang_bac", "tinh_bot"])
    if kind == "len_men":
        m = Fraction(r.choice([18, 36, 45, 90, 180, 270, 360]))
        H = r.choice([60, 75, 80, 90])
        mol = m / 180 * H / 100
        m_eth = 2 * mol * 46
        stem = f"Lên men {_vn(m)} gam glucose thành ethanol với hiệu suất {H}%. Tính khối lượng ethanol thu được (đơn vị: gam, làm tròn kết quả đến hàng phần mười)."
        sol = _sol("C<sub>6</sub>H<sub>12</sub>O<sub>6</sub> → 2C<sub>2</sub>H<sub>5</sub>OH + 2CO<sub>2</sub> (enzyme); "
                   + _mx(r"m = \dfrac{<m>}{180}\cdot <h>\cdot 2\cdot 46 \approx <x>\ \text{g}", m=_tn(m), h=_tn(Fraction(H, 100)), x=_tn(m_eth, 2)) + ".")  # fmt: skip
        return _it(_sn(stem, m_eth, sol, 1), "hoa-hoc", 12, "Bài 4", 3, "van_dung")
    if kind == "trang_bac":
        m = Fraction(r.choice([9, 18, 27, 36, 45]), 10)
        m_ag = m / 180 * 2 * 108
        stem = f"Cho {_vn(m)} gam glucose phản ứng hoàn toàn với lượng dư thuốc thử Tollens (dung dịch AgNO<sub>3</sub> trong NH<sub>3</sub>), đun nóng. Tính khối lượng bạc thu được (đơn vị: gam, làm tròn kết quả đến hàng phần trăm)."
        sol = _sol(
            "Mỗi phân tử glucose tạo 2 nguyên tử Ag: "
            + _mx(
                r"m_{Ag} = \dfrac{<m>}{180}\cdot 2\cdot 108 = <x>\ \text{g}",
                m=_tn(m),
                x=_tn(m_ag, 3),
            )
            + "."
        )
        return _it(_sn(stem, m_ag, sol, 2), "hoa-hoc", 12, "Bài 4", 3, "hieu")
    m = Fraction(r.choice([81, 162, 324, 405, 810]), 10)
    H = r.choice([75, 80, 90, 100])
    m_glc = m / 162 * 180 * H / 100
    stem = f"Thuỷ phân {_vn(m)} gam tinh bột trong môi trường acid với hiệu suất {H}%. Tính khối lượng glucose thu được (đơn vị: gam, làm tròn kết quả đến hàng phần mười)."
    sol = _sol("(C<sub>6</sub>H<sub>10</sub>O<sub>5</sub>)<sub>n</sub> + nH<sub>2</sub>O → nC<sub>6</sub>H<sub>12</sub>O<sub>6</sub>; "
               + _mx(r"m = \dfrac{<m>}{162}\cdot 180\cdot <h> = <x>\ \text{g}", m=_tn(m), h=_tn(Fraction(H, 100)), x=_tn(m_glc, 2)) + ".")  # fmt: skip
    return _it(_sn(stem, m_glc, sol, 1), "hoa-hoc", 12, "Bài 6", 2, "hieu")


_AMINO = [("glycine", "Gly", "H2N–CH2–COOH", 75), ("alanine", "Ala", "CH3–CH(NH2)–COOH", 89),
          ("valine", "Val", "(CH3)2CH–CH(NH2)–COOH", 117)]  # fmt: skip


def t_hoa12_amin_peptide(r):
    kind = r.choice(["peptide_M", "lien_ket", "amin_hcl"])
    if kind == "peptide_M":
        chain = [r.choice(_AMINO) for _ in range(r.randint(2, 4))]
        M = sum(a[3] for a in chain) - 18 * (len(chain) - 1)
        name = "-".join(a[1] for a in chain)
        stem = f"Tính phân tử khối của peptide {name} (Gly: M = 75; Ala: M = 89; Val: M = 117)."
        sol = _sol(f"Peptide tạo từ {len(chain)} amino acid tách ra {len(chain) - 1} phân tử nước: "
                   + _mx("M = <s> - 18\\cdot <k> = <M>", s=" + ".join(str(a[3]) for a in chain), k=len(chain) - 1, M=M) + ".")  # fmt: skip
        return _it(_sn(stem, M, sol), "hoa-hoc", 12, "Bài 9", 2, "hieu")
    if kind == "lien_ket":
        n = r.randint(3, 8)
        stem = f"Một peptide mạch hở được tạo thành từ {n} gốc α-amino acid. Số liên kết peptide trong phân tử là"
        sol = _sol(f"Peptide mạch hở có n gốc amino acid thì có n − 1 liên kết peptide: {n - 1}.")
        q_ = _sc(
            r,
            stem,
            str(n - 1),
            [str(n), str(n + 1), str(n - 2), str(2 * n)],
            sol,
            none_option=False,
        )
        return _it(q_, "hoa-hoc", 12, "Bài 9", 2, "biet")
    amine = r.choice(
        [("CH3NH2", "methylamine", 31), ("C2H5NH2", "ethylamine", 45), ("C6H5NH2", "aniline", 93)]
    )
    m = Fraction(amine[2]) * Fraction(r.choice([1, 2, 3, 5]), 10)
    m_salt = m / amine[2] * (amine[2] + Fraction(73, 2))
    stem = f"Cho {_vn(m)} gam {amine[1]} ({_chem(amine[0])}) tác dụng vừa đủ với dung dịch HCl. Tính khối lượng muối thu được (đơn vị: gam, làm tròn kết quả đến hàng phần trăm)."
    sol = _sol(
        f"{_chem(amine[0])} + HCl → muối; "
        + _mx(
            r"m_{muối} = m_{amine} + m_{HCl} = <m> + <n>\cdot 36{,}5 \approx <x>\ \text{g}",
            m=_tn(m),
            n=_tn(m / amine[2]),
            x=_tn(m_salt, 3),
        )
        + "."
    )
    return _it(_sn(stem, m_salt, sol, 2), "hoa-hoc", 12, "Bài 8", 2, "hieu")


_POLYMERS = [("ethylene (CH<sub>2</sub>=CH<sub>2</sub>)", "polyethylene (PE)", 28),
             ("vinyl chloride (CH<sub>2</sub>=CHCl)", "poly(vinyl chloride) (PVC)", Fraction(125, 2)),
             ("styrene (C<sub>6</sub>H<sub>5</sub>CH=CH<sub>2</sub>)", "polystyrene (PS)", 104),
             ("propylene (CH<sub>2</sub>=CH–CH<sub>3</sub>)", "polypropylene (PP)", 42),
             ("methyl methacrylate", "poly(methyl methacrylate) (PMMA)", 100),
             ("acrylonitrile (CH<sub>2</sub>=CH–CN)", "polyacrylonitrile (tơ nitron, olon)", 53)]  # fmt: skip


def t_hoa12_polymer(r):
    monomer, polymer, M = r.choice(_POLYMERS)
    if r.random() < 0.5:
        n = r.choice([500, 1000, 1200, 1500, 2000, 2500, 3000, 4000])
        Mp = n * Fraction(M)
        stem = f"Một mẫu {polymer} có phân tử khối trung bình là {_vn(Mp)}. Tính hệ số polymer hoá (số mắt xích trung bình) của mẫu đó."
        sol = _sol(
            _mx(
                r"n = \dfrac{M_{polymer}}{M_{monomer}} = \dfrac{<a>}{<b>} = <n>",
                a=_tn(Mp),
                b=_tn(M),
                n=n,
            )
            + "."
        )
        return _it(_sn(stem, n, sol), "hoa-hoc", 12, "Bài 12", 1, "hieu")
    stem = f"Trùng hợp {monomer} thu được polymer nào sau đây?"
    wrong = [p for _, p, _ in _POLYMERS if p != polymer]
    sol = _sol(f"Trùng hợp {monomer} tạo thành {polymer}.")
    q_ = _sc(r, stem, polymer, r.sample(wrong, 4), sol, none_option=False)
    return _it(q_, "hoa-hoc", 12, "Bài 12", 3, "biet")


_E0 = {"Mg": ("Mg<sup>2+</sup>/Mg", Fraction(-237, 100), 2, 24), "Al": ("Al<sup>3+</sup>/Al", Fraction(-166, 100), 3, 27),
       "Zn": ("Zn<sup>2+</sup>/Zn", Fraction(-76, 100), 2, 65), "Fe": ("Fe<sup>2+</sup>/Fe", Fraction(-44, 100), 2, 56),
       "Ni": ("Ni<sup>2+</sup>/Ni", Fraction(-26, 100), 2, 59), "Pb": ("Pb<sup>2+</sup>/Pb", Fraction(-13, 100), 2, 207),
       "Cu": ("Cu<sup>2+</sup>/Cu", Fraction(34, 100), 2, 64), "Ag": ("Ag<sup>+</sup>/Ag", Fraction(80, 100), 1, 108)}  # fmt: skip


def t_hoa12_pin(r):
    a, b = r.sample(list(_E0), 2)
    if _E0[a][1] > _E0[b][1]:
        a, b = b, a
    emf = _E0[b][1] - _E0[a][1]
    data = f"{_E0[a][0]}: {_vn(_E0[a][1])} V; {_E0[b][0]}: {_vn(_E0[b][1])} V"
    if r.random() < 0.6:
        stem = f"Cho thế điện cực chuẩn của các cặp oxi hoá – khử: {data}. Tính sức điện động chuẩn của pin điện hoá {a}–{b} (đơn vị: V)."
        sol = _sol(
            _mx(
                r"E^\circ_{pin} = E^\circ_{(+)} - E^\circ_{(-)} = <b> - (<a>) = <e>\ \text{V}",
                b=_tn(_E0[b][1]),
                a=_tn(_E0[a][1]),
                e=_tn(emf),
            )
            + f"; {a} là cực âm (anode), {b} là cực dương (cathode)."
        )
        return _it(_sn(stem, emf, sol, 2), "hoa-hoc", 12, "Bài 15", 2, "hieu")
    truth = _mix(r)
    statements = [
        (f"{a if truth[0] else b} đóng vai trò cực âm (anode) của pin.", truth[0]),
        (
            f"Trong quá trình pin hoạt động, khối lượng điện cực {a} "
            + ("giảm" if truth[1] else "tăng")
            + ".",
            truth[1],
        ),
        (
            f"Electron di chuyển ở mạch ngoài từ điện cực {a if truth[2] else b} sang điện cực {b if truth[2] else a}.",
            truth[2],
        ),
        (
            f"Sức điện động chuẩn của pin là {_vn(emf if truth[3] else _E0[b][1] + _E0[a][1])} V.",
            truth[3] or emf == _E0[b][1] + _E0[a][1],
        ),
    ]
    if not truth[3] and emf == _E0[b][1] + _E0[a][1]:
        return None
    stem = f"Một pin điện hoá được tạo bởi hai điện cực {a} và {b} nhúng trong dung dịch muối của chúng (nồng độ 1 M, nối bằng cầu muối). Biết {data}. Xét tính đúng, sai của các phát biểu sau."
    sol = _sol(f"Kim loại có thế điện cực chuẩn nhỏ hơn ({a}) là cực âm, bị oxi hoá nên tan dần; electron đi từ {a} sang {b} ở mạch ngoài; "
               + _mx(r"E^\circ_{pin} = <e>\ \text{V}", e=_tn(emf)) + ".")  # fmt: skip
    return _it(_tf(stem, statements, sol), "hoa-hoc", 12, "Bài 15", 2, "van_dung")


def t_hoa12_dien_phan(r):
    metal = r.choice(["Cu", "Ag", "Ni", "Zn"])
    _, _, n_e, A = _E0[metal]
    amp = r.choice([1, 2, 2.5, 3, 4, 5])
    t = r.choice([965, 1930, 3860, 1800, 3600, 2895])
    m = A * amp * t / (n_e * 96485)
    salt = {"Cu": "CuSO4", "Ag": "AgNO3", "Ni": "NiSO4", "Zn": "ZnSO4"}[metal]
    stem = f"Điện phân dung dịch {_chem(salt)} với điện cực trơ, cường độ dòng điện {_vn(amp)} A trong {t} giây (giả sử toàn bộ dòng điện dùng để khử ion kim loại ở cathode). Tính khối lượng {metal} bám vào cathode (đơn vị: gam, làm tròn kết quả đến hàng phần trăm). Lấy F = 96485 C/mol."
    sol = _sol(
        _mx(
            r"m = \dfrac{AIt}{nF} = \dfrac{<A>\cdot <I>\cdot <t>}{<n>\cdot 96485} \approx <m>\ \text{g}",
            A=A,
            I=_tn(amp),
            t=t,
            n=n_e,
            m=_tn(m, 3),
        )
        + "."
    )
    return _it(_sn(stem, m, sol, 2), "hoa-hoc", 12, "Bài 16", 1, "van_dung")


def t_hoa12_kim_loai(r):
    metal, valence, _salt = r.choice(_METAL_ACID)
    M = _MASS[metal]
    V = Fraction(r.choice([1, 2, 3, 5]), 10) * _MOLAR_VOLUME
    n_h2 = V / _MOLAR_VOLUME
    m = n_h2 * 2 / valence * M
    stem = f"Hoà tan hoàn toàn m gam {metal} trong dung dịch H<sub>2</sub>SO<sub>4</sub> loãng dư, thu được {_vn(V)} lít khí H<sub>2</sub> (đkc, 24,79 L/mol). Tính giá trị của m (làm tròn kết quả đến hàng phần mười)."
    sol = _sol(
        _mx(
            r"n_{H_2} = \dfrac{<V>}{24{,}79} = <n>\ \text{mol};\ n_{<M>} = \dfrac{2}{<v>}n_{H_2};\ m = <m>\ \text{g}",
            V=_tn(V),
            n=_tn(n_h2),
            M=metal,
            v=valence,
            m=_tn(m, 2),
        )
        + "."
    )
    return _it(_sn(stem, m, sol, 1), "hoa-hoc", 12, "Bài 19", 2, "hieu")


_HOA12_FACTS = [
    ("Saccharose khi thuỷ phân hoàn toàn trong môi trường acid tạo ra", "glucose và fructose",
     ["hai phân tử glucose", "hai phân tử fructose", "glucose và galactose"], "Bài 5", 2, "biet",
     "Saccharose được cấu tạo từ một gốc α-glucose và một gốc β-fructose."),
    ("Nhỏ dung dịch iodine vào hồ tinh bột thấy xuất hiện màu", "xanh tím", ["đỏ gạch", "vàng", "trắng"],
     "Bài 6", 2, "biet", "Tinh bột (amylose) hấp phụ iodine tạo màu xanh tím."),
    ("Glucose và fructose là hai chất", "đồng phân của nhau (cùng công thức C<sub>6</sub>H<sub>12</sub>O<sub>6</sub>)",
     ["đồng đẳng của nhau", "đều là polysaccharide", "đều là disaccharide"], "Bài 4", 1, "biet",
     "Glucose và fructose có cùng công thức phân tử C₆H₁₂O₆ nhưng khác cấu tạo."),
    ("Nhỏ nước bromine vào dung dịch aniline thấy xuất hiện", "kết tủa trắng", ["kết tủa vàng", "dung dịch xanh lam",
     "khí mùi khai"], "Bài 8", 2, "biet", "Aniline + 3Br₂ → 2,4,6-tribromoaniline (kết tủa trắng) + 3HBr."),
    ("Phản ứng màu biuret: protein tác dụng với Cu(OH)<sub>2</sub> trong môi trường kiềm tạo hợp chất màu", "tím",
     ["xanh tím", "vàng", "đỏ gạch"], "Bài 10", 2, "biet", "Protein (và peptide từ tripeptide trở lên) cho màu tím với Cu(OH)₂/OH⁻."),
    ("Trong công nghiệp, kim loại nhôm được sản xuất bằng phương pháp", "điện phân nóng chảy Al<sub>2</sub>O<sub>3</sub>",
     ["nhiệt luyện dùng CO khử Al<sub>2</sub>O<sub>3</sub>", "thuỷ luyện", "điện phân dung dịch AlCl<sub>3</sub>"],
     "Bài 20", 2, "biet", "Các kim loại hoạt động mạnh (Na, K, Mg, Al...) được điều chế bằng điện phân nóng chảy."),
    ("Gang là hợp kim của sắt với carbon, trong đó hàm lượng carbon", "từ 2% đến 5% về khối lượng",
     ["nhỏ hơn 0,01%", "từ 10% đến 20%", "lớn hơn 50%"], "Bài 21", 2, "biet",
     "Gang chứa khoảng 2–5% C; thép chứa dưới 2% C."),
    ("Gắn các khối kẽm vào vỏ tàu biển bằng thép là phương pháp chống ăn mòn nào?", "Phương pháp điện hoá (dùng kim loại hi sinh)",
     ["Phương pháp phủ bề mặt", "Phương pháp tạo hợp kim", "Phương pháp thuỷ luyện"], "Bài 22", 2, "hieu",
     "Zn hoạt động mạnh hơn Fe nên bị ăn mòn thay cho vỏ tàu."),
    ("Kim loại kiềm được bảo quản bằng cách", "ngâm trong dầu hoả", ["ngâm trong nước", "để ngoài không khí",
     "ngâm trong ethanol"], "Bài 24", 2, "biet", "Kim loại kiềm phản ứng mạnh với nước và oxygen nên được ngâm trong dầu hoả."),
    ("Nước cứng tạm thời chứa các muối", "Ca(HCO<sub>3</sub>)<sub>2</sub> và Mg(HCO<sub>3</sub>)<sub>2</sub>",
     ["CaCl<sub>2</sub> và MgSO<sub>4</sub>", "NaCl và KCl", "Na<sub>2</sub>CO<sub>3</sub> và K<sub>2</sub>CO<sub>3</sub>"],
     "Bài 25", 3, "biet", "Tính cứng tạm thời do các muối hydrogencarbonate, mất đi khi đun sôi."),
    ("Cấu hình electron của nguyên tử Fe (Z = 26) là", "[Ar]3d<sup>6</sup>4s<sup>2</sup>",
     ["[Ar]3d<sup>8</sup>", "[Ar]4s<sup>2</sup>3d<sup>6</sup>4p<sup>2</sup>", "[Ar]3d<sup>5</sup>4s<sup>1</sup>"],
     "Bài 27", 1, "biet", "Fe (Z = 26): 1s²2s²2p⁶3s²3p⁶3d⁶4s² = [Ar]3d⁶4s²."),
    ("Trong phức chất [Cu(NH<sub>3</sub>)<sub>4</sub>(H<sub>2</sub>O)<sub>2</sub>]<sup>2+</sup>, nguyên tử trung tâm là", "Cu<sup>2+</sup>",
     ["NH<sub>3</sub>", "H<sub>2</sub>O", "N"], "Bài 28", 1, "biet", "Ion Cu²⁺ nhận cặp electron từ các phối tử NH₃ và H₂O."),
]  # fmt: skip


def t_hoa12_order(r):
    series = r.choice([
        (["(C<sub>6</sub>H<sub>5</sub>)<sub>2</sub>NH", "C<sub>6</sub>H<sub>5</sub>NH<sub>2</sub>", "NH<sub>3</sub>", "CH<sub>3</sub>NH<sub>2</sub>"],
         "tính base tăng dần", "Bài 8", 2, "Gốc phenyl hút electron làm giảm tính base; gốc alkyl đẩy electron làm tăng tính base."),
        (["K", "Na", "Mg", "Al", "Zn", "Fe", "Cu", "Ag"], "tính khử giảm dần", "Bài 15", 1,
         "Theo dãy thế điện cực chuẩn: thế điện cực chuẩn càng nhỏ, tính khử của kim loại càng mạnh."),
        (["Ag<sup>+</sup>", "Cu<sup>2+</sup>", "Fe<sup>2+</sup>", "Zn<sup>2+</sup>", "Al<sup>3+</sup>", "Mg<sup>2+</sup>"],
         "tính oxi hoá giảm dần", "Bài 15", 1, "Thế điện cực chuẩn của cặp càng lớn, tính oxi hoá của ion kim loại càng mạnh."),
    ])  # fmt: skip
    items, criterion, lesson, y, why = series
    idx = sorted(r.sample(range(len(items)), 4))
    chosen = [items[i] for i in idx]
    stem = f"Sắp xếp các chất/ion sau theo chiều {criterion}: {', '.join(_shuffled(r, chosen))}."
    return _it(_order(stem, chosen, _sol(why)), "hoa-hoc", 12, lesson, y, "hieu")


def t_hoa12_match(r):
    chosen = r.sample(_POLYMERS, 4)
    pairs = [(m, p) for m, p, _ in chosen]
    stem = (
        "Ghép mỗi monomer ở cột trái với polymer tạo thành từ nó (bằng phản ứng trùng hợp) ở cột phải: "
        + "; ".join(m for m, _ in pairs)
        + "."
    )
    return _it(_match(r, stem, pairs), "hoa-hoc", 12, "Bài 12", 3, "hieu")


def t_hoa12_mr(r):
    pool = [("Glucose", True, False), ("Fructose", True, False), ("Saccharose", False, True), ("Maltose", True, True),
            ("Tinh bột", False, True), ("Cellulose", False, True)]  # fmt: skip
    ask = r.choice(["tráng bạc", "thuỷ phân"])
    chosen = r.sample(pool, 5)
    options = [(n, t if ask == "tráng bạc" else h) for n, t, h in chosen]
    listed = ", ".join(n.lower() for n, _ in options)
    stem = (f"Trong các chất {listed}, những chất nào tham gia phản ứng tráng bạc với thuốc thử Tollens?" if ask == "tráng bạc"
            else f"Trong các chất {listed}, những chất nào bị thuỷ phân trong môi trường acid?")  # fmt: skip
    sol = _sol(
        "Glucose, fructose, maltose có phản ứng tráng bạc; saccharose, maltose, tinh bột, cellulose bị thuỷ phân."
    )
    return _it(_mr(r, stem, options, sol), "hoa-hoc", 12, "Bài 7", 2, "hieu")


def t_hoa12_group_dien_phan(r):
    amp = r.choice([1, 2, 2.5, 5])
    t = r.choice([965, 1930, 3860])
    n_e = Fraction(amp).limit_denominator() * t / 96500
    m_cu = n_e / 2 * 64
    V_o2 = n_e / 4 * _MOLAR_VOLUME
    stimulus = (
        f"<p>Tiến hành điện phân 200 mL dung dịch CuSO<sub>4</sub> 0,5 M với hai điện cực than chì, cường độ dòng điện không đổi "
        f"{_vn(amp)} A trong {t} giây. Lấy F = 96500 C/mol, thể tích mol khí ở điều kiện chuẩn là 24,79 L/mol; giả thiết hiệu suất "
        "điện phân 100% và nước không bị điện phân ở cathode trong thời gian trên.</p>"
    )
    q1 = _sc(
        r,
        f"Trong thí nghiệm điện phân dung dịch CuSO<sub>4</sub> với dòng điện {_vn(amp)} A nói trên, quá trình xảy ra ở anode là",
        "2H<sub>2</sub>O → O<sub>2</sub> + 4H<sup>+</sup> + 4e",
        [
            "Cu<sup>2+</sup> + 2e → Cu",
            "2H<sub>2</sub>O + 2e → H<sub>2</sub> + 2OH<sup>−</sup>",
            "Cu → Cu<sup>2+</sup> + 2e",
        ],
        _sol("Anode trơ: ion SO₄²⁻ không bị oxi hoá, nước bị oxi hoá giải phóng O₂."),
        none_option=False,
    )
    q2 = _sn(
        f"Tính khối lượng Cu bám vào cathode sau {t} giây điện phân với dòng điện {_vn(amp)} A (đơn vị: gam, làm tròn kết quả đến hàng phần trăm).",
        m_cu,
        _sol(
            _mx(
                r"n_e = \dfrac{It}{F} = <n>\ \text{mol};\ m_{Cu} = \dfrac{n_e}{2}\cdot 64 = <m>\ \text{g}",
                n=_tn(n_e),
                m=_tn(m_cu, 3),
            )
        ),
        2,
    )
    q3 = _sn(
        f"Tính thể tích khí O<sub>2</sub> (đkc) thoát ra ở anode sau {t} giây điện phân với dòng điện {_vn(amp)} A (đơn vị: lít, làm tròn kết quả đến hàng phần trăm).",
        V_o2,
        _sol(
            _mx(
                r"n_{O_2} = \dfrac{n_e}{4} = <n>\ \text{mol};\ V = <V>\ \text{L}",
                n=_tn(n_e / 4),
                V=_tn(V_o2, 3),
            )
        ),
        2,
    )
    items = [
        _it(q1, "hoa-hoc", 12, "Bài 16", 1, "biet"),
        _it(q2, "hoa-hoc", 12, "Bài 16", 1, "hieu"),
        _it(q3, "hoa-hoc", 12, "Bài 17", 2, "van_dung"),
    ]
    if any(i is None for i in items):
        return None
    return _Group(
        title=f"Thí nghiệm điện phân dung dịch CuSO₄ ({_vn(amp)} A, {t} s)",
        stimulus=stimulus,
        items=items,
    )


def t_hoa12_essay(r):
    formula, names, salt, alcohol = r.choice(_ESTERS)
    M = _molar(formula)
    m = M * Fraction(r.choice([1, 2, 3]), 10)
    stem = (
        f"Đun nóng {_vn(m)} gam ester X có công thức phân tử {_chem(_formula_of(formula))} với dung dịch NaOH vừa đủ, thu được "
        f"{_vn(m / M * _molar(salt))} gam muối. a) Xác định công thức cấu tạo và gọi tên X. b) Viết phương trình phản ứng. "
        "c) Nêu một ứng dụng của X hoặc của loại ester này."
    )
    guide = [
        ("a) Tính " + _mx(r"n_X = <n>\ \text{mol}", n=_tn(m / M)) + f", suy ra M<sub>muối</sub> = {_vn(_molar(salt))}, muối là {_chem(salt)}", 1.0),
        (f"a) Kết luận X là {_chem(formula)} ({names[0]})", 0.5),
        (f"b) {_chem(formula)} + NaOH → {_chem(salt)} + {_chem(alcohol)}", 0.5),
        ("c) Nêu đúng một ứng dụng (dung môi, hương liệu trong thực phẩm, mĩ phẩm…)", 0.5),
    ]  # fmt: skip
    return _it(_essay(stem, guide), "hoa-hoc", 12, "Bài 3", 2, "van_dung")


def _formula_of(formula: str) -> str:
    atoms = _atoms(formula)
    return "".join(
        el + ("" if atoms[el] == 1 else str(atoms[el])) for el in ("C", "H", "O") if atoms.get(el)
    )


def _hoa12_plan():
    return [
        (_facts_template(_HOA12_FACTS, "hoa-hoc", 12), 12),
        (t_hoa12_ester, 14),
        (t_hoa12_xa_phong, 6),
        (t_hoa12_carbohydrate, 12),
        (t_hoa12_amin_peptide, 12),
        (t_hoa12_polymer, 10),
        (t_hoa12_pin, 10),
        (t_hoa12_dien_phan, 6),
        (t_hoa12_kim_loai, 8),
        (_reaction_template(12), 4),
        (t_hoa12_order, 5),
        (t_hoa12_match, 4),
        (t_hoa12_mr, 4),
        (t_hoa12_group_dien_phan, 2),
        (t_hoa12_essay, 3),
    ]


# =======================================================================================
# TIẾNG ANH 10 (Global Success)
# =======================================================================================

_UNIT_TITLES = {1: "Family life", 2: "Humans and the environment", 3: "Music", 4: "For a better community",
                5: "Inventions", 6: "Gender equality", 7: "Viet Nam and international organisations",
                8: "New ways to learn", 9: "Protecting the environment", 10: "Ecotourism"}  # fmt: skip
_REVIEW_OF = {1: 1, 2: 1, 3: 1, 4: 2, 5: 2, 6: 3, 7: 3, 8: 3, 9: 4, 10: 4}


def _en(q: ParsedQuestion | None, unit: int, part: str, y: int | None, level: str) -> _Item | None:
    lesson = (
        f"Review {_REVIEW_OF[unit]}/{part}"
        if part in ("Language*", "Skills*")
        else f"Unit {unit}/{part}"
    )
    return _it(q, "tieng-anh", 10, lesson.replace("*", ""), y, level)


_VOCAB = {
    1: [("chore", "a task that you do regularly at home, such as cleaning or washing", "việc nhà"),
        ("homemaker", "a person who manages a home and often does not have a paid job", "người nội trợ"),
        ("breadwinner", "the member of a family who earns the money that the family needs", "trụ cột kinh tế"),
        ("laundry", "clothes, sheets, etc. that need to be washed or have just been washed", "quần áo cần giặt"),
        ("grocery", "food and other things that you buy in a shop or supermarket", "thực phẩm, hàng tạp hoá"),
        ("rubbish", "things that you throw away because you no longer want or need them", "rác"),
        ("responsibility", "a duty to deal with something or take care of somebody", "trách nhiệm"),
        ("gratitude", "the feeling of being thankful", "lòng biết ơn")],
    2: [("carbon footprint", "the amount of carbon dioxide that a person's activities produce", "lượng khí thải carbon"),
        ("eco-friendly", "not harmful to the environment", "thân thiện với môi trường"),
        ("household appliance", "a machine used in the home, such as a fridge or a washing machine", "thiết bị gia dụng"),
        ("reusable", "able to be used more than once", "có thể tái sử dụng"),
        ("organic", "grown without artificial chemicals", "hữu cơ"),
        ("waste", "material that is no longer needed and is thrown away", "chất thải"),
        ("awareness", "knowledge or understanding that something is important", "nhận thức"),
        ("litter", "pieces of rubbish left on the ground in a public place", "rác vứt bừa bãi")],
    3: [("talent show", "a competition in which people show their skills, for example singing or dancing", "cuộc thi tài năng"),
        ("judge", "a person who decides who wins a competition", "giám khảo"),
        ("contestant", "a person who takes part in a competition", "thí sinh"),
        ("audience", "the group of people who watch or listen to a performance", "khán giả"),
        ("perform", "to entertain people by singing, dancing or playing music", "biểu diễn"),
        ("release", "to make a song or an album available to the public", "phát hành"),
        ("instrument", "an object such as a piano or a guitar that is used for making music", "nhạc cụ"),
        ("debut", "the first public appearance of a performer", "lần ra mắt đầu tiên")],
    4: [("volunteer", "a person who does a job without being paid", "tình nguyện viên"),
        ("donate", "to give money or goods to help a person or an organisation", "quyên góp"),
        ("charity", "an organisation that helps people who are in need", "tổ chức từ thiện"),
        ("community", "all the people who live in the same area", "cộng đồng"),
        ("disadvantaged", "not having the things, such as money or education, that other people have", "thiệt thòi"),
        ("remote", "far away from cities and other people", "xa xôi, hẻo lánh"),
        ("fundraising", "the activity of collecting money for a particular purpose", "gây quỹ"),
        ("benefit", "an advantage or a good effect that something gives you", "lợi ích")],
    5: [("invention", "something that has been designed or created for the first time", "phát minh"),
        ("inventor", "a person who has created something new", "nhà phát minh"),
        ("device", "a piece of equipment made for a particular purpose", "thiết bị"),
        ("patent", "an official right to be the only person who makes or sells an invention", "bằng sáng chế"),
        ("portable", "light and small enough to be carried easily", "dễ mang theo, xách tay"),
        ("robot", "a machine that can do a series of tasks automatically", "người máy"),
        ("artificial intelligence", "the ability of computers to copy intelligent human behaviour", "trí tuệ nhân tạo"),
        ("laptop", "a small computer that you can carry with you", "máy tính xách tay")],
    6: [("gender equality", "the situation in which men and women are treated in the same way", "bình đẳng giới"),
        ("discrimination", "treating a person unfairly because of their sex, race, age, etc.", "sự phân biệt đối xử"),
        ("equal pay", "the same salary for the same work", "trả lương ngang nhau"),
        ("stereotype", "a fixed idea about what a particular type of person is like", "định kiến, khuôn mẫu"),
        ("workforce", "all the people who work in a country or a company", "lực lượng lao động"),
        ("surgeon", "a doctor who performs operations", "bác sĩ phẫu thuật"),
        ("physical strength", "the power of the body to do hard work", "sức mạnh thể chất"),
        ("housework", "the work that you do at home, such as cleaning and cooking", "công việc nhà")],
    7: [("member", "a person or a country that belongs to a group or an organisation", "thành viên"),
        ("organisation", "a group of people or countries that work together for a purpose", "tổ chức"),
        ("economic", "connected with trade, industry and money", "thuộc về kinh tế"),
        ("promote", "to help something develop or become more successful", "thúc đẩy"),
        ("peacekeeping", "the work of keeping peace in a place where there is fighting", "gìn giữ hoà bình"),
        ("poverty", "the state of being very poor", "sự nghèo đói"),
        ("investment", "the act of putting money into a business to make a profit", "sự đầu tư"),
        ("participate", "to take part in an activity or event", "tham gia")],
    8: [("blended learning", "a way of learning that combines online activities with face-to-face lessons", "học tập kết hợp"),
        ("online", "connected to or available through the Internet", "trực tuyến"),
        ("platform", "a website or an app that people use to do something, e.g. to study", "nền tảng"),
        ("distraction", "something that takes your attention away from what you are doing", "sự xao nhãng"),
        ("self-study", "the activity of learning by yourself without a teacher", "tự học"),
        ("concentrate", "to give all your attention to something", "tập trung"),
        ("access", "the chance or right to use something", "sự tiếp cận"),
        ("digital", "using computer technology", "kĩ thuật số")],
    9: [("endangered", "at risk of no longer existing", "có nguy cơ tuyệt chủng"),
        ("habitat", "the natural home of an animal or a plant", "môi trường sống"),
        ("deforestation", "the cutting down of trees in a large area", "nạn phá rừng"),
        ("pollution", "dirty or harmful substances in the air, water or soil", "sự ô nhiễm"),
        ("climate change", "changes in the Earth's weather, especially the rise in temperature", "biến đổi khí hậu"),
        ("biodiversity", "the variety of plants and animals in a particular place", "đa dạng sinh học"),
        ("extinct", "no longer in existence", "tuyệt chủng"),
        ("conserve", "to protect something and prevent it from being damaged", "bảo tồn")],
    10: [("ecotourism", "tourism that protects the environment and supports local people", "du lịch sinh thái"),
         ("local", "belonging to the particular area where you live", "thuộc địa phương"),
         ("sustainable", "able to continue for a long time without harming the environment", "bền vững"),
         ("souvenir", "something that you buy to remember a place you have visited", "quà lưu niệm"),
         ("tour guide", "a person whose job is to show tourists around a place", "hướng dẫn viên du lịch"),
         ("destination", "the place where somebody is going", "điểm đến"),
         ("impact", "a strong effect that something has on somebody or something", "tác động"),
         ("attraction", "an interesting place that many people visit", "điểm tham quan")],
}  # fmt: skip


def t_anh_vocab(r):
    unit = r.randint(1, 10)
    word, definition, vi = r.choice(_VOCAB[unit])
    others = [w for w, _, _ in _VOCAB[unit] if w != word]
    stem = f"Choose the word or phrase that matches this definition (Unit {unit}: {_UNIT_TITLES[unit]}): “{definition}”."
    sol = _sol(f"“{word}” ({vi}): {definition}.")
    q_ = _sc(r, stem, word, r.sample(others, 4), sol, none_option=False)
    return _en(q_, unit, "Language", 2, "biet")


def t_anh_match(r):
    unit = r.randint(1, 10)
    chosen = r.sample(_VOCAB[unit], 4)
    vietnamese = r.random() < 0.4
    if vietnamese:
        pairs = [(w, vi) for w, _, vi in chosen]
        stem = (
            f"Match each word from Unit {unit} ({_UNIT_TITLES[unit]}) with its Vietnamese meaning: "
            + ", ".join(w for w, _ in pairs)
            + "."
        )
    else:
        pairs = [(w, d) for w, d, _ in chosen]
        stem = (
            f"Match each word from Unit {unit} ({_UNIT_TITLES[unit]}) with its definition: "
            + ", ".join(w for w, _ in pairs)
            + "."
        )
    return _en(_match(r, stem, pairs), unit, "Language", 2, "biet")


# --- verb forms -------------------------------------------------------------------------

_VERBS = {  # base: (third person, past, past participle, -ing)
    "do": ("does", "did", "done", "doing"), "wash": ("washes", "washed", "washed", "washing"),
    "cook": ("cooks", "cooked", "cooked", "cooking"), "clean": ("cleans", "cleaned", "cleaned", "cleaning"),
    "take": ("takes", "took", "taken", "taking"), "water": ("waters", "watered", "watered", "watering"),
    "lay": ("lays", "laid", "laid", "laying"), "iron": ("irons", "ironed", "ironed", "ironing"),
    "feed": ("feeds", "fed", "fed", "feeding"), "make": ("makes", "made", "made", "making"),
    "sweep": ("sweeps", "swept", "swept", "sweeping"), "tidy": ("tidies", "tidied", "tidied", "tidying"),
    "plant": ("plants", "planted", "planted", "planting"), "teach": ("teaches", "taught", "taught", "teaching"),
    "collect": ("collects", "collected", "collected", "collecting"), "build": ("builds", "built", "built", "building"),
    "paint": ("paints", "painted", "painted", "painting"), "read": ("reads", "read", "read", "reading"),
    "use": ("uses", "used", "used", "using"), "learn": ("learns", "learnt", "learnt", "learning"),
    "visit": ("visits", "visited", "visited", "visiting"), "see": ("sees", "saw", "seen", "seeing"),
    "buy": ("buys", "bought", "bought", "buying"), "write": ("writes", "wrote", "written", "writing"),
    "repair": ("repairs", "repaired", "repaired", "repairing"),
}  # fmt: skip
_CHORES = [("do", "the laundry"), ("wash", "the dishes"), ("cook", "dinner"), ("clean", "the house"),
           ("take", "out the rubbish"), ("water", "the plants"), ("lay", "the table"), ("iron", "the clothes"),
           ("feed", "the cat"), ("make", "the beds"), ("sweep", "the floor"), ("tidy", "the living room"),
           ("do", "the shopping"), ("do", "the washing-up")]  # fmt: skip
_SUBJECTS = [("My mother", 3), ("My father", 3), ("My sister", 3), ("My brother", 3), ("Lan", 3), ("Nam", 3),
             ("My grandparents", 6), ("My parents", 6), ("I", 1), ("We", 6), ("They", 6), ("Mai", 3)]  # fmt: skip
_SIMPLE_MARKERS = [
    "every day",
    "every evening",
    "twice a week",
    "on Sundays",
    "once a week",
    "every morning",
]
_CONT_MARKERS = [
    ("", "at the moment"),
    ("", "now"),
    ("", "right now"),
    ("Look! ", ""),
    ("Listen! ", ""),
]


def _be(person: int, past: bool = False) -> str:
    if past:
        return "was" if person in (1, 3) else "were"
    return {1: "am", 3: "is"}.get(person, "are")


def _present(base: str, person: int) -> str:
    return _VERBS[base][0] if person == 3 else base


def _tense_item(r):
    """(sentence with ___ and hint, key, wrong list, explanation)."""
    subj, person = r.choice(_SUBJECTS)
    verb, obj = r.choice(_CHORES)
    if verb in ("iron", "sweep") and r.random() < 0.5:
        return None
    if r.random() < 0.5:
        marker = r.choice(_SIMPLE_MARKERS)
        key = _present(verb, person)
        wrong = [verb if person == 3 else _VERBS[verb][0], f"{_be(person)} {verb}", f"{_be(person)} {_VERBS[verb][3]}",
                 _VERBS[verb][1]]  # fmt: skip
        sentence = f"{subj} ___ ({verb}) {obj} {marker}."
        why = f"“{marker}” diễn tả thói quen, việc lặp lại → thì hiện tại đơn."
    else:
        before, after = r.choice(_CONT_MARKERS)
        key = f"{_be(person)} {_VERBS[verb][3]}"
        wrong = [f"{_be(3 if person != 3 else 6)} {_VERBS[verb][3]}", f"{_be(person)} {verb}", _present(verb, person),
                 _VERBS[verb][1]]  # fmt: skip
        sentence = f"{before}{subj} ___ ({verb}) {obj}{' ' + after if after else ''}."
        why = f"“{(before or after).strip(' !')}” cho biết hành động đang diễn ra → thì hiện tại tiếp diễn."
    return sentence, key, wrong, why


def _passive_item(r):
    noun, plural, verb, pp, place = r.choice([
        ("Plastic bottles", True, "recycle", "recycled", "at this factory"),
        ("Rubbish", False, "collect", "collected", "in our neighbourhood"),
        ("A lot of trees", True, "plant", "planted", "along the river"),
        ("Solar panels", True, "install", "installed", "on the school roof"),
        ("Reusable bags", True, "use", "used", "in this supermarket"),
        ("Waste water", False, "treat", "treated", "at this treatment plant"),
        ("Energy-saving light bulbs", True, "sell", "sold", "in this shop"),
        ("Old newspapers", True, "collect", "collected", "by our class"),
        ("A clean-up campaign", False, "organise", "organised", "by the Youth Union"),
        ("Organic vegetables", True, "grow", "grown", "in the school garden"),
    ])  # fmt: skip
    tense = r.choice(["present", "past", "future"])
    marker = {"present": r.choice(["every week", "every month", "every year"]),
              "past": r.choice(["last year", "last month", "two years ago"]),
              "future": r.choice(["next year", "next month", "next week"])}[tense]  # fmt: skip
    be = {
        "present": "are" if plural else "is",
        "past": "were" if plural else "was",
        "future": "will be",
    }[tense]
    key = f"{be} {pp}"
    wrong_be = {"are": "is", "is": "are", "were": "was", "was": "were", "will be": "will"}[be]
    wrong = [f"{wrong_be} {pp}", f"{be} {verb}", f"{be} {verb}ing".replace("eing", "ing"),
             f"will {verb}" if tense != "future" else f"{'are' if plural else 'is'} {pp}"]  # fmt: skip
    sentence = f"{noun} ___ ({verb}) {place} {marker}."
    why = f"Chủ ngữ “{noun}” chịu tác động của hành động → câu bị động; “{marker}” → " + {
        "present": "hiện tại đơn (am/is/are + V3).", "past": "quá khứ đơn (was/were + V3).", "future": "tương lai đơn (will be + V3)."}[tense]  # fmt: skip
    return sentence, key, wrong, why


_WILL_GOING = [
    ("Look at those dark clouds! It ___ rain.", "is going to", ["will", "rains", "is raining"], "Dự đoán dựa vào dấu hiệu ở hiện tại → be going to."),
    ("“I'm thirsty.” – “Wait a minute. I ___ get you some water.”", "will", ["am going to", "get", "am getting"], "Quyết định ngay lúc nói → will."),
    ("We have bought some young trees. We ___ plant them in the school garden this weekend.", "are going to", ["will", "plant", "planted"], "Dự định đã có kế hoạch từ trước → be going to."),
    ("“The bag is too heavy for me.” – “Don't worry. I ___ carry it for you.”", "will", ["am going to", "carry", "carried"], "Lời đề nghị giúp đỡ quyết định ngay lúc nói → will."),
    ("My class has decided what to do for Earth Day. We ___ collect rubbish on the beach.", "are going to", ["will", "collect", "collected"], "Kế hoạch đã quyết định → be going to."),
    ("I think people ___ use more electric cars in the future.", "will", ["are going to be", "use", "used"], "Dự đoán dựa trên ý kiến cá nhân (I think) → will."),
    ("The lights are still on in the empty classroom. I ___ turn them off.", "will", ["turn", "turned", "turning"], "Quyết định tức thời → will."),
    ("Nam has saved enough money. He ___ buy a bicycle so that he can ride to school.", "is going to", ["will be", "buys", "bought"], "Dự định có từ trước → be going to."),
]  # fmt: skip
_CONJ = [
    ("I love music, ___ I can't play any musical instruments.", "but", "Hai vế tương phản → but."),
    ("She practised very hard, ___ she won the first prize in the talent show.", "so", "Vế sau là kết quả → so."),
    ("You can sing a song, ___ you can play the guitar for the show.", "or", "Lựa chọn giữa hai khả năng → or."),
    ("He plays the piano, ___ his sister sings in the school choir.", "and", "Bổ sung thông tin → and."),
    ("The concert was very long, ___ the audience enjoyed every minute of it.", "but", "Hai vế tương phản → but."),
    ("It started to rain heavily, ___ the outdoor concert was cancelled.", "so", "Vế sau là kết quả → so."),
    ("We can watch the music programme on TV, ___ we can listen to it on the radio.", "or", "Lựa chọn → or."),
    ("My brother writes the songs, ___ my best friend sings them.", "and", "Bổ sung thông tin → and."),
    ("The singer was tired, ___ she still gave a wonderful performance.", "but", "Hai vế tương phản → but."),
    ("Tickets for the show sold out quickly, ___ many fans couldn't go.", "so", "Vế sau là kết quả → so."),
]  # fmt: skip
_INF_VERBS = [("let", False), ("make", False), ("want", True), ("decide", True), ("hope", True), ("plan", True),
              ("would like", True), ("agree", True)]  # fmt: skip
_INF_ACTIONS = [("join", "the school band"), ("enter", "the singing contest"), ("practise", "the guitar every day"),
                ("perform", "on stage"), ("sing", "in the school choir"), ("learn", "to play the drums")]  # fmt: skip


def _inf_item(r):
    verb, to = r.choice(_INF_VERBS)
    action, rest = r.choice(_INF_ACTIONS)
    subjects = [
        ("My parents", 6),
        ("Our teacher", 3),
        ("Minh's father", 3),
        ("The music teacher", 3),
    ]
    if to:
        subjects += [("She", 3), ("I", 1), ("They", 6), ("Minh", 3)]
    subj, person = r.choice(subjects)
    third = {"let": "lets", "make": "makes", "want": "wants", "decide": "decides", "hope": "hopes", "plan": "plans",
             "agree": "agrees", "would like": "would like"}  # fmt: skip
    v = third[verb] if person == 3 else verb
    ing = {"join": "joining", "enter": "entering", "practise": "practising", "perform": "performing",
           "sing": "singing", "learn": "learning"}[action]  # fmt: skip
    if not to:
        obj = r.choice(["me", "us", "her", "him"])
        sentence = f"{subj} {v} {obj} ___ ({action}) {rest}."
        key, wrong = action, [f"to {action}", ing, f"for {ing}"]
        why = f"Cấu trúc {verb} + tân ngữ + động từ nguyên mẫu không “to”."
    else:
        sentence = f"{subj} {v} ___ ({action}) {rest}."
        key, wrong = f"to {action}", [action, ing, f"for {ing}"]
        why = f"Sau “{verb}” dùng động từ nguyên mẫu có “to”."
    return sentence, key, wrong, why, True


_EVENTS = [("it", "start", "started", "starting", "to rain"), ("the phone", "ring", "rang", "ringing", ""),
           ("a reporter", "come", "came", "coming", "to interview us"), ("the lights", "go", "went", "going", "out"),
           ("our teacher", "arrive", "arrived", "arriving", "with some snacks"),
           ("a storm", "hit", "hit", "hitting", "the village")]  # fmt: skip
_ACTIONS = [("my friends", 6, "clean", "the beach"), ("Lan", 3, "teach", "the children English"), ("we", 6, "plant", "trees in the park"),
            ("Minh", 3, "collect", "rubbish in the street"), ("the volunteers", 6, "build", "a new library"),
            ("I", 1, "read", "books to the old people"), ("my sister", 3, "paint", "the classroom walls")]  # fmt: skip


def _past_item(r):
    ev_subj, ev_base, ev_past, ev_ing, ev_rest = r.choice(_EVENTS)
    subj, person, verb, rest = r.choice(_ACTIONS)
    cont = f"{_be(person, True)} {_VERBS[verb][3]}"
    tail = f" {ev_rest}" if ev_rest else ""
    if r.random() < 0.5:
        sentence = f"When {ev_subj} {ev_past}{tail}, {subj} ___ ({verb}) {rest}."
        key = cont
        wrong = [
            f"{_be(3 if person != 3 else 6, True)} {_VERBS[verb][3]}",
            f"{_be(person)} {_VERBS[verb][3]}",
            _VERBS[verb][1],
        ]
        why = "Hành động đang diễn ra thì có hành động khác xen vào → quá khứ tiếp diễn."
    else:
        sentence = f"While {subj} {cont} {rest}, {ev_subj} ___ ({ev_base}){tail}."
        key = ev_past
        plural = ev_subj == "the lights"
        pp = {"come": "come", "go": "gone"}.get(ev_base, ev_past)
        wrong = [
            ev_base if plural else ev_base + ("es" if ev_base.endswith("o") else "s"),
            f"{'have' if plural else 'has'} {pp}",
            f"{'were' if plural else 'was'} {ev_ing}",
        ]
        why = "Hành động ngắn xen vào một hành động đang diễn ra (while …) → quá khứ đơn."
    sentence = sentence[0].upper() + sentence[1:]
    return sentence, key, wrong, why, True


_PERFECT = [("I", 1, "use", "this laptop", "I was"), ("My father", 3, "repair", "old radios", "he was"),
            ("We", 6, "learn", "English online", "we were"), ("Nam", 3, "write", "computer programs", "he was"),
            ("They", 6, "visit", "the science museum", "they were")]  # fmt: skip


def _perfect_item(r):
    subj, person, verb, rest, pron = r.choice(_PERFECT)
    time = r.choice(
        [
            "since 2020",
            "for three years",
            "since last summer",
            "for a long time",
            f"since {pron} ten",
        ]
    )
    if verb == "visit":
        time = (
            r.choice(["three times", "many times", "twice"])
            + " since "
            + r.choice(["2020", "last year"])
        )
    key = f"{'has' if person == 3 else 'have'} {_VERBS[verb][2]}"
    wrong = [
        _VERBS[verb][1],
        f"{'have' if person == 3 else 'has'} {_VERBS[verb][2]}",
        f"{_be(person)} {_VERBS[verb][3]}",
    ]
    sentence = f"{subj} ___ ({verb}) {rest} {time}."
    why = "Dấu hiệu “since/for …” → thì hiện tại hoàn thành (have/has + V3)."
    return sentence, key, wrong, why, True


_DEVICES = [("A robot vacuum cleaner", "clean", "cleaning", "floors"), ("A smartphone", "make", "making", "video calls"),
            ("A 3D printer", "print", "printing", "solid objects"), ("A dishwasher", "wash", "washing", "dishes"),
            ("An electric kettle", "boil", "boiling", "water"), ("A GPS device", "find", "finding", "the way"),
            ("A drone", "take", "taking", "photos from the air"), ("A washing machine", "wash", "washing", "clothes"),
            ("A solar charger", "charge", "charging", "phones with sunlight")]  # fmt: skip


def _purpose_item(r):
    device, base, ing, obj = r.choice(_DEVICES)
    if r.random() < 0.5:
        sentence = f"{device} is used for ___ ({base}) {obj}."
        key, wrong = ing, [base, f"to {base}", f"to {ing}"]
        why = "be used for + V-ing: nói về công dụng của đồ vật."
    else:
        sentence = f"{device} is used to ___ ({base}) {obj}."
        key, wrong = base, [ing, f"for {ing}", f"to {ing}"]
        why = "be used to + V (nguyên mẫu): nói về mục đích sử dụng của đồ vật."
    return sentence, key, wrong, why, False


_MODAL_PASSIVE = [("Equal pay", "must", "guarantee", "guaranteed", "for men and women who do the same job"),
                  ("Housework", "should", "share", "shared", "between husbands and wives"),
                  ("Girls", "should", "encourage", "encouraged", "to study science and technology"),
                  ("Gender stereotypes", "can", "reduce", "reduced", "through education"),
                  ("Women", "should", "give", "given", "the same chances as men to become leaders"),
                  ("More women", "can", "employ", "employed", "in high-tech jobs"),
                  ("All workers", "must", "treat", "treated", "with respect"),
                  ("Boys and girls", "should", "teach", "taught", "to respect each other"),
                  ("The law on gender equality", "must", "obey", "obeyed", "by all companies")]  # fmt: skip


def _modal_item(r):
    subj, modal, base, pp, rest = r.choice(_MODAL_PASSIVE)
    sentence = f"{subj} ___ ({modal} / {base}) {rest}."
    key = f"{modal} be {pp}"
    wrong = [f"{modal} be {base}", f"{modal} been {pp}", f"{modal} {pp}", f"{modal} being {pp}"]
    why = "Câu bị động với động từ khuyết thiếu: modal + be + V3."
    return sentence, key, wrong, why, True


_ADJ = {"big": ("bigger", "biggest"), "large": ("larger", "largest"), "important": ("more important", "most important"),
        "good": ("better", "best"), "active": ("more active", "most active"), "young": ("younger", "youngest"),
        "popular": ("more popular", "most popular"), "strong": ("stronger", "strongest"), "easy": ("easier", "easiest"),
        "successful": ("more successful", "most successful"), "old": ("older", "oldest")}  # fmt: skip
_CMP_FRAMES = [("Our school's English club is ___ ({a}) than the Maths club this year.", 1, ["active", "popular", "big", "large", "successful"]),
               ("This is the ___ ({a}) meeting that our youth group has ever organised.", 2, ["important", "big", "large", "successful", "good"]),
               ("The new cooperation project is ___ ({a}) than the old one.", 1, ["important", "big", "large", "successful", "good", "popular"]),
               ("She is the ___ ({a}) member of the volunteer team.", 2, ["young", "active", "strong", "popular", "good", "old"]),
               ("For me, learning English online is ___ ({a}) than learning it in class.", 1, ["easy", "good", "popular"]),
               ("Which of these three international organisations is the ___ ({a})?", 2, ["large", "big", "important", "old"])]  # fmt: skip


def _compare_item(r):
    frame, kind, adjs = r.choice(_CMP_FRAMES)
    base = r.choice(adjs)
    comp, sup = _ADJ[base]
    sentence = frame.format(a=base)
    key = comp if kind == 1 else sup
    wrong = [sup if kind == 1 else comp, base,
             f"more {comp}" if not comp.startswith("more") else f"{base}er",
             f"most {sup}" if not sup.startswith("most") else f"{base}est"]  # fmt: skip
    why = "Có “than” → so sánh hơn." if kind == 1 else "Có “the” và phạm vi so sánh → so sánh nhất."
    return sentence, key, [w for w in wrong if w != key], why, True


_RELATIVE = [
    ("The teacher ___ teaches us English uses many online tools.", "who"),
    ("The app ___ I use for learning vocabulary is free.", "which"),
    ("The student ___ laptop was broken borrowed mine for the online lesson.", "whose"),
    ("This is the library ___ we study on Saturday mornings.", "where"),
    ("I still remember the day ___ we had our first online lesson.", "when"),
    ("Blended learning, ___ combines online and face-to-face lessons, is becoming popular.", "which"),
    ("Mr Hung, ___ is our form teacher, created an online quiz for us.", "who"),
    ("Students ___ learn online need good self-study skills.", "who"),
    ("The room ___ the school keeps its computers is locked at night.", "where"),
    ("My friend Lan, ___ sister is an English teacher, often helps me with grammar.", "whose"),
    ("2020 was the year ___ many schools moved their lessons online.", "when"),
    ("The online course ___ my brother took last summer was very useful.", "which"),
    ("Students ___ parents work far away often study with their grandparents.", "whose"),
]  # fmt: skip


def _relative_item(r):
    sentence, key = r.choice(_RELATIVE)
    wrong = [w for w in ("who", "which", "whose", "where", "when") if w != key]
    why = {"who": "Thay cho danh từ chỉ người, làm chủ ngữ → who.", "which": "Thay cho danh từ chỉ vật → which.",
           "whose": "Chỉ sự sở hữu (… của người đó) → whose.", "where": "Thay cho nơi chốn → where.",
           "when": "Thay cho thời gian → when."}[key]  # fmt: skip
    return sentence, key, r.sample(wrong, 3), why, True


_REPORTED = [
    ("Lan said, “I am worried about air pollution.”", "Lan said that she was worried about air pollution.",
     ["Lan said that I was worried about air pollution.", "Lan said that she is worried about air pollution now.", "Lan said that she has been worried about air pollution."]),
    ("Nam said, “We will plant more trees next month.”", "Nam said that they would plant more trees the following month.",
     ["Nam said that we will plant more trees next month.", "Nam said that they will plant more trees the previous month.", "Nam said that they would plant more trees last month."]),
    ("Mai said, “I can recycle these bottles.”", "Mai said that she could recycle those bottles.",
     ["Mai said that she can recycled those bottles.", "Mai said that I could recycle those bottles.", "Mai said that she could recycled these bottles."]),
    ("Minh said, “My family uses reusable bags.”", "Minh said that his family used reusable bags.",
     ["Minh said that my family used reusable bags.", "Minh said that his family using reusable bags.", "Minh said that his family was used reusable bags."]),
    ("The students said, “We are cleaning the beach today.”", "The students said that they were cleaning the beach that day.",
     ["The students said that we are cleaning the beach today.", "The students said that they are cleaning the beach yesterday.", "The students said that they cleaning the beach that day."]),
    ("Tom said, “I have joined an environmental club.”", "Tom said that he had joined an environmental club.",
     ["Tom said that he has joining an environmental club.", "Tom said that I had joined an environmental club.", "Tom said that he had join an environmental club."]),
    ("Hoa said, “I saw a lot of rubbish on the beach yesterday.”", "Hoa said that she had seen a lot of rubbish on the beach the day before.",
     ["Hoa said that she saw a lot of rubbish on the beach tomorrow.", "Hoa said that I had seen a lot of rubbish on the beach the day before.", "Hoa said that she has saw a lot of rubbish on the beach the day before."]),
    ("My teacher said, “You must not throw litter in the school yard.”", "My teacher said that we must not throw litter in the school yard.",
     ["My teacher said that you must not throw litter in the school yard yesterday.", "My teacher said that we must not threw litter in the school yard.", "My teacher said that I must not throwing litter in the school yard."]),
]  # fmt: skip
_CONDITIONALS = [
    ("If we ___ (protect) the forests, more animals will survive.", "protect", ["will protect", "protected", "would protect"], 1),
    ("If tourists ___ (leave) rubbish on the beach, it will become polluted.", "leave", ["will leave", "left", "would leave"], 1),
    ("If you visit Cuc Phuong National Park, you ___ (see) many rare animals.", "will see", ["seeing", "saw", "would see"], 1),
    ("If the local people ___ (earn) money from ecotourism, they will protect the forest.", "earn", ["will earn", "earned", "would earn"], 1),
    ("If I had more free time, I ___ (go) on an eco-tour with my friends.", "would go", ["will go", "go", "went"], 2),
    ("If I ___ (be) you, I would choose an eco-friendly hotel.", "were", ["am", "will be", "would be"], 2),
    ("If more people ___ (care) about nature, there would be less pollution.", "cared", ["care", "will care", "would care"], 2),
    ("If the village had a better road, more tourists ___ (come) to visit it.", "would come", ["will come", "came", "come"], 2),
    ("We ___ (not / damage) the coral reefs if we follow the guide's instructions.", "will not damage", ["would not damage", "did not damage", "not damage"], 1),
]  # fmt: skip

_GRAMMAR = {1: _tense_item, 2: _passive_item, 3: _inf_item, 4: _past_item, 5: _perfect_item, 6: _modal_item,
            7: _compare_item, 8: _relative_item}  # fmt: skip


def _grammar_item(r, unit, strict: bool = False):
    """(sentence, key, wrong answers, explanation, whole): ``whole`` when the key is a full sentence.

    ``strict`` keeps only items whose wrong answers make the sentence plainly incorrect (for
    Đúng/Sai and multiple-response questions).
    """
    if unit == 2 and r.random() < 0.4 and not strict:
        s, key, wrong, why = r.choice(_WILL_GOING)
        return s, key, wrong, why, False
    if unit == 3 and r.random() < 0.4 and not strict:
        s, key, why = r.choice(_CONJ)
        return s, key, [w for w in ("and", "but", "so", "or") if w != key], why, False
    if unit == 5 and r.random() < 0.5 and not strict:
        return (*_purpose_item(r)[:4], False)
    if unit == 9:
        direct, key, wrong = r.choice(_REPORTED)
        return (
            direct,
            key,
            wrong,
            "Câu tường thuật: lùi thì, đổi đại từ và trạng từ chỉ thời gian, nơi chốn.",
            True,
        )
    if unit == 10:
        s, key, wrong, kind = r.choice(_CONDITIONALS)
        why = ("Câu điều kiện loại 1: If + hiện tại đơn, S + will + V." if kind == 1
               else "Câu điều kiện loại 2: If + quá khứ đơn (be → were), S + would + V.")  # fmt: skip
        return s, key, wrong, why, False
    item = _GRAMMAR[unit](r)
    return None if item is None else (*item[:4], False)


def t_anh_grammar(r):
    unit = r.randint(1, 10)
    item = _grammar_item(r, unit)
    if item is None:
        return None
    sentence, key, wrong, why, whole = item
    if whole:
        stem = f"Choose the sentence that correctly reports the following statement: {sentence}"
        level = "van_dung"
    else:
        stem = f"Choose the correct answer to complete the sentence: {sentence}"
        level = "van_dung" if unit == 10 else "hieu"
    q_ = _sc(r, stem, key, wrong, _sol(why), none_option=False)
    return _en(q_, unit, "Language", 3, level)


def _filled(sentence: str, answer: str) -> str:
    """The sentence with the gap filled and the hint in brackets removed."""
    return re.sub(r" \([^)]*\)", "", sentence.replace("___", answer))


def _statement(r, unit: int, correct: bool) -> tuple[str, str] | None:
    item = _grammar_item(r, unit, strict=True)
    if item is None:
        return None
    sentence, key, wrong, why, whole = item
    bad = r.choice(list(wrong)[:2])  # the first two wrong answers are plainly incorrect
    if whole:
        return (key if correct else bad), why
    return _filled(sentence, key if correct else bad), why


_WORD_FORMS = [
    ("Many people are worried about ___ problems such as air pollution.", "ENVIRONMENT", ["environmental"], 2),
    ("We should take action to reduce ___ in big cities.", "POLLUTE", ["pollution"], 9),
    ("The ___ of the telephone changed the way people communicate.", "INVENT", ["invention"], 5),
    ("Thomas Edison was a famous American ___.", "INVENT", ["inventor"], 5),
    ("Gender ___ means that men and women have the same rights and opportunities.", "EQUAL", ["equality"], 6),
    ("She is a talented ___ who can play three instruments.", "MUSIC", ["musician"], 3),
    ("All the ___ in the talent show were very nervous before going on stage.", "CONTEST", ["contestants"], 3),
    ("Sharing housework helps children become more ___.", "RESPONSIBILITY", ["responsible"], 1),
    ("Volunteering can be very ___ for young people.", "BENEFIT", ["beneficial"], 4),
    ("Ecotourism should be ___ so that future generations can also enjoy nature.", "SUSTAIN", ["sustainable"], 10),
    ("Many animals are in danger of ___ because of hunting and habitat loss.", "EXTINCT", ["extinction"], 9),
    ("The ___ of forests is a serious problem in many countries.", "DESTROY", ["destruction"], 9),
    ("Her ___ on stage last night was amazing.", "PERFORM", ["performance"], 3),
    ("Online learning gives students more ___ because they can study at any time.", "FLEXIBLE", ["flexibility"], 8),
    ("With digital devices, students can learn more ___.", "EFFECTIVE", ["effectively"], 8),
    ("Viet Nam has become an ___ member of many international organisations.", "ACT", ["active"], 7),
    ("ASEAN promotes ___ cooperation among its member states.", "ECONOMY", ["economic"], 7),
    ("Discrimination against women at work is totally ___.", "ACCEPT", ["unacceptable"], 6),
    ("I am very ___ to my parents for their support.", "GRATITUDE", ["grateful"], 1),
    ("The local people in the village are very ___ to tourists.", "FRIEND", ["friendly"], 10),
    ("My brother is very ___ in robots and artificial intelligence.", "INTEREST", ["interested"], 5),
    ("This new app is very ___ for students who want to improve their pronunciation.", "USE", ["useful"], 8),
    ("The ___ of the new community centre took two years.", "CONSTRUCT", ["construction"], 4),
    ("We were ___ by the beauty of the national park.", "AMAZE", ["amazed"], 10),
    ("Deforestation causes the loss of ___ habitats for many animals.", "NATURE", ["natural"], 9),
    ("The music festival attracted thousands of ___ from all over the country.", "VISIT", ["visitors"], 3),
    ("The government has made great efforts to reduce ___ in rural areas.", "POOR", ["poverty"], 7),
    ("Both men and women should have the ___ to choose their jobs.", "FREE", ["freedom"], 6),
    ("Thanks to the volunteers, the lives of many ___ children have improved.", "ADVANTAGE", ["disadvantaged"], 4),
    ("Using public transport is ___ friendly because it produces less pollution per person.", "ENVIRONMENT", ["environmentally"], 2),
]  # fmt: skip


def t_anh_word_form(r):
    sentence, root, answers, unit = r.choice(_WORD_FORMS)
    stem = f"Write the correct form of the word in capitals to complete the sentence: {sentence} ({root})"
    sol = _sol(f"Đáp án: {answers[0]}.")
    return _en(_st(stem, answers, sol), unit, "Language", 2, "van_dung")


_STRESS = {
    1: ["camera", "energy", "festival", "family", "audience", "character", "instrument", "benefit", "internet",
        "customer", "holiday", "library"],
    2: ["computer", "invention", "musician", "protection", "equipment", "performance", "pollution", "solution",
        "tradition", "designer", "consumer", "assistant"],
    3: ["volunteer", "engineer", "referee", "employee", "afternoon", "kangaroo"],
}  # fmt: skip


def t_anh_stress(r):
    main, odd = r.sample([1, 2, 3], 2)
    words = r.sample(_STRESS[main], 3)
    odd_word = r.choice(_STRESS[odd])
    listed = _shuffled(r, [*words, odd_word])
    names = {1: "thứ nhất", 2: "thứ hai", 3: "thứ ba"}
    stem = f"Which word has its primary stress on a different syllable from the other three: {', '.join(listed)}?"
    sol = _sol(
        f"“{odd_word}” nhấn trọng âm ở âm tiết {names[odd]}; các từ còn lại nhấn ở âm tiết {names[main]}."
    )
    q_ = _sc(r, stem, odd_word, words, sol, none_option=False)
    return _en(q_, 5, "Language", 1, "hieu")


_NAMES = [
    "Lan",
    "Minh",
    "Hoa",
    "Nam",
    "Mai",
    "Tuấn",
    "Linh",
    "Phong",
    "Trang",
    "Khoa",
    "Vy",
    "Huy",
    "An",
    "Ngọc",
]


def t_anh_tf(r):
    review = r.randint(1, 4)
    units = [u for u, rv in _REVIEW_OF.items() if rv == review]
    statements = []
    for truth in _mix(r):
        made = _statement(r, r.choice(units), truth)
        if made is None:
            return None
        statements.append((made[0], truth, made[1]))
    name = r.choice(_NAMES)
    stem = (
        f"{name} wrote these four sentences for the Review {review} exercise (Units "
        f"{', '.join(str(u) for u in units)}). Decide whether each sentence is correct (Đúng) or incorrect (Sai)."
    )
    return _en(_tf(stem, statements), units[0], "Language*", 1, "hieu")


def t_anh_mr(r):
    unit = r.randint(1, 10)
    n_true = r.choice([2, 3])
    options = []
    for i in range(5):
        made = _statement(r, unit, i < n_true)
        if made is None:
            return None
        options.append((made[0], i < n_true))
    name = r.choice(_NAMES)
    stem = f"Choose ALL the correct sentences from {name}'s Unit {unit} ({_UNIT_TITLES[unit]}) homework."
    sol = _sol("Kiểm tra dạng động từ và cấu trúc ngữ pháp trọng tâm của bài trong từng câu.")
    return _en(_mr(r, stem, options, sol), unit, "Language", 3, "van_dung")


def t_anh_cloze(r):
    unit = r.choice([1, 2, 4, 5, 6])
    lines, blanks, seen = [], [], set()
    for n in range(1, 4):
        item = _passive_item(r) if unit == 2 else _GRAMMAR[unit](r)
        if item is None or item[0] in seen:
            return None
        seen.add(item[0])
        sentence, key = item[0], item[1]
        lines.append(f"{n}. " + sentence.replace("___", "{{" + str(n) + "}}"))
        blanks.append(_bt(key))
    stem = (
        "Complete the sentences with the correct form of the verbs in brackets.<br>"
        + "<br>".join(lines)
    )
    return _en(
        _cloze(
            stem, blanks, _sol("Chú ý dấu hiệu nhận biết thì và cấu trúc ngữ pháp trong từng câu.")
        ),
        unit,
        "Language",
        3,
        "hieu",
    )


def t_anh_cloze_choice(r):
    if r.random() < 0.5:
        items = [(s, k) for s, k, _ in r.sample(_CONJ, 3)]
        options, unit = ["and", "but", "so", "or"], 3
    else:
        items = r.sample(_RELATIVE, 3)
        options, unit = ["who", "which", "whose", "where", "when"], 8
    lines = [
        f"{n}. " + s.replace("___", "{{" + str(n) + "}}") for n, (s, _) in enumerate(items, start=1)
    ]
    blanks = [_bc(r, k, [o for o in options if o != k]) for _, k in items]
    stem = "Choose the correct word for each gap.<br>" + "<br>".join(lines)
    return _en(_cloze(stem, blanks), unit, "Language", 3, "hieu")


_DIALOGUES = [
    (1, "household chores", ["Hi Mai, what are you doing?", "I'm cleaning my room. Mum asked me to do it before lunch.",
                             "Do you often help your parents with the housework?", "Yes, I do. I usually wash the dishes after dinner.",
                             "That's great. I should help my parents more too."]),
    (2, "a green weekend", ["What are you going to do this weekend, Nam?", "I'm going to join a tree-planting event in the park.",
                            "Sounds interesting! Can I come with you?", "Of course. We'll meet at the park gate at 7 a.m.",
                            "Great. I'll bring some water for us."]),
    (3, "a talent show", ["Did you watch the talent show last night?", "Yes, I did. The last contestant sang really well.",
                          "I think she will win the competition.", "Me too. Her voice is amazing."]),
    (4, "volunteer work", ["What did you do last summer, Hoa?", "I volunteered at a centre for disadvantaged children.",
                           "Really? What did you do there?", "I taught the children English and played games with them.",
                           "That sounds meaningful. I'd love to join next time."]),
    (5, "useful inventions", ["Which invention do you think is the most useful?", "I think it's the smartphone.",
                              "Why do you think so?", "Because we can use it to study, communicate and take photos.",
                              "I agree, but we shouldn't use it too much."]),
    (6, "women and jobs", ["Do you think women can be good surgeons?", "Of course. Both men and women can do this job well.",
                           "But some people say the job needs physical strength.",
                           "Skills and knowledge are more important than strength in surgery."]),
    (7, "Viet Nam and ASEAN", ["Do you know when Viet Nam joined ASEAN?", "Yes, it became a member in 1995.",
                               "What benefits has it brought to our country?",
                               "It has helped us to increase trade and attract investment."]),
    (8, "learning vocabulary", ["How do you usually learn new English words?", "I use a vocabulary app on my phone.",
                                "Is it effective?", "Yes, it reminds me to review the words every day.",
                                "Maybe I should download it too."]),
    (9, "a dirty beach", ["Have you heard that the rubbish on our beach is getting worse?",
                          "Yes, it's terrible. Many sea animals are in danger.", "What can we do to help?",
                          "We can organise a clean-up day and put up signs."]),
    (10, "a summer eco-tour", ["Where are you going for your summer holiday?", "We're going to Cuc Phuong National Park.",
                               "What can you do there?", "We can walk in the forest and learn about endangered animals.",
                               "That sounds like a great eco-tour!"]),
]  # fmt: skip


def t_anh_order(r):
    unit, topic, lines = r.choice(_DIALOGUES)
    stem = (
        f"Put the sentences in the correct order to make a meaningful conversation about {topic}."
    )
    return _en(
        _order(
            stem,
            lines,
            _sol(
                "Hội thoại mở đầu bằng câu hỏi, tiếp theo là câu trả lời và các lượt lời phản hồi."
            ),
        ),
        unit,
        "Speaking",
        2,
        "hieu",
    )


_WRITING = [
    (1, "Write a paragraph (120–150 words) about the benefits of sharing housework in your family.",
     "nêu được ít nhất ba lợi ích của việc chia sẻ việc nhà (kĩ năng sống, tinh thần trách nhiệm, gắn kết gia đình…)"),
    (2, "Write a paragraph (120–150 words) suggesting ways your school can go green.",
     "đề xuất được ít nhất ba biện pháp sống xanh cụ thể (phân loại rác, tiết kiệm điện, hạn chế đồ nhựa…)"),
    (3, "Write a paragraph (120–150 words) about your favourite music programme or singer.",
     "giới thiệu được chương trình/nghệ sĩ và nêu ít nhất hai lí do yêu thích"),
    (4, "Write an email (120–150 words) to apply for a volunteer job at a local community centre.",
     "nêu được công việc muốn đăng kí, lí do, kinh nghiệm/kĩ năng phù hợp và thời gian có thể tham gia"),
    (5, "Write a paragraph (120–150 words) about the benefits of an invention that you use every day.",
     "giới thiệu phát minh và nêu ít nhất ba lợi ích có ví dụ minh hoạ"),
    (6, "Write a paragraph (120–150 words) giving your opinion on equal job opportunities for men and women.",
     "nêu rõ quan điểm và đưa ra ít nhất hai lí lẽ, dẫn chứng"),
    (7, "Write a paragraph (120–150 words) about an international organisation that Viet Nam is a member of and the benefits of being a member.",
     "giới thiệu tổ chức (tên, năm Việt Nam tham gia…) và nêu ít nhất hai lợi ích"),
    (8, "Write a paragraph (120–150 words) about the advantages of blended learning.",
     "nêu được ít nhất ba ưu điểm của học tập kết hợp có giải thích"),
    (9, "Write a paragraph (120–150 words) suggesting solutions to an environmental problem in your area.",
     "nêu vấn đề môi trường và đề xuất ít nhất hai giải pháp khả thi"),
    (10, "Write a leaflet (120–150 words) introducing an ecotourism destination in Viet Nam.",
     "giới thiệu địa điểm, các hoạt động du lịch sinh thái và lưu ý bảo vệ môi trường"),
]  # fmt: skip


def t_anh_essay(r):
    unit, prompt, content = r.choice(_WRITING)
    guide = [
        (f"Nội dung: {content}", 1.0),
        (
            "Bố cục: có câu chủ đề, các câu phát triển ý và câu kết; ý mạch lạc, dùng từ nối hợp lí",
            0.5,
        ),
        ("Từ vựng và ngữ pháp: dùng đúng, đa dạng từ vựng của bài; ít lỗi ngữ pháp, chính tả", 0.5),
        ("Độ dài đúng yêu cầu (120–150 từ)", 0.5),
    ]
    return _en(_essay(prompt, guide), unit, "Writing", 1, "van_dung")


_READINGS = [
    (1, "Sharing housework",
     "<p>In many Vietnamese families today, housework is no longer the job of mothers alone. In the Nguyen family, for "
     "example, everyone has a task. Mr Nguyen, who works as an engineer, cooks dinner three times a week. Mrs Nguyen does "
     "the shopping and the laundry. Their son Minh, who is fifteen, takes out the rubbish and washes the dishes after "
     "dinner, while his younger sister Lan waters the plants and lays the table.</p>"
     "<p>Experts say that sharing household chores brings many benefits. Children who do chores learn life skills such as "
     "cooking and cleaning, and they become more responsible and independent. They also learn to work in a team and to "
     "value the work of other family members. For parents, sharing the housework means they have more time to rest and "
     "to spend with their children.</p>"
     "<p>At first, Minh did not like doing chores because he wanted more time to play video games. Now he says that "
     "working together makes his family closer. “We talk and laugh a lot while we clean the house on Sundays,” he says.</p>",
     [("What is the main idea of the passage about the Nguyen family?", "Sharing housework brings benefits to the whole family.",
       ["Mr Nguyen is a good engineer.", "Children should not play video games.", "Mothers should do all the housework."], "biet"),
      ("In the Nguyen family, who cooks dinner three times a week?", "Mr Nguyen", ["Mrs Nguyen", "Minh", "Lan"], "biet"),
      ("The word “responsible” in paragraph 2 of the passage about the Nguyen family is closest in meaning to", "reliable",
       ["lazy", "careless", "famous"], "hieu")],
     [("Mrs Nguyen does the shopping and the laundry.", True), ("Lan takes out the rubbish after dinner.", False),
      ("Minh has always enjoyed doing chores.", False),
      ("According to experts, doing chores helps children become more independent.", True)]),
    (2, "A greener school",
     "<p>Last year, the students of Hoa Binh High School started a project called “Green School”. The aim of the project "
     "was to reduce the school's carbon footprint and to raise students' awareness of environmental problems.</p>"
     "<p>First, the students put recycling bins in every classroom and in the school yard. Paper, plastic bottles and cans "
     "are now collected separately and sold to a recycling company. The money is used to buy plants for the school garden. "
     "Second, the students asked their classmates to bring reusable water bottles instead of buying bottled water. As a "
     "result, the amount of plastic waste at the school has fallen by about half. Finally, the school replaced old light "
     "bulbs with energy-saving ones and reminded everyone to turn off lights and fans when they leave a room.</p>"
     "<p>The project has been so successful that three other schools in the city are going to copy it next year. “Small "
     "changes can make a big difference,” says Thu, one of the project leaders.</p>",
     [("What is the passage about Hoa Binh High School mainly about?", "A school project to protect the environment",
       ["A recycling company in the city", "How to grow plants in a school garden", "Why bottled water is expensive"], "biet"),
      ("What is the money from selling the recyclable waste at Hoa Binh High School used for?", "Buying plants for the school garden",
       ["Buying reusable water bottles", "Paying for new light bulbs", "Building a new school yard"], "biet"),
      ("In the last paragraph of the passage about the “Green School” project, the word “it” refers to", "the project",
       ["the city", "the school garden", "the recycling company"], "hieu")],
     [("The “Green School” project started last year.", True),
      ("The amount of plastic waste at Hoa Binh High School has fallen by about half.", True),
      ("The students sell plants to a recycling company.", False),
      ("Five other schools are going to copy the “Green School” project next year.", False)]),
    (5, "The 3D printer",
     "<p>Some inventions change our lives slowly, and the 3D printer is one of them. A 3D printer is a machine that makes "
     "solid objects from a digital design. Instead of cutting material away, it builds the object layer by layer, usually "
     "from plastic, but also from metal or even food.</p>"
     "<p>The first 3D printers were created in the 1980s, but for many years they were very expensive and were used only "
     "in factories. Today, small 3D printers are much cheaper, and many schools have bought them for their science and "
     "technology clubs. Students can design a simple toy or a part for a robot on a computer and print it in a few hours.</p>"
     "<p>3D printing is also useful in medicine. Doctors have used it to make artificial hands and legs that fit each "
     "patient perfectly. In the future, scientists hope to print human organs for people who need them. However, some "
     "people worry that the technology may be used to make dangerous things.</p>",
     [("What is the best title for the passage about 3D printing?", "The 3D printer: a useful invention",
       ["How to build a robot", "The history of factories", "Dangerous inventions in medicine"], "biet"),
      ("According to the passage, how does a 3D printer make an object?", "It builds the object layer by layer.",
       ["It cuts material away from a block.", "It paints the object on paper.", "It melts old objects into new ones."], "biet"),
      ("In the passage about 3D printing, the word “artificial” is closest in meaning to", "man-made",
       ["natural", "expensive", "broken"], "hieu")],
     [("The first 3D printers were cheap and were used in many homes.", False),
      ("Some schools use 3D printers in their science and technology clubs.", True),
      ("Doctors have already printed human organs for patients.", False),
      ("Some people worry about the dangers of 3D printing.", True)]),
    (8, "Blended learning",
     "<p>Blended learning is a way of learning that combines traditional classroom lessons with online activities. At "
     "Nguyen Trai High School, students have blended English lessons. On Mondays and Wednesdays, they study with their "
     "teacher in the classroom, where they practise speaking and work in groups. At home, they use an online platform to "
     "watch short videos, do vocabulary exercises and take quizzes.</p>"
     "<p>Many students like this way of learning because they can study at their own pace. If they do not understand a "
     "video, they can watch it again as many times as they want. The platform also shows their scores immediately, so they "
     "know which parts they need to review.</p>"
     "<p>However, blended learning is not easy for everyone. Students need a digital device and a good Internet connection "
     "at home. They also need self-discipline, because it is easy to be distracted by social media. Teachers say that the "
     "most successful students are those who plan their study time carefully.</p>",
     [("What is the passage about Nguyen Trai High School mainly about?", "The advantages and challenges of blended learning",
       ["How to use social media safely", "Speaking activities in the classroom", "The history of online platforms"], "biet"),
      ("At Nguyen Trai High School, what do students do in the English classroom?", "They practise speaking and work in groups.",
       ["They watch short videos alone.", "They take online quizzes at home.", "They use social media."], "biet"),
      ("In the passage about blended learning, the phrase “at their own pace” means", "at the speed that suits them",
       ["in their own classroom", "with their own teacher", "without any devices"], "hieu")],
     [("Students at Nguyen Trai High School learn English only online.", False),
      ("The online platform shows students' scores immediately.", True),
      ("According to the passage, blended learning does not require any devices at home.", False),
      ("Self-discipline is important for students in blended learning.", True)]),
    (10, "A homestay in the mountains",
     "<p>Last summer, my class went on a three-day eco-tour to a village in the mountains of northern Viet Nam. Instead of "
     "staying in a hotel, we stayed in a homestay with a local family. The house was made of wood and bamboo, and we slept "
     "on mats on the floor.</p>"
     "<p>During the day, a local guide took us on walks through the forest and explained how the villagers protect it. We "
     "learnt that they only cut trees in certain areas and always plant new ones. We also helped the family to pick "
     "vegetables and cook traditional dishes. In the evening, the villagers performed their folk songs and dances for us.</p>"
     "<p>The tour taught us that ecotourism is different from mass tourism. It brings money to local people, respects "
     "their culture and causes little harm to the environment. Before we left, our guide asked us not to leave any rubbish "
     "and to buy handmade souvenirs from the villagers instead of plastic ones.</p>",
     [("What is the passage about the eco-tour to the mountains mainly about?", "A class trip that showed what ecotourism is",
       ["How to build a house from bamboo", "Mass tourism in big cities", "Traditional dishes of northern Viet Nam"], "biet"),
      ("Where did the class stay during the eco-tour in the mountains?", "In a homestay with a local family",
       ["In a modern hotel", "In tents in the forest", "At a school in the village"], "biet"),
      ("According to the passage about the eco-tour, why did the guide ask the students to buy handmade souvenirs?",
       "To support the villagers and reduce plastic waste", ["Because plastic souvenirs were too expensive",
       "Because the shops in the city were closed", "To carry fewer things home"], "van_dung")],
     [("The students stayed in a modern hotel in the village.", False),
      ("The villagers plant new trees after cutting some.", True),
      ("The students helped the family to cook traditional dishes.", True),
      ("According to the passage, ecotourism causes great harm to the environment.", False)]),
]  # fmt: skip


def _reading_template():
    """Each call returns the next passage as a group (every passage once per bank)."""
    passages = iter(_READINGS)

    def template(r):
        found = next(passages, None)
        if found is None:
            return None
        unit, title, passage, scs, tfs = found
        items = []
        for stem, key, wrong, level in scs:
            q_ = _sc(
                r,
                stem,
                key,
                wrong,
                _sol("Đọc lại đoạn văn để tìm thông tin tương ứng."),
                none_option=False,
            )
            items.append(_en(q_, unit, "Reading", 2 if level == "hieu" else 1, level))
        tf = _tf(
            f"Read the passage “{title}” and decide whether each statement is true (Đúng) or false (Sai).",
            _shuffled(r, tfs),
            _sol("Đối chiếu từng mệnh đề với thông tin trong đoạn văn."),
        )
        items.append(_en(tf, unit, "Reading", 2, "hieu"))
        if any(i is None for i in items):
            return None
        return _Group(title=f"Reading: {title}", stimulus=f"<h4>{title}</h4>{passage}", items=items)

    return template


def _anh_plan():
    return [
        (_reading_template(), len(_READINGS)),
        (t_anh_vocab, 34),
        (t_anh_grammar, 70),
        (t_anh_word_form, 26),
        (t_anh_stress, 10),
        (t_anh_match, 14),
        (t_anh_tf, 10),
        (t_anh_mr, 10),
        (t_anh_cloze, 8),
        (t_anh_cloze_choice, 6),
        (t_anh_order, 10),
        (t_anh_essay, 10),
    ]


# =======================================================================================
# LỊCH SỬ 12
# =======================================================================================

# (event as a clause, date as written, (year, month, day) for ordering, lesson, outcome)
_SU_FACTS = [
    ("Hội nghị Ianta (Liên Xô) được triệu tập với sự tham gia của nguyên thủ ba cường quốc Liên Xô, Mỹ, Anh", "tháng 2/1945", (1945, 2, 4), "Bài 1", 1),
    ("Hiến chương Liên hợp quốc được thông qua tại Hội nghị Xan Phranxixcô (Mỹ)", "tháng 6/1945", (1945, 6, 26), "Bài 1", 1),
    ("Liên hợp quốc chính thức được thành lập", "ngày 24/10/1945", (1945, 10, 24), "Bài 1", 1),
    ("Việt Nam trở thành thành viên thứ 149 của Liên hợp quốc", "ngày 20/9/1977", (1977, 9, 20), "Bài 1", 3),
    ("Việt Nam lần đầu tiên đảm nhiệm vai trò Uỷ viên không thường trực Hội đồng Bảo an Liên hợp quốc", "năm 2008", (2008, 1, 1), "Bài 1", 3),
    ("Tổng thống Mỹ Truman đưa ra học thuyết chống Liên Xô, mở đầu Chiến tranh lạnh", "tháng 3/1947", (1947, 3, 12), "Bài 2", 2),
    ("Mỹ đề ra Kế hoạch Mácsan viện trợ cho các nước Tây Âu", "tháng 6/1947", (1947, 6, 5), "Bài 2", 2),
    ("Hội đồng Tương trợ kinh tế (SEV) được thành lập", "tháng 1/1949", (1949, 1, 8), "Bài 2", 1),
    ("Tổ chức Hiệp ước Bắc Đại Tây Dương (NATO) được thành lập", "tháng 4/1949", (1949, 4, 4), "Bài 2", 1),
    ("Tổ chức Hiệp ước Vácsava được thành lập", "tháng 5/1955", (1955, 5, 14), "Bài 2", 1),
    ("Bức tường Béclin sụp đổ", "tháng 11/1989", (1989, 11, 9), "Bài 2", 3),
    ("Mỹ và Liên Xô tuyên bố chấm dứt Chiến tranh lạnh tại cuộc gặp trên đảo Manta", "tháng 12/1989", (1989, 12, 3), "Bài 2", 2),
    ("Nước Đức tái thống nhất", "tháng 10/1990", (1990, 10, 3), "Bài 3", 1),
    ("Liên Xô tan rã, trật tự thế giới hai cực Ianta sụp đổ", "tháng 12/1991", (1991, 12, 26), "Bài 3", 1),
    ("Hiệp hội các quốc gia Đông Nam Á (ASEAN) được thành lập tại Băng Cốc (Thái Lan)", "ngày 8/8/1967", (1967, 8, 8), "Bài 4", 1),
    ("Hiệp ước thân thiện và hợp tác ở Đông Nam Á (Hiệp ước Bali) được kí kết", "tháng 2/1976", (1976, 2, 24), "Bài 4", 2),
    ("Brunây gia nhập ASEAN", "tháng 1/1984", (1984, 1, 7), "Bài 4", 2),
    ("Việt Nam gia nhập ASEAN", "ngày 28/7/1995", (1995, 7, 28), "Bài 4", 2),
    ("Lào và Mianma gia nhập ASEAN", "tháng 7/1997", (1997, 7, 23), "Bài 4", 2),
    ("Campuchia gia nhập ASEAN", "tháng 4/1999", (1999, 4, 30), "Bài 4", 2),
    ("Các nhà lãnh đạo ASEAN thông qua Tầm nhìn ASEAN 2020", "tháng 12/1997", (1997, 12, 15), "Bài 5", 1),
    ("Tuyên bố Hoà hợp ASEAN II được thông qua, xác định mục tiêu xây dựng Cộng đồng ASEAN", "tháng 10/2003", (2003, 10, 7), "Bài 5", 1),
    ("Hiến chương ASEAN được kí kết", "tháng 11/2007", (2007, 11, 20), "Bài 5", 1),
    ("Cộng đồng ASEAN chính thức được thành lập", "ngày 31/12/2015", (2015, 12, 31), "Bài 5", 1),
    ("Nhật đảo chính Pháp ở Đông Dương", "ngày 9/3/1945", (1945, 3, 9), "Bài 6", 1),
    ("Ban Thường vụ Trung ương Đảng ra Chỉ thị “Nhật – Pháp bắn nhau và hành động của chúng ta”", "ngày 12/3/1945", (1945, 3, 12), "Bài 6", 1),
    ("Nhật Bản tuyên bố đầu hàng Đồng minh không điều kiện", "ngày 15/8/1945", (1945, 8, 15), "Bài 6", 1),
    ("Quốc dân Đại hội họp ở Tân Trào (Tuyên Quang)", "ngày 16/8/1945", (1945, 8, 16), "Bài 6", 1),
    ("Khởi nghĩa giành chính quyền thắng lợi ở Hà Nội", "ngày 19/8/1945", (1945, 8, 19), "Bài 6", 1),
    ("Khởi nghĩa giành chính quyền thắng lợi ở Huế", "ngày 23/8/1945", (1945, 8, 23), "Bài 6", 1),
    ("Khởi nghĩa giành chính quyền thắng lợi ở Sài Gòn", "ngày 25/8/1945", (1945, 8, 25), "Bài 6", 1),
    ("Vua Bảo Đại tuyên bố thoái vị", "ngày 30/8/1945", (1945, 8, 30), "Bài 6", 1),
    ("Chủ tịch Hồ Chí Minh đọc Tuyên ngôn Độc lập, khai sinh nước Việt Nam Dân chủ Cộng hoà", "ngày 2/9/1945", (1945, 9, 2), "Bài 6", 1),
    ("Thực dân Pháp nổ súng đánh chiếm Sài Gòn, mở đầu cuộc xâm lược Việt Nam lần thứ hai", "ngày 23/9/1945", (1945, 9, 23), "Bài 7", 1),
    ("Hiệp định Sơ bộ giữa Việt Nam Dân chủ Cộng hoà và Pháp được kí kết", "ngày 6/3/1946", (1946, 3, 6), "Bài 7", 1),
    ("Bản Tạm ước Việt – Pháp được kí kết", "ngày 14/9/1946", (1946, 9, 14), "Bài 7", 1),
    ("Cuộc kháng chiến toàn quốc chống thực dân Pháp bùng nổ", "ngày 19/12/1946", (1946, 12, 19), "Bài 7", 1),
    ("Quân dân ta giành thắng lợi trong chiến dịch Việt Bắc", "thu – đông năm 1947", (1947, 10, 7), "Bài 7", 1),
    ("Quân đội ta mở chiến dịch Biên giới", "thu – đông năm 1950", (1950, 9, 16), "Bài 7", 1),
    ("Đại hội đại biểu toàn quốc lần thứ II của Đảng được tổ chức", "tháng 2/1951", (1951, 2, 11), "Bài 7", 1),
    ("Chiến dịch Điện Biên Phủ toàn thắng", "ngày 7/5/1954", (1954, 5, 7), "Bài 7", 1),
    ("Hiệp định Giơnevơ về Đông Dương được kí kết", "ngày 21/7/1954", (1954, 7, 21), "Bài 7", 1),
    ("Phong trào “Đồng khởi” bùng nổ mạnh mẽ ở miền Nam, mở đầu từ Bến Tre", "năm 1960", (1960, 1, 17), "Bài 8", 1),
    ("Mặt trận Dân tộc giải phóng miền Nam Việt Nam ra đời", "ngày 20/12/1960", (1960, 12, 20), "Bài 8", 1),
    ("Quân dân miền Nam giành thắng lợi trong trận Ấp Bắc (Mĩ Tho)", "ngày 2/1/1963", (1963, 1, 2), "Bài 8", 1),
    ("Quân dân miền Nam giành thắng lợi trong trận Vạn Tường (Quảng Ngãi)", "ngày 18/8/1965", (1965, 8, 18), "Bài 8", 1),
    ("Quân dân miền Nam mở cuộc Tổng tiến công và nổi dậy Tết Mậu Thân", "năm 1968", (1968, 1, 30), "Bài 8", 1),
    ("Quân dân miền Bắc đánh bại cuộc tập kích chiến lược bằng máy bay B52 của Mỹ vào Hà Nội, Hải Phòng", "tháng 12/1972", (1972, 12, 18), "Bài 8", 1),
    ("Hiệp định Pari về chấm dứt chiến tranh, lập lại hoà bình ở Việt Nam được kí kết", "ngày 27/1/1973", (1973, 1, 27), "Bài 8", 1),
    ("Quân ta tiến công thị xã Buôn Ma Thuột, trận then chốt của chiến dịch Tây Nguyên", "ngày 10/3/1975", (1975, 3, 10), "Bài 8", 1),
    ("Thành phố Huế được giải phóng", "ngày 26/3/1975", (1975, 3, 26), "Bài 8", 1),
    ("Thành phố Đà Nẵng được giải phóng", "ngày 29/3/1975", (1975, 3, 29), "Bài 8", 1),
    ("Chiến dịch Hồ Chí Minh toàn thắng, miền Nam hoàn toàn giải phóng", "ngày 30/4/1975", (1975, 4, 30), "Bài 8", 1),
    ("Thủ đô Phnôm Pênh (Campuchia) được giải phóng khỏi chế độ diệt chủng Khơme Đỏ", "ngày 7/1/1979", (1979, 1, 7), "Bài 9", 1),
    ("Cuộc chiến đấu bảo vệ biên giới phía Bắc của Tổ quốc bùng nổ", "ngày 17/2/1979", (1979, 2, 17), "Bài 9", 1),
    ("Các chiến sĩ Hải quân nhân dân Việt Nam chiến đấu bảo vệ chủ quyền ở đảo Gạc Ma (quần đảo Trường Sa)", "ngày 14/3/1988", (1988, 3, 14), "Bài 9", 1),
    ("Đại hội đại biểu toàn quốc lần thứ VI của Đảng đề ra đường lối đổi mới toàn diện đất nước", "tháng 12/1986", (1986, 12, 15), "Bài 10", 1),
    ("Đại hội đại biểu toàn quốc lần thứ VII của Đảng thông qua Cương lĩnh xây dựng đất nước trong thời kì quá độ lên chủ nghĩa xã hội", "tháng 6/1991", (1991, 6, 24), "Bài 10", 2),
    ("Quốc hội thông qua Hiến pháp nước Cộng hoà xã hội chủ nghĩa Việt Nam năm 2013", "ngày 28/11/2013", (2013, 11, 28), "Bài 10", 2),
    ("Việt Nam và Trung Quốc bình thường hoá quan hệ", "tháng 11/1991", (1991, 11, 5), "Bài 14", 2),
    ("Việt Nam và Hoa Kỳ bình thường hoá quan hệ ngoại giao", "tháng 7/1995", (1995, 7, 11), "Bài 14", 2),
    ("Việt Nam tham gia sáng lập Diễn đàn Hợp tác Á – Âu (ASEM)", "năm 1996", (1996, 3, 1), "Bài 14", 2),
    ("Việt Nam gia nhập Diễn đàn Hợp tác kinh tế châu Á – Thái Bình Dương (APEC)", "tháng 11/1998", (1998, 11, 14), "Bài 14", 2),
    ("Việt Nam trở thành thành viên thứ 150 của Tổ chức Thương mại Thế giới (WTO)", "ngày 11/1/2007", (2007, 1, 11), "Bài 14", 2),
    ("Phan Bội Châu khởi xướng phong trào Đông du, đưa thanh niên Việt Nam sang Nhật Bản học tập", "năm 1905", (1905, 1, 1), "Bài 12", 1),
    ("Nguyễn Tất Thành ra đi tìm đường cứu nước từ bến cảng Nhà Rồng", "ngày 5/6/1911", (1911, 6, 5), "Bài 12", 1),
    ("Nguyễn Ái Quốc gửi Bản yêu sách của nhân dân An Nam tới Hội nghị Vécxai", "tháng 6/1919", (1919, 6, 18), "Bài 12", 1),
    ("Nguyễn Ái Quốc đọc Sơ thảo lần thứ nhất những luận cương về vấn đề dân tộc và vấn đề thuộc địa của Lênin", "tháng 7/1920", (1920, 7, 1), "Bài 15", 2),
    ("Nguyễn Ái Quốc dự Đại hội Tua, bỏ phiếu tán thành gia nhập Quốc tế Cộng sản", "tháng 12/1920", (1920, 12, 25), "Bài 12", 1),
    ("Hội Việt Nam Cách mạng Thanh niên được thành lập tại Quảng Châu (Trung Quốc)", "tháng 6/1925", (1925, 6, 1), "Bài 16", 1),
    ("Đảng Cộng sản Việt Nam được thành lập", "ngày 3/2/1930", (1930, 2, 3), "Bài 16", 1),
    ("Nguyễn Ái Quốc về nước, trực tiếp lãnh đạo cách mạng Việt Nam", "ngày 28/1/1941", (1941, 1, 28), "Bài 15", 2),
    ("Mặt trận Việt Minh được thành lập", "ngày 19/5/1941", (1941, 5, 19), "Bài 16", 2),
    ("Trung Quốc và Liên Xô lần lượt công nhận và đặt quan hệ ngoại giao với Việt Nam Dân chủ Cộng hoà", "tháng 1/1950", (1950, 1, 18), "Bài 13", 1),
    ("Hội nghị Pari về Việt Nam khai mạc phiên họp chính thức giữa đại diện Việt Nam Dân chủ Cộng hoà và Mỹ", "ngày 13/5/1968", (1968, 5, 13), "Bài 13", 2),
    ("Chủ tịch Hồ Chí Minh qua đời", "ngày 2/9/1969", (1969, 9, 2), "Bài 15", 2),
    ("UNESCO ra nghị quyết tôn vinh Chủ tịch Hồ Chí Minh là “Anh hùng giải phóng dân tộc, nhà văn hoá kiệt xuất”", "năm 1987", (1987, 10, 1), "Bài 17", 1),
]  # fmt: skip
_THEMES = {
    "Thế giới trong và sau Chiến tranh lạnh": ("Bài 1", "Bài 2", "Bài 3"),
    "quá trình hình thành và phát triển của ASEAN": ("Bài 4", "Bài 5"),
    "Cách mạng tháng Tám năm 1945": ("Bài 6",),
    "cuộc kháng chiến chống thực dân Pháp (1945 – 1954)": ("Bài 7",),
    "cuộc kháng chiến chống Mỹ, cứu nước (1954 – 1975)": ("Bài 8",),
    "hoạt động đối ngoại và hội nhập của Việt Nam": ("Bài 12", "Bài 13", "Bài 14"),
    "cuộc đời và sự nghiệp của Hồ Chí Minh": ("Bài 12", "Bài 15", "Bài 16", "Bài 17"),
    "lịch sử Việt Nam từ năm 1975 đến nay": ("Bài 9", "Bài 10", "Bài 14"),
}  # fmt: skip
_THEME_LESSON = {
    "Thế giới trong và sau Chiến tranh lạnh": ("Bài 2", 2),
    "quá trình hình thành và phát triển của ASEAN": ("Bài 4", 2),
    "Cách mạng tháng Tám năm 1945": ("Bài 6", 1),
    "cuộc kháng chiến chống thực dân Pháp (1945 – 1954)": ("Bài 7", 1),
    "cuộc kháng chiến chống Mỹ, cứu nước (1954 – 1975)": ("Bài 8", 1),
    "hoạt động đối ngoại và hội nhập của Việt Nam": ("Bài 14", 2),
    "cuộc đời và sự nghiệp của Hồ Chí Minh": ("Bài 15", 2),
    "lịch sử Việt Nam từ năm 1975 đến nay": ("Bài 10", 2),
}  # fmt: skip


def _period(display: str) -> tuple[str, tuple[int, ...]]:
    """("ngày"/"tháng"/"năm", numbers) of a date as written."""
    nums = tuple(int(n) for n in re.findall(r"\d+", display))
    if display.startswith("ngày"):
        return "ngày", nums
    if display.startswith("tháng"):
        return "tháng", nums
    return "năm", nums[-1:]


def _covers(display: str, date: tuple[int, int, int]) -> bool:
    """Is ``date`` inside the period written as ``display``?"""
    kind, nums = _period(display)
    y, m, d = date
    if kind == "ngày":
        return nums == (d, m, y)
    if kind == "tháng":
        return nums == (m, y)
    return nums == (y,)


def _shift_year(display: str, delta: int) -> str:
    year = re.findall(r"\d{4}", display)[-1]
    return (
        display[: display.rfind(year)] + str(int(year) + delta) + display[display.rfind(year) + 4 :]
    )


def _date_distractors(r, fact) -> list[str]:
    _event, display, date, _, _ = fact
    kind = _period(display)[0]
    same_kind = [f[1] for f in _SU_FACTS if f[1] != display and _period(f[1])[0] == kind
                 and abs(f[2][0] - date[0]) <= 12 and not _covers(f[1], date)]  # fmt: skip
    r.shuffle(same_kind)
    shifted = [_shift_year(display, d) for d in r.sample([-3, -2, -1, 1, 2, 3], 3)]
    out = same_kind[:2] + shifted
    return [d for d in out if not _covers(d, date)]


def t_su_date(r):
    fact = r.choice(_SU_FACTS)
    event, display, _date, lesson, y = fact
    stem = f"{event} vào thời gian nào?"
    sol = _sol(f"{event} vào {display}.")
    q_ = _sc(
        r,
        stem,
        display[0].upper() + display[1:],
        [d[0].upper() + d[1:] for d in _date_distractors(r, fact)],
        sol,
    )
    return _it(q_, "lich-su", 12, lesson, y, "biet")


def t_su_event(r):
    fact = r.choice(_SU_FACTS)
    event, display, date, lesson, y = fact
    others = [
        f
        for f in _SU_FACTS
        if f is not fact and not _covers(display, f[2]) and abs(f[2][0] - date[0]) <= 15
    ]
    if len(others) < 3:
        return None
    wrong = [f[0] for f in r.sample(others, 3)]
    stem = f"Sự kiện nào sau đây diễn ra vào {display}?"
    sol = _sol(f"{event} vào {display}.")
    q_ = _sc(r, stem, event, wrong, sol, none_option=False)
    return _it(q_, "lich-su", 12, lesson, y, "hieu")


def _theme_facts(theme):
    return [f for f in _SU_FACTS if f[3] in _THEMES[theme]]


def t_su_order(r):
    theme = r.choice(list(_THEMES))
    pool = _theme_facts(theme)
    chosen = []
    for f in r.sample(pool, len(pool)):
        if all(f[2][0] != c[2][0] for c in chosen):
            chosen.append(f)
        if len(chosen) == 4:
            break
    if len(chosen) < 4:
        return None
    shown = _shuffled(r, chosen)
    labels = "abcd"
    listed = "; ".join(f"{labels[i]}) {f[0]}" for i, f in enumerate(shown))
    ordered = sorted(chosen, key=lambda f: f[2])
    stem = f"Sắp xếp các sự kiện sau về {theme} theo đúng trình tự thời gian: {listed}."
    sol = _sol("; ".join(f"{f[0]} ({f[1]})" for f in ordered) + ".")
    lesson, y = _THEME_LESSON[theme]
    return _it(_order(stem, [f[0] for f in ordered], sol), "lich-su", 12, lesson, y, "van_dung")


def t_su_match(r):
    theme = r.choice(list(_THEMES))
    pool = _theme_facts(theme)
    if len(pool) < 4:
        return None
    chosen = r.sample(pool, 4)
    if len({f[1] for f in chosen}) < 4 or any(
        _covers(a[1], b[2]) for a in chosen for b in chosen if a is not b
    ):
        return None
    pairs = [(f[0], f[1][0].upper() + f[1][1:]) for f in chosen]
    stem = (
        f"Ghép mỗi sự kiện về {theme} ở cột trái với thời gian tương ứng ở cột phải (các sự kiện: "
        + "; ".join(f[0] for f in sorted(chosen, key=lambda f: f[0]))
        + ")."
    )
    lesson, y = _THEME_LESSON[theme]
    return _it(_match(r, stem, pairs), "lich-su", 12, lesson, y, "hieu")


def t_su_cloze(r):
    chosen = r.sample(_SU_FACTS, 3)
    if len({f[2][0] for f in chosen}) < 3:
        return None
    parts = [f"({i}) {f[0]}: năm {{{{{i}}}}}" for i, f in enumerate(chosen, start=1)]
    stem = "Điền năm diễn ra các sự kiện sau: " + "; ".join(parts) + "."
    sol = _sol("; ".join(f"{f[0]} – {f[1]}" for f in chosen) + ".")
    fact = chosen[0]
    return _it(
        _cloze(stem, [_bn(f[2][0]) for f in chosen], sol), "lich-su", 12, fact[3], fact[4], "hieu"
    )


_SU_SHORT = [
    ("Tên khai sinh của Chủ tịch Hồ Chí Minh là gì?", ["Nguyễn Sinh Cung"], "Bài 15", 1),
    ("Ngày 2/9/1945, Chủ tịch Hồ Chí Minh đọc Tuyên ngôn Độc lập tại quảng trường nào ở Hà Nội?", ["Ba Đình", "Quảng trường Ba Đình"], "Bài 6", 1),
    ("Ai là Tổng Tư lệnh kiêm Chỉ huy trưởng chiến dịch Điện Biên Phủ năm 1954?", ["Võ Nguyên Giáp", "Đại tướng Võ Nguyên Giáp"], "Bài 7", 1),
    ("Trụ sở chính của Liên hợp quốc đặt tại thành phố nào?", ["Niu Oóc", "New York", "Niu-oóc"], "Bài 1", 1),
    ("ASEAN được thành lập năm 1967 tại thủ đô của quốc gia nào?", ["Thái Lan"], "Bài 4", 1),
    ("Hiệp định Giơnevơ năm 1954 lấy vĩ tuyến nào làm giới tuyến quân sự tạm thời ở Việt Nam? (ghi số)", ["17", "vĩ tuyến 17"], "Bài 7", 1),
    ("Ngày 5/6/1911, Nguyễn Tất Thành ra đi tìm đường cứu nước từ bến cảng nào?", ["Nhà Rồng", "bến cảng Nhà Rồng", "cảng Nhà Rồng"], "Bài 12", 1),
    ("Phong trào đưa thanh niên Việt Nam sang Nhật Bản học tập do Phan Bội Châu khởi xướng có tên là gì?", ["Đông du", "phong trào Đông du"], "Bài 12", 1),
    ("Trận then chốt mở đầu cuộc tiến công chiến lược trong chiến dịch Tây Nguyên (3/1975) diễn ra ở thị xã nào?", ["Buôn Ma Thuột"], "Bài 8", 1),
    ("Hiến chương Liên hợp quốc được thông qua tại hội nghị quốc tế họp ở thành phố nào của Mỹ (4 – 6/1945)?", ["Xan Phranxixcô", "San Francisco"], "Bài 1", 1),
    ("Tác phẩm nào của Nguyễn Ái Quốc xuất bản năm 1927, tập hợp các bài giảng tại các lớp huấn luyện cán bộ ở Quảng Châu?", ["Đường Kách mệnh", "Đường cách mệnh"], "Bài 16", 1),
    ("Đường lối đổi mới đất nước được đề ra tại Đại hội đại biểu toàn quốc lần thứ mấy của Đảng? (ghi bằng chữ số La Mã)", ["VI", "6"], "Bài 10", 1),
]  # fmt: skip


def t_su_short(r):
    stem, answers, lesson, y = r.choice(_SU_SHORT)
    return _it(_st(stem, answers, _sol(f"Đáp án: {answers[0]}.")), "lich-su", 12, lesson, y, "biet")


_SU_MR = [
    ("Nguyên thủ của những cường quốc nào tham dự Hội nghị Ianta (2/1945)?", ["Liên Xô", "Mỹ", "Anh"],
     ["Pháp", "Trung Quốc", "Nhật Bản"], "Bài 1", 1),
    ("Những quốc gia nào sau đây là thành viên sáng lập ASEAN (8/8/1967)?", ["Inđônêxia", "Malaixia", "Philíppin", "Xingapo", "Thái Lan"],
     ["Việt Nam", "Brunây", "Lào", "Campuchia", "Mianma"], "Bài 4", 1),
    ("Những quốc gia nào sau đây là uỷ viên thường trực Hội đồng Bảo an Liên hợp quốc?", ["Mỹ", "Anh", "Pháp", "Nga", "Trung Quốc"],
     ["Đức", "Nhật Bản", "Ấn Độ", "Braxin"], "Bài 1", 1),
    ("Cộng đồng ASEAN được xây dựng dựa trên những trụ cột nào?", ["Cộng đồng Chính trị – An ninh", "Cộng đồng Kinh tế", "Cộng đồng Văn hoá – Xã hội"],
     ["Cộng đồng Quân sự", "Cộng đồng Tiền tệ chung", "Cộng đồng Nghị viện"], "Bài 5", 2),
    ("Những chiến dịch nào sau đây thuộc cuộc kháng chiến chống thực dân Pháp (1945 – 1954)?",
     ["Chiến dịch Việt Bắc thu – đông 1947", "Chiến dịch Biên giới thu – đông 1950", "Chiến dịch Điện Biên Phủ 1954"],
     ["Chiến dịch Tây Nguyên 1975", "Chiến dịch Hồ Chí Minh 1975", "Chiến dịch Huế – Đà Nẵng 1975"], "Bài 7", 1),
    ("Những nguyên tắc nào sau đây là nguyên tắc hoạt động của Liên hợp quốc?",
     ["Bình đẳng chủ quyền giữa các quốc gia và quyền tự quyết của các dân tộc",
      "Tôn trọng toàn vẹn lãnh thổ và độc lập chính trị của tất cả các nước",
      "Không can thiệp vào công việc nội bộ của bất kì nước nào", "Giải quyết các tranh chấp quốc tế bằng biện pháp hoà bình"],
     ["Các nước lớn được quyền can thiệp vào công việc nội bộ của các nước nhỏ",
      "Giải quyết tranh chấp quốc tế bằng sức mạnh quân sự", "Chỉ các nước lớn mới có quyền biểu quyết tại Đại hội đồng"],
     "Bài 1", 1),
    ("Những quốc gia nào gia nhập ASEAN sau Việt Nam?", ["Lào", "Mianma", "Campuchia"], ["Brunây", "Thái Lan", "Xingapo"], "Bài 4", 2),
]  # fmt: skip


def t_su_mr(r):
    stem, right, wrong, lesson, y = r.choice(_SU_MR)
    n_right = min(len(right), r.choice([2, 3]))
    options = [(t, True) for t in r.sample(right, n_right)] + [
        (t, False) for t in r.sample(wrong, 5 - n_right)
    ]
    sol = _sol("Đáp án đúng: " + "; ".join(t for t, ok in options if ok) + ".")
    return _it(_mr(r, stem, options, sol), "lich-su", 12, lesson, y, "hieu")


_SU_ESSAYS = [
    ("Trình bày ý nghĩa lịch sử của Cách mạng tháng Tám năm 1945.", "Bài 6", 2, [
        ("Đối với dân tộc: phá tan xiềng xích nô lệ của thực dân Pháp hơn 80 năm và ách thống trị của phát xít Nhật, lật đổ chế độ quân chủ, lập nên nước Việt Nam Dân chủ Cộng hoà", 1.0),
        ("Mở ra kỉ nguyên mới của dân tộc: kỉ nguyên độc lập, tự do; nhân dân lao động trở thành người làm chủ đất nước", 0.5),
        ("Đối với thế giới: là thắng lợi đầu tiên của một dân tộc nhược tiểu tự giải phóng, cổ vũ phong trào giải phóng dân tộc ở châu Á, châu Phi", 0.5),
    ]),
    ("Phân tích nguyên nhân thắng lợi của cuộc kháng chiến chống thực dân Pháp (1945 – 1954).", "Bài 7", 2, [
        ("Sự lãnh đạo sáng suốt của Đảng với đường lối kháng chiến đúng đắn: toàn dân, toàn diện, trường kì, tự lực cánh sinh", 1.0),
        ("Truyền thống yêu nước, tinh thần đoàn kết, chiến đấu dũng cảm của nhân dân; hệ thống chính quyền dân chủ nhân dân, hậu phương vững chắc", 0.5),
        ("Liên minh chiến đấu của ba nước Đông Dương; sự giúp đỡ của Trung Quốc, Liên Xô và lực lượng tiến bộ trên thế giới", 0.5),
    ]),
    ("Phân tích vai trò của Liên hợp quốc trong việc duy trì hoà bình, an ninh quốc tế và thúc đẩy hợp tác quốc tế. Liên hệ quan hệ giữa Việt Nam và Liên hợp quốc.", "Bài 1", 2, [
        ("Duy trì hoà bình, an ninh quốc tế: giải quyết tranh chấp, xung đột bằng biện pháp hoà bình, hoạt động gìn giữ hoà bình, giải trừ quân bị", 0.75),
        ("Thúc đẩy hợp tác quốc tế về kinh tế, văn hoá, xã hội, giáo dục, y tế; bảo vệ quyền con người", 0.75),
        ("Liên hệ: Việt Nam là thành viên từ năm 1977, hai lần là Uỷ viên không thường trực Hội đồng Bảo an, tham gia lực lượng gìn giữ hoà bình", 0.5),
    ]),
    ("Nêu những thành tựu cơ bản của công cuộc Đổi mới ở Việt Nam từ năm 1986 đến nay và rút ra một số bài học kinh nghiệm.", "Bài 11", 1, [
        ("Kinh tế: thoát khỏi khủng hoảng kinh tế – xã hội, tăng trưởng khá cao, chuyển sang kinh tế thị trường định hướng xã hội chủ nghĩa, ra khỏi nhóm nước thu nhập thấp", 0.75),
        ("Chính trị ổn định; văn hoá – xã hội: giảm nghèo, nâng cao đời sống nhân dân; hội nhập quốc tế sâu rộng", 0.75),
        ("Bài học: đổi mới toàn diện, đồng bộ; lấy dân làm gốc; kiên định mục tiêu độc lập dân tộc và chủ nghĩa xã hội; kết hợp sức mạnh dân tộc với sức mạnh thời đại", 0.5),
    ]),
    ("Rút ra một số bài học lịch sử của các cuộc kháng chiến bảo vệ Tổ quốc từ năm 1945 đến nay và liên hệ với sự nghiệp bảo vệ chủ quyền biển, đảo hiện nay.", "Bài 9", 3, [
        ("Giữ vững sự lãnh đạo của Đảng; phát huy sức mạnh khối đại đoàn kết toàn dân tộc", 0.75),
        ("Kết hợp sức mạnh dân tộc với sức mạnh thời đại; xây dựng nền quốc phòng toàn dân, an ninh nhân dân vững mạnh", 0.75),
        ("Liên hệ: kiên quyết bảo vệ chủ quyền nhưng giải quyết tranh chấp bằng biện pháp hoà bình trên cơ sở luật pháp quốc tế (Công ước Liên hợp quốc về Luật Biển năm 1982)", 0.5),
    ]),
    ("Phân tích vai trò của Nguyễn Ái Quốc trong việc tìm ra con đường cứu nước và thành lập Đảng Cộng sản Việt Nam.", "Bài 16", 1, [
        ("Tìm ra con đường cứu nước đúng đắn cho dân tộc: con đường cách mạng vô sản (1920)", 0.75),
        ("Chuẩn bị về chính trị, tư tưởng và tổ chức: thành lập Hội Việt Nam Cách mạng Thanh niên (1925), báo Thanh niên, tác phẩm Đường Kách mệnh", 0.75),
        ("Chủ trì hội nghị hợp nhất các tổ chức cộng sản, thành lập Đảng Cộng sản Việt Nam (3/2/1930), soạn thảo Cương lĩnh chính trị đầu tiên", 0.5),
    ]),
    ("Trình bày cơ hội và thách thức đối với Việt Nam khi tham gia Cộng đồng ASEAN. Theo em, học sinh cần làm gì để góp phần xây dựng Cộng đồng ASEAN?", "Bài 5", 3, [
        ("Cơ hội: mở rộng thị trường, thu hút đầu tư, giao lưu văn hoá, giáo dục, nâng cao vị thế quốc tế", 0.75),
        ("Thách thức: cạnh tranh gay gắt, chênh lệch trình độ phát triển, vấn đề an ninh phi truyền thống, giữ gìn bản sắc văn hoá", 0.75),
        ("Liên hệ bản thân: học tập ngoại ngữ, tìm hiểu về các nước ASEAN, tham gia giao lưu, rèn luyện kĩ năng", 0.5),
    ]),
]  # fmt: skip


def t_su_essay(r):
    stem, lesson, y, guide = r.choice(_SU_ESSAYS)
    return _it(_essay(stem, guide), "lich-su", 12, lesson, y, "van_dung")


# (information paragraph, [(statement, truth)], lesson, outcome)
_SU_PARAGRAPHS = [
    ("Tháng 2/1945, tại Hội nghị Ianta (Liên Xô), nguyên thủ ba cường quốc Liên Xô, Mỹ, Anh đã thống nhất thành lập một tổ "
     "chức quốc tế nhằm duy trì hoà bình và an ninh thế giới. Từ ngày 25/4 đến ngày 26/6/1945, hội nghị quốc tế họp tại Xan "
     "Phranxixcô (Mỹ) đã thông qua Hiến chương Liên hợp quốc. Ngày 24/10/1945, Hiến chương chính thức có hiệu lực, Liên hợp "
     "quốc ra đời.",
     [("Quyết định thành lập Liên hợp quốc được đưa ra tại Hội nghị Ianta.", True),
      ("Hiến chương Liên hợp quốc được thông qua tại Hội nghị Xan Phranxixcô.", True),
      ("Liên hợp quốc chính thức ra đời khi Hiến chương có hiệu lực ngày 24/10/1945.", True),
      ("Hội nghị Ianta có sự tham gia của nguyên thủ năm cường quốc.", False),
      ("Hiến chương Liên hợp quốc được thông qua tại Hội nghị Ianta.", False),
      ("Liên hợp quốc ra đời trước khi Chiến tranh thế giới thứ hai kết thúc ở châu Âu.", False)], "Bài 1", 1),
    ("Tháng 3/1947, Tổng thống Mỹ Truman đưa ra học thuyết chống Liên Xô và các nước xã hội chủ nghĩa, mở đầu Chiến tranh lạnh. "
     "Tiếp đó, Mỹ triển khai Kế hoạch Mácsan viện trợ cho các nước Tây Âu (6/1947) và thành lập khối quân sự NATO (4/1949). "
     "Đáp lại, Liên Xô và các nước Đông Âu thành lập Hội đồng Tương trợ kinh tế (1/1949) và Tổ chức Hiệp ước Vácsava (5/1955).",
     [("Học thuyết Truman đánh dấu sự khởi đầu của Chiến tranh lạnh.", True),
      ("NATO ra đời trước Tổ chức Hiệp ước Vácsava.", True),
      ("Chiến tranh lạnh diễn ra giữa hai phe do Mỹ và Liên Xô đứng đầu.", True),
      ("Kế hoạch Mácsan là kế hoạch viện trợ của Liên Xô cho các nước Đông Âu.", False),
      ("Hội đồng Tương trợ kinh tế (SEV) là một liên minh quân sự.", False),
      ("Tổ chức Hiệp ước Vácsava được thành lập năm 1949.", False)], "Bài 2", 2),
    ("Tháng 12/1989, trong cuộc gặp không chính thức trên đảo Manta (Địa Trung Hải), Tổng thống Mỹ G. Busơ và Tổng Bí thư "
     "M. Goócbachốp cùng tuyên bố chấm dứt Chiến tranh lạnh. Năm 1991, Liên Xô tan rã, trật tự thế giới hai cực Ianta sụp đổ; "
     "thế giới chuyển dần sang xu thế đa cực với sự vươn lên của nhiều trung tâm quyền lực.",
     [("Mỹ và Liên Xô tuyên bố chấm dứt Chiến tranh lạnh năm 1989.", True),
      ("Sự tan rã của Liên Xô năm 1991 đánh dấu trật tự hai cực Ianta sụp đổ.", True),
      ("Sau Chiến tranh lạnh, xu thế đa cực trong quan hệ quốc tế ngày càng rõ nét.", True),
      ("Sau Chiến tranh lạnh, một trật tự thế giới do Liên Xô đứng đầu được xác lập.", False),
      ("Cuộc gặp tuyên bố chấm dứt Chiến tranh lạnh diễn ra tại Oasinhtơn.", False),
      ("Trật tự hai cực Ianta sụp đổ trước khi Chiến tranh lạnh chấm dứt.", False)], "Bài 3", 1),
    ("Ngày 8/8/1967, tại Băng Cốc (Thái Lan), ngoại trưởng năm nước Inđônêxia, Malaixia, Philíppin, Xingapo và Thái Lan kí "
     "Tuyên bố Băng Cốc, thành lập Hiệp hội các quốc gia Đông Nam Á (ASEAN). Mục tiêu của ASEAN là thúc đẩy tăng trưởng kinh tế, "
     "tiến bộ xã hội, phát triển văn hoá và củng cố hoà bình, ổn định trong khu vực.",
     [("ASEAN được thành lập bằng Tuyên bố Băng Cốc năm 1967.", True),
      ("Thái Lan là một trong năm nước sáng lập ASEAN.", True),
      ("Một trong những mục tiêu của ASEAN là thúc đẩy tăng trưởng kinh tế trong khu vực.", True),
      ("Việt Nam là một trong năm nước sáng lập ASEAN.", False),
      ("ASEAN ra đời với mục tiêu chủ yếu là xây dựng một liên minh quân sự.", False),
      ("Brunây là một trong những nước sáng lập ASEAN.", False)], "Bài 4", 1),
    ("Năm 1984, Brunây gia nhập ASEAN. Ngày 28/7/1995, Việt Nam trở thành thành viên thứ bảy của tổ chức. Năm 1997, Lào và "
     "Mianma gia nhập; năm 1999, Campuchia được kết nạp, ASEAN trở thành tổ chức bao gồm 10 quốc gia Đông Nam Á.",
     [("Việt Nam là thành viên thứ bảy của ASEAN.", True),
      ("Brunây gia nhập ASEAN sớm hơn Việt Nam.", True),
      ("Năm 1999, ASEAN có 10 quốc gia thành viên.", True),
      ("Campuchia gia nhập ASEAN trước Việt Nam.", False),
      ("Lào và Mianma gia nhập ASEAN năm 1995.", False),
      ("Việt Nam gia nhập ASEAN sau Campuchia.", False)], "Bài 4", 2),
    ("Năm 2003, tại Hội nghị Cấp cao ở Bali (Inđônêxia), các nhà lãnh đạo ASEAN thông qua Tuyên bố Hoà hợp ASEAN II, quyết định "
     "xây dựng Cộng đồng ASEAN. Hiến chương ASEAN được kí kết năm 2007 và có hiệu lực từ tháng 12/2008. Ngày 31/12/2015, Cộng "
     "đồng ASEAN chính thức được thành lập, dựa trên ba trụ cột: Cộng đồng Chính trị – An ninh, Cộng đồng Kinh tế và Cộng đồng "
     "Văn hoá – Xã hội.",
     [("Cộng đồng ASEAN được xây dựng dựa trên ba trụ cột.", True),
      ("Hiến chương ASEAN có hiệu lực từ năm 2008.", True),
      ("Quyết định xây dựng Cộng đồng ASEAN được đưa ra trước khi Hiến chương ASEAN được kí kết.", True),
      ("Cộng đồng ASEAN chính thức được thành lập năm 2007.", False),
      ("Cộng đồng Quốc phòng là một trong ba trụ cột của Cộng đồng ASEAN.", False),
      ("Tuyên bố Hoà hợp ASEAN II được thông qua tại Băng Cốc.", False)], "Bài 5", 1),
    ("Ngày 15/8/1945, Nhật Bản tuyên bố đầu hàng Đồng minh không điều kiện. Từ ngày 14 đến ngày 15/8/1945, Hội nghị toàn quốc "
     "của Đảng họp ở Tân Trào quyết định phát động Tổng khởi nghĩa. Ngày 16/8/1945, Quốc dân Đại hội họp ở Tân Trào tán thành "
     "chủ trương Tổng khởi nghĩa, cử ra Uỷ ban Dân tộc giải phóng Việt Nam do Hồ Chí Minh làm Chủ tịch. Khởi nghĩa giành thắng "
     "lợi ở Hà Nội (19/8), Huế (23/8), Sài Gòn (25/8); chỉ trong khoảng 15 ngày, Tổng khởi nghĩa thành công trong cả nước.",
     [("Tổng khởi nghĩa tháng Tám nổ ra trong thời cơ Nhật Bản đầu hàng Đồng minh.", True),
      ("Quốc dân Đại hội Tân Trào cử ra Uỷ ban Dân tộc giải phóng Việt Nam.", True),
      ("Khởi nghĩa giành chính quyền ở Hà Nội thắng lợi ngày 19/8/1945.", True),
      ("Khởi nghĩa giành chính quyền ở Sài Gòn thắng lợi trước Hà Nội.", False),
      ("Tổng khởi nghĩa tháng Tám kéo dài gần một năm mới giành thắng lợi trong cả nước.", False),
      ("Quốc dân Đại hội Tân Trào họp sau khi khởi nghĩa ở Huế thắng lợi.", False)], "Bài 6", 1),
    ("Ngày 13/3/1954, quân ta nổ súng tiến công tập đoàn cứ điểm Điện Biên Phủ. Sau 56 ngày đêm chiến đấu qua ba đợt tiến công, "
     "chiều 7/5/1954, toàn bộ tập đoàn cứ điểm bị tiêu diệt, tướng Đờ Caxtơri cùng Bộ chỉ huy tập đoàn cứ điểm bị bắt sống. Thắng "
     "lợi này góp phần quyết định buộc Pháp kí Hiệp định Giơnevơ (21/7/1954) về chấm dứt chiến tranh, lập lại hoà bình ở Đông Dương.",
     [("Chiến dịch Điện Biên Phủ kéo dài 56 ngày đêm.", True),
      ("Quân ta tiến công tập đoàn cứ điểm Điện Biên Phủ qua ba đợt.", True),
      ("Thắng lợi ở Điện Biên Phủ góp phần quyết định buộc Pháp kí Hiệp định Giơnevơ.", True),
      ("Hiệp định Giơnevơ được kí kết trước khi chiến dịch Điện Biên Phủ kết thúc.", False),
      ("Chiến dịch Điện Biên Phủ mở màn ngày 7/5/1954.", False),
      ("Chiến dịch Điện Biên Phủ thuộc cuộc kháng chiến chống Mỹ, cứu nước.", False)], "Bài 7", 1),
    ("Trong cuộc Tổng tiến công và nổi dậy mùa Xuân 1975, quân dân ta lần lượt mở ba chiến dịch lớn: chiến dịch Tây Nguyên "
     "(từ 4/3 đến 24/3/1975), chiến dịch Huế – Đà Nẵng (từ 21/3 đến 29/3/1975) và chiến dịch Hồ Chí Minh (từ 26/4 đến 30/4/1975). "
     "Trưa 30/4/1975, lá cờ cách mạng tung bay trên Dinh Độc Lập, chiến dịch Hồ Chí Minh toàn thắng.",
     [("Chiến dịch Tây Nguyên là chiến dịch mở đầu cuộc Tổng tiến công và nổi dậy mùa Xuân 1975.", True),
      ("Sài Gòn được giải phóng ngày 30/4/1975.", True),
      ("Chiến dịch Hồ Chí Minh kết thúc sau 5 ngày.", True),
      ("Chiến dịch Hồ Chí Minh diễn ra trước chiến dịch Huế – Đà Nẵng.", False),
      ("Cuộc Tổng tiến công và nổi dậy mùa Xuân 1975 gồm năm chiến dịch lớn.", False),
      ("Chiến dịch Huế – Đà Nẵng kết thúc trước khi chiến dịch Tây Nguyên bắt đầu.", False)], "Bài 8", 1),
    ("Tháng 12/1986, Đại hội đại biểu toàn quốc lần thứ VI của Đảng đề ra đường lối đổi mới toàn diện đất nước, trước hết là "
     "đổi mới tư duy, trọng tâm là đổi mới kinh tế. Đại hội nêu phương châm: “nhìn thẳng vào sự thật, đánh giá đúng sự thật, "
     "nói rõ sự thật”.",
     [("Đường lối đổi mới được đề ra tại Đại hội đại biểu toàn quốc lần thứ VI của Đảng.", True),
      ("Đổi mới kinh tế là trọng tâm của công cuộc Đổi mới.", True),
      ("Đại hội VI diễn ra vào năm 1986.", True),
      ("Công cuộc Đổi mới được đề ra ngay sau khi đất nước thống nhất năm 1975.", False),
      ("Theo Đại hội VI, đổi mới trước hết là đổi mới về quân sự.", False),
      ("Đại hội VI chủ trương đổi mới chỉ trên lĩnh vực chính trị.", False)], "Bài 10", 1),
    ("Tháng 7/1995, Việt Nam bình thường hoá quan hệ ngoại giao với Hoa Kỳ và gia nhập ASEAN. Tháng 11/1998, Việt Nam gia nhập "
     "Diễn đàn Hợp tác kinh tế châu Á – Thái Bình Dương (APEC). Ngày 11/1/2007, Việt Nam trở thành thành viên thứ 150 của Tổ "
     "chức Thương mại Thế giới (WTO).",
     [("Việt Nam gia nhập ASEAN và bình thường hoá quan hệ với Hoa Kỳ trong cùng năm 1995.", True),
      ("Việt Nam gia nhập APEC trước khi gia nhập WTO.", True),
      ("Việt Nam là thành viên thứ 150 của WTO.", True),
      ("Việt Nam gia nhập WTO năm 1998.", False),
      ("Việt Nam gia nhập APEC trước khi gia nhập ASEAN.", False),
      ("Việt Nam bình thường hoá quan hệ với Hoa Kỳ năm 2007.", False)], "Bài 14", 2),
    ("Hồ Chí Minh (lúc nhỏ tên là Nguyễn Sinh Cung) sinh ngày 19/5/1890 ở tỉnh Nghệ An, trong một gia đình nhà nho yêu nước. "
     "Ngày 5/6/1911, Người ra đi tìm đường cứu nước. Tháng 7/1920, Người đọc Sơ thảo lần thứ nhất những luận cương về vấn đề "
     "dân tộc và vấn đề thuộc địa của Lênin, tìm thấy con đường cứu nước đúng đắn. Đầu năm 1930, Người chủ trì hội nghị hợp nhất "
     "các tổ chức cộng sản, thành lập Đảng Cộng sản Việt Nam.",
     [("Hồ Chí Minh sinh ra ở tỉnh Nghệ An.", True),
      ("Nguyễn Ái Quốc tìm thấy con đường cứu nước đúng đắn sau khi đọc luận cương của Lênin.", True),
      ("Nguyễn Ái Quốc chủ trì hội nghị thành lập Đảng Cộng sản Việt Nam.", True),
      ("Nguyễn Tất Thành ra đi tìm đường cứu nước năm 1920.", False),
      ("Đảng Cộng sản Việt Nam được thành lập trước khi Nguyễn Ái Quốc đọc luận cương của Lênin.", False),
      ("Lúc nhỏ, Hồ Chí Minh có tên là Nguyễn Tất Thành.", False)], "Bài 15", 1),
]  # fmt: skip


def t_su_tf(r):
    paragraph, statements, lesson, y = r.choice(_SU_PARAGRAPHS)
    true_s = [s for s in statements if s[1]]
    false_s = [s for s in statements if not s[1]]
    n_true = r.choice([1, 2, 2, 3])
    chosen = r.sample(true_s, n_true) + r.sample(false_s, 4 - n_true)
    stem = f"Cho thông tin sau đây: “{paragraph}” Xét tính đúng, sai của các nhận định sau."
    return _it(_tf(stem, _shuffled(r, chosen), _sol("Đối chiếu từng nhận định với thông tin đã cho và kiến thức lịch sử.")),
               "lich-su", 12, lesson, y, r.choice(["hieu", "van_dung"]))  # fmt: skip


_SU_SOURCES = [
    ("Tuyên ngôn Độc lập (2/9/1945)",
     "“Tất cả mọi người đều sinh ra có quyền bình đẳng. Tạo hoá cho họ những quyền không ai có thể xâm phạm được; trong những "
     "quyền ấy, có quyền được sống, quyền tự do và quyền mưu cầu hạnh phúc. […] Nước Việt Nam có quyền hưởng tự do và độc lập, "
     "và sự thật đã thành một nước tự do, độc lập. Toàn thể dân tộc Việt Nam quyết đem tất cả tinh thần và lực lượng, tính mạng "
     "và của cải để giữ vững quyền tự do, độc lập ấy.” (Hồ Chí Minh, Tuyên ngôn Độc lập)",
     "Bài 6", 1,
     ("Văn kiện chứa đoạn trích về quyền bình đẳng, quyền được sống, quyền tự do và quyền mưu cầu hạnh phúc được công bố vào ngày nào?",
      "Ngày 2/9/1945", ["Ngày 19/8/1945", "Ngày 19/12/1946", "Ngày 6/3/1946"]),
     [("Đoạn trích khẳng định quyền hưởng tự do và độc lập của dân tộc Việt Nam.", True),
      ("Đoạn trích thể hiện quyết tâm đem tất cả tinh thần, lực lượng, tính mạng, của cải để giữ vững độc lập, tự do.", True),
      ("Văn kiện khai sinh ra nước Cộng hoà xã hội chủ nghĩa Việt Nam.", False),
      ("Văn kiện được công bố sau khi Hiệp định Sơ bộ được kí kết.", False)]),
    ("Lời kêu gọi toàn quốc kháng chiến (12/1946)",
     "“Hỡi đồng bào toàn quốc! Chúng ta muốn hoà bình, chúng ta phải nhân nhượng. Nhưng chúng ta càng nhân nhượng, thực dân "
     "Pháp càng lấn tới, vì chúng quyết tâm cướp nước ta lần nữa! Không! Chúng ta thà hi sinh tất cả, chứ nhất định không chịu "
     "mất nước, nhất định không chịu làm nô lệ.” (Hồ Chí Minh)",
     "Bài 7", 1,
     ("Đoạn tư liệu “Chúng ta muốn hoà bình, chúng ta phải nhân nhượng…” được trích từ văn kiện nào?",
      "Lời kêu gọi toàn quốc kháng chiến (12/1946)", ["Tuyên ngôn Độc lập (9/1945)", "Lời kêu gọi chống Mỹ, cứu nước (7/1966)",
                                                     "Di chúc của Chủ tịch Hồ Chí Minh (1969)"]),
     [("Đoạn tư liệu cho thấy Việt Nam đã nhân nhượng để giữ gìn hoà bình.", True),
      ("Theo đoạn tư liệu, thực dân Pháp quyết tâm cướp nước ta một lần nữa.", True),
      ("Văn kiện chủ trương đấu tranh ngoại giao là hình thức duy nhất để bảo vệ độc lập.", False),
      ("Văn kiện ra đời sau chiến thắng Điện Biên Phủ.", False)]),
    ("Di chúc của Chủ tịch Hồ Chí Minh",
     "“Điều mong muốn cuối cùng của tôi là: Toàn Đảng toàn dân ta đoàn kết phấn đấu, xây dựng một nước Việt Nam hoà bình, thống "
     "nhất, độc lập, dân chủ và giàu mạnh, và góp phần xứng đáng vào sự nghiệp cách mạng thế giới.” (Hồ Chí Minh, Di chúc)",
     "Bài 17", 1,
     ("Theo đoạn trích Di chúc, điều mong muốn cuối cùng của Chủ tịch Hồ Chí Minh là xây dựng một nước Việt Nam như thế nào?",
      "Hoà bình, thống nhất, độc lập, dân chủ và giàu mạnh", ["Độc lập, tự do, hạnh phúc", "Dân giàu, nước mạnh, văn minh",
                                                              "Công nghiệp hoá, hiện đại hoá"]),
     [("Đoạn trích thể hiện mong muốn toàn Đảng, toàn dân đoàn kết phấn đấu.", True),
      ("Đoạn trích đề cập đến sự nghiệp cách mạng thế giới.", True),
      ("Đoạn trích được viết sau khi đất nước thống nhất năm 1975.", False),
      ("Đoạn trích kêu gọi nhân dân tổng khởi nghĩa giành chính quyền.", False)]),
    ("Hiến chương Liên hợp quốc (trích Điều 1)",
     "Mục đích của Liên hợp quốc là: “Duy trì hoà bình và an ninh quốc tế […]; Phát triển quan hệ hữu nghị giữa các dân tộc trên "
     "cơ sở tôn trọng nguyên tắc bình đẳng và quyền tự quyết của các dân tộc […]; Thực hiện sự hợp tác quốc tế trong việc giải "
     "quyết các vấn đề quốc tế về kinh tế, xã hội, văn hoá và nhân đạo […]” (Hiến chương Liên hợp quốc, Điều 1, trích)",
     "Bài 1", 1,
     ("Theo đoạn trích Điều 1 Hiến chương Liên hợp quốc, mục đích được nêu đầu tiên của tổ chức này là gì?",
      "Duy trì hoà bình và an ninh quốc tế", ["Thành lập một liên minh quân sự toàn cầu", "Xây dựng một đồng tiền chung",
                                             "Thúc đẩy cạnh tranh giữa các cường quốc"]),
     [("Liên hợp quốc hướng tới phát triển quan hệ hữu nghị giữa các dân tộc.", True),
      ("Hiến chương đề cao nguyên tắc bình đẳng và quyền tự quyết của các dân tộc.", True),
      ("Theo đoạn trích, Liên hợp quốc chỉ hoạt động trong lĩnh vực quân sự.", False),
      ("Hiến chương Liên hợp quốc được thông qua tại Hội nghị Ianta.", False)]),
    ("Văn kiện Đại hội VI của Đảng (12/1986)",
     "Đại hội VI nêu phương châm: “nhìn thẳng vào sự thật, đánh giá đúng sự thật, nói rõ sự thật” và đề ra đường lối đổi mới toàn "
     "diện đất nước, trước hết là đổi mới tư duy, trọng tâm là đổi mới kinh tế.",
     "Bài 10", 1,
     ("Phương châm “nhìn thẳng vào sự thật, đánh giá đúng sự thật, nói rõ sự thật” gắn với đại hội nào của Đảng?",
      "Đại hội đại biểu toàn quốc lần thứ VI (12/1986)", ["Đại hội đại biểu toàn quốc lần thứ II (2/1951)",
                                                        "Đại hội đại biểu toàn quốc lần thứ III (9/1960)",
                                                        "Đại hội đại biểu toàn quốc lần thứ VII (6/1991)"]),
     [("Công cuộc Đổi mới được tiến hành toàn diện, trước hết là đổi mới tư duy.", True),
      ("Trọng tâm của công cuộc Đổi mới là đổi mới kinh tế.", True),
      ("Đường lối đổi mới được đề ra trước khi đất nước thống nhất.", False),
      ("Đại hội VI chủ trương chỉ đổi mới về chính trị, giữ nguyên cơ chế kinh tế cũ.", False)]),
]  # fmt: skip


def _su_source_template():
    sources = iter(_SU_SOURCES)

    def template(r):
        found = next(sources, None)
        if found is None:
            return None
        title, text, lesson, y, (q1_stem, key, wrong), statements = found
        q1 = _sc(r, q1_stem, key, wrong, _sol(f"Đoạn tư liệu trích từ {title}."), none_option=False)
        q2 = _tf(f"Dựa vào đoạn tư liệu trích từ {title}, xét tính đúng, sai của các nhận định sau.", _shuffled(r, statements),
                 _sol("Đối chiếu nội dung tư liệu với kiến thức lịch sử."))  # fmt: skip
        items = [
            _it(q1, "lich-su", 12, lesson, y, "biet"),
            _it(q2, "lich-su", 12, lesson, y, "van_dung"),
        ]
        if any(i is None for i in items):
            return None
        return _Group(
            title=f"Tư liệu: {title}",
            stimulus=f"<p>Cho đoạn tư liệu sau đây:</p><blockquote>{text}</blockquote>",
            items=items,
        )

    return template


def _su_plan():
    return [
        (_su_source_template(), len(_SU_SOURCES)),
        (t_su_date, 52),
        (t_su_event, 26),
        (t_su_tf, len(_SU_PARAGRAPHS)),
        (t_su_order, 10),
        (t_su_match, 8),
        (t_su_cloze, 6),
        (t_su_short, len(_SU_SHORT)),
        (t_su_mr, len(_SU_MR)),
        (t_su_essay, len(_SU_ESSAYS)),
    ]


def _TOAN_PLAN():
    return _toan12_plan() + _toan11_plan() + _toan10_plan()


def _LY_PLAN():
    return _ly10_plan() + _ly11_plan() + _ly12_plan()


def _HOA_PLAN():
    return _hoa10_plan() + _hoa11_plan() + _hoa12_plan()


def _ANH_PLAN():
    return _anh_plan()


def _SU_PLAN():
    return _su_plan()
