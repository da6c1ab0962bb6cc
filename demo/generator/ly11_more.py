"""Vật lí 11: current and circuits, groups, the other types and the plan."""

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
    _sn,
    _tf,
)
from demo.generator.core import _Group
from demo.generator.ly11_waves import (
    _LY11_FACTS,
    _omega_tex,
    t_ly11_con_lac,
    t_ly11_dao_dong,
    t_ly11_dien_truong,
    t_ly11_song,
)
from demo.generator.science import _facts_template, _sci, _u
from demo.generator.text import _m, _mix, _round, _sol, _tn, _vn


def t_ly11_dong_dien(r):
    kind = r.choice(["I", "N", "R", "P", "nguon", "nguon"])
    if kind == "I":
        q, t = r.choice([6, 12, 15, 30, 60, 90, 120]), r.choice([2, 3, 5, 10, 20, 30, 60])
        amp = q / t
        stem = f"Trong thời gian {t} s, có một điện lượng {q} C dịch chuyển qua tiết diện thẳng của một dây dẫn. Cường độ dòng điện chạy qua dây là"
        sol = _sol(
            _mx(
                r"I = \dfrac{\Delta q}{\Delta t} = \dfrac{<q>}{<t>} = <I>\ \text{A}",
                q=q,
                t=t,
                I=_tn(amp, 2),
            )
            + "."
        )
        q_ = _sc(
            r, stem, _u(amp, "A", 2), [_u(w, "A", 2) for w in (q * t, t / q, amp * 2, amp + 1)], sol
        )
        return _it(q_, "vat-ly", 11, "Bài 22", 1, "biet")
    if kind == "N":
        amp, t = r.choice([0.5, 1, 1.6, 2, 3.2]), r.choice([1, 2, 5, 10])
        N = amp * t / 1.6e-19
        stem = f"Một dòng điện không đổi có cường độ {_vn(amp)} A chạy qua dây dẫn. Số electron dịch chuyển qua tiết diện thẳng của dây trong {t} s là (lấy e = 1,6·10⁻¹⁹ C)"
        key = _m(_sci(N))
        wrong = [_m(_sci(N * 10)), _m(_sci(N / 10)), _m(_sci(amp * t * 1.6e-19)), _m(_sci(N * 1.6))]
        sol = _sol(
            _mx(
                r"N = \dfrac{It}{e} = \dfrac{<I>\cdot <t>}{1{,}6\cdot 10^{-19}} = <N>",
                I=_tn(amp),
                t=t,
                N=_sci(N),
            )
            + "."
        )
        return _it(_sc(r, stem, key, wrong, sol), "vat-ly", 11, "Bài 22", 2, "hieu")
    R1, R2 = r.choice([2, 3, 4, 5, 6, 10, 12, 15, 20]), r.choice([3, 4, 5, 6, 10, 12, 20, 30])
    U = r.choice([6, 9, 12, 18, 24, 36])
    if kind == "R":
        series = r.random() < 0.5
        R = Fraction(R1 + R2) if series else Fraction(R1 * R2, R1 + R2)
        amp = U / R
        how = "nối tiếp" if series else "song song"
        stem = f"Hai điện trở R₁ = {R1} Ω và R₂ = {R2} Ω mắc {how} vào hiệu điện thế không đổi {U} V. Tính cường độ dòng điện trong mạch chính (đơn vị: A, làm tròn kết quả đến hàng phần trăm)."
        formula = "R = R_1 + R_2" if series else r"R = \dfrac{R_1R_2}{R_1 + R_2}"
        sol = _sol(
            _m(formula)
            + _mx(
                r" = <R>\ \Omega;\ I = \dfrac{U}{R} \approx <I>\ \text{A}",
                R=_tn(R, 3),
                I=_tn(amp, 3),
            )
            + "."
        )
        return _it(_sn(stem, amp, sol, 2), "vat-ly", 11, "Bài 23", 2, "hieu")
    return _ly11_dong_dien_other_kinds(r, kind)


