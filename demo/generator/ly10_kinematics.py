"""Vật lí 10: facts, kinematics, forces, work, energy and efficiency."""

from __future__ import annotations

import math
from fractions import Fraction

from demo.generator.builders import _it, _mx, _sc, _sn, _tf
from demo.generator.data import tables
from demo.generator.science import _u
from demo.generator.text import _m, _mix, _poly, _sol, _tn, _vn

_LY10_FACTS = tables("vat-ly-10")["ly10_facts"]


def t_ly10_toc_do(r):
    kind = r.choice(["doi", "tb", "tb", "cong"])
    if kind == "doi":
        kmh = r.choice([18, 27, 36, 45, 54, 63, 72, 81, 90, 108, 126, 144])
        ms = Fraction(kmh * 10, 36)
        stem = f"Một ô tô chuyển động với tốc độ {kmh} km/h. Tốc độ này bằng"
        wrong = [Fraction(kmh * 36, 10), Fraction(kmh, 10), ms * 2, ms + 5]
        sol = _sol("Đổi đơn vị: " + _mx(r"1\ \text{km/h} = \dfrac{1000\ \text{m}}{3600\ \text{s}} = \dfrac{1}{3{,}6}\ \text{m/s}") + ", nên "
                   + _mx(r"v = \dfrac{<k>}{3{,}6} = <v>\ \text{m/s}", k=kmh, v=_tn(ms)) + ".")  # fmt: skip
        q_ = _sc(r, stem, _u(ms, "m/s"), [_u(w, "m/s", 1) for w in wrong], sol)
        return _it(q_, "vat-ly", 10, "Bài 5", 1, "biet")
    if kind == "tb":
        s1, s2 = r.randint(10, 80), r.randint(10, 80)
        v1, v2 = r.choice([30, 40, 45, 50, 60]), r.choice([20, 30, 40, 60, 75, 80])
        if v1 == v2:
            return None
        t = Fraction(s1, v1) + Fraction(s2, v2)
        vtb = (s1 + s2) / t
        stem = (
            f"Một xe máy đi {s1} km đầu với tốc độ {v1} km/h, sau đó đi tiếp {s2} km với tốc độ "
            f"{v2} km/h. Tính tốc độ trung bình của xe trên cả quãng đường (đơn vị: km/h, làm tròn "
            "kết quả đến hàng phần mười)."
        )
        sol = _sol(
            _mx(r"t = \dfrac{<a>}{<b>} + \dfrac{<c>}{<d>} \approx <t>\ \text{h}", a=s1, b=v1, c=s2, d=v2, t=_tn(t, 3)) + "; "
            + _mx(r"v_{tb} = \dfrac{s_1 + s_2}{t} \approx <v>\ \text{km/h}", v=_tn(vtb, 1)) + "."
        )  # fmt: skip
        return _it(_sn(stem, vtb, sol, 1), "vat-ly", 10, "Bài 5", 1, "hieu")
    vb, vw = r.randint(10, 30), r.randint(1, 5)
    d = r.randint(10, 60)
    down = r.random() < 0.5
    v = vb + vw if down else vb - vw
    t = Fraction(d, v)
    way = "xuôi dòng" if down else "ngược dòng"
    stem = (
        f"Một ca nô có tốc độ {vb} km/h so với nước, nước chảy với tốc độ {vw} km/h so với bờ. Ca "
        f"nô chạy {way} quãng đường {d} km. Tính thời gian ca nô đi hết quãng đường đó "
        "(đơn vị: giờ, làm tròn kết quả đến hàng phần mười)."
    )
    sol = _sol(
        "Công thức cộng vận tốc: " + _mx(r"v = <a> <s> <b> = <v>\ \text{km/h}", a=vb, s="+" if down else "-", b=vw, v=v)
        + "; " + _mx(r"t = \dfrac{<d>}{<v>} \approx <t>\ \text{h}", d=d, v=v, t=_tn(t, 1)) + "."
    )  # fmt: skip
    return _it(_sn(stem, t, sol, 1), "vat-ly", 10, "Bài 5", 3, "van_dung")


