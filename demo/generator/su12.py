"""Lịch sử 12: dates, events, sources, paragraphs, essays and the plan."""

from __future__ import annotations

import re

from demo.generator.builders import (
    _bn,
    _cloze,
    _essay,
    _it,
    _match,
    _mr,
    _order,
    _sc,
    _shuffled,
    _st,
    _tf,
)
from demo.generator.core import _Group
from demo.generator.data import tables
from demo.generator.text import _sol

# (event as a clause, date as written, (year, month, day) for ordering, lesson, outcome)
_SU_FACTS = tables("lich-su-12")["su_facts"]


_THEMES = tables("lich-su-12")["themes"]


_THEME_LESSON = tables("lich-su-12")["theme_lesson"]


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


_SU_SHORT = tables("lich-su-12")["su_short"]


def t_su_short(r):
    stem, answers, lesson, y = r.choice(_SU_SHORT)
    return _it(_st(stem, answers, _sol(f"Đáp án: {answers[0]}.")), "lich-su", 12, lesson, y, "biet")


_SU_MR = tables("lich-su-12")["su_mr"]


def t_su_mr(r):
    stem, right, wrong, lesson, y = r.choice(_SU_MR)
    n_right = min(len(right), r.choice([2, 3]))
    options = [(t, True) for t in r.sample(right, n_right)] + [
        (t, False) for t in r.sample(wrong, 5 - n_right)
    ]
    sol = _sol("Đáp án đúng: " + "; ".join(t for t, ok in options if ok) + ".")
    return _it(_mr(r, stem, options, sol), "lich-su", 12, lesson, y, "hieu")


_SU_ESSAYS = tables("lich-su-12")["su_essays"]


def t_su_essay(r):
    stem, lesson, y, guide = r.choice(_SU_ESSAYS)
    return _it(_essay(stem, guide), "lich-su", 12, lesson, y, "van_dung")


# (information paragraph, [(statement, truth)], lesson, outcome)
_SU_PARAGRAPHS = tables("lich-su-12")["su_paragraphs"]


def t_su_tf(r):
    paragraph, statements, lesson, y = r.choice(_SU_PARAGRAPHS)
    true_s = [s for s in statements if s[1]]
    false_s = [s for s in statements if not s[1]]
    n_true = r.choice([1, 2, 2, 3])
    chosen = r.sample(true_s, n_true) + r.sample(false_s, 4 - n_true)
    stem = f"Cho thông tin sau đây: “{paragraph}” Xét tính đúng, sai của các nhận định sau."
    return _it(_tf(stem, _shuffled(r, chosen), _sol("Đối chiếu từng nhận định với thông tin đã cho và kiến thức lịch sử.")),
               "lich-su", 12, lesson, y, r.choice(["hieu", "van_dung"]))  # fmt: skip


_SU_SOURCES = tables("lich-su-12")["su_sources"]


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
