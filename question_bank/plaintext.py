"""Readable one-line text for questions whose HTML carries LaTeX (admin lists, choosers).

Admin lists and choosers show ``str(question)``, plain text without KaTeX. Raw TeX there
(``\\(y = 2x^3 - \\frac{1}{2}\\)``) is unreadable for teachers, so the formulas are turned
into Unicode text the way one would type them: ``y = 2x³ − 1/2``. This is a summary for
lists, never a substitute for the rendered formula on pages.
"""

import re

from question_bank.html import plain_text

# Math delimiters as MathJax/KaTeX auto-render reads them in our HTML.
_MATH = re.compile(r"\\\((.+?)\\\)|\\\[(.+?)\\\]|\$\$(.+?)\$\$|\$(.+?)\$", re.S)

_GREEK = {
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ε",
    "varepsilon": "ε",
    "zeta": "ζ",
    "eta": "η",
    "theta": "θ",
    "vartheta": "ϑ",
    "iota": "ι",
    "kappa": "κ",
    "lambda": "λ",
    "mu": "μ",
    "nu": "ν",
    "xi": "ξ",
    "pi": "π",
    "rho": "ρ",
    "sigma": "σ",
    "tau": "τ",
    "upsilon": "υ",
    "phi": "φ",
    "varphi": "φ",
    "chi": "χ",
    "psi": "ψ",
    "omega": "ω",
    "Gamma": "Γ",
    "Delta": "Δ",
    "Theta": "Θ",
    "Lambda": "Λ",
    "Xi": "Ξ",
    "Pi": "Π",
    "Sigma": "Σ",
    "Phi": "Φ",
    "Psi": "Ψ",
    "Omega": "Ω",
}
# Relations and arrows: spaced like "a ≤ b" whatever the source spacing.
_RELATIONS = {
    "le": "≤",
    "leq": "≤",
    "leqslant": "≤",
    "ge": "≥",
    "geq": "≥",
    "geqslant": "≥",
    "ne": "≠",
    "neq": "≠",
    "approx": "≈",
    "equiv": "≡",
    "sim": "∼",
    "in": "∈",
    "notin": "∉",
    "subset": "⊂",
    "subseteq": "⊆",
    "supset": "⊃",
    "to": "→",
    "rightarrow": "→",
    "leftarrow": "←",
    "Rightarrow": "⇒",
    "Leftarrow": "⇐",
    "Leftrightarrow": "⇔",
    "iff": "⇔",
    "implies": "⇒",
    "perp": "⊥",
    "parallel": "∥",
    "cup": "∪",
    "cap": "∩",
    "setminus": "∖",
    "pm": "±",
    "mp": "∓",
    "times": "×",
    "div": "÷",
}
_SYMBOLS = {
    "cdot": "·",
    "infty": "∞",
    "int": "∫",
    "iint": "∬",
    "oint": "∮",
    "sum": "∑",
    "prod": "∏",
    "partial": "∂",
    "nabla": "∇",
    "forall": "∀",
    "exists": "∃",
    "emptyset": "∅",
    "varnothing": "∅",
    "angle": "∠",
    "triangle": "△",
    "circ": "∘",
    "degree": "°",
    "ldots": "…",
    "cdots": "⋯",
    "dots": "…",
    "prime": "′",
    "neg": "¬",
    "land": "∧",
    "lor": "∨",
    "wedge": "∧",
    "vee": "∨",
    "%": "%",
    "{": "{",
    "}": "}",
    "$": "$",
    "&": "&",
    "#": "#",
    "_": "_",
    "|": "‖",
    "langle": "⟨",
    "rangle": "⟩",
    "lfloor": "⌊",
    "rfloor": "⌋",
    "lceil": "⌈",
    "rceil": "⌉",
    "vert": "|",
    "Vert": "‖",
    "lbrace": "{",
    "rbrace": "}",
}
_FUNCTIONS = {
    "sin",
    "cos",
    "tan",
    "cot",
    "sec",
    "csc",
    "arcsin",
    "arccos",
    "arctan",
    "sinh",
    "cosh",
    "tanh",
    "log",
    "ln",
    "lg",
    "exp",
    "lim",
    "max",
    "min",
    "sup",
    "inf",
    "det",
    "gcd",
    "deg",
}
_SPACES = {",", ";", ":", " ", "quad", "qquad", "enspace", "thinspace", "medspace"}
_BLACKBOARD = {"R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ", "P": "ℙ"}
# Commands whose argument is shown as it is (fonts, text, operator names, boxes).
_KEEP_ARGUMENT = {
    "text",
    "textrm",
    "textbf",
    "textit",
    "mathrm",
    "mathbf",
    "mathit",
    "mathsf",
    "mathcal",
    "boldsymbol",
    "operatorname",
    "mbox",
    "displaystyle",
    "textstyle",
    "underline",
    "boxed",
    "ce",
}
_ACCENTS = {
    "vec": "\u20d7",
    "overrightarrow": "\u20d7",
    "bar": "\u0305",
    "overline": "\u0305",
    "hat": "\u0302",
    "widehat": "\u0302",
    "tilde": "\u0303",
    "widetilde": "\u0303",
    "dot": "\u0307",
}
# Size and style switches that print nothing.
_IGNORED = {
    "left",
    "right",
    "big",
    "Big",
    "bigg",
    "Bigg",
    "bigl",
    "bigr",
    "Bigl",
    "Bigr",
    "limits",
    "nolimits",
    "displaystyle",
    "textstyle",
    "scriptstyle",
    "mathstrut",
    "hline",
    "nonumber",
}