def t_ly10_bien_doi_deu(r):
    kind = r.choice(["v", "s", "phanh", "phanh"])
    if kind in ("v", "s"):
        v0 = r.choice([0, 0, 2, 4, 5, 10])
        a = r.choice([Fraction(1, 2), 1, Fraction(3, 2), 2, Fraction(5, 2), 3])
        t = r.randint(2, 12)
        v = v0 + a * t
        s = v0 * t + a * t * t / 2
        start = (
            "xuất phát từ trạng thái nghỉ"
            if v0 == 0
            else f"đang chuyển động với tốc độ {v0} m/s thì"
        )
        stem = f"Một ô tô {start} chuyển động thẳng nhanh dần đều với gia tốc {_u(a, 'm/s²')}. "
        if kind == "v":
            stem += f"Tính tốc độ của ô tô sau {t} s (đơn vị: m/s)."
            sol = _sol(
                _mx(
                    r"v = v_0 + at = <v0> + <a>\cdot <t> = <v>\ \text{m/s}",
                    v0=v0,
                    a=_tn(a),
                    t=t,
                    v=_tn(v),
                )
                + "."
            )
            return _it(_sn(stem, v, sol, 1), "vat-ly", 10, "Bài 9", 3, "biet")
        stem += f"Tính quãng đường ô tô đi được trong {t} s đầu (đơn vị: m)."
        sol = _sol(
            _mx(
                r"s = v_0t + \dfrac{1}{2}at^2 = <v0>\cdot <t> + \dfrac{1}{2}\cdot <a>\cdot <t>^2 = <s>\ \text{m}",
                v0=v0,
                t=t,
                a=_tn(a),
                s=_tn(s),
            )
            + "."
        )
        return _it(_sn(stem, s, sol, 1), "vat-ly", 10, "Bài 9", 3, "hieu")
    kmh = r.choice([36, 54, 72, 90, 108])
    v0 = Fraction(kmh * 10, 36)
    s = r.choice([20, 25, 40, 50, 75, 100])
    a = -v0 * v0 / (2 * s)
    t = -v0 / a
    if r.random() < 0.5:
        stem = (
            f"Một ô tô đang chạy với tốc độ {kmh} km/h thì hãm phanh, chuyển động chậm dần đều và "
            f"dừng lại sau khi đi thêm {s} m. Tính độ lớn gia tốc của ô tô (đơn vị: m/s², làm tròn "
            "kết quả đến hàng phần mười)."
        )
        sol = _sol(
            _mx(r"v_0 = <v>\ \text{m/s}", v=_tn(v0)) + "; " + _mx(r"v^2 - v_0^2 = 2as \Rightarrow a = -\dfrac{v_0^2}{2s} = -\dfrac{<v>^2}{2\cdot <s>} \approx <a>\ \text{m/s}^2", v=_tn(v0), s=s, a=_tn(a, 2))
            + "; độ lớn gia tốc " + _mx(r"\approx <a>\ \text{m/s}^2", a=_tn(-a, 1)) + "."
        )  # fmt: skip
        return _it(_sn(stem, -a, sol, 1), "vat-ly", 10, "Bài 9", 3, "van_dung")
    stem = (
        f"Một ô tô đang chạy với tốc độ {kmh} km/h thì hãm phanh, chuyển động chậm dần đều và "
        f"dừng lại sau khi đi thêm {s} m. Tính thời gian hãm phanh (đơn vị: s, làm tròn kết quả đến "
        "hàng phần mười)."
    )
    sol = _sol(
        _mx(r"a = -\dfrac{v_0^2}{2s} \approx <a>\ \text{m/s}^2", a=_tn(a, 3)) + "; "
        + _mx(r"t = \dfrac{0 - v_0}{a} \approx <t>\ \text{s}", t=_tn(t, 1)) + "."
    )  # fmt: skip
    return _it(_sn(stem, t, sol, 1), "vat-ly", 10, "Bài 9", 3, "van_dung")


