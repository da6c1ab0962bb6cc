"""Hoá học 11: pH, titration, equilibrium, facts, organic names and classes."""

from __future__ import annotations

import math
from fractions import Fraction

from demo.generator.builders import _it, _mx, _sc, _sn, _st, _tf
from demo.generator.chemistry import _chem
from demo.generator.data import tables
from demo.generator.text import _m, _mix, _sol, _t, _tn, _vn


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


_EQUILIBRIA = tables("hoa-hoc-11")["equilibria"]


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
    return _hoa11_can_bang_tf_rest(r, reactant, options, kc, truth, dh, eq)


def _hoa11_can_bang_tf_rest(r, reactant, options, kc, truth, dh, eq):
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


_HOA11_FACTS = tables("hoa-hoc-11")["hoa11_facts"]


_ORGANIC_NAMES = tables("hoa-hoc-11")["organic_names"]


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


_CLASSES = tables("hoa-hoc-11")["classes"]


_GROUPS = tables("hoa-hoc-11")["groups"]


def t_hoa11_phan_loai(r):
    formula, cls = r.choice(_CLASSES)
    stem = f"Hợp chất {_chem(formula)} thuộc loại hợp chất nào sau đây?"
    wrong = [c for c in dict.fromkeys(c for _, c in _CLASSES) if c != cls]
    r.shuffle(wrong)
    sol = _sol(f"Phân tử có nhóm/đặc điểm cấu tạo {_GROUPS[cls]} nên thuộc loại {cls}.")
    q_ = _sc(r, stem, cls, wrong, sol, none_option=False)
    return _it(q_, "hoa-hoc", 11, "Bài 10", 2, "biet")


_CxHyOz = tables("hoa-hoc-11")["cxhyoz"]
