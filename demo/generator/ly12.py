"""Vật lí 12: thermal physics, gases, magnetism, nuclei and the plan."""

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
from demo.generator.data import tables
from demo.generator.science import _facts_template, _sci, _u
from demo.generator.text import _m, _mix, _p, _sol, _tn, _vn

_LY12_FACTS = tables("vat-ly-12")["ly12_facts"]


def t_ly12_nhiet_do(r):
    t = r.choice([-40, -20, -10, 0, 10, 20, 25, 27, 37, 50, 100, 127, 227, 327])
    T = t + 273
    if r.random() < 0.5:
        stem = f"Nhiệt độ {t} °C ứng với bao nhiêu kelvin? (Lấy T = t + 273.)"
        sol = _sol(_mx(r"T = t + 273 = <t> + 273 = <T>\ \text{K}", t=_p(t), T=T) + ".")
        return _it(_sn(stem, T, sol), "vat-ly", 12, "Bài 3", 3, "biet")
    stem = f"Một vật có nhiệt độ {T} K. Nhiệt độ của vật theo thang Celsius là"
    sol = _sol(_mx(r"t = T - 273 = <T> - 273 = <t>\ ^\circ\text{C}", T=T, t=t) + ".")
    wrong = [T + 273, -t if t else 273, t + 1, T]
    q_ = _sc(r, stem, f"{t} °C", [f"{w} °C" for w in wrong], sol)
    return _it(q_, "vat-ly", 12, "Bài 3", 3, "biet")


def t_ly12_nhiet_luong(r):
    kind = r.choice(["Q", "Q", "can_bang", "nong_chay", "hoa_hoi"])
    if kind == "Q":
        sub = r.choice([("nước", 4200), ("nhôm", 880), ("đồng", 380), ("sắt", 460)])
        m = r.choice([0.2, 0.5, 1, 1.5, 2, 3])
        dt = r.choice([10, 20, 25, 30, 50, 60, 80])
        Q = m * sub[1] * dt / 1000
        stem = f"Tính nhiệt lượng cần cung cấp để {_vn(m)} kg {sub[0]} tăng nhiệt độ thêm {dt} °C (đơn vị: kJ, làm tròn kết quả đến hàng đơn vị). Biết nhiệt dung riêng của {sub[0]} là {sub[1]} J/(kg·K)."
        sol = _sol(
            _mx(
                r"Q = mc\Delta t = <m>\cdot <c>\cdot <d> = <Q>\ \text{J}",
                m=_tn(m),
                c=sub[1],
                d=dt,
                Q=_tn(Q * 1000),
            )
            + " ≈ "
            + _vn(Q, 1)
            + " kJ."
        )
        return _it(_sn(stem, Q, sol), "vat-ly", 12, "Bài 4", 1, "hieu")
    if kind == "can_bang":
        m1, m2 = r.choice([0.2, 0.3, 0.5, 1, 2]), r.choice([0.2, 0.5, 1, 1.5, 3])
        t1, t2 = r.choice([80, 90, 100, 70, 60]), r.choice([10, 15, 20, 25, 30])
        t = (m1 * t1 + m2 * t2) / (m1 + m2)
        stem = f"Trộn {_vn(m1)} kg nước ở {t1} °C với {_vn(m2)} kg nước ở {t2} °C. Bỏ qua sự trao đổi nhiệt với bình và môi trường. Tính nhiệt độ của hỗn hợp khi cân bằng nhiệt (đơn vị: °C, làm tròn kết quả đến hàng phần mười)."
        sol = _sol(
            "Phương trình cân bằng nhiệt: "
            + _mx(
                r"m_1c(t_1 - t) = m_2c(t - t_2) \Rightarrow t = \dfrac{m_1t_1 + m_2t_2}{m_1 + m_2} \approx <t>\ ^\circ\text{C}",
                t=_tn(t, 2),
            )
            + "."
        )
        return _it(_sn(stem, t, sol, 1), "vat-ly", 12, "Bài 7", 1, "van_dung")
    if kind == "nong_chay":
        m = r.choice([0.1, 0.2, 0.5, 1, 2, 3])
        Q = m * 3.34e5 / 1000
        stem = f"Tính nhiệt lượng cần cung cấp để làm nóng chảy hoàn toàn {_vn(m)} kg nước đá ở 0 °C (đơn vị: kJ, làm tròn kết quả đến hàng đơn vị). Biết nhiệt nóng chảy riêng của nước đá là 3,34·10⁵ J/kg."
        sol = _sol(
            _mx(
                r"Q = \lambda m = 3{,}34\cdot 10^5\cdot <m> = <Q>\ \text{J}",
                m=_tn(m),
                Q=_tn(Q * 1000),
            )
            + " = "
            + _vn(Q, 1)
            + " kJ."
        )
        return _it(_sn(stem, Q, sol), "vat-ly", 12, "Bài 5", 1, "hieu")
    m = r.choice([0.1, 0.2, 0.5, 1, 1.5])
    Q = m * 2.26e6 / 1e6
    stem = f"Tính nhiệt lượng cần cung cấp để làm hoá hơi hoàn toàn {_vn(m)} kg nước ở 100 °C (đơn vị: MJ, làm tròn kết quả đến hàng phần trăm). Biết nhiệt hoá hơi riêng của nước là 2,26·10⁶ J/kg."
    sol = _sol(
        _mx(r"Q = Lm = 2{,}26\cdot 10^6\cdot <m> = <Q>\ \text{J}", m=_tn(m), Q=_tn(Q * 1e6))
        + " ≈ "
        + _vn(Q, 3)
        + " MJ."
    )
    return _it(_sn(stem, Q, sol, 2), "vat-ly", 12, "Bài 6", 1, "hieu")


