"""Hoá học 10: atoms, oxidation numbers, reactions, enthalpy, rates, bonds and the plan."""

from __future__ import annotations

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
    _shuffled,
    _sn,
    _st,
    _tf,
)
from demo.generator.chemistry import (
    _ELEMENTS,
    _MASS,
    _MOLAR_VOLUME,
    _REACTIONS,
    _ROMAN,
    _SYMBOLS,
    _atoms,
    _chem,
    _config_html,
    _configuration,
    _eq_html,
    _equation,
    _position,
)
from demo.generator.core import _Group
from demo.generator.data import tables
from demo.generator.science import _facts_template, _sci
from demo.generator.text import _m, _mix, _sol, _tn, _vn


def t_hoa10_hat(r):
    ions = [("Na", 11, 23, 1), ("Mg", 12, 24, 2), ("Al", 13, 27, 3), ("Cl", 17, 35, -1), ("O", 8, 16, -2),
            ("S", 16, 32, -2), ("F", 9, 19, -1), ("K", 19, 39, 1), ("Ca", 20, 40, 2), ("N", 7, 14, -3)]  # fmt: skip
    sym, Z, A, charge = r.choice(ions)
    as_ion = r.random() < 0.5
    N = A - Z
    e = Z - charge if as_ion else Z
    particle = _chem(sym, charge) if as_ion else "nguyên tử " + sym
    nucl = _m("^{" + str(A) + "}_{" + str(Z) + r"}\mathrm{" + sym + "}")
    stem = f"Cho kí hiệu nguyên tử {nucl}. Tổng số hạt proton, neutron và electron trong {particle} là bao nhiêu?"
    total = Z + N + e
    sol = _sol(
        f"Số proton = {Z}, số neutron = {A} − {Z} = {N}, số electron của {particle} = {e}; tổng = {total}."
    )
    if r.random() < 0.5:
        return _it(_sn(stem, total, sol), "hoa-hoc", 10, "Bài 2", 1, "hieu")
    stem = f"Cho kí hiệu nguyên tử {nucl}. Số electron trong {particle} là"
    wrong = [Z + charge, A, N, Z] if as_ion else [A, N, Z + 1, A + Z]
    q_ = _sc(r, stem, str(e), [str(w) for w in wrong], sol)
    return _it(q_, "hoa-hoc", 10, "Bài 1", 2, "biet")


_ISOTOPES = tables("hoa-hoc-10")["isotopes"]


def t_hoa10_ntk(r):
    sym, a1, a2, pct, name = r.choice(_ISOTOPES)
    x = round(pct + r.choice([-1.5, -1, -0.5, 0, 0.5, 1, 1.5]), 2)
    avg = (a1 * x + a2 * (100 - x)) / 100
    stem = (
        f"Nguyên tố {name} có hai đồng vị bền là "
        + _m("^{" + str(a1) + r"}\mathrm{" + sym + "}")
        + " (chiếm "
        f"{_vn(x)}% số nguyên tử) và "
        + _m("^{" + str(a2) + r"}\mathrm{" + sym + "}")
        + ". Tính nguyên tử khối trung bình "
        f"của {name} (làm tròn kết quả đến hàng phần mười)."
    )
    sol = _sol(
        _mx(
            r"\bar{A} = \dfrac{<a1>\cdot <x> + <a2>\cdot <y>}{100} \approx <v>",
            a1=a1,
            a2=a2,
            x=_tn(x),
            y=_tn(round(100 - x, 2)),
            v=_tn(avg, 3),
        )
        + "."
    )
    return _it(_sn(stem, avg, sol, 1), "hoa-hoc", 10, "Bài 2", 3, "hieu")


