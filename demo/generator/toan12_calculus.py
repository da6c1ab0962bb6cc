"""Toán 12: extrema, maxima, asymptotes, antiderivatives, integrals and areas."""

from __future__ import annotations

import math
import random
from fractions import Fraction

from demo.generator.builders import _factor, _it, _mx, _sc, _sn, _tf
from demo.generator.data import tables
from demo.generator.text import _fx, _lin, _m, _md, _mix, _p, _pder, _peval, _poly, _sol, _t, _tn


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


_BASIC_PRIMITIVES = tables("toan-12")["basic_primitives"]


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
