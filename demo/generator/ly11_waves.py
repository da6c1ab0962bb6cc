"""Vật lí 11: facts, oscillations, pendulums, waves and electric fields."""

from __future__ import annotations

import math
from fractions import Fraction

from demo.generator.builders import _it, _mx, _sc, _sn, _tf
from demo.generator.data import tables
from demo.generator.science import _u
from demo.generator.text import _fx, _m, _mix, _sol, _tn, _vn

_LY11_FACTS = tables("vat-ly-11")["ly11_facts"]


def _omega_tex(k) -> str:
    return r"\pi" if k == 1 else f"{_fx(k)}" + r"\pi"


def t_ly11_dao_dong(r):
    A = r.choice([2, 3, 4, 5, 6, 8, 10, 12])
    k = r.choice([1, 2, 4, 5, 10, Fraction(1, 2), 3])
    phi = r.choice([0, 1, 2, -1, -2, 3, 6])  # φ = π/phi
    phi_tex = {
        0: "",
        1: r" + \pi",
        2: r" + \dfrac{\pi}{2}",
        -1: r" - \pi",
        -2: r" - \dfrac{\pi}{2}",
        3: r" + \dfrac{\pi}{3}",
        6: r" - \dfrac{\pi}{6}",
    }[phi]
    eq = _m(r"x = " + str(A) + r"\cos(" + _omega_tex(k) + " t" + phi_tex + ")")
    omega = float(k) * math.pi
    T = Fraction(2) / Fraction(k)
    f = 1 / T
    intro = f"Một vật dao động điều hoà với phương trình {eq} (x tính bằng cm, t tính bằng s). "
    kind = r.choice(["A", "T", "f", "vmax", "amax", "tf"])
    if kind == "A":
        stem = intro + "Biên độ và tần số góc của dao động lần lượt là"
        key = f"{A} cm và " + _m(_omega_tex(k)) + " rad/s"
        wrong = [f"{2 * A} cm và " + _m(_omega_tex(k)) + " rad/s", f"{A} cm và " + _m(_omega_tex(k * 2)) + " rad/s",
                 f"{A} cm và {_vn(k)} rad/s", f"{A // 2 if A > 2 else A + 1} cm và " + _m(_omega_tex(k)) + " rad/s"]  # fmt: skip
        sol = _sol("Đối chiếu với " + _m(r"x = A\cos(\omega t + \varphi)") + ".")
        return _it(_sc(r, stem, key, wrong, sol), "vat-ly", 11, "Bài 1", 2, "biet")
    if kind == "T":
        stem = intro + "Tính chu kì dao động của vật (đơn vị: s)."
        sol = _sol(
            _mx(
                r"T = \dfrac{2\pi}{\omega} = \dfrac{2\pi}{<w>} = <T>\ \text{s}",
                w=_omega_tex(k),
                T=_tn(T),
            )
            + "."
        )
        return _it(_sn(stem, T, sol, 2), "vat-ly", 11, "Bài 2", 2, "biet")
    if kind == "f":
        stem = intro + "Tính tần số dao động của vật (đơn vị: Hz)."
        sol = _sol(_mx(r"f = \dfrac{\omega}{2\pi} = <f>\ \text{Hz}", f=_tn(f)) + ".")
        return _it(_sn(stem, f, sol, 2), "vat-ly", 11, "Bài 2", 2, "biet")
    if kind == "vmax":
        vmax = omega * A
        stem = (
            intro + "Tính tốc độ cực đại của vật (đơn vị: cm/s, làm tròn kết quả đến hàng đơn vị)."
        )
        sol = _sol(
            _mx(
                r"v_{max} = \omega A = <w>\cdot <A> \approx <v>\ \text{cm/s}",
                w=_omega_tex(k),
                A=A,
                v=_tn(vmax, 1),
            )
            + "."
        )
        return _it(_sn(stem, vmax, sol), "vat-ly", 11, "Bài 3", 2, "hieu")
    return _ly11_dao_dong_other_kinds(r, kind, intro, A, omega, k, T)


