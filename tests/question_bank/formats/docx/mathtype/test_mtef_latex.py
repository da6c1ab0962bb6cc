"""MTEF (MathType 5 and Equation Editor 3.0) → LaTeX, one construct per case.

The equations are built from MathType's published record layout (:mod:`.mtef_builder`);
every LaTeX produced must use only commands KaTeX renders (:data:`KATEX_COMMANDS`).
"""

from __future__ import annotations

import random
import re

import pytest

from question_bank.formats.docx.mathtype import (
    MathTypeError,
    MtefError,
    Unconvertible,
    mtef_to_latex,
    parse_mtef,
)
from tests.question_bank.formats.docx.mathtype.mtef_builder import (
    EXPAND,
    NULL,
    SYMBOL,
    V3,
    accent,
    arrow,
    big,
    char,
    char8,
    eq,
    fence,
    fn,
    frac,
    integral,
    limit,
    line,
    matrix,
    pile,
    sqrt,
    sub,
    subsup,
    sup,
    system,
    text,
    tmpl,
    v,
)

# Every command the converter may write, all rendered by KaTeX (checked against its docs).
KATEX_COMMANDS = {
    "frac", "dfrac", "sqrt", "left", "right", "middle", "begin", "end", "text", "mathrm",
    "mathbf", "mathbb", "operatorname", "limits", "nolimits", "int", "iint", "iiint", "oint",
    "oiint", "oiiint", "sum", "prod", "coprod", "bigcup", "bigcap", "bigvee", "bigwedge",
    "bigoplus", "bigotimes", "lim", "sin", "cos", "tan", "cot", "log", "ln", "max", "min",
    "xrightarrow", "xleftarrow", "xleftrightarrow", "xRightarrow", "xLeftarrow",
    "xLeftrightarrow", "xrightleftarrows", "xrightleftharpoons", "xleftrightharpoons",
    "xrightequilibrium", "xleftequilibrium", "overrightarrow", "overleftarrow",
    "overleftrightarrow", "vec", "hat", "widehat", "tilde", "widetilde", "bar", "overline",
    "underline", "dot", "ddot", "dddot", "overset", "underset", "frown", "smile",
    "overbrace", "underbrace", "boxed", "cancel", "bcancel", "xcancel", "langle", "rangle",
    "lfloor", "rfloor", "lceil", "rceil", "llbracket", "rrbracket", "alpha", "beta", "gamma",
    "delta", "pi", "varphi", "omega", "Delta", "Omega", "in", "notin", "subset", "cup", "cap",
    "infty", "le", "ge", "ne", "approx", "pm", "circ", "angle", "perp", "parallel",
    "triangle", "forall", "exists", "to", "Rightarrow", "Leftrightarrow", "rightleftharpoons",
    "varnothing", "cdot", "times", "ldots", "quad", "backsim", "cong",
}  # fmt: skip
_COMMAND = re.compile(r"\\([A-Za-z]+)")


def katex_safe(latex: str) -> str:
    unknown = set(_COMMAND.findall(latex)) - KATEX_COMMANDS
    assert not unknown, f"commands KaTeX may not know: {unknown} in {latex}"
    bare = re.sub(r"\\[{}|\\]", "", latex)
    assert bare.count("{") == bare.count("}"), latex
    assert latex.count("\\left") == latex.count("\\right"), latex
    return latex


def tex(mtef: bytes) -> str:
    return katex_safe(mtef_to_latex(mtef))


