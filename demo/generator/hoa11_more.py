"""Hoá học 11: formulas, calculations, groups, the other types and the plan."""

from __future__ import annotations

import math
import re
from fractions import Fraction

from demo.generator.builders import _essay, _it, _match, _mr, _mx, _order, _sc, _shuffled, _sn
from demo.generator.chemistry import _MASS, _MOLAR_VOLUME, _atoms, _chem, _molar
from demo.generator.core import _Group
from demo.generator.data import tables
from demo.generator.hoa10 import _reaction_template
from demo.generator.hoa11_equilibrium import (
    _HOA11_FACTS,
    _ORGANIC_NAMES,
    _CxHyOz,
    t_hoa11_can_bang_tf,
    t_hoa11_chuan_do,
    t_hoa11_kc,
    t_hoa11_ph,
    t_hoa11_phan_loai,
    t_hoa11_ten_goi,
)
from demo.generator.science import _facts_template
from demo.generator.text import _sol, _tn, _vn


def _bump(formula: str, element: str, delta: int) -> str:
    """The formula with one element's count changed (CxHyOz only)."""
    atoms = _atoms(formula)
    atoms[element] = atoms.get(element, 0) + delta
    return "".join(
        el + ("" if atoms[el] == 1 else str(atoms[el])) for el in ("C", "H", "O") if atoms.get(el)
    )


def t_hoa11_cong_thuc(r):
    formula, twin = r.choice(_CxHyOz)
    atoms = _atoms(formula)
    M = _molar(formula)
    pc = Fraction(12 * atoms["C"] * 100) / M
    ph = Fraction(atoms["H"] * 100) / M
    stem = (
        f"Kết quả phân tích nguyên tố hợp chất hữu cơ X cho thấy: %C = {_vn(pc, 2)}%, %H = {_vn(ph, 2)}%, còn lại là oxygen. "
        f"Trên phổ khối lượng của X, peak ion phân tử [M<sup>+</sup>] có giá trị m/z = {_vn(M)}. "
    )
    sol = _sol(
        _mx(
            r"x : y : z = \dfrac{<c>}{12} : \dfrac{<h>}{1} : \dfrac{<o>}{16}",
            c=_tn(pc, 2),
            h=_tn(ph, 2),
            o=_tn(100 - pc - ph, 2),
        )
        + f" → công thức đơn giản nhất; kết hợp M = {_vn(M)} được công thức phân tử {_chem(formula)}."
    )
    if r.random() < 0.6:
        stem += "Công thức phân tử của X là"
        wrong = [
            _chem(twin),
            _chem(_bump(formula, "O", 1)),
            _chem(_bump(formula, "H", 2)),
            _chem(_bump(formula, "C", 1)),
        ]
        q_ = _sc(r, stem, _chem(formula), wrong, sol)
        return _it(q_, "hoa-hoc", 11, "Bài 12", 3, "van_dung")
    stem += "Số nguyên tử hydrogen trong một phân tử X là bao nhiêu?"
    return _it(_sn(stem, atoms["H"], sol), "hoa-hoc", 11, "Bài 12", 3, "van_dung")


