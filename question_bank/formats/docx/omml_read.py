"""Word equations (OMML, ``m:oMath``) ↔ LaTeX, for the subset used in exam questions.

:func:`omml_to_latex` reads what Word's equation editor writes (fractions, scripts, roots,
delimiters, n-ary operators, functions, limits, accents, bars, matrices, equation arrays,
boxes) and never raises: an element it does not know contributes its text.

:func:`latex_to_omml` writes the reverse for the LaTeX teachers type in questions: letters,
numbers and operators, ``^``/``_``, ``\\frac``, ``\\sqrt``, ``\\left … \\right``, Greek letters
and the usual symbols, ``\\sin`` ``\\log`` ``\\lim`` …, ``\\int`` ``\\sum`` with limits,
accents (``\\vec``, ``\\overline``, ``\\widehat`` …), ``\\text``/``\\mathrm`` and the
``cases``/``matrix`` environments. A command it does not know is kept as literal text, so
nothing is lost and nothing raises. LaTeX → OMML → LaTeX gives back equivalent LaTeX
(plain brackets stay plain, ``\\left(`` stays ``\\left(``; only whitespace and redundant
braces around one-character scripts may change).
"""

from __future__ import annotations

import re

from lxml import etree

M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_M = "{" + M_NS + "}"
_W = "{" + W_NS + "}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# ---------------------------------------------------------------------------------------
# Symbol tables
# ---------------------------------------------------------------------------------------

_GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ϵ": "epsilon", "ε": "varepsilon",
    "ζ": "zeta", "η": "eta", "θ": "theta", "ϑ": "vartheta", "ι": "iota", "κ": "kappa",
    "λ": "lambda", "μ": "mu", "ν": "nu", "ξ": "xi", "π": "pi", "ϖ": "varpi", "ρ": "rho",
    "ϱ": "varrho", "σ": "sigma", "ς": "varsigma", "τ": "tau", "υ": "upsilon", "ϕ": "phi",
    "φ": "varphi", "χ": "chi", "ψ": "psi", "ω": "omega", "Γ": "Gamma", "Δ": "Delta",
    "Θ": "Theta", "Λ": "Lambda", "Ξ": "Xi", "Π": "Pi", "Σ": "Sigma", "Υ": "Upsilon",
    "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega",
}  # fmt: skip

_SYMBOLS = {
    "≤": "le", "⩽": "le", "≥": "ge", "⩾": "ge", "≠": "ne", "±": "pm", "∓": "mp",
    "×": "times", "÷": "div", "⋅": "cdot", "·": "cdot", "∞": "infty", "→": "to",
    "←": "leftarrow", "↔": "leftrightarrow", "⇒": "Rightarrow", "⇐": "Leftarrow",
    "⇔": "Leftrightarrow", "↦": "mapsto", "↑": "uparrow", "↓": "downarrow", "∈": "in",
    "∉": "notin", "∋": "ni", "⊂": "subset", "⊃": "supset", "⊆": "subseteq", "⊇": "supseteq",
    "⊄": "not\\subset", "∪": "cup", "∩": "cap", "∅": "varnothing", "∀": "forall",
    "∃": "exists", "∄": "nexists", "¬": "neg", "∧": "wedge", "∨": "vee", "≈": "approx",
    "≡": "equiv", "∼": "sim", "≃": "simeq", "≅": "cong", "∝": "propto", "∥": "parallel",
    "⊥": "perp", "∠": "angle", "△": "triangle", "∘": "circ", "…": "ldots", "⋯": "cdots",
    "⋮": "vdots", "⋱": "ddots", "∂": "partial", "∇": "nabla", "ℓ": "ell", "⟨": "langle",
    "⟩": "rangle", "‖": "|", "∣": "mid", "≪": "ll", "≫": "gg", "⊕": "oplus", "⊗": "otimes",
    "∖": "setminus", "⌊": "lfloor", "⌋": "rfloor", "⌈": "lceil", "⌉": "rceil", "∗": "ast",
    "★": "star", "†": "dagger", "ℏ": "hbar", "ℵ": "aleph", "∑": "sum", "∫": "int",
    "∏": "prod", "√": "surd", "∴": "therefore", "∵": "because", "≺": "prec", "≻": "succ",
}  # fmt: skip

_BLACKBOARD = {"ℝ": "R", "ℕ": "N", "ℤ": "Z", "ℚ": "Q", "ℂ": "C", "ℙ": "P"}

# Characters written verbatim except these.
_CHAR_LATEX: dict[str, str] = {ch: "\\" + name for ch, name in {**_GREEK, **_SYMBOLS}.items()}
_CHAR_LATEX.update({ch: "\\mathbb{" + letter + "}" for ch, letter in _BLACKBOARD.items()})
_CHAR_LATEX.update(
    {
        "°": "^\\circ",
        "′": "'",
        "″": "''",
        "‴": "'''",
        "−": "-",
        "–": "-",
        "{": "\\{",
        "}": "\\}",
        "%": "\\%",
        "#": "\\#",
        "$": "\\$",
        "_": "\\_",
        "\u00a0": "~",
        "\u2009": "\\,",
        "\u205f": "\\:",
        "\u2005": "\\;",
        "\u2003": "\\quad ",
        "\u200b": "",
        "\u2061": "",  # function application
        "\u2062": "",  # invisible times
        "\u2063": "",  # invisible separator
        "\u2064": "",
        "\t": " ",
        "\n": " ",
        "\r": " ",
    }
)

