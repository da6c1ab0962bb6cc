"""Hoá học 12: esters, carbohydrates, amines, polymers, cells, electrolysis and the plan."""

from __future__ import annotations

from fractions import Fraction

from demo.generator.builders import (
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
from demo.generator.chemistry import _MASS, _MOLAR_VOLUME, _atoms, _chem, _molar
from demo.generator.core import _Group
from demo.generator.data import tables
from demo.generator.hoa10 import _METAL_ACID, _reaction_template
from demo.generator.science import _facts_template
from demo.generator.text import _mix, _p3, _sol, _tn, _vn

_ESTERS = tables("hoa-hoc-12")["esters"]


def t_hoa12_ester(r):
    formula, names, salt, alcohol = r.choice(_ESTERS)
    kind = r.choice(["ten", "ten", "thuy_phan"])
    if kind == "ten":
        if r.random() < 0.5:
            stem = f"Viết tên gọi của ester có công thức {_chem(formula)}."
            sol = _sol(f"Tên ester = tên gốc alcohol + tên gốc acid (đuôi -ate): {names[0]}.")
            return _it(_st(stem, names, sol), "hoa-hoc", 12, "Bài 1", 1, "biet")
        stem = f"Tên gọi của ester {_chem(formula)} là"
        others = [n[0] for f, n, _, _ in _ESTERS if f != formula]
        sol = _sol(f"Tên ester = tên gốc alcohol + tên gốc acid (đuôi -ate): {names[0]}.")
        q_ = _sc(r, stem, names[0], r.sample(others, 4), sol, none_option=False)
        return _it(q_, "hoa-hoc", 12, "Bài 1", 1, "biet")
    M = _molar(formula)
    m = M * Fraction(r.choice([1, 2, 3, 5]), 10)
    mol = m / M
    m_salt = mol * _molar(salt)
    stem = f"Thuỷ phân hoàn toàn {_vn(m)} gam {names[0]} ({_chem(formula)}) bằng dung dịch NaOH vừa đủ. Tính khối lượng muối thu được (đơn vị: gam, làm tròn kết quả đến hàng phần mười)."
    sol = _sol(f"{_chem(formula)} + NaOH → {_chem(salt)} + {_chem(alcohol)}; "
               + _mx(r"n = \dfrac{<m>}{<M>} = <n>\ \text{mol};\ m_{muối} = <n>\cdot <Ms> = <x>\ \text{g}", m=_tn(m), M=_tn(M), n=_tn(mol), Ms=_tn(_molar(salt)), x=_tn(m_salt, 2)) + ".")  # fmt: skip
    return _it(_sn(stem, m_salt, sol, 1), "hoa-hoc", 12, "Bài 1", 2, "hieu")


def t_hoa12_xa_phong(r):
    fat = r.choice([("(C17H35COO)3C3H5", "tristearin", "C17H35COONa"), ("(C15H31COO)3C3H5", "tripalmitin", "C15H31COONa"),
                    ("(C17H33COO)3C3H5", "triolein", "C17H33COONa")])  # fmt: skip
    formula, name, soap = fat
    M = _molar(formula)
    m = (
        r.choice([Fraction(k) for k in (89, 178, 445, 890)])
        if name == "tristearin"
        else M * Fraction(r.choice([1, 2, 5]), 10)
    )
    H = r.choice([80, 85, 90, 100])
    mol = m / M
    m_soap = 3 * mol * _molar(soap) * H / 100
    m_gly = mol * 92 * H / 100
    ask_soap = r.random() < 0.6
    stem = f"Xà phòng hoá {_vn(m)} gam {name} bằng dung dịch NaOH dư, hiệu suất phản ứng {H}%. "
    if ask_soap:
        stem += "Tính khối lượng xà phòng (muối sodium của acid béo) thu được (đơn vị: gam, làm tròn kết quả đến hàng phần mười)."
        value = m_soap
    else:
        stem += (
            "Tính khối lượng glycerol thu được (đơn vị: gam, làm tròn kết quả đến hàng phần mười)."
        )
        value = m_gly
    sol = _sol(f"{_chem(formula)} + 3NaOH → 3{_chem(soap)} + C<sub>3</sub>H<sub>5</sub>(OH)<sub>3</sub>; "
               + _mx(r"n_{béo} = \dfrac{<m>}{<M>} = <n>\ \text{mol}", m=_tn(m), M=_tn(M), n=_tn(mol, 4))
               + f"; khối lượng cần tìm ≈ {_vn(value, 2)} g.")  # fmt: skip
    if _p3(value, 1) is None:
        return None
    return _it(_sn(stem, value, sol, 1), "hoa-hoc", 12, "Bài 2", 2, "van_dung")


def t_hoa12_carbohydrate(r):
    kind = r.choice(["len_men", "trang_bac", "tinh_bot"])
    if kind == "len_men":
        m = Fraction(r.choice([18, 36, 45, 90, 180, 270, 360]))
        H = r.choice([60, 75, 80, 90])
        mol = m / 180 * H / 100
        m_eth = 2 * mol * 46
        stem = f"Lên men {_vn(m)} gam glucose thành ethanol với hiệu suất {H}%. Tính khối lượng ethanol thu được (đơn vị: gam, làm tròn kết quả đến hàng phần mười)."
        sol = _sol("C<sub>6</sub>H<sub>12</sub>O<sub>6</sub> → 2C<sub>2</sub>H<sub>5</sub>OH + 2CO<sub>2</sub> (enzyme); "
                   + _mx(r"m = \dfrac{<m>}{180}\cdot <h>\cdot 2\cdot 46 \approx <x>\ \text{g}", m=_tn(m), h=_tn(Fraction(H, 100)), x=_tn(m_eth, 2)) + ".")  # fmt: skip
        return _it(_sn(stem, m_eth, sol, 1), "hoa-hoc", 12, "Bài 4", 3, "van_dung")
    if kind == "trang_bac":
        m = Fraction(r.choice([9, 18, 27, 36, 45]), 10)
        m_ag = m / 180 * 2 * 108
        stem = f"Cho {_vn(m)} gam glucose phản ứng hoàn toàn với lượng dư thuốc thử Tollens (dung dịch AgNO<sub>3</sub> trong NH<sub>3</sub>), đun nóng. Tính khối lượng bạc thu được (đơn vị: gam, làm tròn kết quả đến hàng phần trăm)."
        sol = _sol(
            "Mỗi phân tử glucose tạo 2 nguyên tử Ag: "
            + _mx(
                r"m_{Ag} = \dfrac{<m>}{180}\cdot 2\cdot 108 = <x>\ \text{g}",
                m=_tn(m),
                x=_tn(m_ag, 3),
            )
            + "."
        )
        return _it(_sn(stem, m_ag, sol, 2), "hoa-hoc", 12, "Bài 4", 3, "hieu")
    m = Fraction(r.choice([81, 162, 324, 405, 810]), 10)
    H = r.choice([75, 80, 90, 100])
    m_glc = m / 162 * 180 * H / 100
    stem = f"Thuỷ phân {_vn(m)} gam tinh bột trong môi trường acid với hiệu suất {H}%. Tính khối lượng glucose thu được (đơn vị: gam, làm tròn kết quả đến hàng phần mười)."
    sol = _sol("(C<sub>6</sub>H<sub>10</sub>O<sub>5</sub>)<sub>n</sub> + nH<sub>2</sub>O → nC<sub>6</sub>H<sub>12</sub>O<sub>6</sub>; "
               + _mx(r"m = \dfrac{<m>}{162}\cdot 180\cdot <h> = <x>\ \text{g}", m=_tn(m), h=_tn(Fraction(H, 100)), x=_tn(m_glc, 2)) + ".")  # fmt: skip
    return _it(_sn(stem, m_glc, sol, 1), "hoa-hoc", 12, "Bài 6", 2, "hieu")


_AMINO = tables("hoa-hoc-12")["amino"]


def t_hoa12_amin_peptide(r):
    kind = r.choice(["peptide_M", "lien_ket", "amin_hcl"])
    if kind == "peptide_M":
        chain = [r.choice(_AMINO) for _ in range(r.randint(2, 4))]
        M = sum(a[3] for a in chain) - 18 * (len(chain) - 1)
        name = "-".join(a[1] for a in chain)
        stem = f"Tính phân tử khối của peptide {name} (Gly: M = 75; Ala: M = 89; Val: M = 117)."
        sol = _sol(f"Peptide tạo từ {len(chain)} amino acid tách ra {len(chain) - 1} phân tử nước: "
                   + _mx("M = <s> - 18\\cdot <k> = <M>", s=" + ".join(str(a[3]) for a in chain), k=len(chain) - 1, M=M) + ".")  # fmt: skip
        return _it(_sn(stem, M, sol), "hoa-hoc", 12, "Bài 9", 2, "hieu")
    if kind == "lien_ket":
        n = r.randint(3, 8)
        stem = f"Một peptide mạch hở được tạo thành từ {n} gốc α-amino acid. Số liên kết peptide trong phân tử là"
        sol = _sol(f"Peptide mạch hở có n gốc amino acid thì có n − 1 liên kết peptide: {n - 1}.")
        q_ = _sc(
            r,
            stem,
            str(n - 1),
            [str(n), str(n + 1), str(n - 2), str(2 * n)],
            sol,
            none_option=False,
        )
        return _it(q_, "hoa-hoc", 12, "Bài 9", 2, "biet")
    amine = r.choice(
        [("CH3NH2", "methylamine", 31), ("C2H5NH2", "ethylamine", 45), ("C6H5NH2", "aniline", 93)]
    )
    m = Fraction(amine[2]) * Fraction(r.choice([1, 2, 3, 5]), 10)
    m_salt = m / amine[2] * (amine[2] + Fraction(73, 2))
    stem = f"Cho {_vn(m)} gam {amine[1]} ({_chem(amine[0])}) tác dụng vừa đủ với dung dịch HCl. Tính khối lượng muối thu được (đơn vị: gam, làm tròn kết quả đến hàng phần trăm)."
    sol = _sol(
        f"{_chem(amine[0])} + HCl → muối; "
        + _mx(
            r"m_{muối} = m_{amine} + m_{HCl} = <m> + <n>\cdot 36{,}5 \approx <x>\ \text{g}",
            m=_tn(m),
            n=_tn(m / amine[2]),
            x=_tn(m_salt, 3),
        )
        + "."
    )
    return _it(_sn(stem, m_salt, sol, 2), "hoa-hoc", 12, "Bài 8", 2, "hieu")


_POLYMERS = [("ethylene (CH<sub>2</sub>=CH<sub>2</sub>)", "polyethylene (PE)", 28),
             ("vinyl chloride (CH<sub>2</sub>=CHCl)", "poly(vinyl chloride) (PVC)", Fraction(125, 2)),
             ("styrene (C<sub>6</sub>H<sub>5</sub>CH=CH<sub>2</sub>)", "polystyrene (PS)", 104),
             ("propylene (CH<sub>2</sub>=CH–CH<sub>3</sub>)", "polypropylene (PP)", 42),
             ("methyl methacrylate", "poly(methyl methacrylate) (PMMA)", 100),
             ("acrylonitrile (CH<sub>2</sub>=CH–CN)", "polyacrylonitrile (tơ nitron, olon)", 53)]  # fmt: skip


def t_hoa12_polymer(r):
    monomer, polymer, M = r.choice(_POLYMERS)
    if r.random() < 0.5:
        n = r.choice([500, 1000, 1200, 1500, 2000, 2500, 3000, 4000])
        Mp = n * Fraction(M)
        stem = f"Một mẫu {polymer} có phân tử khối trung bình là {_vn(Mp)}. Tính hệ số polymer hoá (số mắt xích trung bình) của mẫu đó."
        sol = _sol(
            _mx(
                r"n = \dfrac{M_{polymer}}{M_{monomer}} = \dfrac{<a>}{<b>} = <n>",
                a=_tn(Mp),
                b=_tn(M),
                n=n,
            )
            + "."
        )
        return _it(_sn(stem, n, sol), "hoa-hoc", 12, "Bài 12", 1, "hieu")
    stem = f"Trùng hợp {monomer} thu được polymer nào sau đây?"
    wrong = [p for _, p, _ in _POLYMERS if p != polymer]
    sol = _sol(f"Trùng hợp {monomer} tạo thành {polymer}.")
    q_ = _sc(r, stem, polymer, r.sample(wrong, 4), sol, none_option=False)
    return _it(q_, "hoa-hoc", 12, "Bài 12", 3, "biet")


_E0 = {"Mg": ("Mg<sup>2+</sup>/Mg", Fraction(-237, 100), 2, 24), "Al": ("Al<sup>3+</sup>/Al", Fraction(-166, 100), 3, 27),
       "Zn": ("Zn<sup>2+</sup>/Zn", Fraction(-76, 100), 2, 65), "Fe": ("Fe<sup>2+</sup>/Fe", Fraction(-44, 100), 2, 56),
       "Ni": ("Ni<sup>2+</sup>/Ni", Fraction(-26, 100), 2, 59), "Pb": ("Pb<sup>2+</sup>/Pb", Fraction(-13, 100), 2, 207),
       "Cu": ("Cu<sup>2+</sup>/Cu", Fraction(34, 100), 2, 64), "Ag": ("Ag<sup>+</sup>/Ag", Fraction(80, 100), 1, 108)}  # fmt: skip


def t_hoa12_pin(r):
    a, b = r.sample(list(_E0), 2)
    if _E0[a][1] > _E0[b][1]:
        a, b = b, a
    emf = _E0[b][1] - _E0[a][1]
    data = f"{_E0[a][0]}: {_vn(_E0[a][1])} V; {_E0[b][0]}: {_vn(_E0[b][1])} V"
    if r.random() < 0.6:
        stem = f"Cho thế điện cực chuẩn của các cặp oxi hoá – khử: {data}. Tính sức điện động chuẩn của pin điện hoá {a}–{b} (đơn vị: V)."
        sol = _sol(
            _mx(
                r"E^\circ_{pin} = E^\circ_{(+)} - E^\circ_{(-)} = <b> - (<a>) = <e>\ \text{V}",
                b=_tn(_E0[b][1]),
                a=_tn(_E0[a][1]),
                e=_tn(emf),
            )
            + f"; {a} là cực âm (anode), {b} là cực dương (cathode)."
        )
        return _it(_sn(stem, emf, sol, 2), "hoa-hoc", 12, "Bài 15", 2, "hieu")
    truth = _mix(r)
    statements = [
        (f"{a if truth[0] else b} đóng vai trò cực âm (anode) của pin.", truth[0]),
        (
            f"Trong quá trình pin hoạt động, khối lượng điện cực {a} "
            + ("giảm" if truth[1] else "tăng")
            + ".",
            truth[1],
        ),
        (
            f"Electron di chuyển ở mạch ngoài từ điện cực {a if truth[2] else b} sang điện cực {b if truth[2] else a}.",
            truth[2],
        ),
        (
            f"Sức điện động chuẩn của pin là {_vn(emf if truth[3] else _E0[b][1] + _E0[a][1])} V.",
            truth[3] or emf == _E0[b][1] + _E0[a][1],
        ),
    ]
    if not truth[3] and emf == _E0[b][1] + _E0[a][1]:
        return None
    stem = f"Một pin điện hoá được tạo bởi hai điện cực {a} và {b} nhúng trong dung dịch muối của chúng (nồng độ 1 M, nối bằng cầu muối). Biết {data}. Xét tính đúng, sai của các phát biểu sau."
    sol = _sol(f"Kim loại có thế điện cực chuẩn nhỏ hơn ({a}) là cực âm, bị oxi hoá nên tan dần; electron đi từ {a} sang {b} ở mạch ngoài; "
               + _mx(r"E^\circ_{pin} = <e>\ \text{V}", e=_tn(emf)) + ".")  # fmt: skip
    return _it(_tf(stem, statements, sol), "hoa-hoc", 12, "Bài 15", 2, "van_dung")


def t_hoa12_dien_phan(r):
    metal = r.choice(["Cu", "Ag", "Ni", "Zn"])
    _, _, n_e, A = _E0[metal]
    amp = r.choice([1, 2, 2.5, 3, 4, 5])
    t = r.choice([965, 1930, 3860, 1800, 3600, 2895])
    m = A * amp * t / (n_e * 96485)
    salt = {"Cu": "CuSO4", "Ag": "AgNO3", "Ni": "NiSO4", "Zn": "ZnSO4"}[metal]
    stem = f"Điện phân dung dịch {_chem(salt)} với điện cực trơ, cường độ dòng điện {_vn(amp)} A trong {t} giây (giả sử toàn bộ dòng điện dùng để khử ion kim loại ở cathode). Tính khối lượng {metal} bám vào cathode (đơn vị: gam, làm tròn kết quả đến hàng phần trăm). Lấy F = 96485 C/mol."
    sol = _sol(
        _mx(
            r"m = \dfrac{AIt}{nF} = \dfrac{<A>\cdot <I>\cdot <t>}{<n>\cdot 96485} \approx <m>\ \text{g}",
            A=A,
            I=_tn(amp),
            t=t,
            n=n_e,
            m=_tn(m, 3),
        )
        + "."
    )
    return _it(_sn(stem, m, sol, 2), "hoa-hoc", 12, "Bài 16", 1, "van_dung")


def t_hoa12_kim_loai(r):
    metal, valence, _salt = r.choice(_METAL_ACID)
    M = _MASS[metal]
    V = Fraction(r.choice([1, 2, 3, 5]), 10) * _MOLAR_VOLUME
    n_h2 = V / _MOLAR_VOLUME
    m = n_h2 * 2 / valence * M
    stem = f"Hoà tan hoàn toàn m gam {metal} trong dung dịch H<sub>2</sub>SO<sub>4</sub> loãng dư, thu được {_vn(V)} lít khí H<sub>2</sub> (đkc, 24,79 L/mol). Tính giá trị của m (làm tròn kết quả đến hàng phần mười)."
    sol = _sol(
        _mx(
            r"n_{H_2} = \dfrac{<V>}{24{,}79} = <n>\ \text{mol};\ n_{<M>} = \dfrac{2}{<v>}n_{H_2};\ m = <m>\ \text{g}",
            V=_tn(V),
            n=_tn(n_h2),
            M=metal,
            v=valence,
            m=_tn(m, 2),
        )
        + "."
    )
    return _it(_sn(stem, m, sol, 1), "hoa-hoc", 12, "Bài 19", 2, "hieu")


_HOA12_FACTS = tables("hoa-hoc-12")["hoa12_facts"]


def t_hoa12_order(r):
    series = r.choice([
        (["(C<sub>6</sub>H<sub>5</sub>)<sub>2</sub>NH", "C<sub>6</sub>H<sub>5</sub>NH<sub>2</sub>", "NH<sub>3</sub>", "CH<sub>3</sub>NH<sub>2</sub>"],
         "tính base tăng dần", "Bài 8", 2, "Gốc phenyl hút electron làm giảm tính base; gốc alkyl đẩy electron làm tăng tính base."),
        (["K", "Na", "Mg", "Al", "Zn", "Fe", "Cu", "Ag"], "tính khử giảm dần", "Bài 15", 1,
         "Theo dãy thế điện cực chuẩn: thế điện cực chuẩn càng nhỏ, tính khử của kim loại càng mạnh."),
        (["Ag<sup>+</sup>", "Cu<sup>2+</sup>", "Fe<sup>2+</sup>", "Zn<sup>2+</sup>", "Al<sup>3+</sup>", "Mg<sup>2+</sup>"],
         "tính oxi hoá giảm dần", "Bài 15", 1, "Thế điện cực chuẩn của cặp càng lớn, tính oxi hoá của ion kim loại càng mạnh."),
    ])  # fmt: skip
    items, criterion, lesson, y, why = series
    idx = sorted(r.sample(range(len(items)), 4))
    chosen = [items[i] for i in idx]
    stem = f"Sắp xếp các chất/ion sau theo chiều {criterion}: {', '.join(_shuffled(r, chosen))}."
    return _it(_order(stem, chosen, _sol(why)), "hoa-hoc", 12, lesson, y, "hieu")


def t_hoa12_match(r):
    chosen = r.sample(_POLYMERS, 4)
    pairs = [(m, p) for m, p, _ in chosen]
    stem = (
        "Ghép mỗi monomer ở cột trái với polymer tạo thành từ nó (bằng phản ứng trùng hợp) ở cột phải: "
        + "; ".join(m for m, _ in pairs)
        + "."
    )
    return _it(_match(r, stem, pairs), "hoa-hoc", 12, "Bài 12", 3, "hieu")


def t_hoa12_mr(r):
    pool = [("Glucose", True, False), ("Fructose", True, False), ("Saccharose", False, True), ("Maltose", True, True),
            ("Tinh bột", False, True), ("Cellulose", False, True)]  # fmt: skip
    ask = r.choice(["tráng bạc", "thuỷ phân"])
    chosen = r.sample(pool, 5)
    options = [(n, t if ask == "tráng bạc" else h) for n, t, h in chosen]
    listed = ", ".join(n.lower() for n, _ in options)
    stem = (f"Trong các chất {listed}, những chất nào tham gia phản ứng tráng bạc với thuốc thử Tollens?" if ask == "tráng bạc"
            else f"Trong các chất {listed}, những chất nào bị thuỷ phân trong môi trường acid?")  # fmt: skip
    sol = _sol(
        "Glucose, fructose, maltose có phản ứng tráng bạc; saccharose, maltose, tinh bột, cellulose bị thuỷ phân."
    )
    return _it(_mr(r, stem, options, sol), "hoa-hoc", 12, "Bài 7", 2, "hieu")


def t_hoa12_group_dien_phan(r):
    amp = r.choice([1, 2, 2.5, 5])
    t = r.choice([965, 1930, 3860])
    n_e = Fraction(amp).limit_denominator() * t / 96500
    m_cu = n_e / 2 * 64
    V_o2 = n_e / 4 * _MOLAR_VOLUME
    stimulus = (
        f"<p>Tiến hành điện phân 200 mL dung dịch CuSO<sub>4</sub> 0,5 M với hai điện cực than chì, cường độ dòng điện không đổi "
        f"{_vn(amp)} A trong {t} giây. Lấy F = 96500 C/mol, thể tích mol khí ở điều kiện chuẩn là 24,79 L/mol; giả thiết hiệu suất "
        "điện phân 100% và nước không bị điện phân ở cathode trong thời gian trên.</p>"
    )
    q1 = _sc(
        r,
        f"Trong thí nghiệm điện phân dung dịch CuSO<sub>4</sub> với dòng điện {_vn(amp)} A nói trên, quá trình xảy ra ở anode là",
        "2H<sub>2</sub>O → O<sub>2</sub> + 4H<sup>+</sup> + 4e",
        [
            "Cu<sup>2+</sup> + 2e → Cu",
            "2H<sub>2</sub>O + 2e → H<sub>2</sub> + 2OH<sup>−</sup>",
            "Cu → Cu<sup>2+</sup> + 2e",
        ],
        _sol("Anode trơ: ion SO₄²⁻ không bị oxi hoá, nước bị oxi hoá giải phóng O₂."),
        none_option=False,
    )
    q2 = _sn(
        f"Tính khối lượng Cu bám vào cathode sau {t} giây điện phân với dòng điện {_vn(amp)} A (đơn vị: gam, làm tròn kết quả đến hàng phần trăm).",
        m_cu,
        _sol(
            _mx(
                r"n_e = \dfrac{It}{F} = <n>\ \text{mol};\ m_{Cu} = \dfrac{n_e}{2}\cdot 64 = <m>\ \text{g}",
                n=_tn(n_e),
                m=_tn(m_cu, 3),
            )
        ),
        2,
    )
    q3 = _sn(
        f"Tính thể tích khí O<sub>2</sub> (đkc) thoát ra ở anode sau {t} giây điện phân với dòng điện {_vn(amp)} A (đơn vị: lít, làm tròn kết quả đến hàng phần trăm).",
        V_o2,
        _sol(
            _mx(
                r"n_{O_2} = \dfrac{n_e}{4} = <n>\ \text{mol};\ V = <V>\ \text{L}",
                n=_tn(n_e / 4),
                V=_tn(V_o2, 3),
            )
        ),
        2,
    )
    items = [
        _it(q1, "hoa-hoc", 12, "Bài 16", 1, "biet"),
        _it(q2, "hoa-hoc", 12, "Bài 16", 1, "hieu"),
        _it(q3, "hoa-hoc", 12, "Bài 17", 2, "van_dung"),
    ]
    if any(i is None for i in items):
        return None
    return _Group(
        title=f"Thí nghiệm điện phân dung dịch CuSO₄ ({_vn(amp)} A, {t} s)",
        stimulus=stimulus,
        items=items,
    )


def t_hoa12_essay(r):
    formula, names, salt, alcohol = r.choice(_ESTERS)
    M = _molar(formula)
    m = M * Fraction(r.choice([1, 2, 3]), 10)
    stem = (
        f"Đun nóng {_vn(m)} gam ester X có công thức phân tử {_chem(_formula_of(formula))} với dung dịch NaOH vừa đủ, thu được "
        f"{_vn(m / M * _molar(salt))} gam muối. a) Xác định công thức cấu tạo và gọi tên X. b) Viết phương trình phản ứng. "
        "c) Nêu một ứng dụng của X hoặc của loại ester này."
    )
    guide = [
        ("a) Tính " + _mx(r"n_X = <n>\ \text{mol}", n=_tn(m / M)) + f", suy ra M<sub>muối</sub> = {_vn(_molar(salt))}, muối là {_chem(salt)}", 1.0),
        (f"a) Kết luận X là {_chem(formula)} ({names[0]})", 0.5),
        (f"b) {_chem(formula)} + NaOH → {_chem(salt)} + {_chem(alcohol)}", 0.5),
        ("c) Nêu đúng một ứng dụng (dung môi, hương liệu trong thực phẩm, mĩ phẩm…)", 0.5),
    ]  # fmt: skip
    return _it(_essay(stem, guide), "hoa-hoc", 12, "Bài 3", 2, "van_dung")


def _formula_of(formula: str) -> str:
    atoms = _atoms(formula)
    return "".join(
        el + ("" if atoms[el] == 1 else str(atoms[el])) for el in ("C", "H", "O") if atoms.get(el)
    )


def _hoa12_plan():
    return [
        (_facts_template(_HOA12_FACTS, "hoa-hoc", 12), 12),
        (t_hoa12_ester, 14),
        (t_hoa12_xa_phong, 6),
        (t_hoa12_carbohydrate, 12),
        (t_hoa12_amin_peptide, 12),
        (t_hoa12_polymer, 10),
        (t_hoa12_pin, 10),
        (t_hoa12_dien_phan, 6),
        (t_hoa12_kim_loai, 8),
        (_reaction_template(12), 4),
        (t_hoa12_order, 5),
        (t_hoa12_match, 4),
        (t_hoa12_mr, 4),
        (t_hoa12_group_dien_phan, 2),
        (t_hoa12_essay, 3),
    ]
