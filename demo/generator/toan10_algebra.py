"""Toán 10: parabolas, quadratic inequalities, counting, probability, vectors, triangles."""

from __future__ import annotations

import math
from fractions import Fraction

from demo.generator.builders import _co, _it, _mx, _sc, _sgn, _sn, _tf
from demo.generator.text import _fx, _m, _mix, _p, _peval, _poly, _sol, _t, _tn, _vn
from demo.generator.toan12_space import _dot, _pt, _vec


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
    return _toan10_vecto_other_kinds(r, kind, a, b)


def _toan10_vecto_other_kinds(r, kind, a, b):
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
