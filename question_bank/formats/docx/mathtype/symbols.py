"""Character tables of the MathType converter: MTCode (Unicode plus MathType's private-use
characters) → LaTeX that KaTeX renders, the Symbol font's 8-bit layout, function names and
MathType's typeface numbers."""

from __future__ import annotations

from question_bank.formats.docx.omml_symbols import CHAR_LATEX, FUNCS

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
SYMBOL_FONT = {
    0x22: "∀", 0x24: "∃", 0x27: "∋", 0x2A: "∗", 0x2D: "−", 0x40: "≅", 0x41: "Α", 0x42: "Β",
    0x43: "Χ", 0x44: "Δ", 0x45: "Ε", 0x46: "Φ", 0x47: "Γ", 0x48: "Η", 0x49: "Ι", 0x4A: "ϑ",
    0x4B: "Κ", 0x4C: "Λ", 0x4D: "Μ", 0x4E: "Ν", 0x4F: "Ο", 0x50: "Π", 0x51: "Θ", 0x52: "Ρ",
    0x53: "Σ", 0x54: "Τ", 0x55: "Υ", 0x56: "ς", 0x57: "Ω", 0x58: "Ξ", 0x59: "Ψ", 0x5A: "Ζ",
    0x5C: "∴", 0x5E: "⊥", 0x61: "α", 0x62: "β", 0x63: "χ", 0x64: "δ", 0x65: "ε", 0x66: "φ",
    0x67: "γ", 0x68: "η", 0x69: "ι", 0x6A: "ϕ", 0x6B: "κ", 0x6C: "λ", 0x6D: "μ", 0x6E: "ν",
    0x6F: "ο", 0x70: "π", 0x71: "θ", 0x72: "ρ", 0x73: "σ", 0x74: "τ", 0x75: "υ", 0x76: "ϖ",
    0x77: "ω", 0x78: "ξ", 0x79: "ψ", 0x7A: "ζ", 0x7E: "∼", 0xA1: "ϒ", 0xA2: "′", 0xA3: "≤",
    0xA4: "⁄", 0xA5: "∞", 0xA6: "ƒ", 0xA7: "♣", 0xA8: "♦", 0xA9: "♥", 0xAA: "♠", 0xAB: "↔",
    0xAC: "←", 0xAD: "↑", 0xAE: "→", 0xAF: "↓", 0xB0: "°", 0xB1: "±", 0xB2: "″", 0xB3: "≥",
    0xB4: "×", 0xB5: "∝", 0xB6: "∂", 0xB7: "•", 0xB8: "÷", 0xB9: "≠", 0xBA: "≡", 0xBB: "≈",
    0xBC: "…", 0xC0: "ℵ", 0xC1: "ℑ", 0xC2: "ℜ", 0xC3: "℘", 0xC4: "⊗", 0xC5: "⊕", 0xC6: "∅",
    0xC7: "∩", 0xC8: "∪", 0xC9: "⊃", 0xCA: "⊇", 0xCB: "⊄", 0xCC: "⊂", 0xCD: "⊆", 0xCE: "∈",
    0xCF: "∉", 0xD0: "∠", 0xD1: "∇", 0xD5: "∏", 0xD6: "√", 0xD7: "⋅", 0xD8: "¬", 0xD9: "∧",
    0xDA: "∨", 0xDB: "⇔", 0xDC: "⇐", 0xDD: "⇑", 0xDE: "⇒", 0xDF: "⇓", 0xE0: "◊", 0xE1: "〈",
    0xE5: "∑", 0xF1: "〉", 0xF2: "∫",
}  # fmt: skip

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