CASES = [
    ("fraction", eq(v("y="), frac(v("2x+1"), v("x-1"))), r"y=\dfrac{2x+1}{x-1}"),
    ("small fraction", eq(frac(v("1"), v("2"), 0x1)), r"\frac{1}{2}"),
    ("fraction in a script", eq(v("e"), sup(frac(v("1"), v("x")))), r"e^{\frac{1}{x}}"),
    ("slash fraction", eq(frac(v("a+b"), v("2"), 0x6)), r"\left(a+b\right)/2"),
    ("square root", eq(sqrt(v("x+1"))), r"\sqrt{x+1}"),
    ("cube root", eq(sqrt(v("2"), v("3"))), r"\sqrt[3]{2}"),
    ("superscript", eq(v("x"), sup(v("2")), v("+1")), "x^2+1"),
    ("subscript", eq(v("u"), sub(v("n+1"))), "u_{n+1}"),
    ("sub and superscript", eq(v("x"), subsup(v("1"), v("2"))), "x_1^2"),
    ("script without base", eq(sup(v("2"))), "{}^2"),
    ("isotope", eq(tmpl(29, 1, line(v("6")), line(v("14"))), v("C")), "{}_6^{14}C"),
    ("parentheses", eq(fence(1, v("x+1")), sup(v("2"))), r"\left( x+1 \right)^2"),
    ("absolute value", eq(fence(4, v("x-1"))), r"\left| x-1 \right|"),
    ("norm", eq(fence(5, v("u"))), r"\left\| u \right\|"),
    ("floor", eq(fence(6, v("x"))), r"\left\lfloor x \right\rfloor"),
    ("ceiling", eq(fence(7, v("x"))), r"\left\lceil x \right\rceil"),
    ("braces", eq(fence(2, v("1;2"))), r"\left\{ 1;2 \right\}"),
    ("white brackets", eq(fence(8, v("a"))), r"\llbracket a \rrbracket"),
    ("brackets", eq(fence(3, v("0;1"))), r"\left[ 0;1 \right]"),
    ("half-open interval", eq(tmpl(9, 0x12, line(v("0;1")))), r"\left[ 0;1 \right)"),
    (
        "system of equations",
        eq(system(v("x+y=3"), v("x−y=1"))),
        r"\left\{ \begin{array}{l} x+y=3 \\ x-y=1 \end{array} \right.",
    ),
    (
        "either-or bracket",
        eq(system(v("x=1"), v("x=2"), bracket=True)),
        r"\left[ \begin{array}{l} x=1 \\ x=2 \end{array} \right.",
    ),
    (
        "matrix",
        eq(fence(1, matrix(2, 2, [line(v(c)) for c in "1234"]))),
        r"\left( \begin{matrix} 1 & 2 \\ 3 & 4 \end{matrix} \right)",
    ),
    (
        "determinant",
        eq(fence(4, matrix(2, 2, [line(v(c)) for c in "abcd"]))),
        r"\left| \begin{matrix} a & b \\ c & d \end{matrix} \right|",
    ),
    (
        "augmented matrix",
        eq(matrix(1, 3, [line(v(c)) for c in "123"], col_parts=[0, 0, 1, 0])),
        r"\begin{array}{cc|c} 1 & 2 & 3 \end{array}",
    ),
    (
        "integral with limits",
        eq(integral(v("x") + sup(v("2")) + v("dx"), v("0"), v("1"))),
        r"\int_0^1 x^2dx",
    ),
    ("indefinite integral", eq(integral(v("f(x)dx"))), r"\int f(x)dx"),
    ("double integral", eq(integral(v("dxdy"), v("D"), count=2)), r"\iint_D dxdy"),
    (
        "sum",
        eq(big(16, "∑", v("k"), v("k=1"), v("n"))),
        r"\sum\limits_{k=1}^n k",
    ),
    ("product", eq(big(17, "∏", v("k"), v("k=1"), v("n"))), r"\prod\limits_{k=1}^n k"),
    ("union", eq(big(19, "⋃", v("A"), v("i"))), r"\bigcup\limits_i A"),
    (
        "limit",
        eq(limit(v("x→0"), frac(fn("sin") + v("x"), v("x")))),
        r"\lim\limits_{x\to0}\dfrac{\sin x}{x}",
    ),
    ("limit to infinity", eq(limit(v("x→+∞"))), r"\lim\limits_{x\to+\infty}"),
    (
        "chemistry arrow",
        eq(v("2H"), sub(v("2")), v("+O"), sub(v("2")), arrow(v("t") + char("°", SYMBOL))),
        r"2H_2+O_2\xrightarrow{t^{\circ}}",
    ),
    (
        "arrow with text under",
        eq(arrow(v("t"), text("xt"))),
        r"\xrightarrow[{\text{xt}}]{t}",
    ),
    ("equilibrium", eq(arrow(v("t"), ch="⇌")), r"\xrightleftharpoons{t}"),
    ("vector AB", eq(accent(31, v("AB"), 2, "→")), r"\overrightarrow{AB}"),
    ("vector a", eq(accent(31, v("a"), 2, "→")), r"\vec{a}"),
    ("angle hat", eq(accent(33, v("ABC"))), r"\widehat{ABC}"),
    ("hat", eq(accent(33, v("x"))), r"\hat{x}"),
    ("tilde", eq(accent(32, v("x"), 0, "~")), r"\tilde{x}"),
    ("arc", eq(accent(34, v("AB"), 0, "⌢")), r"\overset{\frown}{AB}"),
    ("overline", eq(tmpl(13, 0, line(v("abc")))), r"\overline{abc}"),
    ("underbrace", eq(tmpl(24, 0, line(v("a+b")), line(v("n")))), r"\underbrace{a+b}_n"),
    ("box", eq(tmpl(37, 0x1E, line(v("x=1")))), r"\boxed{x=1}"),
    (
        "bra-ket",
        eq(tmpl(30, 3, line(v("a")), line(v("b")))),
        r"\left\langle a \middle| b \right\rangle",
    ),
    ("greek and sets", eq(v("α+β∈ℝ")), r"\alpha+\beta\in\mathbb{R}"),
    ("relations", eq(v("a≤b≥c≠d≈e")), r"a\le b\ge c\ne d\approx e"),
    (
        "geometry",
        eq(v("AB⊥CD, d∥∆, ∠A, △ABC")),
        r"AB\perp CD,\ d\parallel\Delta,\ \angle A,\ \triangle ABC",
    ),
    ("logic", eq(v("∀x∃y, A⇒B⇔C")), r"\forall x\exists y,\ A\Rightarrow B\Leftrightarrow C"),
    ("empty set and infinity", eq(v("∅∪∞∩")), r"\varnothing\cup\infty\cap"),
    ("plus-minus and degree", eq(v("±30°")), r"\pm30^{\circ}"),
    ("degree after a square", eq(v("x"), sup(v("2")), char("°", SYMBOL)), r"x^2{}^{\circ}"),
    ("decimal comma", eq(v("1,5+2,25")), r"1{,}5+2{,}25"),
    ("functions", eq(fn("sin"), v("x+"), fn("cos"), sup(v("2")), v("x")), r"\sin x+\cos^2x"),
    ("log base", eq(fn("log"), sub(v("2")), v("x+"), fn("ln"), v("x")), r"\log_2x+\ln x"),
    (
        "Vietnamese function names",
        eq(fn("tg"), v("x+"), fn("cotg"), v("x")),
        r"\operatorname{tg}x+\operatorname{cotg}x",
    ),
    (
        "Vietnamese text",
        eq(text("Diện tích "), v("S=ah"), text(" (đvdt)")),
        r"\text{Diện tích }S=ah\text{ (đvdt)}",
    ),
    ("text braces escaped", eq(text("{a}_%")), r"\text{\{a\}\_\%}"),
    ("prime", eq(char("f", embells=(5,)), v("(x)")), "f'(x)"),
    ("double prime after a square", eq(v("y"), sup(v("2")), char("′", SYMBOL)), "y^2{}'"),
    ("dot accent", eq(char("x", embells=(2,))), r"\dot{x}"),
    ("bar accent", eq(char("x", embells=(17,))), r"\bar{x}"),
    ("not equal embellishment", eq(v("a"), char("=", SYMBOL, embells=(10,)), v("b")), r"a\ne b"),
    ("not in embellishment", eq(v("x"), char("∈", SYMBOL, embells=(10,)), v("A")), r"x\notin A"),
    ("space characters", eq(v("a"), char(0xEF04, 24), v("b")), r"a\;b"),
    ("alignment marker ignored", eq(v("a"), char(0xEEF1, 23), v("b")), "ab"),
    ("vector style", eq(char("F", 7)), r"\mathbf{F}"),
    ("nudged character", eq(char("x", nudge=True)), "x"),
    ("symbol font without MTCode", eq(char8(0x61, 4), char8(0xB3, SYMBOL)), r"\alpha\ge"),
    (
        "multi-line aligned",
        eq(body=line(pile(line(v("x=1")), line(v("y=2")), halign=4))),
        r"\begin{aligned} x&=1 \\ y&=2 \end{aligned}",
    ),
    (
        "centred pile",
        eq(pile(line(v("a")), line(v("b")), halign=2)),
        r"\begin{array}{c} a \\ b \end{array}",
    ),
    (
        "two-byte variation",
        eq(tmpl(15, 0x131, line(v("x")), line(v("0")), line(v("1")))),
        r"\int_0^1 x",
    ),
]