# LaTeX command → character, for the reverse direction (aliases included).
_LATEX_CHAR: dict[str, str] = {name: ch for ch, name in {**_GREEK, **_SYMBOLS}.items()}
_LATEX_CHAR.update(
    {
        "le": "≤", "ge": "≥", "leq": "≤", "geq": "≥", "leqslant": "≤", "geqslant": "≥",
        "ne": "≠", "neq": "≠", "cdot": "⋅", "to": "→", "rightarrow": "→", "gets": "←",
        "implies": "⇒", "iff": "⇔", "land": "∧", "lor": "∨", "lnot": "¬", "emptyset": "∅",
        "varnothing": "∅", "epsilon": "ϵ", "phi": "ϕ", "dots": "…", "ldots": "…",
        "degree": "°", "prime": "′", "lt": "<", "gt": ">", "vert": "|", "lvert": "|",
        "rvert": "|", "Vert": "‖", "lVert": "‖", "rVert": "‖", "colon": ":", "ast": "∗",
        "Longrightarrow": "⇒", "Longleftrightarrow": "⇔", "longrightarrow": "→",
        "owns": "∋", "parallel": "∥", "perp": "⊥", "bot": "⊥", "triangle": "△",
        "bigtriangleup": "△", "infty": "∞", "notin": "∉", "mid": "∣",
    }
)  # fmt: skip
_LATEX_CHAR.pop("|", None)
_LATEX_CHAR.pop("not\\subset", None)

_FUNCS = {
    "sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "sinh", "cosh",
    "tanh", "coth", "log", "ln", "lg", "exp", "lim", "max", "min", "sup", "inf", "det",
    "gcd", "deg", "dim", "ker", "arg", "liminf", "limsup", "Pr", "hom", "mod",
}  # fmt: skip
_LIMIT_FUNCS = {"lim", "max", "min", "sup", "inf", "liminf", "limsup"}

_NARY = {
    "∑": "sum", "∫": "int", "∬": "iint", "∭": "iiint", "∮": "oint", "∏": "prod",
    "∐": "coprod", "⋃": "bigcup", "⋂": "bigcap", "⋁": "bigvee", "⋀": "bigwedge",
    "⨁": "bigoplus",
}  # fmt: skip
_NARY_CHR = {name: ch for ch, name in _NARY.items()}
_NARY_UNDOVR = {"sum", "prod", "coprod", "bigcup", "bigcap", "bigvee", "bigwedge", "bigoplus"}

_ACCENT_LATEX = {
    "\u20d7": "vec", "\u2192": "vec", "\u0305": "overline", "\u00af": "overline",
    "\u203e": "overline", "\u0302": "hat", "^": "hat", "\u0303": "tilde", "~": "tilde",
    "\u0307": "dot", "\u0308": "ddot", "\u0306": "breve", "\u030c": "check",
    "\u0301": "acute", "\u0300": "grave", "\u20d6": "overleftarrow",
    "\u20e1": "overleftrightarrow", "\u2322": "widehat", "\u23dc": "widehat",
    "\u0311": "widehat", "\u2312": "widehat",
}  # fmt: skip
_ACCENT_CHR = {
    "vec": "\u20d7", "hat": "\u0302", "widehat": "\u0302", "tilde": "\u0303",
    "widetilde": "\u0303", "dot": "\u0307", "ddot": "\u0308", "breve": "\u0306",
    "check": "\u030c", "acute": "\u0301", "grave": "\u0300", "bar": "\u0305",
    "overleftrightarrow": "\u20e1",
}  # fmt: skip

_DELIM_LATEX = {
    "(": "(", ")": ")", "[": "[", "]": "]", "{": "\\{", "}": "\\}", "|": "|", "‖": "\\|",
    "⟨": "\\langle", "〈": "\\langle", "⟩": "\\rangle", "〉": "\\rangle", "⌊": "\\lfloor",
    "⌋": "\\rfloor", "⌈": "\\lceil", "⌉": "\\rceil", "": ".",
}  # fmt: skip
_MATRIX_ENVS = {("(", ")"): "pmatrix", ("[", "]"): "bmatrix", ("{", "}"): "Bmatrix",
                ("|", "|"): "vmatrix", ("‖", "‖"): "Vmatrix"}  # fmt: skip

_CTRL_END = re.compile(r"\\[A-Za-z]+$")
_SPACES = re.compile(r"\s+")