def t_ly10_bien_doi_deu_tf(r):
    v0 = r.choice([0, 2, 3, 4, 5])
    a = r.choice([1, 2, 3, Fraction(1, 2)])
    t = r.randint(3, 8)
    truth = _mix(r)
    v = v0 + a * t
    s = v0 * t + a * t * t / 2
    statements = [
        ("Vật chuyển động thẳng " + ("nhanh" if truth[0] else "chậm") + " dần đều.", truth[0]),
        (f"Gia tốc của vật là {_u(a if truth[1] else 2 * a, 'm/s²')}.", truth[1]),
        (
            f"Tốc độ của vật tại thời điểm t = {t} s là {_u(v if truth[2] else v + a, 'm/s')}.",
            truth[2],
        ),
        (
            f"Quãng đường vật đi được trong {t} s đầu là {_u(s if truth[3] else v * t, 'm')}.",
            truth[3] or v * t == s,
        ),
    ]
    if not truth[3] and v * t == s:
        return None
    eq = _m("v = " + _poly([a, v0], "t")) + " (m/s)"
    stem = (
        f"Một vật chuyển động thẳng có phương trình vận tốc {eq}, với "
        + _m("t")
        + " tính bằng giây. Xét tính đúng, sai của các phát biểu sau."
    )
    sol = _sol(
        "Đối chiếu với " + _m("v = v_0 + at") + ": " + _mx(r"v_0 = <v0>\ \text{m/s}", v0=v0) + ", "
        + _mx(r"a = <a>\ \text{m/s}^2", a=_tn(a)) + " (cùng dấu với v nên nhanh dần đều).",
        _mx(r"v(<t>) = <v>\ \text{m/s}", t=t, v=_tn(v)) + "; " + _mx(r"s = v_0t + \dfrac{at^2}{2} = <s>\ \text{m}", s=_tn(s)) + ".",
    )  # fmt: skip
    return _it(_tf(stem, statements, sol), "vat-ly", 10, "Bài 9", 3, "hieu")


def t_ly10_roi_tu_do(r):
    g = r.choice([10, Fraction(98, 10)])
    h = r.choice([5, 10, 20, 45, 80, 125, 15, 30, 60, 100])
    t = math.sqrt(2 * h / float(g))
    v = float(g) * t
    gt = _tn(g)
    if r.random() < 0.5:
        stem = f"Một vật được thả rơi tự do từ độ cao {h} m so với mặt đất. Lấy g = {_vn(g)} m/s². Tính thời gian rơi của vật (đơn vị: s, làm tròn kết quả đến hàng phần mười)."
        sol = _sol(
            _mx(
                r"h = \dfrac{1}{2}gt^2 \Rightarrow t = \sqrt{\dfrac{2h}{g}} = \sqrt{\dfrac{2\cdot <h>}{<g>}} \approx <t>\ \text{s}",
                h=h,
                g=gt,
                t=_tn(t, 2),
            )
            + "."
        )
        return _it(_sn(stem, t, sol, 1), "vat-ly", 10, "Bài 10", 2, "hieu")
    stem = f"Một vật được thả rơi tự do từ độ cao {h} m so với mặt đất. Lấy g = {_vn(g)} m/s². Tính tốc độ của vật ngay trước khi chạm đất (đơn vị: m/s, làm tròn kết quả đến hàng phần mười)."
    sol = _sol(
        _mx(
            r"v = \sqrt{2gh} = \sqrt{2\cdot <g>\cdot <h>} \approx <v>\ \text{m/s}",
            g=gt,
            h=h,
            v=_tn(v, 2),
        )
        + "."
    )
    return _it(_sn(stem, v, sol, 1), "vat-ly", 10, "Bài 10", 2, "hieu")


def t_ly10_nem_ngang(r):
    h = r.choice([5, 20, 45, 80, 1.25, 3.2, 7.2, 11.25])
    v0 = r.randint(2, 20)
    t = math.sqrt(2 * h / 10)
    L = v0 * t
    stem = (
        f"Từ độ cao {_vn(h)} m so với mặt đất, một vật được ném theo phương ngang với tốc độ ban đầu "
        f"{v0} m/s. Bỏ qua sức cản của không khí, lấy g = 10 m/s². Tính tầm xa của vật (đơn vị: m, "
        "làm tròn kết quả đến hàng phần mười)."
    )
    sol = _sol(
        _mx(r"t = \sqrt{\dfrac{2h}{g}} = <t>\ \text{s}", t=_tn(t, 3)) + "; "
        + _mx(r"L = v_0t = <v>\cdot <t> = <L>\ \text{m}", v=v0, t=_tn(t, 3), L=_tn(L, 2)) + "."
    )  # fmt: skip
    return _it(_sn(stem, L, sol, 1), "vat-ly", 10, "Bài 12", 1, "van_dung")


