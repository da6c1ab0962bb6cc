"""Toán 12: vectors, planes, lines, angles and spheres in Oxyz."""

from __future__ import annotations

import math
from fractions import Fraction

from demo.generator.builders import _co, _it, _mx, _sc, _sgn, _sn, _tf
from demo.generator.data import tables
from demo.generator.text import _m, _mix, _p, _poly, _sol, _t, _tn

_QUADS = tables("toan-12")["quads"]


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
    return _toan12_vecto_other_kinds(r, kind, a, b)


def _toan12_vecto_other_kinds(r, kind, a, b):
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