def _join(parts) -> str:
    """Concatenate LaTeX pieces, separating a control word from a following letter."""
    out: list[str] = []
    last = ""
    for piece in parts:
        if not piece:
            continue
        if last and piece[0].isalpha() and _CTRL_END.search(last):
            out.append(" ")
        out.append(piece)
        last = piece
    return "".join(out)


def _cmd(name: str, *args: str) -> str:
    """``\\name{arg1}{arg2}``."""
    return "\\" + name + "".join("{" + a + "}" for a in args)


def _env(name: str, body: str) -> str:
    return "\\begin{" + name + "} " + body + " \\end{" + name + "}"


def _tidy(latex: str) -> str:
    return _SPACES.sub(" ", latex).strip()


# ---------------------------------------------------------------------------------------
# OMML → LaTeX
# ---------------------------------------------------------------------------------------


def omml_to_latex(element) -> str:
    """LaTeX for an ``m:oMath`` / ``m:oMathPara`` element (or any OMML fragment)."""
    try:
        return _tidy(_conv(element))
    except Exception:  # never crash on a strange equation: keep its text
        try:
            return _tidy(_text("".join(element.itertext())))
        except Exception:
            return ""


def _local(el) -> str:
    tag = el.tag
    if isinstance(tag, str) and tag.startswith(_M):
        return tag[len(_M) :]
    return ""


def _on(el, default: bool = True) -> bool:
    """OMML on/off property: present without a value means on."""
    if el is None:
        return False
    val = el.get(_M + "val")
    if val is None:
        return default
    return val.lower() in ("1", "on", "true")


def _prop(el, pr: str, name: str, default: str | None = None) -> str | None:
    props = el.find(_M + pr)
    if props is None:
        return default
    child = props.find(_M + name)
    if child is None:
        return default
    val = child.get(_M + "val")
    return default if val is None else val


def _text(s: str) -> str:
    out = []
    for ch in s:
        mapped = _CHAR_LATEX.get(ch)
        out.append(ch if mapped is None else mapped)
    return _join(out)


def _kids(el) -> str:
    parts = []
    for child in el:
        if not isinstance(child.tag, str):
            continue
        name = _local(child)
        if name.endswith("Pr"):
            continue
        parts.append(_conv(child))
    return _join(parts)


def _sub(el, name: str) -> str:
    child = el.find(_M + name)
    return _kids(child) if child is not None else ""


def _arg(latex: str) -> str:
    """A script argument: bare when it is one character or one control word."""
    if len(latex) == 1 or re.fullmatch(r"\\[A-Za-z]+", latex):
        return latex
    return "{" + latex + "}"


def _base(el) -> str:
    """The base of a script, braced when it is more than one visible unit."""
    e = el.find(_M + "e")
    if e is None:
        return "{}"
    items = [c for c in e if isinstance(c.tag, str) and not _local(c).endswith("Pr")]
    latex = _kids(e)
    if not latex:
        return "{}"
    if len(items) == 1:
        only = items[0]
        if _local(only) != "r":
            return latex
        rpr = only.find(_M + "rPr")
        styled = rpr is not None and (
            rpr.find(_M + "nor") is not None or rpr.find(_M + "sty") is not None
        )
        if styled and latex.startswith("\\"):
            return latex
    if len(latex) == 1 or re.fullmatch(r"\\[A-Za-z]+", latex):
        return latex
    return "{" + latex + "}"


def _name_of(latex: str) -> str | None:
    m = re.fullmatch(r"\\?(?:mathrm\{|operatorname\{)?([A-Za-z]+)\}?", latex.strip())
    return m.group(1) if m else None


def _conv(el) -> str:
    if not isinstance(el.tag, str):
        return ""
    name = _local(el)
    if not name:
        if el.tag == _W + "r":
            return _text("".join(t.text or "" for t in el.iter(_W + "t")))
        if el.tag == _W + "t":
            return _text(el.text or "")
        return _kids(el)
    handler = _HANDLERS.get(name)
    if handler is not None:
        return handler(el)
    if name.endswith("Pr"):
        return ""
    return _text("".join(el.itertext()))


def _h_run(el) -> str:
    text = "".join(t.text or "" for t in el.iter(_M + "t", _W + "t"))
    if "\\" in text:  # literal LaTeX kept by latex_to_omml (an unknown command)
        return text
    rpr = el.find(_M + "rPr")
    if rpr is not None:
        if rpr.find(_M + "nor") is not None:
            return "\\text{" + text.replace("{", "\\{").replace("}", "\\}") + "}"
        sty = _prop(el, "rPr", "sty")
        scr = _prop(el, "rPr", "scr")
        if scr == "double-struck" and text.isalpha():
            return _join(_cmd("mathbb", ch) for ch in text)
        if text.isalpha() and text.isascii():
            if sty == "p":
                if text in _FUNCS:
                    return "\\" + text
                return _cmd("mathrm", text)
            if sty == "b":
                return _cmd("mathbf", text)
    return _text(text)