def t_ly10_newton(r):
    kind = r.choice(["a", "F", "ma_sat", "ma_sat"])
    m = r.choice([2, 4, 5, 8, 10, 20, 50, 0.5, 1.5])
    if kind == "a":
        F = r.randint(2, 40)
        a = Fraction(F) / Fraction(str(m))
        stem = f"Một lực không đổi có độ lớn {F} N tác dụng vào vật có khối lượng {_vn(m)} kg đang đứng yên trên mặt phẳng nằm ngang nhẵn. Gia tốc của vật có độ lớn là"
        sol = _sol(
            _mx(
                r"a = \dfrac{F}{m} = \dfrac{<F>}{<m>} = <a>\ \text{m/s}^2",
                F=F,
                m=_tn(m),
                a=_tn(a, 2),
            )
            + "."
        )
        wrong = [Fraction(F) * Fraction(str(m)), Fraction(str(m)) / F, a * 2, a + 1]
        q_ = _sc(r, stem, _u(a, "m/s²", 2), [_u(w, "m/s²", 2) for w in wrong], sol)
        return _it(q_, "vat-ly", 10, "Bài 15", 1, "biet")
    if kind == "F":
        v0, v1, t = r.choice([0, 2, 5]), r.choice([10, 12, 15, 20]), r.randint(2, 10)
        mass = r.choice([500, 800, 1000, 1200, 1500])
        a = Fraction(v1 - v0, t)
        F = mass * a
        stem = (
            f"Một ô tô khối lượng {mass} kg tăng tốc đều từ {v0} m/s lên {v1} m/s trong {t} s. Bỏ qua "
            "ma sát và lực cản. Tính độ lớn hợp lực tác dụng lên ô tô (đơn vị: N, làm tròn kết quả đến hàng đơn vị)."
        )
        sol = _sol(
            _mx(r"a = \dfrac{v - v_0}{t} = \dfrac{<v1> - <v0>}{<t>} \approx <a>\ \text{m/s}^2", v1=v1, v0=v0, t=t, a=_tn(a, 3))
            + "; " + _mx(r"F = ma \approx <F>\ \text{N}", F=_tn(F, 0)) + "."
        )  # fmt: skip
        return _it(_sn(stem, F, sol), "vat-ly", 10, "Bài 15", 1, "hieu")
    mu = r.choice(
        [Fraction(1, 10), Fraction(2, 10), Fraction(25, 100), Fraction(3, 10), Fraction(5, 100)]
    )
    F = r.randint(5, 60)
    mm = Fraction(str(m))
    a = (F - mu * mm * 10) / mm
    if a <= 0:
        return None
    stem = (
        f"Một vật khối lượng {_vn(m)} kg được kéo trên mặt sàn nằm ngang bởi lực {F} N có phương song song "
        f"với mặt sàn. Hệ số ma sát trượt giữa vật và sàn là {_vn(mu)}, lấy g = 10 m/s². Tính gia tốc "
        "của vật (đơn vị: m/s², làm tròn kết quả đến hàng phần mười)."
    )
    sol = _sol(
        _mx(r"F_{ms} = \mu mg = <mu>\cdot <m>\cdot 10 = <f>\ \text{N}", mu=_tn(mu), m=_tn(m), f=_tn(mu * mm * 10)) + "; "
        + _mx(r"a = \dfrac{F - F_{ms}}{m} \approx <a>\ \text{m/s}^2", a=_tn(a, 2)) + "."
    )  # fmt: skip
    return _it(_sn(stem, a, sol, 1), "vat-ly", 10, "Bài 18", 2, "van_dung")


def t_ly10_moment(r):
    d1, d2 = r.randint(10, 80), r.randint(10, 80)
    F1 = r.randint(20, 300)
    F2 = Fraction(F1 * d1, d2)
    stem = (
        f"Một thanh cứng nhẹ có thể quay quanh một trục cố định. Lực {_m('F_1')} = {F1} N tác dụng lên "
        f"thanh với cánh tay đòn {d1} cm. Để thanh cân bằng, cần tác dụng lực {_m('F_2')} có cánh tay đòn "
        f"{d2} cm làm thanh có xu hướng quay theo chiều ngược lại. Tính độ lớn của {_m('F_2')} (đơn vị: N, "
        "làm tròn kết quả đến hàng phần mười)."
    )
    sol = _sol(
        "Quy tắc moment: "
        + _mx(
            r"F_1d_1 = F_2d_2 \Rightarrow F_2 = \dfrac{<F>\cdot <a>}{<b>} \approx <v>\ \text{N}",
            F=F1,
            a=d1,
            b=d2,
            v=_tn(F2, 1),
        )
        + "."
    )
    return _it(_sn(stem, F2, sol, 1), "vat-ly", 10, "Bài 21", 2, "hieu")


