"""Character tables of the MathType converter: MTCode (Unicode plus MathType's private-use
characters) → LaTeX that KaTeX renders, the Symbol font's 8-bit layout, function names and
MathType's typeface numbers."""

from __future__ import annotations

from question_bank.formats.docx.omml_symbols import CHAR_LATEX, FUNCS
from question_bank.formats.docx.symbol_fonts import SYMBOL

# Typeface values of CHAR records (MTEF "fn…" styles).
FN_TEXT, FN_FUNCTION, FN_VARIABLE, FN_LCGREEK, FN_UCGREEK, FN_SYMBOL = 1, 2, 3, 4, 5, 6
FN_VECTOR, FN_NUMBER, FN_USER1, FN_USER2, FN_MTEXTRA, FN_TEXT_FE = 7, 8, 9, 10, 11, 12
FN_EXPAND, FN_MARKER, FN_SPACE = 22, 23, 24
TEXT_FACES = {FN_TEXT, FN_TEXT_FE}

# MTCode → LaTeX. Everything the Word-equation reader knows, plus what MathType uses more.
MATH_CHARS: dict[str, str] = dict(CHAR_LATEX)
MATH_CHARS.pop("°")  # handled as a superscript (it must not follow another one)
MATH_CHARS.pop("′")
MATH_CHARS.pop("″")
MATH_CHARS.pop("‴")
MATH_CHARS.update(
    {
        "∆": "\\Delta", "Ω": "\\Omega", "µ": "\\mu", "∈": "\\in", "∋": "\\ni",
        "⊄": "\\not\\subset", "⊈": "\\nsubseteq", "⊉": "\\nsupseteq", "⊊": "\\subsetneq",
        "⇌": "\\rightleftharpoons", "⇋": "\\leftrightharpoons", "⇄": "\\rightleftarrows",
        "⇆": "\\leftrightarrows", "⟶": "\\longrightarrow", "⟵": "\\longleftarrow",
        "⟷": "\\longleftrightarrow", "⟹": "\\Longrightarrow", "⟸": "\\Longleftarrow",
        "⟺": "\\Longleftrightarrow", "↗": "\\nearrow", "↘": "\\searrow", "↙": "\\swarrow",
        "↖": "\\nwarrow", "⇑": "\\Uparrow", "⇓": "\\Downarrow", "↕": "\\updownarrow",
        "↺": "\\circlearrowleft", "↻": "\\circlearrowright", "↪": "\\hookrightarrow",
        "↩": "\\hookleftarrow", "⊥": "\\perp", "∥": "\\parallel", "∦": "\\nparallel",
        "△": "\\triangle", "▵": "\\triangle", "∡": "\\measuredangle", "∢": "\\sphericalangle",
        "∽": "\\backsim", "≌": "\\cong", "≅": "\\cong", "≆": "\\ncong", "≢": "\\not\\equiv",
        "≮": "\\nless", "≯": "\\ngtr", "≰": "\\nleq", "≱": "\\ngeq", "≺": "\\prec",
        "≻": "\\succ", "≲": "\\lesssim", "≳": "\\gtrsim", "≐": "\\doteq", "≜": "\\triangleq",
        "∶": ":", "∷": "::", "∣": "\\mid", "∤": "\\nmid", "∙": "\\bullet", "•": "\\bullet",
        "◦": "\\circ", "⊙": "\\odot", "⊘": "\\oslash", "⊖": "\\ominus", "□": "\\square",
        "■": "\\blacksquare", "◊": "\\lozenge", "⋄": "\\diamond", "♦": "\\diamondsuit",
        "♣": "\\clubsuit", "♥": "\\heartsuit", "♠": "\\spadesuit", "ℑ": "\\Im", "ℜ": "\\Re",
        "℘": "\\wp", "ℏ": "\\hbar", "ℓ": "\\ell", "Å": "\\text{Å}",
        "〈": "\\langle", "〉": "\\rangle", "⌢": "\\frown", "⌣": "\\smile", "∔": "\\dotplus",
        "⋉": "\\ltimes", "⋊": "\\rtimes", "⊻": "\\veebar", "⊼": "\\barwedge", "⊢": "\\vdash",
        "⊣": "\\dashv", "⊨": "\\models", "∎": "\\blacksquare", "∁": "\\complement",
        "∬": "\\iint", "∭": "\\iiint", "∮": "\\oint", "∯": "\\oiint", "∰": "\\oiiint",
        "∐": "\\coprod", "⋃": "\\bigcup", "⋂": "\\bigcap", "⋁": "\\bigvee", "⋀": "\\bigwedge",
        "⨁": "\\bigoplus", "⨂": "\\bigotimes", "ϒ": "\\Upsilon", "⁄": "/", "ƒ": "f",
        "ϰ": "\\varkappa", "ϝ": "\\digamma", "Ϝ": "\\digamma", "ℵ": "\\aleph", "ℶ": "\\beth",
        "\u2212": "-", "\u2013": "-", "\u2014": "\\text{—}", "\u00b7": "\\cdot",
        "\u2026": "\\ldots", "\u22ef": "\\cdots", "\u2032": "'", "\u00ac": "\\neg",
        "\u2016": "\\|", "|": "|", "\\": "\\backslash", "~": "\\sim", "&": "\\&",
        "^": "\\hat{}", "\u00a0": "~", "\u2002": "\\enspace ", "\u2003": "\\quad ",
        "\u2009": "\\,", "\u200a": "\\,", "\u2005": "\\;", "\u2004": "\\;", "\u2006": "\\,",
        "\u2007": "\\enspace ", "\u2008": "\\,", "\u202f": "\\,", "\u205f": "\\:",
        "\u200b": "", "\u2060": "", "\u2061": "", "\u2062": "", "\u2063": "", "\u2064": "",
        " ": "\\ ",
    }
)  # fmt: skip