def _ly11_dong_dien_other_kinds(r, kind):
    if kind == "P":
        P = r.choice([40, 60, 75, 100, 500, 1000, 1500, 2000])
        Un = 220
        h = r.choice([2, 3, 4, 5, 6, 8])
        days = 30
        kwh = P * h * days / 1000
        stem = f"Một thiết bị điện có ghi {Un} V – {P} W, mỗi ngày sử dụng {h} giờ ở đúng hiệu điện thế định mức. Tính điện năng thiết bị tiêu thụ trong 30 ngày (đơn vị: kWh, làm tròn kết quả đến hàng đơn vị)."
        sol = _sol(
            _mx(
                r"A = Pt = <P>\ \text{kW}\cdot <h>\ \text{h} = <A>\ \text{kWh}",
                P=_tn(P / 1000),
                h=h * days,
                A=_tn(kwh),
            )
            + "."
        )
        return _it(_sn(stem, kwh, sol), "vat-ly", 11, "Bài 25", 2, "hieu")
    E = r.choice([1.5, 3, 4.5, 6, 9, 12])
    rin = r.choice([0.5, 1, 1.5, 2])
    R = r.choice([2, 3, 4, 5, 6, 8, 10])
    amp = E / (R + rin)
    U = E - amp * rin
    if r.random() < 0.5:
        stem = f"Một nguồn điện có suất điện động {_vn(E)} V và điện trở trong {_vn(rin)} Ω được nối với điện trở ngoài R = {R} Ω. Tính cường độ dòng điện trong mạch (đơn vị: A, làm tròn kết quả đến hàng phần trăm)."
        sol = _sol(
            _mx(
                r"I = \dfrac{E}{R + r} = \dfrac{<E>}{<R> + <r>} \approx <I>\ \text{A}",
                E=_tn(E),
                R=R,
                r=_tn(rin),
                I=_tn(amp, 3),
            )
            + "."
        )
        return _it(_sn(stem, amp, sol, 2), "vat-ly", 11, "Bài 24", 2, "hieu")
    stem = f"Một nguồn điện có suất điện động {_vn(E)} V và điện trở trong {_vn(rin)} Ω được nối với điện trở ngoài R = {R} Ω. Tính hiệu điện thế giữa hai cực của nguồn (đơn vị: V, làm tròn kết quả đến hàng phần trăm)."
    sol = _sol(
        _mx(
            r"I = \dfrac{E}{R + r} \approx <I>\ \text{A};\ U = E - Ir \approx <U>\ \text{V}",
            I=_tn(amp, 4),
            U=_tn(U, 2),
        )
        + "."
    )
    return _it(_sn(stem, U, sol, 2), "vat-ly", 11, "Bài 24", 2, "van_dung")


def t_ly11_mach_tf(r):
    E = r.choice([6, 9, 12, 24])
    rin = r.choice([1, 2])
    R = r.choice([2, 4, 5, 10, 11, 22])
    amp = Fraction(E, R + rin)
    U = amp * R
    P = amp * amp * R
    truth = _mix(r)
    statements = [
        ("Cường độ dòng điện trong mạch là " + _u(amp if truth[0] else Fraction(E, R), "A", 2) + ".", truth[0]),
        ("Hiệu điện thế giữa hai cực của nguồn là " + _u(U if truth[1] else E, "V", 2) + ".", truth[1]),
        ("Công suất tiêu thụ của điện trở ngoài là " + _u(P if truth[2] else E * amp, "W", 2) + ".", truth[2]),
        ("Nếu nối tắt hai cực của nguồn (R = 0) thì cường độ dòng điện là " + _u(Fraction(E, rin) if truth[3] else 0, "A", 2) + ".", truth[3]),
    ]  # fmt: skip
    stem = f"Một nguồn điện có suất điện động {E} V, điện trở trong {rin} Ω được nối với điện trở ngoài R = {R} Ω. Xét tính đúng, sai của các phát biểu sau."
    sol = _sol(
        _mx(
            r"I = \dfrac{E}{R + r} = <I>\ \text{A};\ U = IR = <U>\ \text{V};\ P = I^2R = <P>\ \text{W};\ I_{\text{ngắn mạch}} = \dfrac{E}{r}",
            I=_tn(amp, 3),
            U=_tn(U, 3),
            P=_tn(P, 3),
        )
        + "."
    )
    return _it(_tf(stem, statements, sol), "vat-ly", 11, "Bài 24", 2, "van_dung")