def t_ly12_noi_nang(r):
    A, Q = (
        r.choice([50, 80, 100, 120, 150, 200, 250, 300]),
        r.choice([20, 40, 60, 70, 90, 150, 180]),
    )
    case = r.choice(["nhan_cong_toa_nhiet", "nhan_nhiet_sinh_cong", "nhan_ca_hai"])
    if case == "nhan_cong_toa_nhiet":
        text, dU, expr = (
            f"nhận công {A} J và truyền ra môi trường nhiệt lượng {Q} J",
            A - Q,
            f"{A} + ({-Q})",
        )
    elif case == "nhan_nhiet_sinh_cong":
        text, dU, expr = (
            f"nhận nhiệt lượng {A} J và thực hiện công {Q} J lên môi trường",
            A - Q,
            f"({-Q}) + {A}",
        )
    else:
        text, dU, expr = f"nhận công {A} J và nhận nhiệt lượng {Q} J", A + Q, f"{A} + {Q}"
    stem = f"Một lượng khí trong xi lanh {text}. Tính độ biến thiên nội năng của khí (đơn vị: J)."
    sol = _sol(
        "Định luật 1 của nhiệt động lực học: "
        + _mx(r"\Delta U = A + Q = <e> = <v>\ \text{J}", e=expr, v=dU)
        + " (quy ước A > 0, Q > 0 khi hệ nhận công, nhận nhiệt)."
    )
    return _it(_sn(stem, dU, sol), "vat-ly", 12, "Bài 2", 2, "hieu")