def t_hoa10_cau_hinh(r):
    z = r.randint(3, 20)
    name, sym = _ELEMENTS[z - 1], _SYMBOLS[z - 1]
    config = _configuration(z)
    period, group, outer = _position(z)
    kind = r.choice(["config", "outer", "position", "name"])
    sol = _sol(f"Cấu hình electron của {sym} (Z = {z}): {_config_html(config)}.",
               f"Nguyên tố thuộc chu kì {period} (có {period} lớp electron), nhóm {group} ({outer} electron lớp ngoài cùng).")  # fmt: skip
    if kind == "config":
        stem = f"Cấu hình electron của nguyên tử {name} (Z = {z}) là"
        wrong = []
        if z > 18:
            wrong.append(_config_html([*_configuration(18), ("3d", z - 18)]))
        if z >= 5:
            c2 = list(config)
            c2[-1] = (c2[-1][0], c2[-1][1] - 1)
            wrong.append(
                _config_html([c for c in c2 if c[1]] + [("4s" if c2[-1][0] != "4s" else "4p", 1)])
            )
        wrong.append(_config_html(_configuration(z - 1)))
        wrong.append(_config_html(_configuration(z + 1)))
        wrong.append(_config_html(_configuration(z + 2)))
        q_ = _sc(r, stem, _config_html(config), wrong, sol)
        return _it(q_, "hoa-hoc", 10, "Bài 3", 3, "biet")
    if kind == "outer":
        stem = f"Nguyên tử {name} (Z = {z}) có bao nhiêu electron ở lớp ngoài cùng?"
        return _it(_sn(stem, outer, sol), "hoa-hoc", 10, "Bài 3", 3, "hieu")
    if kind == "position":
        stem = f"Vị trí của nguyên tố {name} (Z = {z}) trong bảng tuần hoàn là"
        key = f"chu kì {period}, nhóm {group}"
        other_groups = [g for g in _ROMAN[1:] if g != group]
        wrong = [f"chu kì {period + 1}, nhóm {group}", f"chu kì {period}, nhóm {r.choice(other_groups)}",
                 f"chu kì {outer}, nhóm {_ROMAN[min(period, 8)]}", f"chu kì {period - 1}, nhóm {group}"]  # fmt: skip
        q_ = _sc(r, stem, key, wrong, sol)
        return _it(q_, "hoa-hoc", 10, "Bài 5", 2, "hieu")
    stem = f"Nguyên tố có số hiệu nguyên tử Z = {z} có tên gọi (theo IUPAC) là gì?"
    old_names = {"sodium": ["natri"], "potassium": ["kali"], "aluminium": ["nhôm", "aluminum"],
                 "sulfur": ["lưu huỳnh"], "oxygen": ["oxi"], "nitrogen": ["nitơ"], "chlorine": ["clo"],
                 "calcium": ["canxi"], "magnesium": ["magie"], "phosphorus": ["photpho"],
                 "fluorine": ["flo"], "carbon": ["cacbon"]}  # fmt: skip
    answers = [name, *old_names.get(name, [])]
    return _it(_st(stem, answers, sol), "hoa-hoc", 10, "Bài 2", 1, "biet")


_KNOWN_OX = tables("hoa-hoc-10")["known_ox"]


_OX_CASES = tables("hoa-hoc-10")["ox_cases"]


def _oxidation(formula: str, charge: int, target: str) -> Fraction:
    atoms = _atoms(formula)
    rest = sum(_KNOWN_OX[el] * n for el, n in atoms.items() if el != target)
    return Fraction(charge - rest, atoms[target])


def _ox_text(value) -> str:
    value = Fraction(value)
    return ("+" if value > 0 else "") + _vn(value)


def t_hoa10_so_oxh(r):
    formula, charge, target = r.choice(_OX_CASES)
    value = _oxidation(formula, charge, target)
    species = ("ion " if charge else "hợp chất ") + _chem(formula, charge)
    sol = _sol(
        "Trong hợp chất, H có số oxi hoá +1, O có số oxi hoá −2, kim loại nhóm IA là +1, nhóm IIA là +2, Al là +3; "
        f"tổng số oxi hoá bằng điện tích của phân tử/ion ({charge}). Suy ra số oxi hoá của {target} là {_ox_text(value)}."
    )
    if r.random() < 0.5:
        stem = f"Số oxi hoá của {target} trong {species} là"
        wrong = [
            _ox_text(-value),
            _ox_text(value - 2),
            _ox_text(value + 2),
            _ox_text(value + 1),
            "0",
        ]
        q_ = _sc(r, stem, _ox_text(value), wrong, sol)
        return _it(q_, "hoa-hoc", 10, "Bài 15", 1, "biet")
    stem = f"Xác định số oxi hoá của nguyên tử {target} trong {species} (ghi số có dấu, ví dụ −3 ghi là -3, +5 ghi là 5)."
    return _it(_sn(stem, value, sol), "hoa-hoc", 10, "Bài 15", 1, "hieu")


def _scheme(text: str) -> str:
    """The unbalanced scheme of an equation (all coefficients dropped)."""
    return " -> ".join(" + ".join(f for _, f in side) for side in _equation(text))