def _h_frac(el) -> str:
    kind = _prop(el, "fPr", "type", "bar")
    num, den = _sub(el, "num"), _sub(el, "den")
    if kind == "lin":
        return _join([_lin(num), "/", _lin(den)])
    if kind == "noBar":
        return _cmd("binom", num, den)
    return _cmd("frac", num, den)


def _lin(latex: str) -> str:
    return latex if re.fullmatch(r"\w+|\\[A-Za-z]+", latex) else "(" + latex + ")"


def _h_ssup(el) -> str:
    return _base(el) + "^" + _arg(_sub(el, "sup"))


def _h_ssub(el) -> str:
    return _base(el) + "_" + _arg(_sub(el, "sub"))


def _h_ssubsup(el) -> str:
    return _base(el) + "_" + _arg(_sub(el, "sub")) + "^" + _arg(_sub(el, "sup"))


def _h_spre(el) -> str:
    return "{}_" + _arg(_sub(el, "sub")) + "^" + _arg(_sub(el, "sup")) + _sub(el, "e")


def _h_rad(el) -> str:
    pr = el.find(_M + "radPr")
    hide = pr is not None and _on(pr.find(_M + "degHide"))
    deg = "" if hide else _sub(el, "deg")
    body = _sub(el, "e")
    if deg:
        return "\\sqrt[" + deg + "]" + "{" + body + "}"
    return _cmd("sqrt", body)


def _h_delim(el) -> str:
    beg = _prop(el, "dPr", "begChr", "(")
    end = _prop(el, "dPr", "endChr", ")")
    sep = _prop(el, "dPr", "sepChr", "|")
    es = el.findall(_M + "e")
    if len(es) == 1:
        items = [c for c in es[0] if isinstance(c.tag, str) and not _local(c).endswith("Pr")]
        if len(items) == 1:
            only = _local(items[0])
            if only == "eqArr" and beg == "{" and end == "":
                return _env("cases", _rows(items[0]))
            if only == "m" and (beg, end) in _MATRIX_ENVS:
                env = _MATRIX_ENVS[(beg, end)]
                return _env(env, _matrix_rows(items[0]))
            if (
                only == "f"
                and (beg, end) == ("(", ")")
                and _prop(items[0], "fPr", "type") == "noBar"
            ):
                return _h_frac(items[0])
    sep_latex = {"|": "\\mid ", "": ""}.get(sep, _text(sep) or sep)
    inner = sep_latex.join(_kids(e) for e in es)
    left = _DELIM_LATEX.get(beg, _text(beg))
    right = _DELIM_LATEX.get(end, _text(end))
    return _join(["\\left", left, inner, "\\right", right])


def _rows(eqarr) -> str:
    return " \\\\ ".join(_kids(e) for e in eqarr.findall(_M + "e"))


def _matrix_rows(m) -> str:
    rows = []
    for mr in m.findall(_M + "mr"):
        rows.append(" & ".join(_kids(e) for e in mr.findall(_M + "e")))
    return " \\\\ ".join(rows)


def _h_eqarr(el) -> str:
    return _env("aligned", _rows(el))


def _h_matrix(el) -> str:
    return _env("matrix", _matrix_rows(el))


def _h_nary(el) -> str:
    ch = _prop(el, "naryPr", "chr", "∫")
    pr = el.find(_M + "naryPr")
    sub_hide = pr is not None and _on(pr.find(_M + "subHide"))
    sup_hide = pr is not None and _on(pr.find(_M + "supHide"))
    name = _NARY.get(ch)
    head = "\\" + name if name else _text(ch)
    sub = "" if sub_hide else _sub(el, "sub")
    sup = "" if sup_hide else _sub(el, "sup")
    if sub:
        head += "_" + _arg(sub)
    if sup:
        head += "^" + _arg(sup)
    body = _sub(el, "e")
    return head + " " + body if body else head


def _h_func(el) -> str:
    fname = el.find(_M + "fName")
    latex = _kids(fname) if fname is not None else ""
    name = _name_of(latex)
    if name is not None:
        latex = "\\" + name if name in _FUNCS else _cmd("operatorname", name)
    else:
        m = re.match(r"\\?(?:mathrm\{)?([A-Za-z]+)\}?(?=[_^])", latex)
        if m and m.group(1) in _FUNCS:
            latex = "\\" + m.group(1) + latex[m.end() :]
    body = _sub(el, "e")
    return latex + " " + body if body else latex


def _h_limlow(el) -> str:
    base = _sub(el, "e")
    lim = _sub(el, "lim")
    name = _name_of(base)
    if name in _LIMIT_FUNCS:
        return "\\" + name + "_" + (_arg(lim) if lim else "{}")
    return _cmd("underset", lim, base)


def _h_limupp(el) -> str:
    return _cmd("overset", _sub(el, "lim"), _sub(el, "e"))


def _h_acc(el) -> str:
    ch = _prop(el, "accPr", "chr", "\u0302")
    body = _sub(el, "e")
    e = el.find(_M + "e")
    wide = e is not None and len("".join(e.itertext()).strip()) > 1
    name = _ACCENT_LATEX.get(ch)
    if name is None:
        return _cmd("overset", _text(ch), body)
    if wide and name == "hat":
        name = "widehat"
    elif wide and name == "tilde":
        name = "widetilde"
    return _cmd(name, body)