# Characters that are primes or the degree sign: superscripts in LaTeX.
PRIMES = {"′": "'", "″": "''", "‴": "'''", "'": "'"}
DEGREE = "°"

# Characters kept as they are inside \text{…}: letters (any script), digits and these.
TEXT_PUNCT = set(" .,;:!?()[]/-+='\"*@%$#&_{}…–—‘’“”«»")
TEXT_ESCAPES = {
    "{": "\\{", "}": "\\}", "\\": "\\textbackslash{}", "$": "\\$", "%": "\\%", "#": "\\#",
    "&": "\\&", "_": "\\_", "^": "\\textasciicircum{}", "~": "\\textasciitilde{}",
}  # fmt: skip

# The Symbol font (8-bit positions): Equation Editor 3.0 and MTEF without MTCode use it.
# The Word reader's table, without the signs that have no place in an equation (€, ↵ and
# the ®, ©, ™ of both faces): those stay unknown there, so the equation keeps its picture.
_TEXT_ONLY = frozenset({0xA0, 0xBF, 0xD2, 0xD3, 0xD4, 0xE2, 0xE3, 0xE4})
SYMBOL_FONT = {k: v for k, v in SYMBOL.items() if k not in _TEXT_ONLY}

# Function names: LaTeX's own, and those Vietnamese textbooks write (tg, cotg …).
LATEX_FUNCS = set(FUNCS) - {"mod"}
VN_FUNCS = {"tg", "cotg", "cotan", "arctg", "arccotg", "sh", "ch", "th", "cth"}

# MathType's space characters (typeface fnSPACE), by the low byte of their MTCode.
SPACES = {0: "", 1: "\\,", 2: "\\,", 3: "\\:", 4: "\\;", 5: "\\quad ", 6: "\\qquad ", 8: "\\,"}

# Big operators by character, and by template when the character is missing.
BIG_OPS = {
    "∫": "\\int", "∬": "\\iint", "∭": "\\iiint", "∮": "\\oint", "∯": "\\oiint",
    "∰": "\\oiiint", "∑": "\\sum", "∏": "\\prod", "∐": "\\coprod", "⋃": "\\bigcup",
    "⋂": "\\bigcap", "⋁": "\\bigvee", "⋀": "\\bigwedge", "⨁": "\\bigoplus",
    "⨂": "\\bigotimes", "⨀": "\\bigodot", "⨄": "\\biguplus",
}  # fmt: skip

# Expanding arrows with text over/under them, by the arrow character.
ARROWS = {
    "→": "\\xrightarrow", "⟶": "\\xrightarrow", "←": "\\xleftarrow", "⟵": "\\xleftarrow",
    "↔": "\\xleftrightarrow", "⟷": "\\xleftrightarrow", "⇒": "\\xRightarrow",
    "⟹": "\\xRightarrow", "⇐": "\\xLeftarrow", "⇔": "\\xLeftrightarrow",
    "⟺": "\\xLeftrightarrow", "⇄": "\\xrightleftarrows", "⇌": "\\xrightleftharpoons",
    "⇋": "\\xleftrightharpoons", "↦": "\\xmapsto", "⇀": "\\xrightharpoonup",
    "⇁": "\\xrightharpoondown", "↼": "\\xleftharpoonup", "↽": "\\xleftharpoondown",
}  # fmt: skip