def t_ly11_group_iu(r):
    R = r.choice([5, 8, 10, 12, 15, 20, 25])
    Us = sorted(r.sample([1, 1.5, 2, 2.5, 3, 4, 4.5, 5, 6], 5))
    Is = [U / R for U in Us]
    row_u = "".join(f"<td>{_vn(U)}</td>" for U in Us)
    row_i = "".join(f"<td>{_vn(amp, 3)}</td>" for amp in Is)
    stimulus = (
        "<p>Để khảo sát sự phụ thuộc của cường độ dòng điện vào hiệu điện thế giữa hai đầu một điện trở "
        "(ở nhiệt độ không đổi), một nhóm học sinh thu được bảng số liệu sau:</p>"
        f"<table><tbody><tr><th>U (V)</th>{row_u}</tr><tr><th>I (A)</th>{row_i}</tr></tbody></table>"
    )
    U_new = r.choice([7, 8, 9, 10, 12])
    q1 = _sn(
        f"Từ bảng số liệu (ứng với U = {_vn(Us[0])} V, I = {_vn(Is[0], 3)} A), tính điện trở của vật dẫn (đơn vị: Ω).",
        R,
        _sol(
            _mx(
                r"R = \dfrac{U}{I} = \dfrac{<U>}{<I>} = <R>\ \Omega",
                U=_tn(Us[0]),
                I=_tn(Is[0], 3),
                R=R,
            )
        ),
    )
    q2 = _sn(
        f"Với điện trở trong bảng số liệu trên (I = {_vn(Is[-1], 3)} A khi U = {_vn(Us[-1])} V), tính công suất toả nhiệt trên điện trở khi hiệu điện thế giữa hai đầu là {U_new} V (đơn vị: W, làm tròn kết quả đến hàng phần mười).",
        U_new * U_new / R,
        _sol(
            _mx(
                r"P = \dfrac{U^2}{R} = \dfrac{<U>^2}{<R>} \approx <P>\ \text{W}",
                U=U_new,
                R=R,
                P=_tn(U_new * U_new / R, 2),
            )
        ),
        1,
    )
    truth = _mix(r)
    statements = [
        ("Cường độ dòng điện tỉ lệ " + ("thuận" if truth[0] else "nghịch") + " với hiệu điện thế.", truth[0]),
        ("Đồ thị I theo U là một đường thẳng " + ("đi qua gốc toạ độ" if truth[1] else "không đi qua gốc toạ độ") + ".", truth[1]),
        (f"Khi U = {U_new} V thì I = " + _u(U_new / R if truth[2] else U_new * R / 100, "A", 2) + ".", truth[2]),
        ("Điện trở của vật dẫn " + ("không đổi" if truth[3] else "tăng dần") + " khi hiệu điện thế tăng trong thí nghiệm này.", truth[3]),
    ]  # fmt: skip
    if not truth[2] and _round(U_new / R, 2) == _round(U_new * R / 100, 2):
        return None
    q3 = _tf(f"Dựa vào bảng số liệu I – U của vật dẫn có điện trở {R} Ω, xét tính đúng, sai của các phát biểu sau.", statements,
             _sol("Tỉ số U/I không đổi nên I tỉ lệ thuận với U (định luật Ohm); đồ thị là đường thẳng qua gốc toạ độ."))  # fmt: skip
    items = [
        _it(q1, "vat-ly", 11, "Bài 23", 2, "biet"),
        _it(q2, "vat-ly", 11, "Bài 25", 2, "hieu"),
        _it(q3, "vat-ly", 11, "Bài 23", 2, "hieu"),
    ]
    if any(i is None for i in items):
        return None
    return _Group(
        title=f"Bảng số liệu I – U của một điện trở {R} Ω", stimulus=stimulus, items=items
    )


def t_ly11_mr(r):
    A = r.choice([3, 4, 5, 6, 8, 10])
    k = r.choice([2, 4, 5, 10])
    T = Fraction(2, k)
    phi_zero = r.random() < 0.5
    eq = _m(
        r"x = "
        + str(A)
        + r"\cos("
        + _omega_tex(k)
        + " t"
        + ("" if phi_zero else r" + \dfrac{\pi}{2}")
        + ")"
    )
    options = [
        (f"Biên độ dao động là {A} cm.", True),
        ("Chu kì dao động là " + _u(T, "s") + ".", True),
        ("Tại t = 0, vật ở " + ("vị trí biên dương." if phi_zero else "vị trí cân bằng."), True),
        (f"Tần số dao động là {k} Hz.", False),
        (f"Quãng đường vật đi được trong một chu kì là {2 * A} cm.", False),
    ]
    chosen = r.sample(options[:3], r.choice([2, 3])) + options[3:]
    stem = f"Một vật dao động điều hoà với phương trình {eq} (cm; s). Những phát biểu nào sau đây đúng?"
    sol = _sol(
        _mx(
            r"\omega = <w>\ \text{rad/s},\ T = <T>\ \text{s},\ f = <f>\ \text{Hz}",
            w=_omega_tex(k),
            T=_tn(T),
            f=_tn(1 / T),
        )
        + "; quãng đường trong một chu kì là "
        + _m("4A")
        + "."
    )
    return _it(_mr(r, stem, chosen, sol), "vat-ly", 11, "Bài 2", 2, "hieu")


