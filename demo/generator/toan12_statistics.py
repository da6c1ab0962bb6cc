"""Toán 12: grouped data, conditional probability, Bayes, the other types and the plan."""

from __future__ import annotations

import math
from fractions import Fraction

from demo.generator.builders import _bn, _cloze, _co, _essay, _it, _match, _mr, _mx, _sc, _sn, _tf
from demo.generator.core import _Group
from demo.generator.data import tables
from demo.generator.text import _fx, _m, _mix, _pder, _peval, _poly, _round, _sol, _t, _tn, _vn
from demo.generator.toan12_calculus import (
    _antider,
    _cubic,
    _cubic_solution,
    _extrema,
    _integral_tex,
    t_toan12_cuc_tri_sc,
    t_toan12_cuc_tri_sn,
    t_toan12_cuc_tri_tf,
    t_toan12_dien_tich,
    t_toan12_gtln,
    t_toan12_nguyen_ham,
    t_toan12_nguyen_ham_co_ban,
    t_toan12_tich_phan,
    t_toan12_tiem_can,
    t_toan12_tinh_chat_tp,
    t_toan12_toi_uu,
)
from demo.generator.toan12_space import (
    _OXYZ,
    _dot,
    _vec,
    t_toan12_duong_thang,
    t_toan12_goc,
    t_toan12_mat_cau,
    t_toan12_mat_phang,
    t_toan12_vecto,
    t_toan12_vecto_tf,
)

_STAT_THEMES = tables("toan-12")["stat_themes"]


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
