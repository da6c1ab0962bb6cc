"""Toán 11: limits, probability, grouped data, volumes, the other types and the plan."""

from __future__ import annotations

import math
from fractions import Fraction

from demo.generator.builders import _bn, _cloze, _essay, _it, _match, _mr, _mx, _order, _sc, _sn
from demo.generator.core import _Group
from demo.generator.data import tables
from demo.generator.text import _fx, _lin, _m, _md, _p, _poly, _sol, _t, _tn, _vn
from demo.generator.toan11_algebra import (
    _ap_intro,
    _ap_sum,
    t_toan11_chu_ki,
    t_toan11_csc,
    t_toan11_csc_tf,
    t_toan11_csn,
    t_toan11_dao_ham,
    t_toan11_dao_ham_tich,
    t_toan11_log,
    t_toan11_luong_giac,
    t_toan11_pt_luong_giac,
)
from demo.generator.toan12_statistics import _grouped_sample


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


_INDEPENDENT = tables("toan-11")["independent"]


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