def t_hoa11_tinh_toan(r):
    kind = r.choice(["chay", "chay", "na", "ester", "nh3"])
    if kind == "chay":
        n = r.randint(1, 6)
        name = ["methane", "ethane", "propane", "butane", "pentane", "hexane"][n - 1]
        formula = f"C{n if n > 1 else ''}H{2 * n + 2}"
        m = Fraction(_molar(formula)) * Fraction(r.choice([1, 2, 3, 5]), 10)
        mol = m / _molar(formula)
        V = mol * n * _MOLAR_VOLUME
        stem = f"Đốt cháy hoàn toàn {_vn(m)} gam {name} ({_chem(formula)}) trong oxygen dư. Tính thể tích khí CO<sub>2</sub> sinh ra ở điều kiện chuẩn (24,79 L/mol; đơn vị: lít, làm tròn kết quả đến hàng phần trăm)."
        sol = _sol(
            _mx(
                r"n = \dfrac{<m>}{<M>} = <n>\ \text{mol};\ n_{CO_2} = <k>n = <c>\ \text{mol};\ V = <c>\cdot 24{,}79 \approx <V>\ \text{L}",
                m=_tn(m),
                M=_tn(_molar(formula)),
                n=_tn(mol),
                k=n,
                c=_tn(mol * n),
                V=_tn(V, 2),
            )
            + "."
        )
        return _it(_sn(stem, V, sol, 2), "hoa-hoc", 11, "Bài 15", 2, "hieu")
    if kind == "na":
        m = Fraction(46, 10) * r.choice([1, 2, 3, 5])
        mol = m / 46
        V = mol / 2 * _MOLAR_VOLUME
        stem = f"Cho {_vn(m)} gam ethanol khan tác dụng với lượng dư kim loại sodium. Tính thể tích khí H<sub>2</sub> thu được ở điều kiện chuẩn (24,79 L/mol; đơn vị: lít, làm tròn kết quả đến hàng phần trăm)."
        sol = _sol(
            "2C<sub>2</sub>H<sub>5</sub>OH + 2Na → 2C<sub>2</sub>H<sub>5</sub>ONa + H<sub>2</sub>; "
            + _mx(
                r"n_{H_2} = \dfrac{1}{2}\cdot\dfrac{<m>}{46} = <h>\ \text{mol};\ V \approx <V>\ \text{L}",
                m=_tn(m),
                h=_tn(mol / 2),
                V=_tn(V, 2),
            )
            + "."
        )
        return _it(_sn(stem, V, sol, 2), "hoa-hoc", 11, "Bài 20", 2, "hieu")
    if kind == "ester":
        a = Fraction(r.choice([6, 12, 18, 30]))
        H = r.choice([50, 60, 62.5, 75, 80])
        mol = a / 60
        m_ester = mol * 88 * Fraction(str(H)) / 100
        stem = f"Đun nóng {_vn(a)} gam acetic acid với lượng dư ethanol (xúc tác H<sub>2</sub>SO<sub>4</sub> đặc). Hiệu suất phản ứng ester hoá là {_vn(H)}%. Tính khối lượng ethyl acetate thu được (đơn vị: gam, làm tròn kết quả đến hàng phần mười)."
        sol = _sol("CH<sub>3</sub>COOH + C<sub>2</sub>H<sub>5</sub>OH ⇌ CH<sub>3</sub>COOC<sub>2</sub>H<sub>5</sub> + H<sub>2</sub>O; "
                   + _mx(r"m = \dfrac{<a>}{60}\cdot 88\cdot <h> \approx <m>\ \text{g}", a=_tn(a), h=_tn(Fraction(str(H)) / 100), m=_tn(m_ester, 2)) + ".")  # fmt: skip
        return _it(_sn(stem, m_ester, sol, 1), "hoa-hoc", 11, "Bài 24", 2, "van_dung")
    mol_n2 = Fraction(r.choice([1, 2, 5, 10]), 10)
    H = r.choice([20, 25, 30, 40, 50])
    nh3 = 2 * mol_n2 * H / 100
    V = nh3 * _MOLAR_VOLUME
    stem = f"Cho {_vn(mol_n2)} mol N<sub>2</sub> phản ứng với lượng dư H<sub>2</sub> (xúc tác Fe, nhiệt độ và áp suất cao), hiệu suất phản ứng là {H}%. Tính thể tích NH<sub>3</sub> thu được ở điều kiện chuẩn (24,79 L/mol; đơn vị: lít, làm tròn kết quả đến hàng phần trăm)."
    sol = _sol(
        "N<sub>2</sub> + 3H<sub>2</sub> ⇌ 2NH<sub>3</sub>; "
        + _mx(
            r"n_{NH_3} = 2\cdot <n>\cdot <h> = <a>\ \text{mol};\ V \approx <V>\ \text{L}",
            n=_tn(mol_n2),
            h=_tn(Fraction(H, 100)),
            a=_tn(nh3),
            V=_tn(V, 2),
        )
        + "."
    )
    return _it(_sn(stem, V, sol, 2), "hoa-hoc", 11, "Bài 5", 2, "van_dung")