def _reaction_template(lesson_grade: int):
    pool = [x for x in _REACTIONS if x[2] == lesson_grade]

    def template(r):
        text, subject, grade, lesson, y, cond = r.choice(pool)
        left, right = _equation(text)
        coefs = [c for c, _ in left + right]
        shown = _eq_html(text, cond=cond)
        sol = _sol("Phương trình đã cân bằng: " + shown + ".")
        kind = r.random()
        if kind < 0.45:
            stem = (
                "Cân bằng phương trình hoá học sau (điền hệ số tối giản, hệ số 1 cũng phải điền): "
                + _eq_html(text, blanks=True, cond=cond)
            )
            return _it(
                _cloze(stem, [_bn(c) for c in coefs], sol), subject, grade, lesson, y, "hieu"
            )
        if kind < 0.75:
            stem = (
                "Cho sơ đồ phản ứng: "
                + _eq_html(_scheme(text), cond=cond)
                + ". Sau khi cân bằng với các hệ số "
                "nguyên tối giản, tổng hệ số của các chất trong phương trình là bao nhiêu?"
            )
            return _it(_sn(stem, sum(coefs), sol), subject, grade, lesson, y, "van_dung")
        first = left[0][1]
        stem = (
            "Cho sơ đồ phản ứng: "
            + _eq_html(_scheme(text), cond=cond)
            + ". Sau khi cân bằng với hệ số nguyên "
            f"tối giản, hệ số của {_chem(first)} là"
        )
        wrong = [
            str(c) for c in sorted(set(coefs) | {left[0][0] + 1, left[0][0] * 2}) if c != left[0][0]
        ]
        q_ = _sc(r, stem, str(left[0][0]), wrong, sol)
        return _it(q_, subject, grade, lesson, y, "hieu")

    return template


_DH_DATA = {
    "CO2(g)": Fraction(-3935, 10), "H2O(l)": Fraction(-2858, 10), "H2O(g)": Fraction(-2418, 10),
    "CH4(g)": Fraction(-746, 10), "C2H4(g)": Fraction(524, 10), "C2H6(g)": Fraction(-840, 10),
    "CO(g)": Fraction(-1105, 10), "NH3(g)": Fraction(-459, 10), "NO(g)": Fraction(913, 10),
    "SO2(g)": Fraction(-2968, 10), "SO3(g)": Fraction(-3957, 10), "Fe2O3(s)": Fraction(-8242, 10),
    "Al2O3(s)": Fraction(-16757, 10), "CaCO3(s)": Fraction(-12069, 10), "CaO(s)": Fraction(-6351, 10),
    "C2H5OH(l)": Fraction(-2776, 10), "O2(g)": Fraction(0), "H2(g)": Fraction(0), "Al(s)": Fraction(0),
    "Fe(s)": Fraction(0),
}  # fmt: skip


_DH_REACTIONS = tables("hoa-hoc-10")["dh_reactions"]


def _species_html(s: str) -> str:
    formula, state = s.split("(")
    return _chem(formula) + "(" + state


def t_hoa10_enthalpy(r):
    text = r.choice(_DH_REACTIONS)
    left, right = _equation(text)
    dH = sum(c * _DH_DATA[f] for c, f in right) - sum(c * _DH_DATA[f] for c, f in left)
    eq = (
        " + ".join(("" if c == 1 else str(c)) + _species_html(f) for c, f in left)
        + " → "
        + " + ".join(("" if c == 1 else str(c)) + _species_html(f) for c, f in right)
    )
    species = [f for _, f in left + right if _DH_DATA[f] != 0]
    data = "; ".join(_species_html(f) + ": " + _vn(_DH_DATA[f]) for f in dict.fromkeys(species))
    stem = (
        f"Cho phản ứng: {eq}. Biết enthalpy tạo thành chuẩn "
        + _m(r"\Delta_fH^\circ_{298}")
        + f" (kJ/mol) của các chất: {data}. "
        "Biến thiên enthalpy chuẩn của phản ứng là"
    )
    no_coef = sum(_DH_DATA[f] for _, f in right) - sum(_DH_DATA[f] for _, f in left)
    wrong = [-dH, no_coef, -no_coef, dH + 2 * _DH_DATA[right[0][1]]]
    sol = _sol(
        _m(
            r"\Delta_rH^\circ_{298} = \sum \Delta_fH^\circ_{298}(\text{sp}) - \sum \Delta_fH^\circ_{298}(\text{cđ})"
        )
        + f" = {_vn(dH)} kJ. Phản ứng "
        + ("toả nhiệt" if dH < 0 else "thu nhiệt")
        + "."
    )
    q_ = _sc(r, stem, _vn(dH) + " kJ", [_vn(w) + " kJ" for w in wrong], sol)
    return _it(q_, "hoa-hoc", 10, "Bài 17", 3, "van_dung")