def t_ly11_match(r):
    A = r.choice([2, 3, 4, 5, 6, 8, 10])
    k = r.choice([2, 4, 5, 10, 20])
    T = Fraction(2, k)
    eq = _m(r"x = " + str(A) + r"\cos(" + _omega_tex(k) + " t)")
    pairs = [
        ("Biên độ", f"{A} cm"),
        ("Tần số góc", _m(_omega_tex(k)) + " rad/s"),
        ("Chu kì", _u(T, "s")),
        ("Tần số", _u(1 / T, "Hz")),
        ("Quãng đường đi được trong một chu kì", f"{4 * A} cm"),
    ]
    stem = f"Một vật dao động điều hoà với phương trình {eq} (cm; s). Ghép mỗi đại lượng ở cột trái với giá trị tương ứng ở cột phải."
    return _it(_match(r, stem, r.sample(pairs, 4)), "vat-ly", 11, "Bài 2", 2, "hieu")


def t_ly11_cloze(r):
    v = r.choice([2, 3, 4, 5, 6])
    f = r.choice([10, 20, 25, 40, 50])
    lam = Fraction(v * 100, f)
    stem = (
        f"Một sóng cơ có tần số {f} Hz truyền với tốc độ {v} m/s. Chu kì của sóng là {{{{1}}}} s, bước sóng "
        "là {{2}} cm, và hai điểm gần nhau nhất trên cùng một phương truyền sóng dao động ngược pha cách nhau {{3}} cm."
    )
    blanks = [_bn(Fraction(1, f)), _bn(lam), _bn(lam / 2)]
    sol = _sol(
        _mx(
            r"T = \dfrac{1}{f};\ \lambda = \dfrac{v}{f} = <l>\ \text{cm};\ d = \dfrac{\lambda}{2}",
            l=_tn(lam),
        )
        + "."
    )
    return _it(_cloze(stem, blanks, sol), "vat-ly", 11, "Bài 8", 2, "hieu")


def t_ly11_order(r):
    names = ["R₁", "R₂", "R₃", "R₄"]
    U = r.choice([6, 12, 24])
    values = r.sample([2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 24, 30], 4)
    listed = "; ".join(f"{n} = {v} Ω" for n, v in zip(names, values, strict=True))
    order = sorted(zip(values, names, strict=True), key=lambda x: -x[0])
    stem = f"Lần lượt mắc từng điện trở sau vào cùng một hiệu điện thế không đổi {U} V: {listed}. Sắp xếp các điện trở theo thứ tự công suất toả nhiệt tăng dần."
    sol = _sol(
        _m(r"P = \dfrac{U^2}{R}")
        + ": điện trở càng lớn thì công suất càng nhỏ. "
        + "; ".join(f"{n}: " + _u(Fraction(U * U, v), "W", 2) for v, n in order)
        + "."
    )
    return _it(_order(stem, [n for _, n in order], sol), "vat-ly", 11, "Bài 25", 2, "hieu")


def t_ly11_essay(r):
    E = r.choice([6, 9, 12])
    rin = r.choice([0.5, 1])
    R1, R2 = r.choice([4, 6, 8, 12]), r.choice([4, 6, 12, 24])
    Rp = Fraction(R1 * R2, R1 + R2)
    amp = Fraction(str(E)) / (Rp + Fraction(str(rin)))
    stem = (
        f"Cho mạch điện gồm nguồn có suất điện động {E} V, điện trở trong {_vn(rin)} Ω; mạch ngoài gồm hai điện trở "
        f"R₁ = {R1} Ω và R₂ = {R2} Ω mắc song song. a) Tính điện trở tương đương của mạch ngoài. b) Tính cường độ dòng "
        "điện qua nguồn và hiệu điện thế giữa hai cực của nguồn. c) Tính công suất của nguồn."
    )
    guide = [
        ("a) " + _mx(r"R_N = \dfrac{R_1R_2}{R_1 + R_2} = <R>\ \Omega", R=_tn(Rp, 2)), 0.5),
        ("b) " + _mx(r"I = \dfrac{E}{R_N + r} \approx <I>\ \text{A}", I=_tn(amp, 2)) + "; " + _mx(r"U = IR_N \approx <U>\ \text{V}", U=_tn(amp * Rp, 2)), 1.0),
        ("c) " + _mx(r"P_{nguồn} = EI \approx <P>\ \text{W}", P=_tn(E * amp, 2)), 0.5),
    ]  # fmt: skip
    return _it(_essay(stem, guide), "vat-ly", 11, "Bài 25", 2, "van_dung")


def _ly11_plan():
    return [
        (_facts_template(_LY11_FACTS, "vat-ly", 11), 10),
        (t_ly11_dao_dong, 22),
        (t_ly11_con_lac, 10),
        (t_ly11_song, 18),
        (t_ly11_dien_truong, 16),
        (t_ly11_dong_dien, 18),
        (t_ly11_mach_tf, 5),
        (t_ly11_group_iu, 2),
        (t_ly11_mr, 4),
        (t_ly11_match, 4),
        (t_ly11_cloze, 4),
        (t_ly11_order, 4),
        (t_ly11_essay, 3),
    ]