def t_hoa11_group_chuan_do(r):
    c_naoh = r.choice([Fraction(1, 10), Fraction(1, 5)])
    v_hcl = r.choice([10, 20])
    c_hcl = Fraction(r.randint(5, 20), 100)
    mean = c_hcl * v_hcl / c_naoh
    if not 8 <= mean <= 25 or (mean * 10).denominator != 1:
        return None
    spread = Fraction(r.choice([0, 1]), 10)
    vols = _shuffled(r, [mean - spread, mean, mean + spread])
    rows = "".join(
        f"<tr><td>{i}</td><td>{v_hcl}</td><td>{_vn(v)}</td></tr>"
        for i, v in enumerate(vols, start=1)
    )
    stimulus = (
        f"<p>Để xác định nồng độ dung dịch HCl, một học sinh lấy {v_hcl} mL dung dịch HCl cho vào bình tam giác, thêm 2 giọt "
        f"phenolphthalein rồi chuẩn độ bằng dung dịch NaOH {_vn(c_naoh)} M đựng trong burette. Kết quả ba lần chuẩn độ:</p>"
        f"<table><thead><tr><th>Lần</th><th>V<sub>HCl</sub> (mL)</th><th>V<sub>NaOH</sub> (mL)</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    q1 = _sc(
        r,
        f"Trong thí nghiệm chuẩn độ dung dịch HCl bằng NaOH {_vn(c_naoh)} M ở trên, dấu hiệu cho biết đã đến điểm tương đương là",
        "dung dịch trong bình tam giác chuyển từ không màu sang màu hồng nhạt bền trong khoảng 20 giây",
        [
            "dung dịch chuyển từ màu hồng sang không màu",
            "xuất hiện kết tủa trắng",
            "có khí thoát ra",
        ],
        _sol(
            "Phenolphthalein không màu trong môi trường acid và trung tính, chuyển hồng khi môi trường kiềm nhẹ."
        ),
        none_option=False,
    )
    q2 = _sn(
        f"Từ kết quả ba lần chuẩn độ ({'; '.join(_vn(v) for v in vols)} mL NaOH {_vn(c_naoh)} M), tính nồng độ mol của dung dịch HCl (đơn vị: M, làm tròn kết quả đến hàng phần trăm).",
        c_hcl,
        _sol(
            _mx(
                r"\bar{V}_{NaOH} = <v>\ \text{mL};\ C_{HCl} = \dfrac{<c>\cdot <v>}{<h>} \approx <x>\ \text{M}",
                v=_tn(mean, 3),
                c=_tn(c_naoh),
                h=v_hcl,
                x=_tn(c_hcl, 3),
            )
        ),
        2,
    )
    ph = -math.log10(float(c_hcl))
    q3 = _sn(
        f"Tính pH của dung dịch HCl ban đầu trong thí nghiệm chuẩn độ trên, biết trung bình cần {_vn(mean)} mL dung dịch NaOH {_vn(c_naoh)} M cho {v_hcl} mL HCl (làm tròn kết quả đến hàng phần trăm).",
        ph,
        _sol(_mx(r"\text{pH} = -\lg[H^+] = -\lg <c> \approx <p>", c=_tn(c_hcl, 4), p=_tn(ph, 2))),
        2,
    )
    items = [
        _it(q1, "hoa-hoc", 11, "Bài 2", 3, "biet"),
        _it(q2, "hoa-hoc", 11, "Bài 2", 3, "hieu"),
        _it(q3, "hoa-hoc", 11, "Bài 2", 2, "van_dung"),
    ]
    if any(i is None for i in items):
        return None
    return _Group(
        title="Thí nghiệm chuẩn độ dung dịch HCl bằng dung dịch NaOH",
        stimulus=stimulus,
        items=items,
    )


def t_hoa11_ph_order(r):
    sols = []
    for _ in range(4):
        kind = r.choice(["HCl", "H2SO4", "NaOH", "Ba(OH)2", "NaCl"])
        c = Fraction(1, 10 ** r.randint(1, 3))
        if kind == "NaCl":
            ph = 7.0
        elif kind in ("HCl", "H2SO4"):
            ph = -math.log10(float(c) * (2 if kind == "H2SO4" else 1))
        else:
            ph = 14 + math.log10(float(c) * (2 if kind == "Ba(OH)2" else 1))
        sols.append((round(ph, 4), f"{_chem(kind)} {_vn(c)} M"))
    if len({p for p, _ in sols}) < 4 or len({t for _, t in sols}) < 4:
        return None
    listed = "; ".join(t for _, t in sols)
    sols.sort()
    stem = f"Sắp xếp các dung dịch sau theo thứ tự pH tăng dần: {listed}."
    sol = _sol("; ".join(f"{t}: pH ≈ {_vn(p, 2)}" for p, t in sols) + ".")
    return _it(_order(stem, [t for _, t in sols], sol), "hoa-hoc", 11, "Bài 2", 2, "van_dung")