def t_ly10_cong(r):
    kind = r.choice(["A", "P", "Pv", "A"])
    if kind == "A":
        F = r.randint(10, 200)
        s = r.randint(2, 50)
        alpha = r.choice([0, 30, 45, 60, 90, 120])
        A = F * s * math.cos(math.radians(alpha))
        stem = (
            f"Một người kéo một thùng hàng bằng lực {F} N hợp với phương ngang góc {alpha}°, thùng dịch "
            f"chuyển {s} m theo phương ngang. Tính công của lực kéo (đơn vị: J, làm tròn kết quả đến "
            "hàng đơn vị)."
        )
        sol = _sol(
            _mx(
                r"A = Fs\cos\alpha = <F>\cdot <s>\cdot\cos <a>^\circ \approx <v>\ \text{J}",
                F=F,
                s=s,
                a=alpha,
                v=_tn(A, 0),
            )
            + "."
        )
        return _it(_sn(stem, A, sol), "vat-ly", 10, "Bài 23", 2, "hieu" if alpha else "biet")
    if kind == "P":
        m, h, t = r.choice([20, 50, 100, 200, 500]), r.randint(3, 30), r.randint(5, 60)
        P = Fraction(m * 10 * h, t)
        stem = (
            f"Một cần cẩu nâng đều một kiện hàng khối lượng {m} kg lên cao {h} m trong {t} s. Lấy g = 10 m/s². "
            "Tính công suất của cần cẩu (đơn vị: W, làm tròn kết quả đến hàng đơn vị)."
        )
        sol = _sol(_mx(r"A = mgh = <m>\cdot 10\cdot <h> = <A>\ \text{J}", m=m, h=h, A=m * 10 * h) + "; "
                   + _mx(r"P = \dfrac{A}{t} \approx <P>\ \text{W}", P=_tn(P, 0)) + ".")  # fmt: skip
        return _it(_sn(stem, P, sol), "vat-ly", 10, "Bài 24", 1, "hieu")
    F = r.randint(500, 4000)
    kmh = r.choice([36, 54, 72, 90])
    v = Fraction(kmh * 10, 36)
    P = F * v / 1000
    stem = (
        f"Một ô tô chuyển động thẳng đều với tốc độ {kmh} km/h, lực kéo của động cơ là {F} N. Tính "
        "công suất của động cơ (đơn vị: kW, làm tròn kết quả đến hàng phần mười)."
    )
    sol = _sol(
        _mx(r"P = Fv = <F>\cdot <v> = <P>\ \text{W}", F=F, v=_tn(v), P=_tn(F * v))
        + " ≈ "
        + _vn(P, 1)
        + " kW."
    )
    return _it(_sn(stem, P, sol, 1), "vat-ly", 10, "Bài 24", 2, "hieu")