def t_hoa10_toc_do(r):
    if r.random() < 0.5:
        gamma = r.choice([2, 3, 4])
        t1 = r.choice([20, 25, 30, 40])
        dT = r.choice([10, 20, 30])
        k = gamma ** (dT // 10)
        stem = f"Hệ số nhiệt độ Van't Hoff của một phản ứng là γ = {gamma}. Khi tăng nhiệt độ từ {t1} °C lên {t1 + dT} °C thì tốc độ phản ứng tăng lên bao nhiêu lần?"
        sol = _sol(
            _mx(
                r"\dfrac{v_2}{v_1} = \gamma^{\frac{T_2 - T_1}{10}} = <g>^{<e>} = <k>",
                g=gamma,
                e=dT // 10,
                k=k,
            )
            + "."
        )
        return _it(_sn(stem, k, sol), "hoa-hoc", 10, "Bài 19", 2, "hieu")
    c0 = r.choice([Fraction(1, 10), Fraction(2, 10), Fraction(5, 10), Fraction(1), Fraction(8, 10)])
    frac = r.choice([Fraction(1, 4), Fraction(1, 2), Fraction(3, 4), Fraction(2, 5)])
    t = r.choice([10, 20, 25, 40, 50, 100])
    c1 = c0 * (1 - frac)
    v = (c0 - c1) / t
    substance = r.choice(
        [
            ("Br2", "Br<sub>2</sub> + HCOOH → 2HBr + CO<sub>2</sub>"),
            ("N2O5", "2N<sub>2</sub>O<sub>5</sub> → 4NO<sub>2</sub> + O<sub>2</sub>"),
            ("H2O2", "2H<sub>2</sub>O<sub>2</sub> → 2H<sub>2</sub>O + O<sub>2</sub>"),
        ]
    )
    coef = 2 if substance[0] != "Br2" else 1
    rate = v / coef
    stem = (
        f"Cho phản ứng: {substance[1]}. Nồng độ ban đầu của {_chem(substance[0])} là {_vn(c0)} M, sau {t} giây còn lại "
        f"{_vn(c1)} M. Tốc độ trung bình của phản ứng trong khoảng thời gian đó là"
    )
    sol = _sol(
        _mx(
            r"\bar{v} = -\dfrac{1}{<a>}\cdot\dfrac{\Delta C}{\Delta t} = \dfrac{<c0> - <c1>}{<a>\cdot <t>} = <v>\ \text{M/s}",
            a=coef,
            c0=_tn(c0),
            c1=_tn(c1),
            t=t,
            v=_sci(float(rate)),
        )
        + "."
    )
    key = _m(_sci(float(rate)) + r"\ \text{M/s}")
    wrong = [_m(_sci(float(rate * 2 if coef == 1 else v)) + r"\ \text{M/s}"), _m(_sci(float(c1 / t)) + r"\ \text{M/s}"),
             _m(_sci(float(rate * 10)) + r"\ \text{M/s}"), _m(_sci(float(c0 / t)) + r"\ \text{M/s}")]  # fmt: skip
    return _it(_sc(r, stem, key, wrong, sol), "hoa-hoc", 10, "Bài 19", 1, "hieu")


_METAL_ACID = tables("hoa-hoc-10")["metal_acid"]


def t_hoa10_halogen_tinh(r):
    metal, valence, _salt = r.choice(_METAL_ACID)
    M = _MASS[metal]
    m = Fraction(r.choice([1, 2, 3, 4, 5, 6, 8, 10, 12, 13])) * (
        Fraction(M, 10) if metal != "Al" else Fraction(27, 10)
    )
    n_metal = m / M
    n_h2 = n_metal * valence / 2
    V = n_h2 * _MOLAR_VOLUME
    eq = {
        "Zn": "Zn + 2HCl -> ZnCl2 + H2",
        "Mg": "Mg + 2HCl -> MgCl2 + H2",
        "Fe": "Fe + 2HCl -> FeCl2 + H2",
        "Al": "2Al + 6HCl -> 2AlCl3 + 3H2",
    }[metal]
    stem = (
        f"Cho {_vn(m)} gam {metal} tác dụng hết với dung dịch HCl dư. Tính thể tích khí H<sub>2</sub> thu được ở điều kiện "
        "chuẩn (25 °C, 1 bar), biết thể tích mol khí ở điều kiện này là 24,79 L/mol (đơn vị: lít, làm tròn kết quả đến hàng phần trăm)."
    )
    sol = _sol(
        _eq_html(eq) + ".",
        _mx(r"n_{<M>} = \dfrac{<m>}{<A>} = <n>\ \text{mol} \Rightarrow n_{H_2} = <h>\ \text{mol};\ V = <h>\cdot 24{,}79 \approx <V>\ \text{L}", M=metal, m=_tn(m), A=M, n=_tn(n_metal, 4), h=_tn(n_h2, 4), V=_tn(V, 2)) + ".",
    )  # fmt: skip
    return _it(_sn(stem, V, sol, 2), "hoa-hoc", 10, "Bài 22", 3, "van_dung")


_HOA10_FACTS = tables("hoa-hoc-10")["hoa10_facts"]


_EN = tables("hoa-hoc-10")["en"]


_BONDS = tables("hoa-hoc-10")["bonds"]


def _bond_type(a, b) -> str:
    d = abs(_EN[a] - _EN[b])
    if d < 0.4:
        return "liên kết cộng hoá trị không phân cực"
    if d < 1.7:
        return "liên kết cộng hoá trị phân cực"
    return "liên kết ion"


def t_hoa10_lien_ket(r):
    formula, a, b = r.choice(_BONDS)
    key = _bond_type(a, b)
    d = abs(_EN[a] - _EN[b])
    stem = (
        f"Dựa vào hiệu độ âm điện (độ âm điện của {a} là {_vn(_EN[a])}, của {b} là {_vn(_EN[b])}), liên kết giữa các "
        f"nguyên tử trong phân tử {_chem(formula)} thuộc loại"
    )
    if a == b:
        stem = f"Liên kết giữa các nguyên tử trong phân tử {_chem(formula)} thuộc loại"
    wrong = [
        "liên kết cộng hoá trị không phân cực",
        "liên kết cộng hoá trị phân cực",
        "liên kết ion",
        "liên kết kim loại",
    ]
    sol = _sol(f"Hiệu độ âm điện Δχ = {_vn(d, 2)}: Δχ < 0,4 là liên kết cộng hoá trị không phân cực; 0,4 ≤ Δχ < 1,7 là "
               "liên kết cộng hoá trị phân cực; Δχ ≥ 1,7 là liên kết ion.")  # fmt: skip
    q_ = _sc(r, stem, key, wrong, sol, none_option=False)
    return _it(q_, "hoa-hoc", 10, "Bài 12", 2, "hieu")


def t_hoa10_order(r):
    series = r.choice([
        (["Na", "Mg", "Al", "Si", "P", "S", "Cl"], "bán kính nguyên tử giảm dần", "Bài 6", 1,
         "Trong một chu kì, bán kính nguyên tử giảm dần theo chiều tăng điện tích hạt nhân."),
        (["Li", "Na", "K"], "bán kính nguyên tử tăng dần", "Bài 6", 1,
         "Trong một nhóm A, bán kính nguyên tử tăng dần từ trên xuống."),
        (["Na", "Mg", "Al", "Si", "P", "S", "Cl"], "độ âm điện tăng dần", "Bài 6", 2,
         "Trong một chu kì, độ âm điện tăng dần theo chiều tăng điện tích hạt nhân."),
        (["F", "Cl", "Br", "I"], "độ âm điện giảm dần", "Bài 6", 2, "Trong nhóm VIIA, độ âm điện giảm dần từ F đến I."),
        (["Na", "Mg", "Al"], "tính kim loại giảm dần", "Bài 6", 2, "Trong một chu kì, tính kim loại giảm dần."),
        (["Li", "Na", "K"], "tính kim loại tăng dần", "Bài 6", 2, "Trong nhóm IA, tính kim loại tăng dần từ trên xuống."),
    ])  # fmt: skip
    elements, criterion, lesson, y, why = series
    k = min(4, len(elements))
    idx = sorted(r.sample(range(len(elements)), k))
    chosen = [elements[i] for i in idx]
    listed = ", ".join(_shuffled(r, chosen))
    stem = f"Sắp xếp các nguyên tố {listed} theo chiều {criterion}."
    return _it(_order(stem, chosen, _sol(why)), "hoa-hoc", 10, lesson, y, "hieu")


def t_hoa10_match(r):
    zs = sorted(r.sample(range(3, 21), 4))
    pairs = [(f"{_ELEMENTS[z - 1]} (Z = {z})", _config_html(_configuration(z))) for z in zs]
    stem = (
        "Ghép mỗi nguyên tố ở cột trái với cấu hình electron tương ứng ở cột phải: "
        + ", ".join(_SYMBOLS[z - 1] for z in zs)
        + "."
    )
    return _it(_match(r, stem, pairs), "hoa-hoc", 10, "Bài 3", 3, "hieu")


def t_hoa10_mr(r):
    zs = sorted(
        r.sample([z for z in range(3, 21) if z not in (5, 10, 14, 18)], 5)
    )  # no boron, silicon
    criterion = r.choice(["kim loại", "phi kim", "chu kì 3", "nhóm IA hoặc IIA"])

    def ok(z):
        period, group, _outer = _position(z)
        if criterion == "kim loại":
            return _SYMBOLS[z - 1] in ("Li", "Be", "Na", "Mg", "Al", "K", "Ca")
        if criterion == "phi kim":
            return _SYMBOLS[z - 1] in ("B", "C", "N", "O", "F", "Si", "P", "S", "Cl", "H")
        if criterion == "chu kì 3":
            return period == 3
        return group in ("IA", "IIA")

    options = [(f"Nguyên tố có Z = {z}", ok(z)) for z in zs]
    target = {
        "chu kì 3": "nguyên tố thuộc chu kì 3",
        "nhóm IA hoặc IIA": "nguyên tố thuộc nhóm IA hoặc IIA",
    }.get(criterion, criterion)
    listed = ", ".join(str(z) for z in zs)
    stem = f"Trong các nguyên tố có số hiệu nguyên tử {listed}, những nguyên tố nào là {target}?"
    sol = _sol(
        "; ".join(f"Z = {z}: {_SYMBOLS[z - 1]}, {_config_html(_configuration(z))}" for z in zs)
        + "."
    )
    return _it(_mr(r, stem, options, sol), "hoa-hoc", 10, "Bài 5", 3, "hieu")


def t_hoa10_tf(r):
    z = r.choice([11, 12, 13, 15, 16, 17, 19, 20, 7, 8, 9])
    period, group, outer = _position(z)
    sym = _SYMBOLS[z - 1]
    metal = sym in ("Na", "Mg", "Al", "K", "Ca", "Li")
    truth = _mix(r)
    statements = [
        (
            f"Nguyên tử {sym} có {outer if truth[0] else outer + 1} electron ở lớp ngoài cùng.",
            truth[0],
        ),
        (
            f"{sym} thuộc chu kì {period if truth[1] else period + 1} trong bảng tuần hoàn.",
            truth[1],
        ),
        (f"{sym} là {'kim loại' if metal == truth[2] else 'phi kim'}.", truth[2]),
        (
            f"Cấu hình electron của nguyên tử {sym} là {_config_html(_configuration(z if truth[3] else z + 1))}.",
            truth[3],
        ),
    ]
    stem = f"Cho nguyên tố {_ELEMENTS[z - 1]} có số hiệu nguyên tử Z = {z}. Xét tính đúng, sai của các phát biểu sau."
    sol = _sol(
        f"Cấu hình electron: {_config_html(_configuration(z))}; chu kì {period}, nhóm {group}; {sym} là {'kim loại' if metal else 'phi kim'}."
    )
    return _it(_tf(stem, statements, sol), "hoa-hoc", 10, "Bài 8", 2, "hieu")


def t_hoa10_group_tn(r):
    metal, _valence, salt = r.choice(_METAL_ACID[:3])
    M = _MASS[metal]
    m = Fraction(M, 10) * r.choice([1, 2, 3, 4, 5])
    n = m / M
    V = n * _MOLAR_VOLUME
    c = r.choice([Fraction(1), Fraction(2), Fraction(1, 2)])
    v_acid = 2 * n / c * 1000
    stimulus = (
        f"<p>Thí nghiệm: Cho {_vn(m)} gam bột {metal} vào cốc chứa lượng dư dung dịch HCl {_vn(c)} M. Khí thoát ra được "
        "thu vào ống đong úp ngược trong chậu nước. Sau khi kim loại tan hết, đo thể tích khí ở điều kiện chuẩn "
        "(25 °C, 1 bar; thể tích mol khí 24,79 L/mol).</p>"
    )
    eq = _eq_html(f"{metal} + 2HCl -> {salt} + H2")
    q1 = _sc(
        r,
        f"Phương trình hoá học của phản ứng xảy ra khi cho {metal} vào dung dịch HCl trong thí nghiệm trên là",
        eq,
        [
            f"{metal} + HCl → {metal}Cl + H<sub>2</sub>",
            f"{metal} + 2HCl → {_chem(salt)} + 2H<sub>2</sub>",
            f"2{metal} + 2HCl → 2{metal}Cl + H<sub>2</sub>",
        ],
        _sol(eq + f"; {metal} có hoá trị II trong muối chloride."),
        none_option=False,
    )
    q2 = _sn(
        f"Tính thể tích khí H<sub>2</sub> thu được ở điều kiện chuẩn khi cho {_vn(m)} g {metal} tan hết (đơn vị: lít, làm tròn kết quả đến hàng phần trăm).",
        V,
        _sol(
            _mx(
                r"n_{H_2} = n_{<M>} = \dfrac{<m>}{<A>} = <n>\ \text{mol};\ V = <n>\cdot 24{,}79 \approx <V>\ \text{L}",
                M=metal,
                m=_tn(m),
                A=M,
                n=_tn(n),
                V=_tn(V, 2),
            )
        ),
        2,
    )
    q3 = _sn(
        f"Tính thể tích dung dịch HCl {_vn(c)} M tối thiểu cần dùng để hoà tan hết {_vn(m)} g {metal} (đơn vị: mL).",
        v_acid,
        _sol(
            _mx(
                r"n_{HCl} = 2n_{<M>} = <a>\ \text{mol};\ V = \dfrac{n}{C_M} = <v>\ \text{mL}",
                M=metal,
                a=_tn(2 * n),
                v=_tn(v_acid),
            )
        ),
        0,
    )
    items = [
        _it(q1, "hoa-hoc", 10, "Bài 22", 2, "biet"),
        _it(q2, "hoa-hoc", 10, "Bài 22", 3, "hieu"),
        _it(q3, "hoa-hoc", 10, "Bài 23", 2, "van_dung"),
    ]
    if any(i is None for i in items):
        return None
    return _Group(
        title=f"Thí nghiệm {metal} tác dụng với dung dịch HCl", stimulus=stimulus, items=items
    )


def t_hoa10_essay(r):
    text, _, _, _, _, cond = r.choice(
        [x for x in _REACTIONS if x[2] == 10 and x[3] == "Bài 15"][:16]
    )
    stem = (
        "Cân bằng phương trình phản ứng oxi hoá – khử sau bằng phương pháp thăng bằng electron, chỉ rõ chất khử, chất oxi hoá, "
        "quá trình oxi hoá và quá trình khử: " + _eq_html(_scheme(text), cond=cond) + "."
    )
    guide = [
        (
            "Xác định đúng số oxi hoá của các nguyên tố thay đổi số oxi hoá; chỉ rõ chất khử, chất oxi hoá",
            1.0,
        ),
        ("Viết đúng quá trình oxi hoá và quá trình khử", 0.5),
        ("Tìm đúng hệ số thăng bằng electron", 0.5),
        ("Hoàn thành phương trình: " + _eq_html(text, cond=cond), 1.0),
    ]
    return _it(_essay(stem, guide), "hoa-hoc", 10, "Bài 16", 2, "van_dung")


def _hoa10_plan():
    return [
        (_facts_template(_HOA10_FACTS, "hoa-hoc", 10), 10),
        (t_hoa10_hat, 10),
        (t_hoa10_ntk, 6),
        (t_hoa10_cau_hinh, 16),
        (t_hoa10_so_oxh, 16),
        (_reaction_template(10), 18),
        (t_hoa10_enthalpy, 6),
        (t_hoa10_toc_do, 8),
        (t_hoa10_halogen_tinh, 8),
        (t_hoa10_lien_ket, 8),
        (t_hoa10_order, 5),
        (t_hoa10_match, 4),
        (t_hoa10_mr, 4),
        (t_hoa10_tf, 6),
        (t_hoa10_group_tn, 2),
        (t_hoa10_essay, 3),
    ]
