"""Word equations (OMML, ``m:oMath``) → LaTeX, for the subset used in exam questions.

:func:`omml_to_latex` reads what Word's equation editor writes (fractions, scripts, roots,
delimiters, n-ary operators, functions, limits, accents, bars, matrices, equation arrays,
boxes) and never raises: an element it does not know contributes its text. It reads back
what :mod:`.omml_write` writes: LaTeX → OMML → LaTeX gives equivalent LaTeX (plain brackets
stay plain, ``\\left(`` stays ``\\left(``; only whitespace and redundant braces around
one-character scripts may change).
"""

from __future__ import annotations

import re

from question_bank.formats.docx.omml_symbols import (
    ACCENT_LATEX,
    CHAR_LATEX,
    DELIM_LATEX,
    FUNCS,
    LIMIT_FUNCS,
    MATRIX_ENVS,
    NARY,
)
from question_bank.formats.docx.ooxml import M, W

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
    if isinstance(tag, str) and tag.startswith(M):
        return tag[len(M) :]
    return ""


def _on(el, default: bool = True) -> bool:
    """OMML on/off property: present without a value means on."""
    if el is None:
        return False
    val = el.get(M + "val")
    if val is None:
        return default
    return val.lower() in ("1", "on", "true")


def _prop(el, pr: str, name: str, default: str | None = None) -> str | None:
    props = el.find(M + pr)
    if props is None:
        return default
    child = props.find(M + name)
    if child is None:
        return default
    val = child.get(M + "val")
    return default if val is None else val


def _text(s: str) -> str:
    out = []
    for ch in s:
        mapped = CHAR_LATEX.get(ch)
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
    child = el.find(M + name)
    return _kids(child) if child is not None else ""


def _arg(latex: str) -> str:
    """A script argument: bare when it is one character or one control word."""
    if len(latex) == 1 or re.fullmatch(r"\\[A-Za-z]+", latex):
        return latex
    return "{" + latex + "}"


def _base(el) -> str:
    """The base of a script, braced when it is more than one visible unit."""
    e = el.find(M + "e")
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
        rpr = only.find(M + "rPr")
        styled = rpr is not None and (
            rpr.find(M + "nor") is not None or rpr.find(M + "sty") is not None
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
        if el.tag == W + "r":
            return _text("".join(t.text or "" for t in el.iter(W + "t")))
        if el.tag == W + "t":
            return _text(el.text or "")
        return _kids(el)
    handler = _HANDLERS.get(name)
    if handler is not None:
        return handler(el)
    if name.endswith("Pr"):
        return ""
    return _text("".join(el.itertext()))


def _h_run(el) -> str:
    text = "".join(t.text or "" for t in el.iter(M + "t", W + "t"))
    if "\\" in text:  # literal LaTeX kept by latex_to_omml (an unknown command)
        return text
    rpr = el.find(M + "rPr")
    if rpr is not None:
        if rpr.find(M + "nor") is not None:
            return "\\text{" + text.replace("{", "\\{").replace("}", "\\}") + "}"
        sty = _prop(el, "rPr", "sty")
        scr = _prop(el, "rPr", "scr")
        if scr == "double-struck" and text.isalpha():
            return _join(_cmd("mathbb", ch) for ch in text)
        if text.isalpha() and text.isascii():
            if sty == "p":
                if text in FUNCS:
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
    pr = el.find(M + "radPr")
    hide = pr is not None and _on(pr.find(M + "degHide"))
    deg = "" if hide else _sub(el, "deg")
    body = _sub(el, "e")
    if deg:
        return "\\sqrt[" + deg + "]" + "{" + body + "}"
    return _cmd("sqrt", body)


def _h_delim(el) -> str:
    beg = _prop(el, "dPr", "begChr", "(")
    end = _prop(el, "dPr", "endChr", ")")
    sep = _prop(el, "dPr", "sepChr", "|")
    es = el.findall(M + "e")
    if len(es) == 1:
        items = [c for c in es[0] if isinstance(c.tag, str) and not _local(c).endswith("Pr")]
        if len(items) == 1:
            only = _local(items[0])
            if only == "eqArr" and beg == "{" and end == "":
                return _env("cases", _rows(items[0]))
            if only == "m" and (beg, end) in MATRIX_ENVS:
                env = MATRIX_ENVS[(beg, end)]
                return _env(env, _matrix_rows(items[0]))
            if (
                only == "f"
                and (beg, end) == ("(", ")")
                and _prop(items[0], "fPr", "type") == "noBar"
            ):
                return _h_frac(items[0])
    sep_latex = {"|": "\\mid ", "": ""}.get(sep, _text(sep) or sep)
    inner = sep_latex.join(_kids(e) for e in es)
    left = DELIM_LATEX.get(beg, _text(beg))
    right = DELIM_LATEX.get(end, _text(end))
    return _join(["\\left", left, inner, "\\right", right])


def _rows(eqarr) -> str:
    return " \\\\ ".join(_kids(e) for e in eqarr.findall(M + "e"))


def _matrix_rows(m) -> str:
    rows = []
    for mr in m.findall(M + "mr"):
        rows.append(" & ".join(_kids(e) for e in mr.findall(M + "e")))
    return " \\\\ ".join(rows)


def _h_eqarr(el) -> str:
    return _env("aligned", _rows(el))


def _h_matrix(el) -> str:
    return _env("matrix", _matrix_rows(el))


def _h_nary(el) -> str:
    ch = _prop(el, "naryPr", "chr", "∫")
    pr = el.find(M + "naryPr")
    sub_hide = pr is not None and _on(pr.find(M + "subHide"))
    sup_hide = pr is not None and _on(pr.find(M + "supHide"))
    name = NARY.get(ch)
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
    fname = el.find(M + "fName")
    latex = _kids(fname) if fname is not None else ""
    name = _name_of(latex)
    if name is not None:
        latex = "\\" + name if name in FUNCS else _cmd("operatorname", name)
    else:
        m = re.match(r"\\?(?:mathrm\{)?([A-Za-z]+)\}?(?=[_^])", latex)
        if m and m.group(1) in FUNCS:
            latex = "\\" + m.group(1) + latex[m.end() :]
    body = _sub(el, "e")
    return latex + " " + body if body else latex


def _h_limlow(el) -> str:
    base = _sub(el, "e")
    lim = _sub(el, "lim")
    name = _name_of(base)
    if name in LIMIT_FUNCS:
        return "\\" + name + "_" + (_arg(lim) if lim else "{}")
    return _cmd("underset", lim, base)


def _h_limupp(el) -> str:
    return _cmd("overset", _sub(el, "lim"), _sub(el, "e"))


def _h_acc(el) -> str:
    ch = _prop(el, "accPr", "chr", "\u0302")
    body = _sub(el, "e")
    e = el.find(M + "e")
    wide = e is not None and len("".join(e.itertext()).strip()) > 1
    name = ACCENT_LATEX.get(ch)
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
    rows = [_kids(om) for om in el.iter(M + "oMath")]
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