def t_ly10_nang_luong(r):
    kind = r.choice(["Wd", "Wt", "v", "tf"])
    m = r.choice([0.2, 0.5, 1, 2, 5, 10, 50])
    if kind == "Wd":
        v = r.randint(2, 30)
        W = 0.5 * m * v * v
        stem = (
            f"Một vật khối lượng {_vn(m)} kg chuyển động với tốc độ {v} m/s. Động năng của vật là"
        )
        sol = _sol(
            _mx(
                r"W_đ = \dfrac{1}{2}mv^2 = \dfrac{1}{2}\cdot <m>\cdot <v>^2 = <W>\ \text{J}",
                m=_tn(m),
                v=v,
                W=_tn(W),
            )
            + "."
        )
        wrong = [m * v * v, 0.5 * m * v, m * v, W / 2]
        q_ = _sc(r, stem, _u(W, "J", 2), [_u(w, "J", 2) for w in wrong], sol)
        return _it(q_, "vat-ly", 10, "Bài 25", 1, "biet")
    if kind == "Wt":
        h = r.randint(2, 40)
        W = m * 10 * h
        stem = f"Một vật khối lượng {_vn(m)} kg ở độ cao {h} m so với mặt đất. Chọn mốc thế năng tại mặt đất, lấy g = 10 m/s². Tính thế năng trọng trường của vật (đơn vị: J)."
        sol = _sol(
            _mx(r"W_t = mgh = <m>\cdot 10\cdot <h> = <W>\ \text{J}", m=_tn(m), h=h, W=_tn(W)) + "."
        )
        return _it(_sn(stem, W, sol, 1), "vat-ly", 10, "Bài 25", 2, "biet")
    h = r.choice([0.8, 1.25, 1.8, 3.2, 5, 7.2, 20, 45])
    v = math.sqrt(2 * 10 * h)
    if kind == "v":
        stem = (
            f"Một vật nhỏ trượt không ma sát, không vận tốc đầu từ đỉnh một máng nghiêng có độ cao {_vn(h)} m. "
            "Lấy g = 10 m/s². Tính tốc độ của vật tại chân máng (đơn vị: m/s)."
        )
        sol = _sol(
            "Bảo toàn cơ năng: "
            + _mx(
                r"mgh = \dfrac{1}{2}mv^2 \Rightarrow v = \sqrt{2gh} = \sqrt{2\cdot 10\cdot <h>} = <v>\ \text{m/s}",
                h=_tn(h),
                v=_tn(v, 2),
            )
            + "."
        )
        return _it(_sn(stem, v, sol, 1), "vat-ly", 10, "Bài 26", 2, "hieu")
    truth = _mix(r)
    W = m * 10 * h
    statements = [
        ("Cơ năng của vật bằng " + _u(W if truth[0] else W / 2, "J", 2) + ".", truth[0]),
        ("Khi rơi xuống, thế năng của vật " + ("giảm" if truth[1] else "tăng") + " còn động năng " + ("tăng" if truth[1] else "giảm") + ".", truth[1]),
        ("Tốc độ của vật ngay trước khi chạm đất là " + _u(v if truth[2] else 2 * 10 * h, "m/s", 1) + ".", truth[2]),
        ("Tại độ cao " + _vn(h / 2) + " m, động năng của vật " + ("bằng" if truth[3] else "gấp đôi") + " thế năng của nó.", truth[3]),
    ]  # fmt: skip
    stem = (
        f"Một vật khối lượng {_vn(m)} kg được thả rơi tự do từ độ cao {_vn(h)} m so với mặt đất. Chọn mốc "
        "thế năng tại mặt đất, lấy g = 10 m/s², bỏ qua sức cản của không khí. Xét tính đúng, sai của các phát biểu sau."
    )
    sol = _sol(
        _mx(r"W = mgh = <W>\ \text{J}", W=_tn(W, 2)) + " và được bảo toàn; " + _mx(r"v = \sqrt{2gh} \approx <v>\ \text{m/s}", v=_tn(v, 2)) + ".",
        "Ở độ cao bằng nửa độ cao ban đầu, thế năng bằng một nửa cơ năng nên động năng bằng thế năng.",
    )  # fmt: skip
    return _it(_tf(stem, statements, sol), "vat-ly", 10, "Bài 26", 2, "van_dung")


def t_ly10_hieu_suat(r):
    m, h, t = r.choice([50, 80, 100, 200, 300]), r.randint(4, 20), r.randint(10, 40)
    P = r.choice([1000, 1500, 2000, 2500, 3000])
    useful = m * 10 * h
    total = P * t
    if useful >= total:
        return None
    H = Fraction(useful * 100, total)
    stem = (
        f"Một động cơ điện có công suất toàn phần {P} W nâng đều một vật khối lượng {m} kg lên cao {h} m "
        f"trong {t} s. Lấy g = 10 m/s². Tính hiệu suất của động cơ (đơn vị: %, làm tròn kết quả đến hàng đơn vị)."
    )
    sol = _sol(
        _mx(
            r"H = \dfrac{A_{ci}}{A_{tp}} = \dfrac{mgh}{Pt} = \dfrac{<u>}{<tot>} \approx <H>\%",
            u=useful,
            tot=total,
            H=_tn(H, 0),
        )
        + "."
    )
    return _it(_sn(stem, H, sol), "vat-ly", 10, "Bài 27", 2, "van_dung")
