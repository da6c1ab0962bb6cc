"""MathML in QTI content → the LaTeX text hoclieu keeps in its HTML."""

from __future__ import annotations

import html as html_lib
import re

from lxml import etree

_MO = {
    "×": r"\times", "÷": r"\div", "−": "-", "±": r"\pm", "∓": r"\mp", "≤": r"\le",
    "≥": r"\ge", "≠": r"\ne", "≈": r"\approx", "⋅": r"\cdot", "·": r"\cdot", "∞": r"\infty",
    "→": r"\to", "⇒": r"\Rightarrow", "⇔": r"\Leftrightarrow", "∈": r"\in", "∉": r"\notin",
    "⊂": r"\subset", "⊆": r"\subseteq", "∪": r"\cup", "∩": r"\cap", "∅": r"\emptyset",
    "∠": r"\angle", "⊥": r"\perp", "∥": r"\parallel", "∑": r"\sum", "∫": r"\int",
    "∏": r"\prod", "′": "'", "°": r"^\circ", "{": r"\{", "}": r"\}", "%": r"\%", "∀": r"\forall",
    "∃": r"\exists", "\u2061": "", "\u2062": "", "\u2063": ",", "\u2064": "+",
}  # fmt: skip
_GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "varepsilon", "ζ": "zeta",
    "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu",
    "ξ": "xi", "π": "pi", "ρ": "rho", "σ": "sigma", "τ": "tau", "φ": "varphi", "χ": "chi",
    "ψ": "psi", "ω": "omega", "Γ": "Gamma", "Δ": "Delta", "Θ": "Theta", "Λ": "Lambda",
    "Ξ": "Xi", "Π": "Pi", "Σ": "Sigma", "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega",
}  # fmt: skip
_FUNCTIONS = {"sin", "cos", "tan", "cot", "log", "ln", "lg", "lim", "max", "min", "exp", "arcsin", "arccos", "arctan"}  # fmt: skip
_ACCENTS = {"¯": r"\overline", "‾": r"\overline", "→": r"\overrightarrow", "^": r"\hat", "ˆ": r"\hat", "~": r"\tilde", "˙": r"\dot"}  # fmt: skip
_ROWS = {"math", "mrow", "mstyle", "mpadded", "mphantom", "merror"}
_TEX_ANNOTATIONS = ("application/x-tex", "latex", "tex", "text/x-latex")
# Scripts, fractions and roots, with the number of children each must have.
_SCRIPTS = {"msup": 2, "msub": 2, "mfrac": 2, "mroot": 2, "msubsup": 3, "munder": 2, "mover": 2, "munderover": 3}  # fmt: skip


class _Unsupported(Exception):
    pass


def math_html(el: etree._Element) -> str:
    """A MathML ``<math>`` as ``\\( … \\)`` LaTeX, or its bare text if too complex."""
    try:
        latex = _tex(el).strip()
    except _Unsupported:
        text = " ".join(t.strip() for t in el.itertext() if t.strip())
        return html_lib.escape(text, quote=False)
    if el.get("display") == "block":
        return html_lib.escape(f"\\[{latex}\\]", quote=False)
    return html_lib.escape(f"\\({latex}\\)", quote=False)


def _tex(el: etree._Element) -> str:
    tag = el.tag
    kids = [c for c in el if isinstance(c.tag, str)]
    text = (el.text or "").strip()
    if tag in _ROWS:
        return _join([_tex(c) for c in kids])
    if tag == "semantics":
        return _semantics(kids)
    if tag in _TOKENS:
        return _TOKENS[tag](text)
    if tag == "mspace":
        return r"\ "
    if tag == "msqrt":
        return r"\sqrt{" + _join([_tex(c) for c in kids]) + "}"
    if tag in _SCRIPTS:
        return _script(tag, kids)
    if tag == "mfenced":
        return _fenced(el, kids)
    raise _Unsupported


def _semantics(kids: list[etree._Element]) -> str:
    """The TeX annotation when there is one, else the presentation MathML."""
    for ann in kids[1:]:
        if ann.tag == "annotation" and (ann.get("encoding") or "").lower() in _TEX_ANNOTATIONS:
            return (ann.text or "").strip()
    if not kids:
        raise _Unsupported
    return _tex(kids[0])


def _mi(text: str) -> str:
    if text in _FUNCTIONS:
        return "\\" + text
    if len(text) == 1:
        return "\\" + _GREEK[text] if text in _GREEK else text
    return r"\mathrm{" + text + "}"


def _mo(text: str) -> str:
    return "".join(_MO.get(ch, "\\" + _GREEK[ch] if ch in _GREEK else ch) for ch in text)


def _mtext(text: str) -> str:
    return r"\text{" + text.replace("{", r"\{").replace("}", r"\}") + "}" if text else ""


_TOKENS = {"mn": str, "mi": _mi, "mo": _mo, "mtext": _mtext}


def _script(tag: str, kids: list[etree._Element]) -> str:
    if len(kids) != _SCRIPTS[tag]:
        raise _Unsupported
    parts = [_tex(c) for c in kids]
    if tag == "mfrac":
        return r"\frac{" + parts[0] + "}{" + parts[1] + "}"
    if tag == "mroot":
        return r"\sqrt[" + parts[1] + "]{" + parts[0] + "}"
    if tag == "mover" and (kids[1].text or "").strip() in _ACCENTS:
        return _ACCENTS[(kids[1].text or "").strip()] + "{" + parts[0] + "}"
    base = (
        parts[0]
        if len(parts[0]) == 1 or re.fullmatch(r"\\[A-Za-z]+", parts[0])
        else "{" + parts[0] + "}"
    )
    if tag in ("msup", "mover"):
        return base + "^{" + parts[1] + "}"
    if tag in ("msub", "munder"):
        return base + "_{" + parts[1] + "}"
    return base + "_{" + parts[1] + "}^{" + parts[2] + "}"


def _fenced(el: etree._Element, kids: list[etree._Element]) -> str:
    seps = "".join((el.get("separators", ",") or "").split())
    inner = ""
    for i, child in enumerate(kids):
        if i and seps:
            inner += seps[min(i - 1, len(seps) - 1)]
        inner += _tex(child)
    return el.get("open", "(") + inner + el.get("close", ")")


def _join(parts: list[str]) -> str:
    out = ""
    for part in parts:
        if out and re.search(r"\\[A-Za-z]+$", out) and re.match(r"[A-Za-z0-9]", part):
            out += " "
        out += part
    return out