def t_ly12_khi(r):
    kind = r.choice(["boyle", "charles", "trang_thai", "nRT"])
    if kind == "boyle":
        p1, V1 = r.choice([1, 1.5, 2, 3]), r.choice([2, 3, 4, 5, 6, 8, 10, 12])
        V2 = r.choice([1, 1.5, 2, 2.5, 3, 4, 5])
        if V2 == V1:
            return None
        p2 = p1 * V1 / V2
        stem = f"Một lượng khí xác định có thể tích {_vn(V1)} lít ở áp suất {_vn(p1)} atm. Nén đẳng nhiệt lượng khí đó đến thể tích {_vn(V2)} lít. Tính áp suất của khí lúc sau (đơn vị: atm, làm tròn kết quả đến hàng phần mười)." if V2 < V1 else (
            f"Một lượng khí xác định có thể tích {_vn(V1)} lít ở áp suất {_vn(p1)} atm. Cho khí dãn nở đẳng nhiệt đến thể tích {_vn(V2)} lít. Tính áp suất của khí lúc sau (đơn vị: atm, làm tròn kết quả đến hàng phần mười).")  # fmt: skip
        sol = _sol(
            "Định luật Boyle: "
            + _mx(
                r"p_1V_1 = p_2V_2 \Rightarrow p_2 = \dfrac{<p>\cdot <V1>}{<V2>} \approx <v>\ \text{atm}",
                p=_tn(p1),
                V1=_tn(V1),
                V2=_tn(V2),
                v=_tn(p2, 2),
            )
            + "."
        )
        return _it(_sn(stem, p2, sol, 1), "vat-ly", 12, "Bài 9", 2, "hieu")
    if kind == "charles":
        V1 = r.choice([2, 3, 4, 5, 6, 10])
        t1, t2 = r.choice([0, 27, 7, 17, 47]), r.choice([77, 127, 87, 177, 227, 327])
        V2 = V1 * (t2 + 273) / (t1 + 273)
        stem = f"Một lượng khí có thể tích {V1} lít ở {t1} °C. Đun nóng đẳng áp lượng khí đó đến {t2} °C. Tính thể tích của khí lúc sau (đơn vị: lít, làm tròn kết quả đến hàng phần mười). Lấy T = t + 273."
        sol = _sol(
            "Định luật Charles: "
            + _mx(
                r"\dfrac{V_1}{T_1} = \dfrac{V_2}{T_2} \Rightarrow V_2 = <V>\cdot\dfrac{<T2>}{<T1>} \approx <v>\ \text{lít}",
                V=V1,
                T1=t1 + 273,
                T2=t2 + 273,
                v=_tn(V2, 2),
            )
            + "."
        )
        return _it(_sn(stem, V2, sol, 1), "vat-ly", 12, "Bài 10", 2, "hieu")
    if kind == "trang_thai":
        p1, V1, t1 = r.choice([1, 2, 1.5]), r.choice([10, 12, 20, 15]), r.choice([27, 7, 17])
        p2, t2 = r.choice([3, 4, 5, 2.5]), r.choice([127, 227, 87, 57])
        V2 = p1 * V1 * (t2 + 273) / ((t1 + 273) * p2)
        stem = f"Một lượng khí lí tưởng ở trạng thái 1 có p₁ = {_vn(p1)} atm, V₁ = {V1} lít, t₁ = {t1} °C. Ở trạng thái 2 có p₂ = {_vn(p2)} atm, t₂ = {t2} °C. Tính thể tích V₂ (đơn vị: lít, làm tròn kết quả đến hàng phần mười). Lấy T = t + 273."
        sol = _sol(
            "Phương trình trạng thái: "
            + _mx(
                r"\dfrac{p_1V_1}{T_1} = \dfrac{p_2V_2}{T_2} \Rightarrow V_2 = \dfrac{p_1V_1T_2}{T_1p_2} \approx <v>\ \text{lít}",
                v=_tn(V2, 2),
            )
            + "."
        )
        return _it(_sn(stem, V2, sol, 1), "vat-ly", 12, "Bài 11", 2, "van_dung")
    n = r.choice([0.5, 1, 2, 0.2, 0.25])
    t = r.choice([0, 27, 37, 127])
    V = r.choice([5, 10, 20, 24, 50])
    p = n * 8.31 * (t + 273) / (V / 1000) / 1e5
    stem = f"Một bình kín dung tích {V} lít chứa {_vn(n)} mol khí lí tưởng ở {t} °C. Lấy R = 8,31 J/(mol·K), T = t + 273. Tính áp suất khí trong bình (đơn vị: 10⁵ Pa, làm tròn kết quả đến hàng phần trăm)."
    sol = _sol(
        _mx(
            r"p = \dfrac{nRT}{V} = \dfrac{<n>\cdot 8{,}31\cdot <T>}{<V>\cdot 10^{-3}} \approx <p>\cdot 10^5\ \text{Pa}",
            n=_tn(n),
            T=t + 273,
            V=V,
            p=_tn(p, 3),
        )
        + "."
    )
    return _it(_sn(stem, p, sol, 2), "vat-ly", 12, "Bài 13", 1, "van_dung")