def t_hoa11_mr(r):
    pool = [
        ("HCl", True),
        ("HNO3", True),
        ("H2SO4", True),
        ("CH3COOH", False),
        ("HF", False),
        ("H2S", False),
        ("H2CO3", False),
        ("HClO4", True),
    ]
    chosen = r.sample(pool, 5)
    if not 2 <= sum(ok for _, ok in chosen) <= 3:
        return None
    listed = ", ".join(_chem(f) for f, _ in chosen)
    stem = f"Trong các acid {listed}, những acid nào là acid mạnh (phân li hoàn toàn trong nước)?"
    sol = _sol(
        "Các acid mạnh thường gặp: HCl, HBr, HI, HNO<sub>3</sub>, H<sub>2</sub>SO<sub>4</sub>, HClO<sub>4</sub>; CH<sub>3</sub>COOH, HF, H<sub>2</sub>S, H<sub>2</sub>CO<sub>3</sub> là acid yếu."
    )
    return _it(
        _mr(r, stem, [(_chem(f), ok) for f, ok in chosen], sol), "hoa-hoc", 11, "Bài 2", 1, "hieu"
    )


def t_hoa11_match(r):
    chosen = r.sample(_ORGANIC_NAMES, 5)
    pairs = [(_chem(f), names[0]) for f, names, _ in chosen]
    stem = (
        "Ghép mỗi công thức ở cột trái với tên gọi theo danh pháp thay thế ở cột phải: "
        + ", ".join(p for p, _ in pairs)
        + "."
    )
    return _it(_match(r, stem, pairs), "hoa-hoc", 11, "Bài 13", 2, "hieu")


def t_hoa11_essay(r):
    n = r.randint(2, 5)
    formula = f"C{n}H{2 * n + 2}"
    V = Fraction(r.choice([1, 2, 5]), 10) * _MOLAR_VOLUME
    mol = V / _MOLAR_VOLUME
    stem = (
        f"Đốt cháy hoàn toàn {_vn(V)} lít (đkc) một alkane X, thu được {_vn(mol * n * 44)} gam CO<sub>2</sub>. a) Xác định công thức phân tử "
        "của X. b) Viết công thức cấu tạo và gọi tên các đồng phân mạch hở của X (nếu có). c) Tính thể tích oxygen (đkc) cần dùng."
    )
    o2 = mol * Fraction(3 * n + 1, 2) * _MOLAR_VOLUME
    guide = [
        ("a) Tính " + _mx(r"n_X = <a>\ \text{mol},\ n_{CO_2} = <b>\ \text{mol}", a=_tn(mol), b=_tn(mol * n)) + f", suy ra số C = {n}, X là {_chem(formula)}", 1.0),
        ("b) Viết đúng các đồng phân cấu tạo và gọi tên theo danh pháp thay thế", 1.0),
        ("c) " + _mx(r"n_{O_2} = \dfrac{3n + 1}{2}n_X = <a>\ \text{mol};\ V_{O_2} \approx <v>\ \text{L}", a=_tn(mol * Fraction(3 * n + 1, 2)), v=_tn(o2, 2)), 1.0),
    ]  # fmt: skip
    return _it(_essay(stem, guide), "hoa-hoc", 11, "Bài 18", 2, "van_dung")


_MOLAR_CASES = tables("hoa-hoc-11")["molar_cases"]


def t_hoa11_molar(r):
    formula, charge, lesson, y = r.choice(_MOLAR_CASES)
    M = _molar(formula)
    species = ("ion " if charge else "") + _chem(formula, charge)
    parts = " + ".join(
        f"{n}·{_vn(_MASS[el])}" if n > 1 else _vn(_MASS[el]) for el, n in _atoms(formula).items()
    )
    sol = _sol(
        f"M = {parts} = {_vn(M)} g/mol"
        + (" (khối lượng electron không đáng kể)." if charge else ".")
    )
    if r.random() < 0.5:
        stem = f"Tính khối lượng mol của {species} (đơn vị: g/mol; H = 1, N = 14, O = 16, P = 31, S = 32, Ca = 40, Mg = 24, Al = 27, Fe = 56, Cu = 64, Ba = 137, C = 12)."
        return _it(_sn(stem, M, sol, 1), "hoa-hoc", 11, lesson, y, "biet")
    inner = re.sub(r"\((\w+)\)\d", r"(\1)", formula.split("·")[0])
    hydrate = _molar(formula) - _molar(formula.split("·")[0])
    wrong = [_molar(inner) + hydrate, M + 18, M + 16, M + 14]
    if _atoms(formula).get("O", 0) >= 2:
        wrong.append(M - 16)
    stem = f"Khối lượng mol của {species} là (H = 1, N = 14, O = 16, P = 31, S = 32, Ca = 40, Mg = 24, Al = 27, Fe = 56, Cu = 64, Ba = 137, C = 12)"
    q_ = _sc(r, stem, f"{_vn(M)} g/mol", [f"{_vn(w)} g/mol" for w in wrong if w > 0], sol)
    return _it(q_, "hoa-hoc", 11, lesson, y, "biet")


