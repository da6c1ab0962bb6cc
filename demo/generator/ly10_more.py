"""Vật lí 10: momentum, circular motion, elasticity and pressure, groups, the other types and the plan."""

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
    _sn,
    _tf,
)
from demo.generator.core import _Group
from demo.generator.ly10_kinematics import (
    _LY10_FACTS,
    t_ly10_bien_doi_deu,
    t_ly10_bien_doi_deu_tf,
    t_ly10_cong,
    t_ly10_hieu_suat,
    t_ly10_moment,
    t_ly10_nang_luong,
    t_ly10_nem_ngang,
    t_ly10_newton,
    t_ly10_roi_tu_do,
    t_ly10_toc_do,
)
from demo.generator.science import _facts_template, _u
from demo.generator.text import _m, _mix, _p, _poly, _sol, _tn, _vn


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