_SUPERSCRIPTS = str.maketrans(
    "0123456789+-−=()nixabcdefghjklmoprstuvwyzABDEGHIJKLMNOPRTUVW",
    "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱˣᵃᵇᶜᵈᵉᶠᵍʰʲᵏˡᵐᵒᵖʳˢᵗᵘᵛʷʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂ",
)
_SUPERSCRIPT_CHARS = set("0123456789+-−=()nixabcdefghjklmoprstuvwyzABDEGHIJKLMNOPRTUVW")
_SUBSCRIPTS = str.maketrans(
    "0123456789+-−=()aeoxhklmnpstijruv", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜᵢⱼᵣᵤᵥ"
)
_SUBSCRIPT_CHARS = set("0123456789+-−=()aeoxhklmnpstijruv")
# A fraction's part is wrapped in parentheses unless it is one "word" (2, x², √3, sin x).
_COMPOUND = re.compile(r"[\s+\-−=±∓·×÷/<>≤≥]")
_TOKEN = re.compile(r"\\([A-Za-z]+)|\\(.)|(\s+)|(.)", re.S)


def _tokens(tex: str) -> list[tuple[str, str]]:
    """(kind, value) pairs: ("cmd", name), ("space", " ") or ("char", c)."""
    out = []
    for word, symbol, space, char in _TOKEN.findall(tex):
        if word:
            out.append(("cmd", word))
        elif symbol:
            out.append(("cmd", symbol))
        elif space:
            out.append(("space", " "))
        else:
            out.append(("char", char))
    return out