def _ly11_dao_dong_other_kinds(r, kind, intro, A, omega, k, T):
    if kind == "amax":
        amax = omega * omega * A / 100
        stem = (
            intro
            + "Tính độ lớn gia tốc cực đại của vật (đơn vị: m/s², làm tròn kết quả đến hàng phần mười)."
        )
        sol = _sol(
            _mx(
                r"a_{max} = \omega^2A = (<w>)^2\cdot <A>\ \text{cm/s}^2 \approx <a>\ \text{m/s}^2",
                w=_omega_tex(k),
                A=A,
                a=_tn(amax, 2),
            )
            + "."
        )
        return _it(_sn(stem, amax, sol, 1), "vat-ly", 11, "Bài 3", 3, "hieu")
    truth = _mix(r)
    statements = [
        (f"Biên độ dao động là {A if truth[0] else 2 * A} cm.", truth[0]),
        (
            "Chu kì dao động là " + _u(T if truth[1] else 1 / T, "s", 2) + ".",
            truth[1] or T == 1 / T,
        ),
        (
            "Tốc độ cực đại của vật xấp xỉ "
            + _u(omega * A if truth[2] else omega * A * 2, "cm/s", 1)
            + ".",
            truth[2],
        ),
        (
            "Quãng đường vật đi được trong một chu kì là "
            + _u(4 * A if truth[3] else 2 * A, "cm")
            + ".",
            truth[3],
        ),
    ]
    if not truth[1] and T == 1 / T:
        return None
    stem = intro + "Xét tính đúng, sai của các phát biểu sau."
    sol = _sol(
        _mx(r"A = <A>\ \text{cm};\ T = \dfrac{2\pi}{\omega} = <T>\ \text{s};\ v_{max} = \omega A \approx <v>\ \text{cm/s}", A=A, T=_tn(T), v=_tn(omega * A, 1))
        + "; trong một chu kì vật đi được quãng đường " + _m("4A") + "."
    )  # fmt: skip
    return _it(_tf(stem, statements, sol), "vat-ly", 11, "Bài 4", 1, "van_dung")


def t_ly11_con_lac(r):
    if r.random() < 0.5:
        m = r.choice([0.1, 0.2, 0.25, 0.4, 0.5, 1])
        k = r.choice([10, 20, 25, 40, 50, 100, 200])
        if r.random() < 0.5:
            T = 2 * math.pi * math.sqrt(m / k)
            stem = f"Một con lắc lò xo gồm vật nhỏ khối lượng {_vn(m)} kg và lò xo nhẹ có độ cứng {k} N/m, dao động điều hoà. Tính chu kì dao động của con lắc (đơn vị: s, làm tròn kết quả đến hàng phần trăm)."
            sol = _sol(
                _mx(
                    r"T = 2\pi\sqrt{\dfrac{m}{k}} = 2\pi\sqrt{\dfrac{<m>}{<k>}} \approx <T>\ \text{s}",
                    m=_tn(m),
                    k=k,
                    T=_tn(T, 3),
                )
                + "."
            )
            return _it(_sn(stem, T, sol, 2), "vat-ly", 11, "Bài 2", 2, "hieu")
        A = r.choice([2, 4, 5, 6, 8, 10])
        W = 0.5 * k * (A / 100) ** 2 * 1000
        stem = f"Một con lắc lò xo có độ cứng {k} N/m dao động điều hoà với biên độ {A} cm. Tính cơ năng của con lắc (đơn vị: mJ, làm tròn kết quả đến hàng đơn vị)."
        sol = _sol(
            _mx(
                r"W = \dfrac{1}{2}kA^2 = \dfrac{1}{2}\cdot <k>\cdot <A>^2 = <W>\ \text{J}",
                k=k,
                A=_tn(A / 100),
                W=_tn(W / 1000, 4),
            )
            + " = "
            + _vn(W, 1)
            + " mJ."
        )
        return _it(_sn(stem, W, sol), "vat-ly", 11, "Bài 7", 1, "hieu")
    length = r.choice([0.25, 0.5, 0.64, 0.81, 1, 1.21, 1.44, 2])
    g = r.choice([9.8, 10, 9.81])
    T = 2 * math.pi * math.sqrt(length / g)
    stem = f"Một con lắc đơn có chiều dài dây treo {_vn(length)} m dao động điều hoà tại nơi có gia tốc trọng trường g = {_vn(g)} m/s². Tính chu kì dao động của con lắc (đơn vị: s, làm tròn kết quả đến hàng phần trăm)."
    sol = _sol(
        _mx(
            r"T = 2\pi\sqrt{\dfrac{l}{g}} = 2\pi\sqrt{\dfrac{<l>}{<g>}} \approx <T>\ \text{s}",
            l=_tn(length),
            g=_tn(g),
            T=_tn(T, 3),
        )
        + "."
    )
    return _it(_sn(stem, T, sol, 2), "vat-ly", 11, "Bài 4", 1, "hieu")