@pytest.mark.parametrize(("mtef", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_mathtype_5_constructs(mtef, expected):
    assert tex(mtef) == expected


def test_header_says_inline_or_display():
    assert parse_mtef(eq(v("x"), inline=True)).inline
    assert not parse_mtef(eq(v("x"), inline=False)).inline


V3_CASES = [
    (
        "fraction",
        V3.eq(V3.v("y="), V3.tmpl(14, 0, V3.line(V3.v("1")), V3.line(V3.v("x")))),
        r"y=\dfrac{1}{x}",
    ),
    ("root", V3.eq(V3.tmpl(13, 0, V3.line(V3.v("x")), V3.NULL)), r"\sqrt{x}"),
    ("nth root", V3.eq(V3.tmpl(13, 1, V3.line(V3.v("8")), V3.line(V3.v("3")))), r"\sqrt[3]{8}"),
    ("superscript", V3.eq(V3.v("x"), V3.tmpl(15, 0, V3.NULL, V3.line(V3.v("2")))), "x^2"),
    ("subscript", V3.eq(V3.v("a"), V3.tmpl(15, 1, V3.line(V3.v("n")), V3.NULL)), "a_n"),
    ("parentheses", V3.eq(V3.tmpl(1, 0, V3.line(V3.v("a+b")))), r"\left( a+b \right)"),
    (
        "system",
        V3.eq(V3.tmpl(2, 1, V3.line(V3.pile(V3.line(V3.v("x=1")), V3.line(V3.v("y=2")))))),
        r"\left\{ \begin{array}{l} x=1 \\ y=2 \end{array} \right.",
    ),
    (
        "integral with limits",
        V3.eq(
            V3.tmpl(
                21,
                2,
                V3.line(V3.v("xdx")),
                V3.line(V3.v("0")),
                V3.line(V3.v("1")),
                V3.char("∫", SYMBOL),
            )
        ),
        r"\int_0^1 xdx",
    ),
    (
        "sum",
        V3.eq(
            V3.tmpl(
                29,
                1,
                V3.line(V3.v("k")),
                V3.line(V3.v("k=1")),
                V3.line(V3.v("n")),
                V3.char("∑", SYMBOL),
            )
        ),
        r"\sum\limits_{k=1}^n k",
    ),
    (
        "limit",
        V3.eq(V3.tmpl(39, 1, V3.line(V3.fn("lim")), V3.line(V3.v("x→0")))),
        r"\lim\limits_{x\to0}",
    ),
    ("right arrow with text", V3.eq(V3.tmpl(19, 0, V3.line(V3.v("t")))), r"\xrightarrow{t}"),
    ("over arrow", V3.eq(V3.tmpl(47, 1, V3.line(V3.v("AB")))), r"\overrightarrow{AB}"),
    ("over arc", V3.eq(V3.tmpl(48, 0, V3.line(V3.v("AB")))), r"\overset{\frown}{AB}"),
    ("interval", V3.eq(V3.tmpl(12, 0, V3.line(V3.v("0;1")))), r"\left( 0;1 \right]"),
    (
        "matrix",
        V3.eq(V3.matrix(1, 2, [V3.line(V3.v("1")), V3.line(V3.v("2"))])),
        r"\begin{matrix} 1 & 2 \end{matrix}",
    ),
    ("Greek by Symbol-font position", V3.eq(V3.char("p", 4), V3.char("D", 5)), r"\pi\Delta"),
    ("Greek by Unicode", V3.eq(V3.char("π", 4)), r"\pi"),
    ("embellishment", V3.eq(V3.char("x", embells=(5,))), "x'"),
]


@pytest.mark.parametrize(
    ("mtef", "expected"), [c[1:] for c in V3_CASES], ids=[c[0] for c in V3_CASES]
)
def test_equation_editor_3_constructs(mtef, expected):
    assert parse_mtef(mtef).version == 3
    assert tex(mtef) == expected


UNCONVERTIBLE = [
    ("long division", eq(tmpl(26, 1, line(v("12")), line(v("3"))))),
    ("unknown template", eq(tmpl(99, 0, line(v("x"))))),
    ("MathType private character", eq(char(0xE901, SYMBOL))),
    ("lone surrogate", eq(text("a"), char(0xD83D, 1))),
    ("unknown MT Extra position", eq(char8(0x4C, 11))),
    ("backwards prime", eq(char("x", embells=(7,)))),
    ("partial box", eq(tmpl(37, 0x06, line(v("x"))))),
    ("stray stretchy character", eq(char("⎛", EXPAND))),
    ("matrix with missing cells", eq(matrix(2, 2, [line(v("1"))]))),
    ("Equation 3.0 long division", V3.eq(V3.tmpl(40, 0, V3.line(V3.v("1")), V3.line(V3.v("2"))))),
]


@pytest.mark.parametrize("mtef", [c[1] for c in UNCONVERTIBLE], ids=[c[0] for c in UNCONVERTIBLE])
def test_what_has_no_faithful_latex_is_refused(mtef):
    with pytest.raises(Unconvertible) as err:
        mtef_to_latex(mtef)
    assert str(err.value)  # a Vietnamese reason for the log / benchmark


TMPL_TAG = 3
CORRUPT = [
    ("empty", b""),
    ("version 4", bytes([4, 1, 0, 3, 5])),
    ("version 2", bytes([2, 1, 0, 1, 0])),
    ("truncated header", bytes([5, 1, 0, 7])),
    ("truncated record", eq(v("x"))[:-8]),
    ("unknown record", eq(v("x")).replace(bytes([10, 1, 0]), bytes([10, 1, 0, 55]), 1)),
    ("unterminated string", bytes([5, 1, 0, 7, 0]) + b"DSMT"),
    ("too deep", bytes([5, 1, 0, 7, 0]) + b"D\x00\x01" + bytes([TMPL_TAG, 0, 1, 3, 0]) * 100),
]


@pytest.mark.parametrize("mtef", [c[1] for c in CORRUPT], ids=[c[0] for c in CORRUPT])
def test_corrupt_streams_raise_a_named_error(mtef):
    with pytest.raises(MtefError) as err:
        mtef_to_latex(mtef)
    assert "công thức" in str(err.value).lower() or "MTEF" in str(err.value)


def test_null_slots_and_sizes_inside_lines_do_not_change_the_result():
    sized = eq(v("x"), bytes([11]), sup(v("2")), bytes([9, 0, 130]), bytes([10]), v("+1"))
    assert tex(sized) == "x^2+1"
    assert tex(eq(tmpl(11, 0, line(v("1")), NULL))) == r"\dfrac{1}{}"


def test_symbol_typeface_space_and_text_spaces():
    assert tex(eq(text("x = "), v("1"))) == r"\text{x = }1"
    assert tex(eq(text("   "))) == r"\ \ \ "


def test_damaged_streams_never_crash_and_never_double_a_script():
    """Bytes changed, dropped or added at random in every case above: the converter either
    gives LaTeX (with balanced braces and no double superscript) or its own error."""
    rng = random.Random(21)
    for _, mtef, _ in CASES + V3_CASES:
        for _ in range(25):
            data = bytearray(mtef)
            for _ in range(rng.randint(1, 4)):
                i = rng.randrange(len(data))
                kind = rng.random()
                if kind < 0.5:
                    data[i] = rng.randrange(256)
                elif kind < 0.75:
                    del data[i]
                else:
                    data.insert(i, rng.randrange(256))
            try:
                latex = mtef_to_latex(bytes(data))
            except MathTypeError:
                continue
            assert not re.search(r"\^(\{[^{}]*\}|\\?\w)\^", latex), latex


def test_a_degree_after_a_leading_script_gets_its_own_base():
    assert (
        tex(eq(tmpl(29, 1, line(v("6")), line(v("14"))), char("°", SYMBOL)))
        == r"{}_6^{14}{}^{\circ}"
    )
