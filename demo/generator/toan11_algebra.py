"""Toán 11: sequences, logarithms, derivatives and trigonometry."""

from __future__ import annotations

import math
from fractions import Fraction

from demo.generator.builders import _it, _mx, _sc, _sgn, _sn, _tf
from demo.generator.text import _fx, _lin, _m, _mix, _p, _pder, _peval, _poly, _sol, _t, _tn


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
    return _toan11_csn_rest(r)


def _toan11_csn_rest(r):
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