def t_ly11_song(r):
    kind = r.choice(["lambda", "v", "giao_thoa", "song_dung", "dien_tu"])
    if kind == "lambda":
        v = r.choice([1.2, 1.5, 2, 3, 340, 330, 1500, 0.6, 0.8])
        f = r.choice([2, 4, 5, 10, 20, 50, 100, 200, 440, 500])
        lam = v / f
        unit, scale = ("cm", 100) if lam < 1 else ("m", 1)
        stem = f"Một sóng cơ có tần số {f} Hz truyền trong một môi trường với tốc độ {_vn(v)} m/s. Tính bước sóng (đơn vị: {unit}, làm tròn kết quả đến hàng phần mười)."
        sol = _sol(
            _mx(
                r"\lambda = \dfrac{v}{f} = \dfrac{<v>}{<f>} = <l>\ \text{m}",
                v=_tn(v),
                f=f,
                l=_tn(lam, 4),
            )
            + (f" = {_vn(lam * 100, 2)} cm." if unit == "cm" else ".")
        )
        return _it(_sn(stem, lam * scale, sol, 1), "vat-ly", 11, "Bài 8", 2, "biet")
    if kind == "v":
        d = r.choice([10, 20, 40, 50, 60, 80])
        n = r.randint(3, 9)
        lam = Fraction(d, n - 1)
        f = Fraction(r.randint(2, 10))
        v = lam * f / 100
        stem = (
            f"Trên mặt nước, một nguồn dao động với tần số {f} Hz tạo ra sóng tròn. Người ta đo được khoảng "
            f"cách giữa {n} gợn lồi liên tiếp là {d} cm. Tính tốc độ truyền sóng (đơn vị: m/s, làm tròn kết "
            "quả đến hàng phần trăm)."
        )
        sol = _sol(
            _mx(
                r"<k>\lambda = <d>\ \text{cm} \Rightarrow \lambda = <l>\ \text{cm};\ v = \lambda f \approx <v>\ \text{m/s}",
                k=n - 1,
                d=d,
                l=_tn(lam, 3),
                v=_tn(v, 2),
            )
            + "."
        )
        return _it(_sn(stem, v, sol, 2), "vat-ly", 11, "Bài 8", 2, "hieu")
    return _ly11_song_other_kinds(r, kind)