def _h_bar(el) -> str:
    pos = _prop(el, "barPr", "pos", "bot")
    return _cmd("overline" if pos == "top" else "underline", _sub(el, "e"))


def _h_groupchr(el) -> str:
    ch = _prop(el, "groupChrPr", "chr", "\u23df")
    pos = _prop(el, "groupChrPr", "pos", "bot")
    body = _sub(el, "e")
    if ch == "\u23df":
        return _cmd("underbrace", body)
    if ch == "\u23de":
        return _cmd("overbrace", body)
    if ch in ("→", "⟶") and pos == "top":
        return _cmd("overrightarrow", body)
    if ch in ("←", "⟵") and pos == "top":
        return _cmd("overleftarrow", body)
    cmd = "overset" if pos == "top" else "underset"
    return _cmd(cmd, _text(ch), body)


def _h_box(el) -> str:
    return _sub(el, "e")


def _h_para(el) -> str:
    rows = [_kids(om) for om in el.iter(_M + "oMath")]
    return " \\\\ ".join(r for r in rows if r)


_HANDLERS = {
    "oMath": _kids,
    "oMathPara": _h_para,
    "r": _h_run,
    "t": lambda el: _text(el.text or ""),
    "f": _h_frac,
    "sSup": _h_ssup,
    "sSub": _h_ssub,
    "sSubSup": _h_ssubsup,
    "sPre": _h_spre,
    "rad": _h_rad,
    "d": _h_delim,
    "eqArr": _h_eqarr,
    "m": _h_matrix,
    "nary": _h_nary,
    "func": _h_func,
    "limLow": _h_limlow,
    "limUpp": _h_limupp,
    "acc": _h_acc,
    "bar": _h_bar,
    "groupChr": _h_groupchr,
    "box": _h_box,
    "borderBox": _h_box,
    "phant": _h_box,
    "e": _kids,
    "num": _kids,
    "den": _kids,
    "sub": _kids,
    "sup": _kids,
    "deg": _kids,
    "lim": _kids,
    "fName": _kids,
    "argPr": lambda el: "",
}


# ---------------------------------------------------------------------------------------
# LaTeX → OMML
# ---------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\\([A-Za-z]+)\*?|\\(.)|(\s+)|(.)", re.S)
_TEXT_CMDS = {
    "text": "nor", "textrm": "nor", "mbox": "nor", "textnormal": "nor", "textit": "nor",
    "textbf": "nor", "mathrm": "p", "operatorname": "p", "mathbf": "b", "boldsymbol": "b",
    "mathit": None, "mathbb": "bb", "Bbb": "bb",
}  # fmt: skip
_SPACE_CMDS = {",": "\u2009", ":": "\u205f", ";": "\u2005", ">": "\u205f", " ": " "}
_IGNORED = {
    "displaystyle", "textstyle", "scriptstyle", "limits", "nolimits", "big", "Big", "bigg",
    "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "middle", "nonumber", "notag",
    "mathop", "mathord", "mathrel", "mathbin", "mathpunct",
}  # fmt: skip
_HARD_STOPS = {("ch", "}"), ("cmd", "right"), ("cmd", "end"), ("sym", "\\"), ("ch", "&")}
_RELATIONS = {"=", "<", ">", "≤", "≥", "≠", "≈", "⇒", "⇔", "≡", ","}


def latex_to_omml(latex: str):
    """An ``m:oMath`` element for ``latex`` (without ``\\(``/``\\)`` delimiters)."""
    root = etree.Element(_M + "oMath", nsmap={"m": M_NS, "w": W_NS})
    try:
        parser = _LatexParser(latex or "")
        items = parser.parse_seq(lambda tok: False)
        _emit(root, items)
    except Exception:  # never crash: keep the source as text
        for child in list(root):
            root.remove(child)
        _emit(root, [("t", None, latex or "")])
    return root


def _el(name: str, parent=None, **attrs):
    el = etree.Element(_M + name) if parent is None else etree.SubElement(parent, _M + name)
    for key, val in attrs.items():
        el.set(_M + key, val)
    return el


def _run(parent, text: str, style: str | None) -> None:
    r = _el("r", parent)
    if style and style != "raw":
        rpr = _el("rPr", r)
        if style == "nor":
            _el("nor", rpr)
        elif style == "bb":
            _el("scr", rpr, val="double-struck")
            _el("sty", rpr, val="p")
        else:
            _el("sty", rpr, val=style)
    t = _el("t", r)
    t.text = text
    if text != text.strip() or "  " in text:
        t.set(_XML_SPACE, "preserve")