def t_ly12_phan_tu(r):
    t = r.choice([0, 27, 37, 100, 127, 227, 327, 1000])
    T = t + 273
    W = 1.5 * 1.38e-23 * T
    stem = f"Động năng tịnh tiến trung bình của phân tử khí lí tưởng ở nhiệt độ {t} °C là (lấy k = 1,38·10⁻²³ J/K, T = t + 273)"
    key = _m(_sci(W) + r"\ \text{J}")
    wrong = [_m(_sci(1.38e-23 * T) + r"\ \text{J}"), _m(_sci(1.5 * 1.38e-23 * max(t, 1)) + r"\ \text{J}"),
             _m(_sci(W * 10) + r"\ \text{J}"), _m(_sci(3 * 1.38e-23 * T) + r"\ \text{J}")]  # fmt: skip
    sol = _sol(
        _mx(
            r"W_đ = \dfrac{3}{2}kT = \dfrac{3}{2}\cdot 1{,}38\cdot 10^{-23}\cdot <T> \approx <W>\ \text{J}",
            T=T,
            W=_sci(W),
        )
        + "."
    )
    return _it(_sc(r, stem, key, wrong, sol), "vat-ly", 12, "Bài 12", 3, "hieu")


def t_ly12_tu_truong(r):
    kind = r.choice(["F", "F", "phi", "emf", "xc", "ba"])
    if kind == "F":
        B = r.choice([0.02, 0.05, 0.1, 0.2, 0.5, 0.8])
        amp = r.choice([1, 2, 2.5, 4, 5, 10])
        L = r.choice([0.1, 0.2, 0.3, 0.5, 1])
        th = r.choice([30, 45, 60, 90])
        F = B * amp * L * math.sin(math.radians(th))
        stem = f"Một đoạn dây dẫn dài {_vn(L)} m mang dòng điện {_vn(amp)} A đặt trong từ trường đều có cảm ứng từ {_vn(B)} T, dây hợp với các đường sức từ góc {th}°. Tính độ lớn lực từ tác dụng lên đoạn dây (đơn vị: N, làm tròn kết quả đến hàng phần trăm)."
        sol = _sol(
            _mx(
                r"F = BIL\sin\theta = <B>\cdot <I>\cdot <L>\cdot\sin <t>^\circ \approx <F>\ \text{N}",
                B=_tn(B),
                I=_tn(amp),
                L=_tn(L),
                t=th,
                F=_tn(F, 3),
            )
            + "."
        )
        return _it(_sn(stem, F, sol, 2), "vat-ly", 12, "Bài 15", 3, "hieu")
    if kind == "phi":
        N = r.choice([1, 10, 50, 100, 200])
        B = r.choice([0.01, 0.02, 0.05, 0.1, 0.2])
        S = r.choice([20, 50, 100, 200, 400])  # cm²
        a = r.choice([0, 30, 60])
        phi = N * B * S * 1e-4 * math.cos(math.radians(a)) * 1000
        stem = f"Một khung dây phẳng gồm {N} vòng, mỗi vòng có diện tích {S} cm², đặt trong từ trường đều có cảm ứng từ {_vn(B)} T. Vectơ pháp tuyến của mặt khung hợp với các đường sức từ góc {a}°. Tính từ thông qua khung dây (đơn vị: mWb, làm tròn kết quả đến hàng phần mười)."
        sol = _sol(
            _mx(
                r"\Phi = NBS\cos\alpha = <N>\cdot <B>\cdot <S>\cdot 10^{-4}\cdot\cos <a>^\circ \approx <p>\ \text{mWb}",
                N=N,
                B=_tn(B),
                S=S,
                a=a,
                p=_tn(phi, 2),
            )
            + "."
        )
        return _it(_sn(stem, phi, sol, 1), "vat-ly", 12, "Bài 16", 1, "hieu")
    return _ly12_tu_truong_other_kinds(r, kind)


