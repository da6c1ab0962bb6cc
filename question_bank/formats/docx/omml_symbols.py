"""Symbol and command tables of the OMML ↔ LaTeX conversion (both directions)."""

from __future__ import annotations

# ---------------------------------------------------------------------------------------
# Symbol tables
# ---------------------------------------------------------------------------------------

GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ϵ": "epsilon", "ε": "varepsilon",
    "ζ": "zeta", "η": "eta", "θ": "theta", "ϑ": "vartheta", "ι": "iota", "κ": "kappa",
    "λ": "lambda", "μ": "mu", "ν": "nu", "ξ": "xi", "π": "pi", "ϖ": "varpi", "ρ": "rho",
    "ϱ": "varrho", "σ": "sigma", "ς": "varsigma", "τ": "tau", "υ": "upsilon", "ϕ": "phi",
    "φ": "varphi", "χ": "chi", "ψ": "psi", "ω": "omega", "Γ": "Gamma", "Δ": "Delta",
    "Θ": "Theta", "Λ": "Lambda", "Ξ": "Xi", "Π": "Pi", "Σ": "Sigma", "Υ": "Upsilon",
    "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega",
}  # fmt: skip

SYMBOLS = {
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

BLACKBOARD = {"ℝ": "R", "ℕ": "N", "ℤ": "Z", "ℚ": "Q", "ℂ": "C", "ℙ": "P"}

# Characters written verbatim except these.
CHAR_LATEX: dict[str, str] = {ch: "\\" + name for ch, name in {**GREEK, **SYMBOLS}.items()}
CHAR_LATEX.update({ch: "\\mathbb{" + letter + "}" for ch, letter in BLACKBOARD.items()})
CHAR_LATEX.update(
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
LATEX_CHAR: dict[str, str] = {name: ch for ch, name in {**GREEK, **SYMBOLS}.items()}
LATEX_CHAR.update(
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
LATEX_CHAR.pop("|", None)
LATEX_CHAR.pop("not\\subset", None)

FUNCS = {
    "sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "sinh", "cosh",
    "tanh", "coth", "log", "ln", "lg", "exp", "lim", "max", "min", "sup", "inf", "det",
    "gcd", "deg", "dim", "ker", "arg", "liminf", "limsup", "Pr", "hom", "mod",
}  # fmt: skip
LIMIT_FUNCS = {"lim", "max", "min", "sup", "inf", "liminf", "limsup"}

NARY = {
    "∑": "sum", "∫": "int", "∬": "iint", "∭": "iiint", "∮": "oint", "∏": "prod",
    "∐": "coprod", "⋃": "bigcup", "⋂": "bigcap", "⋁": "bigvee", "⋀": "bigwedge",
    "⨁": "bigoplus",
}  # fmt: skip
NARY_CHR = {name: ch for ch, name in NARY.items()}
NARY_UNDOVR = {"sum", "prod", "coprod", "bigcup", "bigcap", "bigvee", "bigwedge", "bigoplus"}

ACCENT_LATEX = {
    "\u20d7": "vec", "\u2192": "vec", "\u0305": "overline", "\u00af": "overline",
    "\u203e": "overline", "\u0302": "hat", "^": "hat", "\u0303": "tilde", "~": "tilde",
    "\u0307": "dot", "\u0308": "ddot", "\u0306": "breve", "\u030c": "check",
    "\u0301": "acute", "\u0300": "grave", "\u20d6": "overleftarrow",
    "\u20e1": "overleftrightarrow", "\u2322": "widehat", "\u23dc": "widehat",
    "\u0311": "widehat", "\u2312": "widehat",
}  # fmt: skip
ACCENT_CHR = {
    "vec": "\u20d7", "hat": "\u0302", "widehat": "\u0302", "tilde": "\u0303",
    "widetilde": "\u0303", "dot": "\u0307", "ddot": "\u0308", "breve": "\u0306",
    "check": "\u030c", "acute": "\u0301", "grave": "\u0300", "bar": "\u0305",
    "overleftrightarrow": "\u20e1",
}  # fmt: skip

DELIM_LATEX = {
    "(": "(", ")": ")", "[": "[", "]": "]", "{": "\\{", "}": "\\}", "|": "|", "‖": "\\|",
    "⟨": "\\langle", "〈": "\\langle", "⟩": "\\rangle", "〉": "\\rangle", "⌊": "\\lfloor",
    "⌋": "\\rfloor", "⌈": "\\lceil", "⌉": "\\rceil", "": ".",
}  # fmt: skip
MATRIX_ENVS = {("(", ")"): "pmatrix", ("[", "]"): "bmatrix", ("{", "}"): "Bmatrix",
                ("|", "|"): "vmatrix", ("‖", "‖"): "Vmatrix"}  # fmt: skip

# LaTeX → OMML only: commands by what they do.
TEXT_CMDS = {
    "text": "nor", "textrm": "nor", "mbox": "nor", "textnormal": "nor", "textit": "nor",
    "textbf": "nor", "mathrm": "p", "operatorname": "p", "mathbf": "b", "boldsymbol": "b",
    "mathit": None, "mathbb": "bb", "Bbb": "bb",
}  # fmt: skip
SPACE_CMDS = {",": "\u2009", ":": "\u205f", ";": "\u2005", ">": "\u205f", " ": " "}
IGNORED_CMDS = {
    "displaystyle", "textstyle", "scriptstyle", "limits", "nolimits", "big", "Big", "bigg",
    "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "middle", "nonumber", "notag",
    "mathop", "mathord", "mathrel", "mathbin", "mathpunct",
}  # fmt: skip
GROUP_CHARS = {
    "overrightarrow": ("→", "top"),
    "overleftarrow": ("←", "top"),
    "overbrace": ("\u23de", "top"),
    "underbrace": ("\u23df", "bot"),
}
MATRIX_NAMES = {"matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix", "array",
                "smallmatrix"}  # fmt: skip
MATRIX_DELIMS = {"pmatrix": ("(", ")"), "bmatrix": ("[", "]"), "Bmatrix": ("{", "}"),
                  "vmatrix": ("|", "|"), "Vmatrix": ("‖", "‖")}  # fmt: skip