class _Reader:
    def __init__(self, tex: str):
        self.tokens = _tokens(tex)
        self.pos = 0

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self):
        token = self.peek()
        self.pos += 1
        return token

    def skip_spaces(self):
        while (token := self.peek()) and token[0] == "space":
            self.pos += 1

    def group(self, close: str = "}") -> str:
        """Text up to the closing brace (or the end), converted."""
        parts = []
        while (token := self.peek()) is not None:
            if token == ("char", close):
                self.pos += 1
                break
            parts.append(self.item())
        return "".join(parts)

    def argument(self) -> str:
        """One argument: a braced group or the next single item."""
        self.skip_spaces()
        token = self.peek()
        if token is None:
            return ""
        if token == ("char", "{"):
            self.pos += 1
            return self.group().strip()
        return self.item().strip()

    def optional(self) -> str:
        """A bracketed optional argument ([3] of \\sqrt[3]{x}), or ""."""
        if self.peek() != ("char", "["):
            return ""
        self.pos += 1
        return self.group("]").strip()

    def item(self) -> str:
        kind, value = self.take()
        if kind == "space":
            return " "
        if kind == "char":
            return self._char(value)
        for names, handler in _COMMANDS:
            if value in names:
                return handler(self, value)
        # Unknown command: its name reads better than a backslash.
        return value

    # One handler per group of commands (see _COMMANDS), each name → text.
    def _fraction(self, name: str) -> str:
        top, bottom = self.argument(), self.argument()
        return f"{_wrap(top)}/{_wrap(bottom)}"

    def _sqrt(self, name: str) -> str:
        index = self.optional()
        radicand = self.argument()
        root = {"": "√", "3": "∛", "4": "∜"}.get(index)
        if root is None:
            root = index.translate(_SUPERSCRIPTS) + "√"
        return f"{root}{_wrap(radicand)}"

    def _blackboard(self, name: str) -> str:
        text = self.argument()
        return "".join(_BLACKBOARD.get(c, c) for c in text)

    def _accent(self, name: str) -> str:
        text = self.argument()
        mark = _ACCENTS[name]
        if name in ("vec", "overrightarrow", "widehat", "widetilde"):
            return text + mark  # one mark over the whole name: AB⃗, ABĈ
        return "".join(c + mark for c in text)

    def _keep_argument(self, name: str) -> str:
        if self.peek() == ("char", "{"):
            return self.argument()
        return ""

    def _environment(self, name: str) -> str:
        """``\\begin{…}``/``\\end{…}``: braces for cases, parentheses for matrices."""
        environment = self.argument()
        if name == "begin" and environment == "cases":
            return "{ "
        if environment in ("pmatrix", "bmatrix"):
            return "(" if name == "begin" else ")"
        if name == "begin" and environment in ("array", "tabular"):
            self.argument()  # the column spec
        return " "

    def _row_break(self, name: str) -> str:
        return "; "

    def _space(self, name: str) -> str:
        return " "

    def _ignored(self, name: str) -> str:
        return ""

    def _greek(self, name: str) -> str:
        return _GREEK[name]

    def _relation(self, name: str) -> str:
        return f" {_RELATIONS[name]} "

    def _symbol(self, name: str) -> str:
        return _SYMBOLS[name]

    def _function(self, name: str) -> str:
        # "sin x", but "log₂" and "lim_(x → 0)" keep their index attached.
        return name if self.peek() in (("char", "^"), ("char", "_")) else f"{name} "

    def _char(self, value: str) -> str:
        if value == "{":
            return self.group()
        if value == "}":
            return ""
        if value in "^_":
            script = self.argument()
            return _script(script, superscript=value == "^")
        if value == "&":
            return " "
        if value == "~":
            return " "
        if value == "-":
            return "−"
        return value


# Command groups in order of precedence (``displaystyle`` is in ``_KEEP_ARGUMENT`` and in
# ``_IGNORED``: the first wins).
_COMMANDS = (
    ({"frac", "dfrac", "tfrac", "cfrac"}, _Reader._fraction),
    ({"sqrt"}, _Reader._sqrt),
    ({"mathbb"}, _Reader._blackboard),
    (_ACCENTS, _Reader._accent),
    (_KEEP_ARGUMENT, _Reader._keep_argument),
    ({"begin", "end"}, _Reader._environment),
    ({"\\"}, _Reader._row_break),
    (_SPACES, _Reader._space),
    (_IGNORED, _Reader._ignored),
    (_GREEK, _Reader._greek),
    (_RELATIONS, _Reader._relation),
    (_SYMBOLS, _Reader._symbol),
    (_FUNCTIONS, _Reader._function),
)


def _wrap(text: str) -> str:
    text = text.strip()
    return f"({text})" if _COMPOUND.search(text) else text


def _script(text: str, *, superscript: bool) -> str:
    chars, table, mark = (
        (_SUPERSCRIPT_CHARS, _SUPERSCRIPTS, "^")
        if superscript
        else (_SUBSCRIPT_CHARS, _SUBSCRIPTS, "_")
    )
    compact = text.replace(" ", "")
    if compact and all(c in chars for c in compact):
        return compact.translate(table)
    if text in ("′", "′′", "∘", "°"):
        return "°" if text in ("∘", "°") else text
    return f"{mark}{_wrap(text)}" if text else ""


def latex_to_text(tex: str) -> str:
    """A TeX formula as one line of Unicode text: ``\\frac{1}{2}x^2`` → ``1/2x²``."""
    text = _Reader(tex or "").group(close="\x00")
    text = re.sub(r"\s+", " ", text).strip()
    # Spaces the relations added next to brackets and separators look odd: "( ≤" → "(≤".
    return re.sub(r"([(\[{]) | ([)\]},;])", lambda m: m.group(1) or m.group(2), text)


def math_to_text(text: str) -> str:
    """Plain text with every ``\\(…\\)``, ``\\[…\\]``, ``$…$`` formula turned into Unicode text."""
    return _MATH.sub(lambda m: latex_to_text(next(g for g in m.groups() if g is not None)), text)


def summary(html: str | None, *, limit: int = 90) -> str:
    """One readable line for lists: visible text, formulas as Unicode, cut at ``limit``."""
    text = math_to_text(plain_text(html))
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    return text[:limit].rstrip() + "…"