def _ly12_tu_truong_other_kinds(r, kind):
    if kind == "emf":
        N = r.choice([10, 50, 100, 200, 500])
        S = r.choice([20, 50, 100, 200])
        dB = r.choice([0.1, 0.2, 0.4, 0.5, 0.8])
        dt = r.choice([0.01, 0.02, 0.05, 0.1, 0.2])
        e = N * dB * S * 1e-4 / dt
        stem = f"Một cuộn dây phẳng có {N} vòng, diện tích mỗi vòng {S} cm², đặt vuông góc với các đường sức của một từ trường đều. Trong thời gian {_vn(dt)} s, cảm ứng từ tăng đều thêm {_vn(dB)} T. Tính độ lớn suất điện động cảm ứng trong cuộn dây (đơn vị: V, làm tròn kết quả đến hàng phần mười)."
        sol = _sol(
            "Định luật Faraday: "
            + _mx(
                r"|e| = N\dfrac{|\Delta\Phi|}{\Delta t} = N\dfrac{S\Delta B}{\Delta t} = \dfrac{<N>\cdot <S>\cdot 10^{-4}\cdot <B>}{<t>} \approx <e>\ \text{V}",
                N=N,
                S=S,
                B=_tn(dB),
                t=_tn(dt),
                e=_tn(e, 2),
            )
            + "."
        )
        return _it(_sn(stem, e, sol, 1), "vat-ly", 12, "Bài 16", 3, "van_dung")
    if kind == "xc":
        U = r.choice([100, 110, 120, 200, 220, 380])
        w = r.choice([100, 120])
        stem = (
            "Điện áp xoay chiều giữa hai đầu một đoạn mạch có biểu thức "
            + _mx(r"u = <U>\sqrt{2}\cos(<w>\pi t)", U=U, w=w)
            + " (V). "
        )
        if r.random() < 0.5:
            stem += "Tính điện áp hiệu dụng (đơn vị: V)."
            sol = _sol(_mx(r"U = \dfrac{U_0}{\sqrt{2}} = <U>\ \text{V}", U=U) + ".")
            return _it(_sn(stem, U, sol), "vat-ly", 12, "Bài 17", 2, "biet")
        stem += "Tính tần số của điện áp (đơn vị: Hz)."
        sol = _sol(
            _mx(r"f = \dfrac{\omega}{2\pi} = \dfrac{<w>\pi}{2\pi} = <f>\ \text{Hz}", w=w, f=w // 2)
            + "."
        )
        return _it(_sn(stem, w // 2, sol), "vat-ly", 12, "Bài 17", 2, "biet")
    N1, N2 = r.choice([500, 1000, 1100, 2000, 2200]), r.choice([50, 100, 110, 200, 250, 4400])
    U1 = r.choice([220, 110, 240])
    U2 = U1 * N2 / N1
    stem = f"Một máy biến áp lí tưởng có cuộn sơ cấp {N1} vòng, cuộn thứ cấp {N2} vòng. Đặt vào hai đầu cuộn sơ cấp điện áp xoay chiều có giá trị hiệu dụng {U1} V. Tính điện áp hiệu dụng ở hai đầu cuộn thứ cấp để hở (đơn vị: V, làm tròn kết quả đến hàng đơn vị)."
    sol = _sol(
        _mx(
            r"\dfrac{U_2}{U_1} = \dfrac{N_2}{N_1} \Rightarrow U_2 = <U>\cdot\dfrac{<b>}{<a>} \approx <v>\ \text{V}",
            U=U1,
            a=N1,
            b=N2,
            v=_tn(U2, 1),
        )
        + "."
    )
    return _it(_sn(stem, U2, sol), "vat-ly", 12, "Bài 18", 1, "hieu")


_NUCLIDES = tables("vat-ly-12")["nuclides"]


_HALF_LIVES = tables("vat-ly-12")["half_lives"]


_BINDING = tables("vat-ly-12")["binding"]


def _nuc(sym, Z, A) -> str:
    return _m("^{" + str(A) + "}_{" + str(Z) + "}\\mathrm{" + sym + "}")


def t_ly12_hat_nhan(r):
    kind = r.choice(["N", "N", "half", "half", "binding"])
    if kind == "N":
        sym, Z, A = r.choice(_NUCLIDES)
        N = A - Z
        ask = r.choice(["neutron", "nucleon", "proton"])
        value = {"neutron": N, "nucleon": A, "proton": Z}[ask]
        stem = f"Hạt nhân {_nuc(sym, Z, A)} có bao nhiêu {ask}?"
        sol = _sol(
            "Hạt nhân "
            + _nuc(sym, Z, A)
            + f" có Z = {Z} proton, A = {A} nucleon và N = A − Z = {N} neutron."
        )
        if r.random() < 0.5:
            return _it(_sn(stem, value, sol), "vat-ly", 12, "Bài 21", 3, "biet")
        wrong = [x for x in (A, Z, N, A + Z, N + 1) if x != value]
        q_ = _sc(r, stem, str(value), [str(w) for w in wrong], sol)
        return _it(q_, "vat-ly", 12, "Bài 21", 3, "biet")
    if kind == "half":
        sym, Z, A, T, unit = r.choice(_HALF_LIVES)
        k = r.randint(1, 5)
        m0 = r.choice([1, 2, 4, 8, 10, 16, 20, 32, 64, 100, 200])
        m = Fraction(m0, 2**k)
        t = T * k
        stem = f"Chất phóng xạ {_nuc(sym, Z, A)} có chu kì bán rã {_vn(T)} {unit}. Ban đầu có {m0} g chất này. Sau {_vn(t)} {unit}, khối lượng chất đó còn lại chưa phân rã là bao nhiêu gam? (Làm tròn kết quả đến hàng phần trăm.)"
        sol = _sol(
            _mx(
                r"m = m_0\cdot 2^{-\frac{t}{T}} = <m0>\cdot 2^{-<k>} = <m>\ \text{g}",
                m0=m0,
                k=k,
                m=_tn(m, 4),
            )
            + "."
        )
        return _it(_sn(stem, m, sol, 2), "vat-ly", 12, "Bài 23", 2, "van_dung")
    sym, Z, A, dm_text, dm = r.choice(_BINDING)
    W = dm * 931.5
    specific = r.random() < 0.5
    if specific:
        stem = f"Hạt nhân {_nuc(sym, Z, A)} có độ hụt khối {dm_text} u. Lấy 1 u = 931,5 MeV/c². Tính năng lượng liên kết riêng của hạt nhân này (đơn vị: MeV/nucleon, làm tròn kết quả đến hàng phần trăm)."
        value, places = W / A, 2
    else:
        stem = f"Hạt nhân {_nuc(sym, Z, A)} có độ hụt khối {dm_text} u. Lấy 1 u = 931,5 MeV/c². Tính năng lượng liên kết của hạt nhân này (đơn vị: MeV, làm tròn kết quả đến hàng đơn vị)."
        value, places = W, 0
    sol = _sol(_mx(r"W_{lk} = \Delta m\cdot c^2 = <d>\cdot 931{,}5 \approx <W>\ \text{MeV}", d=dm_text.replace(",", "{,}"), W=_tn(W, 2))
               + ("; " + _mx(r"W_{lkr} = \dfrac{W_{lk}}{A} \approx <w>\ \text{MeV/nucleon}", w=_tn(W / A, 2)) if specific else "") + ".")  # fmt: skip
    return _it(_sn(stem, value, sol, places), "vat-ly", 12, "Bài 22", 2, "hieu")


def t_ly12_khi_tf(r):
    p1, V1 = r.choice([1, 2, 3]), r.choice([4, 6, 8, 12])
    V2 = r.choice([v for v in (2, 3, 4, 6) if v != V1])
    p2 = Fraction(p1 * V1, V2)
    truth = _mix(r)
    statements = [
        ("Đây là quá trình " + ("đẳng nhiệt." if truth[0] else "đẳng áp."), truth[0]),
        ("Áp suất khí lúc sau là " + _u(p2 if truth[1] else Fraction(p1 * V2, V1), "atm", 2) + ".", truth[1] or p2 == Fraction(p1 * V2, V1)),
        ("Tích pV của lượng khí " + ("không đổi" if truth[2] else "tăng gấp đôi") + " trong quá trình này.", truth[2]),
        ("Mật độ phân tử khí trong xi lanh " + (("tăng" if V2 < V1 else "giảm") if truth[3] else ("giảm" if V2 < V1 else "tăng")) + ".", truth[3]),
    ]  # fmt: skip
    if not truth[1] and p2 == Fraction(p1 * V2, V1):
        return None
    action = "nén chậm" if V2 < V1 else "cho dãn nở chậm"
    stem = f"Một lượng khí xác định trong xi lanh có áp suất {p1} atm, thể tích {V1} lít. Người ta {action} khí đến thể tích {V2} lít, nhiệt độ khí được giữ không đổi. Xét tính đúng, sai của các phát biểu sau."
    sol = _sol(
        "Quá trình đẳng nhiệt, áp dụng định luật Boyle: "
        + _mx(r"p_2 = \dfrac{p_1V_1}{V_2} = <p>\ \text{atm}", p=_tn(p2, 2))
        + "; thể tích giảm thì mật độ phân tử tăng và ngược lại."
    )
    return _it(_tf(stem, statements, sol), "vat-ly", 12, "Bài 9", 2, "hieu")


def t_ly12_group_khi(r):
    k = r.choice([12, 24, 36, 48, 60])
    Vs = sorted(r.sample([2, 3, 4, 6, 8, 12], 4))
    ps = [Fraction(k, V) for V in Vs]
    row_v = "".join(f"<td>{V}</td>" for V in Vs)
    row_p = "".join(f"<td>{_vn(p, 2)}</td>" for p in ps)
    stimulus = (
        "<p>Một nhóm học sinh dùng bộ thí nghiệm gồm xi lanh kín có pit-tông và áp kế để khảo sát một lượng "
        "khí xác định, giữ nhiệt độ khí không đổi. Kết quả đo được ghi trong bảng:</p>"
        f"<table><tbody><tr><th>V (cm³)</th>{row_v}</tr><tr><th>p (10⁵ Pa)</th>{row_p}</tr></tbody></table>"
    )
    Vx = r.choice([v for v in (1, 1.5, 5, 10, 16, 20) if v not in Vs])
    px = k / Vx
    q1 = _sn(
        f"Từ bảng số liệu (V = {Vs[0]} cm³ ứng với p = {_vn(ps[0], 2)}·10⁵ Pa), tính tích pV của lượng khí (đơn vị: 10⁵ Pa·cm³).",
        k,
        _sol("Tích pV ở mọi lần đo đều bằng " + _m(str(k)) + "."),
    )
    q2 = _sn(
        f"Với lượng khí trong bảng số liệu trên (pV = {k}·10⁵ Pa·cm³), nếu nén đẳng nhiệt khí đến thể tích {_vn(Vx)} cm³ thì áp suất bằng bao nhiêu (đơn vị: 10⁵ Pa, làm tròn kết quả đến hàng phần mười)?",
        px,
        _sol(_mx(r"p = \dfrac{<k>}{<V>} \approx <p>", k=k, V=_tn(Vx), p=_tn(px, 2)) + " (10⁵ Pa)."),
        1,
    )
    q3 = _sc(
        r,
        f"Đồ thị biểu diễn p theo 1/V của lượng khí trong bảng số liệu (tích pV = {k}·10⁵ Pa·cm³) có dạng",
        "đường thẳng đi qua gốc toạ độ",
        ["đường hypebol", "đường thẳng song song với trục hoành", "đường parabol"],
        _sol("p = (pV)·(1/V) nên p tỉ lệ thuận với 1/V: đồ thị là đường thẳng qua gốc toạ độ."),
        none_option=False,
    )
    items = [
        _it(q1, "vat-ly", 12, "Bài 9", 1, "biet"),
        _it(q2, "vat-ly", 12, "Bài 9", 2, "hieu"),
        _it(q3, "vat-ly", 12, "Bài 9", 1, "hieu"),
    ]
    if any(i is None for i in items):
        return None
    return _Group(
        title=f"Thí nghiệm khảo sát định luật Boyle (pV = {k})", stimulus=stimulus, items=items
    )


def t_ly12_mr(r):
    sym, Z, A = r.choice(_NUCLIDES)
    N = A - Z
    options = [
        (f"Hạt nhân có {Z} proton.", True),
        (f"Hạt nhân có {N} neutron.", True),
        (f"Hạt nhân có {A} nucleon.", True),
        (f"Hạt nhân có {A} neutron.", False),
        (f"Nguyên tử trung hoà tương ứng có {A - Z} electron.", N == Z),
    ]
    if N == Z:
        return None
    chosen = r.sample(options[:3], r.choice([2, 3])) + options[3:]
    stem = f"Những phát biểu nào sau đây đúng về hạt nhân {_nuc(sym, Z, A)}?"
    sol = _sol(
        f"Z = {Z} proton; A = {A} nucleon; N = A − Z = {N} neutron; nguyên tử trung hoà có {Z} electron."
    )
    return _it(_mr(r, stem, chosen, sol), "vat-ly", 12, "Bài 21", 3, "hieu")


def t_ly12_cloze(r):
    sym, Z, A, T, unit = r.choice(_HALF_LIVES)
    m0 = r.choice([16, 32, 64, 80, 160])
    stem = (
        f"Chất phóng xạ {_nuc(sym, Z, A)} có chu kì bán rã {_vn(T)} {unit}. Từ {m0} g ban đầu, sau {_vn(T)} {unit} còn lại "
        f"{{{{1}}}} g, sau {_vn(2 * T)} {unit} còn lại {{{{2}}}} g và sau {_vn(3 * T)} {unit} còn lại {{{{3}}}} g chưa phân rã."
    )
    sol = _sol("Cứ sau mỗi chu kì bán rã, khối lượng chất phóng xạ còn lại giảm một nửa.")
    return _it(
        _cloze(stem, [_bn(Fraction(m0, 2)), _bn(Fraction(m0, 4)), _bn(Fraction(m0, 8))], sol),
        "vat-ly",
        12,
        "Bài 23",
        2,
        "hieu",
    )


def t_ly12_match(r):
    sym, Z, A = r.choice(_NUCLIDES)
    pairs = [("Số proton", str(Z)), ("Số nucleon", str(A)), ("Số neutron", str(A - Z)),
             ("Điện tích hạt nhân", f"+{Z}e")]  # fmt: skip
    if len({b for _, b in pairs}) < 4:
        return None
    stem = f"Ghép mỗi đại lượng của hạt nhân {_nuc(sym, Z, A)} ở cột trái với giá trị tương ứng ở cột phải."
    return _it(_match(r, stem, pairs, [str(A + Z)]), "vat-ly", 12, "Bài 21", 3, "biet")


def t_ly12_order(r):
    chosen = r.sample(_NUCLIDES, 4)
    if len({A - Z for _, Z, A in chosen}) < 4:
        return None
    listed = "; ".join(_nuc(*c) for c in chosen)
    chosen.sort(key=lambda c: c[2] - c[1])
    stem = f"Sắp xếp các hạt nhân sau theo thứ tự số neutron tăng dần: {listed}."
    sol = _sol("; ".join(_nuc(*c) + f": N = {c[2] - c[1]}" for c in chosen) + ".")
    return _it(_order(stem, [_nuc(*c) for c in chosen], sol), "vat-ly", 12, "Bài 21", 3, "hieu")


def t_ly12_essay(r):
    p1, V1, t1 = r.choice([1, 2]), r.choice([10, 12, 20]), r.choice([27, 17, 7])
    t2 = r.choice([127, 227, 77])
    T1, T2 = t1 + 273, t2 + 273
    p2 = Fraction(p1 * T2, T1)
    stem = (
        f"Một bình kín có thể tích không đổi {V1} lít chứa khí lí tưởng ở áp suất {p1} atm, nhiệt độ {t1} °C. Đun nóng bình đến {t2} °C. "
        "a) Quá trình biến đổi trạng thái của khí là quá trình gì? b) Tính áp suất khí lúc sau. c) Giải thích vì sao áp suất tăng "
        "theo mô hình động học phân tử. (Lấy T = t + 273.)"
    )
    guide = [
        ("a) Nhận ra quá trình đẳng tích (thể tích không đổi)", 0.5),
        ("b) " + _mx(r"\dfrac{p_1}{T_1} = \dfrac{p_2}{T_2} \Rightarrow p_2 = <p>\ \text{atm}", p=_tn(p2, 2)), 1.0),
        ("c) Nhiệt độ tăng, phân tử chuyển động nhanh hơn, va chạm vào thành bình mạnh và nhiều hơn nên áp suất tăng", 0.5),
    ]  # fmt: skip
    return _it(_essay(stem, guide), "vat-ly", 12, "Bài 13", 1, "van_dung")


def _ly12_plan():
    return [
        (_facts_template(_LY12_FACTS, "vat-ly", 12), 11),
        (t_ly12_nhiet_do, 8),
        (t_ly12_nhiet_luong, 14),
        (t_ly12_noi_nang, 8),
        (t_ly12_khi, 16),
        (t_ly12_phan_tu, 5),
        (t_ly12_tu_truong, 20),
        (t_ly12_hat_nhan, 16),
        (t_ly12_khi_tf, 6),
        (t_ly12_group_khi, 2),
        (t_ly12_mr, 4),
        (t_ly12_cloze, 4),
        (t_ly12_match, 4),
        (t_ly12_order, 4),
        (t_ly12_essay, 3),
    ]