def _emit(parent, items) -> None:
    buf: list[str] = []
    style: str | None = None

    def flush():
        if buf:
            _run(parent, "".join(buf), style)
            buf.clear()

    for item in items:
        if isinstance(item, tuple):
            if item[0] == "t":
                if item[1] != style:
                    flush()
                    style = item[1]
                buf.append(item[2])
            else:  # group
                flush()
                _emit(parent, item[1])
        else:
            flush()
            parent.append(item)
    flush()


def _container(parent, name: str, items) -> None:
    _emit(_el(name, parent), items)


class _LatexParser:
    def __init__(self, latex: str):
        self.toks: list[tuple[str, str]] = []
        for m in _TOKEN.finditer(latex):
            if m.group(1) is not None:
                self.toks.append(("cmd", m.group(1)))
            elif m.group(2) is not None:
                self.toks.append(("sym", m.group(2)))
            elif m.group(3) is not None:
                self.toks.append(("ws", m.group(3)))
            else:
                self.toks.append(("ch", m.group(4)))
        self.pos = 0

    # -- token access ------------------------------------------------------------------
    def peek(self):
        while self.pos < len(self.toks) and self.toks[self.pos][0] == "ws":
            self.pos += 1
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def take(self):
        tok = self.peek()
        if tok is not None:
            self.pos += 1
        return tok

    def raw_group(self) -> str:
        """The source text of a ``{…}`` argument (for \\text, \\begin …)."""
        tok = self.peek()
        if tok != ("ch", "{"):
            tok = self.take()
            if tok is None:
                return ""
            return tok[1] if tok[0] != "cmd" else "\\" + tok[1]
        self.pos += 1
        depth = 0
        out = []
        while self.pos < len(self.toks):
            kind, val = self.toks[self.pos]
            self.pos += 1
            if kind == "ch" and val == "{":
                depth += 1
            elif kind == "ch" and val == "}":
                if depth == 0:
                    break
                depth -= 1
            if kind == "cmd":
                out.append("\\" + val)
            elif kind == "sym":
                out.append(val if val in "{}%#$&_ " else "\\" + val)
            else:
                out.append(val)
        return "".join(out)

    # -- sequences -----------------------------------------------------------------------
    def parse_seq(self, stop) -> list:
        items: list = []
        while True:
            tok = self.peek()
            if tok is None or stop(tok):
                break
            if tok == ("ch", "}"):  # stray closing brace
                self.pos += 1
                continue
            self.atom(items)
        return items

    def group(self) -> list:
        """After ``{``: items up to the matching ``}`` (consumed)."""
        items = self.parse_seq(lambda tok: tok == ("ch", "}"))
        if self.peek() == ("ch", "}"):
            self.pos += 1
        return items

    def arg(self) -> list:
        tok = self.peek()
        if tok is None:
            return []
        if tok == ("ch", "{"):
            self.pos += 1
            return self.group()
        items: list = []
        self.atom(items)
        return items

    def optional_bracket(self) -> list | None:
        if self.peek() != ("ch", "["):
            return None
        self.pos += 1
        items = self.parse_seq(lambda tok: tok in (("ch", "]"), ("ch", "}")))
        if self.peek() == ("ch", "]"):
            self.pos += 1
        return items

    def atom(self, items: list) -> None:
        tok = self.take()
        if tok is None:
            return
        kind, val = tok
        if kind == "ch":
            if val == "{":
                items.append(("g", self.group()))
            elif val in "^_":
                self.script(items, val)
            elif val == "'":
                items.append(("t", None, "′"))
            elif val == "~":
                items.append(("t", None, "\u00a0"))
            else:
                items.append(("t", None, val))
        elif kind == "sym":
            if val in _SPACE_CMDS:
                items.append(("t", None, _SPACE_CMDS[val]))
            elif val in ("!", "\\", "/"):
                pass
            elif val == "|":
                items.append(("t", None, "‖"))
            else:
                items.append(("t", None, val))
        else:
            self.command(val, items)

    def script(self, items: list, kind: str) -> None:
        base = items.pop() if items else ("g", [])
        first = self.arg()
        other = "^" if kind == "_" else "_"
        second = None
        if self.peek() == ("ch", other):
            self.pos += 1
            second = self.arg()
        sub, sup = (first, second) if kind == "_" else (second, first)
        items.append(_scripted(base, sub, sup))

    # -- commands --------------------------------------------------------------------------
    def command(self, name: str, items: list) -> None:
        if name in _FUNCS:
            self.function(name, items)
        elif name in _NARY_CHR:
            self.nary(name, items)
        elif name in _LATEX_CHAR:
            items.append(("t", None, _LATEX_CHAR[name]))
        elif name in ("frac", "dfrac", "tfrac", "cfrac"):
            f = _el("f")
            _container(f, "num", self.arg())
            _container(f, "den", self.arg())
            items.append(f)
        elif name in ("binom", "dbinom", "tbinom"):
            d = _el("d")
            pr = _el("dPr", d)
            _el("begChr", pr, val="(")
            _el("endChr", pr, val=")")
            e = _el("e", d)
            f = _el("f", e)
            _el("type", _el("fPr", f), val="noBar")
            _container(f, "num", self.arg())
            _container(f, "den", self.arg())
            items.append(d)
        elif name == "sqrt":
            deg = self.optional_bracket()
            rad = _el("rad")
            pr = _el("radPr", rad)
            if not deg:
                _el("degHide", pr, val="1")
            _container(rad, "deg", deg or [])
            _container(rad, "e", self.arg())
            items.append(rad)
        elif name == "left":
            beg = self.delimiter()
            inner = self.parse_seq(lambda tok: tok == ("cmd", "right"))
            end = ""
            if self.peek() == ("cmd", "right"):
                self.pos += 1
                end = self.delimiter()
            items.append(_delim(beg, end, [inner]))
        elif name == "right":
            self.delimiter()
        elif name == "begin":
            self.environment(self.raw_group().strip(), items)
        elif name == "end":
            self.raw_group()
        elif name in _TEXT_CMDS:
            style = _TEXT_CMDS[name]
            if style is None:
                items.extend(self.arg())
                return
            raw = self.raw_group()
            if style == "bb":
                items.append(("t", None, _bb(raw)))
            elif style == "nor":
                items.append(("t", "nor", raw))
            else:
                items.append(("t", style, raw.replace(" ", "")))
        elif name == "overline":
            bar = _el("bar")
            _el("pos", _el("barPr", bar), val="top")
            _container(bar, "e", self.arg())
            items.append(bar)
        elif name == "underline":
            bar = _el("bar")
            _el("pos", _el("barPr", bar), val="bot")
            _container(bar, "e", self.arg())
            items.append(bar)
        elif name in _ACCENT_CHR:
            acc = _el("acc")
            _el("chr", _el("accPr", acc), val=_ACCENT_CHR[name])
            _container(acc, "e", self.arg())
            items.append(acc)
        elif name in ("overrightarrow", "overleftarrow", "overbrace", "underbrace"):
            chr_, pos = {
                "overrightarrow": ("→", "top"),
                "overleftarrow": ("←", "top"),
                "overbrace": ("\u23de", "top"),
                "underbrace": ("\u23df", "bot"),
            }[name]
            g = _el("groupChr")
            pr = _el("groupChrPr", g)
            _el("chr", pr, val=chr_)
            _el("pos", pr, val=pos)
            _el("vertJc", pr, val="bot" if pos == "top" else "top")
            _container(g, "e", self.arg())
            items.append(g)
        elif name in ("overset", "stackrel", "underset"):
            top = self.arg()
            body = self.arg()
            el = _el("limUpp" if name != "underset" else "limLow")
            _container(el, "e", body)
            _container(el, "lim", top)
            items.append(el)
        elif name in ("quad", "qquad"):
            items.append(("t", None, "\u2003" if name == "quad" else "\u2003\u2003"))
        elif name == "not":
            nxt = self.take()
            negated = {"=": "≠", "in": "∉", "subset": "⊄", "exists": "∄"}
            key = nxt[1] if nxt else ""
            items.append(("t", None, negated.get(key, "̸" + (_LATEX_CHAR.get(key, key)))))
        elif name in _IGNORED:
            return
        else:
            # Unknown command: keep it and its braced arguments literally (a "raw" run that
            # omml_to_latex copies back verbatim), so the teacher sees it and nothing is lost.
            raw = "\\" + name
            while self.peek() == ("ch", "{"):
                raw += "{" + self.raw_group() + "}"
            items.append(("t", "raw", raw + " "))

    def delimiter(self) -> str:
        tok = self.take()
        if tok is None:
            return ""
        kind, val = tok
        if kind == "ch":
            return "" if val == "." else val
        if kind == "sym":
            return "‖" if val == "|" else val
        return {
            "langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈",
            "rceil": "⌉", "vert": "|", "lvert": "|", "rvert": "|", "Vert": "‖",
            "lVert": "‖", "rVert": "‖", "lbrace": "{", "rbrace": "}",
        }.get(val, "")  # fmt: skip

    def function(self, name: str, items: list) -> None:
        sub = sup = None
        while True:
            tok = self.peek()
            if tok == ("ch", "_") and sub is None:
                self.pos += 1
                sub = self.arg()
            elif tok == ("ch", "^") and sup is None:
                self.pos += 1
                sup = self.arg()
            elif tok in (("cmd", "limits"), ("cmd", "nolimits")):
                self.pos += 1
            else:
                break
        name_item = ("t", "p", name)
        if name in _LIMIT_FUNCS and sub is not None:
            low = _el("limLow")
            _container(low, "e", [name_item])
            _container(low, "lim", sub)
            fname_items: list = [low]
            if sup is not None:
                fname_items = [_scripted(("g", fname_items), None, sup)]
        elif sub is not None or sup is not None:
            fname_items = [_scripted(name_item, sub, sup)]
        else:
            fname_items = [name_item]
        func = _el("func")
        _container(func, "fName", fname_items)
        _container(func, "e", self.func_arg())
        items.append(func)

    def func_arg(self) -> list:
        tok = self.peek()
        out: list = []
        if tok is None or tok in _HARD_STOPS:
            return out
        kind, val = tok
        if tok == ("ch", "{"):
            self.pos += 1
            out.append(("g", self.group()))
        elif tok == ("ch", "("):
            depth = 0
            while True:
                tok = self.peek()
                if tok is None or tok in _HARD_STOPS:
                    break
                if tok == ("ch", "("):
                    depth += 1
                elif tok == ("ch", ")"):
                    depth -= 1
                self.atom(out)
                if depth <= 0:
                    break
        elif kind == "ch" and val.isalnum():
            while True:
                tok = self.peek()
                if tok is None or tok[0] != "ch" or not tok[1].isalnum():
                    break
                self.pos += 1
                out.append(("t", None, tok[1]))
        elif kind == "cmd" and val not in ("right", "end"):
            self.atom(out)
        while self.peek() in (("ch", "^"), ("ch", "_")) and out:
            self.atom(out)
        return out

    def nary(self, name: str, items: list) -> None:
        sub = sup = None
        while True:
            tok = self.peek()
            if tok == ("ch", "_") and sub is None:
                self.pos += 1
                sub = self.arg()
            elif tok == ("ch", "^") and sup is None:
                self.pos += 1
                sup = self.arg()
            elif tok in (("cmd", "limits"), ("cmd", "nolimits")):
                self.pos += 1
            else:
                break

        def stop(tok):
            if tok in _HARD_STOPS:
                return True
            if tok[0] == "ch" and tok[1] in _RELATIONS:
                return True
            return tok[0] == "cmd" and _LATEX_CHAR.get(tok[1]) in _RELATIONS

        body = self.parse_seq(stop)
        nary = _el("nary")
        pr = _el("naryPr", nary)
        _el("chr", pr, val=_NARY_CHR[name])
        _el("limLoc", pr, val="undOvr" if name in _NARY_UNDOVR else "subSup")
        if not sub:
            _el("subHide", pr, val="1")
        if not sup:
            _el("supHide", pr, val="1")
        _container(nary, "sub", sub or [])
        _container(nary, "sup", sup or [])
        _container(nary, "e", body)
        items.append(nary)

    def environment(self, env: str, items: list) -> None:
        if env == "array" and self.peek() == ("ch", "{"):
            self.raw_group()  # column specification
        matrix = env in ("matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix",
                         "array", "smallmatrix")  # fmt: skip
        rows = self.rows(env, cells=matrix)
        if matrix:
            m = _el("m")
            ncols = max((len(r) for r in rows), default=1)
            mpr = _el("mPr", m)
            mc = _el("mc", _el("mcs", mpr))
            mcpr = _el("mcPr", mc)
            _el("count", mcpr, val=str(ncols))
            _el("mcJc", mcpr, val="center")
            for row in rows:
                mr = _el("mr", m)
                for cell in row + [[]] * (ncols - len(row)):
                    _container(mr, "e", cell)
            pairs = {"pmatrix": ("(", ")"), "bmatrix": ("[", "]"), "Bmatrix": ("{", "}"),
                     "vmatrix": ("|", "|"), "Vmatrix": ("‖", "‖")}  # fmt: skip
            if env in pairs:
                items.append(_delim(*pairs[env], [[m]]))
            else:
                items.append(m)
            return
        arr = _el("eqArr")
        for row in rows:
            _container(arr, "e", row[0])
        if env in ("cases", "dcases", "rcases"):
            items.append(_delim("{", "", [[arr]]))
        else:
            items.append(arr)

    def rows(self, env: str, *, cells: bool) -> list[list[list]]:
        def stop(tok):
            if tok in (("sym", "\\"), ("cmd", "end")):
                return True
            return cells and tok == ("ch", "&")

        rows: list[list[list]] = []
        row: list[list] = []
        while True:
            cell = self.parse_seq(stop)
            row.append(cell)
            tok = self.take()
            if tok == ("ch", "&"):
                continue
            if tok == ("sym", "\\"):
                rows.append(row)
                row = []
                continue
            if tok == ("cmd", "end"):
                self.raw_group()
            break
        if row and (len(row) > 1 or row[0]):
            rows.append(row)
        return rows or [[[]]]


def _scripted(base, sub, sup):
    if sub is not None and sup is not None:
        el = _el("sSubSup")
    elif sub is not None:
        el = _el("sSub")
    else:
        el = _el("sSup")
    _container(el, "e", [base])
    if sub is not None:
        _container(el, "sub", sub)
    if sup is not None:
        _container(el, "sup", sup)
    return el


def _delim(beg: str, end: str, parts: list[list]):
    d = _el("d")
    pr = _el("dPr", d)
    _el("begChr", pr, val=beg)
    _el("endChr", pr, val=end)
    for part in parts:
        _container(d, "e", part)
    return d


def _bb(raw: str) -> str:
    reverse = {letter: ch for ch, letter in _BLACKBOARD.items()}
    return "".join(reverse.get(c, c) for c in raw.strip())