_GASES = tables("hoa-hoc-11")["gases"]


def t_hoa_mol_gas(r):
    formula, name, grade, lesson, y = r.choice(_GASES)
    M = _molar(formula)
    n = Fraction(r.choice([1, 2, 3, 4, 5, 15, 25]), 10)
    m = n * M
    if r.random() < 0.5:
        V = n * _MOLAR_VOLUME
        stem = (
            f"Tính thể tích của {_vn(m)} gam khí {name} ({_chem(formula)}) ở điều kiện chuẩn (25 °C, 1 bar; thể tích mol "
            "khí 24,79 L/mol; đơn vị: lít, làm tròn kết quả đến hàng phần trăm)."
        )
        sol = _sol(
            _mx(
                r"n = \dfrac{m}{M} = \dfrac{<m>}{<M>} = <n>\ \text{mol};\ V = n\cdot 24{,}79 \approx <V>\ \text{L}",
                m=_tn(m),
                M=_tn(M),
                n=_tn(n),
                V=_tn(V, 2),
            )
            + "."
        )
        return _it(_sn(stem, V, sol, 2), "hoa-hoc", grade, lesson, y, "hieu")
    V = n * _MOLAR_VOLUME
    stem = (
        f"Một bình chứa {_vn(V)} lít khí {name} ({_chem(formula)}) ở điều kiện chuẩn (25 °C, 1 bar; thể tích mol khí 24,79 "
        "L/mol). Tính khối lượng khí trong bình (đơn vị: gam, làm tròn kết quả đến hàng phần mười)."
    )
    sol = _sol(
        _mx(
            r"n = \dfrac{V}{24{,}79} = <n>\ \text{mol};\ m = n\cdot M = <n>\cdot <M> = <m>\ \text{g}",
            n=_tn(n),
            M=_tn(M),
            m=_tn(m),
        )
        + "."
    )
    return _it(_sn(stem, m, sol, 1), "hoa-hoc", grade, lesson, y, "hieu")


def t_hoa11_nong_do(r):
    solute = r.choice([("NaOH", "sodium hydroxide"), ("KOH", "potassium hydroxide"), ("NaCl", "sodium chloride"),
                       ("HCl", "hydrogen chloride"), ("H2SO4", "sulfuric acid")])  # fmt: skip
    formula, name = solute
    M = _molar(formula)
    n = Fraction(r.choice([1, 2, 4, 5, 10, 25]), 100)
    V = r.choice([100, 200, 250, 500])
    c = n / Fraction(V, 1000)
    m = n * M
    stem = (
        f"Hoà tan hoàn toàn {_vn(m)} gam {name} ({_chem(formula)}) vào nước được {V} mL dung dịch. Tính nồng độ mol của "
        "dung dịch thu được (đơn vị: M, làm tròn kết quả đến hàng phần trăm)."
    )
    sol = _sol(
        _mx(
            r"n = \dfrac{<m>}{<M>} = <n>\ \text{mol};\ C_M = \dfrac{n}{V} = \dfrac{<n>}{<V>} = <c>\ \text{M}",
            m=_tn(m),
            M=_tn(M),
            n=_tn(n),
            V=_tn(Fraction(V, 1000)),
            c=_tn(c, 3),
        )
        + "."
    )
    return _it(_sn(stem, c, sol, 2), "hoa-hoc", 11, "Bài 2", 3, "hieu")


def _hoa11_plan():
    return [
        (_facts_template(_HOA11_FACTS, "hoa-hoc", 11), 12),
        (t_hoa11_ph, 14),
        (t_hoa11_chuan_do, 6),
        (t_hoa11_can_bang_tf, 7),
        (t_hoa11_kc, 8),
        (_reaction_template(11), 8),
        (t_hoa11_ten_goi, 14),
        (t_hoa11_phan_loai, 10),
        (t_hoa11_cong_thuc, 10),
        (t_hoa11_tinh_toan, 14),
        (t_hoa11_molar, 12),
        (t_hoa_mol_gas, 12),
        (t_hoa11_nong_do, 6),
        (t_hoa11_group_chuan_do, 2),
        (t_hoa11_ph_order, 5),
        (t_hoa11_mr, 4),
        (t_hoa11_match, 4),
        (t_hoa11_essay, 3),
    ]
