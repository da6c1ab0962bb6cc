"""Toán 10: trigonometric values, lines and circles, statistics, sets, the other types and the plan."""

from __future__ import annotations

import math
from fractions import Fraction

from demo.generator.builders import (
    _bn,
    _cloze,
    _essay,
    _it,
    _match,
    _mr,
    _mx,
    _order,
    _sc,
    _sgn,
    _sn,
    _tf,
)
from demo.generator.data import tables
from demo.generator.text import _fx, _m, _mix, _p, _poly, _round, _sol, _tn, _vn
from demo.generator.toan10_algebra import (
    _OXY,
    _interval,
    t_toan10_bpt_bac_hai,
    t_toan10_nem_vat,
    t_toan10_nhi_thuc,
    t_toan10_parabol,
    t_toan10_tam_giac,
    t_toan10_to_hop,
    t_toan10_vecto,
    t_toan10_xac_suat,
)
from demo.generator.toan11_algebra import _trig
from demo.generator.toan12_space import _dot, _lin_xyz, _pt, _vec


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


_SAMPLES = tables("toan-10")["samples"]


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