def _ly11_song_other_kinds(r, kind):
    if kind == "giao_thoa":
        lam = r.choice([0.4, 0.45, 0.5, 0.55, 0.6, 0.64, 0.7, 0.75])
        D = r.choice([1, 1.2, 1.5, 2, 2.5])
        a = r.choice([0.5, 1, 1.2, 1.5, 2])
        i = lam * D / a
        k = r.randint(2, 5)
        if r.random() < 0.5:
            stem = f"Trong thí nghiệm Young về giao thoa ánh sáng, khoảng cách giữa hai khe là {_vn(a)} mm, khoảng cách từ hai khe đến màn là {_vn(D)} m, ánh sáng đơn sắc có bước sóng {_vn(lam)} μm. Tính khoảng vân (đơn vị: mm, làm tròn kết quả đến hàng phần trăm)."
            sol = _sol(
                _mx(
                    r"i = \dfrac{\lambda D}{a} = \dfrac{<l>\cdot <D>}{<a>} \approx <i>\ \text{mm}",
                    l=_tn(lam),
                    D=_tn(D),
                    a=_tn(a),
                    i=_tn(i, 3),
                )
                + " (λ tính bằng μm, a tính bằng mm, D tính bằng m)."
            )
            return _it(_sn(stem, i, sol, 2), "vat-ly", 11, "Bài 12", 3, "hieu")
        stem = f"Trong thí nghiệm Young về giao thoa ánh sáng, a = {_vn(a)} mm, D = {_vn(D)} m, λ = {_vn(lam)} μm. Tính khoảng cách từ vân sáng trung tâm đến vân sáng bậc {k} (đơn vị: mm, làm tròn kết quả đến hàng phần mười)."
        sol = _sol(
            _mx(
                r"x_{<k>} = <k>i = <k>\cdot\dfrac{\lambda D}{a} \approx <x>\ \text{mm}",
                k=k,
                x=_tn(k * i, 2),
            )
            + "."
        )
        return _it(_sn(stem, k * i, sol, 1), "vat-ly", 11, "Bài 12", 3, "van_dung")
    if kind == "song_dung":
        L = r.choice([0.6, 0.8, 1, 1.2, 1.5, 2, 2.4])
        n = r.randint(2, 6)
        f = r.choice([20, 25, 40, 50, 60, 100])
        lam = 2 * L / n
        v = lam * f
        stem = f"Một sợi dây đàn hồi dài {_vn(L)} m có hai đầu cố định. Trên dây có sóng dừng với {n} bụng sóng, tần số sóng là {f} Hz. Tính tốc độ truyền sóng trên dây (đơn vị: m/s, làm tròn kết quả đến hàng đơn vị)."
        sol = _sol(
            _mx(
                r"l = n\dfrac{\lambda}{2} \Rightarrow \lambda = \dfrac{2l}{n} = <l>\ \text{m};\ v = \lambda f \approx <v>\ \text{m/s}",
                l=_tn(lam, 3),
                v=_tn(v, 1),
            )
            + "."
        )
        return _it(_sn(stem, v, sol), "vat-ly", 11, "Bài 13", 2, "van_dung")
    f = r.choice([88, 91, 95.5, 99.9, 100, 104.5, 600, 900, 1800, 2400])
    unit = "MHz"
    lam = 3e8 / (f * 1e6)
    stem = f"Một sóng điện từ có tần số {_vn(f)} {unit} truyền trong chân không với tốc độ 3·10⁸ m/s. Tính bước sóng của sóng này (đơn vị: m, làm tròn kết quả đến hàng phần trăm)."
    sol = _sol(
        _mx(
            r"\lambda = \dfrac{c}{f} = \dfrac{3\cdot 10^8}{<f>\cdot 10^6} \approx <l>\ \text{m}",
            f=_tn(f),
            l=_tn(lam, 3),
        )
        + "."
    )
    return _it(_sn(stem, lam, sol, 2), "vat-ly", 11, "Bài 11", 2, "hieu")


def t_ly11_dien_truong(r):
    kind = r.choice(["coulomb", "E", "A", "C", "W"])
    if kind == "coulomb":
        q1, q2 = r.choice([1, 2, 3, 4, 5, 6]), r.choice([1, 2, 3, 4, 5, 8])
        rr = r.choice([3, 5, 6, 10, 15, 20, 30])
        F = 9e9 * q1 * 1e-6 * q2 * 1e-6 / (rr / 100) ** 2
        stem = f"Hai điện tích điểm q₁ = {q1}·10⁻⁶ C và q₂ = −{q2}·10⁻⁶ C đặt cách nhau {rr} cm trong chân không. Lấy k = 9·10⁹ N·m²/C². Tính độ lớn lực tương tác giữa chúng (đơn vị: N, làm tròn kết quả đến hàng phần mười)."
        sol = _sol(
            _mx(
                r"F = k\dfrac{|q_1q_2|}{r^2} = 9\cdot 10^9\cdot\dfrac{<a>\cdot 10^{-6}\cdot <b>\cdot 10^{-6}}{<r>^2} \approx <F>\ \text{N}",
                a=q1,
                b=q2,
                r=_tn(rr / 100),
                F=_tn(F, 2),
            )
            + "; đây là lực hút vì hai điện tích trái dấu."
        )
        return _it(_sn(stem, F, sol, 1), "vat-ly", 11, "Bài 16", 2, "hieu")
    if kind == "E":
        U = r.choice([50, 100, 120, 200, 220, 300, 500, 1000])
        d = r.choice([1, 2, 4, 5, 10])
        E = U / (d / 100)
        stem = f"Hai bản kim loại phẳng đặt song song, cách nhau {d} cm, được nối với hiệu điện thế {U} V. Cường độ điện trường đều giữa hai bản có độ lớn là"
        sol = _sol(
            _mx(
                r"E = \dfrac{U}{d} = \dfrac{<U>}{<d>} = <E>\ \text{V/m}",
                U=U,
                d=_tn(d / 100),
                E=_tn(E),
            )
            + "."
        )
        wrong = [U * d / 100, U / d, E * 10, E / 100]
        q_ = _sc(r, stem, _u(E, "V/m"), [_u(w, "V/m", 2) for w in wrong], sol)
        return _it(q_, "vat-ly", 11, "Bài 18", 1, "biet")
    return _ly11_dien_truong_other_kinds(r, kind)


def _ly11_dien_truong_other_kinds(r, kind):
    if kind == "A":
        q = r.choice([1, 2, 3, 4, 5])
        E = r.choice([100, 200, 500, 1000, 2000])
        d = r.choice([2, 5, 10, 20, 50])
        A = q * 1e-6 * E * d / 100 * 1e6
        stem = f"Một điện tích q = {q}·10⁻⁶ C dịch chuyển dọc theo một đường sức của điện trường đều có cường độ {E} V/m, theo chiều đường sức, được quãng đường {d} cm. Tính công của lực điện (đơn vị: μJ)."
        sol = _sol(
            _mx(
                r"A = qEd = <q>\cdot 10^{-6}\cdot <E>\cdot <d> = <A>\cdot 10^{-6}\ \text{J}",
                q=q,
                E=E,
                d=_tn(d / 100),
                A=_tn(A),
            )
            + "."
        )
        return _it(_sn(stem, A, sol, 1), "vat-ly", 11, "Bài 19", 2, "hieu")
    C1, C2 = r.choice([2, 3, 4, 6, 10, 12]), r.choice([2, 3, 4, 6, 10, 12])
    U = r.choice([6, 9, 12, 20, 24, 50, 100])
    if kind == "C":
        series = r.random() < 0.5
        C = Fraction(C1 * C2, C1 + C2) if series else Fraction(C1 + C2)
        Q = C * U
        how = "nối tiếp" if series else "song song"
        stem = f"Hai tụ điện có điện dung C₁ = {C1} μF và C₂ = {C2} μF được mắc {how} rồi nối vào hiệu điện thế {U} V. Tính điện tích của bộ tụ (đơn vị: μC, làm tròn kết quả đến hàng đơn vị)."
        formula = r"\dfrac{1}{C} = \dfrac{1}{C_1} + \dfrac{1}{C_2}" if series else "C = C_1 + C_2"
        sol = _sol(
            _m(formula)
            + " ⇒ "
            + _mx(
                r"C = <C>\ \mu\text{F};\ Q = CU \approx <Q>\ \mu\text{C}", C=_tn(C, 2), Q=_tn(Q, 1)
            )
            + "."
        )
        return _it(_sn(stem, Q, sol), "vat-ly", 11, "Bài 21", 2, "van_dung")
    W = 0.5 * C1 * 1e-6 * U * U * 1000
    stem = f"Một tụ điện có điện dung {C1} μF được tích điện ở hiệu điện thế {U} V. Tính năng lượng điện trường của tụ (đơn vị: mJ, làm tròn kết quả đến hàng phần mười)."
    sol = _sol(
        _mx(
            r"W = \dfrac{1}{2}CU^2 = \dfrac{1}{2}\cdot <C>\cdot 10^{-6}\cdot <U>^2 = <W>\ \text{J}",
            C=C1,
            U=U,
            W=_tn(W / 1000, 5),
        )
        + "."
    )
    return _it(_sn(stem, W, sol, 1), "vat-ly", 11, "Bài 21", 2, "hieu")
